"""The grammar of `extract.grammar`, compiled once into regular expressions.

Every quantifier here is bounded, so a match attempt at any position costs a
constant amount of work and a scan is linear in the text's length, whatever the
text (100,000 slashes and digits included).
"""

from __future__ import annotations

import re

from extract.grammar import (
    BLOCKING_WORDS, CUES, DEPARTMENT_NAMES, JOINT_ISSUERS, KIND_QUALIFIERS,
    KIND_WORDS, LOCAL_ISSUER_ENDINGS, PASSIVE_AFTER, PASSIVE_BEFORE, PASSIVE_CUES,
    REPORTING_VERBS, SIDE_LIST_HEADINGS, SIGNATURE_TITLES, TYPE_LINES,
)
from extract.grammar_issuers import OFFICIAL_TITLES


def alternation(phrases) -> str:
    """Longest first, so a longer phrase wins over its prefix; spaces match any run
    of up to three spaces or line breaks (full texts wrap lines mid-phrase)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s{1,3}") for p in ordered)


def trie(phrases, *, word_start: bool = True) -> str:
    """The same language as `alternation`, factored by common prefixes.

    A match attempt then costs one character comparison per branch instead of one
    phrase per alternative, and since every branch opens with a plain letter the
    regex engine skips ahead to those letters in C. With `word_start`, the phrase
    must not continue a word: the look-behind that says so stands after its first
    letter (`(?<!\\w.)`), where it leaves that skip-ahead intact. A longer phrase
    still wins over its prefix (optional tails are greedy). Phrases are taken as
    written: lower them for a scan of the lower-cased text (`lower_same_length`).
    """
    root: dict = {}
    for phrase in set(phrases):
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alts = [(r"\s{1,3}" if ch == " " else re.escape(ch)) + branch(node[ch])
                for ch in sorted(node) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    check = r"(?<!\w.)" if word_start else ""
    return "(?:" + "|".join(re.escape(ch) + check + branch(root[ch]) for ch in sorted(root)) + ")"


# --- document numbers ---------------------------------------------------------------

# Up to three spaces/line breaks around a separator: "05- CT/TW", "3863 /UBND",
# "59/2023/NĐ-\nCP".
_SEP = r"[ \n]{0,3}"
# A code: an upper-case letter, then letters, then an optional term number (QH14).
# "CCHC&PC": two departments joined by "&" in one code.
_CODE = r"[A-ZĐ][A-Za-zĐđ]{0,11}(?:&[A-ZĐ][A-Za-zĐđ]{0,7})?\d{0,2}"

# The decimal digits of the Basic Multilingual Plane (every character `\d` matches there),
# then every character beyond it: as the first character of a scan, a class of characters
# is one table look-up per character of the text, where `\d` asks Unicode's tables;
# a character beyond the plane is then held to `\d` itself (`(?<=\d)`).
DIGIT_FIRST = (
    "[0-9\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f"
    "\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def"
    "\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099\u17e0-\u17e9\u1810-\u1819"
    "\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49"
    "\u1c50-\u1c59\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59"
    "\uabf0-\uabf9\uff10-\uff19\U00010000-\U0010ffff](?<=\\d)"
)

NUMBER = re.compile(
    # The first digit opens the pattern, and the test that no word, slash, dot or dash
    # stands before it follows that digit: the regex engine then skips ahead to digits.
    # A serial may end in a letter: 45b/NQ-CP, 12a-KH/TU.
    DIGIT_FIRST + r"(?<![\w/.\-]\d)"
    r"(?:"
    # Party style: 25-NQ/TW, 1573-KH/BDVTW-BCSĐCP, 11-QĐi/TW
    rf"\d{{0,4}}[a-zA-Z]?{_SEP}-{_SEP}{_CODE}{_SEP}/{_SEP}{_CODE}(?:{_SEP}-{_SEP}{_CODE}){{0,3}}"
    r"|"
    # State style: 33/CT-TTg, 59/2023/NĐ-CP, 88/2019/QH14, 01/QCPH/UBND-UBMTTQ, 28/CP
    rf"\d{{0,5}}[a-zA-Z]?{_SEP}/{_SEP}(?:(?:19|20)\d\d{_SEP}/{_SEP})?{_CODE}"
    rf"(?:{_SEP}[-/]{_SEP}{_CODE}){{0,4}}"
    r")"
    r"(?![\w])"
)

# After a number: the rest of its last code past a stray space ("TT-BGD| ĐT", "BCĐ| 35"),
# kept where the joined code is one (`mentions._code_end` decides)
CODE_CONTINUATION = re.compile(r" (?:(?P<letters>[A-ZĐ][A-Za-zĐđ]{0,5})|(?P<digits>\d{1,2}))(?![\w/\-])")
# The digits that end a number's last code, and that code's letters: "TW|2", "QH|14"
CODE_DIGITS_AT_END = re.compile(r"(?P<letters>[A-Za-zĐđ]{1,12})(?P<digits>\d{1,2})$")
# A combining mark (left in the text where it composes with nothing: `mentions._marks_end`)
COMBINING_MARK = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# The letters that end a number (its last code, when it carries no digits)
LAST_CODE_LETTERS = re.compile(r"[A-Za-zĐđ]{1,12}$")

# A token that contains a number but is a file name or an address, not a citation.
URL_OR_FILE = re.compile(
    r"(?:https?://|www\.)\S{0,2000}|\S{0,200}\.(?:pdf|docx?|xlsx?|zip|rar|html?|aspx|jpe?g|png)\b",
    re.IGNORECASE,
)

# --- dates --------------------------------------------------------------------------

_DATE_BODY = (
    r"(?P<d>\d{1,2})\s{0,2}"
    r"(?:[/.\-]\s{0,2}(?P<m>\d{1,2})\s{0,2}[/.\-]\s{0,2}"
    r"|\s{1,3}tháng\s{1,3}(?P<m2>\d{1,2})\s{1,3}năm\s{1,3}"
    r"|[/\-](?P<m3>\d{1,2})\s{1,3}năm\s{1,3})"
    # a stray space may split the year ("ngày 16/7/20 19": `ya` and `yb`, joined by `date_of`)
    r"(?:(?P<y>(?:19|20)\d\d)|(?P<ya>(?:19|20)\d?) (?P<yb>\d{1,2}))(?!\d)"
)
DATE = re.compile(_DATE_BODY, re.IGNORECASE)
# "ngày 26/11/2021", "ngày 16\ntháng 01 năm 2025", "ban hành ngày ...", "cấp ngày ..."
DATE_AFTER = re.compile(r"(?:(?:ban hành|cấp|ký)\s{1,3})?ngày\s{1,3}" + _DATE_BODY,
                        re.IGNORECASE)
# A sentence that opens with its date: "Ngày 29/05/2025, UBND tỉnh ..."
LEADING_DATE = re.compile(r"N(?<!\w.)gày\s{1,3}" + _DATE_BODY)   # (the "N" first: a search skips to it)
# The characters a match of a case-insensitive pattern may start with, where a scanner
# tests the character before it tries the pattern (most tries fail at their first one):
# the first letters in both cases, and the Kelvin sign `re.IGNORECASE` takes for "k".
_KELVIN = "\N{KELVIN SIGN}"
DATE_AFTER_FIRST = frozenset("bBcCkKnN" + _KELVIN)
# "Bắc Kạn, ngày 16 tháng 01 năm 2025" in a full text's header
PLACE_DATE = re.compile(r"ngày\s{1,4}" + _DATE_BODY, re.IGNORECASE)

# --- words before a number -----------------------------------------------------------

KIND_WORD_TO_CODE: dict[str, str] = {}
for _code, _words in KIND_WORDS.items():
    for _w in _words:
        KIND_WORD_TO_CODE[_w.lower()] = _code

# "Nghị quyết số ", "Chỉ thị số: ", "Công văn ", "NGHỊ QUYẾT SỐ\n" right before a number.
# Searched in the lower-cased text (`normalize.lower_same_length`), like every pattern
# below whose comment says "lower-cased": the case-insensitive phrase scans.
KIND_BEFORE = re.compile(
    r"(?P<word>" + trie(KIND_WORD_TO_CODE, word_start=False) + r")"
    r"(?:\s{1,3}(?:(?:" + "|".join(q.replace(" ", r"\s{1,3}") for q in KIND_QUALIFIERS) + r")\s{1,3})?)?"
    r"(?:\s{0,3}số\s{0,2}:?)?\s{0,3}$"
)
KIND_WORD = re.compile(r"(?<!\w)" + trie(KIND_WORD_TO_CODE, word_start=False) + r"(?!\w)",
                       re.IGNORECASE)
# lower-cased. `KIND_WORD` for a scan of a whole page's `low` (`lower_same_length`): the same
# spans, without the case-insensitive matching at every position
KIND_WORD_LOW = re.compile(trie({k.lower() for k in KIND_WORD_TO_CODE}) + r"(?!\w)")
# lower-cased. The short form of a number whose serial ends in a letter: "Nghị quyết 36a",
# "nghị quyết số 45b" (the kind word in group `word`, the serial in `serial`)
SHORT_FORM = re.compile(
    r"(?P<word>" + trie(KIND_WORD_TO_CODE) + r")"
    r"\s{1,3}(?:số\s{0,2})?(?P<serial>\d{1,5}[a-z])(?![\w/\-])")

# --- relation cues --------------------------------------------------------------------

# lower-cased
CUE = re.compile(r"(?P<cue>" + trie(k.lower() for k in CUES) + r")(?!\w)")
CUE_TYPES: dict[str, str] = {re.sub(r"\s+", " ", k.lower()): v for k, v in CUES.items()}

# lower-cased. "đã được sửa đổi, bổ sung theo": the phrase, with "đã" before it and
# "theo" after it when they stand there (the cue itself: `PASSIVE_LEAD` and the
# group `by` cut off).
PASSIVE_CUE = re.compile(
    r"(?:" + trie([k.lower() for k in PASSIVE_CUES]
                   + [PASSIVE_BEFORE + " " + k.lower() for k in PASSIVE_CUES])
    + r")(?!\w)(?P<by>\s{1,3}(?:" + "|".join(PASSIVE_AFTER) + r")(?!\w))?"
)
PASSIVE_LEAD = re.compile(PASSIVE_BEFORE + r"\s{1,3}")
PASSIVE_TYPES: dict[str, str] = {re.sub(r"\s+", " ", k.lower()): v
                                 for k, v in PASSIVE_CUES.items()}

# lower-cased
BLOCKING = re.compile(trie(w.lower() for w in BLOCKING_WORDS) + r"(?!\w)")

# Clause boundaries: a semicolon (a list may go on), a sentence end, a blank line,
# a new bullet or numbered item, a colon that ends a line.
# (No groups around the alternatives: a bare alternation of characters lets the regex
# engine skip ahead to them; a semicolon break is the match ";".)
CLAUSE_BREAK = re.compile(
    r";"
    r"|\.(?=\s{1,3}[A-ZĐÀ-Ỹ\d\-+•“\"(])|\.(?=\n)|\.$|\n\s*\n"
    r"|\n(?=\s{0,3}(?:[-+•*]\s|\d{1,2}(?:\.\d{1,2}){0,3}\.\s|[IVX]{1,5}\.\s|Căn\s{1,3}cứ|"
    r"Thực\s{1,3}hiện|Theo\s{1,3}đề\s{1,3}nghị|Xét\s{1,3}đề\s{1,3}nghị))"   # "Căn\ncứ": one cue
    r"|:(?=\s{0,3}\n)|:(?=\s{1,3}[A-ZĐ])"
)

# --- page structure -------------------------------------------------------------------

SIDE_LIST_HEADING = re.compile(
    r"(?im)^[ \t]{0,8}(?:" + alternation(SIDE_LIST_HEADINGS) + r")[ \t]{0,8}:?[ \t]{0,8}$"
)
# A heading at the start of a line (lower-cased; the text's first line aside): a page
# without one has no side list, and this scan skips ahead from line break to line
# break where `SIDE_LIST_HEADING` must try every line start.
SIDE_LIST_HINT = re.compile(
    r"\n[ \t]{0,8}" + trie((h.lower() for h in SIDE_LIST_HEADINGS), word_start=False))
# "- Triển khai ... (09/06/2025, 14:56)", "... cơ sở(21/08/2023 4:36 CH)"
_TIMESTAMP = r"\(\s{0,2}\d{1,2}/\d{1,2}/\d{4},?\s{1,2}\d{1,2}:\d{2}"
TIMESTAMP_LINE = re.compile(
    r"(?m)^.{0,400}" + _TIMESTAMP + r"(?:\s{0,2}(?:SA|CH|AM|PM))?\s{0,2}\)\s{0,4}$"
)
# The timestamp alone: a page without one has no such line (a quick test first).
TIMESTAMP_HINT = re.compile(_TIMESTAMP)

HEADER_NUMBER = re.compile(r"(?im)^[ \t|]{0,8}(?:Số|SỐ)[ \t]{0,3}:?[ \t]{0,3}\n?[ \t]{0,3}(?=\d)")
TYPE_LINE = re.compile(
    r"(?m)^[ \t|]{0,8}(?P<type>" + alternation(TYPE_LINES) + r")[ \t|]{0,8}$"
)
TYPE_LINE_CODES = {re.sub(r"\s+", " ", k): v for k, v in TYPE_LINES.items()}

SIGNATURE = re.compile(
    # a PDF's layout may push the block to the right: up to 80 spaces before it
    r"(?m)^[ \t|]{0,80}(?:" + "|".join(re.escape(t) for t in SIGNATURE_TITLES) + r")"
)

# A body's name starts with one of these words; used to find who issued a subject.
ISSUER_HEAD = re.compile(
    trie(("UBND", "HĐND", "Ủy ban", "Uỷ ban", "UỶ BAN", "ỦY BAN", "Hội đồng", "Ban", "Tỉnh ủy",
           "Tỉnh uỷ", "Huyện ủy", "Huyện uỷ", "Thành ủy", "Thành uỷ", "Thị ủy", "Đảng ủy",
           "Đảng uỷ", "Bộ", "Sở", "Thủ tướng", "Chính phủ", "Văn phòng", "Quốc hội", "Cục",
           "Tổng cục", "Mặt trận", "MTTQ", "Công an", "Bộ Chính trị", "Ban Bí thư"))
    + r"(?!\w)"
)

# An official's title at the start of a name, before the body he heads: "Giám đốc| Sở Tài chính"
OFFICIAL_TITLE = re.compile(trie(OFFICIAL_TITLES) + r"\s{1,3}(?=" + ISSUER_HEAD.pattern + ")")

LAW_START = re.compile(r"(?P<head>" + trie(("Hiến pháp", "Bộ luật", "Luật", "BỘ LUẬT", "LUẬT"))
                       + r")(?=\s)")

# The verb right before a number that makes a news sentence report it: "... ban hành Kế hoạch số"
# (a trie, so a search skips ahead to the verbs' first letters: a leading `(?<!\w)` would
# have it try every position of the lead)
REPORTING = re.compile(trie(REPORTING_VERBS) + r"\s{1,3}$")
# the last words of `REPORTING_VERBS`: a stretch `REPORTING` matches at its end ends, its
# spaces stripped, with one of them (a test of a few characters before the search)
REPORTING_LAST_WORDS = tuple(sorted({v.split()[-1] for v in REPORTING_VERBS}))
# An issuer that names only the page's own locality: "Tỉnh ủy", "UBND tỉnh" (lower-cased)
LOCAL_ISSUER_END = re.compile(
    r"(?<!\w)(?:" + alternation({e.lower() for e in LOCAL_ISSUER_ENDINGS}) + r")$")

# --- issuers --------------------------------------------------------------------------

# The rest of a department's name after "Sở", "Bộ", "Ban", "Cục" ("Sở| Tư pháp").
DEPARTMENT_AFTER = re.compile(
    r"[ \t]{1,3}(?:" + "|".join(re.escape(d).replace(r"\ ", r"[ \t]{1,3}")
                             for d in sorted(DEPARTMENT_NAMES, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE)
# A plenum of the Central Committee cited as the issuer: "Hội nghị Trung ương 7",
# "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng" (any other "Hội nghị" is no plenum).
PLENUM = re.compile(
    r"Hội\s{1,3}nghị(?:\s{1,3}lần\s{1,3}thứ\s{1,3}\w{1,10})?"
    r"\s{1,3}(?:của\s{1,3})?(?:Ban\s{1,3}Chấp\s{1,3}hành\s{1,3})?Trung\s{1,3}ương"
    r"(?:\s{1,3}Đảng)?(?:\s{1,3}(?:lần\s{1,3}thứ\s{1,3}\w{1,10}|\d{1,2}))?",
    re.IGNORECASE)
# (`DATE_AFTER_FIRST`)
PLENUM_FIRST = frozenset("hH")
# After a comma, the name of a second body issuing with the first ("Bộ Chính trị, Ban Bí thư").
JOINT_ISSUER = re.compile(
    "(?:" + "|".join(re.escape(b).replace(r"\ ", r"\s{1,3}") for b in sorted(JOINT_ISSUERS, key=len, reverse=True))
    + r")(?!\w)", re.IGNORECASE)

# A run of white space (collapsed to one space in names, phrases and titles)
SPACES = re.compile(r"\s+")


# --- the subject --------------------------------------------------------------------------
# a signature line in capitals that is a body, not a name
SIGNATURE_BODY_LINE = re.compile(r"^(DÂN|NHÂN DÂN|TỈNH|HUYỆN)")
# "Huyện ủy Cam Lộ chỉ đạo đẩy mạnh ...": the verb before a headline's title
HEADLINE_VERB = re.compile(r"^(?:chỉ đạo|yêu cầu|ban hành)\s+")
HISTORY_LEAD = re.compile(r"Lịch sử hiệu lực\s*:?\s*[^\n]{0,30}$")
# the row of a history page that dates the document (its number follows, escaped)
HISTORY_ISSUED_ROW = r"(\d{1,2}/\d{1,2}/\d{4})\s+Văn bản được ban hành\s+"
DISTRICT_PARTY_COMMITTEE_NAME = re.compile(
    r"Huyện (?:ủy|uỷ)\s+([A-ZĐ][\wà-ỹ]*(?:\s+[A-ZĐ][\wà-ỹ]*){0,2})")


# --- read by `extract.laws` ------------------------------------------------------------------

LAW_TOKEN = re.compile(r"[^\s,;:()“”\"]+|,")

LAW_YEAR = re.compile(r"[ \n]{1,3}năm[ \n]{1,3}((?:19|20)\d\d)(?!\d)")


# --- read by `extract.mentions` --------------------------------------------------------------

SO_BEFORE = re.compile(r"(?:số|SỐ|Số)\s{0,2}:?\s{0,3}$")

# "của Chính phủ", "do Bộ Tài chính ban hành", "giữa Ban Dân vận Trung ương và Ban cán sự
# đảng Chính phủ" (two bodies that issue a programme together)
OF_BY = re.compile(r"(?:của|do|giữa)\s{1,3}", re.IGNORECASE)
# (`DATE_AFTER_FIRST`)
OF_BY_FIRST = frozenset("cCdDgG")

# What may follow an issuer named with no "của" after the date ("..., ngày 1/2/2016, Bộ
# Chính trị về ..."): its term, its title, the clause's end; a verb makes it the actor of
# the next clause instead ("..., ngày 2/3/2024, UBND huyện tổ chức ...").
BARE_ISSUER_CLOSE = re.compile(
    r"(?:\s{0,2}\(\s{0,2}(?:khóa|khoá)\s{1,2}[IVXLC]{1,6}\s{0,2}\)|\s{1,2}(?:khóa|khoá)\s{1,2}[IVXLC]{1,6}(?!\w))?"
    r"(?:\s{1,3}về(?!\w)|\s{0,2}[;.)\n]|\s{0,2}$)", re.IGNORECASE)

TERM_AFTER = re.compile(r"\s{0,2}\(?\s{0,2}(?:khóa|khoá)\s{1,2}[IVXLC]{1,6}\)?", re.IGNORECASE)
# whose "k" stands within its first characters: a test of those before it is tried
TERM_AFTER_REACH = 6

TERM_PAREN = re.compile(r"\(\s{0,2}(?:khóa|khoá)\s{1,2}[IVXLC]{1,6}\s{0,2}\)", re.IGNORECASE)

GRANTED = re.compile(r"\s{1,2}(?:cấp|ban hành)(?!\w)")

CUT_OF = re.compile(r"c(?:ủ|ủa)?\s*$")


# --- read by `extract.page` ------------------------------------------------------------------

DISTRICT = re.compile(r"(?:Huyện ủy|Huyện uỷ|huyện)\s+([A-ZĐ][\wà-ỹ]*(?:\s+[A-ZĐ][\wà-ỹ]*){0,2})")


# --- read by `extract.relations` -------------------------------------------------------------

LIST_LEAD = re.compile(
    r"^[\s\-+•*]{0,6}(?:và\s{1,3}|cùng\s{1,3})?(?:các\s{1,3})?(?:(?:" +
    "|".join(sorted((re.escape(w) for w in KIND_WORD_TO_CODE), key=len, reverse=True)) +
    r")(?!\w)[^;]{0,60}?|số\s{0,2}:?\s{0,2})?$", re.IGNORECASE)

LIST_SEPARATOR = re.compile(r"(?:,|;|\s(?:và|cùng))\s{0,3}$")

LINK_WORD = re.compile(r"(?<!\w)(?:theo|tại|của)(?!\w)")

DESCRIPTION_COORDINATOR = re.compile(r"(?:,|\s(?:và|đồng thời))\s{0,3}(?:đẩy mạnh\s{1,3})?$",
                                      re.IGNORECASE)

PAREN_AT = re.compile(r"[ \n]{0,3}\((?:tại|theo)\s{1,3}")


# --- read by `extract.subject` ---------------------------------------------------------------

BODY_LINE = re.compile(r"^(ỦY BAN|UỶ BAN|HỘI ĐỒNG|BAN |BỘ |TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|CHỦ TỊCH|"
                        r"THỦ TƯỚNG|BỘ TRƯỞNG|CHÍNH PHỦ|QUỐC HỘI)")

ABOUT = re.compile(r"[^.;:\n]{0,120}?(?<!\w)về(?:\s{1,3}việc)?\s{1,3}")

# "... ban hành Kế hoạch số 46/KH-UBND thực hiện Chỉ thị số 33/CT-TTg ...": a verb
# phrase right after the number is the trích yếu too
VERB_TITLE = re.compile(r"[ \n]{1,3}(?=(?:thực hiện|triển khai|tổ chức|tăng cường|đẩy mạnh|ban hành|"
                         r"hướng dẫn|quy định|phê duyệt|tiếp tục|nâng cao|chấn chỉnh|tạm ngưng)(?!\w))")

TITLE_STOP = re.compile(r"\.(?=\s|$)|;|\n|\s\(|\s(?:với chủ đề|yêu cầu|gửi)(?!\w)|:\s")

# the words an opening closes with, right before a number's lead ("Tại", "Theo" ...)
OPENING_WORDS = ("Tại", "Từ", "Theo")
OPENING_BEFORE = re.compile(r"(?:^|\n|\.\s)\s*(?:\(?Nguồn\s*:?\s*)?(?:" + "|".join(OPENING_WORDS)
                            + r")\s{1,3}$")

BODY_OPENING = re.compile(r"(?i)(căn cứ|thực hiện|theo đề nghị|xét đề nghị|chương\s|điều\s|i\.|phần)")

PEOPLE_OR_PARTY_END = re.compile(r"(?i)(nhân dân|tỉnh ủy|tỉnh uỷ)$")

ACTOR_VERB = re.compile(r"(?:^|[,;]\s|\n)((?:" + ISSUER_HEAD.pattern
                         + r")[^,;\n]{0,80}?)\s+(?:có ý kiến|ban hành|chỉ đạo)")

ORGAN_LINE = re.compile(r"(?i)của\s{1,3}((?:ban|bộ|tỉnh|huyện|đảng|ủy|uỷ|hội)\b.{2,120})$")

# "V/v ...", "Về việc ...", "về ...": the trích yếu itself follows
TITLE_ABOUT = re.compile(r"(?i)^(?:v/v\.?|về\s{1,3}việc|về)\s{1,3}")


# --- read by `extract.relations` (cues) ------------------------------------------------------

# "tạm ngưng thực hiện", "không thực hiện": a negated verb implements nothing (lower-cased)
NEGATION = re.compile(r"(?<!\w)(?:tạm ngưng|tạm dừng|ngưng|ngừng|dừng|không|chưa|chấm dứt)\s{1,3}$")

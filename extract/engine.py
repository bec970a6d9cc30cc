"""The extraction engine: one page's text -> subject, references, laws, typed relations.

The steps, each a small function over the normalised text:

1. `find_mentions`   every document number, with its kind, date and issuer (§3-§6)
2. `find_laws`       laws cited by name (§3)
3. `find_side_lists` where the portal lists other articles (no relations there)
4. `find_subject`    the document the page is or reports (§2)
5. `find_relations`  typed relations from cue phrases (§7), with evidence

Offsets are computed on the normalised text and mapped back to the input's.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from extract import patterns as P
from extract.grammar import (
    CENTRAL_CITIES, CODE_ISSUERS, CODE_KINDS, ISSUER_ABBREVIATIONS, ISSUER_KINDS, KNOWN_CODES, OTHER_KIND,
    PLENUM_ISSUER, PROVINCES,
)
from extract.model import Evidence, Law, PageExtraction, Reference, Relation, Subject
from extract.normalize import (
    NormalizedText, expand_abbreviations, fold, iso_date, lower_same_length, normalize_number,
    normalize_text, number_key, number_parts, strip_diacritics,
)

# Codes that name a body rather than a kind: a number whose first code is one of
# these is an official letter (`010094/UBND-TH`).
_ISSUER_CODES = frozenset(KNOWN_CODES) - frozenset(CODE_KINDS) - {"GP"}
_PROVINCE_BY_FOLD = {fold(p): p for p in PROVINCES}


# --- mentions ---------------------------------------------------------------------------

@dataclass(slots=True)
class Mention:
    """One occurrence of a document number in the normalised text."""

    number: str
    key: str
    start: int            # the number itself
    end: int
    lead_start: int       # where "Nghị quyết số" before it starts (== start if none)
    tail_end: int         # end of the date / issuer that follow it
    kind: str | None
    word_kind: str | None
    date: str | None = None
    issuer: str | None = None
    issuer_from_text: bool = False
    truncated: bool = False
    in_side_list: bool = False
    is_law: bool = False

    @property
    def detail(self) -> int:
        return (self.date is not None) + (self.issuer is not None)


@functools.lru_cache(maxsize=4096)
def _kind_of(codes: tuple[str, ...], word_kind: str | None, year: int | None) -> str | None:
    """The kind (§5): the type code inside the number, else the word before it.

    A code its issuer never issues (`33/TT-TTg`) is a typo: the word decides.
    """
    first = codes[0] if codes else None
    if first is not None:
        code_kind = CODE_KINDS.get(first)
        if code_kind is not None:
            issuer_code = codes[1] if len(codes) > 1 else None
            allowed = ISSUER_KINDS.get(issuer_code or "")
            if (word_kind and word_kind != code_kind and allowed is not None
                    and code_kind not in allowed and word_kind in allowed):
                return word_kind
            return code_kind
    if word_kind:
        return word_kind
    if first is None:
        return None
    body = re.sub(r"\d+$", "", first)
    if body == "QH" and year is not None:
        return "L"
    if first in _ISSUER_CODES or body in _ISSUER_CODES:
        return "CV"
    return OTHER_KIND


_SO_BEFORE = re.compile(r"(?:số|SỐ|Số)\s{0,2}:?\s{0,3}$")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=1024)
def _kind_of_word(word: str) -> str | None:
    """The kind code of a kind word as written ("Nghị  quyết", "CHỈ THỊ")."""
    return P.KIND_WORD_TO_CODE.get(_SPACES.sub(" ", word).lower())


# How far before a number its lead ("Nghị quyết số ") may start
_LEAD_REACH = 48


def _word_kind_before(text: str, start: int, low: str) -> tuple[str | None, int]:
    """The kind named right before a number ("Nghị quyết số 25-NQ/TW") and where
    that phrase starts. `low` is `text` lower-cased (`lower_same_length`)."""
    window_start = max(0, start - _LEAD_REACH)
    m = P.KIND_BEFORE.search(low, window_start, start)
    if not m:
        m2 = _SO_BEFORE.search(text, window_start, start)
        return None, m2.start() if m2 else start
    return _kind_of_word(text[m.start("word"):m.end("word")]), m.start()


# Lower-case words that may stand inside a body's name ("Ban cán sự đảng Ủy ban
# nhân dân tỉnh", "Ban Chỉ đạo quốc gia phòng, chống dịch bệnh COVID-19").
_ISSUER_WORDS = frozenset("""
    bí thư thường vụ chấp hành trung ương nhân dân tỉnh huyện thành phố thị xã phường
    ủy uỷ đảng bộ chính trị phủ cán sự và dân vận tuyên giáo tổ chức kiểm tra quốc gia
    phòng chống dịch bệnh chỉ đạo mặt trận tổ lao động thương binh hội đầu tư kế hoạch
    tài khoa học công nghệ nội vụ giao thông vải văn hóa hoá thể thao du lịch nông
    nghiệp phát triển thôn môi trường nguyên đô điện tử truyền hình thanh tin quản lý
    hành chính nhà nước việt nam cộng sản phòng ngừa an toàn giao tướng trưởng phó chủ
    tịch văn cục tổng thường trực ban
""".split())
_PLACE_WORDS = frozenset(w.lower() for p in PROVINCES for w in p.split())
_ISSUER_STOP_PAIRS = {("ban", "hành"), ("quản", "lý"), ("phát", "triển"), ("chỉ", "đạo"),
                       ("triển", "khai"), ("tổ", "chức"), ("kiểm", "tra")}
_TOKEN = re.compile(r"[^\s,;:.()“”\"]+|[,;:.()“”\"]")
# "HĐND", "BCĐ": abbreviations of bodies, not a heading in capitals
_BODY_ABBREVIATIONS = frozenset(a for a, _ in ISSUER_ABBREVIATIONS if " " not in a)
_DEPARTMENT_HEADS = frozenset({"Sở", "Bộ", "Ban", "Cục", "SỞ", "BỘ", "BAN", "CỤC"})


_CAPITALISED = re.compile(r"[A-ZĐ][\w\-]*")


@functools.lru_cache(maxsize=4096)
def _has_diacritics(word: str) -> bool:
    """Whether a word carries Vietnamese diacritics (or đ)."""
    return word != strip_diacritics(word)


# What a token can be inside a body's name, as far as the token alone tells
_STOP, _COMMA, _CAPITAL, _DIGIT, _DIGIT_OR_CAPS, _LINK_WORD_IN_NAME, _NAME_WORD = range(7)


@functools.lru_cache(maxsize=8192)
def _token_role(tok: str) -> int:
    """The role of a token in a body's name (`_scan_issuer`), from the token alone:
    _STOP ends the name; _CAPITAL and _DIGIT / _DIGIT_OR_CAPS (a digit after "-")
    continue it unless a kind word starts there; _LINK_WORD_IN_NAME continues it
    depending on the next token; _NAME_WORD continues it."""
    if tok == ",":
        return _COMMA
    if not tok[0].isalnum():
        return _STOP
    low = tok.lower()
    if len(tok) > 1 and tok.isupper() and _has_diacritics(low) and tok not in _BODY_ABBREVIATIONS \
            and low not in _ISSUER_WORDS and low not in _PLACE_WORDS:
        return _STOP  # a heading in capitals: "... CỦA TỈNH ỦY THỰC HIỆN ..." ends at the verb
    if tok[0].isupper():
        return _STOP if low in ("ngày", "về", "số") else _CAPITAL
    caps = _CAPITALISED.fullmatch(tok) is not None or (tok.isupper() and len(tok) > 1)
    if tok[0].isdigit():
        return _DIGIT_OR_CAPS if caps else _DIGIT
    if low in _ISSUER_WORDS:
        return _LINK_WORD_IN_NAME
    return _NAME_WORD if caps else _STOP


def _scan_issuer(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """Read a body's name starting at `pos`; return it and where it ends."""
    # tokens are read one ahead, as the name needs them: a name stops after a few
    tokens = _TOKEN.finditer(text, pos, min(limit, pos + 200))
    cur = next(tokens, None)
    ahead = next(tokens, None)
    name_end = pos
    words = 0
    while cur is not None and words < 16:
        s, e = cur.span()
        if s - name_end > 1 and text.count("\n", name_end, s) > 1:
            break
        role = _token_role(cur.group())
        if role == _COMMA:
            # "Bộ Chính trị, Ban Bí thư" and "phòng, chống": a comma inside a name
            nxt = ahead.group() if ahead is not None else ""
            if nxt and P.JOINT_ISSUER.match(text, ahead.start()) or nxt.lower() == "chống":
                cur, ahead = ahead, next(tokens, None)
                continue
            break
        if role == _STOP:
            break
        if role == _CAPITAL and cur.group() in _DEPARTMENT_HEADS:
            dm = P.DEPARTMENT_AFTER.match(text, e, limit)
            if dm:  # "Sở Tư pháp", "Bộ Giáo dục và Đào tạo": the name goes on in lower case
                name_end = dm.end()
                words += 1 + dm.group().count(" ")
                tokens = _TOKEN.finditer(text, name_end, min(limit, name_end + 200))
                cur = next(tokens, None)
                ahead = next(tokens, None)
                continue
        if role == _CAPITAL or (role == _DIGIT or role == _DIGIT_OR_CAPS) and words \
                and text[s - 1] == "-":
            if P.KIND_WORD.match(text, s):
                break
        elif role == _LINK_WORD_IN_NAME:
            nxt = ahead.group() if ahead is not None else ""
            low = cur.group().lower()
            if (low, nxt.lower()) in _ISSUER_STOP_PAIRS:
                break
            if low == "và" and not (nxt[:1].isupper() or nxt.lower() in _ISSUER_WORDS):
                break
        elif role == _DIGIT:
            break
        name_end = e
        words += 1
        cur, ahead = ahead, next(tokens, None)
    name = _issuer_name(text[pos:name_end])
    return name, name_end


_NAME_TAIL = re.compile(r"\s+(và|của)$")


@functools.lru_cache(maxsize=4096)
def _issuer_name(raw: str) -> str | None:
    """A body's name as read from the text: spaces collapsed, a heading in capitals
    in sentence case, a dangling "và"/"của" dropped (None when nothing is left)."""
    name = _SPACES.sub(" ", raw).strip(" ,-")
    if _is_caps_line(name) and len(name) > 6:
        name = _sentence_case(name)
    name = _NAME_TAIL.sub("", name)
    return name or None


_PROVINCE_AT_END = re.compile(
    r"(?i)(?<!\w)(" + "|".join(sorted((re.escape(p) for p in _PROVINCE_BY_FOLD), key=len, reverse=True))
    + r")$")


@functools.lru_cache(maxsize=4096)
def _complete_issuer(name: str | None, province: str | None, district: str | None) -> str | None:
    """Expand abbreviations; add the page's province or district where the text says
    only "Tỉnh ủy", "UBND tỉnh", "Huyện ủy" (§6)."""
    if not name:
        return None
    name = re.sub(r"\s*\((?:UBND|HĐND|MTTQ)\)", "", name)
    name = re.sub(r"\s*\(?\b(?:khóa|khoá)\s+[IVXLC]+\b\)?$", "", name).strip()
    name = expand_abbreviations(name)
    name = re.sub(r"\bTỉnh uỷ\b", "Tỉnh ủy", name)
    # restore a province's spelling ("Quảng trị" -> "Quảng Trị")
    folded = fold(name)
    m = _PROVINCE_AT_END.search(folded)
    if m and len(folded) == len(name):
        name = name[: m.start()] + _PROVINCE_BY_FOLD[m.group(1).lower()]
    low = name.lower()
    if province:
        if P.LOCAL_ISSUER_END.search(low) \
                or province in CENTRAL_CITIES and low.endswith(("thành phố", "thành ủy", "thành uỷ")):
            return f"{name} {province}"
        if low in ("ủy ban nhân dân", "hội đồng nhân dân"):
            return f"{name} {locality_of(province)}"
    if district and re.search(r"(huyện ủy|huyện uỷ|\bhuyện)$", low):
        return f"{name} {district}"
    return name


def locality_of(province: str) -> str:
    """How a body names its province: "tỉnh Bắc Kạn", or "thành phố Hải Phòng" for a
    centrally-run city."""
    return f"thành phố {province}" if province in CENTRAL_CITIES else f"tỉnh {province}"


_COMMA_GAP = re.compile(r"[ \n]{0,3},?[ \n]{0,3}")
_OF_BY = re.compile(r"(?:của|do)\s{1,3}", re.IGNORECASE)
_TERM_AFTER = re.compile(r"\s{0,2}\(?\s{0,2}(?:khóa|khoá)\s{1,2}[IVXLC]{1,6}\)?", re.IGNORECASE)
_TERM_PAREN = re.compile(r"\(\s{0,2}(?:khóa|khoá)\s{1,2}[IVXLC]{1,6}\s{0,2}\)", re.IGNORECASE)
_GRANTED = re.compile(r"\s{1,2}(?:cấp|ban hành)(?!\w)")
_CUT_OF = re.compile(r"c(?:ủ|ủa)?\s*$")


def _parse_tail(text: str, pos: int, limit: int) -> tuple[str | None, str | None, int, bool]:
    """Read the date and issuer that follow a number, in either order.

    Returns (date, issuer, tail_end, cut_off): the issuer as the text writes it (the
    caller completes it), or the body a Party plenum stands for; `cut_off` says the
    text ends where the issuer should stand ("... ngày 26 tháng 12 năm 2017 củ").
    """
    date = None
    iss_span: tuple[int, int] | None = None
    plenum = False
    end = pos
    cut_off = False
    for _ in range(4):
        m = _COMMA_GAP.match(text, end, limit)
        cur = m.end() if m else end
        if date is None:
            dm = P.DATE_AFTER.match(text, cur, limit)
            if dm:
                date = _date_of(dm)
                end = dm.end()
                continue
        if iss_span is None:
            im = _OF_BY.match(text, cur, limit)
            if im:
                pm = P.PLENUM.match(text, im.end(), limit)
                if pm:
                    iss_span, plenum, end = (im.end(), pm.end()), True, pm.end()
                    km = _TERM_AFTER.match(text, end, limit)
                    if km:
                        end = km.end()
                    continue
                name, name_end = _scan_issuer(text, im.end(), limit)
                if name:
                    iss_span = (im.end(), name_end)
                    end = name_end
                    km = _TERM_AFTER.match(text, end, limit)
                    if km:
                        end = km.end()
                    cm = _GRANTED.match(text, end, limit)
                    if cm and text[im.start():im.start() + 2].lower() == "do":
                        end = cm.end()
                    continue
            if _CUT_OF.match(text, cur, limit) and limit - cur <= 4:
                cut_off = True
        # skip a term in parentheses: "(khóa XII)"
        km = _TERM_PAREN.match(text, cur, limit)
        if km:
            end = km.end()
            continue
        break
    if iss_span is None:
        return date, None, end, cut_off
    return date, PLENUM_ISSUER if plenum else text[iss_span[0]:iss_span[1]], end, cut_off


def _date_of(m: re.Match) -> str | None:
    """The ISO date a date match (`P.DATE` and the patterns sharing its groups) reads."""
    day, m1, m2, m3, year = m.group("d", "m", "m2", "m3", "y")
    return _iso_of_parts(day, m1 or m2 or m3, year)


@functools.lru_cache(maxsize=4096)
def _iso_of_parts(day: str, month: str, year: str) -> str | None:
    """`iso_date` of the digits as written (a page repeats its dates)."""
    return iso_date(int(day), int(month), int(year))


def _is_in_url_or_file(text: str, start: int, end: int) -> bool:
    """A number that is part of a file name or an address is no citation."""
    if (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace()):
        return False  # the number stands alone, and a number holds no "." nor ":"
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 200:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 200:
        right += 1
    token = text[left:right]
    return bool(P.URL_OR_FILE.search(token)) or "://" in token


_OF_WORD = re.compile(r"(?<!\w)của\s{1,3}")
_AT_WORD = re.compile(r"\s{1,3}tại\s{1,3}")


def _issuer_before(text: str, lead_start: int) -> str | None:
    """"... đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 164/TTr-SKHCN": the
    issuer named before the document, tied to it by "tại"."""
    if "tại" not in text[max(0, lead_start - 6):lead_start]:
        return None  # no "tại" right before the document: no issuer tied to it
    window_start = max(0, lead_start - 120)
    m = None
    for m in _OF_WORD.finditer(text[window_start:lead_start]):
        pass
    if m is None:
        return None
    pos = window_start + m.end()
    name, end = _scan_issuer(text, pos, lead_start)
    if name and _AT_WORD.fullmatch(text[end:lead_start]):
        return name
    return None


def find_mentions(text: str, low: str | None = None) -> list[Mention]:
    """Every document number in the text, with what the text says about it.

    `low` is `text` lower-cased (`lower_same_length`), when the caller has it."""
    if low is None:
        low = lower_same_length(text)
    out: list[Mention] = []
    n = len(text)
    for m in P.NUMBER.finditer(text):
        start, end = m.span()
        if _is_in_url_or_file(text, start, end):
            continue
        raw = m.group()
        number = normalize_number(raw)
        serial, year, codes = number_parts(number)
        word_kind, lead_start = _word_kind_before(text, start, low)
        kind = _kind_of(codes, word_kind, year)
        limit = min(n, end + 400)
        date, issuer, tail_end, cut_off = _parse_tail(text, end, limit)
        mention = Mention(
            number=number, key=number_key(number), start=start, end=end,
            lead_start=lead_start, tail_end=tail_end, kind=kind, word_kind=word_kind,
            date=date, truncated=(end == n or cut_off),
        )
        if issuer is not None:
            mention.issuer = issuer
            mention.issuer_from_text = True
        else:
            before = _issuer_before(text, lead_start)
            if before:
                mention.issuer = before
                mention.issuer_from_text = True
        out.append(mention)
    return out


# --- laws ---------------------------------------------------------------------------------

_LAW_STOP = frozenset("""ngày năm về trên của đã được theo và tại này trong để
    với nhằm cho khi là có do từ đến""".split())
_LAW_STOP_PAIRS = {("quy", "định"), ("hướng", "dẫn")}


_LAW_TOKEN = re.compile(r"[^\s,;:()“”\"]+|,")
_LAW_YEAR = re.compile(r"[ \n]{1,3}năm[ \n]{1,3}((?:19|20)\d\d)(?!\d)")


@functools.lru_cache(maxsize=4096)
def _law_key(name: str) -> str:
    """The key a law's name is grouped by: "law:" + its folded name."""
    return "law:" + fold(name)


def _law_starts(text: str):
    """The matches `P.LAW_START.finditer(text)` yields, tried only where one can start.

    Every match holds "uật"/"UẬT" ("Luật", "Bộ  luật", "BỘ LUẬT") or starts with
    "Hiến": finding those is a fast substring search, where the regex scan would try
    every position. Candidates are tried in order, never inside the previous match.
    """
    starts = set()
    for tail, head, pair in (("uật", "l", "Bộ"), ("UẬT", "L", "BỘ")):
        i = text.find(tail, 1)
        while i >= 0:
            before = text[i - 1]
            if before == "L":
                starts.add(i - 1)
            if before == head or before == "L":
                for gap in (1, 2, 3):  # "Bộ" and one to three spaces before the "l"
                    if i - 3 - gap >= 0 and text.startswith(pair, i - 3 - gap):
                        starts.add(i - 3 - gap)
            i = text.find(tail, i + 1)
    i = text.find("Hiến")
    while i >= 0:
        starts.add(i)
        i = text.find("Hiến", i + 1)
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue
        m = P.LAW_START.match(text, start)
        if m:
            yield m
            pos = m.end()


def find_laws(text: str) -> list[Mention]:
    """Laws and codes cited by name ("Luật Thực hiện dân chủ ở cơ sở năm 2023")."""
    out: list[Mention] = []
    covered = 0
    for m in _law_starts(text):
        if m.start() < covered:
            continue  # "Luật Tổ chức Chính phủ" inside "Luật Sửa đổi ... của Luật ..."
        head = m.group("head")
        pos = m.end()
        # the name is read over 30 tokens at most (and one more to look ahead)
        tokens = list(itertools.islice(_LAW_TOKEN.finditer(text[pos:pos + 300]), 31))
        if not tokens:
            continue
        first = tokens[0].group()
        if not (first[0].isupper() or first.lower() in ("thực", "tổ", "ban", "sửa")
                or head == "Hiến pháp"):
            continue
        if first.lower() in ("số", "này", "pháp", "sư") or first[0].isdigit():
            continue
        name_end = pos + tokens[0].end()
        depth_inner = head.lower().startswith("luật") and first.lower() == "sửa"
        i = 1
        while i < len(tokens) and i < 30:
            tok = tokens[i].group()
            low = tok.lower()
            gap = text[name_end:pos + tokens[i].start()]
            if "\n\n" in gap:
                break
            if tok == ",":
                nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if nxt and nxt[0].islower() and nxt.lower() not in _LAW_STOP:
                    i += 1
                    continue
                break
            if low in ("của", "và") and depth_inner:
                nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if nxt.lower() in ("luật", "bộ"):
                    name_end = pos + tokens[i].end()
                    i += 1
                    continue
            nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
            if low in _LAW_STOP:
                break
            if (low, nxt) in _LAW_STOP_PAIRS or (low == "số" and (not nxt or nxt[0].isdigit())):
                break
            if P.KIND_WORD.match(text, pos + tokens[i].start()) and tok[0].isupper() and low != "luật":
                break
            if not (tok[0].isalpha() or tok[0] == "-"):
                break
            name_end = pos + tokens[i].end()
            i += 1
        name = _SPACES.sub(" ", text[m.start():name_end]).strip(" ,")
        if len(name.split()) < 2:
            continue
        mention = Mention(number=name, key=_law_key(name), start=m.start(), end=name_end,
                          lead_start=m.start(), tail_end=name_end, kind="L", word_kind="L",
                          is_law=True)
        covered = name_end
        ym = _LAW_YEAR.match(text, name_end)
        if ym:
            mention.date = ym.group(1)
            mention.tail_end = ym.end()
        else:
            dm = P.DATE_AFTER.match(text, name_end + 1 if text[name_end:name_end + 1].isspace() else name_end)
            if dm and dm.start() - name_end <= 3:
                mention.date = dm.group("y")
                mention.tail_end = dm.end()
        out.append(mention)
    return out


# --- side lists -------------------------------------------------------------------------

def find_side_lists(text: str, low: str | None = None) -> list[tuple[int, int]]:
    """Spans where the portal lists other articles: after a "Tin liên quan" heading,
    and lines that end in an item timestamp "(09/06/2025, 14:56)"; sorted, those
    that overlap or touch joined (so `_in_spans` can bisect).

    `low` is `text` lower-cased (`lower_same_length`), when the caller has it."""
    if low is None:
        low = lower_same_length(text)
    spans = []
    first_line_end = text.find("\n")
    # the hint needs a line break before the heading: one is put before the first line
    if P.SIDE_LIST_HINT.match("\n" + low[:100]) or P.SIDE_LIST_HINT.search(low):
        for m in P.SIDE_LIST_HEADING.finditer(text):
            spans.append((m.start(), len(text)))
            break
    if not P.TIMESTAMP_HINT.search(text):
        return spans
    for m in P.TIMESTAMP_LINE.finditer(text):
        if m.start() <= max(first_line_end, 0):
            continue  # the page's own headline
        spans.append(m.span())
    spans.sort()
    return _joined(spans, 1)


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` lies in one of `spans` (sorted and apart, as `find_side_lists`
    returns them): one bisection, however many side-list lines a page has."""
    i = bisect.bisect_right(spans, pos, key=_span_start) - 1
    return i >= 0 and pos < spans[i][1]


def _span_start(span: tuple[int, int]) -> int:
    return span[0]


# --- the subject --------------------------------------------------------------------------

_UPPER_RATIO_MIN = 0.85


def _is_caps_line(line: str) -> bool:
    """Whether the line is written in capitals (85% of its letters at least)."""
    letters = "".join(filter(str.isalpha, line))
    if len(letters) < 2:
        return False
    return sum(map(str.isupper, letters)) / len(letters) >= _UPPER_RATIO_MIN


_BODY_LINE = re.compile(r"^(ỦY BAN|UỶ BAN|HỘI ĐỒNG|BAN |BỘ |TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|CHỦ TỊCH|"
                        r"THỦ TƯỚNG|BỘ TRƯỞNG|CHÍNH PHỦ|QUỐC HỘI)")


def _sentence_case(text: str) -> str:
    """A heading in capitals as a sentence: numbers, kind words and places restored."""
    text = _SPACES.sub(" ", text).strip()
    if not _is_caps_line(text):
        return text[:1].upper() + text[1:]
    # lower-case the words, but keep each number in its normal form
    pieces = []
    last = 0
    for m in P.NUMBER.finditer(text):
        pieces.append(text[last:m.start()].lower())
        pieces.append(normalize_number(m.group()))
        last = m.end()
    pieces.append(text[last:].lower())
    out = "".join(pieces)
    out = _KIND_BEFORE_SO.sub(lambda m: m.group()[:1].upper() + m.group()[1:], out)
    out = _restore_names(out, _PROPER_NAME_PATTERNS)
    out = _TERM_LOWER.sub(lambda m: m.group(1) + m.group(2).upper(), out)
    return out[:1].upper() + out[1:]


# "(khóa xi)" after lower-casing a heading: the term's Roman numeral back in capitals
_TERM_LOWER = re.compile(r"(?<!\w)(kh[oó]a |khoá )([ivxlc]{1,6})(?!\w)")


def _name_patterns(names) -> tuple[tuple[str, str, re.Pattern], ...]:
    """(name in lower case, name, its whole-word pattern in lower case) for each name."""
    return tuple((n.lower(), n, re.compile(r"(?<!\w)" + re.escape(n.lower()) + r"(?!\w)"))
                 for n in names)


def _restore_names(text: str, patterns) -> str:
    """Proper names written in lower case in `text` given their spelling, one name
    after another in the table's order (a substring test skips the absent ones)."""
    for lowered, name, pattern in patterns:
        if lowered in text:
            text = pattern.sub(name, text)
    return text


_KIND_BEFORE_SO = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted((re.escape(w) for w in P.KIND_WORD_TO_CODE), key=len, reverse=True))
    + r")(?=\s+số)")
_PROPER_NAMES = tuple(PROVINCES) + ("Tỉnh ủy", "Ban Chấp hành Trung ương", "Quốc hội", "Chính phủ",
                                    "Đảng", "Bộ Chính trị", "Ban Bí thư")
_PROPER_NAME_PATTERNS = _name_patterns(_PROPER_NAMES)
_PROVINCE_PATTERNS = _name_patterns(PROVINCES)


# a header laid out as a table: cells separated by "|" and rules of dashes
# line breaks, table bars, rules, and the wide gaps between a header's two columns
_HEADER_CELL_BREAK = re.compile(r"\n|\||-{3,}|_{3,}|[ \t]{3,}|\t")
_RULE_LINE = re.compile(r"[-_=.*|\s]+")
_NATIONAL_MOTTO = re.compile(r"(?i)(CỘNG H[OÒ]A|CHỦ NGHĨA|Độc lập|ĐẢNG CỘNG SẢN)")
_NUMBER_LABEL = re.compile(r"(?i)số\b")


def _header_issuer(text: str, number_pos: int) -> str | None:
    """The issuing body from the lines above "Số: ..." in a full text's header."""
    block = text[max(0, number_pos - 600):number_pos]
    lines = _HEADER_CELL_BREAK.split(block)
    picked: list[str] = []
    for line in reversed(lines[:-1] if lines and not lines[-1].strip(" |") else lines):
        clean = line.strip(" |\t")
        if not clean or _RULE_LINE.fullmatch(clean):
            continue
        if _NATIONAL_MOTTO.match(clean):
            continue
        if _NUMBER_LABEL.match(clean):
            continue
        if not _is_caps_line(clean):
            break
        picked.append(clean)
        if len(picked) >= 4:
            break
    if not picked:
        return None
    return _header_name(" ".join(reversed(picked)))


_HEADER_BODIES = tuple(
    (b.lower(), b, re.compile(r"^" + re.escape(b.lower()) + r"(?!\w)"))
    for b in ("Tỉnh ủy", "Huyện ủy", "Bộ", "Ban Thường vụ", "Ban Chấp hành Trung ương", "Quốc hội",
              "Chính phủ", "Thủ tướng"))


@functools.lru_cache(maxsize=1024)
def _header_name(name: str) -> str:
    """A header's body name (lines in capitals joined) in its usual spelling:
    "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" -> "Ủy ban nhân dân tỉnh Bắc Kạn"."""
    name = re.split(r"\s*CỘNG H[OÒ]A", name)[0]
    name = re.sub(r"\s+", " ", name).strip()
    low = name.lower()
    low = re.sub(r"^(ủy|uỷ) ban thường vụ quốc hội", "Uỷ ban Thường vụ Quốc hội", low)
    out = low[:1].upper() + low[1:]
    out = _restore_names(out, _PROVINCE_PATTERNS)
    # place names after "tỉnh", "huyện" ... are proper nouns
    out = re.sub(r"(?<!\w)(tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn) (\w+(?: \w+){0,3})$",
                 lambda m: m.group(1) + " " + " ".join(w[:1].upper() + w[1:] for w in m.group(2).split()),
                 out)
    for lowered, body, pattern in _HEADER_BODIES:
        if out.startswith(lowered):
            out = pattern.sub(body, out)
    if out.startswith("Bộ ") and len(out) > 3:
        out = "Bộ " + out[3].upper() + out[4:]
    return out


def _signer(text: str) -> str | None:
    """The name under the signature block ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Hoàng Thu Trang")."""
    tail_start = max(0, len(text) - 3000)
    last = None
    for m in P.SIGNATURE.finditer(text, tail_start):
        last = m
    if last is None:
        return None
    lines = text[last.start():last.start() + 400].split("\n")
    for line in lines[1:10]:
        clean = line.strip(" |\t")
        if not clean or clean.startswith(("(", "[")) or P.SIGNATURE.match(clean):
            continue
        words = clean.split()
        if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in clean):
            continue
        if all(w[0].isupper() and (w[1:].islower() or len(w) == 1) for w in words):
            return clean
        if clean.isupper() and len(words) >= 2 and not _BODY_LINE.match(clean) \
                and not re.match(r"^(DÂN|NHÂN DÂN|TỈNH|HUYỆN)", clean):
            return " ".join(w[:1] + w[1:].lower() for w in words)
    return None


_ABOUT = re.compile(r"[^.;:\n]{0,120}?(?<!\w)về(?:\s{1,3}việc)?\s{1,3}")
# "... ban hành Kế hoạch số 46/KH-UBND thực hiện Chỉ thị số 33/CT-TTg ...": a verb
# phrase right after the number is the trích yếu too
_VERB_TITLE = re.compile(r"[ \n]{1,3}(?=(?:thực hiện|triển khai|tổ chức|tăng cường|đẩy mạnh|ban hành|"
                         r"hướng dẫn|quy định|phê duyệt|tiếp tục|nâng cao|chấn chỉnh|tạm ngưng)(?!\w))")
_TITLE_STOP = re.compile(r"\.(?=\s|$)|;|\n|\s\(|\s(?:với chủ đề|yêu cầu|gửi)(?!\w)|:\s")


def _title_after(text: str, pos: int, limit: int) -> str | None:
    """The trích yếu after "về việc" / "về" in the subject's sentence, or the verb
    phrase that follows the number."""
    vm = _VERB_TITLE.match(text, pos, limit)
    m = _ABOUT.match(text, pos, limit) if vm is None else None
    if vm is not None:
        end = vm.end()
    elif m is None:
        return None
    # the "về" must belong to the subject, not to another number cited in between
    elif P.NUMBER.search(text, pos, m.start() + len(m.group()) - 3):
        return None
    else:
        end = m.end()
    sm = _TITLE_STOP.search(text, end, min(limit, end + 600))
    title_end = sm.start() if sm else min(limit, end + 600)
    title = _SPACES.sub(" ", text[end:title_end]).strip(" ,")
    if len(title) < 4:
        return None
    return title[:1].upper() + title[1:]


def _headline(text: str) -> str | None:
    """The article's headline: the longest of the first few lines."""
    lines = []
    for ln in (ln.strip() for ln in text[:3000].split("\n")[:8]):
        if P.NUMBER.search(ln) or len(ln) > 300:
            break  # the body has begun
        words = [w for w in ln.split() if w[:1].isalpha()]
        if len(words) >= 4 and ln[:1].isupper() and not ln.endswith(":"):
            lines.append(ln)
    if not lines:
        return None
    best = max(lines, key=len)
    best = re.sub(r"\s*\(\d{1,2}/\d{1,2}/\d{4}.*\)\s*$", "", best).strip().rstrip(".")
    # "Huyện ủy Cam Lộ chỉ đạo đẩy mạnh ..." -> "Đẩy mạnh ..."
    # "Huyện ủy Cam Lộ triển khai ..." -> "Triển khai ..."
    if P.ISSUER_HEAD.match(best):
        _, end = _scan_issuer(best, 0, len(best))
        rest = best[end:].lstrip()
        if rest[:1].islower():
            best = re.sub(r"^(?:chỉ đạo|yêu cầu|ban hành)\s+", "", rest)
    best = best.strip()
    return best[:1].upper() + best[1:] if best else None


_DISTRICT = re.compile(r"(?:Huyện ủy|Huyện uỷ|huyện)\s+([A-ZĐ][\wà-ỹ]*(?:\s+[A-ZĐ][\wà-ỹ]*){0,2})")


def _district(text: str) -> str | None:
    """The district the page speaks for, when the text names exactly one."""
    # every match starts at the "H"/"h" before a "uyện": the scan tries those alone
    # (most pages name no district), in order and never inside the previous match,
    # so it finds what `_DISTRICT.findall` finds
    names = set()
    pos = 0
    i = text.find("uyện", 1)
    while i >= 0:
        if i - 1 >= pos and text[i - 1] in "Hh":
            m = _DISTRICT.match(text, i - 1)
            if m:
                names.add(m.group(1))
                pos = m.end()
        i = text.find("uyện", max(i + 1, pos))
    return names.pop() if len(names) == 1 else None


def _actor_before(text: str, verb_start: int, floor: int) -> tuple[int, int] | None:
    """The body whose name runs right up to a verb ("UBND tỉnh Đắk Lắk ban hành")."""
    for hm in P.ISSUER_HEAD.finditer(text, floor, verb_start):
        name, end = _scan_issuer(text, hm.start(), verb_start + 1)
        if name and text[end:verb_start].strip(" ,") == "":
            return hm.start(), end
    return None




_OPENING_BEFORE = re.compile(r"(?:^|\n|\.\s)\s*(?:\(?Nguồn\s*:?\s*)?(?:Tại|Từ|Theo)\s{1,3}$")
_BODY_OPENING = re.compile(r"(?i)(căn cứ|thực hiện|theo đề nghị|xét đề nghị|chương\s|điều\s|i\.|phần)")
_PUNCT_END = re.compile(r"[.;:]$")
_PEOPLE_OR_PARTY_END = re.compile(r"(?i)(nhân dân|tỉnh ủy|tỉnh uỷ)$")
_ACTOR_VERB = re.compile(r"(?:^|[,;]\s|\n)((?:" + P.ISSUER_HEAD.pattern
                         + r")[^,;\n]{0,80}?)\s+(?:có ý kiến|ban hành|chỉ đạo)")


@dataclass(slots=True)
class _SubjectFind:
    subject: Subject
    mention: Mention | None


def find_subject(text: str, mentions: list[Mention], side: list[tuple[int, int]],
                 province: str | None, district: str | None) -> _SubjectFind | None:
    """The document the page is (a full text's header) or reports (a news sentence)."""
    body_mentions = [m for m in mentions if not m.in_side_list and not m.is_law]
    by_start = {m.start: m for m in body_mentions}
    # 1. a full text: "Số: 21/KH-UBND" near the top
    for hm in P.HEADER_NUMBER.finditer(text, 0, min(len(text), 4000)):
        m = by_start.get(hm.end())
        if m is None:
            nm = P.NUMBER.match(text, hm.end())
            m = by_start.get(nm.start()) if nm else None
        if m is None:
            continue
        return _SubjectFind(_full_text_subject(text, m, province), m)
    # 2. a legal database's history page: "Lịch sử hiệu lực: Nghị định 28/CP"
    for m in body_mentions if "Lịch sử hiệu lực" in text else ():
        if re.search(r"Lịch sử hiệu lực\s*:?\s*[^\n]{0,30}$", text[max(0, m.start - 60):m.start]):
            row = re.search(r"(\d{1,2}/\d{1,2}/\d{4})\s+Văn bản được ban hành\s+" + re.escape(text[m.start:m.end]), text)
            date = None
            if row:
                d, mo, y = row.group(1).split("/")
                date = iso_date(int(d), int(mo), int(y))
            return _SubjectFind(Subject(m.number, m.kind, date=date, start=m.start, end=m.end), m)
    # 3. a news sentence: "UBND tỉnh ... ban hành Kế hoạch số 124/KH-UBND ..."
    for m in body_mentions:
        lead = text[max(0, m.lead_start - 40):m.lead_start]
        opening = _OPENING_BEFORE.search(lead)
        reporting = P.REPORTING.search(lead)
        if not (reporting or opening) or m.word_kind is None and m.kind is None:
            continue
        return _SubjectFind(_news_subject(text, m, reporting is not None, province, district), m)
    # 4. a headline that is the document's own citation: "Kế hoạch số 45/KH-UBND ngày ..."
    first_line_end = text.find("\n")
    if first_line_end < 0 or len(text) - first_line_end < 40:
        return None  # a headline needs a body under it
    for m in body_mentions:
        if m.start > first_line_end:
            break
        if m.word_kind and not text[:m.lead_start].strip(" \t-•*"):
            return _SubjectFind(_news_subject(text, m, False, province, district), m)
    return None


_ORGAN_LINE = re.compile(r"(?i)của\s{1,3}((?:ban|bộ|tỉnh|huyện|đảng|ủy|uỷ|hội)\b.{2,120})$")
# "V/v ...", "Về việc ...", "về ...": the trích yếu itself follows
_TITLE_ABOUT = re.compile(r"(?i)^(?:v/v\.?|về\s{1,3}việc|về)\s{1,3}")


def _full_text_subject(text: str, m: Mention, province: str | None) -> Subject:
    after = text[m.end:m.end + 1200]
    date = None
    dm = P.PLACE_DATE.search(after, 0, 300)
    if dm:
        date = _date_of(dm)
    kind = m.kind
    title = None
    body_start = m.end + (dm.end() if dm else 0)
    tm = P.TYPE_LINE.search(text, body_start, body_start + 300)
    title_from = body_start
    if tm:
        type_kind = P.TYPE_LINE_CODES.get(_SPACES.sub(" ", tm.group("type")))
        if type_kind and (kind in (None, OTHER_KIND, "CV") or not m.number[:1].isdigit()):
            kind = type_kind
        title_from = tm.end()
    lines = text[title_from:title_from + 1500].split("\n")
    title_lines: list[str] = []
    for line in lines:
        clean = line.strip(" |\t")
        if not clean:
            if title_lines and tm is not None and not _is_caps_line(" ".join(title_lines)):
                break
            continue
        if _RULE_LINE.fullmatch(clean):
            if title_lines:
                break
            continue
        if _BODY_OPENING.match(clean) \
                and not _is_caps_line(clean):
            break
        if _BODY_LINE.match(clean) and title_lines:
            break
        if tm is None and not _is_caps_line(clean):
            break
        if title_lines and _is_caps_line(" ".join(title_lines)) and not _is_caps_line(clean):
            break
        if title_lines and not _is_caps_line(clean) and (
                len(title_lines) >= 4 or _PUNCT_END.search(title_lines[-1])):
            break  # a title in sentence case is one short paragraph
        title_lines.append(clean)
    # a Party document names its organ under the type line: "CHỈ THỊ / của Ban Thường vụ Tỉnh ủy"
    organ = None
    if title_lines:
        om = _ORGAN_LINE.match(title_lines[0])
        if om:
            organ = _issuer_name(om.group(1))
            title_lines = title_lines[1:]
    if title_lines:
        title = _sentence_case(_TITLE_ABOUT.sub("", " ".join(title_lines), count=1)) or None
    if organ:
        return Subject(m.number, kind, date=date, issuer=_complete_issuer(organ, province, None),
                       signer=_signer(text), title=title, start=m.start, end=m.end)
    issuer = _header_issuer(text, m.lead_start)
    if issuer and province and _PEOPLE_OR_PARTY_END.search(issuer):
        issuer = f"{issuer} {locality_of(province)}" if issuer.lower().endswith("nhân dân") \
            else f"{issuer} {province}"
    return Subject(m.number, kind, date=date, issuer=issuer, signer=_signer(text), title=title,
                   start=m.start, end=m.end)


def _news_subject(text: str, m: Mention, reporting: bool, province: str | None,
                  district: str | None) -> Subject:
    # the sentence the number stands in
    sent_start = max(text.rfind("\n", 0, m.lead_start), text.rfind(". ", 0, m.lead_start) + 1, 0)
    date = m.date
    issuer = m.issuer if m.issuer_from_text else None
    if reporting:
        verb = P.REPORTING.search(text[max(0, m.lead_start - 40):m.lead_start])
        verb_start = max(0, m.lead_start - 40) + verb.start()
        actor = _actor_before(text, verb_start, sent_start)
        if actor:
            issuer = text[actor[0]:actor[1]]
        if date is None:
            ld = P.LEADING_DATE.search(text, max(0, sent_start - 40), verb_start)
            if ld:
                date = _date_of(ld)
    if issuer is None:
        # "Tại văn bản số 252-CV/HU ngày 13/6/2018, Huyện ủy chỉ đạo ..."
        vm = _COMMA_GAP.match(text, m.tail_end)
        after = vm.end() if vm else m.tail_end
        hm = P.ISSUER_HEAD.match(text, after)
        if hm:
            name, _ = _scan_issuer(text, hm.start(), after + 120)
            issuer = name
    if issuer is None:
        am = _ACTOR_VERB.search(text)
        if am:
            issuer = _scan_issuer(text, am.start(1), am.end(1) + 1)[0]
    if issuer and issuer.lower() in ("huyện ủy", "huyện uỷ"):
        hm2 = re.search(r"Huyện (?:ủy|uỷ)\s+([A-ZĐ][\wà-ỹ]*(?:\s+[A-ZĐ][\wà-ỹ]*){0,2})", text)
        if hm2:
            issuer = hm2.group()
    title = _title_after(text, m.tail_end, len(text)) or _headline(text) or None
    return Subject(m.number, m.kind, date=date,
                   issuer=_complete_issuer(issuer, province, district),
                   signer=None, title=title, start=m.start, end=m.end)


# --- relations ------------------------------------------------------------------------------

@dataclass(slots=True)
class _Governance:
    source: Mention | None      # None: the subject
    type: str
    cue_start: int
    cue_end: int
    cue: str


def _clauses(text: str) -> tuple[list[int], list[int], list[bool]]:
    """The text's clauses (between `P.CLAUSE_BREAK`s) as three parallel lists: where
    each starts, where it ends, and whether the boundary before it was a ";" (a list
    may go on)."""
    breaks = [m.span() for m in P.CLAUSE_BREAK.finditer(text)]
    starts = [0]
    starts += [e for _, e in breaks]
    ends = [s for s, _ in breaks]
    ends.append(len(text))
    after_semicolon = [False]
    after_semicolon += [text[s] == ";" for s, _ in breaks]  # the one break that is ";"
    return starts, ends, after_semicolon


_LIST_LEAD = re.compile(
    r"^[\s\-+•*]{0,6}(?:và\s{1,3}|cùng\s{1,3})?(?:các\s{1,3})?(?:(?:" +
    "|".join(sorted((re.escape(w) for w in P.KIND_WORD_TO_CODE), key=len, reverse=True)) +
    r")(?!\w)[^;]{0,60}?|số\s{0,2}:?\s{0,2})?$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"(?:,|;|\s(?:và|cùng))\s{0,3}$")


def find_relations(text: str, mentions: list[Mention], subject: Mention | None,
                   side: list[tuple[int, int]], low: str | None = None,
                   ) -> list[tuple[Mention | None, Mention, str, int, int, int, int, str]]:
    """Typed relations (§7): (source or None for the subject, target, type,
    evidence start, evidence end, cue start, cue end, cue).

    `low` is `text` lower-cased (`lower_same_length`), when the caller has it."""
    active = [m for m in mentions if not m.in_side_list]
    active.sort(key=lambda m: m.start)
    if not active:
        return []
    if low is None:
        low = lower_same_length(text)
    clause_starts, clause_ends, after_semicolon = _clauses(text)
    active_starts = [m.start for m in active]
    # cue words inside a number's lead ("Chương trình hành động số 17-CTr/TU") or a
    # law's name ("Luật Thực hiện dân chủ ở cơ sở") are no cues
    masked = [(m.lead_start, m.end) for m in active]
    mask_starts = [s for s, _ in masked]

    def masked_at(pos: int) -> bool:
        i = bisect.bisect_right(mask_starts, pos) - 1
        return i >= 0 and masked[i][0] <= pos < masked[i][1]

    def clause_of(pos: int) -> int:
        return bisect.bisect_right(clause_starts, pos) - 1

    # a cue matters only before a number of its clause, or inside a short list item
    # the governance may be carried through: the scan looks there alone
    last_lead: dict[int, int] = {}
    for m in active:
        last_lead[clause_of(m.lead_start)] = m.lead_start
    mention_clauses = last_lead.keys()
    regions = [(clause_starts[ci], lead) for ci, lead in last_lead.items()]
    regions += [(clause_starts[cj], clause_ends[cj]) for cj in range(1, max(mention_clauses))
                if after_semicolon[cj] and clause_ends[cj] - clause_starts[cj] < 250
                and cj not in last_lead]
    regions.sort()
    cues = _cue_spans(text, low, regions,
                      lambda pos: not masked_at(pos) and not _in_spans(pos, side))
    # a passive cue matters around a window's cues, and right before a number (its actor)
    passive_regions = [(max(0, a - _PASSIVE_REACH), b) for a, b in regions]
    passive_regions += [(max(0, m.lead_start - 40 - _PASSIVE_REACH), m.lead_start + 1)
                        for m in active if not m.is_law]
    passive_regions.sort()
    passive = _passive_cues(text, low, _matches_in_regions(
        P.PASSIVE_CUE, _PASSIVE_SAFE, _PASSIVE_REACH, text, low, passive_regions))
    passive_spans = [(c.begin, c.finish) for c in passive if not masked_at(c.begin)]
    passive_starts = [ps for ps, _ in passive_spans]

    def _in_passive(pos: int) -> bool:
        """Whether a passive cue's span holds `pos` (the spans are sorted and apart)."""
        k = bisect.bisect_right(passive_starts, pos) - 1
        return k >= 0 and pos < passive_spans[k][1]
    cues = [c for c in _merge_adjacent_cues(text, cues)
            if not _NEGATION.search(low, max(0, c.begin - 16), c.begin)]
    cue_starts = [c.start() for c in cues]

    out = []
    gov_of: dict[int, _Governance | None] = {}
    head_gov: dict[int, _Governance | None] = {}
    prev_in_clause: dict[int, Mention] = {}

    carried_to = 0

    def carry_through(ci: int) -> None:
        """A clause with no number inside a list ("...; Chương trình mục tiêu quốc gia
        ...; Chỉ thị số 06-CT/TU") passes the list's governance on."""
        nonlocal carried_to
        for cj in range(max(carried_to, 1), ci):
            if cj in mention_clauses or cj in head_gov:
                continue
            cl_start, cl_end = clause_starts[cj], clause_ends[cj]
            if after_semicolon[cj] and cl_end - cl_start < 250:
                k = bisect.bisect_left(cue_starts, cl_start)
                if k == len(cue_starts) or cue_starts[k] >= cl_end:  # no cue inside
                    head_gov[cj] = head_gov.get(cj - 1)
        carried_to = max(carried_to, ci)

    for t in active:
        ci = clause_of(t.lead_start)
        carry_through(ci)
        prev = prev_in_clause.get(ci)
        window_start = prev.tail_end if prev else clause_starts[ci]
        lo = bisect.bisect_left(cue_starts, window_start)
        hi = bisect.bisect_left(cue_starts, t.lead_start)
        window_cues = [c for c in cues[lo:hi] if c.end() <= t.lead_start]
        gov: _Governance | None = None
        in_passive = any(_in_passive(c.start()) for c in window_cues)
        if window_cues and not in_passive:
            c = window_cues[-1]
            gap = text[c.end():t.lead_start]
            if _gap_allows(gap):
                source = _source_for_cue(text, c.start(), prev, gov_of, head_gov.get(ci))
                if source is None:
                    source = _parenthetical_source(text, t, active, active_starts)
                if source is not None and source.date and t.date and t.date > source.date:
                    # no document carries out one issued after it: the cue is the earlier
                    # one's own, and `t` stands beside it ("triển khai Kết luận 43 ... về
                    # tiếp tục thực hiện ... và Kế hoạch 102"), under its governance
                    gov = gov_of.get(id(source))
                else:
                    gov = _Governance(source, c.type, c.start(), c.end(), c.phrase)
        elif not window_cues:
            if prev is not None:
                between = text[prev.tail_end:t.lead_start]
                if _LIST_SEPARATOR.search(text[prev.tail_end:t.lead_start] or ",") and \
                        _LIST_LEAD.match(text[_last_separator(text, prev.tail_end, t.lead_start):t.lead_start]) \
                        and len(between) < 400:
                    gov = gov_of.get(id(prev))
            elif after_semicolon[ci] and ci > 0:
                lead = text[clause_starts[ci]:t.lead_start]
                if _LIST_LEAD.match(lead):
                    gov = head_gov.get(ci - 1)
        gov_of[id(t)] = gov
        if prev is None:
            head_gov[ci] = gov
        prev_in_clause[ci] = t
        if gov is None:
            continue
        if t.key == (subject.key if subject else None) and gov.source is None:
            continue
        if gov.source is t:
            continue
        ev_start = clause_starts[clause_of(gov.cue_start)]
        ev_end = max(clause_ends[ci], t.tail_end)
        out.append((gov.source, t, gov.type, ev_start, ev_end, gov.cue_start, gov.cue_end, gov.cue))

    out.extend(_passive_relations(text, active, active_starts, clause_starts, clause_ends,
                                  clause_of, side, passive))
    return out


# "tạm ngưng thực hiện", "không thực hiện": a negated verb implements nothing (lower-cased)
_NEGATION = re.compile(r"(?<!\w)(?:tạm ngưng|tạm dừng|ngưng|ngừng|dừng|không|chưa|chấm dứt)\s{1,3}$")


@dataclass(slots=True)
class _Cue:
    """A cue phrase, possibly several in a row ("tổ chức triển khai thực hiện")."""

    begin: int
    finish: int
    phrase: str
    type: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _name: str = "cue") -> str:
        return self.phrase


def _safe_chars(phrases) -> re.Pattern:
    """A character no match of a phrase scan can cover (neither a letter of the
    phrases nor a space): a scan that starts right after one finds what a scan from
    the text's start finds from there on."""
    chars = sorted(set("".join(phrases)))
    return re.compile("[^\\s" + "".join(re.escape(c) for c in chars) + "]")


def _reach(phrases, extra: int = 0) -> int:
    """The longest a phrase scan's match can be (a space of a phrase matches up to
    three), plus `extra`, plus the character its end test looks at."""
    return max(len(k) + 2 * k.count(" ") for k in phrases) + extra + 2


_CUE_SAFE = _safe_chars(P.CUE_TYPES)
_CUE_REACH = _reach(P.CUE_TYPES)
# "đã " before the phrase, up to three spaces and "theo"/"bởi"/"tại"/"bằng" after it
_PASSIVE_SAFE = _safe_chars(list(P.PASSIVE_TYPES) + ["đã", "theo", "bởi", "tại", "bằng"])
_PASSIVE_REACH = _reach(P.PASSIVE_TYPES, len("đã") + 3 + 3 + len("theo"))
_NOT_SPACE = re.compile(r"\S")


def _matches_in_regions(pattern: re.Pattern, safe: re.Pattern, reach: int, text: str, low: str,
                        regions: list[tuple[int, int]], keep=None,
                        follow_runs: bool = False) -> list[re.Match]:
    """The matches of a phrase scan (`pattern` on `low`, those `keep(start)` accepts)
    that a scan of the whole text finds starting inside the sorted `regions`, with
    some found around them. With `follow_runs`, a run of kept matches separated by
    spaces only (cues that read as one, see `_merge_adjacent_cues`) that goes on past
    a region's end is followed to its end.

    Each region's scan starts after the last character before it that `safe` says no
    match covers (so it sees what the whole scan sees), stops `reach` past its end,
    and never goes back over text already scanned: linear in the text's length.
    """
    out: list[re.Match] = []
    pos = 0             # the whole scan's matches before `pos` have all been seen
    last_end = -1       # the end of the last kept match, for runs
    n = len(low)
    rev = None          # `low` reversed, to find the safe character before a region
    for a, b in _joined(regions, _JOIN_GAP):
        if b <= pos or a >= b:
            continue
        if pos < a:
            if rev is None:
                rev = low[::-1]
            sm = safe.search(rev, n - a, n - pos)
            pos = n - sm.start() if sm else pos
        seen_to = pos
        for m in pattern.finditer(low, pos, min(n, b + reach)):
            s, e = m.span()
            if s >= b:
                break
            seen_to = e
            if keep is None or keep(s):
                out.append(m)
                last_end = e
        pos = max(b, seen_to)
        # a run that goes on past the region: the whole scan's next match starts at
        # the first non-space after the run (the phrases open with a letter)
        while follow_runs and last_end == seen_to:
            q = _NOT_SPACE.search(text, last_end)
            if q is None or q.start() < b:
                break
            m = pattern.match(low, q.start())
            if m is None or (keep is not None and not keep(q.start())):
                break
            out.append(m)
            last_end = seen_to = pos = m.end()
    return out


# Regions closer than this are scanned as one: the text between costs less to scan
# than a scan's start.
_JOIN_GAP = 200


def _joined(regions: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """The sorted `regions` with those less than `gap` apart (or overlapping) joined."""
    out: list[tuple[int, int]] = []
    for a, b in regions:
        if out and a - out[-1][1] < gap:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _cue_spans(text: str, low: str, regions: list[tuple[int, int]], keep) -> list[tuple[int, int]]:
    """The spans of the cue phrases `keep(start)` accepts that a scan of the whole
    text finds starting inside the sorted `regions` (with runs of cues followed to
    their end, and some found around them): see `_matches_in_regions`."""
    return [m.span() for m in _matches_in_regions(P.CUE, _CUE_SAFE, _CUE_REACH, text, low,
                                                   regions, keep, follow_runs=True)]


def _merge_adjacent_cues(text: str, spans: list[tuple[int, int]]) -> list[_Cue]:
    """Cues (spans of `text`) separated only by spaces read as one; the first names
    the type."""
    out: list[_Cue] = []
    runs: list[_Cue] = []   # cues that took in the next: their phrase is set at the end
    for start, end in spans:
        if out and not text[out[-1].finish:start].strip():
            prev = out[-1]
            if not runs or runs[-1] is not prev:
                runs.append(prev)
            prev.finish = end
            continue
        phrase, rel_type = _cue_phrase(text[start:end])
        out.append(_Cue(start, end, phrase, rel_type))
    for run in runs:  # once per run (per cue added it was quadratic in the run's length)
        run.phrase = _SPACES.sub(" ", text[run.begin:run.finish])
    return out


@functools.lru_cache(maxsize=1024)
def _cue_phrase(written: str) -> tuple[str, str]:
    """A cue as written -> (the phrase with spaces collapsed, its relation type)."""
    phrase = _SPACES.sub(" ", written)
    return phrase, P.CUE_TYPES[phrase.lower()]


@dataclass(slots=True)
class _PassiveCue:
    """A passive cue: its span (with "đã" before and "theo" after, when there) and
    the phrase itself as written."""

    begin: int
    finish: int
    cue: str


def _passive_cues(text: str, low: str, matches=None) -> list[_PassiveCue]:
    """The passive cues ("đã được sửa đổi, bổ sung theo") of `matches` (of
    `P.PASSIVE_CUE` on `low`), by default every one of the text."""
    out = []
    for m in P.PASSIVE_CUE.finditer(low) if matches is None else matches:
        start, end = m.span()
        lead = P.PASSIVE_LEAD.match(low, start)
        cue_start = lead.end() if lead else start
        cue_end = m.start("by") if m.group("by") else end
        out.append(_PassiveCue(start, end, text[cue_start:cue_end]))
    return out


def _last_separator(text: str, start: int, end: int) -> int:
    seg = text[start:end]
    idx = max(seg.rfind(","), seg.rfind(";"), seg.rfind(" và "))
    return start + idx + 1 if idx >= 0 else start


_GAP_MAX = 110
_GAP_MAX_LINKED = 200


_LINK_WORD = re.compile(r"(?<!\w)(?:theo|tại|của)(?!\w)")


def _gap_allows(gap: str) -> bool:
    """Whether a cue reaches a target across the words between them."""
    flat = _SPACES.sub(" ", gap)
    linked = _LINK_WORD.search(flat) is not None
    if len(flat) > (_GAP_MAX_LINKED if linked else _GAP_MAX):
        return False
    if P.BLOCKING.search(lower_same_length(flat)):
        return False
    return True


_DESCRIPTION_COORDINATOR = re.compile(r"(?:,|\s(?:và|đồng thời))\s{0,3}(?:đẩy mạnh\s{1,3})?$",
                                      re.IGNORECASE)


def _source_for_cue(text: str, cue_start: int, prev: Mention | None,
                    gov_of: dict[int, _Governance | None],
                    clause_gov: _Governance | None) -> Mention | None:
    """The document being described where the cue stands: a previous document whose
    own description carries the cue ("43-KL/TW ... về tiếp tục thực hiện ..."), or
    the subject (None)."""
    if prev is None or prev.is_law:
        return None
    between = text[prev.tail_end:cue_start]
    if _DESCRIPTION_COORDINATOR.search(text[max(prev.tail_end, cue_start - 40):cue_start]):
        # "... và triển khai X": a second verb of the clause's own actor, not of the
        # previous document's description
        return clause_gov.source if clause_gov else None
    if len(between) > 160:
        return None
    return prev


_PAREN_AT = re.compile(r"[ \n]{0,3}\((?:tại|theo)\s{1,3}")


def _parenthetical_source(text: str, t: Mention, active: list[Mention],
                          starts: list[int]) -> Mention | None:
    """"... về triển khai thực hiện Thông báo số 263 ... (tại Văn bản số 3859 ...)": the
    direction that carries the cue is the document named in the parenthesis (the
    first of `active`, sorted by their `starts`, within 40 characters)."""
    m = _PAREN_AT.match(text, t.tail_end)
    if not m:
        return None
    i = bisect.bisect_left(starts, m.end())
    while i < len(active) and starts[i] <= m.end() + 40:
        if not active[i].is_law:
            return active[i]
        i += 1
    return None


# A line that opens with a date ("12/3/2020 Văn bản ... bị thay thế bởi ...")
_LINE_DATE = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{4}\s")


def _passive_relations(text, active, starts, clause_starts, clause_ends, clause_of, side,
                       passive: list[_PassiveCue]):
    """Relations stated by passive cues: (actor, target, type, evidence start, evidence
    end, cue start, cue end, cue). Each cue costs a look at the few numbers around it
    (found by bisection), so a page is processed in time linear in its length."""
    out = []
    line_start = 0
    newline_seen_to = 0       # the cues come in order: each line break is looked for once
    dated_lines: dict[int, int] = {}
    for c in passive:
        c_start, c_end = c.begin, c.finish
        if _in_spans(c_start, side):
            continue
        cue_text = _SPACES.sub(" ", c.cue).lower()
        rel_type = P.PASSIVE_TYPES.get(cue_text)
        if rel_type is None:
            continue
        ci = clause_of(c_start)
        # the acting document follows the cue: its lead starts at most 40 characters
        # after the cue, so it starts at most `_LEAD_REACH` further
        actor = None
        i = bisect.bisect_left(starts, c_end)
        while i < len(active) and starts[i] <= c_end + 40 + _LEAD_REACH:
            m = active[i]
            if c_end <= m.lead_start <= c_end + 40 and not m.is_law:
                actor = m
                break
            i += 1
        if actor is None:
            continue
        # the target: the last document of the clause that ends before the cue
        target = None
        j = bisect.bisect_left(starts, c_start) - 1
        while j >= 0 and starts[j] >= clause_starts[ci]:
            m = active[j]
            if m.end <= c_start and m is not actor:
                target = m
                break
            j -= 1
        if c_start < newline_seen_to:
            newline_seen_to = 0
        nl = text.rfind("\n", newline_seen_to, c_start)
        if nl >= 0 or newline_seen_to == 0:
            line_start = nl + 1
        newline_seen_to = c_start
        if target is not None and target.end < line_start:
            if line_start not in dated_lines:
                dm = _LINE_DATE.match(text, line_start)
                dated_lines[line_start] = dm.end() if dm else -1
            dated = 0 <= dated_lines[line_start] <= c_start
        if target is None or target.end < line_start and dated:
            target = "SUBJECT"
        out.append((actor, target, rel_type, clause_starts[ci], max(clause_ends[ci], actor.tail_end),
                    c_start, c_end, c.cue))
    return out


# --- the whole page --------------------------------------------------------------------------

def extract_page(text: str, *, province: str | None = None, url: str | None = None,
                 published: str | None = None) -> PageExtraction:
    """Extract one page (see `extract.extract_page`)."""
    if not isinstance(text, str):
        raise TypeError("extract_page expects str text; decode bytes first")
    norm = normalize_text(text)
    t = norm.text
    low = lower_same_length(t)
    side = find_side_lists(t, low)
    mentions = find_mentions(t, low)
    laws = find_laws(t)
    if side:  # (a mention is in no side list until found in one)
        for m in mentions:
            m.in_side_list = _in_spans(m.start, side)
        for law in laws:
            law.in_side_list = _in_spans(law.start, side)
    district = _district(t)
    found = find_subject(t, mentions, side, province, district)
    subject = found.subject if found else None
    subject_key = number_key(subject.number) if subject else None
    subject_mention = found.mention if found else None

    # complete each mention's issuer now that the page's places are known
    for m in mentions:
        if m.issuer_from_text and m.issuer:
            m.issuer = _complete_issuer(m.issuer, province, district)

    references = _references(mentions, subject_key, province)
    law_list = _laws(laws)

    all_mentions = sorted(mentions + laws, key=lambda m: m.start)
    rels = find_relations(t, all_mentions, subject_mention, side, low)
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    same_offsets = norm.same_offsets
    key_to_number = {number_key(r.number): r.number for r in references}
    law_names = {_law_key(law.name): law.name for law in law_list}
    if subject:
        key_to_number[subject_key] = subject.number
    for source, target, rel_type, ev_s, ev_e, cue_s, cue_e, cue in rels:
        if source is None and subject is None:
            continue  # a cue of the page's own voice, but the page reports no document
        src = subject.number if source is None else key_to_number.get(source.key)
        if target == "SUBJECT":
            tgt = subject.number if subject else None
        elif target.is_law:
            tgt = law_names.get(target.key)
        else:
            tgt = key_to_number.get(target.key)
        if not src or not tgt or src == tgt:
            continue
        k = (src, tgt, rel_type)
        if k in seen:
            continue
        seen.add(k)
        o_s, o_e = (ev_s, ev_e) if same_offsets else norm.to_original(ev_s, ev_e)
        span = text[o_s:o_e]
        unled = span.lstrip()
        lead_ws = len(span) - len(unled)
        sentence = unled.rstrip()
        relations.append(Relation(src, tgt, rel_type, Evidence(
            sentence=sentence, start=o_s + lead_ws, end=o_s + lead_ws + len(sentence),
            cue=_SPACES.sub(" ", cue))))

    # offsets back into the caller's text
    if same_offsets:
        return PageExtraction(subject=subject, references=references, laws=law_list,
                              relations=relations)
    for r in references:
        r.start, r.end = norm.to_original(r.start, r.end)
        r.mentions = [norm.to_original(s, e) for s, e in r.mentions]
    for law in law_list:
        law.start, law.end = norm.to_original(law.start, law.end)
    if subject and subject.start is not None:
        subject.start, subject.end = norm.to_original(subject.start, subject.end)
    return PageExtraction(subject=subject, references=references, laws=law_list,
                          relations=relations)


def _references(mentions: list[Mention], subject_key: str | None,
                province: str | None) -> list[Reference]:
    """One reference per number, from its most detailed mention (§3)."""
    groups: dict[str, list[Mention]] = {}
    order: list[str] = []
    for m in mentions:
        if m.key == subject_key:
            continue
        if m.truncated and m.end > 0:
            # a number cut off by the end of the excerpt: a mention of a known number
            prefix = next((k for k in order if k.startswith(m.key)), None)
            if prefix:
                groups[prefix].append(m)
                continue
        if m.key not in groups:
            groups[m.key] = []
            order.append(m.key)
        groups[m.key].append(m)
    refs = []
    for key in order:
        group = groups[key]
        best = group[0] if len(group) == 1 else max(group, key=lambda m: (m.detail, -m.start))
        issuer = best.issuer
        if issuer is None and best.date is not None and not best.truncated:
            issuer = _issuer_from_code(best.number, province)
        kind = best.kind
        if best.word_kind is None:
            worded = next((m for m in group if m.word_kind), None)
            if worded is not None:
                kind = worded.kind
        refs.append(Reference(
            number=best.number, kind=kind, date=best.date, issuer=issuer,
            start=group[0].start, end=group[0].end,
            mentions=[(m.start, m.end) for m in group],
            in_side_list=all(m.in_side_list for m in group),
        ))
    return refs


def _issuer_from_code(number: str, province: str | None) -> str | None:
    """The body an issuer code stands for (§6), when the text names none."""
    _, _, codes = number_parts(number)
    for code in reversed(codes):
        body = CODE_ISSUERS.get(code) or CODE_ISSUERS.get(re.sub(r"\d+$", "", code))
        if body:
            if "{" in body:
                if not province:
                    return None
                body = body.format(province=province, locality=locality_of(province),
                                   party_committee="Thành ủy" if province in CENTRAL_CITIES else "Tỉnh ủy")
            return body
    return None


def _laws(laws: list[Mention]) -> list[Law]:
    out: dict[str, Law] = {}
    for m in laws:
        year = int(m.date) if m.date else None
        if m.key in out:
            if out[m.key].year is None and year is not None:
                out[m.key].year = year
            continue
        out[m.key] = Law(name=m.number, year=year, start=m.start, end=m.end)
    return list(out.values())

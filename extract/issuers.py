"""Reading a body's name where the text writes it, and completing it (§6)."""

from __future__ import annotations

import functools
import re

from extract import patterns as P
from extract import patterns_issuers as PI
from extract.grammar import (
    AND, AT, CENTRAL_CITIES, CITY_ISSUER_ENDINGS, DEPARTMENT_HEADS, DOTTED_PLACE_ABBREVIATIONS, HEADER_BODIES,
    ISSUER_ABBREVIATIONS, ISSUER_STOP_PAIRS, ISSUER_WORDS, MINISTRY, NAME_COMMA_WORDS,
    NAME_ENDING_WORDS, NUMBERED_NAME_WORDS, PEOPLES_BODIES, PROPER_NAMES, PROVINCES,
    STANDING_COMMITTEE,
)
# the body a number's codes name, where the text names none (`extract.subject` reads locality_of here)
from extract.grammar_issuers import OFFICIAL_TITLES
from extract.issuer_codes import issuer_from_code, locality_of
from extract.normalize import (
    expand_abbreviations, fold, issuers_match, normalize_number, strip_diacritics,
)
from extract.patterns import SPACES
from extract.scanning import caps_counts, name_patterns, restore_names
from extract.patterns_issuers import (
    AT_WORD, CAPITALISED, KIND_BEFORE_SO, NAME_TAIL, NATIONAL_MOTTO, NUMBER_LABEL, OF_WORD,
    TERM_LOWER, TOKEN,
)


_PROVINCE_BY_FOLD = {fold(p): p for p in PROVINCES}


_PLACE_WORDS = frozenset(w.lower() for p in PROVINCES for w in p.split())


# "HĐND", "BCĐ": abbreviations of bodies, not a heading in capitals
_BODY_ABBREVIATIONS = frozenset(a for a, _ in ISSUER_ABBREVIATIONS if " " not in a)


@functools.lru_cache(maxsize=4096)
def _has_diacritics(word: str) -> bool:
    """Whether a word carries Vietnamese diacritics (or đ)."""
    return word != strip_diacritics(word)


# What a token can be inside a body's name, as far as the token alone tells
(_STOP, _COMMA, _CAPITAL, _KIND_OPENER, _DEPARTMENT_HEAD, _DEPARTMENT_HEAD_KIND_OPENER, _DIGIT,
 _DIGIT_OR_CAPS, _LINK_WORD_IN_NAME, _NAME_WORD) = range(10)

# A token a kind word can open ("Kế" of "Kế hoạch", "Luật"): `P.KIND_WORD` is tried at
# those capitals alone, and at one the window's end cuts. A token runs up to a space or a
# punctuation mark: a kind word of several words opens with a whole token, one of a
# single word is followed by no letter.
_KIND_OPENING = re.compile("|".join(
    re.escape(k.split()[0]) + r"\Z" if " " in k else re.escape(k) + r"(?!\w)"
    for k in sorted(P.KIND_WORD_TO_CODE)), P.KIND_WORD.flags)


def _token_role(tok: str) -> int:
    """The role of a token in a body's name (`scan_issuer`), from the token alone:
    _STOP ends the name; _CAPITAL, _NAME_WORD and _DIGIT / _DIGIT_OR_CAPS continue it
    (a _DIGIT only after "-" or a word that numbers a name); _KIND_OPENER (a capital)
    unless a kind word starts there; _DEPARTMENT_HEAD(_KIND_OPENER) (a capital) takes in
    the department's name after it, or is a capital; _LINK_WORD_IN_NAME continues it
    depending on the next token; _COMMA depending on what follows it."""
    if tok == ",":
        return _COMMA
    if not tok[0].isalnum():
        return _STOP
    low = tok.lower()
    if len(tok) > 1 and tok.isupper() and _has_diacritics(low) and tok not in _BODY_ABBREVIATIONS \
            and low not in ISSUER_WORDS and low not in _PLACE_WORDS:
        return _STOP  # a heading in capitals: "... CỦA TỈNH ỦY THỰC HIỆN ..." ends at the verb
    if tok[0].isupper():
        if low in NAME_ENDING_WORDS:
            return _STOP
        opens_kind = _KIND_OPENING.match(tok) is not None
        if tok in DEPARTMENT_HEADS:
            return _DEPARTMENT_HEAD_KIND_OPENER if opens_kind else _DEPARTMENT_HEAD
        return _KIND_OPENER if opens_kind else _CAPITAL
    caps = CAPITALISED.fullmatch(tok) is not None or (tok.isupper() and len(tok) > 1)
    if tok[0].isdigit():
        return _DIGIT_OR_CAPS if caps else _DIGIT
    if low in ISSUER_WORDS:
        return _LINK_WORD_IN_NAME
    return _NAME_WORD if caps else _STOP


# The roles of the tokens met so far (a dict subscript costs a third of an `lru_cache`
# call, and a name's every token is looked up); emptied when full, as a crawl meets ever
# more words
_ROLES: dict[str, int] = {}
_ROLES_MOST = 8192

_TITLE_FIRST_LETTERS = frozenset(t[0] for t in OFFICIAL_TITLES)

# How far a name's tokens are read ahead of its end (it stops after a few)
_NAME_WINDOW = 200


def scan_issuer(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """Read a body's name starting at `pos` (an official's title before it included:
    "Giám đốc Sở Tài chính"); return it and where it ends."""
    tm = P.OFFICIAL_TITLE.match(text, pos, limit) if text[pos:pos + 1] in _TITLE_FIRST_LETTERS else None
    name_end = tm.end() if tm else pos
    # tokens are read one ahead, as the name needs them
    window_end = min(limit, name_end + _NAME_WINDOW)
    tokens = TOKEN.finditer(text, name_end, window_end)
    cur = next(tokens, None)
    ahead = next(tokens, None)
    words = 0
    prev_written = ""
    while cur is not None and words < 16:
        s, e = cur.span()
        if s - name_end > 1 and text.count("\n", name_end, s) > 1:
            break
        tok = cur.group()
        role = _ROLES.get(tok)
        if role is None:
            if len(_ROLES) >= _ROLES_MOST:
                _ROLES.clear()
            role = _ROLES[tok] = _token_role(tok)
        # the roles from the most frequent
        if role == _CAPITAL or role == _NAME_WORD:
            # (a capital the window's end cuts may open a kind word past it)
            if e == window_end and role == _CAPITAL and P.KIND_WORD.match(text, s):
                break
        elif role == _LINK_WORD_IN_NAME:
            nxt = ahead.group() if ahead is not None else ""
            low = tok.lower()
            if (low, nxt.lower()) in ISSUER_STOP_PAIRS:
                break
            if low == AND and not (nxt[:1].isupper() or nxt.lower() in ISSUER_WORDS):
                break
        elif role == _KIND_OPENER:
            if P.KIND_WORD.match(text, s):
                break
        elif role == _STOP:
            # "UBND TP. Cần Thơ": the period of an abbreviation inside the name
            if not (tok == "." and prev_written in DOTTED_PLACE_ABBREVIATIONS
                    and ahead is not None and ahead.group()[:1].isupper()):
                break
        elif role == _DEPARTMENT_HEAD or role == _DEPARTMENT_HEAD_KIND_OPENER:
            dm = P.DEPARTMENT_AFTER.match(text, e, limit)
            if dm:  # "Sở Tư pháp", "Bộ Giáo dục và Đào tạo": the name goes on in lower case
                name_end = dm.end()
                words += 1 + dm.group().count(" ")
                window_end = min(limit, name_end + _NAME_WINDOW)
                tokens = TOKEN.finditer(text, name_end, window_end)
                cur = next(tokens, None)
                ahead = next(tokens, None)
                continue
            if (role == _DEPARTMENT_HEAD_KIND_OPENER or e == window_end) and P.KIND_WORD.match(text, s):
                break
        elif role == _COMMA:
            # "Bộ Chính trị, Ban Bí thư" and "phòng, chống": a comma inside a name
            nxt = ahead.group() if ahead is not None else ""
            if nxt and P.JOINT_ISSUER.match(text, ahead.start()) or nxt.lower() in NAME_COMMA_WORDS:
                cur, ahead = ahead, next(tokens, None)
                continue
            break
        elif role == _DIGIT and not (words and text[s - 1] == "-") \
                and prev_written.lower() not in NUMBERED_NAME_WORDS:
            break   # (a _DIGIT_OR_CAPS goes on; no kind word opens with a digit)
        name_end = e
        words += 1
        prev_written = tok
        cur, ahead = ahead, next(tokens, None)
    if tm and name_end == tm.end():
        return None, pos
    name = issuer_name(text[pos:name_end])
    return name, name_end


@functools.lru_cache(maxsize=4096)
def issuer_name(raw: str) -> str | None:
    """A body's name as read from the text: spaces collapsed, a heading in capitals
    in sentence case, a dangling "và"/"của" dropped (None when nothing is left)."""
    name = SPACES.sub(" ", raw).strip(" ,-")
    if is_caps_line(name) and len(name) > 6:
        name = sentence_case(name)
    name = NAME_TAIL.sub("", name)
    return name or None


_PROVINCE_AT_END = re.compile(
    r"(?i)(?<!\w)(" + "|".join(sorted((re.escape(p) for p in _PROVINCE_BY_FOLD), key=len, reverse=True))
    + r")$")


@functools.lru_cache(maxsize=4096)
def complete_issuer(name: str | None, province: str | None, district: str | None) -> str | None:
    """Expand abbreviations; add the page's province or district where the text says
    only "Tỉnh ủy", "UBND tỉnh", "Huyện ủy" (§6)."""
    if not name:
        return None
    name = PI.ISSUER_ABBREVIATION_PAREN.sub("", name)
    name = PI.TERM_AT_END.sub("", name).strip()
    name = expand_abbreviations(name)
    name = PI.LOCALITY_WORD_CAPITALISED.sub(lambda m: m.group().lower(), name)
    for written, usual in PI.ISSUER_SPELLING_PATTERNS:
        name = written.sub(usual, name)
    # restore a province's spelling ("Quảng trị" -> "Quảng Trị")
    folded = fold(name)
    m = _PROVINCE_AT_END.search(folded)
    if m and len(folded) == len(name):
        name = name[: m.start()] + _PROVINCE_BY_FOLD[m.group(1).lower()]
    low = name.lower()
    if province:
        if P.LOCAL_ISSUER_END.search(low) \
                or province in CENTRAL_CITIES and low.endswith(CITY_ISSUER_ENDINGS):
            return f"{name} {province}"
        if low in PEOPLES_BODIES:
            return f"{name} {locality_of(province)}"
    if district and PI.DISTRICT_ISSUER_END.search(low):
        return f"{name} {district}"
    return name


def issuer_before(text: str, lead_start: int) -> str | None:
    """"... đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 164/TTr-SKHCN": the
    author named before the document, tied to it by "tại" (`issuer_of_author` says
    whether that is the issuer)."""
    if AT not in text[max(0, lead_start - 6):lead_start]:
        return None  # no "tại" right before the document: no issuer tied to it
    window_start = max(0, lead_start - 120)
    m = None
    for m in OF_WORD.finditer(text[window_start:lead_start]):
        pass
    if m is None:
        return None
    pos = window_start + m.end()
    name, end = scan_issuer(text, pos, lead_start)
    if name and AT_WORD.fullmatch(text[end:lead_start]):
        return name
    return None


_UPPER_RATIO_MIN = 0.85


def is_caps(capitals: int, letters: int) -> bool:
    """Whether text of these counts is written in capitals (85% of its letters at least);
    the counts of lines joined by spaces are the sums of theirs."""
    return letters >= 2 and capitals / letters >= _UPPER_RATIO_MIN


def is_caps_line(line: str) -> bool:
    """Whether the line is written in capitals (85% of its letters at least)."""
    return is_caps(*caps_counts(line))


def sentence_case(text: str) -> str:
    """A heading in capitals as a sentence: numbers, kind words and places restored."""
    text = SPACES.sub(" ", text).strip()
    if not is_caps_line(text):
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
    out = KIND_BEFORE_SO.sub(lambda m: m.group()[:1].upper() + m.group()[1:], out)
    out = restore_names(out, _PROPER_NAME_PATTERNS)
    out = TERM_LOWER.sub(lambda m: m.group(1) + m.group(2).upper(), out)
    return out[:1].upper() + out[1:]


_PROPER_NAME_PATTERNS = name_patterns(PROPER_NAMES)


_PROVINCE_PATTERNS = name_patterns(PROVINCES)


# a header laid out as a table: cells separated by "|" and rules of dashes
# table bars, rules, and the wide gaps between a header's two columns (and line breaks)
_CELL_BREAK_IN_LINE = re.compile(r"\||-{3,}|_{3,}|[ \t]{3,}|\t")


def _cells_backwards(block: str):
    """The cells of a header's lines, from the last: the lines split at their breaks
    (none of which holds a line break), one line at a time as they are read."""
    for line in reversed(block.split("\n")):
        yield from reversed(_CELL_BREAK_IN_LINE.split(line))


RULE_LINE = re.compile(r"[-_=.*|\s]+")


def header_issuer(text: str, number_pos: int) -> str | None:
    """The issuing body from the lines above "Số: ..." in a full text's header."""
    block = text[max(0, number_pos - 600):number_pos]
    picked: list[str] = []
    for k, line in enumerate(_cells_backwards(block)):
        if k == 0 and not line.strip(" |"):
            continue    # nothing but bars before the number on its line
        clean = line.strip(" |\t")
        if not clean or RULE_LINE.fullmatch(clean):
            continue
        if NATIONAL_MOTTO.match(clean):
            continue
        if NUMBER_LABEL.match(clean):
            continue
        if not is_caps_line(clean):
            break
        picked.append(clean)
        if len(picked) >= 4:
            break
    if not picked:
        return None
    if len(picked) >= 2 and PI.HEADER_SUBORDINATE.match(picked[0]):
        return _subordinate_name(_header_name(picked[0]), _header_name(" ".join(reversed(picked[1:]))))
    name = _header_name(" ".join(reversed(picked)))
    nm = P.NUMBER.search(text, number_pos, min(len(text), number_pos + 40))
    by_code = issuer_from_code(nm.group(), None) if nm else None
    if by_code and PI.SUBORDINATE_BODY.match(by_code) and not issuers_match(by_code, name):
        # the header names only the superior of the body the code names ("ỦY BAN NHÂN DÂN"
        # over "Số: 681/HD-SGDĐT": the Sở Giáo dục và Đào tạo)
        return _subordinate_name(by_code, name)
    return name


def _subordinate_name(body: str, superior: str) -> str:
    """A body a header names under its superior, with the locality it belongs to: "Sở
    Nội vụ" under "Ủy ban nhân dân tỉnh Lào Cai" is "Sở Nội vụ tỉnh Lào Cai", "Ban Tuyên
    giáo" under "Tỉnh ủy Lào Cai" "Ban Tuyên giáo Tỉnh ủy Lào Cai"; a body that names its
    own locality ("Đảng ủy xã Bản Lầu") stands alone."""
    if PI.LOCALITY_IN_NAME.search(body.lower()):
        return body
    sm = PI.SUPERIOR_LOCALITY.match(superior)
    if sm is None and superior.lower() in PEOPLES_BODIES:
        return body     # "Ủy ban nhân dân" alone names no locality to take
    if PI.COMMITTEE_AT_END.search(body):
        return f"{body} {sm.group('place')}" if sm else body
    if sm is None or sm.group("people") is None or PI.OFFICE_OF_SUPERIOR.match(body):
        return f"{body} {superior}"
    return f"{body} {sm.group('locality')}"


_HEADER_BODIES = tuple((b, re.compile(r"^" + re.escape(b.lower()) + r"(?!\w)")) for b in HEADER_BODIES)


@functools.lru_cache(maxsize=1024)
def _header_name(name: str) -> str:
    """A header's body name (lines in capitals joined) in its usual spelling:
    "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" -> "Ủy ban nhân dân tỉnh Bắc Kạn"."""
    name = PI.NATIONAL_NAME_SPLIT.split(name)[0]
    name = expand_abbreviations(re.sub(r"\s+", " ", name).strip())
    low = name.lower()
    low = PI.STANDING_COMMITTEE_LOWER.sub(STANDING_COMMITTEE, low)
    low = PI.PARTY_COMMITTEE_LOWER.sub(lambda m: m.group(1).capitalize() + " " + m.group(2), low)
    low = PI.DEPARTMENT_AFTER_LOWER.sub(
        lambda m: m.group(1).capitalize() + " " + PI.DEPARTMENT_BY_LOWER[m.group(2)], low)
    for spelt, pattern in PI.HEADER_NAMES_ANYWHERE:
        low = pattern.sub(spelt, low)
    out = low[:1].upper() + low[1:]
    out = restore_names(out, _PROVINCE_PATTERNS)
    # place names after "tỉnh", "huyện" ... are proper nouns
    out = PI.PLACE_NAME_AT_END.sub(
        lambda m: m.group(1) + " " + " ".join(w[:1].upper() + w[1:] for w in m.group(2).split()), out)
    for body, pattern in _HEADER_BODIES:
        if pattern.match(out.lower()):
            out = body + out[len(body):]
    if out.startswith(MINISTRY) and len(out) > len(MINISTRY):
        out = MINISTRY + out[len(MINISTRY)].upper() + out[len(MINISTRY) + 1:]
    return out


def reference_issuer(best, mentions, province: str | None, district: str | None) -> str | None:
    """The issuer of one reference, `best` its most detailed mention among `mentions`:
    the body the text names there or else at another mention, completed; where it names
    none, the body its code names (§6)."""
    named = best.issuer or next((m.issuer for m in mentions if m.issuer), None)
    if named:
        return complete_issuer(named, province, district)
    longest = max((m.number for m in mentions), key=len)
    return issuer_from_code(longest, province, district)

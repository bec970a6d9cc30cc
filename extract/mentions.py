"""Document numbers in the text, each with its kind, date and issuer as written (§3-§6)."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from extract import patterns as P
from extract.grammar import (
    CANONICAL_CODES, CODE_KINDS, KNOWN_CODES, NUMBERED_CODES, OTHER_KIND, PLENUM_ISSUER,
)
from extract.issuer_codes import issuer_of_author
from extract.issuers import issuer_before, scan_issuer
from extract.normalize import iso_date, normalize_number, number_key, number_parts, strip_diacritics
from extract.page import Page, in_spans
from extract.patterns import (
    BARE_ISSUER_CLOSE, CUT_OF, GRANTED, OF_BY, OF_BY_FIRST, SO_BEFORE, SPACES, TERM_AFTER,
    TERM_AFTER_REACH, TERM_PAREN,
)


# Codes that name a body rather than a kind: a number whose first code is one of
# these is an official letter (`010094/UBND-TH`).
_ISSUER_CODES = frozenset(KNOWN_CODES) - frozenset(CODE_KINDS) - {"GP"}


class Mention(NamedTuple):
    """One occurrence of a document number (or of a law's name) in the normalised text,
    with what the text says about it; never changed once built (the issuer stays as
    written: `resolve` completes it with the page's places)."""

    number: str
    key: str
    start: int            # the number itself
    end: int
    lead_start: int       # where "Nghị quyết số" before it starts (== start if none)
    tail_end: int         # end of the date / issuer that follow it
    kind: str | None
    word_kind: str | None
    date: str | None = None
    issuer: str | None = None     # as written (or the body a Party plenum stands for)
    truncated: bool = False
    in_side_list: bool = False
    is_law: bool = False

    @property
    def detail(self) -> int:
        return (self.date is not None) + (self.issuer is not None)


@functools.lru_cache(maxsize=4096)
def _kind_of(codes: tuple[str, ...], word_kind: str | None, year: int | None) -> str | None:
    """The kind (§5): the type code inside the number, else the word before it; the
    code wins even where the word names another kind ("Chỉ thị số 33/TT-TTg" is `TT`)."""
    first = codes[0] if codes else None
    if first is not None:
        code_kind = CODE_KINDS.get(first)
        if code_kind is not None:
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


@functools.lru_cache(maxsize=1024)
def _kind_of_word(word: str) -> str | None:
    """The kind code of a kind word as written ("Nghị  quyết", "CHỈ THỊ")."""
    return P.KIND_WORD_TO_CODE.get(SPACES.sub(" ", word).lower())


# How far before a number its lead ("Nghị quyết số ") may start
LEAD_REACH = 48


def _word_kind_before(text: str, start: int, low: str) -> tuple[str | None, int]:
    """The kind named right before a number ("Nghị quyết số 25-NQ/TW") and where
    that phrase starts. `low` is `text` lower-cased (`lower_same_length`)."""
    window_start = max(0, start - LEAD_REACH)
    m = P.KIND_BEFORE.search(low, window_start, start)
    if not m:
        m2 = SO_BEFORE.search(text, window_start, start)
        return None, m2.start() if m2 else start
    word_start, word_end = m.span("word")
    return _kind_of_word(text[word_start:word_end]), m.start()


COMMA_GAP = re.compile(r"[ \n]{0,3},?[ \n]{0,3}")
# what a non-empty `COMMA_GAP` starts with (`_parse_tail` tests it first)
COMMA_GAP_FIRST = frozenset(" \n,")


def _after_term(text: str, end: int, limit: int) -> int:
    """`end` moved past the term that may follow an issuer: " (khóa XII)"."""
    if "k" in text[end:end + TERM_AFTER_REACH].lower():
        km = TERM_AFTER.match(text, end, limit)
        if km:
            return km.end()
    return end


def _parse_tail(text: str, pos: int, limit: int) -> tuple[str | None, str | None, int, bool]:
    """Read the date and issuer that follow a number, in either order.

    Returns (date, issuer, tail_end, cut_off): the issuer as the text writes it (the
    caller completes it), or the body a Party plenum stands for; `cut_off` says the
    text ends where the issuer should stand ("... ngày 26 tháng 12 năm 2017 củ").
    """
    date = None
    issuer: str | None = None
    end = pos
    cut_off = False
    for _ in range(4):
        if text[end:end + 1] not in COMMA_GAP_FIRST or end >= limit:
            cur = end
        elif text[end + 1:end + 2] not in COMMA_GAP_FIRST:
            cur = end + 1   # one space or line break: what `COMMA_GAP` matches there
        else:
            cur = COMMA_GAP.match(text, end, limit).end()
        first = text[cur:cur + 1]
        if date is None and first in P.DATE_AFTER_FIRST:
            dm = P.DATE_AFTER.match(text, cur, limit)
            if dm:
                date = date_of(dm)
                end = dm.end()
                continue
        if issuer is None and cur > end and "," in text[end:cur]:
            # after a comma, with no "của": a plenum, or (after the date) a body whose
            # name closes the clause ("..., ngày 1/2/2016, Bộ Chính trị về ...")
            pm = P.PLENUM.match(text, cur, limit)
            if pm:
                issuer, end = PLENUM_ISSUER, _after_term(text, pm.end(), limit)
                continue
            if date is not None and P.ISSUER_HEAD.match(text, cur, limit):
                name, name_end = scan_issuer(text, cur, limit)
                if name and BARE_ISSUER_CLOSE.match(text, name_end, limit):
                    issuer = name
                    end = _after_term(text, name_end, limit)
                    continue
        if issuer is None:
            im = OF_BY.match(text, cur, limit) if first in OF_BY_FIRST else None
            if im:
                pm = P.PLENUM.match(text, im.end(), limit) \
                    if text[im.end():im.end() + 1] in P.PLENUM_FIRST else None
                if pm:
                    issuer, end = PLENUM_ISSUER, _after_term(text, pm.end(), limit)
                    continue
                name, name_end = scan_issuer(text, im.end(), limit)
                if name:
                    issuer = name   # as written, a dangling "và" dropped
                    end = _after_term(text, name_end, limit)
                    if text[im.start():im.start() + 2].lower() == "do":
                        cm = GRANTED.match(text, end, limit)
                        if cm:
                            end = cm.end()
                    continue
            if limit - cur <= 4 and CUT_OF.match(text, cur, limit):
                cut_off = True
        # skip a term in parentheses: "(khóa XII)"
        if first == "(":
            km = TERM_PAREN.match(text, cur, limit)
            if km:
                end = km.end()
                continue
        break
    return date, issuer, end, cut_off


def date_of(m: re.Match) -> str | None:
    """The ISO date a date match (`P.DATE` and the patterns sharing its groups) reads."""
    day, m1, m2, m3, year = m.group("d", "m", "m2", "m3", "y")
    if year is None:
        year = m.group("ya") + m.group("yb")
        if len(year) != 4:
            return None   # "ngày 16/7/20 1": a part of the year is missing
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


def _marks_end(text: str, end: int) -> int:
    """`end` moved past the combining marks that follow it (a stray accent after a code,
    which composes with nothing): a span covers whole characters as the text has them."""
    stop = min(len(text), end + 16)
    while end < stop and unicodedata.combining(text[end]):
        end += 1
    return end


def _code_end(text: str, start: int, end: int) -> int:
    """Where a number matched at `start:end` really ends (§4): without a footnote mark glued
    to its last code (`12-CT/TW2,`), and past a stray space inside that code (`TT-BGD ĐT`,
    `BCĐ 35`); digits belong to a code only where it carries a number (`NUMBERED_CODES`)."""
    dm = P.CODE_DIGITS_AT_END.search(text, max(start, end - 14), end) if text[end - 1].isdigit() \
        else None
    if dm:
        if dm.group("digits")[0] == "0" or dm.group("letters") in NUMBERED_CODES \
                or _canonical_code(dm.group("letters")) in NUMBERED_CODES:
            return end
        return dm.start("digits")
    cm = P.CODE_CONTINUATION.match(text, end)
    if cm is None:
        return end
    last = P.LAST_CODE_LETTERS.search(text, max(start, end - 14), end)
    if last is None:
        return end
    if cm.group("digits"):
        return cm.end() if _canonical_code(last.group()) in NUMBERED_CODES else end
    joined = _canonical_code(last.group() + cm.group("letters"))
    return cm.end() if joined in _KNOWN_CODE_SET else end


_KNOWN_CODE_SET = frozenset(KNOWN_CODES)


@functools.lru_cache(maxsize=1024)
def _canonical_code(letters: str) -> str | None:
    """A code's usual spelling (`KNOWN_CODES`), whatever its case and diacritics."""
    return CANONICAL_CODES.get(strip_diacritics(letters).upper())


def find_mentions(page: Page) -> list[Mention]:
    """Every document number of the page, with what the text says about it."""
    text, low, side = page.text, page.low, page.side
    out: list[Mention] = []
    n = len(text)
    letter_serials = False    # a serial ending in a letter: its short form is looked for
    marks = None    # whether the page has a mark composing with nothing: read when needed
    for m in P.NUMBER.finditer(text):
        start, end = m.span()
        if _is_in_url_or_file(text, start, end):
            continue
        if text[end - 1].isdigit() or text[end:end + 1] == " " and (
                # a capital or a digit after the space: `P.CODE_CONTINUATION` may match
                (after := text[end + 1:end + 2]).isdigit() or "A" <= after <= "Z" or after == "Đ"):
            end = _code_end(text, start, end)
        # every combining mark is above U+0300: most numbers end before a space or a sign
        if end < n and text[end] >= "\u0300" and unicodedata.combining(text[end]):
            if marks is None:
                marks = P.COMBINING_MARK.search(text) is not None
            if marks:
                end = _marks_end(text, end)
        raw = text[start:end]
        number = normalize_number(raw)
        serial, year, codes = number_parts(number)
        letter_serials = letter_serials or serial[-1].isalpha()
        word_kind, lead_start = _word_kind_before(text, start, low)
        kind = _kind_of(codes, word_kind, year)
        limit = min(n, end + 400)
        date, issuer, tail_end, cut_off = _parse_tail(text, end, limit)
        if issuer is None:
            author = issuer_before(text, lead_start)
            if author is not None:
                issuer = issuer_of_author(author, number, page.province, page.district)
        # (positional: the fields in `Mention`'s order, faster than by keyword)
        out.append(Mention(
            number, number_key(number), start, end, lead_start, tail_end, kind, word_kind,
            date, issuer, end == n or cut_off, bool(side) and in_spans(start, side),
        ))
    if letter_serials:
        out += _short_forms(page, out)
    return out


def _short_forms(page: Page, mentions: list[Mention]) -> list[Mention]:
    """"Nghị quyết 36a" where the page writes `36a/NQ-CP` (§4, a serial ending in a
    letter): a mention of that number, when its serial and kind name one number only.
    Listed after the full mentions, so a reference's first mention is a full one."""
    by_serial: dict[tuple[str, str | None], set[str]] = {}
    full: dict[str, Mention] = {}
    for m in mentions:
        serial = number_parts(m.number)[0].lower().lstrip("0")
        if serial[-1:].isalpha():
            by_serial.setdefault((serial, m.kind), set()).add(m.key)
            full.setdefault(m.key, m)
    text, side = page.text, page.side
    out = []
    for sm in P.SHORT_FORM.finditer(page.low):
        word_kind = _kind_of_word(text[sm.start("word"):sm.end("word")])
        keys = by_serial.get((sm.group("serial").lstrip("0"), word_kind))
        if not keys or len(keys) != 1:
            continue
        m = full[next(iter(keys))]
        start, end = sm.span("serial")
        out.append(m._replace(start=start, end=end, lead_start=sm.start(), tail_end=end,
                              word_kind=word_kind, date=None, issuer=None, truncated=False,
                              in_side_list=bool(side) and in_spans(start, side)))
    return out

"""The page every stage reads: its text normalised and lower-cased, where its side lists
are, the district and province it speaks for; built once by `read_page`."""

from __future__ import annotations

import bisect
import math
import re
import urllib.parse
from dataclasses import dataclass, field

from extract import patterns as P
from extract.grammar import DISTRICT_WORD_TAIL, ISSUED_BY
from extract.normalize import NormalizedText, fold, lower_same_length, normalize_text
from extract.patterns import DISTRICT


@dataclass(slots=True)
class Page:
    """One page's text as the stages read it. Offsets are into `text`, the normalised
    text; `norm` maps them back into `original`, the text as given. No stage sets a
    field (not frozen: a frozen dataclass sets each field through `object.__setattr__`,
    four times the cost of building it)."""

    original: str
    norm: NormalizedText
    text: str                       # normalised
    low: str                        # `text` lower-cased, same length (`lower_same_length`)
    side: list[tuple[int, int]]     # side lists (`find_side_lists`): no relations there
    district: str | None            # the one district the text names (`find_district`)
    province: str | None            # the province the page speaks for, as the caller says
    url_key: str = ""               # the page's address as `url_key` folds it ("" if none)
    items: tuple[tuple[int, int], ...] = ()   # related-document item lines (in `side` too)
    # a reported mention's sentence date and actor by its start, read once by the first
    # stage that asks (`extract.subject.reported_date_actor`)
    reported: dict[int, tuple[str | None, str | None]] = field(
        default_factory=dict, compare=False, repr=False)


def read_page(text: str, province: str | None = None, url: str | None = None) -> Page:
    """The `Page` of a text: normalised, lower-cased, side lists and district found."""
    if not isinstance(text, str):
        raise TypeError("extract_page expects str text; decode bytes first")
    norm = normalize_text(text)
    t = norm.text
    low = lower_same_length(t)
    items = related_document_items(t)
    return Page(text, norm, t, low, find_side_lists(t, low, items), find_district(t), province,
                url_key(url), tuple(items))


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_URL_HOST = re.compile(r"^[a-z][a-z0-9+.\-]{0,20}://[^/]{0,255}")
_URL_LONGEST = 2000


def url_key(url: str | None) -> str:
    """A page address's path as one run of folded letters and digits (percent-escapes
    decoded, diacritics and separators dropped): what `url_names` looks numbers up in.
    ".../quyet-dinh-604-qd-ubnd-nam-2023-ve-..." -> "quyetdinh604qdubndnam2023ve..."."""
    if not url:
        return ""
    path = _URL_HOST.sub("", urllib.parse.unquote(url[:_URL_LONGEST]).strip().lower())
    return _NOT_ALNUM.sub("", fold(path))


def url_names(key: str, number: str) -> bool:
    """Whether the page's address (its `url_key`) names a document number: the number's
    letters and digits, in order, with no digit before them ("604/QĐ-UBND" in
    ".../quyet-dinh-604-qd-ubnd-nam-2023...", "490-CV/BDVTW" in "Cong-van-so-490-CVBDVTW").
    The address only confirms or chooses a number the text gives, never supplies one."""
    if not key:
        return False
    needle = _NOT_ALNUM.sub("", fold(number))
    if not needle:
        return False
    i = key.find(needle)
    while i >= 0:
        if i == 0 or not key[i - 1].isdigit():
            return True
        i = key.find(needle, i + 1)
    return False


def find_side_lists(text: str, low: str | None = None,
                    items: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Spans where the portal lists other articles: after a "Tin liên quan" heading,
    lines that end in an item timestamp "(09/06/2025, 14:56)", and a legal database's
    related-document items (`related_document_items`, or `items` when the caller has
    them); sorted, those that overlap or touch joined (so `in_spans` can bisect).

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
    spans += related_document_items(text) if items is None else items
    if not P.TIMESTAMP_HINT.search(text):
        return joined_spans(sorted(spans), 1) if len(spans) > 1 else spans
    for m in P.TIMESTAMP_LINE.finditer(text):
        if m.start() <= max(first_line_end, 0):
            continue  # the page's own headline
        spans.append(m.span())
    spans.sort()
    return joined_spans(spans, 1)


# A legal database's list of related documents, headed or not: each item a dash, its
# counter (often glued to the text) and a document's kind word ("- 2Chỉ thị 21/CT-TTg năm
# 2019 về ... do Thủ tướng Chính phủ ban hành", "- 1 Luật Đất đai 2013")
_ITEM_OPENING = r"[ \t]{0,4}-[ \t]{0,2}\d{1,3}[ \t]{0,2}(?=\S)"
RELATED_ITEM_OPENING = re.compile(_ITEM_OPENING)
_ITEM_NEXT = re.compile(r"\n" + _ITEM_OPENING)
_ITEM_FIRST = frozenset(" \t-")
# "... do Thủ tướng Chính phủ ban hành" closing a line: a related-document item's issuer,
# and a legal database's title line's (the name's span is bounded)
ISSUED_BY_END = re.compile(
    r"(?<!\w)" + ISSUED_BY[0] + r"\s{1,3}(?P<issuer>[^\n]{3,160}?)\s{1,3}"
    + ISSUED_BY[1].replace(" ", r"\s{1,3}") + r"[ \t|.]{0,8}$")
_ITEM_LONGEST = 600
_KIND_WORD_LONGEST = 40


def related_document_items(text: str) -> list[tuple[int, int]]:
    """The lines of a legal database's related-document lists (§3): two such items or
    more, or one that closes with its issuer ("do ... ban hành")."""
    items = []
    # (an item on the first line opens with a space, a tab or its dash)
    m = RELATED_ITEM_OPENING.match(text) if text[:1] in _ITEM_FIRST else None
    found = [m] if m else []
    found += _ITEM_NEXT.finditer(text)
    for m in found:
        # (a slice: the kind word's own test that no word stands before it would see the counter)
        if P.KIND_WORD.match(text[m.end():m.end() + _KIND_WORD_LONGEST]) is None:
            continue
        start = m.start() + (text[m.start()] == "\n")
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if end - start <= _ITEM_LONGEST:
            items.append((start, end))
    if len(items) == 1 and not ISSUED_BY_END.search(text, items[0][0], items[0][1]):
        return []
    return items


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` lies in one of `spans` (sorted and apart, as `find_side_lists`
    returns them): one bisection, however many side-list lines a page has. The spans'
    starts differ, so `(pos, inf)` falls after every span starting at or before `pos`
    (tuples compared in C: no key function called per step)."""
    i = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return i >= 0 and pos < spans[i][1]


def find_district(text: str) -> str | None:
    """The district the page speaks for, when the text names exactly one."""
    # every match starts at the "H"/"h" before a "uyện": the scan tries those alone
    # (most pages name no district), in order and never inside the previous match,
    # so it finds what `DISTRICT.findall` finds
    names = set()
    pos = 0
    i = text.find(DISTRICT_WORD_TAIL, 1)
    while i >= 0:
        if i - 1 >= pos and text[i - 1] in "Hh":
            m = DISTRICT.match(text, i - 1)
            if m:
                names.add(m.group(1))
                pos = m.end()
        i = text.find(DISTRICT_WORD_TAIL, max(i + 1, pos))
    return names.pop() if len(names) == 1 else None


def joined_spans(regions: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """The sorted `regions` with those less than `gap` apart (or overlapping) joined."""
    out: list[tuple[int, int]] = []
    for a, b in regions:
        if out and a - out[-1][1] < gap:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out

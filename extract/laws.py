"""Laws and codes cited by name, without a number (§3)."""

from __future__ import annotations

import functools
import itertools
import re

from extract import patterns as P
from extract.grammar import (
    AMENDING_WORD, AND, CONSTITUTION, CONSTITUTION_START, LAW_AMENDED_SUFFIX, LAW_DATE_WORDS,
    LAW_INNER_HEADS, LAW_INNER_LINKS, LAW_NAME_LOWER_OPENERS, LAW_NAME_NON_OPENERS,
    LAW_START_PIECES, LAW_STOP, LAW_STOP_PAIRS, LAW_WORD, NUMBER_WORD,
)
from extract.mentions import Mention
from extract.normalize import fold, lower_same_length
from extract.page import RELATED_ITEM_OPENING, Page, in_spans
from extract.patterns import LAW_TOKEN, LAW_YEAR, SPACES


@functools.lru_cache(maxsize=4096)
def law_group_key(name: str) -> str:
    """The key a law's name is grouped by: "law:" + its folded name."""
    return "law:" + fold(name)


def law_starts(text: str, low: str | None = None):
    """The matches `P.LAW_START.finditer(text)` yields, tried only where one can start.

    Every match holds "uật"/"UẬT" ("Luật", "Bộ  luật", "BỘ LUẬT") or starts with
    "Hiến": finding those is a fast substring search, where the regex scan would try
    every position; both cases of "uật" by one search of `low` (`text` lower-cased,
    `lower_same_length`, when the caller has it). Candidates are tried in order, never
    inside the previous match.
    """
    if low is None:
        low = lower_same_length(text)
    starts = set()
    for tail_low, width in _LAW_TAILS_LOW:
        i = low.find(tail_low, 1)
        while i >= 0:
            piece = _LAW_PIECES.get(text[i:i + width])    # "uật" or "UẬT" as written
            if piece is not None:
                head, pair = piece
                before = text[i - 1]
                if before == "L":
                    starts.add(i - 1)
                # (a "Bộ" in the few characters before: one test, then the three places)
                if (before == head or before == "L") and pair in text[max(0, i - 6):i - 1]:
                    for gap in (1, 2, 3):  # "Bộ" and one to three spaces before the "l"
                        if i - 3 - gap >= 0 and text.startswith(pair, i - 3 - gap):
                            starts.add(i - 3 - gap)
            i = low.find(tail_low, i + 1)
    i = text.find(CONSTITUTION_START)
    while i >= 0:
        starts.add(i)
        i = text.find(CONSTITUTION_START, i + 1)
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue
        m = P.LAW_START.match(text, start)
        if m:
            yield m
            pos = m.end()


_LAW_PIECES = {tail: (head, pair) for tail, head, pair in LAW_START_PIECES}
# the pieces' tails lower-cased ("uật" for both): one search each
_LAW_TAILS_LOW = tuple(sorted({(tail.lower(), len(tail)) for tail in _LAW_PIECES}))


def _item_law_starts(text: str, items) -> list[tuple[int, int, str]]:
    """(start, end, head) of the laws that open a related-document item right after its
    glued counter ("- 3Luật Doanh nghiệp 2020"), which `law_starts` does not see (the
    pattern's own test that no word stands before it sees the digit)."""
    out = []
    for line_start, _ in items:
        om = RELATED_ITEM_OPENING.match(text, line_start)
        if om and text[om.end() - 1].isdigit():
            m = P.LAW_START.match(text[om.end():om.end() + _HEAD_LONGEST])
            if m:
                out.append((om.end(), om.end() + m.end(), m.group("head")))
    return out


_HEAD_LONGEST = 20
# how many words may follow a comma or "và" inside a name before the name must end:
# "Luật Thi đua, Khen thưởng ngày ...", "Luật Tổ chức HĐND và UBND;"
_LINKED_WORDS = 5
# A name's tokens: read first, at most (one to look ahead past the 30th), and how far a
# step looks past the current one (`_linked_name_goes_on`: `_LINKED_WORDS` + 1 ahead, and
# whether one more stands there); while fewer are read, the rest are read first
_FIRST_TOKENS = 12
_MOST_TOKENS = 31
_TOKENS_AHEAD = _LINKED_WORDS + 3
# "Luật Giáo dục nghề nghiệp số 74/2014/QH13", "Luật ... 2019 số 47/2019/QH14": a law
# cited with its number is that reference (§3)
_WITH_NUMBER = re.compile(r"[ \t]{0,3}(?:(?:19|20)\d\d[ \t]{1,3})?(?:" + NUMBER_WORD
                          + r"[ \t]{0,3}:?[ \t]{0,3})?")
# a related-document item's bare year at its end: "- 2Luật Giáo dục 2019"
_ITEM_YEAR = re.compile(r"[ \t]{1,3}((?:19|20)\d\d)[ \t.]{0,4}$", re.MULTILINE)


def find_laws(page: Page) -> list[Mention]:
    """Laws and codes cited by name ("Luật Thực hiện dân chủ ở cơ sở năm 2023"), as
    mentions whose number is the name and whose date is the year."""
    text, side, page_items = page.text, page.side, page.items
    out: list[Mention] = []
    numbered: set[str] = set()
    covered = 0
    starts = [(m.start(), m.end(), m.group("head")) for m in law_starts(text, page.low)]
    items = _item_law_starts(text, page_items) if page_items else ()
    for start, pos, head in sorted(starts + items) if items else starts:
        if start < covered:
            continue  # "Luật Tổ chức Chính phủ" inside "Luật Sửa đổi ... của Luật ..."
        # the name is read over 30 tokens at most (and one more to look ahead); most
        # names end within a few, so the tokens are read as the name goes on
        tokens_after = LAW_TOKEN.finditer(text[pos:pos + 300])
        tokens = list(itertools.islice(tokens_after, _FIRST_TOKENS))
        more = len(tokens) == _FIRST_TOKENS
        if not tokens:
            continue
        first = tokens[0].group()
        # a related-document item names a law in the database's own case: "- 1Luật giáo dục 2019"
        item = bool(page_items) and in_spans(start, page_items) and _item_opening(text, start)
        if not (first[0].isupper() or first.lower() in LAW_NAME_LOWER_OPENERS
                or head == CONSTITUTION or item and item.end() == start):
            continue
        if first.lower() in LAW_NAME_NON_OPENERS or first[0].isdigit():
            continue
        name_end = pos + tokens[0].end()
        depth_inner = head.lower().startswith(LAW_WORD) and first.lower() == AMENDING_WORD
        many_laws = False   # "... của 37 luật có liên quan đến quy hoạch": to its date
        i = 1
        while i < 30:
            if more and i + _TOKENS_AHEAD > len(tokens):
                tokens += itertools.islice(tokens_after, _MOST_TOKENS - len(tokens))
                more = False
            if i >= len(tokens):
                break
            tok = tokens[i].group()
            low = tok.lower()
            gap = text[name_end:pos + tokens[i].start()]
            # (most gaps are one space: the three tests only for the others)
            if gap != " " and ("\n\n" in gap or ";" in gap or ":" in gap):
                break  # "Luật Quy hoạch;\nCăn cứ ...": the name ended at the semicolon
            if many_laws:
                if low in LAW_DATE_WORDS or not tok[0].isalnum() and tok != ",":
                    break
                name_end = pos + tokens[i].end()
                i += 1
                continue
            if depth_inner and low in LAW_INNER_LINKS and i + 2 < len(tokens) \
                    and tokens[i + 1].group().isdigit() and tokens[i + 2].group().lower() == LAW_WORD:
                many_laws = True
                name_end = pos + tokens[i].end()
                i += 1
                continue
            if tok == ",":
                nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if nxt and nxt[0].islower() and nxt.lower() not in LAW_STOP:
                    i += 1
                    continue
                if _linked_name_goes_on(text, pos, tokens, i, name_start=start, after_and=False):
                    i += 1
                    continue
                break
            if low == AND and _linked_name_goes_on(text, pos, tokens, i, name_start=start,
                                                    after_and=True):
                name_end = pos + tokens[i].end()
                i += 1
                continue
            if low in LAW_INNER_LINKS and depth_inner:
                nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if nxt.lower() in LAW_INNER_HEADS:
                    name_end = pos + tokens[i].end()
                    i += 1
                    continue
            if low in LAW_STOP:
                break
            # (the next word matters only after the first word of a stop pair, or "số")
            if low in _STOP_PAIR_FIRSTS:
                nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
                if (low, nxt) in LAW_STOP_PAIRS or (low == NUMBER_WORD and (not nxt or nxt[0].isdigit())):
                    break
            # (the kind word's regex only for a capitalised word)
            if tok[0].isupper() and low != LAW_WORD and P.KIND_WORD.match(text, pos + tokens[i].start()):
                break
            if not (tok[0].isalpha() or tok[0] == "-"):
                break
            name_end = pos + tokens[i].end()
            i += 1
        name = SPACES.sub(" ", text[start:name_end]).strip(" ,")
        if len(name.split()) < 2:
            continue
        covered = name_end
        if P.NUMBER.match(text, _WITH_NUMBER.match(text, name_end).end()):
            numbered.add(law_group_key(name))
            continue
        if item and _item_names_an_amendment(text, start):
            continue  # "- 1Luật Thi đua, Khen thưởng sửa đổi 2005": a database's short name
        year, tail_end = None, name_end
        ym = LAW_YEAR.match(text, name_end)
        if ym:
            year, tail_end = ym.group(1), ym.end()
        else:
            dm = P.DATE_AFTER.match(text, name_end + 1 if text[name_end:name_end + 1].isspace() else name_end)
            if dm and dm.start() - name_end <= 3:
                year, tail_end = dm.group("y"), dm.end()
            elif item:
                line_end = text.find("\n", name_end, name_end + _ITEM_REACH)
                im = _ITEM_YEAR.match(text, name_end, len(text) if line_end < 0 else line_end)
                if im:
                    year, tail_end = im.group(1), im.end()
        # (positional: the fields in `Mention`'s order)
        out.append(Mention(name, law_group_key(name), start, name_end, start, tail_end, "L", "L",
                           year, None, False, bool(side) and in_spans(start, side), True))
    # a law the page cites with its number is that reference wherever it is named (§3)
    return [m for m in out if m.key not in numbered] if numbered else out


_ITEM_REACH = 600
# the words after which `find_laws` reads the next one: a stop pair's first, and "số"
_STOP_PAIR_FIRSTS = frozenset({first for first, _ in LAW_STOP_PAIRS} | {NUMBER_WORD})


def _item_opening(text: str, start: int):
    """The related-document item opening of the line `start` stands in, if that line is
    short enough to be an item (the look-back stays bounded, however long a line)."""
    floor = max(0, start - _ITEM_REACH)
    line_start = text.rfind("\n", floor, start) + 1
    if line_start == 0 and floor > 0:
        return None
    return RELATED_ITEM_OPENING.match(text, line_start)


def _item_names_an_amendment(text: str, start: int) -> bool:
    """Whether a related-document item is a database's short name for an amending law
    ("- 3Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương sửa đổi 2019"): the
    amending law's name as cited is "Luật sửa đổi, bổ sung ... của Luật ...", and the
    laws it names are no laws of the item."""
    line_end = text.find("\n", start, start + _ITEM_REACH)
    line_end = min(len(text), start + _ITEM_REACH) if line_end < 0 else line_end
    ym = _ITEM_YEAR.search(text, start, line_end)
    return text[start:ym.start() if ym else line_end].rstrip(" .").lower().endswith(LAW_AMENDED_SUFFIX)


def _linked_name_goes_on(text: str, pos: int, tokens, i: int, *, name_start: int,
                         after_and: bool) -> bool:
    """Whether the comma or "và" at `tokens[i]` stands inside the law's name: a capitalised
    word follows that opens no other law, document or clause, and the name ends within
    `_LINKED_WORDS` words ("Luật Thi đua, Khen thưởng ngày ...", "Luật Tổ chức Hội đồng
    nhân dân và Ủy ban nhân dân;"). After "và" the words must name a body, as a body's
    name before it does ("Luật Tổ chức HĐND và UBND"), not "Luật Đất đai và Nghị định ..."."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1].group()
    at = pos + tokens[i + 1].start()
    if not nxt[0].isupper() or nxt.lower() in LAW_INNER_HEADS or P.KIND_WORD.match(text, at):
        return False
    if after_and and not (P.ISSUER_HEAD.match(text, at)
                          and P.ISSUER_HEAD.search(text, name_start, pos + tokens[i].start())):
        return False
    if not after_and and P.ISSUER_HEAD.match(text, at):
        return False
    for j in range(i + 2, min(len(tokens), i + 2 + _LINKED_WORDS)):
        tok = tokens[j].group()
        gap = text[pos + tokens[j - 1].end():pos + tokens[j].start()]
        if ";" in gap or ":" in gap or "\n" in gap or tok == ",":
            return True
        low = tok.lower()
        if low in LAW_STOP or low == AMENDING_WORD or tok[0].isdigit():
            return low != AND
        if P.KIND_WORD.match(text, pos + tokens[j].start()) and tok[0].isupper():
            return False
    return i + 2 + _LINKED_WORDS > len(tokens) and len(tokens) < 31


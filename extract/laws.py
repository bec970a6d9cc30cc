"""Laws and codes cited by name, without a number (§3)."""

from __future__ import annotations

import functools
import itertools

from extract import patterns as P
from extract.grammar import (
    AMENDING_WORD, CONSTITUTION, CONSTITUTION_START, LAW_INNER_HEADS, LAW_INNER_LINKS,
    LAW_NAME_LOWER_OPENERS, LAW_NAME_NON_OPENERS, LAW_START_PIECES, LAW_STOP, LAW_STOP_PAIRS,
    LAW_WORD, NUMBER_WORD,
)
from extract.mentions import Mention
from extract.normalize import fold
from extract.page import Page, in_spans
from extract.patterns import LAW_TOKEN, LAW_YEAR, SPACES


@functools.lru_cache(maxsize=4096)
def law_group_key(name: str) -> str:
    """The key a law's name is grouped by: "law:" + its folded name."""
    return "law:" + fold(name)


def law_starts(text: str):
    """The matches `P.LAW_START.finditer(text)` yields, tried only where one can start.

    Every match holds "uật"/"UẬT" ("Luật", "Bộ  luật", "BỘ LUẬT") or starts with
    "Hiến": finding those is a fast substring search, where the regex scan would try
    every position. Candidates are tried in order, never inside the previous match.
    """
    starts = set()
    for tail, head, pair in LAW_START_PIECES:
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


def find_laws(page: Page) -> list[Mention]:
    """Laws and codes cited by name ("Luật Thực hiện dân chủ ở cơ sở năm 2023"), as
    mentions whose number is the name and whose date is the year."""
    text, side = page.text, page.side
    out: list[Mention] = []
    covered = 0
    for m in law_starts(text):
        if m.start() < covered:
            continue  # "Luật Tổ chức Chính phủ" inside "Luật Sửa đổi ... của Luật ..."
        head = m.group("head")
        pos = m.end()
        # the name is read over 30 tokens at most (and one more to look ahead)
        tokens = list(itertools.islice(LAW_TOKEN.finditer(text[pos:pos + 300]), 31))
        if not tokens:
            continue
        first = tokens[0].group()
        if not (first[0].isupper() or first.lower() in LAW_NAME_LOWER_OPENERS
                or head == CONSTITUTION):
            continue
        if first.lower() in LAW_NAME_NON_OPENERS or first[0].isdigit():
            continue
        name_end = pos + tokens[0].end()
        depth_inner = head.lower().startswith(LAW_WORD) and first.lower() == AMENDING_WORD
        i = 1
        while i < len(tokens) and i < 30:
            tok = tokens[i].group()
            low = tok.lower()
            gap = text[name_end:pos + tokens[i].start()]
            if "\n\n" in gap:
                break
            if tok == ",":
                nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if nxt and nxt[0].islower() and nxt.lower() not in LAW_STOP:
                    i += 1
                    continue
                break
            if low in LAW_INNER_LINKS and depth_inner:
                nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if nxt.lower() in LAW_INNER_HEADS:
                    name_end = pos + tokens[i].end()
                    i += 1
                    continue
            nxt = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
            if low in LAW_STOP:
                break
            if (low, nxt) in LAW_STOP_PAIRS or (low == NUMBER_WORD and (not nxt or nxt[0].isdigit())):
                break
            if P.KIND_WORD.match(text, pos + tokens[i].start()) and tok[0].isupper() and low != LAW_WORD:
                break
            if not (tok[0].isalpha() or tok[0] == "-"):
                break
            name_end = pos + tokens[i].end()
            i += 1
        name = SPACES.sub(" ", text[m.start():name_end]).strip(" ,")
        if len(name.split()) < 2:
            continue
        covered = name_end
        year, tail_end = None, name_end
        ym = LAW_YEAR.match(text, name_end)
        if ym:
            year, tail_end = ym.group(1), ym.end()
        else:
            dm = P.DATE_AFTER.match(text, name_end + 1 if text[name_end:name_end + 1].isspace() else name_end)
            if dm and dm.start() - name_end <= 3:
                year, tail_end = dm.group("y"), dm.end()
        out.append(Mention(number=name, key=law_group_key(name), start=m.start(), end=name_end,
                           lead_start=m.start(), tail_end=tail_end, kind="L", word_kind="L",
                           date=year, is_law=True,
                           in_side_list=bool(side) and in_spans(m.start(), side)))
    return out

"""A text's clauses (§7): the stretches between clause breaks (`P.CLAUSE_BREAK`: a
semicolon, a sentence's end, a blank line, a list item's start, a colon that ends a
line), over which `relations` reads a cue's reach and a preamble's sentence."""

from __future__ import annotations

import re

from extract import patterns as P


def _top_alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern's top-level alternation ("a|b(c|d)" -> a, b(c|d))."""
    alternatives, current = [], []
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            current.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "()":
            depth += 1 if ch == "(" else -1
        elif ch == "|" and depth == 0:
            alternatives.append("".join(current))
            current = []
            i += 1
            continue
        current.append(ch)
        i += 1
    alternatives.append("".join(current))
    return alternatives


def by_first_character(pattern: re.Pattern) -> dict[str, re.Pattern]:
    """`pattern`'s alternatives, each of which opens with a plain character (";", "\\.",
    "\\n"), grouped by it, each group in its order as one pattern. The regex engine finds
    a pattern's one opening character in C as fast as `str.find` does, where a set of
    them costs a test at every position. No two groups can match at one position, and
    no match of one holds another's opening character (the one longer than a character
    runs over white space): their matches together are the whole pattern's."""
    groups: dict[str, list[str]] = {}
    for alternative in _top_alternatives(pattern.pattern):
        first = alternative[:2] if alternative.startswith("\\") else alternative[:1]
        if first[-1] in "sSdDwWbBAZ" if len(first) == 2 else first in "([.^$":
            raise ValueError(f"{alternative!r} of {pattern.pattern!r} opens with no plain character")
        groups.setdefault(first, []).append(alternative)
    return {first: re.compile("|".join(alts), pattern.flags) for first, alts in groups.items()}


_CLAUSE_BREAKS = by_first_character(P.CLAUSE_BREAK)
# the one break that is ";" (a list may go on), and the others
_SEMICOLON_BREAK = _CLAUSE_BREAKS.pop(";")
_OTHER_BREAKS = tuple(_CLAUSE_BREAKS.values())


def clauses(text: str) -> tuple[list[int], list[int], list[bool]]:
    """The text's clauses (between `P.CLAUSE_BREAK`s) as three parallel lists: where
    each starts, where it ends, and whether the boundary before it was a ";" (a list
    may go on)."""
    semicolons = [m.start() for m in _SEMICOLON_BREAK.finditer(text)]
    breaks = [(s, s + 1) for s in semicolons]
    for pattern in _OTHER_BREAKS:
        breaks += [m.span() for m in pattern.finditer(text)]
    if not breaks:
        return [0], [len(text)], [False]
    breaks.sort()       # they never overlap: their starts and their ends sort alike
    break_starts, break_ends = zip(*breaks)
    after_semicolon = [False, *map(set(semicolons).__contains__, break_starts)]
    return [0, *break_ends], [*break_starts, len(text)], after_semicolon

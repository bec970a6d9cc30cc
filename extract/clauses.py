"""A text's clauses (§7): the stretches between clause breaks (`P.CLAUSE_BREAK`: a
semicolon, a sentence's end, a blank line, a list item's start, a colon that ends a
line), over which `relations` reads a cue's reach and a preamble's sentence."""

from __future__ import annotations

from extract import patterns as P
from extract.scanning import by_first_character


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

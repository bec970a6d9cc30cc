"""Fast forms of patterns that the regex engine would otherwise try at every position of
a long text: it skips ahead in C only to a pattern's one plain opening character (as
fast as `str.find`), where a set of opening characters, a line start ("^" in multiline
mode) or a look-behind costs a test at each position."""

from __future__ import annotations

import re


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


_MULTILINE_START = re.compile(r"\(\?[a-z]*m[a-z]*\)\^")


def after_line_break(pattern: re.Pattern) -> re.Pattern:
    """A pattern that opens at a line start ("(?m)^...") as one that opens with the line
    break before it: its matches from `pos - 1` are the pattern's from `pos`, each with
    its line break in front, but for one at the text's very start (look there with the
    pattern itself) and for one whose line break a match before it holds."""
    opening = _MULTILINE_START.match(pattern.pattern)
    if opening is None:
        raise ValueError(f"{pattern.pattern!r} opens with no line start")
    return re.compile(r"\n" + pattern.pattern[opening.end():], pattern.flags)

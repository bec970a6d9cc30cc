"""Fast scans of text. Patterns that the regex engine would otherwise try at every
position of a long text: it skips ahead in C only to a pattern's one plain opening
character (as fast as `str.find`), where a set of opening characters or a line start
("^" in multiline mode) costs a test at each position. And a line's letters and
capitals counted in C; and names found in a text by their first words."""

from __future__ import annotations

import re
from typing import NamedTuple


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


def _letter_cases() -> dict[int, str | None]:
    """A `str.translate` table over the blocks the pages are written in (Latin with the
    Vietnamese letters, combining marks, general punctuation): a capital letter -> "U",
    another letter -> "l", anything else dropped."""
    table: dict[int, str | None] = {}
    for first, last in ((0x0000, 0x0250), (0x0300, 0x0370), (0x1E00, 0x1F00), (0x2000, 0x2070)):
        for code in range(first, last):
            ch = chr(code)
            table[code] = ("U" if ch.isupper() else "l") if ch.isalpha() else None
    return table


_LETTER_CASES = _letter_cases()


def caps_counts(line: str) -> tuple[int, int]:
    """(capitals, letters) of a line: counted in C over the table's blocks (a character
    outside them is left as it is, and the line is then counted one character at a time)."""
    marked = line.translate(_LETTER_CASES)
    capitals = marked.count("U")
    if capitals + marked.count("l") == len(marked):
        return capitals, len(marked)
    letters = "".join(filter(str.isalpha, line))
    return sum(map(str.isupper, letters)), len(letters)


_WORD_RUN = re.compile(r"\w+")


class NamePatterns(NamedTuple):
    """Names in a table's order, each as (its lower case, itself, its whole-word pattern in
    lower case), and by the first word of its lower case their places in `names`."""

    names: tuple[tuple[str, str, re.Pattern], ...]
    by_first_word: dict[str, tuple[int, ...]]


def name_patterns(names) -> NamePatterns:
    """The `NamePatterns` of a table of names (each opening with a letter or a digit)."""
    table = tuple((n.lower(), n, re.compile(r"(?<!\w)" + re.escape(n.lower()) + r"(?!\w)"))
                  for n in names)
    by_first_word: dict[str, list[int]] = {}
    for i, (lowered, name, _) in enumerate(table):
        # (a lower case of another length would move the text under the later names)
        assert len(lowered) == len(name) and _WORD_RUN.match(lowered), name
        by_first_word.setdefault(_WORD_RUN.match(lowered).group(), []).append(i)
    return NamePatterns(table, {w: tuple(ids) for w, ids in by_first_word.items()})


def restore_names(text: str, patterns: NamePatterns) -> str:
    """Proper names written in lower case in `text` given their spelling, one name
    after another in the table's order. A name's whole-word match holds its first word
    as a whole run of word characters, in the text as it came (a name put back changes
    only the case of its letters, so it makes no lower-case run): the names whose first
    word is none of the text's runs are skipped, and a substring test skips most others."""
    # (the runs that open some name, by one set intersection in C)
    opening = patterns.by_first_word.keys() & set(_WORD_RUN.findall(text))
    candidates = sorted(i for w in opening for i in patterns.by_first_word[w])
    for i in candidates:
        lowered, name, pattern = patterns.names[i]
        if lowered in text:
            text = pattern.sub(name, text)
    return text

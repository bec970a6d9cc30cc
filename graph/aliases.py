"""What users type for a document, parsed: `CT 33`, `Chỉ thị 33`, `33/CT-TTg`, `NQ 25`,
`Nghị quyết 25-NQ/TW`, `Nghị quyết số 25`, `33/CT-TTg 2021`, `33/CT-TTg ngày 26/11/2021`.

`parse_alias` returns the number (when a full one is written), or the serial and the
kind, plus any year or date that narrows the candidates; `resolve_alias` turns that into
ranked candidate documents of a store.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.grammar import CODE_KINDS, KIND_WORDS
from extract.normalize import fold, iso_date, normalize_number, number_key, split_number
from graph.plan import serial_key

# A full number: serial, then `-` or `/`, then codes (`33/CT-TTg`, `59/2023/NĐ-CP`).
_NUMBER = re.compile(r"(?<![\w/])(\d{1,6}[^\W\d_]{0,3}(?:\s?[-/]\s?[\wĐđ]{1,12}){1,5})(?![\w])")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})(?!\d)")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d/])((?:19|20)\d\d)(?![\d/])")
# a serial may end in a letter: `Nghị quyết 45b`
_SERIAL = re.compile(r"(?<![\d/])(\d{1,6}[a-zA-Z]?)(?![\w/])")

# folded kind word or code -> kind code, longest first
_KIND_PHRASES: list[tuple[str, str]] = sorted(
    [(fold(w), kind) for kind, words in KIND_WORDS.items() for w in words]
    + [(fold(code), kind) for code, kind in CODE_KINDS.items() if "-" not in code],
    key=lambda kv: -len(kv[0]))


@dataclass
class Alias:
    """A parsed user query for a document."""

    text: str
    number: str | None = None        # normalised full number, when written
    number_key: str | None = None
    serial: str | None = None        # `33` of `CT 33`
    kind: str | None = None
    year: int | None = None
    date: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def parse_alias(text: str) -> Alias:
    """Parse what a user typed for a document (see the module docstring)."""
    raw = " ".join(text.split())
    alias = Alias(text=raw)
    rest = raw
    m = _DATE_WORDS.search(rest) or _DATE.search(rest)
    if m:
        alias.date = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        rest = rest[:m.start()] + " " + rest[m.end():]
    num = _NUMBER.search(rest)
    if num and any(c.isalpha() for c in num.group(1)):
        alias.number = normalize_number(num.group(1))
        alias.number_key = number_key(alias.number)
        rest = rest[:num.start()] + " " + rest[num.end():]
    y = _YEAR.search(rest)
    if y:
        alias.year = int(y.group(1))
        rest = rest[:y.start()] + " " + rest[y.end():]
    if alias.date and not alias.year:
        alias.year = int(alias.date[:4])
    folded = " " + fold(rest) + " "
    for phrase, kind in _KIND_PHRASES:
        if re.search(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])", folded):
            alias.kind = kind
            break
    if alias.number is None:
        s = _SERIAL.search(rest)
        if s:
            alias.serial = serial_key(s.group(1))
    else:
        serial, _, codes = split_number(alias.number)
        alias.serial = serial_key(serial)
        for code in codes:
            if code in CODE_KINDS:
                alias.kind = CODE_KINDS[code]
                break
    return alias

"""Normalisation rules shared by every module: text, document numbers, names, dates.

One implementation of each rule (ANNOTATION.md §4): the extractor, the graph's
identity resolution and the query aliases all import from here.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from extract.grammar import CANONICAL_CODES, CODE_KINDS, ISSUER_ABBREVIATIONS, TONE_MARK_SPELLINGS
from extract.grammar_issuers import CODE_ISSUERS, EITHER_STYLE_CODES, PARTY_ISSUER_CODES

# --- text ----------------------------------------------------------------------------

# Characters replaced one for one before scanning.
_CHAR_MAP = {
    "\u00d0": "\u0110",  # Ð (Icelandic eth) looks like Đ
    "\u00f0": "\u0111",  # ð looks like đ
    "\u0189": "\u0110",  # Ɖ (African D) looks like Đ
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\u3000": " ", "\t": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\ufe63": "-", "\uff0d": "-",
    "\u2044": "/", "\u2215": "/", "\uff0f": "/",
    "\x00": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n",
}
# Characters dropped (zero width); 'd'/'D' + combining stroke becomes đ/Đ (below).
_DROP = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_STROKES = "\u0335\u0336\u0338"

# Anything that needs more than a one-for-one replacement: combining marks (NFD text,
# strokes) and dropped characters. Each match is a short cluster: base + marks.
_CLUSTER = re.compile(
    "[^\u0300-\u036f][\u0300-\u036f]{1,8}|[" + _DROP + "]"
)
_SIMPLE = re.compile("[" + "".join(re.escape(c) for c in _CHAR_MAP) + "]")
# What any cluster holds: a combining mark or a dropped character (a search for one
# character class runs far faster than `_CLUSTER`, whose first branch fits any text).
_CLUSTER_CHAR = re.compile("[\u0300-\u036f" + _DROP + "]")
# Any character normalisation changes: most pages hold none, and one search says so.
_ANY_CHANGED = re.compile("[" + "".join(re.escape(c) for c in _CHAR_MAP) + "\u0300-\u036f"
                          + _DROP + "]")
# An HTML character reference left in stored text ("Ng&agrave;y", "&#7889;", "&nbsp;",
# "&amp;"): decoded like the browser shows it. Only terminated references (with ";"),
# bounded in length; one a browser would not decode is kept as written.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A cluster or a reference: what may change the text's length
_CLUSTER_OR_ENTITY = re.compile(_CLUSTER.pattern + "|" + _ENTITY.pattern)


@dataclass
class NormalizedText:
    """Text ready for scanning, with a map from its offsets back to the original's.

    The scanner works on `text`; `to_original(start, end)` turns a span of `text`
    into the span of the input it came from, so every offset the extractor reports
    points into what the caller passed in.
    """

    text: str
    original_length: int
    # Sorted edits: (start in text, end in text, start in original, end in original)
    _edits: list[tuple[int, int, int, int]] = field(default_factory=list)
    _edit_starts: list[int] = field(default_factory=list)

    def _map(self, pos: int, *, is_end: bool) -> int:
        if not self._edits:
            return pos
        i = bisect.bisect_right(self._edit_starts, pos) - 1
        if i < 0:
            return pos
        t0, t1, o0, o1 = self._edits[i]
        if pos >= t1:
            return o1 + (pos - t1)
        if pos == t0:
            return o0
        # inside an edit: a start maps to the cluster's start, an end to its end
        return o1 if is_end else o0

    @property
    def same_offsets(self) -> bool:
        """Whether every offset of `text` is already the original's (no edit changed
        a length), so `to_original` need not be called."""
        return not self._edits

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original text's (start, end) for a span of the normalised text."""
        return self._map(start, is_end=False), self._map(end, is_end=True)


def normalize_text(text: str) -> NormalizedText:
    """NFC, look-alikes and dashes replaced, zero-width characters dropped.

    Runs in time linear in the text. One-for-one replacements keep every offset;
    only clusters of combining marks and dropped characters change the length, and
    those are recorded so offsets can be mapped back.
    """
    entities = "&" in text and _ENTITY.search(text) is not None
    if not entities and not _ANY_CHANGED.search(text):
        return NormalizedText(text, len(text))
    simple = _replace_one_for_one(text)
    has_marks = _CLUSTER_CHAR.search(simple) is not None
    if not entities and (not has_marks or not _CLUSTER.search(simple)):
        return NormalizedText(simple, len(text))
    # with no mark and no dropped character no cluster can match: the references alone
    # are scanned for (`_CLUSTER`'s first branch would be tried at every character)
    scan = _CLUSTER if not entities else _CLUSTER_OR_ENTITY if has_marks else _ENTITY
    parts: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = 0
    out_len = 0
    for m in scan.finditer(simple):
        s, e = m.span()
        if s > pos:
            parts.append(simple[pos:s])
            out_len += s - pos
        cluster = m.group()
        if cluster in _DROP:
            repl = ""
        elif cluster[0] == "&" and cluster[-1] == ";":
            repl = _decoded_entity(cluster)
        else:
            base, marks = cluster[0], cluster[1:]
            if base in "dD" and any(c in _STROKES for c in marks):
                base = "đ" if base == "d" else "Đ"
                marks = "".join(c for c in marks if c not in _STROKES)
            repl = unicodedata.normalize("NFC", base + marks)
        if len(repl) != e - s or repl != cluster:
            edits.append((out_len, out_len + len(repl), s, e))
        parts.append(repl)
        out_len += len(repl)
        pos = e
    parts.append(simple[pos:])
    norm = NormalizedText("".join(parts), len(text), edits, [t0 for t0, _, _, _ in edits])
    return norm


@functools.lru_cache(maxsize=1024)
def _decoded_entity(reference: str) -> str:
    """The text an HTML character reference stands for, normalised as any text is
    ("&nbsp;" is a space, "&#7889;" is "ố"); the reference itself when it names nothing,
    or stands for a control character, a combining mark or a character dropped."""
    decoded = html.unescape(reference)
    if decoded == reference or not decoded.isprintable() and decoded not in _CHAR_MAP \
            or any(unicodedata.combining(c) or c in _DROP for c in decoded):
        return reference
    return unicodedata.normalize("NFC", "".join(_CHAR_MAP.get(c, c) for c in decoded))


def _replace_one_for_one(text: str) -> str:
    """`_CHAR_MAP` applied: one `str.replace` per look-alike the text holds (faster
    than `str.translate`, which looks up every character of the text)."""
    for ch in set(_SIMPLE.findall(text)):
        text = text.replace(ch, _CHAR_MAP[ch])
    return text


def nfc(text: str) -> str:
    """The normalised text alone (no offset map)."""
    return normalize_text(text).text


# The letters `re.IGNORECASE` equates with `i` and `s` although `str.lower` keeps them
# apart, and `İ`, whose full lower case is two characters.
_SCAN_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def lower_same_length(text: str) -> str:
    """`text` in lower case, offset for offset: a case-sensitive lower-case pattern run
    on it matches exactly where the same pattern with `re.IGNORECASE` matches on `text`.

    The phrase scanners (cues, kind words) run on it, so one `str.lower` per page
    replaces the much slower case-insensitive matching of every phrase.
    """
    low = text.lower()
    if len(low) != len(text) or "\u0131" in low or "\u017f" in low:
        low = text.translate(_SCAN_FOLD).lower()
    return low


# --- folding ---------------------------------------------------------------------------

_FOLD_SPACES = re.compile(r"\s+")


def strip_diacritics(text: str) -> str:
    """Vietnamese without diacritics: 'Đắk Lắk' -> 'Dak Lak'."""
    decomposed = unicodedata.normalize("NFD", nfc(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace(
        "Đ", "D").replace("đ", "d")


def fold(text: str) -> str:
    """A loose comparison key: lower case, no diacritics, single spaces."""
    return _FOLD_SPACES.sub(" ", strip_diacritics(text).lower()).strip()


# --- document numbers ------------------------------------------------------------------

_NUMBER_SPACES = re.compile(r"\s+")
_SEGMENT = re.compile(r"[^\-/]+|[\-/]")
_CODE_WITH_TERM = re.compile(r"^([^\W\d_]+)(\d*)$")


def _canonical_segment(segment: str, *, all_caps: bool) -> str:
    """Restore a code's usual spelling: `TTG` -> `TTg`, `ND` -> `NĐ`, `CTR` -> `CTr`."""
    m = _CODE_WITH_TERM.match(segment)
    if not m:
        return segment
    letters, digits = m.groups()
    if letters in CANONICAL_CODES.values():
        return segment
    key = letters.upper().replace("Đ", "D")
    canonical = CANONICAL_CODES.get(key)
    if canonical is None:
        return segment
    if letters.upper() == canonical.upper():
        return canonical + digits  # only the case differs: "Nđ" -> "NĐ", "Ttg" -> "TTg"
    written_plain = letters == strip_diacritics(letters)
    if all_caps or written_plain:
        # keep a diacritic the writer put in ("QĐ") even where the key folded it away
        if not written_plain and strip_diacritics(canonical) == strip_diacritics(letters) \
                and canonical.upper() != letters.upper():
            return segment
        return canonical + digits
    return segment


@functools.lru_cache(maxsize=65536)
def normalize_number(raw: str) -> str:
    """The normal form of a document number (ANNOTATION.md §4).

    >>> normalize_number("05- CT/TW")
    '05-CT/TW'
    >>> normalize_number("19/CT-TTG")
    '19/CT-TTg'
    >>> normalize_number("59/2023/ND-CP")
    '59/2023/NĐ-CP'
    """
    text = _NUMBER_SPACES.sub("", nfc(raw))
    if _CLUSTER_CHAR.search(text):
        # a code carries no accent: a stray combining mark left after NFC is dropped
        text = "".join(c for c in text if not unicodedata.combining(c))
    letters = [c for c in text if c.isalpha()]
    # A number written in capitals: every letter upper case and more than one letter
    all_caps = len(letters) > 1 and all(c.isupper() for c in letters)
    out = []
    for seg in _SEGMENT.findall(text):
        out.append(seg if seg in "-/" else _canonical_segment(seg, all_caps=all_caps))
    return "".join(_in_usual_style(out))


_SERIAL = re.compile(r"\d{1,6}[a-zA-Z]?")


def _in_usual_style(parts: list[str]) -> list[str]:
    """A number's pieces (`_SEGMENT`) written in its issuer's usual style (§4): a Party
    body's State style (`14/NQ-TU`) as `14-NQ/TU`, a State body's Party style
    (`33-CT/TTg`) as `33/CT-TTg`; same serial, same codes in the same order. Anything
    else (a year, a third `/`, an unknown issuer) is kept as written."""
    if len(parts) < 5 or not _SERIAL.fullmatch(parts[0]) or parts[2] not in CODE_KINDS \
            or any(sep != "-" for sep in parts[5::2]):
        return parts
    issuer = parts[4].rstrip("0123456789")
    if issuer in EITHER_STYLE_CODES:
        return parts
    if parts[1] == "/" and parts[3] == "-" and issuer in PARTY_ISSUER_CODES:
        return [parts[0], "-", parts[2], "/", *parts[4:]]
    if parts[1] == "-" and parts[3] == "/" and issuer in CODE_ISSUERS \
            and issuer not in PARTY_ISSUER_CODES:
        return [parts[0], "/", parts[2], "-", *parts[4:]]
    return parts


_LEADING_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")


@functools.lru_cache(maxsize=65536)
def number_key(number: str) -> str:
    """Identity key of a number: normal form, case folded, leading zeros ignored.

    Two spellings of the same số hiệu (`0155/KH-UBND`, `155/KH-UBND`, `05-ct/tw`)
    share a key; distinct documents that share a number (two `05-CT/TW`) are told
    apart by the graph, not here.
    """
    return _LEADING_ZEROS.sub("", normalize_number(number)).upper().replace("Đ", "D")


def split_number(number: str) -> tuple[str, int | None, list[str]]:
    """(serial, year or None, codes) of a normalised number.

    >>> split_number("59/2023/NĐ-CP")
    ('59', 2023, ['NĐ', 'CP'])
    >>> split_number("1573-KH/BDVTW-BCSĐCP")
    ('1573', None, ['KH', 'BDVTW', 'BCSĐCP'])
    """
    serial, year, codes = number_parts(number)
    return serial, year, list(codes)


_NUMBER_SEPARATOR = re.compile(r"[-/]")
_YEAR = re.compile(r"(19|20)\d\d")


@functools.lru_cache(maxsize=65536)
def number_parts(number: str) -> tuple[str, int | None, tuple[str, ...]]:
    """`split_number` with the codes as a tuple, cached: what the extractor calls for
    every mention (numbers repeat across pages)."""
    parts = [p for p in _NUMBER_SEPARATOR.split(number) if p]
    serial = parts[0] if parts else number
    year = None
    codes: list[str] = []
    for p in parts[1:]:
        if year is None and not codes and _YEAR.fullmatch(p):
            year = int(p)
        else:
            codes.append(p)
    return serial, year, tuple(codes)


# --- names -----------------------------------------------------------------------------

_ABBREVIATION_PATTERNS = [
    (re.compile(r"(?<!\w)" + re.escape(short) + r"(?!\w)"), long)
    for short, long in ISSUER_ABBREVIATIONS
]


def expand_abbreviations(name: str) -> str:
    """`UBND tỉnh` -> `Ủy ban nhân dân tỉnh`; `BCH TW` -> `Ban Chấp hành Trung ương`."""
    out = nfc(name)
    for pattern, long in _ABBREVIATION_PATTERNS:
        out = pattern.sub(long, out)
    return out


_TERM = re.compile(r"\s*\(?\b(khóa|khoá)\s+[IVXLC]+\b\)?", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def issuer_key(name: str) -> str:
    """Loose key of an issuer: abbreviations expanded, Party term dropped, folded.

    `Ban Chấp hành Trung ương Đảng (khóa XI)`, `BCH TW Đảng` and
    `ban chap hanh trung uong dang` share a key.
    """
    expanded = _TERM.sub("", expand_abbreviations(name))
    for written, usual in TONE_MARK_SPELLINGS:
        expanded = expanded.replace(written, usual)
    return re.sub(r"[^\w ]+", " ", fold(expanded)).strip()


def issuers_match(a: str | None, b: str | None) -> bool:
    """Whether two issuer strings name the same body, loosely (the scorer's rule)."""
    if not a or not b:
        return a == b or (not a and not b)
    ka, kb = issuer_key(a), issuer_key(b)
    ka = re.sub(r"\s+", " ", ka)
    kb = re.sub(r"\s+", " ", kb)
    return ka == kb or ka in kb or kb in ka


# --- dates -----------------------------------------------------------------------------

def iso_date(day: int, month: int, year: int) -> str | None:
    """ISO `YYYY-MM-DD`, or None when the parts are no calendar date."""
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None

"""Bytes from a file or a portal -> text, whatever encoding the page was saved in.

The one decoder of the project: `vanban extract` reads files with it and the crawler
decodes every HTML response with it (crawlers/textual.py adds only the HTML-specific
part, finding the charset a page declares).

Vietnamese pages come in UTF-8, UTF-16 with a BOM, Windows-1258 (whose tones are
combining marks: `normalize_text` composes them later, the crawler at once), under a
declared charset that is sometimes wrong, or as UTF-8 that was once decoded as
Windows-1252 and saved again ("Ä‘" for "đ").
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

__all__ = ["Decoded", "decode_bytes", "fix_mojibake", "codec_name"]

# Sequences that only appear when UTF-8 was read as Windows-1252/Latin-1.
_MOJIBAKE_PAIRS = re.compile("(?:Ã.|Ä.|á»|áº|Æ°|Æ¡)")
_MOJIBAKE_MARKS = ("Ã", "Â¸", "áº", "á»", "Ä‘", "Æ°")
# letters that only Vietnamese text has: a decoding that yields none of them is suspect
_VIET_LETTERS = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")
_CODEC_ALIASES = {"windows-1258": "cp1258", "x-cp1258": "cp1258", "utf8": "utf-8", "unicode": "utf-8"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class Decoded:
    """A decoding: the text, the codec that produced it, and notes on what was repaired."""

    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)


def codec_name(name: str | None) -> str | None:
    """Python's codec for a declared charset name ("windows-1258" -> "cp1258"), or None
    when the name is empty or unknown."""
    if not name:
        return None
    name = _CODEC_ALIASES.get(name.strip().lower(), name.strip().lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _cp1252_bytes() -> dict[str, int]:
    """Each character Windows-1252 decodes a byte to, mapped back to that byte; bytes the
    code page leaves undefined come through as the C1 control of the same value (what
    browsers and most editors do)."""
    table = {}
    for byte in range(256):
        try:
            table[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            table[chr(byte)] = byte
    return table


_BYTE_OF = _cp1252_bytes()


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 ("Äáº¯k Láº¯k" -> "Đắk Lắk") when that is
    clearly what happened; otherwise return the text unchanged."""
    if len(_MOJIBAKE_PAIRS.findall(text)) < 3:
        return text
    try:
        return bytes(_BYTE_OF[ch] for ch in text).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return text


def _viet_score(text: str) -> int:
    """How Vietnamese-looking a decoding is (high is good; mojibake is penalised)."""
    letters = sum(1 for ch in text if ch in _VIET_LETTERS)
    bad = sum(text.count(m) for m in _MOJIBAKE_MARKS) * 5 + text.count("\ufffd") * 5
    return letters - bad


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a page whose charset may be unknown, or declared wrongly.

    A BOM wins. A declared charset is trusted when its decoding looks like Vietnamese;
    otherwise UTF-8 and Windows-1258 are tried too and the best-looking decoding wins.
    UTF-8 that was once saved through Windows-1252 is repaired. Never raises: the last
    resort replaces undecodable bytes. The text is not normalised (offsets stay those
    of the decoded bytes); `notes` says what was wrong.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name)
    notes: list[str] = []
    codec = codec_name(declared)
    if declared and codec is None:
        notes.append(f"unknown declared charset {declared!r}")
    candidates = [codec] if codec else []
    candidates += [name for name in ("utf-8", "cp1258") if name not in candidates]
    best: tuple[int, str, str] | None = None  # (score, text, codec)
    for i, name in enumerate(candidates):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if name == "utf-8":
            repaired = fix_mojibake(text)
            if repaired != text:
                notes.append("UTF-8 once saved as Windows-1252 repaired")
                text = repaired
        score = _viet_score(text)
        if i == 0 and codec and score >= 0 and not any(m in text for m in _MOJIBAKE_MARKS[:3]):
            best = (score, text, name)
            break
        if best is None or score > best[0]:
            best = (score, text, name)
    if best is None:
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", notes + ["undecodable bytes replaced"])
    _score, text, used = best
    if codec and used != codec:
        notes.append(f"declared charset {declared} was wrong; decoded as {used}")
    elif not codec and used == "cp1258":
        notes.append("no charset declared; decoded as cp1258")
    elif used == "cp1258":
        notes.append("Windows-1258 page converted to Unicode (NFC)")
    return Decoded(text, used, notes)

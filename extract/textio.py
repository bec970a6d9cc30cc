"""Bytes from a file or a portal -> text, whatever encoding the page was saved in.

Vietnamese pages come in UTF-8, UTF-16 with a BOM, Windows-1258 (whose tones are
combining marks: `normalize_text` composes them later), or UTF-8 that was once
decoded as Windows-1252 and saved again ("Ä‘" for "đ"). `decode_bytes` tries them in
that order and says which it used.
"""

from __future__ import annotations

import codecs
import re

# Sequences that only appear when UTF-8 was read as Windows-1252/Latin-1.
_MOJIBAKE = re.compile("[ÃÄÆáº»]")
_MOJIBAKE_PAIRS = re.compile("(?:Ã.|Ä.|á»|áº|Æ°|Æ¡)")


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 ("Äáº¯k Láº¯k" -> "Đắk Lắk") when that is
    clearly what happened; otherwise return the text unchanged."""
    if len(_MOJIBAKE_PAIRS.findall(text)) < 3:
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page; return (text, encoding used).

    A BOM wins; then strict UTF-8; then the declared charset if it decodes cleanly;
    then Windows-1258. Never raises: the last resort replaces undecodable bytes.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    try:
        return fix_mojibake(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codecs.lookup(declared)
            if codecs.lookup(declared).name not in ("utf-8",):
                return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"

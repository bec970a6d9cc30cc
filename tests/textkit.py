"""Test helpers for text in legacy encodings (shared by the extractor's and the crawler's tests)."""

from __future__ import annotations

import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # grave, acute, tilde, hook, dot below


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as legacy Vietnamese editors wrote it: letters precomposed where the
    code page has them (ă, â, ê, ô, ơ, ư, đ), tones as combining marks."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        tones = "".join(c for c in decomposed if c in _TONES)
        out.append((base + tones).encode("cp1258"))
    return b"".join(out)

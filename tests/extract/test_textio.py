"""The project's one decoder: bytes in the encodings Vietnamese pages really come in."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from extract.textio import codec_name, decode_bytes, fix_mojibake
from tests.textkit import encode_cp1258

LINE = "Kế hoạch số 124/KH-UBND của Ủy ban nhân dân tỉnh Đắk Lắk triển khai Chỉ thị số 33/CT-TTg"
NFC = unicodedata.normalize("NFC", LINE)


def _as_windows_1252(text: str) -> str:
    """UTF-8 bytes read as Windows-1252, undefined bytes kept as C1 controls (as browsers do)."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in text.encode("utf-8"))


MOJIBAKE = _as_windows_1252(LINE)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# (bytes, declared charset, codec expected, a note expected to contain, or None for no note)
CASES = [
    (LINE.encode("utf-8"), None, "utf-8", None),
    (LINE.encode("utf-8"), "utf-8", "utf-8", None),
    (codecs.BOM_UTF8 + LINE.encode("utf-8"), "windows-1258", "utf-8-sig", None),
    (LINE.encode("utf-16"), None, "utf-16", None),
    (encode_cp1258(LINE), "windows-1258", "cp1258", "Windows-1258 page converted"),
    (encode_cp1258(LINE), None, "cp1258", "no charset declared"),
    (encode_cp1258(LINE), "utf-8", "cp1258", "declared charset utf-8 was wrong"),
    (LINE.encode("utf-8"), "iso-8859-1", "utf-8", "declared charset iso-8859-1 was wrong"),
    (LINE.encode("utf-8"), "windows-1258", "utf-8", "declared charset windows-1258 was wrong"),
    (LINE.encode("utf-8"), "x-made-up", "utf-8", "unknown declared charset"),
    # UTF-8 once opened as Windows-1252 and saved again as UTF-8
    (MOJIBAKE.encode("utf-8"), None, "utf-8", "repaired"),
]


@pytest.mark.parametrize(("data", "declared", "codec", "note"), CASES)
def test_decode_bytes(data, declared, codec, note):
    decoded = decode_bytes(data, declared)
    assert decoded.encoding == codec
    assert "124/KH-UBND" in decoded.text and "33/CT-TTg" in decoded.text
    if note is None:
        assert decoded.notes == [] and decoded.text.lstrip("\ufeff") == LINE
    else:
        assert any(note in n for n in decoded.notes), decoded.notes


def test_legacy_text_keeps_its_marks_for_the_offsets_and_composes_to_the_same_words():
    decoded = decode_bytes(encode_cp1258(LINE), "windows-1258")
    assert decoded.text != NFC and _nfc(decoded.text) == NFC


def test_undecodable_bytes_are_replaced_never_raised():
    decoded = decode_bytes(b"\x81\x8d\x8f\x90\x9d" * 10 + "Số 33/CT-TTg".encode())
    assert "33/CT-TTg" in decoded.text


def test_fix_mojibake_repairs_utf8_read_as_windows_1252():
    assert "Äáº¯k" in MOJIBAKE or "Ä\x90áº¯k" in MOJIBAKE
    assert fix_mojibake(MOJIBAKE) == LINE


def test_fix_mojibake_leaves_clean_text_alone():
    assert fix_mojibake(LINE) == LINE
    assert fix_mojibake("Ã is a letter in Portuguese") == "Ã is a letter in Portuguese"


@pytest.mark.parametrize(("name", "codec"), [("Windows-1258", "cp1258"), ("UTF8", "utf-8"), ("latin1", "iso8859-1"),
                                             ("", None), (None, None), ("x-made-up", None)])
def test_codec_name(name, codec):
    assert codec_name(name) == codec

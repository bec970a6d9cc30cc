"""The fast phrase scanners find exactly what the plain case-insensitive alternation finds.

The cue and kind-word patterns are prefix tries run on the lower-cased text
(`lower_same_length`); these tests hold them to the simple longest-first
`re.IGNORECASE` alternation they replace, on strings written in the style of real pages.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import patterns as P
from extract.grammar import BLOCKING_WORDS, CUES, KIND_WORDS, PASSIVE_CUES
from extract.normalize import lower_same_length

TEXTS = [
    "Căn cứ Nghị định số 59/2023/NĐ-CP; Thực hiện Chỉ thị số 33/CT-TTg, UBND tỉnh triển khai "
    "thực hiện như sau",
    "CĂN CỨ VÀO NGHỊ QUYẾT SỐ 25-NQ/TW; TỔ CHỨC TRIỂN KHAI THỰC HIỆN KẾ HOẠCH",
    "Luật đã được sửa đổi, bổ sung theo Nghị quyết số 51/2001/QH10; Bị thay thế 54/2006/NĐ-CP",
    "quán triệt,  triển khai\nthực hiện; sửa đổi bổ sung; cụ thể hoá và cụ thể hóa",
    "xcăn cứ, athực hiện, triển khaiX thực hiện_ căn cứ",   # phrases inside words are none
    "Tuyên truyền, phổ biến; KHÔNG thực hiện; tạm ngưng thực hiện; Báo cáo sơ kết",
    "Chương trình hành động thực hiện Nghị quyết; chương trình phối hợp số 01",
    "İ ı ſ K: thay thế, bãi bỏ, bị hủy bỏ, ĐƯỢC THAY THẾ BỞI",
]


def _reference(phrases, *, word_start: bool = True) -> re.Pattern:
    """The plain alternation the tries replace."""
    head = r"(?<!\w)" if word_start else ""
    return re.compile(head + "(?:" + P._alternation(phrases) + r")(?!\w)", re.IGNORECASE)


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_lower_same_length_keeps_offsets_and_matches_ignorecase():
    text = "İSTANBUL ı ſ K CĂN CỨ Đà"
    low = lower_same_length(text)
    assert len(low) == len(text)
    for ch_text, ch_low in zip(text, low):
        assert re.fullmatch(re.escape(ch_low), ch_text, re.IGNORECASE) or ch_low == ch_text.lower()
    assert lower_same_length("Căn Cứ") == "căn cứ"


@pytest.mark.parametrize("text", TEXTS)
def test_cue_trie_finds_what_the_alternation_finds(text):
    low = lower_same_length(text)
    assert _spans(P.CUE, low) == _spans(_reference(CUES), text)
    assert _spans(P.BLOCKING, low) == _spans(_reference(BLOCKING_WORDS), text)
    kind_words = [w for words in KIND_WORDS.values() for w in words]
    assert _spans(P.KIND_WORD, text) == _spans(_reference(kind_words), text)


@pytest.mark.parametrize("text", TEXTS)
def test_passive_cue_trie_finds_what_the_alternation_finds(text):
    reference = re.compile(
        r"(?<!\w)(?:đã\s{1,3})?(?P<cue>" + P._alternation(PASSIVE_CUES) + r")(?!\w)"
        r"(?:\s{1,3}(?:theo|bởi|tại|bằng)(?!\w))?", re.IGNORECASE)
    assert _spans(P.PASSIVE_CUE, lower_same_length(text)) == _spans(reference, text)


FRAGMENTS = ["căn cứ", "Căn Cứ", "THỰC HIỆN", "triển khai", " ", "\n", ",", "x", "İ", "ı",
             "được sửa đổi", "Đã", "bổ sung", "theo", "không", "Nghị quyết", "số", "_"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_tries_agree_on_random_phrase_soup(text):
    low = lower_same_length(text)
    assert len(low) == len(text)
    assert _spans(P.CUE, low) == _spans(_reference(CUES), text)
    assert _spans(P.BLOCKING, low) == _spans(_reference(BLOCKING_WORDS), text)

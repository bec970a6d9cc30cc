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
    return re.compile(head + "(?:" + P.alternation(phrases) + r")(?!\w)", re.IGNORECASE)


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
        r"(?<!\w)(?:đã\s{1,3})?(?P<cue>" + P.alternation(PASSIVE_CUES) + r")(?!\w)"
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


def _merged(text, spans):
    from extract.cues import merge_adjacent_cues
    return {(c.begin, c.finish, c.phrase) for c in merge_adjacent_cues(text, spans)}


REGION_FRAGMENTS = FRAGMENTS + ["tổ chức thực hiện", "\n\n", " \n \n ", ";", ". ", "1", "  ", "\t"]


def _check_cue_regions(text, regions, dropped=frozenset()):
    from extract.cues import cue_spans
    low = lower_same_length(text)

    def keep(pos):
        return pos not in dropped

    whole = _merged(text, [m.span() for m in P.CUE.finditer(low) if keep(m.start())])
    found = _merged(text, cue_spans(text, low, regions, keep))
    wanted = {c for c in whole if any(a <= c[0] < b for a, b in regions)}
    assert wanted <= found <= whole


RUN = "Tổ chức thực hiện\n\ntriển khai  thực hiện Kế hoạch số 12/KH-UBND; căn cứ, thực hiện"


@pytest.mark.parametrize("regions", [
    [(0, 5)],                    # a run of cues across a blank line, the region ends in its first
    [(0, 20)],                   # ... ends on the blank line
    [(19, 30)],                  # starts inside the run: its second cue continues it, no new cue
    [(0, 3), (5, 8), (40, 60)],  # several regions, one past the number
    [(60, 200)],                 # a comma before the region
])
def test_cue_scan_in_regions_follows_runs_of_cues(regions):
    _check_cue_regions(RUN, regions)
    _check_cue_regions(RUN.upper(), regions)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(REGION_FRAGMENTS), max_size=30).map("".join), st.data())
def test_cue_scan_in_regions_finds_what_the_whole_scan_finds(text, data):
    """The relation finder scans for cues only in regions (before a number); every run
    of cues starting in a region comes out as the whole text's scan makes it, however
    the runs cross blank lines and region ends, and nothing else appears."""
    n = len(text)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=6)))
    regions = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    dropped = frozenset(data.draw(st.lists(st.integers(0, max(n - 1, 0)), max_size=3)))
    _check_cue_regions(text, regions, dropped)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(REGION_FRAGMENTS + ["đã ", "bị thay thế", "bãi bỏ", "bởi", "1"]),
                max_size=30).map("".join), st.data())
def test_passive_scan_in_regions_finds_what_the_whole_scan_finds(text, data):
    from extract.cues import PASSIVE_REACH, PASSIVE_SAFE, matches_in_regions
    low = lower_same_length(text)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=6)))
    regions = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    whole = {(m.span(), m.span("by")) for m in P.PASSIVE_CUE.finditer(low)}
    found = {(m.span(), m.span("by")) for m in matches_in_regions(
        P.PASSIVE_CUE, PASSIVE_SAFE, PASSIVE_REACH, text, low, regions)}
    wanted = {f for f in whole if any(a <= f[0][0] < b for a, b in regions)}
    assert wanted <= found <= whole


LAW_FRAGMENTS = ["Luật", "luật", "LUẬT", "Bộ", "BỘ", " ", "  ", "   ", "\n", "Hiến pháp", "Hiến",
                 "pháp", "x", "Bộ luật", "BỘ LUẬT", "Bộ  luật", "Đất đai", "ộ", "L", "B", "-"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LAW_FRAGMENTS), max_size=20).map("".join))
def test_law_starts_found_by_substring_are_the_whole_scan(text):
    from extract.laws import law_starts
    assert [m.span() for m in law_starts(text)] == [m.span() for m in P.LAW_START.finditer(text)]

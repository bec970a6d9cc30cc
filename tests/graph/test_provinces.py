"""The 2025 succession of provinces (Nghị quyết 202/2025/QH15) as the graph reads it."""

from __future__ import annotations

import pytest

from graph.provinces import (MERGER_DATE, SUCCESSION, canonical_province, display_locality,
                             is_former, predecessors, province_of_body, successor)


def test_the_table_has_34_provinces_of_today_and_63_former_ones():
    assert len(SUCCESSION) == 34
    former = [old for olds in SUCCESSION.values() for old in olds]
    assert len(former) == len(set(former)) == 63
    assert sum(1 for olds in SUCCESSION.values() if len(olds) == 1) == 11
    assert MERGER_DATE == "2025-07-01"


@pytest.mark.parametrize("name,today", [
    ("Bắc Kạn", "Thái Nguyên"), ("Ninh Thuận", "Khánh Hòa"), ("Quảng Bình", "Quảng Trị"),
    ("Phú Yên", "Đắk Lắk"), ("Thái Nguyên", "Thái Nguyên"), ("Hà Nội", "Hà Nội"),
    ("bac kan", "Thái Nguyên"), ("tỉnh Bắc Kạn", "Thái Nguyên"), ("Thừa Thiên Huế", "Huế"),
    ("TP. Hồ Chí Minh", "Hồ Chí Minh"), ("Bà Rịa-Vũng Tàu", "Hồ Chí Minh"),
    ("Khánh Hoà", "Khánh Hòa"), ("Atlantis", None), ("", None), (None, None),
])
def test_successor(name, today):
    assert successor(name) == today


@pytest.mark.parametrize("name,covers", [
    ("Thái Nguyên", ("Thái Nguyên", "Bắc Kạn")),
    ("thai nguyen", ("Thái Nguyên", "Bắc Kạn")),
    ("Ninh Bình", ("Ninh Bình", "Hà Nam", "Nam Định")),
    ("Bắc Kạn", ("Bắc Kạn",)),        # a former province alone still works
    ("Lai Châu", ("Lai Châu",)),
    ("nowhere", ()),
])
def test_predecessors(name, covers):
    assert predecessors(name) == covers


@pytest.mark.parametrize("name,shown", [
    ("Bắc Kạn", "Bắc Kạn (nay thuộc Thái Nguyên)"),
    ("Ninh Thuận", "Ninh Thuận (nay thuộc Khánh Hòa)"),
    ("Thái Nguyên", "Thái Nguyên"),
    ("Quảng Trị", "Quảng Trị"),
    ("Cam Lộ", "Cam Lộ"),              # not a province: passes through
    (None, None),
])
def test_display_locality(name, shown):
    assert display_locality(name) == shown


@pytest.mark.parametrize("name,issued,locality", [
    ("Bắc Kạn", "2025-01-16", "Bắc Kạn"),        # issued before: stays Bắc Kạn's
    ("Bắc Kạn", "2025-06-30", "Bắc Kạn"),
    ("Bắc Kạn", "2025-07-01", "doubt"),          # a body that no longer exists
    ("Bắc Kạn", None, "Bắc Kạn"),                # undated: as given
    ("Thái Nguyên", "2026-03-02", "Thái Nguyên"),
])
def test_province_of_body(name, issued, locality):
    assert province_of_body(name, issued) == locality


def test_canonical_and_former():
    assert canonical_province("DAK LAK") == "Đắk Lắk"
    assert is_former("Bắc Kạn") and not is_former("Thái Nguyên") and not is_former("x")

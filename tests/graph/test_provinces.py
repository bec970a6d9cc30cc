"""The 2025 succession of provinces (Nghị quyết 202/2025/QH15) as the graph reads it."""

from __future__ import annotations

import pytest

from graph.provinces import (MERGER_DATE, SUCCESSION, canonical_province, display_locality,
                             is_former, merger_doubt, predecessors, province_in,
                             province_of_body, successor)


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


@pytest.mark.parametrize("text,province", [
    ("Ban Thường vụ Tỉnh ủy Ninh Thuận", "Ninh Thuận"),
    ("Ủy ban nhân dân tỉnh Bắc Kạn (cũ)", "Bắc Kạn"),
    ("Ủy ban nhân dân tỉnh Thừa Thiên Huế", "Huế"),
    ("UBND thành phố Huế", "Huế"),
    ("Nguyễn Thị Huệ", None),                       # a one-word name only after tỉnh/thành phố
    ("UBND tỉnh Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
    ("Thành ủy TP. Hồ Chí Minh", "Hồ Chí Minh"),
    ("Huyện ủy Cam Lộ", None),
    ("", None), (None, None),
])
def test_province_in_a_text(text, province):
    assert province_in(text) == province


def test_one_canonical_province_for_every_module():
    """identity (through graph.localities), queries and search spell provinces one way."""
    import ast
    from pathlib import Path

    import graph.localities as localities
    assert localities.canonical_province is canonical_province
    assert localities.province_in is province_in
    for path in sorted((Path(__file__).resolve().parents[2] / "graph").glob("*.py")):
        defined = {n.name for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(n, ast.FunctionDef)}
        if path.stem != "provinces":
            assert not {"canonical_province", "province_in"} & defined, path.name


@pytest.mark.parametrize("locality,issued,doubt", [
    ("Bắc Kạn", "2025-01-16", None),
    ("Bắc Kạn", "2025-07-01", "issued 2025-07-01 by a body of Bắc Kạn, which has been part of "
                              "Thái Nguyên since 2025-07-01"),
    ("Bắc Kạn", None, None),
    ("Thái Nguyên", "2026-03-02", None),
    ("Quảng Trị/Cam Lộ", "2022-04-04", None),
    ("Quảng Trị/Cam Lộ", "2025-08-01", "issued 2025-08-01 by a body of the district Cam Lộ; "
                                       "districts ended on 2025-07-01"),
    ("Thái Nguyên/xã Nam Mẫu", "2025-09-10", None),  # communes work on
])
def test_merger_doubt(locality, issued, doubt):
    assert merger_doubt(locality, issued) == doubt


def test_display_locality_of_a_district():
    assert display_locality("Bắc Kạn/Ba Bể") == "Bắc Kạn/Ba Bể (nay thuộc Thái Nguyên)"
    assert display_locality("Quảng Trị/Cam Lộ") == "Quảng Trị/Cam Lộ"

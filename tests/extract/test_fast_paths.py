"""The extractor's fast paths read exactly what the plain readings they replace read.

Each is held to the simple form it replaced (kept here), on strings in the style of real
pages and on random soups of their pieces.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import patterns as P
from extract.clauses import clauses
from extract.cues import negated, passive_cues_near
from extract.issuers import header_issuer, is_caps_line, scan_issuer, sentence_case
from extract.normalize import lower_same_length
from extract.scanning import after_line_break, by_first_character, caps_counts
from extract.titles import signer_of


def _plain_clauses(text: str):
    breaks = [m.span() for m in P.CLAUSE_BREAK.finditer(text)]
    return ([0] + [e for _, e in breaks], [s for s, _ in breaks] + [len(text)],
            [False] + [text[s] == ";" for s, _ in breaks])


def _plain_is_caps_line(line: str) -> bool:
    letters = "".join(filter(str.isalpha, line))
    if len(letters) < 2:
        return False
    return sum(map(str.isupper, letters)) / len(letters) >= 0.85


CLAUSE_FRAGMENTS = [
    ";", ".", ":", "\n", "\n\n", " ", "  ", "\t", "- ", "+ ", "• ", "1. ", "2.1. ", "IV. ",
    "Căn cứ", "Căn  cứ", "Thực hiện", "Theo đề nghị", "Xét đề nghị", "UBND tỉnh", "số 12",
    "Nghị quyết", "“", "\"", "(", "Đ", "ban hành", "a",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CLAUSE_FRAGMENTS), max_size=40).map("".join))
def test_clauses_are_the_clause_breaks(text):
    assert clauses(text) == _plain_clauses(text)


@pytest.mark.parametrize("text", [
    "", "Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Nghị định số 12/2020/NĐ-CP.\n\n"
    "Theo đề nghị của Sở Nội vụ: ban hành Kế hoạch", "1. Mục đích\n2. Yêu cầu: ...",
])
def test_clauses_of_page_like_text(text):
    assert clauses(text) == _plain_clauses(text)


def test_an_alternative_opening_with_a_class_is_refused():
    with pytest.raises(ValueError):
        by_first_character(re.compile(r";|\s+\n"))
    assert set(by_first_character(re.compile(r";|\.(?=\s)|\n\s*\n|\.$"))) == {";", r"\.", r"\n"}


LINE_CHARACTERS = "AĐÊỆÔƠƯaeđệôơư ,.-|1()" + "中Ⓐǅϒſİ\u0301"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=LINE_CHARACTERS, max_size=30))
def test_is_caps_line_is_the_plain_count(line):
    assert is_caps_line(line) == _plain_is_caps_line(line)


@pytest.mark.parametrize("line", [
    "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN", "Ủy ban nhân dân tỉnh Bắc Kạn", "SỐ: 12/KH-UBND",
    "KẾ HOẠCH Triển khai", "中文 ABC", "", "A",
])
def test_is_caps_line_of_header_lines(line):
    assert is_caps_line(line) == _plain_is_caps_line(line)
    letters = [c for c in line if c.isalpha()]
    assert caps_counts(line) == (sum(c.isupper() for c in letters), len(letters))


@pytest.mark.parametrize("text, signer", [
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHoàng Văn Bình", "Hoàng Văn Bình"),     # the block opens the text
    ("x" * 3500 + "\nTM. UBND\nCHỦ TỊCH\nLê Thị Mai\n" + "ghi chú\n" * 5
     + "  KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Quốc Toản", "Trần Quốc Toản"),  # the last block
    ("x" * 3500 + "KT. CHỦ TỊCH\nLê Thị Mai", None),      # no line opens with a title
])
def test_signer_read_from_the_last_signature_line(text, signer):
    assert signer_of(text) == signer


LINE_FRAGMENTS = ["\n", "\n\n", " ", "\t", "|", ":", "Số", "SỐ", "số", "12", "x", "KT. ", "CHỦ TỊCH",
                  "KẾ HOẠCH", "QUYẾT ĐỊNH", "TM.", "  "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINE_FRAGMENTS), max_size=16).map("".join), st.data())
def test_line_patterns_after_their_line_break(text, data):
    pos = data.draw(st.integers(0, len(text)))
    for pattern in (P.SIGNATURE, P.HEADER_NUMBER, P.TYPE_LINE):
        plain = [(m.start(), m.end()) for m in pattern.finditer(text, pos)]
        first = pattern.match(text, 0) if pos == 0 else None
        fast = [(first.start(), first.end())] if first else []
        fast += [(m.start() + 1, m.end()) for m in after_line_break(pattern).finditer(text, max(0, pos - 1))]
        assert fast == plain


def test_a_pattern_without_a_line_start_is_refused():
    with pytest.raises(ValueError):
        after_line_break(re.compile(r"Số:"))


PASSIVE_FRAGMENTS = [" ", "  ", "\n", "đã", "Đã", "được", "ĐƯỢC", "bị", "sửa đổi", "bổ sung", ",", "thay thế",
                     "bãi bỏ", "hủy bỏ", "theo", "bởi", "x", "đ", "ược", "thiết"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PASSIVE_FRAGMENTS), max_size=12).map("".join))
def test_a_page_is_scanned_for_passive_cues_when_it_has_one(text):
    low = lower_same_length(text)
    found = passive_cues_near(text, low, [(0, len(text))], [])
    assert bool(found) == (P.PASSIVE_CUE.search(low) is not None)


@pytest.mark.parametrize("heading, sentence", [
    ("KẾ HOẠCH PHÁT TRIỂN TỈNH BÀ RỊA - VŨNG TÀU VÀ THÀNH PHỐ HỒ CHÍ MINH",
     "Kế hoạch phát triển tỉnh Bà Rịa - Vũng Tàu và thành phố Hồ Chí Minh"),
    ("CHƯƠNG TRÌNH CỦA AN GIANG VÀ KIÊN GIANG (CÀ MAU)", "Chương trình của An Giang và Kiên Giang (Cà Mau)"),
    ("VỀ VIỆC GIAO CHỈ TIÊU NĂM 2024", "Về việc giao chỉ tiêu năm 2024"),
])
def test_sentence_case_puts_back_the_proper_names(heading, sentence):
    assert sentence_case(heading) == sentence


@pytest.mark.parametrize("header, issuer", [
    ("ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BẮC KẠN        Độc lập - Tự do - "
     "Hạnh phúc\n-------        ---------------\nSố: 12/KH-UBND        Bắc Kạn, ngày 3 tháng 4 năm 2024",
     "Ủy ban nhân dân tỉnh Bắc Kạn"),
    ("| TỈNH ỦY LÀO CAI | ĐẢNG CỘNG SẢN VIỆT NAM |\n| BAN TUYÊN GIÁO |  |\n| *** |  |\n"
     "| Số: 35-HD/BTG | Lào Cai, ngày 1/2/2023 |", "Ban Tuyên giáo Tỉnh ủy Lào Cai"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO\n___\n\nSố:\n681/HD-SGDĐT", "Sở Giáo dục và Đào tạo"),
])
def test_header_issuer_read_cell_by_cell_from_the_number_up(header, issuer):
    assert header_issuer(header, header.index("Số:")) == issuer


@pytest.mark.parametrize("text, cut_after, name", [
    ("Ban Thường vụ Tỉnh ủy và Chương trình số 10", "Ch", "Ban Thường vụ Tỉnh ủy"),  # a kind word cut
    ("Sở Nội vụ và Kế hoạch số 5", "Kế", "Sở Nội vụ"),
    ("UBND tỉnh Bắc Kạn và Bộ luật Dân sự", "Bộ l", "UBND tỉnh Bắc Kạn"),       # a department head's
    ("Ban Chỉ đạo 35 tỉnh Lào Cai", None, "Ban Chỉ đạo 35 tỉnh Lào Cai"),
    ("Sở Giáo dục và Đào tạo\n\nKế hoạch", None, "Sở Giáo dục và Đào tạo"),      # a blank line ends it
])
def test_a_name_stops_before_a_kind_word_even_where_the_limit_cuts_it(text, cut_after, name):
    limit = text.index(cut_after) + len(cut_after) if cut_after else len(text)
    assert scan_issuer(text, 0, limit)[0] == name


NEGATION_FRAGMENTS = ["tạm ngưng", "tạm dừng", "ngưng", "ngừng", "dừng", "không", "chưa", "chấm dứt", " ", "  ",
                      "    ", "\n", "\t", "\u00a0", "x", "thực hiện", "chấm", "tạm"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NEGATION_FRAGMENTS), max_size=8).map("".join), st.data())
def test_negated_is_the_negation_search(low, data):
    start = data.draw(st.integers(0, len(low)))
    assert negated(low, start) == (P.NEGATION.search(low, max(0, start - 16), start) is not None)

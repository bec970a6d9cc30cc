"""The cheap tests the scanners make before a pattern let through every text the pattern
could match: a first-character guard names every character a match may start with.

Each guard is held to its pattern on examples of every alternative the pattern has: any
character of the Basic Multilingual Plane put in place of an example's first one that
still lets the pattern match must pass the guard (case variants, the Kelvin sign that
`re.IGNORECASE` takes for "k").
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import mentions as M
from extract import patterns as P
from extract.page import read_page

_BMP = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000]

GUARDS = [
    # (pattern, guard (of the text a match would start), examples matching at their start)
    (P.DATE_AFTER, lambda t: t[:1] in P.DATE_AFTER_FIRST,
     ["ngày 1/2/2020", "Ngày 16 tháng 01 năm 2025", "ban hành ngày 3/4/2019",
      "cấp ngày 05-06-2018", "ký ngày 7.8.2017", "KÝ NGÀY 7/8/2017"]),
    (P.OF_BY, lambda t: t[:1] in P.OF_BY_FIRST, ["của Bộ", "do Bộ", "giữa Ban", "CỦA BỘ", "DO Ban"]),
    (P.PLENUM, lambda t: t[:1] in P.PLENUM_FIRST,
     ["Hội nghị Trung ương 5", "HỘI NGHỊ lần thứ sáu Ban Chấp hành Trung ương Đảng"]),
    (P.TERM_AFTER, lambda t: "k" in t[:P.TERM_AFTER_REACH].lower(),
     [" (khóa XII)", "(khoá XIII)", "khóa XI", "  KHÓA X", "\u00a0(khóa IX)", "  (  khóa V)"]),
    (M.COMMA_GAP, lambda t: t[:1] in M.COMMA_GAP_FIRST, [" , x", "\n\nx", ",x"]),
]


@pytest.mark.parametrize("pattern, guard, examples", GUARDS,
                         ids=["DATE_AFTER", "OF_BY", "PLENUM", "TERM_AFTER", "COMMA_GAP"])
def test_guards_let_every_match_through(pattern, guard, examples):
    for example in examples:
        assert pattern.match(example).end() > 0, example
        starts = [c + example[1:] for c in _BMP
                  if (m := pattern.match(c + example[1:])) and m.end() > 0]
        assert example in starts
        assert [t[:1] for t in starts if not guard(t)] == [], example


_ALPHABET = "nNgGàÀyYbBcCdDkK\u212aủỦaAgiữ(óoáÁhHộỘTrunươ ,\n\t\u00a0XIV1/2"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=24))
def test_guarded_patterns_match_nothing_the_guard_refuses(text):
    for pattern, guard, _ in GUARDS:
        m = pattern.match(text)
        if m and m.end() > 0:
            assert guard(text), (pattern.pattern[:30], text)


def _first_mention(text: str):
    return M.find_mentions(read_page(text))[0]


def test_tails_are_read_as_written():
    m = _first_mention("Nghị quyết số 25-NQ/TW, ngày 16/6/2022 của Hội nghị Trung ương 5 "
                       "(khóa XIII) về phát triển")
    assert (m.date, m.issuer is not None, m.truncated) == ("2022-06-16", True, False)
    assert m.tail_end == m.end + len(", ngày 16/6/2022 của Hội nghị Trung ương 5 (khóa XIII)")
    m = _first_mention("Chỉ thị số 05-CT/TW ngày 15/5/2016 do Bộ Chính trị ban hành.")
    assert (m.date, m.issuer, m.tail_end - m.end) == ("2016-05-15", "Bộ Chính trị",
                                                      len(" ngày 15/5/2016 do Bộ Chính trị ban hành"))
    m = _first_mention("Kế hoạch số 12/KH-UBND (Khóa X) ngày 26 tháng 12 năm 2017 củ")
    assert (m.date, m.truncated) == ("2017-12-26", True)


def test_digit_first_is_every_decimal_digit():
    digit_first, decimal = re.compile(P.DIGIT_FIRST), re.compile(r"\d")
    chars = _BMP + [chr(c) for c in range(0x10000, 0x110000, 7)] + ["\U0001d7ce", "\U000104a0"]
    assert [c for c in chars if bool(digit_first.fullmatch(c)) != bool(decimal.fullmatch(c))] == []


def test_numbers_open_on_any_decimal_digit():
    for digits in ("25", "２５", "\u0662\u0665", "\U0001d7d0\U0001d7d3"):
        text = f"Nghị quyết số {digits}-NQ/TW của Bộ Chính trị"
        assert [m.group() for m in P.NUMBER.finditer(text)] == [f"{digits}-NQ/TW"]
    assert P.NUMBER.search("ab25-NQ/TW x/5/KH-UBND") is None


_LAW_FRAGMENTS = ["Luật", "luật", "LUẬT", "LUật", "lUẬT", "Uật", "uẬt", "Bộ", "BỘ", "bộ", " ", "  ",
                  "\n", "Hiến pháp", "HIẾN PHÁP", "Hiến", "x", "L", "B", "-", "ộ"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_LAW_FRAGMENTS), max_size=16).map("".join))
def test_law_starts_by_one_search_of_the_lowered_text_are_the_whole_scan(text):
    from extract.laws import law_starts
    from extract.normalize import lower_same_length

    whole = [m.span() for m in P.LAW_START.finditer(text)]
    assert [m.span() for m in law_starts(text, lower_same_length(text))] == whole
    assert [m.span() for m in law_starts(text)] == whole

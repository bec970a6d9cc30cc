"""Issue 9, the classes of helper "num" (numbers and issuers), each a table of invented
strings in the portals' style: variants that must be read, near-misses that must not."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import extract_page
from extract.normalize import number_key


def _ref(result, number):
    """The reference of `number`, or the subject when the page is that document."""
    if result.subject is not None and result.subject.number == number:
        return result.subject
    return next(r for r in result.references if r.number == number)


# --- class 10: the issuer from the code when the text names none, dated or not (§6) ----
# (text, page province, number, issuer expected)
ISSUERS_FROM_THE_CODE = [
    ("Thực hiện Quyết định số 123/QĐ-TTg về phát triển du lịch cộng đồng.", None,
     "123/QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Căn cứ Nghị định 45/2021/NĐ-CP; Luật số 18/2023/QH15;", None,
     "45/2021/NĐ-CP", "Chính phủ"),
    ("Căn cứ Nghị định 45/2021/NĐ-CP; Luật số 18/2023/QH15;", None,
     "18/2023/QH15", "Quốc hội"),
    ("áp dụng Thông tư 31/2022/TT-BTC hướng dẫn quản lý", None, "31/2022/TT-BTC", "Bộ Tài chính"),
    # a ministry's code without its leading B
    ("áp dụng Thông tư 08/2024/TT-LĐTBXH hướng dẫn chế độ", None,
     "08/2024/TT-LĐTBXH", "Bộ Lao động - Thương binh và Xã hội"),
    # a department: the Sở of the page's province, or of none the page names
    ("theo Công văn số 321/SNV-TCBC về tuyển dụng viên chức", "Hà Nam",
     "321/SNV-TCBC", "Sở Nội vụ tỉnh Hà Nam"),
    ("triển khai Hướng dẫn số 12/HD-SGDĐT về năm học mới", "Đà Nẵng",
     "12/HD-SGDĐT", "Sở Giáo dục và Đào tạo thành phố Đà Nẵng"),
    ("gửi kèm Báo cáo 506/BC-STC về quyết toán", None, "506/BC-STC", "Sở Tài chính"),
    # two Party bodies issuing jointly
    ("tham gia Chương trình phối hợp số 15-CTr/BDVTW-BCSĐCP về dân vận chính quyền", None,
     "15-CTr/BDVTW-BCSĐCP", "Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ"),
    ("theo Công văn 71-CV/BCĐQG về phòng chống thiên tai", None, "71-CV/BCĐQG",
     "Ban Chỉ đạo quốc gia"),
    ("Kế hoạch số 45/KH-BCĐ ngày 5/6/2024 của Ban Chỉ đạo 35 tỉnh; Công văn số 103-CV/BCĐ 35",
     "Quảng Trị", "45/KH-BCĐ", "Ban Chỉ đạo 35 tỉnh Quảng Trị"),
    ("bãi bỏ Quyết định số 210/QĐ-CTUBND về thành lập tổ công tác", "Lào Cai",
     "210/QĐ-CTUBND", "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"),
    # a district's Party body: the district the page names
    ("Thực hiện Hướng dẫn số 05-HD/BTGHU, Huyện ủy Bảo Thắng tổ chức hội nghị", "Lào Cai",
     "05-HD/BTGHU", "Ban Tuyên giáo Huyện ủy Bảo Thắng"),
    ("Căn cứ Thông báo số 40-TB/TU về kết luận của Thường trực", "Kon Tum", "40-TB/TU",
     "Tỉnh ủy Kon Tum"),
    # the text names the issuer at another mention than the most detailed one
    ("Thực hiện Chỉ thị số 07/CT-UBND ngày 2/3/2024 về phòng cháy. Chỉ thị số 07/CT-UBND của "
     "Chủ tịch UBND tỉnh yêu cầu", "Lào Cai", "07/CT-UBND", "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"),
    # the text names another body than the code: the text wins
    ("thực hiện Kế hoạch số 88/KH-UBND của Ban Chỉ đạo tỉnh về chuyển đổi số", "Lào Cai",
     "88/KH-UBND", "Ban Chỉ đạo tỉnh Lào Cai"),
    # a Fatherland Front or Party committee of a level the code does not say: no locality
    ("theo Kế hoạch số 15/KH-MTTQ-BTT về đại hội", "Cà Mau", "15/KH-MTTQ-BTT",
     "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("theo Nghị quyết số 05-NQ/ĐU về xây dựng đảng", "Cà Mau", "05-NQ/ĐU", "Đảng ủy"),
    ("theo Công văn số 95/ĐĐBQH-VP về tiếp xúc cử tri", "Cà Mau", "95/ĐĐBQH-VP",
     "Đoàn đại biểu Quốc hội tỉnh Cà Mau"),
    # near-misses: `TW` names no single body, an unknown code none, a short code no ministry
    ("quán triệt Nghị quyết số 45-NQ/TW về xây dựng đội ngũ trí thức", None, "45-NQ/TW", None),
    ("theo Quyết định số 17/QĐ-XHTN về khen thưởng", None, "17/QĐ-XHTN", None),
    ("theo Quyết định số 17/QĐ-NV về khen thưởng", None, "17/QĐ-NV", None),
]


@pytest.mark.parametrize("text, province, number, issuer", ISSUERS_FROM_THE_CODE)
def test_class10_issuer_from_the_code(text, province, number, issuer):
    assert _ref(extract_page(text, province=province), number).issuer == issuer


def test_class10_the_subject_takes_its_issuer_from_the_code_too():
    text = ("Lịch sử hiệu lực: Nghị định 28/CP\n29/04/1995 Văn bản được ban hành 28/CP\n"
            "20/06/2006 Bị thay thế 54/2006/NĐ-CP\n")
    result = extract_page(text)
    assert (result.subject.number, result.subject.issuer) == ("28/CP", "Chính phủ")
    assert _ref(result, "54/2006/NĐ-CP").issuer == "Chính phủ"


# --- class 9 (part): the issuing body versus the author (§6) ---------------------------
# "của <author> tại <document>": the body the author heads, where the code names that
# body or none; the body the code names where it names another.
AUTHORS = [
    ("Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 88/TTr-STC ngày 3/4/2024.", None,
     "88/TTr-STC", "Sở Tài chính"),
    ("Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 19/TTr-XYZ ngày 2/3/2023", None,
     "19/TTr-XYZ", "Sở Nội vụ"),
    ("Theo đề nghị của Phó Giám đốc phụ trách Sở Tư pháp tại Báo cáo số 19/BC-STP ngày 2/3/2023",
     "Ninh Bình", "19/BC-STP", "Sở Tư pháp tỉnh Ninh Bình"),
    ("Theo đề nghị của Trưởng Ban Dân vận Tỉnh ủy tại Tờ trình số 19-TTr/BDVTU ngày 2/3/2023",
     "Ninh Bình", "19-TTr/BDVTU", "Ban Dân vận Tỉnh ủy Ninh Bình"),
    ("Theo đề nghị của Sở Y tế tại Tờ trình số 301/TTr-SYT ngày 21/8/2021.", "Bắc Kạn",
     "301/TTr-SYT", "Sở Y tế"),
    # the author of what the document conveys is not its issuer
    ("thực hiện chỉ đạo của Thủ tướng Chính phủ tại Thông báo số 64/TB-VPCP ngày 2/3/2023", None,
     "64/TB-VPCP", "Văn phòng Chính phủ"),
    ("theo ý kiến của Phó Thủ tướng tại Công văn số 911/VPCP-KGVX ngày 2/3/2023", None,
     "911/VPCP-KGVX", "Văn phòng Chính phủ"),
]


@pytest.mark.parametrize("text, province, number, issuer", AUTHORS)
def test_class9_the_issuing_body_not_the_author(text, province, number, issuer):
    assert _ref(extract_page(text, province=province), number).issuer == issuer


# --- class 9: joint issuers after the date, an issuer after the date with no "của", an
# official's title before the body ---------------------------------------------------
# (text, page province, number, issuer expected)
ISSUERS_AFTER_THE_DATE = [
    ("Chương trình phối hợp số 79-CTr/BDVTW-BCSĐCP ngày 11/10/2016 giữa Ban Dân vận Trung "
     "ương và Ban cán sự đảng Chính phủ về công tác dân vận", None, "79-CTr/BDVTW-BCSĐCP",
     "Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ"),
    ("Căn cứ Quy chế phối hợp số 05/QCPH-UBND-MTTQ ngày 2/3/2022 giữa UBND tỉnh và Ủy ban MTTQ "
     "Việt Nam tỉnh về giám sát", "Lào Cai", "05/QCPH-UBND-MTTQ",
     "Ủy ban nhân dân tỉnh và Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai"),
    ("Thực hiện Nghị quyết số 18-NQ/TW, ngày 25/10/2017, Hội nghị lần thứ sáu Ban Chấp hành "
     "Trung ương Đảng khóa XII về tinh gọn bộ máy, Tỉnh ủy ban hành", None, "18-NQ/TW",
     "Ban Chấp hành Trung ương"),
    ("Nghị quyết số 18-NQ/TW, Hội nghị Trung ương 6 khóa XII về tinh gọn", None, "18-NQ/TW",
     "Ban Chấp hành Trung ương"),
    ("Căn cứ Kết luận số 21-KL/TW, ngày 25/10/2021, Bộ Chính trị về đẩy mạnh", None, "21-KL/TW",
     "Bộ Chính trị"),
    ("Căn cứ Kết luận số 21-KL/TW, ngày 25/10/2021, Bộ Chính trị, Ban Bí thư về đẩy mạnh", None,
     "21-KL/TW", "Bộ Chính trị, Ban Bí thư"),
    ("Quyết định số 12/QĐ-STC ngày 2/3/2024 của Giám đốc Sở Tài chính về giao dự toán", "Lào Cai",
     "12/QĐ-STC", "Giám đốc Sở Tài chính"),
    ("Quyết định số 12/QĐ-BNV ngày 2/3/2022 của Thứ trưởng Bộ Nội vụ về định mức", None,
     "12/QĐ-BNV", "Thứ trưởng Bộ Nội vụ"),
    # the next document after "và": no part of the name
    ("Thực hiện Công văn số 2234/UBND-VX ngày 3/4/2024 của UBND tỉnh Nghệ An và Công văn số "
     "456/SGDĐT-GDTrH ngày 5/4/2024", "Nghệ An", "2234/UBND-VX", "Ủy ban nhân dân tỉnh Nghệ An"),
    # near-misses: the body after the comma acts in the next clause (the code decides)
    ("Thực hiện Kế hoạch 12/KH-UBND ngày 2/3/2024, UBND huyện tổ chức hội nghị", "Lào Cai",
     "12/KH-UBND", "Ủy ban nhân dân tỉnh Lào Cai"),
    ("Thực hiện Kế hoạch 12-KH/TU, ngày 2/3/2024, Ban Thường vụ Huyện ủy khóa XX yêu cầu",
     "Lào Cai", "12-KH/TU", "Tỉnh ủy Lào Cai"),
    ("Thực hiện Chỉ thị 05-CT/TW, ngày 15/5/2016, Ban Thường vụ Tỉnh ủy đã chỉ đạo", None,
     "05-CT/TW", None),
    ("Thực hiện Chỉ thị 05-CT/TW, ngày 15/5/2016, Ban Thường vụ Tỉnh ủy (khóa XX) đã chỉ đạo", None,
     "05-CT/TW", None),
    ("Thực hiện Chỉ thị 05-CT/TW, ngày 15/5/2016, Bộ Chính trị (khóa XII); Tỉnh ủy đã chỉ đạo", None,
     "05-CT/TW", "Bộ Chính trị"),
]


@pytest.mark.parametrize("text, province, number, issuer", ISSUERS_AFTER_THE_DATE)
def test_class9_issuers_after_the_date(text, province, number, issuer):
    assert _ref(extract_page(text, province=province), number).issuer == issuer


# --- class 8: a stray space inside a date, and the issuer after it -------------------
# (text, date expected, issuer expected)
DATES_WITH_STRAY_SPACES = [
    ("Căn cứ Quyết định số 1258/QĐ-UBND ngày 16/7/20 19 của UBND tỉnh về việc", "2019-07-16",
     "Ủy ban nhân dân tỉnh"),
    ("Căn cứ Nghị định số 12/2019/NĐ-CP ngày 16 tháng 7 năm 20 19 của Chính phủ quy định",
     "2019-07-16", "Chính phủ"),
    ("Căn cứ Quyết định số 1258/QĐ-UBND ngày 16/7/201 9 của Chủ tịch UBND tỉnh về việc",
     "2019-07-16", "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Căn cứ Quyết định số 1258/QĐ-UBND ngày 16 /7/ 2019 của Chủ tịch UBND tỉnh về việc",
     "2019-07-16", "Chủ tịch Ủy ban nhân dân tỉnh"),
    # near-misses: a year with a digit missing is no date; a number after the year is not in it
    ("Căn cứ Quyết định số 1258/QĐ-UBND ngày 16/7/20 1 của Chủ tịch UBND tỉnh về việc", None,
     "Chủ tịch Ủy ban nhân dân tỉnh"),
    ("Căn cứ Kế hoạch số 45/KH-UBND ngày 16/7/2019 12 đơn vị của tỉnh", "2019-07-16",
     "Ủy ban nhân dân"),
]


@pytest.mark.parametrize("text, date, issuer", DATES_WITH_STRAY_SPACES)
def test_class8_a_stray_space_inside_a_date(text, date, issuer):
    (ref,) = extract_page(text).references
    assert (ref.date, ref.issuer) == (date, issuer)


# --- class 2: serials ending in a letter, and their short form ---------------------------
# (text, numbers expected)
LETTER_SERIALS = [
    ("Căn cứ Nghị quyết số 45b/NQ-CP ngày 2/3/2015 của Chính phủ về cải cách", ["45b/NQ-CP"]),
    ("theo Quyết định số 12a/QĐ-UBND ngày 5/6/2020 của UBND tỉnh", ["12a/QĐ-UBND"]),
    ("thực hiện Kế hoạch số 07c-KH/TU của Tỉnh ủy", ["07c-KH/TU"]),
    ("NGHỊ QUYẾT SỐ 36A/NQ-CP VỀ CHÍNH PHỦ ĐIỆN TỬ", ["36A/NQ-CP"]),
    # near-misses: a letter inside the serial, a letter with no code, a missing separator
    ("theo mục 1a2/NQ-CP, mục 3a/ và COVID-19a/b, số 353TT-KHĐT", []),
]


@pytest.mark.parametrize("text, numbers", LETTER_SERIALS)
def test_class2_serials_ending_in_a_letter(text, numbers):
    assert [r.number for r in extract_page(text).references] == numbers


def test_class2_the_short_form_is_a_mention_of_the_full_number():
    text = ("UBND tỉnh Lào Cai ban hành Kế hoạch số 20/KH-UBND ngày 2/3/2016 triển khai thực hiện "
            "Nghị quyết 45b. Nghị quyết số 45b/NQ-CP ngày 1/2/2016 của Chính phủ đặt mục tiêu.")
    result = extract_page(text, province="Lào Cai")
    (ref,) = result.references
    assert text[ref.start:ref.end] == "45b/NQ-CP"
    assert sorted(text[s:e] for s, e in ref.mentions) == ["45b", "45b/NQ-CP"]
    assert [(r.source, r.target, r.type) for r in result.relations] \
        == [("20/KH-UBND", "45b/NQ-CP", "IMPLEMENTS")]


@pytest.mark.parametrize("text", [
    # two numbers share the serial: the short form names neither
    "Thực hiện Nghị quyết 45b. Nghị quyết số 45b/NQ-CP của Chính phủ và Nghị quyết số "
    "45b/NQ-HĐND của HĐND tỉnh.",
    # another kind, another serial
    "Thực hiện Quyết định 45b và Nghị quyết 45c. Nghị quyết số 45b/NQ-CP của Chính phủ.",
])
def test_class2_a_short_form_that_names_no_single_number_is_no_mention(text):
    for ref in extract_page(text).references:
        assert [text[s:e] for s, e in ref.mentions] == [ref.number]


# --- class 3: a space between the letters of one code (§4, §9) ---------------------------
# --- class 6: a footnote digit glued to a code: digits follow only codes that carry them --
# (text, numbers expected)
CODES_WITH_SPACES_AND_MARKS = [
    ("Căn cứ Thông tư số 05/2019/TT-BGD ĐT ngày 5/4/2019 của Bộ Giáo dục và Đào tạo;",
     ["05/2019/TT-BGDĐT"]),
    ("theo Công văn số 103-CV/BCĐ 35 ngày 2/3/2020 của Ban Chỉ đạo", ["103-CV/BCĐ35"]),
    ("thực hiện Chỉ thị số 21-CT/T U của Ban Thường vụ", ["21-CT/TU"]),
    ("quán triệt Chỉ thị số 12-CT/TW2, Kết luận số 01-KL/TW13; và Quy định 11-QĐi/TW1.",
     ["12-CT/TW", "01-KL/TW", "11-QĐi/TW"]),
    # digits that belong to their code: a term, a body's number, digits that open with 0
    ("Nghị quyết 88/2019/QH14, Pháp lệnh 34/2007/PL-UBTVQH11 và Công văn 99/BCĐ35",
     ["88/2019/QH14", "34/2007/PL-UBTVQH11", "99/BCĐ35"]),
    ("Kế hoạch số 95/KH-CAT-PV01 và Công văn 12/PC06, 14/CAT-XX02", ["95/KH-CAT-PV01", "12/PC06",
                                                                  "14/CAT-XX02"]),
    # near-misses: the word after the number is no part of its code
    ("Kế hoạch số 12/KH-UBND TP Hà Nội; Quyết định 14/QĐ-UBND 15 ngày; Chỉ thị 05-CT/TW 12 điểm",
     ["12/KH-UBND", "14/QĐ-UBND", "05-CT/TW"]),
]


@pytest.mark.parametrize("text, numbers", CODES_WITH_SPACES_AND_MARKS)
def test_class3_and_6_one_code_across_a_space_and_no_footnote_marks(text, numbers):
    result = extract_page(text)
    assert [r.number for r in result.references] == numbers
    for ref in result.references:   # the span is the number as written, nothing more
        assert text[ref.start:ref.end].replace(" ", "") == ref.number


# --- class 15 (part): the other style of the same number (§4) -----------------------------
# (text, numbers expected, each once)
OTHER_STYLE = [
    ("Thực hiện Nghị quyết số 14-NQ/TU ngày 2/3/2022 của Tỉnh ủy; sau hai năm thực hiện Nghị "
     "quyết 14/NQ-TU, tỉnh đã đạt nhiều kết quả.", ["14-NQ/TU"]),
    ("theo Kế hoạch số 12/KH-BDVTW-BCSĐCP về dân vận", ["12-KH/BDVTW-BCSĐCP"]),
    ("theo Hướng dẫn số 05/HD-BTGHU của Ban Tuyên giáo Huyện ủy", ["05-HD/BTGHU"]),
    ("Chỉ thị số 33-CT/TTg và Chỉ thị 33/CT-TTg của Thủ tướng", ["33/CT-TTg"]),
    # near-misses: a part added, another issuer, a year, a body that writes either style
    ("Nghị quyết số 27/2019/NQ-HĐND và Nghị quyết số 27/NQ-HĐND", ["27/2019/NQ-HĐND", "27/NQ-HĐND"]),
    ("Nghị quyết 14/NQ-TU và Nghị quyết 14-NQ/HU", ["14-NQ/TU", "14-NQ/HU"]),
    ("Quy chế phối hợp 01/QCPH/UBND-UBMTTQ và Công văn 71-CV/BCĐQG, 72/CV-BCĐ",
     ["01/QCPH/UBND-UBMTTQ", "71-CV/BCĐQG", "72/CV-BCĐ"]),
]


@pytest.mark.parametrize("text, numbers", OTHER_STYLE)
def test_class15_the_other_style_of_the_same_number(text, numbers):
    assert [r.number for r in extract_page(text).references] == numbers


def test_class15_a_query_in_the_other_style_finds_the_same_number():
    from graph.aliases import parse_alias
    assert parse_alias("Nghị quyết 14/NQ-TU").number_key == number_key("14-NQ/TU")
    assert parse_alias("Nghị quyết 45b").to_dict() == {"text": "Nghị quyết 45b", "serial": "45b",
                                                       "kind": "NQ"}


# --- issue 10: commune bodies read as issuers, in their usual spelling -------------------
# (the body as the text writes it after "của", page province Lào Cai, issuer expected)
COMMUNE_BODIES = [
    ("UBND xã Bản Lầu", "Ủy ban nhân dân xã Bản Lầu"),
    ("UBND Xã Bản Lầu", "Ủy ban nhân dân xã Bản Lầu"),
    ("Ủy ban nhân dân phường Duyên Hải", "Ủy ban nhân dân phường Duyên Hải"),
    ("UBND thị trấn Phố Lu", "Ủy ban nhân dân thị trấn Phố Lu"),
    ("UBND Phường 12, Quận 3", "Ủy ban nhân dân phường 12"),
    ("UBND quận Ba Đình", "Ủy ban nhân dân quận Ba Đình"),
    ("Đảng ủy xã Quảng Phú", "Đảng ủy xã Quảng Phú"),
    ("Ban Thường vụ Đảng ủy phường Nam Cường", "Ban Thường vụ Đảng ủy phường Nam Cường"),
    ("Ban Chấp hành Đảng bộ xã Bản Lầu", "Ban Chấp hành Đảng bộ xã Bản Lầu"),
    ("Ủy ban MTTQ Việt Nam xã Bản Lầu", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Bản Lầu"),
    ("Chủ tịch UBND xã Bản Lầu", "Chủ tịch Ủy ban nhân dân xã Bản Lầu"),
    ("UBND xã Bản Lầu, huyện Mường Khương", "Ủy ban nhân dân xã Bản Lầu"),
    # a town's or city's abbreviation, with its period or without
    ("UBND TP. Lào Cai", "Ủy ban nhân dân thành phố Lào Cai"),
    ("UBND TP Lào Cai", "Ủy ban nhân dân thành phố Lào Cai"),
    ("UBND TX. Sa Pa", "Ủy ban nhân dân thị xã Sa Pa"),
    # near-misses: a commune's body named without the commune gets no province; a youth
    # union keeps its capital
    ("UBND xã", "Ủy ban nhân dân xã"),
    ("Ban Thường vụ Tỉnh Đoàn", "Ban Thường vụ Tỉnh Đoàn"),
]


@pytest.mark.parametrize("body, issuer", COMMUNE_BODIES)
def test_issue10_commune_bodies_are_read_as_issuers(body, issuer):
    text = f"Căn cứ Kế hoạch số 12/KH-UBND ngày 2/3/2024 của {body} về chuyển đổi số;"
    (ref,) = extract_page(text, province="Lào Cai").references
    assert ref.issuer == issuer


def test_issue10_a_commune_full_text_names_the_commune():
    text = ("ỦY BAN NHÂN DÂN\nXÃ BẢN LẦU\n-------\nSố: 45/KH-UBND\nBản Lầu, ngày 5 tháng 3 năm 2024\n"
            "KẾ HOẠCH\nVề chuyển đổi số\nCăn cứ Kế hoạch số 12/KH-UBND ngày 2/1/2024 của UBND huyện;\n")
    subject = extract_page(text, province="Lào Cai").subject
    assert (subject.number, subject.issuer) == ("45/KH-UBND", "Ủy ban nhân dân xã Bản Lầu")


# A full text's header: a body under its superior (a commune's Party committee under the
# district's Đảng bộ, a Sở under the province's UBND) is the issuer, with its locality.
# (the header's lines, page province, subject issuer expected)
HEADERS = [
    ("ĐẢNG BỘ HUYỆN MƯỜNG KHƯƠNG\nĐẢNG ỦY XÃ BẢN LẦU\n*", "Lào Cai", "Đảng ủy xã Bản Lầu"),
    ("ĐẢNG BỘ XÃ BẢN LẦU\nBAN CHẤP HÀNH\n*", "Lào Cai", "Ban Chấp hành Đảng bộ xã Bản Lầu"),
    ("ỦY BAN NHÂN DÂN\nPHƯỜNG DUYÊN HẢI\n-------", "Lào Cai", "Ủy ban nhân dân phường Duyên Hải"),
    ("UBND TỈNH LÀO CAI\nSỞ NỘI VỤ\n-------", "Lào Cai", "Sở Nội vụ tỉnh Lào Cai"),
    ("UBND HUYỆN BẢO THẮNG\nPHÒNG NỘI VỤ\n-------", "Lào Cai", "Phòng Nội vụ huyện Bảo Thắng"),
    ("UBND HUYỆN BẢO THẮNG\nVĂN PHÒNG\n-------", "Lào Cai", "Văn phòng Ủy ban nhân dân huyện Bảo Thắng"),
    ("TỈNH ỦY LÀO CAI\nBAN TUYÊN GIÁO\n*", "Lào Cai", "Ban Tuyên giáo Tỉnh ủy Lào Cai"),
    ("ĐẢNG BỘ TỈNH LÀO CAI\nBAN THƯỜNG VỤ TỈNH ỦY\n*", "Lào Cai", "Ban Thường vụ Tỉnh ủy Lào Cai"),
    # near-misses: one body over two lines, and names in capitals in their usual spelling
    ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n-------", "Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"),
    ("THỦ TƯỚNG CHÍNH PHỦ\n-------", None, "Thủ tướng Chính phủ"),
    ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\n-------", None, "Bộ Giáo dục và Đào tạo"),
]


@pytest.mark.parametrize("header, province, issuer", HEADERS)
def test_issue10_a_header_names_the_body_under_its_superior(header, province, issuer):
    text = (header + "\nSố: 45/KH-UBND\nLào Cai, ngày 5 tháng 3 năm 2024\nKẾ HOẠCH\nVề chuyển đổi số\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert extract_page(text, province=province).subject.issuer == issuer


# --- issue 13 item 6: a number's span covers whole characters ------------------------------
# Numbers, words and combining marks (some compose with the letter before them, some with
# none), in NFC or NFD: a reference's span never cuts a letter from its marks.
_PIECES = ["Nghị quyết số ", "59/2023/NĐ-CP", "33/CT-TTg", "25-NQ/TW", "12a/QĐ-UBND", " ngày 2/3/2024",
           " của Ủy ban", "\u0301", "\u0323", "\u0328", "\u0302\u0303", "\u0335", " ", "; "]


def _whole_characters(text: str) -> None:
    for ref in extract_page(text).references:
        assert ref.start == 0 or not unicodedata.combining(text[ref.start])
        assert ref.end == len(text) or not unicodedata.combining(text[ref.end])
        assert number_key(text[ref.start:ref.end]) == number_key(ref.number)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join), st.sampled_from(["NFC", "NFD"]))
def test_issue13_a_span_never_cuts_a_letter_from_its_marks(text, form):
    _whole_characters(unicodedata.normalize(form, text))


@pytest.mark.parametrize("text", [
    "Căn cứ Nghị định 59/2023/NĐ-CP\u0328 ngày 1/2/2023",
    "Chỉ thị 33/C\u0328T-TTg của Thủ tướng",
    unicodedata.normalize("NFD", "Quyết định số 12/QĐ-UBND ngày 2/3/2024 của Ủy ban nhân dân tỉnh"),
])
def test_issue13_a_stray_mark_after_a_code_stays_inside_the_span(text):
    _whole_characters(text)
    assert extract_page(text).references


# A header that names only the superior of the body the number's code names: that body.
# (the header's lines, the number, page province, subject issuer expected)
HEADERS_AND_CODES = [
    ("ỦY BAN NHÂN DÂN |", "681/HD-SGDĐT", "Cần Thơ", "Sở Giáo dục và Đào tạo"),
    ("UBND TỈNH LÀO CAI", "12/SNV-TCBC", "Lào Cai", "Sở Nội vụ tỉnh Lào Cai"),
    ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "12/QĐ-CTUBND", "Lào Cai", "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai"),
    ("TỈNH ỦY LÀO CAI", "12-HD/BTGTU", "Lào Cai", "Ban Tuyên giáo Tỉnh ủy Lào Cai"),
    # near-misses: the code names the header's own body, or a unit of it
    ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "12/QĐ-UBND", "Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"),
    ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI", "12/UBND-VX", "Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai"),
    ("TỈNH ỦY LÀO CAI", "12-CT/TU", "Lào Cai", "Tỉnh ủy Lào Cai"),
    ("BỘ TÀI CHÍNH", "12/2024/TT-BTC", None, "Bộ Tài chính"),
]


@pytest.mark.parametrize("header, number, province, issuer", HEADERS_AND_CODES)
def test_class10_a_header_over_the_body_the_code_names(header, number, province, issuer):
    text = (f"{header}\nSố: {number}\nLào Cai, ngày 5 tháng 3 năm 2024\nKẾ HOẠCH\nVề chuyển đổi số\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert extract_page(text, province=province).subject.issuer == issuer


def test_issue10_a_city_abbreviated_in_the_news_sentence():
    text = "Ngày 15/12/2025, UBND TP. Cần Thơ đã ban hành Kế hoạch số 193/KH-UBND về chuyển đổi số."
    assert extract_page(text, province="Cần Thơ").subject.issuer == "Ủy ban nhân dân thành phố Cần Thơ"

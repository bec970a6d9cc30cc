"""Patterns met on real pages outside the gold corpus, written anew as tables of strings
and answers: centrally-run cities, department names in lower case, a plenum cited as
the issuer, codes joined by "&", a kind word with a qualifier before "số", term
numerals in headings, and dates that rule out a reading of a relation."""

from __future__ import annotations

import pytest

from extract import extract_page
from extract.normalize import issuers_match


def _ref(result, number):
    return next(r for r in result.references if r.number == number)


ISSUERS = [
    # (text, page province, number, issuer expected)
    ("Căn cứ Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương "
     "khóa XII về công tác bảo vệ sức khỏe nhân dân;", "Bắc Kạn", "20-NQ/TW", "Ban Chấp hành Trung ương"),
    ("Hội nghị quán triệt Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Hội nghị Trung ương 7 khóa XI.",
     "Đắk Lắk", "25-NQ/TW", "Ban Chấp hành Trung ương"),
    ("Thực hiện Nghị quyết số 19-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương sáu khóa XII, Tỉnh ủy ...",
     "Quảng Trị", "19-NQ/TW", "Ban Chấp hành Trung ương"),
    ("Xét đề nghị của Sở Tư pháp tại Báo cáo số 215/BC-STP ngày 02/4/2024.", "Ninh Thuận", "215/BC-STP",
     "Sở Tư pháp"),
    ("Theo đề nghị của Sở Y tế tại Tờ trình số 3009/TTr-SYT ngày 21/8/2021.", "Bắc Kạn", "3009/TTr-SYT",
     "Sở Y tế"),
    ("Kế hoạch số 77/KH-SGDĐT ngày 10/3/2025 của Sở Giáo dục và Đào tạo về chuyển đổi số.", "Quảng Trị",
     "77/KH-SGDĐT", "Sở Giáo dục và Đào tạo"),
    ("Ngày 04/3/2024, UBND thành phố ban hành Kế hoạch số 45/KH-UBND về cải cách hành chính.", "Hải Phòng",
     "45/KH-UBND", "Ủy ban nhân dân thành phố Hải Phòng"),
    ("Căn cứ Nghị quyết số 12/NQ-HĐND của HĐND thành phố về dự toán ngân sách năm 2024;", "Đà Nẵng",
     "12/NQ-HĐND", "Hội đồng nhân dân thành phố Đà Nẵng"),
]


@pytest.mark.parametrize("text, province, number, issuer", ISSUERS)
def test_issuer(text, province, number, issuer):
    found = extract_page(text, province=province)
    got = _ref(found, number).issuer if found.subject is None or found.subject.number != number \
        else found.subject.issuer
    assert got == issuer


def test_a_provincial_city_keeps_its_own_name():
    found = extract_page("UBND thành phố Buôn Ma Thuột ban hành Kế hoạch số 310/KH-UBND ngày 12/5/2025 "
                         "về chuyển đổi số.", province="Đắk Lắk")
    assert issuers_match(found.subject.issuer, "Ủy ban nhân dân thành phố Buôn Ma Thuột")
    assert "tỉnh" not in found.subject.issuer


def test_a_full_text_of_a_central_city_names_the_city():
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\n-------\nSố: 30/2018/QĐ-UBND\n"
            "Hải Phòng, ngày 09 tháng 10 năm 2018\nQUYẾT ĐỊNH\nBAN HÀNH QUY ĐỊNH VỀ TRÁCH NHIỆM CỦA NGƯỜI "
            "ĐỨNG ĐẦU CÁC CƠ QUAN\nỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\nCăn cứ Nghị định số 157/2007/NĐ-CP "
            "ngày 27 tháng 10 năm 2007 của Chính phủ;\n")
    subject = extract_page(text, province="Hải Phòng").subject
    assert subject.number == "30/2018/QĐ-UBND"
    assert issuers_match(subject.issuer, "Ủy ban nhân dân thành phố Hải Phòng")


NUMBERS = [
    # (text, number, kind, date)
    ("Công văn số 2231/SNV-CCHC&PC ngày 28 tháng 9 năm 2018 của Sở Nội vụ", "2231/SNV-CCHC&PC", "CV",
     "2018-09-28"),
    ("Báo cáo thẩm định số 18/BCTĐ-STP ngày 25 tháng 5 năm 2018 của Sở Tư pháp", "18/BCTĐ-STP", "BC",
     "2018-05-25"),
    ("Kế hoạch liên tịch số 05/KHLT-SNV-LĐLĐ ngày 14/02/2024 về thi đua", "05/KHLT-SNV-LĐLĐ", "KH",
     "2024-02-14"),
]


@pytest.mark.parametrize("text, number, kind, date", NUMBERS)
def test_number_kind_and_date(text, number, kind, date):
    ref = extract_page(text).references[0]
    assert (ref.number, ref.kind, ref.date) == (number, kind, date)


def test_a_term_numeral_in_a_heading_stays_in_capitals():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\n-------\nSố: 110/KH-UBND\nPhú Yên, ngày 14 tháng 11 năm 2013\n"
            "KẾ HOẠCH\nTRIỂN KHAI NGHỊ QUYẾT SỐ 25-NQ/TW NGÀY 03/6/2013 CỦA BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG "
            "(KHÓA XI) VỀ CÔNG TÁC DÂN VẬN\n")
    title = extract_page(text, province="Phú Yên").subject.title
    assert "(khóa XI)" in title and "25-NQ/TW" in title


def test_a_later_document_is_not_carried_out_by_an_earlier_one():
    # KL 43 (01/2019) cannot implement KH 102 (02/2019): KH 102 stands beside KL 43,
    # under the plan that "triển khai" both
    text = ("Ban Thường vụ Huyện ủy ban hành Kế hoạch số 45-KH/HU ngày 20/3/2019 triển khai Kết luận số "
            "43-KL/TW ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết Trung ương 7 khóa XI "
            "về công tác dân vận và Kế hoạch số 102-KH/TU ngày 25/02/2019 của Ban Thường vụ Tỉnh ủy.")
    found = extract_page(text, province="Đắk Lắk")
    triples = {(r.source, r.target, r.type) for r in found.relations}
    assert ("45-KH/HU", "102-KH/TU", "IMPLEMENTS") in triples
    assert ("43-KL/TW", "102-KH/TU", "IMPLEMENTS") not in triples
    assert ("45-KH/HU", "43-KL/TW", "IMPLEMENTS") in triples


def test_a_description_that_carries_out_an_earlier_document_keeps_its_source():
    text = ("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 178-KH/TU ngày 02/4/2019 thực hiện Kết luận số "
            "43-KL/TW ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết số 25-NQ/TW ngày "
            "03/6/2013 của Ban Chấp hành Trung ương Đảng.")
    triples = {(r.source, r.target, r.type) for r in extract_page(text, province="Bắc Kạn").relations}
    assert ("43-KL/TW", "25-NQ/TW", "IMPLEMENTS") in triples
    assert ("178-KH/TU", "43-KL/TW", "IMPLEMENTS") in triples


# A Party full text as a PDF's text layer lays it out: two header columns side by side,
# the organ under the type line, the signature block pushed to the right.
PARTY_FULL_TEXT = """\
TỈNH ỦY BẮC KẠN                              ĐẢNG CỘNG SẢN VIỆT NAM
       *
   Số 27-CT/TU                         Bắc Kạn, ngày 12 tháng 3 năm 2024

CHỈ THỊ
của Ban Thường vụ Tỉnh ủy
về tăng cường công tác dân vận trong tình hình mới

Thực hiện Chỉ thị số 16-CT/TW ngày 11/8/2022 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu
các cấp ủy, tổ chức đảng thực hiện tốt các nhiệm vụ sau:

1. Quán triệt sâu rộng quan điểm của Đảng về công tác dân vận.

                                              T/M BAN THƯỜNG VỤ
                                                   BÍ THƯ

                                              Hoàng Duy Chinh
"""


def test_a_party_full_text_laid_out_in_columns():
    found = extract_page(PARTY_FULL_TEXT, province="Bắc Kạn")
    subject = found.subject
    assert (subject.number, subject.kind, subject.date) == ("27-CT/TU", "CT", "2024-03-12")
    assert subject.issuer == "Ban Thường vụ Tỉnh ủy Bắc Kạn"
    assert subject.signer == "Hoàng Duy Chinh"
    assert subject.title == "Tăng cường công tác dân vận trong tình hình mới"
    # the comma closes the preamble: the actor after it is no co-issuer of 16-CT/TW
    assert _ref(found, "16-CT/TW").issuer == "Bộ Chính trị"
    assert {(r.source, r.target, r.type) for r in found.relations} == {("27-CT/TU", "16-CT/TW", "IMPLEMENTS")}


def test_joint_issuers_after_a_comma_stay_together():
    found = extract_page("Thực hiện Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị, Ban Bí thư về trách "
                         "nhiệm người đứng đầu cấp ủy.")
    assert found.references[0].issuer == "Bộ Chính trị, Ban Bí thư"


@pytest.mark.parametrize("line", ["V/v tăng cường phòng, chống dịch bệnh", "VỀ VIỆC TĂNG CƯỜNG PHÒNG, CHỐNG DỊCH BỆNH",
                                  "về tăng cường phòng, chống dịch bệnh"])
def test_a_full_text_title_drops_its_about(line):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\n-------\nSố: 1246/UBND-VX\nĐắk Lắk, ngày 06 tháng 5 năm 2021\n"
            f"CÔNG VĂN\n{line}\n\nKính gửi: Các sở, ban, ngành.\n")
    title = extract_page(text, province="Đắk Lắk").subject.title
    assert title.lower() == "tăng cường phòng, chống dịch bệnh"

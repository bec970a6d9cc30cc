"""Kinds, dates, issuers and laws: (text, context, expected) tables."""

from __future__ import annotations

import pytest

from extract import extract_page
from extract.normalize import issuers_match

KINDS = [
    ("Chỉ thị số 33/CT-TTg", "CT"),
    ("Quy định số 11-QĐi/TW", "QĐi"),
    ("Kết luận số 43-KL/TW", "KL"),
    ("Chương trình hành động số 83-CTHĐ/TU", "CTr"),
    ("Công văn số 1613/UBND-KGVX", "CV"),
    ("văn bản số 3859/UBND-ĐTXD", "CV"),
    ("Nghị quyết số 24/2021/QH15", "NQ"),
    ("Luật số 10/2022/QH15", "L"),
    ("Nghị định 28/CP", "NĐ"),
    ("Thông tư liên tịch số 01/2015/TTLT-BNV-BTC", "TTLT"),
    ("Giấy phép số 99/GP-TTĐT", "HĐ"),
    ("Hướng dẫn số 06-HD/HU", "HD"),
    ("Công điện số 1322/CĐ-TTg", "CĐ"),
    # the code decides, even where the word before names another kind (§5, version 2)
    ("Chỉ thị số 33/TT-TTg ngày 26/11/2021", "TT"),
    ("Văn bản hợp nhất số 03/VBHN-BGDĐT", "VBHN"),
    # the code wins over a looser word
    ("Quy định số 2905-QĐ/TU ngày 28/9/2019", "QĐ"),
]


@pytest.mark.parametrize("text, kind", KINDS)
def test_kind(text, kind):
    assert extract_page(text).references[0].kind == kind


DATES = [
    ("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng", "2021-11-26"),
    ("Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành", "2013-06-03"),
    ("Nghị quyết số 24/2021/QH15 ngày 28 tháng\n7 năm 2021 của Quốc hội", "2021-07-28"),
    ("Nghị định số 27/2022/NĐ-CP ngày 19\ntháng 4 năm 2022", "2022-04-19"),
    ("Chỉ thị số 34-CT/TU, ngày 5-9-2019 của Ban Thường vụ", "2019-09-05"),
    ("Chương trình số 83-CTHĐ/TU, ngày 25/7/ 2017, của Tỉnh uỷ", "2017-07-25"),
    ("Nghị định số 38/2023/NĐ-CP của Chính phủ ngày 24 tháng 6 năm 2023", "2023-06-24"),
    ("Chỉ thị số 05-CT/TW của Bộ Chính trị (khóa XII)", None),
    ("Kế hoạch số 12/KH-UBND ngày 31/02/2023", None),   # no such day
]


@pytest.mark.parametrize("text, date", DATES)
def test_date(text, date):
    assert extract_page(text).references[0].date == date


ISSUERS = [
    ("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về", None,
     "Thủ tướng Chính phủ"),
    ("Chỉ thị số 12-CT/TU ngày 05/5/2021 của Ban Thường vụ Tỉnh ủy về việc", "Yên Bái",
     "Ban Thường vụ Tỉnh ủy Yên Bái"),
    ("Kế hoạch số 411/KH-UBND ngày 21/9/2015 của UBND tỉnh về việc", "Đắk Nông",
     "Ủy ban nhân dân tỉnh Đắk Nông"),
    ("Kết luận số 160-KL/TW ngày 31/5/2025 của Bộ Chính trị, Ban Bí thư về tình hình",
     None, "Bộ Chính trị, Ban Bí thư"),
    ("Công điện số 600/CĐ-BCĐ ngày 05/5/2021 của Ban Chỉ đạo quốc gia phòng, chống dịch "
     "bệnh COVID-19; Chỉ thị", None, "Ban Chỉ đạo quốc gia phòng, chống dịch bệnh COVID-19"),
    ("Kế hoạch số 1573-KH/BDVTW-BCSĐCP, ngày 08/02/2018 của Ban Dân vận Trung ương và Ban "
     "cán sự đảng Chính phủ về chương trình", None,
     "Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ"),
    ("Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI) về",
     None, "Ban Chấp hành Trung ương Đảng"),
    ("Nghị quyết số 01-NQ/TU, ngày 14/8/2012, của Tỉnh uỷ Quảng trị khoá XV về", None,
     "Tỉnh ủy Quảng Trị"),
    ("Thông tư số 09/2022/TT-BLĐTBXH ngày 25 tháng 5 năm 2022 của Bộ trưởng Bộ Lao động - "
     "Thương binh và Xã hội hướng dẫn", None,
     "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"),
    ("Giấy phép số 99/GP-TTĐT do Cục QL Phát thanh Truyền hình và Thông tin Điện tử cấp "
     "ngày 14/05/2010", None, "Cục Quản lý Phát thanh Truyền hình và Thông tin Điện tử"),
    ("thực hiện Kế hoạch số 124/KH-UBND ngày 29/5/2025 của Ủy ban nhân dân huyện Krông Pắc "
     "về việc", None, "Ủy ban nhân dân huyện Krông Pắc"),
    # none in the text: the code names the body when the mention is a full citation
    ("Triển khai Thông tư số 30/2025/TT-BTC ngày 30/5/2025 (06/06/2025)", None, "Bộ Tài chính"),
    ("Kết luận số 52-KL/TU ngày 29/11/2021 về tiếp tục", "Bắc Kạn", "Tỉnh ủy Bắc Kạn"),
    ("Theo đề nghị của Sở Nội vụ tại Tờ trình số 164/TTr-SNV ngày 17/12/2025.", None,
     "Sở Nội vụ"),
]


@pytest.mark.parametrize("text, province, issuer", ISSUERS)
def test_issuer(text, province, issuer):
    found = extract_page(text, province=province).references[0].issuer
    assert issuers_match(issuer, found), found


def test_first_mention_with_most_detail_wins():
    text = ("Tuyên truyền Nghị định số 59/2023/NĐ-CP. Thực hiện Nghị định số 59/2023/NĐ-CP "
            "ngày 14/8/2023 của Chính phủ.")
    (ref,) = extract_page(text).references
    assert (ref.date, ref.issuer) == ("2023-08-14", "Chính phủ")
    assert text[ref.start:ref.end] == "59/2023/NĐ-CP" and ref.start < 40


LAWS = [
    ("theo quy định của Luật Thực hiện dân chủ ở cơ sở năm 2023; Nghị định",
     [("Luật Thực hiện dân chủ ở cơ sở", 2023)]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày\n19 tháng 6 năm 2015; Luật Sửa đổi, "
     "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
     "ngày 22 tháng 11 năm 2019;",
     [("Luật Tổ chức chính quyền địa phương", 2015),
      ("Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính "
       "quyền địa phương", 2019)]),
    ("Căn cứ Luật Quản lý, sử dụng tài sản công ngày 21 tháng 6 năm 2017;",
     [("Luật Quản lý, sử dụng tài sản công", 2017)]),
    ("quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện",
     [("Bộ luật Lao động", None)]),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;",
     [("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", 2013)]),
    ("theo quy định của pháp luật và luật lệ", []),
]


@pytest.mark.parametrize("text, laws", LAWS)
def test_laws_cited_by_name(text, laws):
    assert [(law.name, law.year) for law in extract_page(text).laws] == laws

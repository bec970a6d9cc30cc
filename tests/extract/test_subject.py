"""The page's subject (§2): from a full text's header or from a news sentence."""

from __future__ import annotations

import pytest

from extract import extract_page
from extract.normalize import issuers_match

FULL_TEXT = """ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số: 57/KH-UBND
|
Cao Bằng, ngày 09
tháng 3 năm 2022
|
KẾ HOẠCH
TRIỂN KHAI CHỈ THỊ SỐ 33/CT-TTG NGÀY 26/11/2021 CỦA THỦ TƯỚNG CHÍNH PHỦ
TRÊN ĐỊA BÀN TỈNH CAO BẰNG
Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục
tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các
cấp trong tình hình mới, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc nội dung Chỉ thị.
Nơi nhận:
- Như trên;
- Lưu: VT.
|
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Bích Thủy
"""


def test_full_text_header():
    result = extract_page(FULL_TEXT, province="Cao Bằng")
    s = result.subject
    assert (s.number, s.kind, s.date) == ("57/KH-UBND", "KH", "2022-03-09")
    assert s.issuer == "Ủy ban nhân dân tỉnh Cao Bằng"
    assert s.signer == "Nguyễn Bích Thủy"
    assert s.title.startswith("Triển khai Chỉ thị số 33/CT-TTg ngày 26/11/2021")
    assert [r.number for r in result.references] == ["33/CT-TTg"]
    assert [(r.source, r.target, r.type) for r in result.relations] == [
        ("57/KH-UBND", "33/CT-TTg", "IMPLEMENTS")]


NEWS = [
    # (text, province, number, kind, date, issuer, title)
    ("Ngày 12/3/2024, UBND tỉnh Quảng Trị ban hành Kế hoạch số 45/KH-UBND về việc thực hiện "
     "công tác dân vận chính quyền năm 2024. Theo đó, các sở phải...",
     "Quảng Trị", "45/KH-UBND", "KH", "2024-03-12", "Ủy ban nhân dân tỉnh Quảng Trị",
     "Thực hiện công tác dân vận chính quyền năm 2024"),
    ("Ngày 20-10-2022, Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 40-CT/TU về tăng cường "
     "lãnh đạo công tác dân vận. Chỉ thị yêu cầu...",
     "Bắc Kạn", "40-CT/TU", "CT", "2022-10-20", "Ban Thường vụ Tỉnh ủy Bắc Kạn",
     "Tăng cường lãnh đạo công tác dân vận"),
    ("UBND tỉnh Ninh Thuận vừa có Công văn số 2145/UBND-KGVX về việc đẩy mạnh phong trào "
     "thi đua “Dân vận khéo” (Công văn số 2145).",
     "Ninh Thuận", "2145/UBND-KGVX", "CV", None, "Ủy ban nhân dân tỉnh Ninh Thuận",
     "Đẩy mạnh phong trào thi đua “Dân vận khéo”"),
    ("Huyện ủy Cam Lộ triển khai nhiệm vụ dân vận năm 2019\n\nTại văn bản số 301-CV/HU ngày "
     "02/4/2019, Huyện ủy chỉ đạo các chi bộ; các đoàn thể thực hiện...",
     "Quảng Trị", "301-CV/HU", "CV", "2019-04-02", "Huyện ủy Cam Lộ",
     "Triển khai nhiệm vụ dân vận năm 2019"),
    ("Tin chỉ đạo điều hành\n 05/05/2021\n\nTriển khai kế hoạch tiêm chủng của Huyện ủy\n\n"
     "Thực hiện Kế hoạch số 21-KH/HU ngày 02/5/2021 của Huyện ủy, Ủy ban nhân dân huyện Côn "
     "Đảo có ý kiến như sau: ...\n\n(Nguồn: Từ Công văn số 980/UBND-VP ngày 05/05/2021)",
     "Bà Rịa - Vũng Tàu", "980/UBND-VP", "CV", "2021-05-05",
     "Ủy ban nhân dân huyện Côn Đảo", "Triển khai kế hoạch tiêm chủng của Huyện ủy"),
]


NEWS.append(
    ("Kế hoạch số 88/KH-UBND ngày 14/4/2023 của UBND tỉnh về thực hiện Chỉ thị số 33/CT-TTg\n"
     "Nhằm triển khai thực hiện có hiệu quả Chỉ thị, UBND tỉnh yêu cầu ...",
     "Lào Cai", "88/KH-UBND", "KH", "2023-04-14", "Ủy ban nhân dân tỉnh Lào Cai",
     "Thực hiện Chỉ thị số 33/CT-TTg"))


@pytest.mark.parametrize("text, province, number, kind, date, issuer, title", NEWS)
def test_news_subject(text, province, number, kind, date, issuer, title):
    s = extract_page(text, province=province).subject
    assert (s.number, s.kind, s.date) == (number, kind, date)
    assert issuers_match(issuer, s.issuer), s.issuer
    assert s.title == title


@pytest.mark.parametrize("text", [
    "Ngày 30-9, Huyện ủy tổ chức hội nghị quán triệt Chỉ thị số 35-CT/TW của Bộ Chính trị.",
    "Các đại biểu đã được quán triệt Nghị quyết số 02-NQ/TU, ngày 04/11/2016.",
    "",
])
def test_no_subject_when_the_page_reports_no_document(text):
    assert extract_page(text).subject is None


def test_side_list_documents_never_become_the_subject():
    text = ("Hội nghị sơ kết công tác dân vận quý I.\n\nTin liên quan\n\n"
            "UBND tỉnh ban hành Kế hoạch số 77/KH-UBND về chuyển đổi số (02/04/2024, 08:10)\n")
    result = extract_page(text)
    assert result.subject is None
    assert [r.number for r in result.references] == ["77/KH-UBND"]
    assert result.relations == []

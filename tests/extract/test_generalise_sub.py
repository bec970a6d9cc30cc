"""Issue 9, the classes of helper "sub" (subject, page, laws, normalisation): one table of
invented strings per class, in the style of real pages, with near-misses that must not
match. Each table's comment names its class (the issue's numbering)."""

from __future__ import annotations

import pytest

from extract import extract_page
from extract.normalize import issuers_match

BODY = ("\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n"
        "Xét đề nghị của Giám đốc Sở Nội vụ, các cơ quan, đơn vị triển khai thực hiện.\n")

# --- class 5: a page that is the document's own citation or title line ---------------------
# (text, url, number, date, issuer, title)
TITLE_LINES = [
    # the citation opens the page, with its date, issuer and trích yếu
    ("Nghị định số 12/2019/NĐ-CP ngày 1/2/2019 của Chính phủ về quản lý hoạt động khai thác "
     "khoáng sản", None, "12/2019/NĐ-CP", "2019-02-01", "Chính phủ",
     "Quản lý hoạt động khai thác khoáng sản"),
    # a legal database's line: the year after the number, a verb phrase for its title
    ("Thông tư 07/2021/TT-BNV năm 2021 hướng dẫn công tác văn thư lưu trữ tại cơ quan nhà nước",
     None, "07/2021/TT-BNV", None, "Bộ Nội vụ",
     "Hướng dẫn công tác văn thư lưu trữ tại cơ quan nhà nước"),
    # the closing "do ... ban hành" names the issuer and is no part of the title
    ("Quyết định 318/QĐ-UBND năm 2022 về danh mục thủ tục hành chính lĩnh vực tư pháp do "
     "Ủy ban nhân dân tỉnh Phú Yên ban hành", None, "318/QĐ-UBND", None,
     "Ủy ban nhân dân tỉnh Phú Yên", "Danh mục thủ tục hành chính lĩnh vực tư pháp"),
    # the kind word opens the line and the number closes it; the metadata table dates it
    ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai 2021 số 15/2021/QH15\n"
     "Số hiệu: | 15/2021/QH15 | Loại văn bản: | Luật |\n"
     "Ngày ban hành: | 19/11/2021 | Ngày hiệu lực: | 01/01/2022 |\n", None,
     "15/2021/QH15", "2021-11-19", "Quốc hội",
     "Sửa đổi, bổ sung một số điều của Luật Đất đai"),
    # the headline under the page's date, above a body that reports another document
    ("Thứ Hai, 3/6/2024\nCông văn số 215-CV/BDVTW ngày 20/5/2024 về việc hướng dẫn thực hiện "
     "Quy chế dân chủ ở cơ sở\n\nNgày 15/5/2024, Ban Dân vận Trung ương và Ban cán sự đảng "
     "Chính phủ đã ký kết Kế hoạch số 08-KH/BDVTW về công tác dân vận năm 2024, để triển khai "
     "có hiệu quả, Ban Dân vận Trung ương đề nghị các tỉnh ủy thực hiện.", None,
     "215-CV/BDVTW", "2024-05-20", "Ban Dân vận Trung ương", "Hướng dẫn thực hiện Quy chế dân chủ ở cơ sở"),
    # a type line in capitals with its number, dated and titled on the lines under it
    ("(Mục lục)\n\nVĂN BẢN HỢP NHẤT 11/VBHN-BTC\n\nngày 5 tháng 3 năm 2020\n\n"
     "VỀ QUẢN LÝ NỢ CÔNG\n\nNghị định số 93/2018/NĐ-CP ngày 30 tháng 6 năm 2018 của Chính phủ, "
     "có hiệu lực kể từ ngày 1 tháng 7 năm 2018.", None,
     "11/VBHN-BTC", "2020-03-05", "Bộ Tài chính", "Quản lý nợ công"),
    # a gazette page that is the bare line: the address confirms it
    ("Thông tư 22/2016/TT-BTC    Nằm trên công báo: 41 + 42",
     "https://congbao.example.vn/noi-dung-van-ban-so-22_2016_TT-BTC-(9912)",
     "22/2016/TT-BTC", None, "Bộ Tài chính", None),
]


@pytest.mark.parametrize("text, url, number, date, issuer, title", TITLE_LINES)
def test_title_line_is_the_subject(text, url, number, date, issuer, title):
    s = extract_page(text, url=url).subject
    assert s is not None and (s.number, s.date) == (number, date)
    assert issuers_match(s.issuer, issuer), s.issuer
    assert s.title == title


@pytest.mark.parametrize("text", [
    # a report on what was done with a document: the number belongs to the Đề án
    "Báo cáo kết quả thực hiện Đề án số 12-ĐA/TU\n" + BODY,
    # the citation does not open the line
    "Quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập\n" + BODY,
    "Thực hiện Kế hoạch số 45/KH-UBND ngày 2/3/2024 của UBND tỉnh về chuyển đổi số\n" + BODY,
    # the number does not close a line the kind word opens
    "Luật Đất đai số 31/2024/QH15 được sửa đổi, bổ sung bởi Luật số 43/2024/QH15\n" + BODY,
    # the number closing the line is the object of a cue, not the title's own
    "Kế hoạch triển khai thực hiện 57-NQ/TW\n" + BODY,
    "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW\n" + BODY,
    # a bare citation alone, without title, closing issuer or address naming it
    "Thông tư 22/2016/TT-BTC    Nằm trên công báo: 41 + 42",
    "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về",
    # the address names another number than the line's
    "Kế hoạch số 77/KH-UBND ngày 5/1/2024",
    # the citation stands below the headline zone
    "\n".join(f"Dòng tin thứ {i} của trang" for i in range(8)) + "\nKế hoạch số 9/KH-UBND về"
    " chuyển đổi số năm 2024",
])
def test_no_title_line_subject(text):
    url = "https://portal.example.vn/ke-hoach-78-kh-ubnd" if "77/KH" in text else None
    s = extract_page(text, url=url).subject
    assert s is None, s


# --- class 7: reporting verbs beyond "ban hành" --------------------------------------------
# (text, province, number, date, issuer)
REPORTING = [
    ("Ngày 11/10/2023, Ban Dân vận Tỉnh ủy và Ban cán sự đảng UBND tỉnh đã ký kết Chương trình "
     "phối hợp số 05-CTr/BDVTU-BCSĐ về công tác dân vận giai đoạn 2023-2025.", "Hà Giang",
     "05-CTr/BDVTU-BCSĐ", "2023-10-11", "Ban Dân vận Tỉnh ủy"),
    ("Ngày 2/3/2022, UBND tỉnh và Ủy ban MTTQ tỉnh thống nhất ban hành Quy chế phối hợp số "
     "01/QCPH-UBND-MTTQ về công tác giám sát.", "Bình Định",
     "01/QCPH-UBND-MTTQ", "2022-03-02",
     "Ủy ban nhân dân tỉnh và Ủy ban Mặt trận Tổ quốc tỉnh Bình Định"),
    ("Sở Tư pháp phối hợp ban hành Kế hoạch số 12/KH-STP về phổ biến pháp luật năm 2024.",
     "Long An", "12/KH-STP", None, "Sở Tư pháp tỉnh Long An"),
]


@pytest.mark.parametrize("text, province, number, date, issuer", REPORTING)
def test_reporting_verbs(text, province, number, date, issuer):
    s = extract_page(text, province=province).subject
    assert s is not None and (s.number, s.date) == (number, date)
    assert issuers_match(s.issuer, issuer), s.issuer


def test_reported_document_that_is_not_the_subject_keeps_the_sentence_date_and_actor():
    text = TITLE_LINES[4][0]
    ref = next(r for r in extract_page(text).references if r.number == "08-KH/BDVTW")
    assert ref.date == "2024-05-15"
    assert issuers_match(ref.issuer, "Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ")


@pytest.mark.parametrize("text", [
    # the verb governs no document: a meeting, not an issuing
    "Ngày 5/4/2024, Ban Dân vận Tỉnh ủy thống nhất nội dung sơ kết Kế hoạch số 20-KH/TU.",
    "Các đại biểu đã ký kết giao ước thi đua, quán triệt Chỉ thị số 05-CT/TW của Bộ Chính trị.",
])
def test_no_reporting_subject(text):
    assert extract_page(text).subject is None


# a subject reported by its kind alone, its number given only late in the text
# (text, province, number, date, issuer, title)
LATE_NUMBER = [
    ("Công tác Đảng\nHướng dẫn tuyên truyền kỷ niệm các ngày lễ lớn năm 2024\n\nThực hiện "
     "Hướng dẫn số 12-HD/BTGTU ngày 5/12/2023 của Ban Tuyên giáo Tỉnh ủy,\n\nBan Tuyên giáo "
     "Huyện ủy ban hành Hướng dẫn tuyên truyền kỷ niệm các ngày lễ lớn năm 2024.\n\nTrang thông "
     "tin đăng tải Hướng dẫn số 41-HD/BTGHU ngày 20/12/2023 của Ban Tuyên giáo Huyện ủy.",
     "Quảng Trị", "41-HD/BTGHU", "2023-12-20", "Ban Tuyên giáo Huyện ủy",
     "Tuyên truyền kỷ niệm các ngày lễ lớn năm 2024"),
    ("UBND huyện vừa ban hành Kế hoạch triển khai chuyển đổi số năm 2025. Toàn văn Kế hoạch "
     "số 88/KH-UBND đăng trên cổng thông tin của huyện.", "Nghệ An", "88/KH-UBND", None,
     "Ủy ban nhân dân huyện", "Triển khai chuyển đổi số năm 2025"),
]


@pytest.mark.parametrize("text, province, number, date, issuer, title", LATE_NUMBER)
def test_subject_number_given_late(text, province, number, date, issuer, title):
    s = extract_page(text, province=province).subject
    assert s is not None and (s.number, s.date, s.title) == (number, date, title)
    assert issuers_match(s.issuer, issuer), s.issuer


@pytest.mark.parametrize("text", [
    # the later number of that kind is one the subject acts on
    "UBND tỉnh ban hành Kế hoạch cải cách hành chính năm 2024. Các sở triển khai thực hiện "
    "Kế hoạch số 15/KH-UBND năm 2023.",
    # the later number is of another kind
    "UBND tỉnh ban hành Kế hoạch cải cách hành chính năm 2024. Quyết định số 20/QĐ-UBND "
    "được ban hành năm trước.",
    # cited before the sentence: an old document, not the one reported
    "Kế hoạch số 15/KH-UBND đã hết hiệu lực. UBND tỉnh ban hành Kế hoạch cải cách hành chính"
    " năm 2024 thay cho Kế hoạch số 15/KH-UBND.",
])
def test_no_late_number_subject(text):
    assert extract_page(text).subject is None


# --- the page's address: it confirms or chooses, never supplies ------------------------------

URL_PAGE = ("Tin hoạt động\nKết quả công tác tháng 5\n\nNgày 2/5/2024, UBND huyện ban hành Kế "
            "hoạch số 31/KH-UBND về cải cách hành chính; ngày 6/5/2024, UBND huyện ban hành Kế "
            "hoạch số 35/KH-UBND về chuyển đổi số.")


@pytest.mark.parametrize("url, number", [
    (None, "31/KH-UBND"),
    ("https://huyen.example.vn/tin-tuc/ke-hoach-so-35-kh-ubnd-ve-chuyen-doi-so.html", "35/KH-UBND"),
    ("https://huyen.example.vn/Ke-hoach-so-35-KHUBND-ngay-0652024", "35/KH-UBND"),
    # the address names a number the text does not give: the text's own choice stands
    ("https://huyen.example.vn/ke-hoach-so-36-kh-ubnd.html", "31/KH-UBND"),
    # a digit before the number: another number
    ("https://huyen.example.vn/ke-hoach-so-135-kh-ubnd.html", "31/KH-UBND"),
])
def test_url_chooses_among_the_candidates(url, number):
    assert extract_page(URL_PAGE, url=url).subject.number == number


def test_url_never_supplies_a_number():
    text = "Hội nghị sơ kết công tác dân vận quý I năm 2024 của huyện."
    assert extract_page(text, url="https://x.example.vn/ke-hoach-so-35-kh-ubnd.html").subject is None


# --- class 16: HTML character references left in stored text --------------------------------

def test_entities_are_decoded_with_offsets_into_the_input():
    text = ("<p>Ng&agrave;y 16 th&aacute;ng 8 năm 2021, UBND tỉnh ban h&agrave;nh V&#259;n "
            "b&#7843;n s&#7889; 2882/UBND-KTTH về việc triển khai thực hiện Th&ocirc;ng "
            "b&aacute;o số 279-TB/TU ng&agrave;y 13/8/2021.</span></p>")
    result = extract_page(text, province="Kon Tum")
    s = result.subject
    assert (s.number, s.kind, s.date) == ("2882/UBND-KTTH", "CV", "2021-08-16")
    assert text[s.start:s.end] == "2882/UBND-KTTH"
    ref = result.references[0]
    assert (ref.number, ref.date) == ("279-TB/TU", "2021-08-13")
    assert text[ref.start:ref.end] == "279-TB/TU"
    # the title stops where the markup begins
    assert s.title == "Triển khai thực hiện Thông báo số 279-TB/TU ngày 13/8/2021"


@pytest.mark.parametrize("written, read", [
    ("Ch&#7881; th&#7883; s&#7889; 05-CT/TW", "Chỉ thị số 05-CT/TW"),
    ("s&#x1ed1;&nbsp;12/KH-UBND", "số 12/KH-UBND"),
    ("Sở Nội vụ &amp; Sở Tài chính", "Sở Nội vụ & Sở Tài chính"),
    ("2231/SNV-CCHC&amp;PC", "2231/SNV-CCHC&PC"),
    # near-misses: no reference there, kept as written
    ("AT&T; R&D; &unknownname; & ;", "AT&T; R&D; &unknownname; & ;"),
    ("&#769;a", "&#769;a"),          # a combining mark alone is no character to show
    ("&#0000000000001;", "&#0000000000001;"),  # longer than any reference
])
def test_entity_normalisation(written, read):
    from extract.normalize import normalize_text
    norm = normalize_text(written)
    assert norm.text == read
    assert norm.to_original(0, len(norm.text)) == (0, len(written))


def test_entity_offsets_map_every_character_back():
    from extract.normalize import normalize_text
    written = "a&agrave;b&#7889;c&nbsp;d"
    norm = normalize_text(written)
    assert norm.text == "aàbốc d"
    spans = [norm.to_original(i, i + 1) for i in range(len(norm.text))]
    assert [written[a:b] for a, b in spans] == ["a", "&agrave;", "b", "&#7889;", "c", "&nbsp;", "d"]


# --- the subject's title: general rules for the mistakes the misses list shows ---------------

@pytest.mark.parametrize("text, title", [
    # a quoted title ends at its closing quote; what the sentence says after it is no title
    ('Ngày 2/4/2024, Ban Tuyên giáo Huyện ủy ban hành Công văn số 11-CV/BTGHU về việc "Tuyên '
     'truyền kỷ niệm Ngày Giải phóng miền Nam", nội dung cụ thể như sau:\n1. ...',
     "Tuyên truyền kỷ niệm Ngày Giải phóng miền Nam"),
    ("Ngày 2/4/2024, UBND tỉnh ban hành Kế hoạch số 50/KH-UBND về chuyển đổi số năm 2024, cụ "
     "thể như sau:\n1. ...", "Chuyển đổi số năm 2024"),
    # near-miss: a quotation inside the title stays
    ("UBND tỉnh vừa có Công văn số 2145/UBND-KGVX về việc đẩy mạnh phong trào “Dân vận khéo” "
     "trong năm 2024.", "Đẩy mạnh phong trào “Dân vận khéo” trong năm 2024"),
])
def test_title_ends_where_the_sentence_goes_on(text, title):
    assert extract_page(text).subject.title == title


DATABASE_COPY = """Quyết định 77/QĐ-UBND năm 2021 về Quy chế làm việc của Trung tâm Phục vụ hành chính công tỉnh
Số hiệu: | 77/QĐ-UBND | Loại văn bản: | Quyết định |
ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 77/QĐ-UBND | Hà Giang, ngày 12 tháng 1 năm 2021 |
{name}
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.
"""


@pytest.mark.parametrize("name, title", [
    # the issuing body's name where the type line stood is no title: the title line gives it
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG",
     "Quy chế làm việc của Trung tâm Phục vụ hành chính công tỉnh"),
    ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG", "Quy chế làm việc của Trung tâm Phục vụ hành chính công tỉnh"),
    # near-miss: a real title in capitals under the header stays the title
    ("VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC", "Ban hành quy chế làm việc"),
])
def test_an_issuers_name_is_no_title(name, title):
    s = extract_page(DATABASE_COPY.format(name=name), province="Hà Giang").subject
    assert s.number == "77/QĐ-UBND"
    assert s.title == title


# --- class 1: a legal database's list of related documents, no heading, no timestamps ------

RELATED = """- 1Luật Đất đai 2013
- 2Chỉ thị 21/CT-TTg năm 2019 về tăng cường quản lý đất đai do Thủ tướng Chính phủ ban hành
- 3Thông tư 09/2021/TT-BTNMT sửa đổi Thông tư 24/2014/TT-BTNMT về hồ sơ địa chính do Bộ Tài nguyên và Môi trường ban hành
- 4 Nghị định 43/2014/NĐ-CP hướng dẫn Luật Đất đai
ỦY BAN NHÂN DÂN TỈNH LÀO CAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
Số: 15/2022/QĐ-UBND | Lào Cai, ngày 4 tháng 5 năm 2022 |
QUYẾT ĐỊNH
VỀ VIỆC QUY ĐỊNH HẠN MỨC GIAO ĐẤT
Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ quy định chi tiết thi hành Luật Đất đai;
QUYẾT ĐỊNH:
Điều 1. Quy định hạn mức giao đất.
"""


def test_related_document_list_is_a_side_list():
    result = extract_page(RELATED, province="Lào Cai")
    assert result.subject.number == "15/2022/QĐ-UBND"
    refs = {r.number: r for r in result.references}
    # every item is a reference, in no relation; its issuer is its closing "do ... ban hành"
    assert refs["21/CT-TTg"].in_side_list and refs["21/CT-TTg"].issuer == "Thủ tướng Chính phủ"
    assert refs["09/2021/TT-BTNMT"].issuer == "Bộ Tài nguyên và Môi trường"
    # a document its item's title cites is no item: not the item's close, but its code's body (§6)
    assert refs["24/2014/TT-BTNMT"].issuer == "Bộ Tài nguyên và Môi trường"
    # cited in the body too: a reference of the body, with its relation
    assert not refs["43/2014/NĐ-CP"].in_side_list
    assert {(r.source, r.target, r.type) for r in result.relations} == {
        ("15/2022/QĐ-UBND", "43/2014/NĐ-CP", "BASED_ON"),
        ("43/2014/NĐ-CP", "Luật Đất đai", "GUIDES")}


def test_a_single_item_closing_with_its_issuer_opens_the_page():
    text = ("- 1Quyết định 468/QĐ-TTg năm 2016 phê duyệt Đề án kiểm soát dân số do Thủ tướng "
            "Chính phủ ban hành\nNgày 5/3/2017, UBND tỉnh ban hành Kế hoạch số 20/KH-UBND thực "
            "hiện Đề án.")
    result = extract_page(text)
    assert result.subject.number == "20/KH-UBND"
    ref = result.references[0]
    assert (ref.number, ref.in_side_list, ref.issuer) == ("468/QĐ-TTg", True, "Thủ tướng Chính phủ")


@pytest.mark.parametrize("text", [
    # a body's bullet list of people or counts: no kind word after the counter
    "Thành phần:\n- 01 đồng chí Phó Chủ tịch UBND tỉnh;\n- 2 Phó Giám đốc Sở theo Kế hoạch số "
    "12/KH-UBND;\n- 3 Ủy viên.",
    # one dashed item without a closing issuer: a body's list item
    "Các văn bản:\n- 1 Kế hoạch số 12/KH-UBND ngày 2/3/2024 của UBND tỉnh.\nCác sở thực hiện.",
    # numbered without a dash: the body's own numbering
    "1. Kế hoạch số 12/KH-UBND ngày 2/3/2024.\n2. Quyết định số 5/QĐ-UBND ngày 3/3/2024.",
])
def test_no_related_document_list(text):
    assert all(not r.in_side_list for r in extract_page(text).references)


# --- class 14: law names cut short, laws cited with their number ----------------------------
# (text, the laws found: (name, year))
LAW_NAMES = [
    ("Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003;", [("Luật Thi đua, Khen thưởng", 2003)]),
    ("Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân năm 2003;",
     [("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân", 2003)]),
    ("Căn cứ Luật Tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003;",
     [("Luật Tổ chức HĐND và UBND", 2003)]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch ngày "
     "20/11/2018;", [("Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch",
                      2018)]),
    ("Căn cứ Luật Sửa đổi bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 16/11/2013;",
     [("Luật Sửa đổi bổ sung một số điều của Luật Thi đua, Khen thưởng", 2013)]),
    # the name stops at the semicolon, whatever the next line opens with
    ("Căn cứ Luật Quy hoạch;\nCăn cứ Nghị quyết số 12/NQ-CP ngày 5/2/2019 của Chính phủ;",
     [("Luật Quy hoạch", None)]),
    # near-misses: a comma or "và" between two laws, or a law and another document
    ("Căn cứ Luật Đất đai, Luật Xây dựng năm 2014;", [("Luật Đất đai", None), ("Luật Xây dựng", 2014)]),
    ("Căn cứ Luật Đất đai và Nghị định số 43/2014/NĐ-CP ngày 15/5/2014;", [("Luật Đất đai", None)]),
    ("Thực hiện Luật Đất đai, Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai công tác quản lý.",
     [("Luật Đất đai", None)]),
    ("Căn cứ Luật Đất đai và Ủy ban nhân dân các cấp triển khai đến từng thôn bản trong tỉnh.",
     [("Luật Đất đai", None)]),
    ("Căn cứ Luật Đất đai, Căn cứ Nghị định số 43/2014/NĐ-CP ngày 15/5/2014;", [("Luật Đất đai", None)]),
]


@pytest.mark.parametrize("text, laws", LAW_NAMES)
def test_law_names(text, laws):
    assert [(law.name, law.year) for law in extract_page(text).laws] == laws


def test_a_law_cited_with_its_number_is_that_reference_wherever_named():
    text = ("Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;\n"
            "Căn cứ Luật sửa đổi, bổ sung Luật Đất đai 2021 số 15/2021/QH15;\n"
            "Căn cứ Luật Xây dựng năm 2014;\n"
            "Các cơ quan triển khai Luật Thi đua, khen thưởng trên địa bàn.")
    result = extract_page(text)
    assert [(law.name, law.year) for law in result.laws] == [("Luật Xây dựng", 2014)]
    refs = {r.number: r.kind for r in result.references}
    assert refs == {"06/2022/QH15": "L", "15/2021/QH15": "L"}


RELATED_LAWS = """- 1Luật ngân sách nhà nước 2015
- 2Luật Thi đua, Khen thưởng 2003
- 3Luật Thi đua, Khen thưởng sửa đổi 2013
- 4Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương sửa đổi 2019
- 5Quyết định 12/QĐ-UBND năm 2016 về thi đua do Ủy ban nhân dân tỉnh Nam Định ban hành
Hội nghị tổng kết công tác thi đua năm 2016 của tỉnh.
"""


def test_laws_of_a_related_document_list():
    # items name laws in the database's own case with a bare year; an amending law's
    # short name ("... sửa đổi 2013") is no name as cited
    assert [(law.name, law.year) for law in extract_page(RELATED_LAWS).laws] == [
        ("Luật ngân sách nhà nước", 2015), ("Luật Thi đua, Khen thưởng", 2003)]


def test_based_on_a_law_cited_with_its_number_targets_the_number():
    text = ("Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc ban hành quy chế\nCăn cứ Luật Tổ chức chính quyền"
            " địa phương số 72/2025/QH15 ngày 16/6/2025;\nCăn cứ Luật Thi đua, Khen thưởng ngày "
            "15/6/2022;\nQUYẾT ĐỊNH:")
    result = extract_page(text)
    assert [(r.source, r.target, r.type) for r in result.relations] == [
        ("12/QĐ-UBND", "72/2025/QH15", "BASED_ON"),
        ("12/QĐ-UBND", "Luật Thi đua, Khen thưởng", "BASED_ON")]
    assert [(law.name, law.year) for law in result.laws] == [("Luật Thi đua, Khen thưởng", 2022)]


@pytest.mark.parametrize("text, title", [
    # the recipients stand between the number and the trích yếu
    ("Ngày 9/9, Văn phòng Chính phủ có văn bản số 4120/VPCP-KGVX gửi các bộ, cơ quan ngang bộ; "
     "UBND các tỉnh về việc báo cáo kết quả cải cách hành chính quý III.",
     "Báo cáo kết quả cải cách hành chính quý III"),
    # near-miss: no "về việc" in the sentence: no title from the recipients
    ("Ngày 9/9, Văn phòng Chính phủ có văn bản số 4120/VPCP-KGVX gửi các bộ, cơ quan ngang bộ. "
     "Về việc báo cáo, các bộ thực hiện trước ngày 15/9.", None),
])
def test_title_after_the_recipients(text, title):
    assert extract_page(text).subject.title == title


SIGNED = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 21/2007/QĐ-UBND
Bắc Ninh, ngày 5 tháng 4 năm 2007
QUYẾT ĐỊNH
Về việc phân cấp quản lý dự án
Căn cứ Luật Xây dựng năm 2003;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy định phân cấp.
| TM. UBND TỈNH |
{tail}"""


@pytest.mark.parametrize("tail, signer", [
    ("CHỦ TỊCH\nNguyễn Văn Bình", "Nguyễn Văn Bình"),
    ("CHỦ TỊCH\nNGUYỄN VĂN BÌNH", "Nguyễn Văn Bình"),
    # the annex's type line under the block, whole or cut by the excerpt, is no signer
    ("QUY ĐỊNH", None),
    ("QUY ĐỊN", None),
    ("QUY CHẾ PHỐI HỢP", None),
])
def test_signer_is_no_type_line(tail, signer):
    assert extract_page(SIGNED.format(tail=tail)).subject.signer == signer


@pytest.mark.parametrize("headline, issuer", [
    ("Quy định số 14-QĐ/TW của Bộ Chính trị về công tác kiểm tra", "Bộ Chính trị"),
    ("Ban Bí thư ban hành Quy định số 14-QĐ/TW về công tác kiểm tra", "Ban Bí thư"),
    # near-miss: no citation names another organ: the header's body stays
    ("Tin hoạt động của Ủy ban Kiểm tra", "Ban Chấp hành Trung ương"),
])
def test_party_header_issuer_named_by_a_citation(headline, issuer):
    text = (f"{headline}\n\nBAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố: 14-QĐ/TW\nHà Nội, ngày 7 tháng 2 "
            "năm 2023\nQUY ĐỊNH\nVỀ CÔNG TÁC KIỂM TRA\nĐiều 1. Phạm vi điều chỉnh.")
    s = extract_page(text).subject
    assert s.number == "14-QĐ/TW"
    assert issuers_match(s.issuer, issuer), s.issuer


@pytest.mark.parametrize("text, number", [
    # the headline cites the document a plan of the body implements: the page reports the plan
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học\n\n"
     "Ngày 5/3/2025, UBND tỉnh ban hành Kế hoạch số 12/KH-UBND thực hiện Nghị quyết số "
     "57-NQ/TW của Bộ Chính trị. Theo đó ...", "12/KH-UBND"),
    # near-miss: the body's reported document does not act on the headline's: the headline wins
    ("Công văn số 215-CV/BDVTW ngày 20/5/2024 về việc hướng dẫn thực hiện quy chế dân chủ\n\n"
     "Ngày 15/5/2024, hai cơ quan đã ký kết Kế hoạch số 08-KH/BDVTW về công tác dân vận năm "
     "2024, đề nghị các tỉnh ủy thực hiện.", "215-CV/BDVTW"),
])
def test_headline_or_the_plan_that_implements_it(text, number):
    assert extract_page(text).subject.number == number


def test_history_page_subject_issuer_from_its_code():
    text = ("Lịch sử hiệu lực: Nghị định 32/CP\nNgày Trạng thái Văn bản nguồn\n"
            "12/05/1996 Văn bản được ban hành 32/CP\n01/07/1996 Văn bản có hiệu lực 32/CP\n")
    s = extract_page(text).subject
    assert (s.number, s.date, s.issuer) == ("32/CP", "1996-05-12", "Chính phủ")

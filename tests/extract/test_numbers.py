"""Document numbers in every form of ANNOTATION.md §4: (text, numbers expected)."""

from __future__ import annotations

import pytest

from extract import extract_page
from extract.normalize import normalize_number, number_key, split_number

CASES = [
    # Party style, State style, with year
    ("Quán triệt Nghị quyết số 25-NQ/TW của Trung ương.", ["25-NQ/TW"]),
    ("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021.", ["33/CT-TTg"]),
    ("Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023.", ["59/2023/NĐ-CP"]),
    # compound issuers, a term after the body, no type code, official letters
    ("theo Kế hoạch số 1573-KH/BDVTW-BCSĐCP ngày 08/02/2018", ["1573-KH/BDVTW-BCSĐCP"]),
    ("Nghị quyết số 88/2019/QH14 của Quốc hội", ["88/2019/QH14"]),
    ("Quy chế phối hợp số 01/QCPH/UBND-UBMTTQ", ["01/QCPH/UBND-UBMTTQ"]),
    ("Công văn số 010094/UBND-TH của Văn phòng", ["010094/UBND-TH"]),
    ("văn bản số 252-CV/HU ngày 13/6/2018", ["252-CV/HU"]),
    ("Quy định số 11-QĐi/TW của Bộ Chính trị", ["11-QĐi/TW"]),
    ("Pháp lệnh số 34/2007/PL-UBTVQH11", ["34/2007/PL-UBTVQH11"]),
    ("Nghị định 28/CP của Chính phủ", ["28/CP"]),
    # stray spaces and line breaks
    ("gắn với Chỉ thị số 05- CT/TW của Bộ Chính trị", ["05-CT/TW"]),
    ("Quyết định số 2228/QĐ- UBND ngày 16/12/2024", ["2228/QĐ-UBND"]),
    ("Công văn số 3863 /UBND-ĐTXD ngày 11/10/2021", ["3863/UBND-ĐTXD"]),
    ("Căn cứ Nghị định số\n59/2023/NĐ-CP ngày\n14/8/2023", ["59/2023/NĐ-CP"]),
    ("Nghị định số 145/2020/NĐ-\nCP ngày 14/12/2020", ["145/2020/NĐ-CP"]),
    ("Chương trình số\n10-CTr/BDVTU-BCSĐUBND ngày 17/01/2022", ["10-CTr/BDVTU-BCSĐUBND"]),
    # capitals in headings, missing diacritics, look-alikes
    ("CHỈ THỊ SỐ 19/CT-TTG NGÀY 20/6/2023", ["19/CT-TTg"]),
    ("THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG SỐ 17-CTR/TU", ["17-CTr/TU"]),
    ("Nghi dinh so 59/2023/ND-CP", ["59/2023/NĐ-CP"]),
    ("Quyết định 749/QD-TTg ngày 03/6/2020", ["749/QĐ-TTg"]),
    ("Nghị định 59/2023/NÐ-CP", ["59/2023/NĐ-CP"]),
    ("Chỉ thị 33/CT\u2013TTg", ["33/CT-TTg"]),
    ("Chỉ thị số\u00a005-CT/TW", ["05-CT/TW"]),
    # leading zeros kept as written
    ("Kế hoạch số 0155/KH-UBND ngày 24/12/2025", ["0155/KH-UBND"]),
    # several in a row
    ("các Nghị quyết: số 340/NQ-HĐND; 148/NQ-HĐND và số 163/NQ-HĐND",
     ["340/NQ-HĐND", "148/NQ-HĐND", "163/NQ-HĐND"]),
]

NOT_NUMBERS = [
    "Tệp đính kèm: 35-CTTU-064.pdf",
    "Xem tại https://ninhthuan.gov.vn/van-ban/35-CT/TU-2022.pdf",
    "Xem www.backan.gov.vn/Pages/21/KH-UBND.aspx",
    "kỷ niệm 30 năm (12/8/1991-12/8/2021)",
    "mô hình tổ chức CQĐP 02 cấp",
    "SĐT: 0262.859.9699, ngày 25/7/ 2017",
    "COVID-19 và H5N1",
    "tải về file 124-KH-UBND.docx",
]


@pytest.mark.parametrize("text, expected", CASES)
def test_numbers_found_and_normalised(text, expected):
    refs = extract_page(text).references
    assert [r.number for r in refs] == expected


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_no_number_in_file_names_urls_and_dates(text):
    assert extract_page(text).references == []


@pytest.mark.parametrize("a, b", [
    ("0155/KH-UBND", "155/KH-UBND"),
    ("05-CT/TW", "5-ct/tw"),
    ("59/2023/ND-CP", "59/2023/NĐ-CP"),
])
def test_number_key_ignores_case_zeros_and_diacritics(a, b):
    assert number_key(a) == number_key(b)


def test_split_number():
    assert split_number("59/2023/NĐ-CP") == ("59", 2023, ["NĐ", "CP"])
    assert split_number("25-NQ/TW") == ("25", None, ["NQ", "TW"])
    assert normalize_number(" 05 - CT / TW ") == "05-CT/TW"


def test_offsets_point_at_the_number_as_written():
    text = "Căn cứ Nghị định số 59/2023/NÐ-CP ngày 14/8/2023 của Chính phủ"
    ref = extract_page(text).references[0]
    assert text[ref.start:ref.end] == "59/2023/NÐ-CP"

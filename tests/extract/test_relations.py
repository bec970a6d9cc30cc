"""Typed relations (§7): who implements, is based on, guides, amends, replaces whom."""

from __future__ import annotations

import pytest

from extract import extract_page

HEADER = "Số: 12/KH-UBND\nLạng Sơn, ngày 05 tháng 3 năm 2024\nKẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC DÂN VẬN\n"
S = "12/KH-UBND"

CASES = [
    # (body after a full-text header, expected {(source, target, type)})
    ("Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy về công tác "
     "dân vận năm 2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:",
     {(S, "141-KH/BDVTU", "BASED_ON")}),
    ("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; Kế hoạch số "
     "1573-KH/BDVTW-BCSĐCP ngày 08/02/2018, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
     {(S, "33/CT-TTg", "IMPLEMENTS"), (S, "1573-KH/BDVTW-BCSĐCP", "IMPLEMENTS")}),
    # a referenced document's own description carries the cue
    ("- Quán triệt Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện "
     "Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương.",
     {("43-KL/TW", "25-NQ/TW", "IMPLEMENTS")}),
    ("- Tiếp tục tổ chức thực hiện tốt Quyết định số 1814/QĐ-UBND ngày 30/9/2021 của UBND "
     "tỉnh về ban hành Chương trình hành động thực hiện Nghị quyết số 76/NQ-CP ngày "
     "15/7/2021 của Chính phủ.",
     {(S, "1814/QĐ-UBND", "IMPLEMENTS"), ("1814/QĐ-UBND", "76/NQ-CP", "IMPLEMENTS")}),
    # "theo" ties the implementing verb's object to the document
    ("- Triển khai thực hiện tốt công tác dân vận theo Nghị quyết số 25-NQ/TW ngày 03/6/2013; "
     "Quy chế số 22-QC/TU ngày 30/12/2021 của Ban Thường vụ Tỉnh ủy.",
     {(S, "25-NQ/TW", "IMPLEMENTS"), (S, "22-QC/TU", "IMPLEMENTS")}),
    # a coordinated verb returns to the clause's actor, not the document before it
    ("Thực hiện Nghị quyết số 11/NQ-CP ngày 30/01/2022 của Chính phủ về Chương trình phục hồi "
     "và phát triển kinh tế và triển khai Nghị quyết số 43/2022/QH15 của Quốc hội, Ủy ban "
     "nhân dân tỉnh ban hành Chương trình hành động như sau:",
     {(S, "11/NQ-CP", "IMPLEMENTS"), (S, "43/2022/QH15", "IMPLEMENTS")}),
    # guides and amends, to documents and to laws named without a number
    ("Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết một số "
     "điều của Luật Thực hiện dân chủ ở cơ sở; Nghị định số 38/2023/NĐ-CP ngày 24/6/2023 của "
     "Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 27/2022/NĐ-CP;",
     {(S, "59/2023/NĐ-CP", "BASED_ON"), ("59/2023/NĐ-CP", "Luật Thực hiện dân chủ ở cơ sở", "GUIDES"),
      (S, "38/2023/NĐ-CP", "BASED_ON"), ("38/2023/NĐ-CP", "27/2022/NĐ-CP", "AMENDS")}),
    ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã được sửa đổi, bổ "
     "sung theo Nghị quyết số 51/2001/QH10 ngày 25/12/2001 của Quốc hội;",
     {(S, "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "BASED_ON"),
      ("51/2001/QH10", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "AMENDS")}),
    ("Quyết định này thay thế Quyết định số 15/2019/QĐ-UBND ngày 02/8/2019 và bãi bỏ Quyết "
     "định số 07/2020/QĐ-UBND.",
     {(S, "15/2019/QĐ-UBND", "REPLACES"), (S, "07/2020/QĐ-UBND", "REPEALS")}),
    # plain mentions are citations, not typed relations
    ("- Tuyên truyền nâng cao nhận thức về Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính "
     "trị; Chỉ thị số 33/CT-TTg ngày 26/11/2021.", set()),
    ("- Phấn đấu hoàn thành các nhiệm vụ được giao tại Quyết định số 2228/QĐ-UBND.", set()),
    ("- Tăng cường lãnh đạo công tác dân vận, trọng tâm là Kết luận số 43-KL/TW.", set()),
    ("Tạm ngưng thực hiện “Ngày Chủ nhật xanh” theo Công văn số 758-CV/TU.", set()),
]


@pytest.mark.parametrize("body, expected", CASES)
def test_relations(body, expected):
    result = extract_page(HEADER + body, province="Lạng Sơn")
    assert result.subject.number == S
    assert {(r.source, r.target, r.type) for r in result.relations} == expected


def test_evidence_points_at_the_sentence_and_cue():
    text = HEADER + "Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;"
    (rel,) = extract_page(text).relations
    assert text[rel.evidence.start:rel.evidence.end] == rel.evidence.sentence
    assert rel.evidence.cue == "Căn cứ" and "33/CT-TTg" in rel.evidence.sentence


def test_history_table_rows_point_to_the_subject():
    text = ("Lịch sử hiệu lực: Nghị định 28/CP\n"
            "29/04/1995 Văn bản được ban hành 28/CP\n"
            "04/01/2005 Được bổ sung 210/2004/NĐ-CP\n"
            "20/06/2006 Bị thay thế 54/2006/NĐ-CP\n")
    result = extract_page(text)
    assert result.subject.number == "28/CP" and result.subject.date == "1995-04-29"
    assert {(r.source, r.target, r.type) for r in result.relations} == {
        ("210/2004/NĐ-CP", "28/CP", "AMENDS"), ("54/2006/NĐ-CP", "28/CP", "REPLACES")}


def test_side_list_items_take_part_in_no_relation():
    text = ("Ngày 29/05/2025, UBND tỉnh Đắk Lắk ban hành Kế hoạch số 124/KH-UBND về việc triển "
            "khai công tác dân vận năm 2025.\nTin liên quan\n- Triển khai thực hiện Công điện "
            "số 59/CĐ-TTg ngày 08/5/2025 của Thủ tướng Chính phủ (05/06/2025, 16:11)\n")
    result = extract_page(text, province="Đắk Lắk")
    assert result.subject.number == "124/KH-UBND"
    assert [r.number for r in result.references] == ["59/CĐ-TTg"]
    assert result.relations == []


def _one_line_page(n: int) -> str:
    """A page that is one long line (a PDF's text layer without breaks): a news sentence
    reporting a plan, then `n` citations under one cue, joined by commas."""
    items = ", ".join(f"Nghị định số {i}/2020/NĐ-CP ngày 1/2/2020 của Chính phủ"
                      for i in range(1, n + 1))
    return ("Ngày 5/3/2024, UBND tỉnh Lạng Sơn ban hành Kế hoạch số 12/KH-UBND về cải cách "
            "hành chính, căn cứ " + items + ".")


def test_evidence_is_a_bounded_window_of_its_sentence():
    from extract.model import EVIDENCE_WINDOW

    text = _one_line_page(60)
    result = extract_page(text, province="Lạng Sơn")
    assert len(result.relations) == 60
    for rel in result.relations:
        ev = rel.evidence
        assert text[ev.start:ev.end] == ev.sentence and len(ev.sentence) <= EVIDENCE_WINDOW
        # the window lies inside the whole sentence, and shows the target's number
        assert ev.sentence_start <= ev.start < ev.end <= ev.sentence_end
        assert rel.target in ev.sentence
        # cut at word boundaries
        assert ev.start == ev.sentence_start or text[ev.start - 1].isspace()
        assert ev.end == ev.sentence_end or text[ev.end].isspace()
    # a target near its cue shows the cue too; the whole sentence is the clause of the cue
    first = result.relations[0].evidence
    assert first.cue == "căn cứ" and "căn cứ" in first.sentence
    assert text[first.sentence_start:first.sentence_end].startswith("Ngày 5/3/2024")
    assert text[first.sentence_end - 1] == "ủ"   # "... của Chính phủ" before the full stop


def _output_and_peak(n: int) -> tuple[int, int]:
    import json
    import tracemalloc

    text = _one_line_page(n)
    tracemalloc.start()
    try:
        out = json.dumps(extract_page(text).to_dict(), ensure_ascii=False)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return len(out.encode("utf-8")), peak


def test_one_line_page_output_and_memory_are_linear():
    # every relation once carried its whole sentence: 4x the citations made 16x the output
    small_out, small_peak = _output_and_peak(100)
    big_out, big_peak = _output_and_peak(400)
    assert big_out < 6 * small_out
    assert big_peak < 6 * small_peak

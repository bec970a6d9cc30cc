"""Relations on pages nobody tuned to (issue 9): each table holds one error class of
the issue (its number in the comment), in invented strings in the portals' style, with
variants and near-misses that must keep today's reading."""

from __future__ import annotations

import pytest

from extract import extract_page

HEADER = ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 12/KH-UBND\nLạng Sơn, ngày 05 tháng 3 năm 2024\n"
          "KẾ HOẠCH\nTHỰC HIỆN CÔNG TÁC DÂN VẬN\n")
S = "12/KH-UBND"


def _relations(text: str, province: str | None = "Lạng Sơn") -> set[tuple[str, str, str]]:
    return {(r.source, r.target, r.type) for r in extract_page(text, province=province).relations}


# --- class 13: a preamble "Thực hiện X, <main clause>" --------------------------------
# The main clause that issues a numbered document makes that document the source (§7: the
# sentence's issued document, no chaining through the subject); another body doing
# something else gives no relation from the subject; the subject's own issuer, or an
# unnumbered issued document, keeps today's reading.
PREAMBLES = [
    # the sentence's issued document is the source
    ("Thực hiện Quyết định số 320/QĐ-TTg ngày 05/3/2019 của Thủ tướng Chính phủ về phê duyệt "
     "Đề án phát triển văn hóa đọc, giai đoạn 2019-2025, UBND tỉnh Lạng Sơn đã ban hành Kế "
     "hoạch số 56/KH-UBND ngày 10/4/2019 về thực hiện Đề án trên địa bàn tỉnh.",
     {("56/KH-UBND", "320/QĐ-TTg", "IMPLEMENTS")}),
    ("Triển khai thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị, Ban Thường vụ "
     "Tỉnh ủy vừa ban hành Kế hoạch số 45-KH/TU ngày 2/8/2016 về học tập và làm theo tư tưởng, "
     "đạo đức, phong cách Hồ Chí Minh.",
     {("45-KH/TU", "05-CT/TW", "IMPLEMENTS")}),
    # a list of preamble targets, each carried to the issued document
    ("Thực hiện Nghị quyết số 11/NQ-CP ngày 30/01/2022 của Chính phủ; Kế hoạch số 20/KH-UBND "
     "ngày 14/02/2022 của UBND tỉnh, Sở Nội vụ đã ban hành Hướng dẫn số 07/HD-SNV ngày 3/3/2022 "
     "về triển khai các nhiệm vụ của ngành.",
     {("07/HD-SNV", "11/NQ-CP", "IMPLEMENTS"), ("07/HD-SNV", "20/KH-UBND", "IMPLEMENTS")}),
    # the main clause in the next sentence, opened by "Trên cơ sở đó"
    ("Thực hiện Hướng dẫn số 31/HD-MTTQ-BTT ngày 2/3/2023 của Ban Thường trực Ủy ban MTTQ Việt "
     "Nam tỉnh về tổ chức Ngày hội Đại đoàn kết toàn dân tộc. Trên cơ sở đó, Ban Thường trực Ủy "
     "ban MTTQ Việt Nam huyện đã xây dựng Kế hoạch số 08/KH-MTTQ-BTT ngày 9/3/2023 về tổ chức "
     "Ngày hội ở khu dân cư.",
     {("08/KH-MTTQ-BTT", "31/HD-MTTQ-BTT", "IMPLEMENTS")}),
    # a document issued before its preamble's target implements nothing of it
    ("Thực hiện Kế hoạch số 66/KH-UBND ngày 20/6/2023 của UBND tỉnh, Ban Thường vụ Huyện ủy đã "
     "ban hành Công văn số 310-CV/HU ngày 2/6/2023 về lãnh đạo công tác chuẩn bị.", set()),
    # near-misses: the issued document is the subject, or is unnumbered, or the subject's
    # issuer speaks in its own voice
    ("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân "
     "tỉnh ban hành Kế hoạch số 12/KH-UBND với các nội dung sau:",
     {(S, "33/CT-TTg", "IMPLEMENTS")}),
    ("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân "
     "tỉnh ban hành Kế hoạch thực hiện như sau:",
     {(S, "33/CT-TTg", "IMPLEMENTS")}),
    ("Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân "
     "tỉnh yêu cầu các sở, ngành triển khai các nội dung sau:",
     {(S, "33/CT-TTg", "IMPLEMENTS")}),
    ("Thực hiện Kết luận số 12-KL/TW ngày 1/4/2022 của Bộ Chính trị, Ban Bí thư về công tác "
     "dân vận, Ủy ban nhân dân tỉnh xây dựng Kế hoạch như sau:",
     {(S, "12-KL/TW", "IMPLEMENTS")}),
    # a full text speaks in its own voice, whichever body its main clause names
    ("Căn cứ Thông tư số 08/2021/TT-BNV ngày 3/9/2021 của Bộ Nội vụ;\nSở Nội vụ hướng dẫn các "
     "cơ quan, đơn vị thực hiện như sau:",
     {(S, "08/2021/TT-BNV", "BASED_ON")}),
    # a body inside the target's own description is no main clause
    ("Thực hiện Quyết định số 77/QĐ-TTg ngày 1/2/2024 của Thủ tướng Chính phủ ban hành Kế hoạch "
     "chuyển đổi số của Chính phủ, Thủ tướng Chính phủ trực tuyến, bảo đảm thống nhất.",
     {(S, "77/QĐ-TTg", "IMPLEMENTS")}),
]


@pytest.mark.parametrize("body, expected", PREAMBLES)
def test_preamble_main_clause_names_the_source(body, expected):
    assert _relations(HEADER + body) == expected


# A page whose subject is another body's document, posted by a commune: the preamble's
# main clause is the commune's act, not the subject's
POSTED = "Kế hoạch số 45/KH-UBND ngày 1/3/2024 của UBND huyện Ba Bể về chuyển đổi số năm 2024\n"
POSTINGS = [
    ("Thực hiện Công văn số 1234/UBND-VX ngày 4/3/2024 của UBND huyện Ba Bể, UBND xã Quảng Khê "
     "đăng tải toàn văn Kế hoạch để cán bộ, nhân dân được biết.", set()),
    ("Thực hiện Chỉ thị số 05-CT/HU ngày 2/2/2024 của Ban Thường vụ Huyện ủy, Đảng ủy xã Quảng "
     "Khê tổ chức hội nghị quán triệt đến toàn thể cán bộ, đảng viên.", set()),
    # near-miss: the subject's own issuer issues it
    ("Thực hiện Công văn số 1234/UBND-VX ngày 4/2/2024 của UBND tỉnh Bắc Kạn, UBND huyện Ba Bể "
     "ban hành Kế hoạch này.",
     {("45/KH-UBND", "1234/UBND-VX", "IMPLEMENTS")}),
]


@pytest.mark.parametrize("body, expected", POSTINGS)
def test_preamble_of_another_actor_gives_no_subject_relation(body, expected):
    result = extract_page(POSTED + "\n" + body + "\nNội dung kế hoạch gồm các phần sau.",
                          province="Bắc Kạn")
    assert result.subject is not None and result.subject.number == "45/KH-UBND"
    assert {(r.source, r.target, r.type) for r in result.relations} == expected


# --- class 15b: statements about past work (§7) ----------------------------------------
# A cue after a period already spent, or after a year with "đã" right before it, gives no
# relation from the subject; a referenced document's own description inside still does.
PAST_WORK = [
    ("Trong những năm qua, thực hiện Chỉ thị số 12-CT/TW ngày 3/5/2017 của Ban Bí thư, công "
     "tác dân vận của tỉnh đã đạt nhiều kết quả.", set()),
    ("Thời gian qua, Ủy ban nhân dân tỉnh đã triển khai thực hiện Nghị quyết số 18-NQ/TW ngày "
     "25/10/2017 của Ban Chấp hành Trung ương.", set()),
    ("Sau 5 năm thực hiện Kết luận số 21-KL/TW ngày 25/10/2021, nhận thức của cán bộ được nâng "
     "lên.", set()),
    ("Qua mười năm triển khai Chỉ thị số 05-CT/TW ngày 15/5/2016, phong trào đã lan tỏa.", set()),
    ("Năm 2023, toàn tỉnh đã thực hiện Kế hoạch số 30/KH-UBND ngày 2/2/2023 của UBND tỉnh.", set()),
    # the past statement's own referenced description still carries its relation
    ("Trong những năm qua, thực hiện Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư về tiếp "
     "tục thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013, công tác dân vận có chuyển biến.",
     {("43-KL/TW", "25-NQ/TW", "IMPLEMENTS")}),
    # near-misses: a plan for the year ahead, a date "vừa qua" of the issuing itself, a year
    # without "đã" before the cue
    ("Năm 2024, Ủy ban nhân dân tỉnh tiếp tục thực hiện Chỉ thị số 12-CT/TW ngày 3/5/2017 của "
     "Ban Bí thư.", {(S, "12-CT/TW", "IMPLEMENTS")}),
    ("Ngày 2/3 vừa qua, Ủy ban nhân dân tỉnh ban hành văn bản triển khai thực hiện Nghị quyết "
     "số 18-NQ/TW ngày 25/10/2017.", {(S, "18-NQ/TW", "IMPLEMENTS")}),
    ("- Tổ chức thực hiện Kế hoạch số 30/KH-UBND ngày 2/2/2023 của UBND tỉnh trong năm 2024.",
     {(S, "30/KH-UBND", "IMPLEMENTS")}),
]


@pytest.mark.parametrize("body, expected", PAST_WORK)
def test_past_work_gives_no_subject_relation(body, expected):
    assert _relations(HEADER + body) == expected


# --- class 12: a cue inside a cited document's description whose object has ended ------
# "Quyết định số A ... về triển khai <an object> và Kế hoạch số B": B stands beside A, under
# A's governance, not under A's own cue; a cue followed by its target keeps it.
ENDED_OBJECTS = [
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 5/3/2024 của UBND tỉnh về triển khai công tác cải "
     "cách hành chính và Kế hoạch số 30/KH-UBND ngày 9/1/2024 của UBND tỉnh;",
     {(S, "12/QĐ-UBND", "BASED_ON"), (S, "30/KH-UBND", "BASED_ON")}),
    ("Thực hiện Chỉ thị số 08-CT/TU của Ban Thường vụ Tỉnh ủy về đẩy mạnh thực hiện cuộc vận "
     "động xây dựng nông thôn mới, Kế hoạch số 31/KH-UBND của UBND tỉnh, Ủy ban nhân dân tỉnh "
     "ban hành Kế hoạch như sau:",
     {(S, "08-CT/TU", "IMPLEMENTS"), (S, "31/KH-UBND", "IMPLEMENTS")}),
    ("- Tiếp tục triển khai Nghị quyết số 05-NQ/TU ngày 2/2/2022 của Tỉnh ủy về tiếp tục sửa đổi quy "
     "trình công tác và Hướng dẫn số 14-HD/BTGTU ngày 1/12/2021 của Ban Tuyên giáo Tỉnh ủy.",
     {(S, "05-NQ/TU", "IMPLEMENTS"), (S, "14-HD/BTGTU", "IMPLEMENTS")}),
    # near-misses: the cue's object is the next document itself
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 5/3/2024 của UBND tỉnh về triển khai Kế hoạch số "
     "30/KH-UBND ngày 9/1/2024 của UBND tỉnh;",
     {(S, "12/QĐ-UBND", "BASED_ON"), ("12/QĐ-UBND", "30/KH-UBND", "IMPLEMENTS")}),
    ("Căn cứ Quyết định số 12/QĐ-UBND ngày 5/3/2024 của UBND tỉnh về việc sửa đổi, bổ sung một "
     "số điều của Quyết định số 40/QĐ-UBND ngày 9/1/2021 của UBND tỉnh;",
     {(S, "12/QĐ-UBND", "BASED_ON"), ("12/QĐ-UBND", "40/QĐ-UBND", "AMENDS")}),
]


@pytest.mark.parametrize("body, expected", ENDED_OBJECTS)
def test_a_cue_whose_object_ended_does_not_reach_the_next_document(body, expected):
    assert _relations(HEADER + body) == expected


# --- class 11: "Căn cứ" broken across a line -------------------------------------------
# A preamble's cue wrapped by a PDF's layout still opens a list item, so the items after it
# take its governance, not the header number's.
DECISION = ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 45/QĐ-UBND\nLạng Sơn, ngày 05 tháng 3 năm 2024\n"
            "QUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\n")
D = "45/QĐ-UBND"
BROKEN_CUES = [
    ("Căn\ncứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQuyết định số "
     "30/QĐ-UBND ngày 2/2/2020 của UBND tỉnh;\nTheo đề nghị của Giám đốc Sở Nội vụ.",
     {(D, "Luật Tổ chức chính quyền địa phương", "BASED_ON"), (D, "30/QĐ-UBND", "BASED_ON")}),
    ("Căn \n cứ Nghị định số 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ;\nQuyết định số "
     "12/QĐ-UBND ngày 2/2/2021 của UBND tỉnh;",
     {(D, "30/2020/NĐ-CP", "BASED_ON"), (D, "12/QĐ-UBND", "BASED_ON")}),
    ("Thực\nhiện Chỉ thị số 05-CT/TU ngày 2/3/2021 của Ban Thường vụ Tỉnh ủy;\nKế hoạch số "
     "20/KH-UBND ngày 4/4/2021 của UBND tỉnh;\nXét\nđề nghị của Chánh Văn phòng.",
     {(D, "05-CT/TU", "IMPLEMENTS"), (D, "20/KH-UBND", "IMPLEMENTS")}),
    # near-miss: a lower-case "căn cứ" wrapped inside a sentence opens no item
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ;\nviệc xếp loại được thực hiện "
     "căn\ncứ kết quả đánh giá.", {(D, "30/2020/NĐ-CP", "BASED_ON")}),
]


@pytest.mark.parametrize("body, expected", BROKEN_CUES)
def test_a_cue_broken_across_a_line_opens_its_item(body, expected):
    assert _relations(DECISION + body) == expected


# --- class 4: GUIDES for "hướng dẫn" alone or with chi tiết / bổ sung (§7); passive cues ---
GUIDING = [
    ("Căn cứ Thông tư số 01/2021/TT-BNV ngày 11/1/2021 của Bộ Nội vụ hướng dẫn Nghị định số "
     "30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ;",
     {(S, "01/2021/TT-BNV", "BASED_ON"), ("01/2021/TT-BNV", "30/2020/NĐ-CP", "GUIDES")}),
    ("Căn cứ Thông tư số 02/2022/TT-BTC ngày 3/1/2022 của Bộ Tài chính hướng dẫn chi tiết một số "
     "điều của Nghị định số 11/2020/NĐ-CP;",
     {(S, "02/2022/TT-BTC", "BASED_ON"), ("02/2022/TT-BTC", "11/2020/NĐ-CP", "GUIDES")}),
    # today this one was AMENDS: the run "hướng dẫn bổ sung thực hiện" is named by its first
    ("Căn cứ Công văn số 88/SNV-CCVC ngày 2/4/2024 của Sở Nội vụ hướng dẫn bổ sung thực hiện "
     "Kế hoạch số 15/KH-UBND ngày 1/2/2024 của UBND tỉnh;",
     {(S, "88/SNV-CCVC", "BASED_ON"), ("88/SNV-CCVC", "15/KH-UBND", "GUIDES")}),
    # two cues joined by "và" read as one, named by the first
    ("Căn cứ Nghị định số 16/2019/NĐ-CP ngày 2/2/2019 của Chính phủ quy định chi tiết và hướng "
     "dẫn thihành Luật Đầu tư công;",
     {(S, "16/2019/NĐ-CP", "BASED_ON"), ("16/2019/NĐ-CP", "Luật Đầu tư công", "GUIDES")}),
    # passive: the guiding document after the cue
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ được hướng dẫn bởi Thông tư "
     "số 01/2021/TT-BNV ngày 11/1/2021 của Bộ Nội vụ;",
     {(S, "30/2020/NĐ-CP", "BASED_ON"), ("01/2021/TT-BNV", "30/2020/NĐ-CP", "GUIDES")}),
    # near-misses: guidance as a noun, another document's guidance followed
    ("- Thực hiện theo hướng dẫn tại Công văn số 77/SNV-TCBC ngày 9/1/2024 của Sở Nội vụ.",
     {(S, "77/SNV-TCBC", "IMPLEMENTS")}),
    ("- Các cơ quan thực hiện theo hướng dẫn của Sở Nội vụ tại Công văn số 77/SNV-TCBC.",
     {(S, "77/SNV-TCBC", "IMPLEMENTS")}),
    ("- Nắm vững các văn bản hướng dẫn Nghị định số 30/2020/NĐ-CP của Chính phủ.", set()),
]


@pytest.mark.parametrize("body, expected", GUIDING)
def test_guiding_cues(body, expected):
    assert _relations(HEADER + body) == expected


# --- class 14 (relations' part) and §7: a law cited with its number; laws never a source --
LAWS = [
    # "Căn cứ Luật ... số N": the relation goes to the number, not to the name
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\nCăn cứ Luật Thi đua, khen "
     "thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;",
     {(D, "72/2025/QH15", "BASED_ON"), (D, "06/2022/QH15", "BASED_ON")}),
    ("Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019;\nCăn cứ Luật Ban hành văn bản quy "
     "phạm pháp luật số 64/2025/QH15 ngày 19/2/2025;",
     {(D, "45/2019/QH14", "BASED_ON"), (D, "64/2025/QH15", "BASED_ON")}),
    # a numbered law is a source like any other document
    ("Căn cứ Luật số 47/2019/QH14 ngày 22/11/2019 sửa đổi, bổ sung một số điều của Luật Tổ chức "
     "Chính phủ và Luật Tổ chức chính quyền địa phương;",
     {(D, "47/2019/QH14", "BASED_ON"), ("47/2019/QH14", "Luật Tổ chức Chính phủ", "AMENDS"),
      ("47/2019/QH14", "Luật Tổ chức chính quyền địa phương", "AMENDS")}),
    # a law cited by name is never a source: its own description's cue states nothing
    ("Căn cứ Luật Cán bộ, công chức năm 2008 sửa đổi, bổ sung một số điều của Luật Viên chức năm "
     "2010;", {(D, "Luật Cán bộ, công chức", "BASED_ON")}),
    ("Căn cứ Luật Quy hoạch năm 2017 hướng dẫn Nghị quyết số 11/2019/NQ-HĐND;",
     {(D, "Luật Quy hoạch", "BASED_ON")}),
    ("Căn cứ Luật Đất đai năm 2013 đã được sửa đổi, bổ sung bởi Luật sửa đổi, bổ sung một số điều "
     "của 37 luật có liên quan đến quy hoạch năm 2018;", {(D, "Luật Đất đai", "BASED_ON")}),
    # near-miss: a coordinated cue after a law returns to the clause's actor
    ("Thực hiện Luật Thực hiện dân chủ ở cơ sở năm 2022, triển khai Nghị quyết số 12/NQ-HĐND ngày "
     "2/2/2023;", {(D, "Luật Thực hiện dân chủ ở cơ sở", "IMPLEMENTS"),
                   (D, "12/NQ-HĐND", "IMPLEMENTS")}),
]


@pytest.mark.parametrize("body, expected", LAWS)
def test_laws_with_a_number_and_laws_never_a_source(body, expected):
    assert _relations(DECISION + body) == expected


# --- passive cues (§7, §9) with their acting documents listed after a colon ---------------
# "Luật A số N ... được sửa đổi, bổ sung bởi:" and a list: each item's first number (after a
# law's name at most) AMENDS N; the list ends at the first line that is no item.
CONSOLIDATED = ("VĂN BẢN HỢP NHẤT\nLUẬT\nVỀ THANH NIÊN\n"
                "Luật Thanh niên số 53/2005/QH11 ngày 29 tháng 11 năm 2005 của Quốc hội, có hiệu "
                "lực kể từ ngày 01 tháng 7 năm 2006, được sửa đổi, bổ sung bởi:\n\n")
PASSIVE_LISTS = [
    ("1. Luật số 18/2012/QH13 ngày 20 tháng 6 năm 2012 của Quốc hội, có hiệu lực kể từ ngày 01 "
     "tháng 01 năm 2013;\n\n2. Luật Quy hoạch số 21/2017/QH14 ngày 24 tháng 11 năm 2017 của Quốc "
     "hội, có hiệu lực kể từ ngày 01 tháng 01 năm 2019.\n\nCăn cứ Nghị quyết số 51/2001/QH10 của "
     "Quốc hội;\n",
     {("18/2012/QH13", "53/2005/QH11", "AMENDS"), ("21/2017/QH14", "53/2005/QH11", "AMENDS")}),
    ("- Luật số 18/2012/QH13 ngày 20/6/2012;\n- Luật số 21/2017/QH14 ngày 24/11/2017;\n"
     "- Luật số 35/2018/QH14 ngày 20/11/2018.\nNgười dân được bảo đảm quyền theo Nghị quyết số "
     "77/2019/NQ-CP.\n",
     {("18/2012/QH13", "53/2005/QH11", "AMENDS"), ("21/2017/QH14", "53/2005/QH11", "AMENDS"),
      ("35/2018/QH14", "53/2005/QH11", "AMENDS")}),
    # near-miss: no list after the colon, the acting document on the next line is no item
    ("Nội dung sửa đổi của từng lần được tổng hợp đầy đủ và nêu tại Luật số 18/2012/QH13 ngày "
     "20/6/2012.\n", set()),
]


@pytest.mark.parametrize("body, expected", PASSIVE_LISTS)
def test_a_passive_cue_with_its_acting_documents_listed(body, expected):
    assert _relations(CONSOLIDATED + body, province=None) == expected

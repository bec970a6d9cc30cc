"""Examples of `extract.grammar`'s tables at work, as reporters-db keeps examples beside its
patterns: each names the tables it shows, a page's text (invented, in the portals' style)
and what `extract_page` finds in it. `tests/extract/test_grammar_examples.py` runs them all,
so a change to a table that breaks its example fails there.

Fields: `tables`, `text`, `province`, and the expected `subject` (number, kind, issuer),
`references` (number, kind, date, issuer), `laws` (name, year) and `relations` (source,
target, type, cue); a field left out is not checked.
"""

from __future__ import annotations

EXAMPLES: tuple[dict, ...] = (
    {"tables": ("REPORTING_VERBS", "KIND_WORDS", "CUES", "CODE_ISSUERS", "CODE_KINDS"),
     "text": "UBND tỉnh Bắc Kạn ban hành Kế hoạch số 21/KH-UBND ngày 16/01/2025 thực hiện Chỉ thị"
             " số 33/CT-TTg ngày 20/10/2023 của Thủ tướng Chính phủ về tăng cường công tác"
             " phòng cháy.",
     "province": "Bắc Kạn",
     "subject": ("21/KH-UBND", "KH", "Ủy ban nhân dân tỉnh Bắc Kạn"),
     "references": [("33/CT-TTg", "CT", "2023-10-20", "Thủ tướng Chính phủ")],
     "relations": [("21/KH-UBND", "33/CT-TTg", "IMPLEMENTS", "thực hiện")]},
    {"tables": ("PASSIVE_CUES", "PASSIVE_BEFORE", "PASSIVE_AFTER"),
     "text": "Căn cứ Nghị định số 12/2020/NĐ-CP ngày 5/2/2020 đã được sửa đổi, bổ sung bởi Nghị"
             " định số 34/2022/NĐ-CP ngày 1/6/2022 của Chính phủ.",
     "province": None, "subject": None,
     "references": [("12/2020/NĐ-CP", "NĐ", "2020-02-05", "Chính phủ"),
                    ("34/2022/NĐ-CP", "NĐ", "2022-06-01", "Chính phủ")],
     "relations": [("34/2022/NĐ-CP", "12/2020/NĐ-CP", "AMENDS", "được sửa đổi, bổ sung")]},
    {"tables": ("LAW_START_PIECES", "LAW_STOP", "LAW_NAME_LOWER_OPENERS", "LOCAL_ISSUER_ENDINGS"),
     "text": "Tỉnh ủy Lạng Sơn ban hành Chỉ thị số 09-CT/TU ngày 3/4/2024 triển khai Luật Thực"
             " hiện dân chủ ở cơ sở năm 2022 trên địa bàn tỉnh.",
     "province": "Lạng Sơn",
     "subject": ("09-CT/TU", "CT", "Tỉnh ủy Lạng Sơn"),
     "laws": [("Luật Thực hiện dân chủ ở cơ sở", 2022)],
     "relations": [("09-CT/TU", "Luật Thực hiện dân chủ ở cơ sở", "IMPLEMENTS", "triển khai")]},
    {"tables": ("SIDE_LIST_HEADINGS", "DISTRICT_WORD_TAIL", "DISTRICT_PARTY_COMMITTEES"),
     "text": "Huyện ủy Cam Lộ ban hành Kế hoạch số 88-KH/HU ngày 2/5/2024 về cải cách hành"
             " chính.\nTin liên quan\nThực hiện Kế hoạch số 17/KH-UBND ngày 2/2/2024"
             " (02/02/2024, 09:15)",
     "province": "Quảng Trị",
     "subject": ("88-KH/HU", "KH", "Huyện ủy Cam Lộ"),
     "references": [("17/KH-UBND", "KH", "2024-02-02", "Ủy ban nhân dân tỉnh Quảng Trị")],
     "relations": []},
    {"tables": ("ISSUING_VERBS", "PREAMBLE_CONTINUATIONS", "REPORTING_VERBS"),
     "text": "Số: 30/KH-UBND\nYên Bái, ngày 2 tháng 4 năm 2024\nKẾ HOẠCH\nCẢI CÁCH HÀNH CHÍNH\n"
             "Thực hiện Chỉ thị số"
             " 08-CT/TU ngày 1/2/2024 của Ban Thường vụ Tỉnh ủy. Trên cơ sở đó, Sở Nội vụ đã xây"
             " dựng Kế hoạch số 11/KH-SNV ngày 9/2/2024 về cải cách hành chính.",
     "province": "Yên Bái",
     "relations": [("11/KH-SNV", "08-CT/TU", "IMPLEMENTS", "Thực hiện")]},
    {"tables": ("CODE_ISSUERS", "NUMBERED_CODES", "NUMBERED_NAME_WORDS", "DOTTED_PLACE_ABBREVIATIONS"),
     "text": "UBND TP. Lào Cai ban hành Kế hoạch số 45/KH-UBND ngày 5/3/2024 thực hiện Chương trình"
             " phối hợp số 15-CTr/BDVTW-BCSĐCP về dân vận chính quyền và Công văn số 103-CV/BCĐ 35 của"
             " Ban Chỉ đạo 35 tỉnh.",
     "province": "Lào Cai",
     "subject": ("45/KH-UBND", "KH", "Ủy ban nhân dân thành phố Lào Cai"),
     "references": [("15-CTr/BDVTW-BCSĐCP", "CTr", None,
                     "Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ"),
                    ("103-CV/BCĐ35", "CV", None, "Ban Chỉ đạo 35 tỉnh Lào Cai")]},
    {"tables": ("HEADER_BODIES", "HEADER_NAMES", "CODE_KINDS"),
     "text": "ĐẢNG BỘ HUYỆN MƯỜNG KHƯƠNG\nĐẢNG ỦY XÃ BẢN LẦU\n*\nSố: 12-NQ/ĐU\nBản Lầu, ngày 5 tháng 3"
             " năm 2024\nNGHỊ QUYẾT\nVề chuyển đổi số\nCăn cứ Nghị quyết số 14/NQ-TU ngày 2/1/2024 của"
             " Tỉnh ủy;\n",
     "province": "Lào Cai",
     "subject": ("12-NQ/ĐU", "NQ", "Đảng ủy xã Bản Lầu"),
     "references": [("14-NQ/TU", "NQ", "2024-01-02", "Tỉnh ủy Lào Cai")]},
)

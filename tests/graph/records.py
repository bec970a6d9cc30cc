"""Extraction records written for the tests, in the style of real portal pages.

Facts (numbers, dates, bodies) follow real documents; every sentence is our own.
"""

from __future__ import annotations


def page(url, province, subject=None, references=(), relations=(), laws=(), **meta):
    return {"path": None, "url": url, "province": province, "subject": subject,
            "references": list(references), "laws": list(laws),
            "relations": list(relations), **meta}


def doc(number, kind, date=None, issuer=None, **more):
    return {"number": number, "kind": kind, "date": date, "issuer": issuer, **more}


def rel(source, target, rtype="IMPLEMENTS", sentence=None, cue="thực hiện"):
    return {"source": source, "target": target, "type": rtype,
            "evidence": {"sentence": sentence or f"Kế hoạch này nhằm {cue} văn bản số {target}.",
                         "start": 10, "end": 80, "cue": cue}}


CT33 = doc("33/CT-TTg", "CT", "2021-11-26", "Thủ tướng Chính phủ")

# A provincial directive implementing CT 33 (Ninh Thuận), and a district plan
# implementing the provincial one: a chain of depth 2.
NINH_THUAN = page(
    "https://ninhthuan.example/tin/35-ct-tu", "Ninh Thuận",
    subject=doc("35-CT/TU", "CT", "2022-11-02", "Ban Thường vụ Tỉnh ủy Ninh Thuận",
                title="Đẩy mạnh phong trào thi đua Dân vận khéo"),
    references=[doc("25-NQ/TW", "NQ", "2013-06-03", "Ban Chấp hành Trung ương Đảng"),
                doc("43-KL/TW", "KL", "2019-01-07", "Ban Bí thư"), CT33],
    relations=[rel("43-KL/TW", "25-NQ/TW", sentence="Kết luận 43-KL/TW về việc tiếp tục thực "
                   "hiện Nghị quyết 25-NQ/TW."),
               rel("35-CT/TU", "33/CT-TTg", sentence="Các cấp ủy gắn phong trào với việc thực "
                   "hiện Chỉ thị 33/CT-TTg.")],
    published="2022-12-22")

DISTRICT = page(
    "https://ninhthuan.example/huyen/kh-12", "Ninh Thuận",
    subject=doc("12-KH/HU", "KH", "2023-01-10", "Huyện ủy Ninh Phước"),
    references=[doc("35-CT/TU", "CT", "2022-11-02", "Ban Thường vụ Tỉnh ủy")],
    relations=[rel("12-KH/HU", "35-CT/TU")], published="2023-01-12")

# Bắc Kạn's own 35-CT/TU: another document with the same number.
BAC_KAN_35 = page(
    "https://backan.example/van-ban/35", "Bắc Kạn",
    subject=doc("35-CT/TU", "CT", "2023-03-01", "Ban Thường vụ Tỉnh ủy Bắc Kạn"),
    references=[CT33], relations=[rel("35-CT/TU", "33/CT-TTg")], published="2023-03-05")

# Two 05-CT/TW: the Secretariat's of 23/6/2021 (term XIII) and, on a 2018 page, the
# Politburo's of term XII named without a date.
BAC_KAN_PLAN = page(
    "https://backan.example/van-ban/21-kh", "Bắc Kạn",
    subject=doc("21/KH-UBND", "KH", "2025-01-16", "Ủy ban nhân dân tỉnh Bắc Kạn",
                signer="Hoàng Thu Trang", title="Công tác dân vận chính quyền năm 2025"),
    references=[doc("05-CT/TW", "CT", "2021-06-23", "Ban Bí thư"),
                doc("141-KH/BDVTU", "KH", "2024-12-27", "Ban Dân vận Tỉnh ủy Bắc Kạn"),
                doc("59/2023/NĐ-CP", "NĐ", "2023-08-14", "Chính phủ"), CT33],
    laws=[{"name": "Luật Thực hiện dân chủ ở cơ sở", "year": 2023}],
    relations=[rel("21/KH-UBND", "05-CT/TW"),
               rel("21/KH-UBND", "141-KH/BDVTU", "BASED_ON", cue="Căn cứ"),
               rel("59/2023/NĐ-CP", "Luật Thực hiện dân chủ ở cơ sở", "GUIDES",
                   cue="quy định chi tiết")],
    published="2025-01-20")

CAM_LO = page(
    "https://camlo.example/tin/252", "Quảng Trị",
    subject=doc("252-CV/HU", "CV", "2018-06-13", "Huyện ủy Cam Lộ"),
    references=[doc("05-CT/TW", "CT", None, "Bộ Chính trị")],
    relations=[rel("252-CV/HU", "05-CT/TW")], published="2018-06-15")

ALL = [NINH_THUAN, DISTRICT, BAC_KAN_35, BAC_KAN_PLAN, CAM_LO]

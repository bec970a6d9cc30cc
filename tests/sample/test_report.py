"""The HTML lineage report, on a small hand-made lineage graph (no store, no crawl)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx

from vanban.report import LineageView, page_name, write_report


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("ct33", number="33/CT-TTg", kind="CT", date="2021-11-26", issuer="Thủ tướng Chính phủ")
    g.add_node("kh780", number="780/KH-UBND", kind="KH", date="2021-12-20", province="Bắc Kạn",
               urls=["http://127.0.0.1:1/backan/tin-tuc/a.html"])
    g.add_node("kh21", number="21/KH-UBND", kind="KH", date="2025-01-16", province="Bắc Kạn",
               title="Thực hiện công tác dân vận chính quyền năm 2025",
               urls=["http://127.0.0.1:1/backan/van-ban/b.html"])
    g.add_node("kh141", number="141-KH/BDVTU", kind="KH", date="2024-12-27", province="Bắc Kạn")
    g.add_node("kh15", number="15/KH-UBND", kind="KH", date="2025-02-10", province="Bắc Kạn")
    g.add_node("law", name="Luật Thực hiện dân chủ ở cơ sở", label="Law")
    g.add_edge("kh780", "ct33", type="IMPLEMENTS",
               evidence={"sentence": "Kế hoạch nhằm triển khai thực hiện Chỉ thị số 33/CT-TTg",
                         "url": "http://127.0.0.1:1/backan/tin-tuc/a.html", "cue": "triển khai thực hiện"})
    g.add_edge("kh21", "kh780", type="IMPLEMENTS",
               evidence=[{"sentence": "Tiếp tục triển khai thực hiện Kế hoạch số 780/KH-UBND",
                          "url": "http://127.0.0.1:1/backan/van-ban/b.html"}])
    g.add_edge("kh21", "kh141", type="BASED_ON", evidence={"sentence": "Căn cứ Kế hoạch số 141-KH/BDVTU"})
    g.add_edge("kh21", "ct33", type="CITES")
    g.add_edge("kh15", "kh21", type="IMPLEMENTS", evidence={"sentence": "triển khai thực hiện Kế hoạch số 21/KH-UBND"})
    g.add_edge("kh21", "law", type="IMPLEMENTS")
    return g


def test_walks_follow_lineage_edges_not_citations():
    view = LineageView.from_networkx(_graph())
    assert view.descendants("ct33") == {"kh780": 1, "kh21": 2, "kh15": 3}
    assert view.ancestors("kh21") == {"kh780": 1, "ct33": 2, "kh141": 1, "law": 1}
    assert view.docs["law"].is_law
    assert view.influence()["ct33"] == 3


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "img" and a.get("src"):
            self.srcs.append(a["src"])


def test_report_pages_exist_and_link_to_each_other(tmp_path: Path):
    view = LineageView.from_networkx(_graph())
    index = write_report(view, tmp_path / "report", questions=[("Q?", "<p>A</p>")])
    assert index == tmp_path / "report" / "index.html"
    pages = [index, *sorted((tmp_path / "report" / "docs").glob("*.html"))]
    assert len(pages) == 1 + len(view.docs)
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.hrefs + parser.srcs:
            if re.match(r"https?://", ref):
                continue
            assert (page.parent / ref).resolve().is_file(), f"{page.name}: broken link {ref}"
    doc21 = (tmp_path / "report" / "docs" / page_name(view.docs["kh21"])).read_text(encoding="utf-8")
    assert "Căn cứ Kế hoạch số 141-KH/BDVTU" in doc21
    assert "http://127.0.0.1:1/backan/van-ban/b.html" in doc21
    assert "780/KH-UBND" in doc21 and "15/KH-UBND" in doc21
    svg = (tmp_path / "report" / "img" / "lineage.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg

"""`vanban report` renders the templates of `vanban serve` to files: escaped, safe links,
a neighbourhood picture per page, readable at any size."""

from __future__ import annotations

from graph import open_store
from tests.web.conftest import HOSTILE_TITLE
from vanban.report import LineageView, page_name, write_report


def test_report_pages_use_the_serve_templates_and_escape(web_db, tmp_path):
    with open_store(db=web_db) as store:
        view = LineageView.from_store(store)
    index = write_report(view, tmp_path / "r")
    assert (tmp_path / "r" / "static" / "style.css").is_file()
    [hostile] = [d for d in view.docs.values() if d.title == HOSTILE_TITLE]
    for page in [index, tmp_path / "r" / "docs" / page_name(hostile)]:
        text = page.read_text(encoding="utf-8")
        assert 'rel="stylesheet"' in text and "<script>alert" not in text
        assert "&lt;script&gt;" in text and 'href="javascript:' not in text
    ct33 = next(d for d in view.docs.values() if d.number == "33/CT-TTg")
    text = (tmp_path / "r" / "docs" / page_name(ct33)).read_text(encoding="utf-8")
    assert "<svg" in text and f'xlink:href="{page_name(hostile)}"' in text
    assert "<img src=x" not in text


def test_report_marks_the_cue_as_the_web_page_does(web_db, tmp_path):
    with open_store(db=web_db) as store:
        view = LineageView.from_store(store)
    write_report(view, tmp_path / "r")
    ct33 = next(d for d in view.docs.values() if d.number == "33/CT-TTg")
    text = (tmp_path / "r" / "docs" / page_name(ct33)).read_text(encoding="utf-8")
    assert "<mark>thực hiện</mark>" in text or "<mark>Thực hiện</mark>" in text


def _crowded_view(n: int) -> LineageView:
    """A central document that `n` plans implement."""
    import networkx as nx
    g = nx.MultiDiGraph()
    g.add_node("nq", number="25-NQ/TW", kind="NQ", date="2021-01-01")
    for i in range(n):
        g.add_node(f"kh{i}", number=f"{i + 1}/KH-UBND", kind="KH", date="2021-03-01",
                   province="Bắc Kạn")
        g.add_edge(f"kh{i}", "nq", type="IMPLEMENTS",
                   evidence={"sentence": f"Kế hoạch {i + 1} thực hiện Nghị quyết 25-NQ/TW.",
                             "cue": "thực hiện"})
    return LineageView.from_networkx(g)


def test_no_report_picture_is_more_than_a_readable_neighbourhood(tmp_path):
    import re

    from vanban.web.picture import READABLE
    view = _crowded_view(45)
    index = write_report(view, tmp_path / "r")
    text = (tmp_path / "r" / "docs" / page_name(view.docs["nq"])).read_text(encoding="utf-8")
    svg = text[text.index("<svg"):text.index("</svg>")]
    assert len(re.findall(r'<g id="node\d+" class="node"', svg)) == READABLE + 1 + 1
    assert f"+ {45 - READABLE} quan hệ khác" in svg
    # a lineage of 46 documents is drawn on no index picture
    assert not (tmp_path / "r" / "img").exists()
    assert 'src="img/lineage.svg"' not in index.read_text(encoding="utf-8")


def test_the_web_picture_counts_what_a_sliced_answer_left_out():
    from vanban.web.picture import neighbourhood_dot
    doc = {"key": "a", "number": "1/CT-TTg"}
    cited_by = {"results": [{"document": {"key": f"k{i}", "number": f"{i}/KH"},
                             "type": "IMPLEMENTS"} for i in range(25)],
                "counts": {"a": 4000}}
    dot = neighbourhood_dot(doc, {"results": []}, cited_by, limit=5, more="+ {n} more")
    assert dot.count(" -> n0 [label") == 5 and '"+ 3995 more"' in dot

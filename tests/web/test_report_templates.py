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

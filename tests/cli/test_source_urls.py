"""Source-page URLs that are no web address never become links, in any output.

Pages stored under `javascript:`, `data:`, `vbscript:` (in any case, with a tab or a leading
space a browser would drop), relative and protocol-relative URLs, and `http:` without a host:
the HTML report, `vanban serve`'s pages, and the CSV and JSON outputs (the CLI's, the export's,
the web API's) show each of them as text, verbatim where the format is data. An http(s)
source stays a link (the control).
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.cli.conftest import vanban
from tests.graph.records import BAC_KAN_35, CT33, doc, page, rel

HOSTILE_URLS = [
    "javascript:alert(1)", "JavaScript:alert(2)", " javascript:alert(3)", "java\tscript:alert(4)",
    "data:text/html,<script>alert(5)</script>", "vbscript:msgbox(6)", "/tin-tuc/tuong-doi.html",
    "//evil.example/x", "http:no-host",
]
CONTROL = BAC_KAN_35["url"]   # https://backan.example/van-ban/35
PAGES = [BAC_KAN_35] + [
    page(url, "Bắc Kạn", subject=doc(f"{90 + i}/KH-UBND", "KH", "2024-05-02", "Ủy ban nhân dân tỉnh Bắc Kạn"),
         references=[CT33], relations=[rel(f"{90 + i}/KH-UBND", "33/CT-TTg")], published="2024-05-03")
    for i, url in enumerate(HOSTILE_URLS)]


class _Page(HTMLParser):
    """Every link-like attribute value and the text of an HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[str] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.links += [v or "" for k, v in attrs if k in ("href", "src", "xlink:href", "action", "formaction")]

    def handle_data(self, data):
        self.text.append(data)


def _squeezed(text: str) -> str:
    return "".join(text.split()).lower()   # as a browser reads a URL: tabs, spaces, case gone


def assert_never_linked(html: str, *, shown: list[str] = ()) -> None:
    """No link of the page goes to a hostile URL; each of `shown` is in its text."""
    parsed = _Page(html)
    for link in parsed.links:
        assert not _squeezed(link).startswith(("javascript:", "data:", "vbscript:")), link
        assert link.strip() not in {u.strip() for u in HOSTILE_URLS}, link
    text = _squeezed(" ".join(parsed.text))
    for url in shown:
        assert _squeezed(url) in text, url


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    from graph.sqlite_store import SQLiteStore

    path = tmp_path_factory.mktemp("urls") / "g.sqlite"
    with SQLiteStore(path) as s:
        report = s.load_pages(PAGES)
    assert not report.errors, report.errors
    return path


def _strings(value) -> set[str]:
    """Every string anywhere in a JSON value."""
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(_strings, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(_strings, value)) if value else set()
    return set()


def test_the_html_report(store, tmp_path):
    from graph import open_store
    from vanban.cmd_run import answer_questions, write_store_report

    with open_store(db=store) as s:   # with the answers section, as `vanban run` writes it
        index = write_store_report(s, tmp_path / "report", answers=answer_questions(s))
    pages = sorted((tmp_path / "report").rglob("*.html"))
    assert len(pages) > len(PAGES)
    for path in pages:
        assert_never_linked(path.read_text(encoding="utf-8"))
    assert_never_linked(index.read_text(encoding="utf-8"), shown=HOSTILE_URLS)   # the answers name them
    assert any(CONTROL in _Page(p.read_text(encoding="utf-8")).links for p in pages)


def test_the_report_command(store, tmp_path):
    result = vanban("report", "--db", str(store), "--out", str(tmp_path / "r"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    for path in (tmp_path / "r").rglob("*.html"):
        assert_never_linked(path.read_text(encoding="utf-8"))


def test_the_web_pages_and_api(store):
    from starlette.testclient import TestClient

    from graph import open_store
    from vanban.web import create_app
    from vanban.web.answers import doc_href

    with TestClient(create_app(lambda: open_store(db=store))) as client:
        keys = [r["key"] for r in client.get("/api/search", params={"q": "KH"}).json()["results"]]
        ct33 = client.get("/api/search", params={"q": "CT 33"}).json()["results"][0]["key"]
        for key in keys:
            assert_never_linked(client.get(doc_href(key)).text)
        ct33_page = client.get(doc_href(ct33)).text
        assert_never_linked(ct33_page, shown=HOSTILE_URLS)          # its implementers' evidence
        assert CONTROL in _Page(ct33_page).links
        assert_never_linked(client.get("/search", params={"q": "KH"}).text)
        api = client.get("/api/implementers", params={"q": "CT 33"}).json()
        assert set(HOSTILE_URLS) <= _strings(api)                    # JSON: verbatim
        rows = list(csv.DictReader(io.StringIO(client.get(
            "/api/implementers", params={"q": "CT 33", "format": "csv"}).text.lstrip("\ufeff"))))
        assert set(HOSTILE_URLS) <= {r["page"] for r in rows}       # CSV: verbatim


@pytest.mark.parametrize("command", [["query", "implementers", "CT 33"], ["query", "cited-by", "CT 33"]])
def test_the_cli_csv_and_json(store, tmp_path, command):
    as_csv = vanban(*command, "--format", "csv", "--db", str(store), cwd=tmp_path)
    assert as_csv.returncode == 0, as_csv.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout.decode("utf-8-sig"))))
    assert set(HOSTILE_URLS) <= {r["page"] for r in rows}
    as_json = vanban(*command, "--format", "json", "--db", str(store), cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr.decode()
    assert set(HOSTILE_URLS) <= _strings(json.loads(as_json.stdout))


def test_the_exports(store, tmp_path):
    node_link = vanban("export", "--format", "json", "-o", "-", "--db", str(store), cwd=tmp_path)
    assert node_link.returncode == 0, node_link.stderr.decode()
    strings = _strings(json.loads(node_link.stdout))
    assert set(HOSTILE_URLS) <= strings | {s for v in strings for s in _json_strings(v)}
    out = tmp_path / "csv"
    neo4j_csv = vanban("export", "--format", "neo4j-csv", "-o", str(out), "--db", str(store), cwd=tmp_path)
    assert neo4j_csv.returncode == 0, neo4j_csv.stderr.decode()
    cells = {cell for path in out.glob("*.csv")
             for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row}
    found = cells | {s for c in cells for s in _json_strings(c)}
    assert set(HOSTILE_URLS) <= found


def _json_strings(text: str) -> set[str]:
    """The strings of a cell that is itself JSON (an evidence list), else nothing."""
    try:
        return _strings(json.loads(text))
    except ValueError:
        return set()

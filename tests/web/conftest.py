"""A small store for the web tests, built from the graph tests' invented pages plus a
hostile one (markup in a title, a javascript: source url)."""

from __future__ import annotations

import pytest

from tests.graph.records import ALL, CT33, doc, page, rel

HOSTILE_TITLE = '<script>alert("x")</script> & <b>bold</b>'
HOSTILE = page(
    "javascript:alert(1)", "Bắc Kạn",
    subject=doc("99/KH-UBND", "KH", "2024-05-02", "Ủy ban nhân dân tỉnh Bắc Kạn",
                title=HOSTILE_TITLE),
    references=[CT33],
    relations=[rel("99/KH-UBND", "33/CT-TTg",
                   sentence='Thực hiện Chỉ thị 33/CT-TTg <img src=x onerror="alert(2)">.')],
    published="2024-05-03")

PAGES = [*ALL, HOSTILE]
CT33_KEY = "33/CT-TTG#2021"
NINH_THUAN_35 = "35-CT/TU@Ninh Thuận#2020-2025"
DISTRICT_12 = "12-KH/HU@Ninh Thuận/Ninh Phước#2020-2025"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory):
    """Path of a SQLite store holding PAGES."""
    from graph.sqlite_store import SQLiteStore
    path = tmp_path_factory.mktemp("web") / "graph.sqlite"
    with SQLiteStore(path) as store:
        report = store.load_pages(PAGES)
    assert not report.errors, report.errors
    return path


@pytest.fixture
def client(web_db):
    from starlette.testclient import TestClient

    from graph import open_store
    from vanban.web import create_app
    with TestClient(create_app(lambda: open_store(db=web_db))) as c:
        yield c

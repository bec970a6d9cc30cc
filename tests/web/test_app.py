"""Every route of `vanban serve`, through Starlette's TestClient, over a SQLite store
built from invented pages (tests/web/conftest.py)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from urllib.parse import quote

import pytest

from graph import open_store, queries, search
from graph.coverage import coverage
from tests.web.conftest import CT33_KEY, DISTRICT_12, HOSTILE_TITLE, NINH_THUAN_35

API = {"implementers": queries.implementers, "lineage": queries.lineage,
       "cites": queries.cites, "cited-by": queries.cited_by, "coverage": coverage}


def _doc_url(key: str) -> str:
    return "/doc/" + quote(key, safe="")


def _csv(response) -> list[list[str]]:
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"))))


@pytest.mark.parametrize("kind", sorted(API))
@pytest.mark.parametrize("q", ["CT 33", "21/KH-UBND", NINH_THUAN_35])
def test_api_answers_exactly_what_the_query_function_answers(client, web_db, kind, q):
    r = client.get(f"/api/{kind}", params={"q": q})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    with open_store(db=web_db) as store:
        expected = json.loads(json.dumps(API[kind](store, q)))
    assert r.json() == expected


def test_api_narrowing_by_province_and_year(client, web_db):
    r = client.get("/api/implementers", params={"q": "CT 33", "province": "Ninh Thuận",
                                                 "year": "2021"})
    with open_store(db=web_db) as store:
        expected = queries.implementers(store, "CT 33", province="Ninh Thuận", year=2021)
    assert r.json() == json.loads(json.dumps(expected))
    assert client.get("/api/cites", params={"q": "CT 33", "year": "soon"}).status_code == 400
    assert client.get("/api/implementers").status_code == 400


def test_api_search_is_the_search_of_vanban_query(client, web_db):
    from click.testing import CliRunner

    from vanban.cli import cli
    for q in ("CT 33", "dan van kheo", "Nghị quyết 25"):
        api = client.get("/api/search", params={"q": q}).json()
        with open_store(db=web_db) as store:
            assert api == json.loads(json.dumps(search.search(store, q)))
        out = CliRunner().invoke(cli, ["query", "search", q, "--db", str(web_db),
                                       "--format", "json"])
        assert out.exit_code == 0, out.output
        assert json.loads(out.output) == api


def test_search_finds_words_with_or_without_diacritics(client):
    keys = lambda q: [d["key"] for d in client.get("/api/search", params={"q": q}).json()["results"]]
    assert keys("dân vận khéo") == keys("dan van kheo") == keys("DAN VAN KHEO") == [NINH_THUAN_35]
    assert keys("Ninh Phuoc") == [DISTRICT_12]          # đ, ư, ớ folded
    assert keys("CT 33") == keys("33/CT-TTg 2021") == [CT33_KEY]
    assert keys('"*) OR x') == []                        # FTS syntax is not the user's
    # a province of today includes its predecessors: Ninh Thuận is part of Khánh Hòa
    r = client.get("/api/search", params={"q": "CT 35", "province": "Khánh Hòa"}).json()
    assert [d["key"] for d in r["results"]] == [NINH_THUAN_35]


@pytest.mark.parametrize("kind,first_columns", [
    ("implementers", ["implements", "depth", "via", "key"]),
    ("lineage", ["direction", "depth", "relation", "key"]),
    ("cites", ["of", "relation", "key"]),
    ("cited-by", ["of", "relation", "key"]),
    ("coverage", ["province", "predecessors", "covered"]),
    ("search", ["key", "number", "kind"]),
])
def test_csv_exports(client, kind, first_columns):
    q = "21/KH-UBND" if kind in ("cites", "lineage") else "CT 33"
    rows = _csv(client.get(f"/api/{kind}", params={"q": q, "format": "csv"}))
    assert rows[0][:len(first_columns)] == first_columns
    assert len(rows) > 1


def test_implementers_csv_rows(client):
    rows = _csv(client.get("/api/implementers", params={"q": "CT 33", "format": "csv"}))
    header, body = rows[0], rows[1:]
    by_key = {r[header.index("key")]: r for r in body}
    district = by_key[DISTRICT_12]
    assert district[header.index("depth")] == "2"
    assert district[header.index("via")] == NINH_THUAN_35
    # a title a spreadsheet would run as a formula stays text
    assert all(not c.startswith(("=", "+", "@")) for r in body for c in r)


def test_search_page_links_every_result_to_its_document_page(client):
    r = client.get("/search", params={"q": "CT 33"})
    assert r.status_code == 200 and 'lang="vi"' in r.text
    assert f'href="{_doc_url(CT33_KEY)}"' in r.text
    assert '<label for="q">' in r.text and 'href="/api/search?q=CT+33&amp;format=csv"' in r.text
    assert client.get("/").status_code == 200
    assert "Không tìm thấy" in client.get("/search", params={"q": "khong co gi"}).text


def test_document_page(client):
    r = client.get(_doc_url(CT33_KEY))
    assert r.status_code == 200
    text = r.text
    assert "Văn bản triển khai thực hiện" in text
    # the district plan, depth 2, via the provincial directive, with its evidence
    district = text[text.index(f'href="{_doc_url(DISTRICT_12)}"'):]
    assert "qua" in district[:600] and f'href="{_doc_url(NINH_THUAN_35)}"' in district[:600]
    assert "<mark>thực hiện</mark>" in text
    assert "<svg" in text and f'xlink:href="{_doc_url(NINH_THUAN_35)}"' in text  # clickable
    assert 'href="https://ninhthuan.example/tin/35-ct-tu"' in text
    assert f'/api/implementers?q={quote(CT33_KEY, safe="")}&amp;format=csv' in text
    assert f'href="/coverage?q={quote(CT33_KEY, safe="")}"' in text


def test_document_page_cites_and_cited_by_the_right_way_round(client):
    text = client.get(_doc_url(DISTRICT_12)).text
    cites = text[text.index('id="cites"'):text.index('id="cited-by"')]
    # the district plan implements 35-CT/TU: "12-KH/HU implements 35-CT/TU"
    assert re.search(r"<strong>12-KH/HU</strong>.*thực hiện.*35-CT/TU", cites, re.DOTALL)
    text = client.get(_doc_url(NINH_THUAN_35)).text
    cited_by = text[text.index('id="cited-by"'):]
    assert re.search(r"12-KH/HU</a>.*thực hiện</span> <strong>35-CT/TU</strong>", cited_by,
                     re.DOTALL)


def test_english_labels(client):
    text = client.get(_doc_url(CT33_KEY), params={"lang": "en"}).text
    assert 'lang="en"' in text and "Implemented by" in text
    assert f'href="{_doc_url(NINH_THUAN_35)}?lang=en"' in text


def test_coverage_page(client):
    text = client.get("/coverage", params={"q": "CT 33"}).text
    assert "Khánh Hòa" in text and "Ninh Thuận" in text and "202/2025/QH15" in text
    assert "2/34" in text      # Khánh Hòa (its Ninh Thuận) and Thái Nguyên (its Bắc Kạn)
    assert client.get("/coverage").status_code == 200


def test_hostile_titles_are_escaped_and_javascript_urls_not_linked(client, web_db):
    with open_store(db=web_db) as store:
        [hostile] = [d for d in store.search(number_key=None, kind="KH", limit=100)
                     if d.get("title") == HOSTILE_TITLE]
    for url in (_doc_url(hostile["key"]), _doc_url(CT33_KEY), "/search?q=99/KH-UBND"):
        text = client.get(url).text
        assert "<script>alert" not in text and "<b>bold</b>" not in text
        assert "<img src=x" not in text
        assert 'href="javascript:' not in text.lower()
    assert "&lt;script&gt;" in client.get(_doc_url(hostile["key"])).text


def test_unknown_document_is_404_without_traceback(client):
    r = client.get(_doc_url("no/such#key"))
    assert r.status_code == 404 and "Traceback" not in r.text


class _FailingStore:
    """A store that stops answering (disk I/O error) on every read."""

    def __getattr__(self, name):
        if name in ("close", "describe", "_store_lost"):
            return {"close": lambda: None, "describe": lambda: "the test store",
                    "_store_lost": lambda exc: True}[name]

        def fail(*args, **kwargs):
            raise sqlite3.OperationalError("disk I/O error")
        return fail


@pytest.mark.parametrize("opener_fails", [False, True])
@pytest.mark.parametrize("url", ["/search?q=CT+33", _doc_url(CT33_KEY), "/coverage?q=CT+33",
                                 "/api/implementers?q=CT+33", "/api/search?q=dan"])
def test_a_store_that_stops_answering_gives_503(url, opener_fails):
    from starlette.testclient import TestClient

    from graph.neo4j_store import Neo4jUnavailable
    from vanban.web import create_app

    def opener():
        if opener_fails:
            raise Neo4jUnavailable("cannot reach Neo4j at bolt://127.0.0.1:1")
        return _FailingStore()

    with TestClient(create_app(opener), raise_server_exceptions=False) as c:
        r = c.get(url)
    assert r.status_code == 503
    assert "Traceback" not in r.text and "disk I/O" not in r.text and "bolt://" not in r.text
    if not url.startswith("/api/"):
        assert "Kho dữ liệu không phản hồi" in r.text


def test_static_css(client):
    r = client.get("/static/style.css")
    assert r.status_code == 200 and "max-width" in r.text


def test_serve_without_a_store_says_so_in_one_line(tmp_path):
    from click.testing import CliRunner

    from vanban.cli import cli
    out = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.sqlite")])
    assert out.exit_code != 0 and "no store at" in out.output
    assert "Traceback" not in out.output and not (tmp_path / "none.sqlite").exists()


def test_province_page_counts_its_former_provinces_and_links_to_searches(client):
    r = client.get("/province/" + quote("Khánh Hòa", safe=""))
    assert r.status_code == 200
    text = r.text
    assert "Ninh Thuận" in text                      # the former province it took in
    most = text[text.index('id="most-implemented"'):text.index('id="by-kind"')]
    assert f'href="{_doc_url(NINH_THUAN_35)}"' in most
    assert 'href="/search?province=Kh%C3%A1nh+H%C3%B2a&amp;kind=CT"' in text
    assert 'href="/search?province=Kh%C3%A1nh+H%C3%B2a&amp;year=2022"' in text
    # a former province's name, in any spelling, leads to the province of today
    gone = client.get("/province/ninh%20thuan", follow_redirects=False)
    assert gone.status_code == 303
    assert gone.headers["location"] == "/province/" + quote("Khánh Hòa", safe="")
    assert client.get("/province/Atlantis").status_code == 404
    index = client.get("/province").text
    assert index.count('<li><a href="/province/') == 34


def test_province_api_and_links_from_results_and_facts(client, web_db):
    from graph.coverage import province_summary
    api = client.get("/api/province", params={"q": "Khánh Hòa"}).json()
    with open_store(db=web_db) as store:
        assert api == json.loads(json.dumps(province_summary(store, "Khánh Hòa")))
    assert api["predecessors"] == ["Ninh Thuận"] and api["documents"] >= 2
    assert client.get("/api/province", params={"q": "Atlantis"}).status_code == 404
    href = 'class="province" href="/province/' + quote("Khánh Hòa", safe="") + '"'
    assert href in client.get("/search", params={"q": "CT 35"}).text
    assert href in client.get(_doc_url(NINH_THUAN_35)).text


def test_central_document_page_links_to_its_coverage(client):
    text = client.get(_doc_url(CT33_KEY)).text
    assert f'class="coverage-link" href="/coverage?q={quote(CT33_KEY, safe="")}"' in text
    assert 'class="coverage-link"' not in client.get(_doc_url(NINH_THUAN_35)).text


def test_query_coverage_on_the_command_line_is_the_api(client, web_db):
    from click.testing import CliRunner

    from vanban.cli import cli
    run = lambda *args: CliRunner().invoke(cli, ["query", "coverage", *args, "--db",  # noqa: E731
                                                 str(web_db)])
    out = run("CT 33", "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == client.get("/api/coverage", params={"q": "CT 33"}).json()
    rows = list(csv.reader(io.StringIO(run("CT 33", "--format", "csv").output)))
    assert rows == _csv(client.get("/api/coverage", params={"q": "CT 33", "format": "csv"}))
    table = run("CT 33").output
    assert "Khánh Hòa" in table and "2 of 34 provinces" in table
    assert run("CT 999").exit_code == 1

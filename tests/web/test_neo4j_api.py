"""The API over the real Neo4j (the launcher of tests/conftest.py's neo4j_server):
the same answers as the query functions, and full-text search through Neo4j's index."""

from __future__ import annotations

import json

import pytest

from graph import queries, search
from graph.coverage import coverage
from tests.web.conftest import CT33_KEY, DISTRICT_12, NINH_THUAN_35, PAGES

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def neo4j_client(neo4j_server):
    from starlette.testclient import TestClient

    from graph.neo4j_store import Neo4jStore
    from vanban.web import create_app
    uri, user, password = neo4j_server
    with Neo4jStore(uri, user, password) as store:
        store.clear()
        store.load_pages(PAGES)
    opener = lambda: Neo4jStore(uri, user, password)   # noqa: E731
    with TestClient(create_app(opener)) as c:
        c.opener = opener
        yield c


@pytest.mark.parametrize("kind,fn", [("implementers", queries.implementers),
                                     ("lineage", queries.lineage), ("cites", queries.cites),
                                     ("cited-by", queries.cited_by), ("coverage", coverage),
                                     ("search", search.search)])
def test_neo4j_api_answers_what_the_query_functions_answer(neo4j_client, kind, fn):
    r = neo4j_client.get(f"/api/{kind}", params={"q": "CT 33"})
    assert r.status_code == 200
    with neo4j_client.opener() as store:
        assert r.json() == json.loads(json.dumps(fn(store, "CT 33")))


def test_neo4j_full_text_search_folds_diacritics(neo4j_client):
    keys = lambda q: [d["key"] for d in   # noqa: E731
                      neo4j_client.get("/api/search", params={"q": q}).json()["results"]]
    assert keys("dân vận khéo") == keys("dan van kheo") == [NINH_THUAN_35]
    assert keys("ninh phuoc") == [DISTRICT_12]
    assert keys("CT 33") == [CT33_KEY]


def test_neo4j_document_page(neo4j_client):
    from urllib.parse import quote
    r = neo4j_client.get("/doc/" + quote(CT33_KEY, safe=""))
    assert r.status_code == 200 and "<mark>" in r.text and DISTRICT_12.split("@")[0] in r.text


def test_neo4j_slices_are_the_whole_answer_cut(neo4j_client):
    whole = neo4j_client.get("/api/implementers", params={"q": "CT 33"}).json()
    part = neo4j_client.get("/api/implementers", params={"q": "CT 33", "limit": 1}).json()
    first_of_each_depth = [r for i, r in enumerate(whole["results"])
                           if i == 0 or r["depth"] != whole["results"][i - 1]["depth"]]
    assert part["results"] == first_of_each_depth
    assert sum(c["count"] for c in part["depths"]) == len(whole["results"])
    cited = neo4j_client.get("/api/cited-by", params={"q": "CT 33", "limit": 2, "offset": 1})
    full = neo4j_client.get("/api/cited-by", params={"q": "CT 33"}).json()["results"]
    assert cited.json()["results"] == full[1:3]

"""Answers kept between requests (vanban/web/cache.py): the same as new ones, and given
up as soon as anything writes to the store."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from graph import open_store, queries
from graph.coverage import coverage
from graph.sqlite_store import SQLiteStore
from tests.graph.records import ALL
from tests.graph.test_contract_bulk import MORE
from vanban.web.cache import AnswerCache

ASKED = [("/api/implementers", {"q": "33/CT-TTg 2021"}),
         ("/api/implementers", {"q": "33/CT-TTg 2021", "limit": "1"}),
         ("/api/coverage", {"q": "33/CT-TTg 2021"}),
         ("/api/cited-by", {"q": "35-CT/TU", "limit": "1", "offset": "1"}),
         ("/api/province", {"q": "Ninh Thuận"})]


@pytest.fixture
def served(tmp_path):
    from starlette.testclient import TestClient

    from vanban.web import create_app
    path = tmp_path / "kept.sqlite"
    with SQLiteStore(path) as writer:
        writer.load_records(ALL)
        app = create_app(lambda: open_store(db=path))
        with TestClient(app) as client:
            yield client, writer


def test_kept_answers_are_new_answers_until_the_store_changes(served):
    client, writer = served
    first = [client.get(url, params=params).json() for url, params in ASKED]
    assert [client.get(url, params=params).json() for url, params in ASKED] == first
    before = writer.change_token()
    writer.load_records(MORE)                    # another connection writes
    assert writer.change_token() != before
    again = [client.get(url, params=params).json() for url, params in ASKED]
    assert again != first
    assert again[0] == queries.implementers(writer, "33/CT-TTg 2021")
    assert again[2] == coverage(writer, "33/CT-TTg 2021")
    page = client.get("/doc/" + quote("33/CT-TTG#2021", safe=""))
    assert page.status_code == 200 and "7-KH/HU" in page.text


def test_the_cache_counts_hits_and_keeps_at_most_its_size():
    cache = AnswerCache(size=2)
    computed = []

    def compute(x):
        computed.append(x)
        return {"x": x}

    for x in (1, 2, 1, 3, 1, 2):
        assert cache.get("t", x, lambda x=x: compute(x)) == {"x": x}
    assert computed == [1, 2, 3, 2] and (cache.hits, cache.misses) == (2, 4)
    assert cache.get("t2", 1, lambda: compute(1)) and computed[-1] == 1   # a new token
    assert cache.get(None, 1, lambda: compute(1)) and computed[-1] == 1 and \
        len(computed) == 6                                                  # no token


def test_a_store_in_memory_or_on_neo4j_has_no_token(tmp_path):
    with SQLiteStore(":memory:") as store:
        assert store.change_token() is None

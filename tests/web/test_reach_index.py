"""The in-memory reach index (graph/reach_index.py) answers every question of a walk as the
SQL walk does (graph/sqlite_reach.py), is used only while the store is as it was read,
and is built again in the background after a write."""

from __future__ import annotations

import logging

import pytest

from graph import queries
from graph.coverage import coverage
from graph.reach_index import ReachIndex, ReachKeeper
from graph.relation_types import IMPLEMENTATION_TYPES
from graph.sqlite_reach import SQLiteReached
from graph.sqlite_store import SQLiteStore
from tests.graph.records import CT33, doc, page, rel
from tests.web.test_slices import _most_implemented, big_store, chain_store  # noqa: F401

NARROWINGS = [None, ["Hà Giang"], ["Ninh Thuận", "Bắc Kạn"], ["no such province"]]


def _answers(reached, root_keys, provinces):
    cut = reached.cut(None, 0, None, provinces)
    return {
        "counts": reached.counts(provinces),
        "cuts": [reached.cut(limit, offset, depth, provinces)
                 for limit, offset, depth in [(5, 0, None), (3, 2, None), (10, 0, 2),
                                              (1, 10_000, None), (0, 0, None)]],
        "whole": cut,
        "depths": reached.depths([k for keys in cut.values() for k in keys][:40]
                                 + root_keys + ["no such key"]),
        "unresolved": reached.unresolved_levels(),
        "places": sorted(reached.places(provinces), key=lambda p: (p[0] is not None, p[0] or "")),
    }


@pytest.mark.parametrize("fixture", ["big_store", "chain_store"])
def test_the_index_answers_every_question_as_the_sql_walk(request, fixture):
    store = request.getfixturevalue(fixture)
    index = ReachIndex(store._conn, IMPLEMENTATION_TYPES, store.change_token())
    roots = _most_implemented(store, 4) + ["33/CT-TTG#2021", "35-CT/TU@Ninh Thuận#2020-2025",
                                          "no such document"]
    for root in roots:
        for max_depth in (10, 1):
            for provinces in NARROWINGS:
                by_sql = SQLiteReached(store, "reached", root, "in", IMPLEMENTATION_TYPES,
                                       max_depth)
                assert _answers(index.reached(store, root, max_depth), [root], provinces) == \
                    _answers(by_sql, [root], provinces), (root, max_depth, provinces)


def _keeper_of(store) -> ReachKeeper:
    keeper = ReachKeeper(lambda: SQLiteStore(store.path))
    keeper.start(store.change_token())
    keeper.wait(60)
    assert keeper.state()["state"] == "ready"
    store.reach_keeper = keeper
    return keeper


def test_the_stores_answers_are_the_same_with_and_without_the_index(chain_store):
    asked = [(queries.implementers, "33/CT-TTg 2021", {"limit": 2}),
             (queries.implementers, "33/CT-TTg 2021", {"limit": 1, "offset": 1,
                                                       "province": "Ninh Thuận"}),
             (queries.implementers, "35-CT/TU", {"depth": 2, "limit": 5}),
             (coverage, "33/CT-TTg 2021", {})]
    without = [fn(chain_store, q, **kw) for fn, q, kw in asked]
    _keeper_of(chain_store)
    try:
        assert type(chain_store.reached("33/CT-TTG#2021", "in", IMPLEMENTATION_TYPES,
                                        10)).__name__ == "IndexedReached"
        assert [fn(chain_store, q, **kw) for fn, q, kw in asked] == without
        # another kind of walk than the index holds: the SQL walk answers it
        assert type(chain_store.reached("33/CT-TTG#2021", "in", ("CITES",), 10)) \
            is SQLiteReached
    finally:
        del chain_store.reach_keeper


def test_after_a_write_the_sql_walk_answers_until_the_index_is_built_again(tmp_path):
    store = SQLiteStore(tmp_path / "g.sqlite")
    plan = doc("7/KH-UBND", "KH", "2022-03-01", "Ủy ban nhân dân tỉnh Bắc Kạn")
    store.load_pages([page("https://backan.example/7", "Bắc Kạn", subject=plan,
                           references=[CT33], relations=[rel("7/KH-UBND", "33/CT-TTg")])])
    keeper = _keeper_of(store)
    first = keeper.index
    assert queries.implementers(store, "33/CT-TTg 2021", limit=5)["depths"][0]["count"] == 1

    other = doc("8/KH-UBND", "KH", "2022-04-01", "Ủy ban nhân dân tỉnh Bắc Kạn")
    store.load_pages([page("https://backan.example/8", "Bắc Kạn", subject=other,
                           references=[CT33], relations=[rel("8/KH-UBND", "33/CT-TTg")])])
    # the index read before the write is not asked: the answer has the new plan
    assert type(store.reached("33/CT-TTG#2021", "in", IMPLEMENTATION_TYPES, 10)) \
        is SQLiteReached
    assert queries.implementers(store, "33/CT-TTg 2021", limit=5)["depths"][0]["count"] == 2
    keeper.wait(60)
    assert keeper.index is not first and keeper.index.token == store.change_token()
    assert type(store.reached("33/CT-TTG#2021", "in", IMPLEMENTATION_TYPES, 10)).__name__ \
        == "IndexedReached"
    assert queries.implementers(store, "33/CT-TTg 2021", limit=5)["depths"][0]["count"] == 2
    store.close()


def test_an_index_that_cannot_be_built_leaves_the_sql_walk_and_one_log_line(chain_store,
                                                                           caplog):
    def opener():
        raise OSError("disk went away")

    keeper = ReachKeeper(opener)
    chain_store.reach_keeper = keeper
    try:
        with caplog.at_level(logging.WARNING, logger="vanban.graph"):
            for _ in range(3):
                assert type(chain_store.reached("33/CT-TTG#2021", "in",
                                                IMPLEMENTATION_TYPES, 10)) is SQLiteReached
                keeper.wait(10)
        # tried once for this state of the store, not once a request
        assert [r.message for r in caplog.records] == \
            ["reach index not built: OSError: disk went away"]
        assert keeper.state() == {"state": "none", "error": "OSError: disk went away"}
    finally:
        del chain_store.reach_keeper


def test_the_status_says_when_the_index_is_ready(web_db):
    from starlette.testclient import TestClient

    from vanban.web import create_app
    with TestClient(create_app(lambda: SQLiteStore(web_db))) as client:
        for _ in range(100):
            status = client.get("/api/status").json()
            if status["reach_index"]["state"] == "ready":
                break
            import time
            time.sleep(0.1)
        assert status["reach_index"]["state"] == "ready", status
        assert status["reach_index"]["nodes"] > 0 and status["store"]
        assert client.get("/api/implementers", params={"q": "CT 33", "limit": 5}).status_code \
            == 200


SLICES = [(None, 0), (5, 0), (3, 2), (1, 10_000), (0, 0), (25, 25)]
TYPE_SETS = [queries.ALL_TYPES, IMPLEMENTATION_TYPES, ("CITES", "BASED_ON")]


def _neighbour_answers(store, keys):
    return {
        "slices": [store.edge_keys_slice([k], "in", types, limit, offset)
                   for k in keys for types in TYPE_SETS for limit, offset in SLICES],
        "sources": [store.sources(k, n) for k in keys for n in (50, 1, 0)],
        "sources_for": store.sources_for(keys + ["no such key"], 3),
    }


@pytest.mark.parametrize("fixture", ["big_store", "chain_store"])
def test_what_cites_a_node_and_its_sources_are_the_same_from_the_index(request, fixture):
    """Every node's citing documents (slices and counts, of each set of types) and source
    pages: from the neighbour index (graph/neighbour_index.py) as from SQL."""
    store = request.getfixturevalue(fixture)
    keys = [k for (k,) in store._conn.execute("SELECT key FROM nodes ORDER BY id")]
    keys = keys[:: max(1, len(keys) // 300)] + _most_implemented(store, 4) + ["no such key"]
    central = _most_implemented(store, 1)[0]
    by_sql = _neighbour_answers(store, keys)
    cited_by_sql = queries.cited_by(store, central, limit=25, offset=3)
    keeper = _keeper_of(store)
    try:
        assert keeper.neighbours(store) is not None
        assert _neighbour_answers(store, keys) == by_sql
        # a type the index does not know: SQL answers it (no relation has it)
        assert store.edge_keys_slice([keys[0]], "in", ("NO_SUCH_TYPE",), None, 0) == ([], 0)
        assert queries.cited_by(store, central, limit=25, offset=3) == cited_by_sql
    finally:
        del store.reach_keeper

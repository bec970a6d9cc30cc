"""Slices of large answers (graph/paging.py): a slice holds exactly the results the
whole answer has at the same positions, and counts all of them; the light look-ups it
walks with (`Store.reach`, `Store.edge_keys`) agree with the full ones."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import pytest

from graph import queries
from graph.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """The benchmark's synthetic graph at its smallest (2,000 documents, a few central
    documents with hundreds of implementers over two depths)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_graph import synthetic_records
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from graph.sqlite_store import SQLiteStore
    store = SQLiteStore(tmp_path_factory.mktemp("slices") / "big.sqlite")
    store.load_pages(synthetic_records(0.0001))
    yield store
    store.close()


def _most_implemented(store, n=2):
    return [k for k, _ in store.most_implemented(n)]


def _per_depth(results, limit, offset, depth=None):
    out = []
    for (_, d), group in itertools.groupby(results, key=lambda r: (r["implements"], r["depth"])):
        if depth in (None, d):
            out += list(group)[offset:offset + limit]
    return out


@pytest.mark.parametrize("limit,offset,depth", [(5, 0, None), (7, 3, None), (10, 20, 2),
                                                (1, 0, 1), (10_000, 0, None), (5, 10_000, None)])
def test_an_implementers_slice_is_the_whole_answer_cut(big_store, limit, offset, depth):
    for key in _most_implemented(big_store):
        whole = queries.implementers(big_store, key)
        part = queries.implementers(big_store, key, limit=limit, offset=offset, depth=depth)
        assert part["results"] == _per_depth(whole["results"], limit, offset, depth)
        assert part["unresolved"] == whole["unresolved"]
        counted = {(r["implements"], r["depth"]) for r in whole["results"]}
        assert {(c["implements"], c["depth"]): c["count"] for c in part["depths"]} == {
            k: sum(1 for r in whole["results"] if (r["implements"], r["depth"]) == k)
            for k in counted}
        assert (part["limit"], part["offset"], part["depth"]) == (limit, offset, depth)


def test_a_slice_narrowed_by_province_counts_that_province_only(big_store):
    key = _most_implemented(big_store, 1)[0]
    whole = queries.implementers(big_store, key, province="Hà Giang")
    part = queries.implementers(big_store, key, province="Hà Giang", limit=3)
    assert part["results"] == _per_depth(whole["results"], 3, 0)
    assert sum(c["count"] for c in part["depths"]) == len(whole["results"])


def test_without_limit_the_answer_is_unchanged(big_store):
    key = _most_implemented(big_store, 1)[0]
    assert set(queries.implementers(big_store, key)) == {"query", "parsed", "resolved",
                                                          "results", "unresolved"}
    assert "counts" not in queries.lineage(big_store, key)["lineages"][0]
    assert "counts" not in queries.cited_by(big_store, key)


def test_reach_and_edge_keys_agree_with_walk_and_edges(big_store):
    types = queries.IMPLEMENTATION_TYPES
    for key in _most_implemented(big_store, 3):
        for direction in ("in", "out"):
            assert big_store.reach(key, direction, types, 10) == \
                Store.reach(big_store, key, direction, types, 10)
            for ts in (types, queries.ALL_TYPES):
                assert big_store.edge_keys([key], direction, ts) == [
                    (e["source"], e["target"], e["type"])
                    for e in big_store.edges([key], direction, ts)]


def _flatten(nodes, depth=1):
    for n in nodes:
        yield depth, n["document"]["key"], n["relation"], n["evidence"]
        yield from _flatten(n["children"], depth + 1)


def test_a_lineage_slice_keeps_the_first_nodes_of_each_depth_with_their_evidence(big_store):
    key = _most_implemented(big_store, 1)[0]
    whole = queries.lineage(big_store, key)["lineages"][0]
    part = queries.lineage(big_store, key, limit=4)["lineages"][0]
    full = list(_flatten(whole["descendants"]))
    cut = list(_flatten(part["descendants"]))
    assert cut and all(c in full for c in cut)
    depths = sorted({d for d, *_ in full})
    assert all(sum(1 for d, *_ in cut if d == depth) <= 4 for depth in depths)
    assert [(c["depth"], c["count"]) for c in part["counts"]["descendants"]] == [
        (depth, sum(1 for d, *_ in full if d == depth)) for depth in depths]
    district = big_store.reach(key, "in", queries.IMPLEMENTATION_TYPES, 2)[-1][1]
    up = queries.lineage(big_store, district)["lineages"][0]["ancestors"]
    assert queries.lineage(big_store, district, limit=50)["lineages"][0]["ancestors"] == up
    assert up and all(ev for *_, ev in _flatten(up))
    only_up = queries.lineage(big_store, key, limit=4, sides=("ancestors",))["lineages"][0]
    assert "descendants" not in only_up and only_up["ancestors"] == part["ancestors"]


def test_a_cited_by_slice(big_store):
    key = _most_implemented(big_store, 1)[0]
    whole = queries.cited_by(big_store, key)
    part = queries.cited_by(big_store, key, limit=6, offset=2)
    assert part["results"] == whole["results"][2:8]
    assert part["counts"] == {key: len(whole["results"])}


def test_a_document_page_shows_a_page_of_each_depth_and_links_to_the_next(big_store):
    import re
    from urllib.parse import quote

    from starlette.testclient import TestClient

    from graph import open_store
    from vanban.web import create_app
    from vanban.web.app import PAGE_SIZE
    key = _most_implemented(big_store, 1)[0]
    whole = queries.implementers(big_store, key)
    at_depth = {d: [r["document"]["key"] for r in whole["results"] if r["depth"] == d]
                for d in (1, 2)}
    assert len(at_depth[2]) > 2 * PAGE_SIZE
    url = "/doc/" + quote(key, safe="")
    with TestClient(create_app(lambda: open_store(db=big_store.path))) as client:
        text = client.get(url).text
        for d in (1, 2):
            level = text[text.index(f'id="depth-{d}"'):]
            level = level[:level.index("</section>")]
            assert f"({len(at_depth[d])})" in level
            assert level.count('class="implementer"') == PAGE_SIZE
            assert f'href="{url}?depth={d}&amp;offset={PAGE_SIZE}#implementers"' in level
        second = client.get(url, params={"depth": 2, "offset": PAGE_SIZE}).text
        shown = re.findall(r'<li class="implementer" data-depth="(\d)">\s*<span class="rel">'
                           r'[^<]*</span>\s*<a href="/doc/([^"]+)"', second)
        assert [(d, k) for d, k in shown] == [
            ("2", quote(k, safe="")) for k in at_depth[2][PAGE_SIZE:2 * PAGE_SIZE]]
        assert 'rel="prev"' in second and 'id="depth-1"' not in second
        assert client.get(url, params={"offset": "-1"}).status_code == 400
        assert client.get(url, params={"depth": "²"}).status_code == 400
        api = client.get("/api/implementers", params={"q": key, "limit": 3, "depth": 1}).json()
        assert api == json.loads(json.dumps(queries.implementers(big_store, key, limit=3,
                                                                 depth=1)))


def _coverage_from_the_whole_answer(store, query, **narrowing):
    """The coverage rule applied to `queries.implementers`' whole answer."""
    from graph.provinces import successor
    found = queries.implementers(store, query, **narrowing)
    firsts, counts = {}, {}
    for r in found["results"]:
        doc = r["document"]
        now = successor(doc.get("province") or doc.get("locality"))
        if r["implements"] != found["resolved"][0]["key"] or now is None:
            continue
        counts[now] = counts.get(now, 0) + 1
        rank = (doc.get("date") or "9999", r["depth"], doc["key"])
        if now not in firsts or rank < firsts[now][0]:
            firsts[now] = (rank, {"key": doc["key"], "number": doc.get("number"),
                                  "date": doc.get("date"), "province": doc.get("province"),
                                  "depth": r["depth"], "path": r["path"]})
    return found["resolved"], {p: f for p, (_, f) in firsts.items()}, counts


@pytest.mark.parametrize("own_reach", [True, False])
@pytest.mark.parametrize("narrowing", [{}, {"province": "Hà Giang"}])
def test_coverage_reads_the_walk_by_key_and_answers_as_the_whole_answer(big_store, narrowing,
                                                                        own_reach):
    from graph.coverage import coverage
    store = big_store if own_reach else _WithoutOwnReach(big_store)
    for key in _most_implemented(big_store, 2):
        resolved, firsts, counts = _coverage_from_the_whole_answer(big_store, key, **narrowing)
        got = coverage(store, key, **narrowing)
        assert got["resolved"] == resolved
        assert {r["province"]: r["first"] for r in got["provinces"] if r["first"]} == firsts
        assert {r["province"]: r["count"] for r in got["provinces"] if r["count"]} == counts


class _WithoutOwnReach:
    """A store without its own shortcuts: `reached` and `edge_keys_slice` are the `Store`
    defaults (over this wrapper, so over the store's `reach` and `edge_keys`), and there
    is no `province_figures`: graph.paging and graph.coverage answer from the `Store`
    interface, as for any store."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        from graph.store import Store
        if name in ("reached", "edge_keys_slice"):
            return getattr(Store, name).__get__(self)
        if name == "province_figures":
            raise AttributeError(name)
        return getattr(self._store, name)


@pytest.fixture(scope="module")
def chain_store(tmp_path_factory):
    """The contract tests' pages with unresolved references along the chains."""
    from graph.sqlite_store import SQLiteStore
    from tests.graph.records import ALL
    from tests.graph.test_contract_bulk import MORE
    store = SQLiteStore(tmp_path_factory.mktemp("chains") / "chains.sqlite")
    store.load_records(ALL + MORE)
    yield store
    store.close()


@pytest.mark.parametrize("own_reach", [True, False])
@pytest.mark.parametrize("limit,offset,depth", [(1, 0, None), (1, 1, None), (5, 0, 2),
                                                (100, 0, None)])
def test_a_slice_with_unresolved_references_on_its_chains(chain_store, own_reach, limit,
                                                         offset, depth):
    store = chain_store if own_reach else _WithoutOwnReach(chain_store)
    for query, narrowing in [("33/CT-TTg 2021", {}), ("35-CT/TU", {"province": "Ninh Thuận"}),
                             ("33/CT-TTg 2021", {"province": "Ninh Thuận"})]:
        whole = queries.implementers(chain_store, query, **narrowing)
        part = queries.implementers(store, query, limit=limit, offset=offset, depth=depth,
                                    **narrowing)
        assert whole["unresolved"] and part["unresolved"] == whole["unresolved"]
        assert part["results"] == _per_depth(whole["results"], limit, offset, depth)


@pytest.mark.parametrize("limit,offset,depth", [(5, 0, None), (7, 3, None), (10, 20, 2)])
def test_the_stores_own_reach_answers_as_the_one_from_reach(big_store, limit, offset, depth):
    for key in _most_implemented(big_store):
        for narrowing in ({}, {"province": "Hà Giang"}):
            assert queries.implementers(big_store, key, limit=limit, offset=offset,
                                        depth=depth, **narrowing) == \
                queries.implementers(_WithoutOwnReach(big_store), key, limit=limit,
                                     offset=offset, depth=depth, **narrowing)


def test_a_reach_replaced_by_a_newer_walk_refuses_questions(big_store):
    first = big_store.reached(_most_implemented(big_store, 1)[0], "in",
                              queries.IMPLEMENTATION_TYPES, 10)
    big_store.reached(_most_implemented(big_store, 2)[1], "in", queries.IMPLEMENTATION_TYPES, 10)
    with pytest.raises(RuntimeError):
        first.counts()


@pytest.mark.parametrize("direction", ["in", "out"])
@pytest.mark.parametrize("limit,offset", [(6, 2), (1, 0), (None, 3), (0, 0), (5, 10_000)])
def test_the_stores_edge_slice_is_edge_keys_cut(big_store, direction, limit, offset):
    for key in _most_implemented(big_store, 2) + [_most_implemented(big_store, 3)]:
        keys = key if isinstance(key, list) else [key]
        for types in (queries.IMPLEMENTATION_TYPES, queries.ALL_TYPES):
            ends = big_store.edge_keys(keys, direction, types)
            stop = None if limit is None else offset + limit
            assert big_store.edge_keys_slice(keys, direction, types, limit, offset) == (
                ends[offset:stop], len(ends))


def test_the_stores_province_figures_are_the_summary_from_its_documents(big_store, chain_store):
    from graph.coverage import province_summary
    from graph.provinces import SUCCESSION
    for store in (big_store, chain_store):
        summaries = []
        for name in list(SUCCESSION)[:12] + ["Ninh Thuận", "Khánh Hòa", "Thái Nguyên"]:
            summaries.append(province_summary(store, name))
            assert summaries[-1] == province_summary(_WithoutOwnReach(store), name)
        assert any(s["documents"] and s["most_implemented"] and s["years"]
                   for s in summaries)


def test_a_search_by_common_words_ranks_a_bounded_window(big_store, monkeypatch):
    from graph import search
    words = ["ke", "hoach", "thuc", "hien"]
    match = " ".join(f'"{w}"' for w in words)
    having = [r[0] for r in big_store._conn.execute(
        "SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? ORDER BY rowid DESC", (match,))]
    assert len(having) > 100
    whole = search.sqlite_words(big_store, words, 10_000)
    assert len(whole) == len(having)     # fewer than RANKED: every one ranked
    statements = []
    big_store._conn.set_trace_callback(statements.append)
    try:
        monkeypatch.setattr(search, "RANKED", 40)
        part = search.sqlite_words(big_store, words, 10)
        bounded = len(statements)
        statements.clear()
        monkeypatch.setattr(search, "RANKED", 10_000)
        search.sqlite_words(big_store, words, 10)
    finally:
        big_store._conn.set_trace_callback(None)
    newest = {k for k, in big_store._conn.execute(
        f"SELECT key FROM nodes WHERE id IN ({','.join('?' * 40)})", having[:40])}
    assert len(part) == 10 and set(part) <= newest
    # the ranking reads each ranked document's statistics: a window of 40 reads 40
    assert bounded < 100 < len(statements)


@pytest.mark.parametrize("text", ["ke hoach thuc hien", "uy ban nhan dan tinh", "huyen uy",
                                  "thuc hien 12", "uy uy ban", "ha giang", "kh ubnd",
                                  "ba ria vung tau", "nq tw", "khong co tu nay"])
def test_a_search_by_words_ranks_as_fts5_bm25_does(big_store, monkeypatch, text):
    """The ranking computed from the kept word counts is FTS5's own bm25 ranking, in a
    window smaller than the documents having the words and in one holding them all."""
    from graph import search
    words = search.folded_words(text)
    match = " ".join(f'"{w}"' for w in words)
    for ranked in (40, search.RANKED):
        monkeypatch.setattr(search, "RANKED", ranked)
        by_fts5 = [r[0] for r in big_store._conn.execute(
            "SELECT n.key FROM (SELECT rowid AS id, bm25(doc_fts) AS score FROM doc_fts "
            "WHERE doc_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f JOIN nodes n ON n.id = f.id "
            "ORDER BY f.score, n.key", (match, ranked))]
        assert search.sqlite_words(big_store, words, 10_000) == by_fts5
        assert search.sqlite_words(big_store, words, 7) == by_fts5[:7]


def test_the_kept_word_counts_follow_the_store(tmp_path):
    """A load changes the store's token: the counts bm25 weighs words by are read anew."""
    from graph import search
    from graph.sqlite_store import SQLiteStore
    store = SQLiteStore(tmp_path / "words.sqlite")
    page = lambda i, title: {  # noqa: E731
        "url": f"https://ubnd.example/{i}", "province": "Hà Giang",
        "subject": {"number": f"{i}/KH-UBND", "kind": "KH", "date": "2024-01-02",
                    "issuer": "Ủy ban nhân dân tỉnh Hà Giang", "title": title},
        "references": [], "relations": []}
    store.load_records([page(1, "Kế hoạch dân vận khéo"), page(2, "Kế hoạch chuyển đổi số")])
    assert search.sqlite_words(store, ["ke", "hoach"], 10) == ["1/KH-UBND@Hà Giang#2024",
                                                           "2/KH-UBND@Hà Giang#2024"]
    first = search._corpus(store)
    store.load_records([page(3, "Kế hoạch dân vận khéo năm 2024")])
    again = search._corpus(store)
    assert again is not first and again.rows == first.rows + 1
    assert search.sqlite_words(store, ["dan", "van"], 10)[0] == "1/KH-UBND@Hà Giang#2024"
    store.close()


class _CountingFacts:
    """A store that counts the documents whose facts it hands over."""

    def __init__(self, store):
        self._store, self.read = store, 0

    def documents(self, keys):
        found = self._store.documents(keys)
        self.read += len(found)
        return found

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_search_by_words_reads_the_facts_of_what_it_shows(big_store):
    from graph import search
    store = _CountingFacts(big_store)
    found = search.search(store, "ke hoach thuc hien", limit=7)
    assert len(found["results"]) == 7 and store.read == 7
    narrowed = search.search(store, "ke hoach thuc hien", limit=7, province="Hà Giang")
    assert narrowed["results"] and all(d["province"] == "Hà Giang"
                                       for d in narrowed["results"])
    assert narrowed == search.search(big_store, "ke hoach thuc hien", limit=7,
                                     province="Hà Giang")

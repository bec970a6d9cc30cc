"""The store contract, bulk loads: the same graph whatever the batches and the load
order, unresolved references along chains, the walk's tree, the property graph both
stores hold. Every test runs against SQLite and a real Neo4j unless marked."""

from __future__ import annotations

import pytest

from graph import queries
from tests.graph.records import ALL, DISTRICT, doc, page, rel
from tests.graph.test_contract import keys

# --- bulk loading, load order, unresolved references along chains ----------------------

# Pages that exercise every identity path: partial mentions that link to the only
# candidate, stay unresolved, get a provisional document or are settled later; laws; a
# page loaded twice in two versions.
MORE = [
    page("https://tw.example/33-2016", None,
         subject=doc("33/CT-TTg", "CT", "2016-07-08", "Thủ tướng Chính phủ")),
    page("https://x.example/kh-9", "Bắc Kạn",
         subject=doc("9/KH-UBND", "KH", "2023-02-01", "UBND tỉnh"),
         references=[doc("33/CT-TTg", "CT")], relations=[rel("9/KH-UBND", "33/CT-TTg")],
         published="2023-02-02"),
    page("https://ninhson.example/kh-7", "Ninh Thuận",
         subject=doc("7-KH/HU", "KH", "2023-05-20", "Huyện ủy Ninh Sơn"),
         references=[doc("35-CT/TU", "CT")], relations=[rel("7-KH/HU", "35-CT/TU")],
         published="2023-05-25"),
    page("https://x.example/kh-9", "Bắc Kạn",     # a newer version of the same page
         subject=doc("9/KH-UBND", "KH", "2023-02-01", "UBND tỉnh",
                     title="Triển khai Chỉ thị về dân vận"),
         references=[doc("33/CT-TTg", "CT"), doc("05-CT/TW", "CT", None, "Bộ Chính trị")],
         relations=[rel("9/KH-UBND", "33/CT-TTg")], published="2023-02-02"),
    page("https://tw.example/05", None,
         subject=doc("05-CT/TW", "CT", "2016-05-15", "Bộ Chính trị",
                     title="Đẩy mạnh học tập và làm theo tư tưởng")),
]


def full_dump(store):
    """Every node with all its properties, every relation with its evidence, every
    mention with its reason, every page."""
    nodes = sorted((json_key(n) for n in store.iter_nodes()))
    edges = sorted(json_key(e) for e in store.iter_edges())
    mentions = sorted(json_key(m) for m in store.iter_mentions())
    pages = sorted(json_key(p) for p in store.iter_pages())
    return nodes, edges, mentions, pages


def json_key(d):
    import json
    return json.dumps({k: v for k, v in d.items() if v is not None}, sort_keys=True,
                      ensure_ascii=False)


def test_bulk_load_gives_the_same_graph_as_page_by_page(store):
    records = ALL + MORE
    for record in records:
        store.upsert_page(record)             # one page per transaction
    by_page = full_dump(store)
    assert any(n["label"] == "UnresolvedReference" for n in store.iter_nodes())
    store.clear()
    report = store.load_pages(records)        # one big batch
    assert report.pages == len({r["url"] for r in records}) and not report.errors
    assert full_dump(store) == by_page
    store.load_pages(records)                 # idempotent
    assert full_dump(store) == by_page
    store.clear()
    store.load_pages(records, batch_size=3)   # several batches
    assert full_dump(store) == by_page


def test_a_documents_facts_do_not_depend_on_load_order(store):
    own = page("https://ninhthuan.example/vb/35.pdf", "Ninh Thuận", source="pdf",
               subject=doc("35-CT/TU", "CT", "2022-11-02", "Ban Thường vụ Tỉnh ủy Ninh Thuận",
                           title="Về đẩy mạnh phong trào thi đua Dân vận khéo",
                           signer="Lê Văn Bình"),
               published="2022-11-03")
    news = page("https://ninhthuan.example/tin/35", "Ninh Thuận", source="html",
                subject=doc("35-CT/TU", "CT", "2022-11-02", "Tỉnh ủy Ninh Thuận",
                            title="Tỉnh ủy ban hành chỉ thị mới"),
                published="2022-11-01")
    cites = page("https://ninhthuan.example/huyen/3", "Ninh Thuận",
                 subject=doc("3-KH/HU", "KH", "2023-01-05", "Huyện ủy Ninh Hải"),
                 references=[doc("35-CT/TU", "CT", "2022-11-02", "Tỉnh ủy Ninh Thuận")],
                 published="2023-01-06")
    nodes = []
    for order in ([own, news, cites], [cites, news, own], [news, cites, own]):
        store.clear()
        for record in order:
            store.upsert_page(record)
        nodes.append(store.documents(["35-CT/TU@Ninh Thuận#2020-2025"]))
    assert nodes[0] == nodes[1] == nodes[2]
    node = nodes[0]["35-CT/TU@Ninh Thuận#2020-2025"]
    # the document's own full text wins over the news page that reports it
    assert node["title"] == "Về đẩy mạnh phong trào thi đua Dân vận khéo"
    assert node["issuer"] == "Ban Thường vụ Tỉnh ủy Ninh Thuận"
    assert node["signer"] == "Lê Văn Bình"
    assert node["first_seen"] == "2022-11-01"
    # a page replaced by a version without the title gives way to the next best page
    store.upsert_page(dict(own, subject=dict(own["subject"], title=None)))
    node = store.documents(["35-CT/TU@Ninh Thuận#2020-2025"])["35-CT/TU@Ninh Thuận#2020-2025"]
    assert node["title"] == "Tỉnh ủy ban hành chỉ thị mới"


def test_unresolved_references_along_the_chains(store):
    store.load_records(ALL + MORE)
    out = queries.implementers(store, "33/CT-TTg 2021")
    assert keys(out) == ["33/CT-TTG#2021"]
    deep = [u for u in out["unresolved"] if u["depth"] == 2]
    assert [u["document"] for u in deep] == ["7-KH/HU@Ninh Thuận/Ninh Sơn#2020-2025"]
    assert deep[0]["reference"] == "35-CT/TU"
    assert sorted(deep[0]["via"]) == ["35-CT/TU@Bắc Kạn#2020-2025",
                                      "35-CT/TU@Ninh Thuận#2020-2025"]
    assert deep[0]["via_path"][-1] == "33/CT-TTG#2021" and deep[0]["type"] == "IMPLEMENTS"
    direct = [u for u in out["unresolved"] if u["depth"] == 1]
    assert [u["document"] for u in direct] == ["9/KH-UBND@Bắc Kạn#2023"]
    assert direct[0]["via"] == ["33/CT-TTG#2021"]
    # from the provincial directive, the same reference is a direct one
    local = queries.implementers(store, "35-CT/TU", province="Ninh Thuận")
    assert [(u["document"], u["depth"]) for u in local["unresolved"]] == [
        ("7-KH/HU@Ninh Thuận/Ninh Sơn#2020-2025", 1)]


def test_a_bulk_load_into_an_empty_file_builds_its_deferred_indexes(sqlite_store):
    from graph.sqlite_store import _DEFERRED_INDEXES
    sqlite_store.load_pages(ALL + MORE, batch_size=2)
    names = {r[0] for r in sqlite_store._conn.execute(
        "SELECT name FROM sqlite_master WHERE type='index'")}
    assert set(_DEFERRED_INDEXES) <= names
    assert sqlite_store._conn.execute("PRAGMA cache_size").fetchone()[0] != -2 * 1024 * 1024


def test_a_stores_walk_is_the_breadth_first_tree_of_its_edges(store):
    """`Store.walk` (one query for the tree on Neo4j) gives what the level-by-level walk
    over `edges` gives: same nodes, depths, edges and evidence, with and without a cap."""
    from graph.relation_types import IMPLEMENTATION_TYPES, LINEAGE_TYPES
    from graph.store import Store
    store.load_records(ALL)
    # a diamond (9-TB reaches 35-CT/TU through 12-KH and 7-KH), two types between one
    # pair (7-KH implements and is based on 35-CT/TU), and a cycle (35-CT/TU based on 7-KH)
    nt35 = doc("35-CT/TU", "CT", "2022-11-02", "Ban Thường vụ Tỉnh ủy Ninh Thuận")
    kh7 = doc("7-KH/UBND", "KH", "2023-02-01", "Ủy ban nhân dân tỉnh Ninh Thuận")
    kh12 = doc("12-KH/HU", "KH", "2023-01-10", "Huyện ủy Ninh Phước")
    store.load_records([
        page("https://ninhthuan.example/kh-7", "Ninh Thuận", subject=kh7, references=[nt35],
             relations=[rel("7-KH/UBND", "35-CT/TU"),
                        rel("7-KH/UBND", "35-CT/TU", "BASED_ON", cue="Căn cứ")]),
        page("https://ninhthuan.example/tb-9", "Ninh Thuận",
             subject=doc("9-TB/HU", "TB", "2023-03-01", "Huyện ủy Ninh Phước"),
             references=[kh7, kh12], relations=[rel("9-TB/HU", "7-KH/UBND"),
                                                rel("9-TB/HU", "12-KH/HU")]),
        page("https://ninhthuan.example/35-bis", "Ninh Thuận", subject=nt35, references=[kh7],
             relations=[rel("35-CT/TU", "7-KH/UBND", "BASED_ON", cue="Căn cứ")])])
    roots = [n["key"] for n in store.iter_nodes()]
    assert len(roots) > 5
    for root in roots:
        for direction in ("in", "out"):
            for types in (IMPLEMENTATION_TYPES, LINEAGE_TYPES):
                for max_depth, max_nodes in ((10, None), (1, None), (8, 2), (8, 3), (8, 4), (8, 6)):
                    assert (store.walk(root, direction, types, max_depth, max_nodes)
                            == Store.walk(store, root, direction, types, max_depth, max_nodes)
                            ), (root, direction, max_depth, max_nodes)


@pytest.mark.neo4j
def test_neo4j_walks_a_tree_in_two_queries(neo4j_store, monkeypatch):
    """The walk itself is one query on Neo4j, whatever the depth; its evidence one more."""
    from graph.relation_types import IMPLEMENTATION_TYPES
    neo4j_store.load_records(ALL)
    queries_run = []
    read = neo4j_store._read
    monkeypatch.setattr(neo4j_store, "_read",
                        lambda query, **params: queries_run.append(query) or read(query, **params))
    tree = neo4j_store.walk("33/CT-TTG#2021", "in", IMPLEMENTATION_TYPES, 10)
    assert [depth for depth, _ in tree] == [1, 1, 2]
    assert len(queries_run) == 2


@pytest.mark.neo4j
def test_sqlite_holds_the_property_graph_neo4j_holds(sqlite_store, neo4j_store):
    """Every node and relationship with every property Neo4j keeps, read back from
    SQLite's tables, after the same loads in pieces: what a neo4j-admin import of the
    SQLite store writes (`vanban load --neo4j-import`) is what Neo4j would hold."""
    from graph.property_graph import comparable
    for store in (sqlite_store, neo4j_store):
        store.load_pages(list(reversed(ALL)), batch_size=2)
        for record in MORE:
            store.upsert_page(record)
        store.delete_page(DISTRICT["url"])
        store.upsert_page(DISTRICT)
    got = [comparable(s.iter_property_nodes(), s.iter_property_relationships())
           for s in (sqlite_store, neo4j_store)]
    assert got[0] == got[1]
    assert {r[0] for r in got[0][1]} >= {"MENTIONS", "IMPLEMENTS", "CANDIDATE", "GUIDES"}


@pytest.mark.parametrize("ahead", [False, True])
def test_records_read_ahead_load_the_same_and_their_errors_reach_the_caller(sqlite_store,
                                                                           ahead):
    """`parse_ahead` (Neo4j's default) reads records in a thread: same batches, same
    graph, malformed records reported, and a failing source's error raised by the load."""
    from graph.store import parsed_batches
    sqlite_store.parse_ahead = ahead
    errors = []
    batches = list(parsed_batches(ALL + [{"url": None}] + ALL[:1], 2, errors, ahead))
    assert [len(b) for b in batches] == [2, 2, 2] and errors[0][0] == len(ALL)
    report = sqlite_store.load_pages(ALL + [{"url": None}], batch_size=2)
    assert report.pages == len(ALL) and [i for i, _ in report.errors] == [len(ALL)]

    def failing():
        yield from ALL[:3]
        raise OSError("the disk went away")
    with pytest.raises(OSError, match="went away"):
        sqlite_store.load_pages(failing(), batch_size=2)


def test_a_batch_too_big_for_the_store_loads_in_halves(sqlite_store, tmp_path, monkeypatch):
    """A transaction the server cannot hold (Neo4j's transaction memory) is retried in
    halves, and later batches are cut to the size that fitted: same graph, all counted."""
    from graph.sqlite_store import SQLiteStore
    records = ALL + MORE
    with SQLiteStore(tmp_path / "whole.sqlite") as whole:
        whole.load_pages(records)
        expected = full_dump(whole)

    class TooBig(RuntimeError):
        pass
    write, sizes = sqlite_store._upsert_facts, []

    def upsert(pages):
        if len(pages) > 2:
            raise TooBig("transaction memory")
        sizes.append(len(pages))
        write(pages)
    monkeypatch.setattr(sqlite_store, "_upsert_facts", upsert)
    monkeypatch.setattr(sqlite_store, "_batch_too_big", lambda exc: isinstance(exc, TooBig))
    report = sqlite_store.load_pages(records, batch_size=5)
    assert max(sizes) <= 2 and report.pages == len({r["url"] for r in records})
    assert full_dump(sqlite_store) == expected


def test_a_reloaded_page_takes_back_what_it_said_about_the_documents_it_cites(store):
    """A reload recomputes the facts that may have come from the page (Neo4j skips the
    documents whose facts cannot): the graph is the one loading the last versions gives."""
    cited = doc("12/KH-UBND", "KH", None, "Ủy ban nhân dân tỉnh Ninh Thuận")
    first = page("https://ninhthuan.example/a", "Ninh Thuận",
                 subject=doc("7-KH/HU", "KH", "2023-03-01", "Huyện ủy Ninh Hải"),
                 references=[{**cited, "date": "2022-05-04",
                              "issuer": "UBND tỉnh Ninh Thuận"}],
                 published="2023-03-02")
    second = page("https://ninhthuan.example/b", "Ninh Thuận",
                  subject=doc("9-KH/HU", "KH", "2023-06-01", "Huyện ủy Thuận Bắc"),
                  references=[{**cited, "date": "2022-05-04"}], published="2023-06-02")
    later = {**first, "references": [{**cited, "date": "2022-05-04"}], "published": "2023-07-01"}
    store.load_pages([first, second])
    store.load_pages([later])
    reloaded = full_dump(store)
    store.clear()
    store.load_pages([second, later])
    assert reloaded == full_dump(store)
    key = next(n["key"] for n in store.iter_nodes() if n["key"].startswith("12/KH-UBND"))
    facts = store.documents([key])[key]
    assert facts["issuer"] == cited["issuer"] and facts["first_seen"] == "2023-06-02"
    # a reload of a page that gave none of the cited document's facts (seen later)
    again = {**later, "published": "2023-08-01"}
    store.load_pages([again])
    reloaded = full_dump(store)
    store.clear()
    store.load_pages([second, again])
    assert reloaded == full_dump(store)
    assert store.documents([key])[key]["first_seen"] == "2023-06-02"

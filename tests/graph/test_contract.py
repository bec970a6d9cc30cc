"""The store contract: every test runs against SQLite and against a real Neo4j."""

from __future__ import annotations

import copy

from graph import queries
from tests.graph.records import ALL, BAC_KAN_35, CT33, DISTRICT, NINH_THUAN, doc, page, rel


def dump(store):
    """Everything a store holds, comparable across loads and stores."""
    nodes = sorted((n["key"], n.get("label"), n.get("date"), n.get("issuer"), n.get("title"),
                    bool(n.get("provisional"))) for n in store.iter_nodes())
    edges = sorted((e["source"], e["target"], e["type"],
                    tuple(sorted((ev["page"], ev.get("sentence") or "") for ev in e["evidence"])))
                   for e in store.iter_edges())
    mentions = sorted((m["page"], m["node"], m.get("role")) for m in store.iter_mentions())
    return nodes, edges, mentions


def keys(result):
    return [d["key"] for d in result["resolved"]]


def test_chain_of_implementers_with_depth_path_and_evidence(store):
    store.load_records(ALL)
    out = queries.implementers(store, "CT 33/CT-TTg")
    assert keys(out) == ["33/CT-TTG#2021"]
    got = {(r["document"]["number"], r["document"].get("province"), r["depth"])
           for r in out["results"]}
    assert got == {("35-CT/TU", "Ninh Thuận", 1), ("35-CT/TU", "Bắc Kạn", 1),
                   ("12-KH/HU", "Ninh Thuận", 2)}
    deep = next(r for r in out["results"] if r["depth"] == 2)
    assert deep["path"] == ["12-KH/HU@Ninh Thuận/Ninh Phước#2020-2025",
                            "35-CT/TU@Ninh Thuận#2020-2025", "33/CT-TTG#2021"]
    assert [s["type"] for s in deep["evidence"]] == ["IMPLEMENTS", "IMPLEMENTS"]
    assert deep["evidence"][1]["evidence"][0]["page"] == NINH_THUAN["url"]
    assert "Chỉ thị 33/CT-TTg" in deep["evidence"][1]["evidence"][0]["sentence"]
    assert all(r["implements"] == "33/CT-TTG#2021" for r in out["results"])


def test_local_numbers_are_scoped_by_locality(store):
    store.load_records(ALL)
    docs = store.find_documents(number_key="35-CT/TU")
    assert sorted(d["province"] for d in docs) == ["Bắc Kạn", "Ninh Thuận"]
    # the district page says only "Ban Thường vụ Tỉnh ủy": the page's province decides
    narrowed = queries.implementers(store, "35-CT/TU", province="Ninh Thuận")
    assert keys(narrowed) == ["35-CT/TU@Ninh Thuận#2020-2025"]
    assert [r["document"]["number"] for r in narrowed["results"]] == ["12-KH/HU"]


def test_two_party_numbers_of_different_terms_stay_apart(store):
    store.load_records(ALL)
    out = queries.implementers(store, "Chỉ thị 05-CT/TW")
    assert len(out["resolved"]) == 2
    by_key = {d["key"]: d for d in out["resolved"]}
    assert by_key["5-CT/TW#XIII"]["issuer"] == "Ban Bí thư"
    undated = next(d for k, d in by_key.items() if k != "5-CT/TW#XIII")
    assert undated["provisional"] and undated["issuer"] == "Bộ Chính trị"
    impl = {(r["implements"], r["document"]["number"]) for r in out["results"]}
    assert impl == {("5-CT/TW#XIII", "21/KH-UBND"), (undated["key"], "252-CV/HU")}
    assert keys(queries.implementers(store, "05-CT/TW 2021")) == ["5-CT/TW#XIII"]


def test_a_later_page_that_dates_the_document_settles_it(store):
    store.load_records(ALL)
    store.upsert_page(page("https://tw.example/05", None,
                           subject=doc("05-CT/TW", "CT", "2016-05-15", "Bộ Chính trị",
                                       title="Đẩy mạnh học tập và làm theo tư tưởng")))
    out = queries.implementers(store, "05-CT/TW")
    assert sorted(keys(out)) == ["5-CT/TW#XII", "5-CT/TW#XIII"]
    impl = {(r["implements"], r["document"]["number"]) for r in out["results"]}
    assert ("5-CT/TW#XII", "252-CV/HU") in impl
    reasons = [m["reason"] for m in store.iter_mentions()
               if m["node"] == "5-CT/TW#XII" and m["role"] == "reference"]
    assert reasons and reasons[0].startswith("only known candidate")
    assert not any(n.get("provisional") for n in store.iter_nodes())


def test_state_numbers_restart_every_year_and_an_undated_mention_stays_unresolved(store):
    store.load_records(ALL)
    store.upsert_page(page("https://tw.example/33-2016", None,
                           subject=doc("33/CT-TTg", "CT", "2016-07-08", "Thủ tướng Chính phủ")))
    store.upsert_page(page("https://x.example/kh-9", "Bắc Kạn",
                           subject=doc("9/KH-UBND", "KH", "2023-02-01", "UBND tỉnh"),
                           references=[doc("33/CT-TTg", "CT")],
                           relations=[rel("9/KH-UBND", "33/CT-TTg")], published="2023-02-02"))
    both = queries.implementers(store, "Chỉ thị 33")
    assert sorted(keys(both)) == ["33/CT-TTG#2016", "33/CT-TTG#2021"]
    assert "9/KH-UBND" not in {r["document"]["number"] for r in both["results"]}
    unresolved = both["unresolved"]
    assert [u["document"] for u in unresolved] == ["9/KH-UBND@Bắc Kạn#2023"] * len(unresolved)
    assert unresolved and sorted(unresolved[0]["candidates"]) == ["33/CT-TTG#2016",
                                                                   "33/CT-TTG#2021"]
    assert keys(queries.implementers(store, "33/CT-TTg ngày 26/11/2021")) == ["33/CT-TTG#2021"]
    assert keys(queries.implementers(store, "CT 33", year=2016)) == ["33/CT-TTG#2016"]


def test_loading_twice_changes_nothing_and_order_does_not_matter(store):
    store.load_records(ALL)
    first = dump(store)
    store.load_records(ALL)
    assert dump(store) == first
    for record in reversed(ALL):
        store.upsert_page(record)
    assert dump(store) == first


def test_reloading_a_page_replaces_what_it_asserted(store):
    store.load_records(ALL)
    changed = copy.deepcopy(NINH_THUAN)
    changed["relations"] = [r for r in changed["relations"] if r["source"] != "35-CT/TU"]
    store.upsert_page(changed)
    out = queries.implementers(store, "33/CT-TTg")
    assert {r["document"]["province"] for r in out["results"]} == {"Bắc Kạn"}
    cited = queries.cited_by(store, "33/CT-TTg")
    types = {(r["document"]["key"], r["type"]) for r in cited["results"]}
    assert ("35-CT/TU@Ninh Thuận#2020-2025", "CITES") in types   # now a plain citation
    assert ("35-CT/TU@Ninh Thuận#2020-2025", "IMPLEMENTS") not in types


def test_every_page_stating_a_relation_keeps_its_evidence(store):
    store.load_records(ALL)
    again = page("https://other.example/35", "Ninh Thuận",
                 subject=doc("35-CT/TU", "CT", "2022-11-02", "Tỉnh ủy Ninh Thuận"),
                 references=[CT33], relations=[rel("35-CT/TU", "33/CT-TTg", sentence="Tiếp tục "
                                                   "thực hiện Chỉ thị 33/CT-TTg trong toàn tỉnh.")])
    store.upsert_page(again)
    edge = [e for e in store.edges(["33/CT-TTG#2021"], "in", ["IMPLEMENTS"])
            if e["source"] == "35-CT/TU@Ninh Thuận#2020-2025"]
    assert len(edge) == 1
    assert sorted(ev["page"] for ev in edge[0]["evidence"]) == sorted([again["url"], NINH_THUAN["url"]])


def test_lineage_cites_search_stats(store):
    store.load_records(ALL)
    lin = queries.lineage(store, "12-KH/HU")["lineages"][0]
    assert lin["ancestors"][0]["document"]["number"] == "35-CT/TU"
    assert lin["ancestors"][0]["children"][0]["document"]["number"] == "33/CT-TTg"
    lin = queries.lineage(store, "21/KH-UBND")["lineages"][0]
    assert {(a["relation"], a["document"]["number"]) for a in lin["ancestors"]} == {
        ("IMPLEMENTS", "05-CT/TW"), ("BASED_ON", "141-KH/BDVTU")}
    cites = queries.cites(store, "21/KH-UBND")
    assert {(r["type"], r["document"].get("number")) for r in cites["results"]} >= {
        ("CITES", "33/CT-TTg"), ("CITES", "59/2023/NĐ-CP")}
    guides = queries.cites(store, "59/2023/NĐ-CP")["results"]
    assert [(r["type"], r["document"]["label"]) for r in guides] == [("GUIDES", "Law")]
    found = queries.search(store, "CT 35", province="Bắc Kạn")["results"]
    assert [d["key"] for d in found] == ["35-CT/TU@Bắc Kạn#2020-2025"]
    assert [d["number"] for d in queries.search(store, kind="KH", year=2025)["results"]] == [
        "21/KH-UBND"]
    st = queries.stats(store)
    assert st["pages"] == 5 and st["kinds"]["CT"] >= 5
    assert st["most_implemented"][0]["implementers"] == 2
    assert st["influence"]


def test_page_hash_and_delete(store):
    rec = dict(DISTRICT, content_hash="abc123")
    store.load_records([NINH_THUAN, rec])
    assert store.page_hash(DISTRICT["url"]) == "abc123"
    assert store.page_hash("https://nowhere.example/") is None
    assert store.delete_page(DISTRICT["url"])
    assert not store.find_documents(number_key="12-KH/HU")
    assert store.page_hash(DISTRICT["url"]) is None


def test_a_bad_record_is_reported_and_the_rest_load(store):
    bad = {"url": "https://bad.example/", "subject": {"number": ""}}
    report = store.load_records([bad, BAC_KAN_35])
    assert [i for i, _ in report.errors] == [0] and "number" in report.errors[0][1]
    assert report.pages == 1
    assert store.find_documents(number_key="35-CT/TU")


def test_networkx_view_matches_queries(store):
    store.load_records(ALL)
    g = store.to_networkx()
    reach = queries.traverse_networkx(g, "33/CT-TTG#2021")
    out = queries.implementers(store, "33/CT-TTG#2021")
    assert {k: d for k, (d, _) in reach.items()} == {
        r["document"]["key"]: r["depth"] for r in out["results"]}

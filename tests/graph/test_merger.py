"""Identity and queries across the 2025 merger of provinces, on both stores.

Bắc Kạn joined Thái Nguyên on 1 July 2025 (Nghị quyết 202/2025/QH15). Pages before and
after it: a Bắc Kạn plan of January 2025 read on the Bắc Kạn portal and, in 2026, on the
Thái Nguyên portal ("UBND tỉnh Bắc Kạn (cũ)"); a Thái Nguyên plan after the merger that says
only "UBND tỉnh"; a page that says a former body issued something after the merger (a
doubt). Every sentence is our own; the numbers of 21/KH-UBND and 33/CT-TTg are real.
"""

from __future__ import annotations

import json

import pytest

from graph import queries
from graph import search as word_search
from graph.identity import Mention, decided_key, locality_of, series_of
from tests.graph.records import BAC_KAN_PLAN, CT33, doc, page, rel

BK_21 = "21/KH-UBND@Bắc Kạn#2025"

# The Thái Nguyên portal in 2026: its own plan (issuer "UBND tỉnh", after the merger) carries
# on the former Bắc Kạn plan, cited with "(cũ)".
THAI_NGUYEN_2026 = page(
    "https://thainguyen.example/tin/dan-van-chinh-quyen-2026", "Thái Nguyên",
    subject=doc("18/KH-UBND", "KH", "2026-02-06", "UBND tỉnh",
                title="Công tác dân vận chính quyền năm 2026"),
    references=[doc("21/KH-UBND", "KH", "2025-01-16", "UBND tỉnh Bắc Kạn (cũ)"), CT33],
    relations=[rel("18/KH-UBND", "21/KH-UBND", sentence="Kế hoạch tiếp tục thực hiện Kế hoạch số "
                   "21/KH-UBND ngày 16/01/2025 của UBND tỉnh Bắc Kạn (cũ) trên địa bàn các xã "
                   "phía Bắc của tỉnh."),
               rel("18/KH-UBND", "33/CT-TTg")],
    published="2026-02-10")

# A commune of the new Thái Nguyên cites the Bắc Kạn plan again, "(cũ)" and no date.
COMMUNE_2026 = page(
    "https://thainguyen.example/xa/nam-mau-2026", "Thái Nguyên",
    subject=doc("9/KH-UBND", "KH", "2026-03-02", "UBND xã Nam Mẫu"),
    references=[doc("21/KH-UBND", "KH", None, "UBND tỉnh Bắc Kạn (cũ)")],
    relations=[rel("9/KH-UBND", "21/KH-UBND")], published="2026-03-04")

# An archived Bắc Kạn page that says the former body issued a plan in September 2025.
DOUBTFUL = page(
    "https://backan.example/tin/ke-hoach-thang-9", "Bắc Kạn",
    subject=doc("140/KH-UBND", "KH", "2025-09-15", "Ủy ban nhân dân tỉnh Bắc Kạn"),
    references=[CT33], relations=[rel("140/KH-UBND", "33/CT-TTg")], published="2025-09-16")

# Thái Nguyên's own 140/KH-UBND of 2025: the doubtful one must not merge into it.
THAI_NGUYEN_140 = page(
    "https://thainguyen.example/van-ban/140", "Thái Nguyên",
    subject=doc("140/KH-UBND", "KH", "2025-10-01", "Ủy ban nhân dân tỉnh Thái Nguyên"),
    published="2025-10-02")

MERGER = [BAC_KAN_PLAN, THAI_NGUYEN_2026, COMMUNE_2026, DOUBTFUL, THAI_NGUYEN_140]


def numbers(docs):
    return sorted((d["number"], d.get("province")) for d in docs)


# --- identity, without a store -----------------------------------------------------------

@pytest.mark.parametrize("issuer,page_province,issued,locality", [
    ("UBND tỉnh Bắc Kạn", "Thái Nguyên", "2025-01-16", "Bắc Kạn"),     # kept, on any portal
    ("UBND tỉnh Bắc Kạn (cũ)", "Thái Nguyên", None, "Bắc Kạn"),         # "(cũ)": the former body
    ("Ủy ban nhân dân tỉnh Bắc Kạn ( cũ )", "Thái Nguyên", "2025-01-16", "Bắc Kạn"),
    ("UBND tỉnh", "Thái Nguyên", "2026-02-06", "Thái Nguyên"),          # portal after the merger
    ("UBND tỉnh", "Bắc Kạn", "2025-01-16", "Bắc Kạn"),                  # its own portal, before
    ("UBND tỉnh", "Bắc Kạn", "2025-09-15", "Thái Nguyên"),              # no Bắc Kạn body then
    ("UBND tỉnh (cũ)", "Thái Nguyên", "2025-01-16", None),              # which former one? unsaid
    ("UBND tỉnh (cũ)", "Quảng Ninh", "2025-01-16", "Quảng Ninh"),       # kept its borders
    ("UBND xã Nam Mẫu", "Thái Nguyên", "2026-03-02", "Thái Nguyên/xã Nam Mẫu"),
    ("Đảng ủy phường Đức Xuân", "Thái Nguyên", "2025-09-01", "Thái Nguyên/phường Đức Xuân"),
    ("UBND thành phố Huế", "Huế", "2025-01-02", "Huế"),                 # a city, not a district
])
def test_locality_of_a_body_when_it_issued(issuer, page_province, issued, locality):
    assert locality_of(series_of("21/KH-UBND"), issuer, page_province, issued) == locality


@pytest.mark.parametrize("number,issued,issuer,key", [
    # the former Thái Nguyên's and the merged province's new bodies, same name, same year
    ("5/KH-UBND", "2025-03-04", "UBND tỉnh Thái Nguyên", "5/KH-UBND@Thái Nguyên#2025"),
    ("5/KH-UBND", "2025-08-12", "UBND tỉnh Thái Nguyên", "5/KH-UBND@Thái Nguyên#2025-07-01"),
    ("5/KH-UBND", "2026-01-09", "UBND tỉnh Thái Nguyên", "5/KH-UBND@Thái Nguyên#2026"),
    ("3/2025/QĐ-UBND", "2025-07-15", "UBND tỉnh Đắk Lắk", "3/2025/QD-UBND@Đắk Lắk#2025-07-01"),
    ("3/2025/QĐ-UBND", "2025-02-15", "UBND tỉnh Đắk Lắk", "3/2025/QD-UBND@Đắk Lắk"),
    ("01-CT/TU", "2025-07-20", "Tỉnh ủy Khánh Hòa", "1-CT/TU@Khánh Hòa#2025-07-01"),
    ("01-CT/TU", "2025-10-20", "Tỉnh ủy Khánh Hòa", "1-CT/TU@Khánh Hòa#2025-2030"),
    # a province that kept its borders keeps its bodies and their series
    ("5/KH-UBND", "2025-08-12", "UBND tỉnh Quảng Ninh", "5/KH-UBND@Quảng Ninh#2025"),
])
def test_a_merged_provinces_new_bodies_number_anew(number, issued, issuer, key):
    assert decided_key(Mention("a", number, date=issued, issuer=issuer))[0] == key


def test_former_body_mention_keeps_its_issuer_as_written():
    m = Mention("a", "21/KH-UBND", date="2025-01-16", issuer="UBND tỉnh Bắc Kạn (cũ)",
                page_province="Thái Nguyên")
    assert (m.body, m.former, m.locality) == ("UBND tỉnh Bắc Kạn", True, "Bắc Kạn")
    assert decided_key(m)[0] == BK_21


# --- on both stores ------------------------------------------------------------------------

def test_a_former_provinces_plan_stays_its_own_on_the_successors_portal(store):
    store.load_records(MERGER)
    docs = store.find_documents(number_key="21/KH-UBND")
    assert [d["key"] for d in docs] == [BK_21]          # one document, read on both portals
    assert docs[0]["province"] == "Bắc Kạn"
    pages = set(store.sources(BK_21))
    assert pages == {BAC_KAN_PLAN["url"], THAI_NGUYEN_2026["url"], COMMUNE_2026["url"]}
    # the undated "(cũ)" mention found it as the only candidate
    reasons = {m["page"]: m["reason"] for m in store.iter_mentions() if m["node"] == BK_21}
    assert reasons[COMMUNE_2026["url"]].startswith("only known candidate")
    # its issuer is its own page's, not the citing page's "(cũ)"
    assert docs[0]["issuer"] == "Ủy ban nhân dân tỉnh Bắc Kạn"


def test_the_successors_portal_after_the_merger_speaks_for_the_successor(store):
    store.load_records(MERGER)
    assert [d["key"] for d in store.find_documents(number_key="18/KH-UBND")] == \
        ["18/KH-UBND@Thái Nguyên#2026"]
    assert [d["key"] for d in store.find_documents(number_key="9/KH-UBND")] == \
        ["9/KH-UBND@Thái Nguyên/xã Nam Mẫu#2026"]
    out = queries.implementers(store, "21/KH-UBND")
    assert {r["document"]["number"] for r in out["results"]} == {"18/KH-UBND", "9/KH-UBND"}


def test_a_former_body_after_the_merger_is_a_doubt_not_a_merge(store):
    store.load_records(MERGER)
    keys = sorted(d["key"] for d in store.find_documents(number_key="140/KH-UBND"))
    assert keys == ["140/KH-UBND@Bắc Kạn#2025", "140/KH-UBND@Thái Nguyên#2025-07-01"]
    found = queries.doubts(store)
    assert [d["key"] for d in found] == ["140/KH-UBND@Bắc Kạn#2025"]
    assert "part of Thái Nguyên since 2025-07-01" in found[0]["doubt"]
    stats = queries.stats(store, pagerank=False)
    assert [d["key"] for d in stats["doubts"]] == ["140/KH-UBND@Bắc Kạn#2025"]
    # still queryable under its own province and under the successor's
    assert "140/KH-UBND" in {d["number"] for d in
                             queries.search(store, province="Bắc Kạn")["results"]}


@pytest.mark.parametrize("province,expected", [
    ("Thái Nguyên", [("140/KH-UBND", "Bắc Kạn"), ("140/KH-UBND", "Thái Nguyên"),
                     ("141-KH/BDVTU", "Bắc Kạn"), ("18/KH-UBND", "Thái Nguyên"),
                     ("21/KH-UBND", "Bắc Kạn"),
                     ("9/KH-UBND", "Thái Nguyên")]),
    ("thai nguyen", [("140/KH-UBND", "Bắc Kạn"), ("140/KH-UBND", "Thái Nguyên"),
                     ("141-KH/BDVTU", "Bắc Kạn"), ("18/KH-UBND", "Thái Nguyên"),
                     ("21/KH-UBND", "Bắc Kạn"),
                     ("9/KH-UBND", "Thái Nguyên")]),
    ("Bắc Kạn", [("140/KH-UBND", "Bắc Kạn"), ("141-KH/BDVTU", "Bắc Kạn"),
                 ("21/KH-UBND", "Bắc Kạn")]),
    ("Atlantis", []),
])
def test_a_province_of_today_includes_its_predecessors(store, province, expected):
    store.load_records(MERGER)
    local = [d for d in queries.search(store, province=province)["results"]
             if d.get("locality")]
    assert numbers(local) == expected
    # the web's search (words and numbers) filters the same way
    words = word_search.search(store, "dân vận", province=province)["results"]
    assert all((d.get("province") in ("Thái Nguyên", "Bắc Kạn")) for d in words)


def test_implementers_and_resolve_filter_by_a_province_with_its_predecessors(store):
    store.load_records(MERGER)
    out = queries.implementers(store, "33/CT-TTg", province="Thái Nguyên")
    assert numbers(r["document"] for r in out["results"]) == [
        ("140/KH-UBND", "Bắc Kạn"), ("18/KH-UBND", "Thái Nguyên")]
    assert numbers(r["document"] for r in queries.implementers(
        store, "33/CT-TTg", province="Bắc Kạn")["results"]) == [("140/KH-UBND", "Bắc Kạn")]
    assert [d["key"] for d in queries.resolve(store, "21/KH-UBND", province="Thái Nguyên")[1]] \
        == [BK_21]


def test_outputs_show_the_locality_as_it_is_today(store):
    store.load_records(MERGER)
    out = queries.implementers(store, "21/KH-UBND")
    assert out["resolved"][0]["locality_display"] == "Bắc Kạn (nay thuộc Thái Nguyên)"
    shown = {r["document"]["number"]: r["document"]["locality_display"] for r in out["results"]}
    assert shown == {"18/KH-UBND": "Thái Nguyên", "9/KH-UBND": "Thái Nguyên/xã Nam Mẫu"}
    assert "doubt" not in out["resolved"][0]


def test_cli_load_summary_and_stats_report_the_doubt(tmp_path):
    from click.testing import CliRunner

    from vanban.cli import cli
    records = tmp_path / "merger.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in MERGER),
                       encoding="utf-8")
    db = str(tmp_path / "g.sqlite")
    runner = CliRunner()
    loaded = runner.invoke(cli, ["load", "--db", db, "-q", str(records)])
    assert loaded.exit_code == 0, loaded.output
    assert "1 document in doubt" in loaded.stderr and "140/KH-UBND (Bắc Kạn, nay thuộc Thái Nguyên)" in loaded.stderr
    stats = runner.invoke(cli, ["query", "stats", "--db", db, "--no-pagerank"])
    assert stats.exit_code == 0 and "doubts" in stats.stdout and "140/KH-UBND" in stats.stdout
    found = runner.invoke(cli, ["query", "search", "21/KH-UBND", "--db", db,
                                 "--province", "Thái Nguyên"])
    assert found.exit_code == 0 and "21/KH-UBND (Bắc Kạn, nay thuộc Thái Nguyên)" in found.stdout


def test_web_search_and_api_cover_the_predecessors(tmp_path):
    from starlette.testclient import TestClient

    from graph import open_store
    from graph.sqlite_store import SQLiteStore
    from vanban.web import create_app
    db = tmp_path / "g.sqlite"
    with SQLiteStore(db) as store:
        store.load_records(MERGER)
    with TestClient(create_app(lambda: open_store(db=db))) as client:
        page_ = client.get("/search", params={"q": "21/KH-UBND", "province": "Thái Nguyên"})
        assert page_.status_code == 200 and "Bắc Kạn (nay thuộc Thái Nguyên)" in page_.text
        api = client.get("/api/search", params={"q": "KH", "province": "Thái Nguyên"}).json()
        assert {"21/KH-UBND", "18/KH-UBND"} <= {d["number"] for d in api["results"]}
        only = client.get("/api/search", params={"province": "Bắc Kạn"}).json()
        assert {d["province"] for d in only["results"]} == {"Bắc Kạn"}


def test_the_former_and_the_new_body_of_one_name_stay_apart(store):
    before = page("https://thainguyen.example/van-ban/5-2025-03", "Thái Nguyên",
                  subject=doc("5/KH-UBND", "KH", "2025-03-04", "Ủy ban nhân dân tỉnh Thái Nguyên"),
                  published="2025-03-05")
    after = page("https://thainguyen.example/van-ban/5-2025-08", "Thái Nguyên",
                 subject=doc("5/KH-UBND", "KH", "2025-08-12", "Ủy ban nhân dân tỉnh Thái Nguyên"),
                 published="2025-08-13")
    # a commune page cites "Kế hoạch số 5/KH-UBND ngày 12/8/2025" without its issuer
    citing = page("https://thainguyen.example/xa/cho-moi", "Thái Nguyên",
                  subject=doc("2/KH-UBND", "KH", "2025-09-01", "UBND xã Chợ Mới"),
                  references=[doc("5/KH-UBND", "KH", "2025-08-12")],
                  relations=[rel("2/KH-UBND", "5/KH-UBND")], published="2025-09-02")
    store.load_records([before, after, citing])
    assert sorted(d["key"] for d in store.find_documents(number_key="5/KH-UBND")) == \
        ["5/KH-UBND@Thái Nguyên#2025", "5/KH-UBND@Thái Nguyên#2025-07-01"]
    out = queries.implementers(store, "5/KH-UBND@Thái Nguyên#2025-07-01")
    assert [r["document"]["number"] for r in out["results"]] == ["2/KH-UBND"]
    assert queries.implementers(store, "5/KH-UBND@Thái Nguyên#2025")["results"] == []


@pytest.mark.parametrize("issuer", [
    "x" + " " * 100_000 + "(", "(" + " " * 100_000, "xã" + " " * 100_000 + "a",
    "huyện " * 20_000, "Xã " + "A" * 100_000, "( cũ" * 25_000,
])
def test_hostile_issuers_are_read_in_linear_time(issuer):
    # each would take minutes with a backtracking pattern; the suite's timeout is the bound
    m = Mention("a", "21/KH-UBND", date="2025-09-01", issuer=issuer, page_province="Thái Nguyên")
    assert m.body is not None


def test_coverage_counts_a_former_provinces_documents_for_its_successor(store):
    from graph.coverage import coverage
    store.load_records(MERGER)
    rows = {r["province"]: r for r in coverage(store, "33/CT-TTg")["provinces"]}
    assert rows["Thái Nguyên"]["covered"] and rows["Thái Nguyên"]["count"] == 2
    assert rows["Thái Nguyên"]["predecessors"] == ["Bắc Kạn"]
    narrowed = coverage(store, "33/CT-TTg", province="Thái Nguyên")
    assert narrowed["covered"] == 1 and narrowed["missing"][0] != "Thái Nguyên"

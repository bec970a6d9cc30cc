"""The SQLite load does work in proportion to the batch, not to the store (issue 11).

Counted, not timed: every statement a load runs is looked up with EXPLAIN QUERY PLAN (no
whole-table scan), the virtual machine's steps per batch (a progress handler) stay flat
while the store grows, and the check for documents in doubt after a load reads only the
documents the load wrote.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from graph import queries
from graph.sqlite_store import SQLiteStore
from tests.graph.records import CT33, doc, page, rel
from tests.graph.test_merger import DOUBTFUL, MERGER

LAW = {"name": "Luật Thực hiện dân chủ ở cơ sở", "year": 2022}
NQ25 = doc("25-NQ/TW", "NQ", "2013-06-03", "Ban Chấp hành Trung ương Đảng")
PROVINCES = ("Ninh Thuận", "Quảng Trị", "Bình Định", "Lào Cai", "Cà Mau")


def plans(first: int, count: int, version: int = 0) -> list[dict]:
    """District plans that implement CT 33 and cite NQ 25 and a law (references every
    batch shares), each with a partial reference of its own (no date: decided later)."""
    out = []
    for i in range(first, first + count):
        province = PROVINCES[i % len(PROVINCES)]
        number = f"{i + 1}-KH/HU"
        day = date(2022, 1, 1) + timedelta(days=i)    # a later page, a later day
        out.append(page(
            f"https://huyen{i % 7}.example/ke-hoach/{i}", province,
            subject=doc(number, "KH", day.isoformat(), f"Huyện ủy Huyện {i % 7}",
                        title=f"Kế hoạch thực hiện dân vận khéo, bản {version}"),
            references=[CT33, NQ25, doc(f"{9000 + i}/QĐ-UBND", "QĐ", None, None)],
            laws=[LAW],
            relations=[rel(number, "33/CT-TTg"),
                       rel(number, LAW["name"], "BASED_ON", cue="căn cứ")],
            published=(day + timedelta(days=2)).isoformat()))
    return out


def _steps(store: SQLiteStore):
    """A counter of the connection's virtual-machine steps (in hundreds)."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0
    store._conn.set_progress_handler(tick, 100)
    return count


def test_no_statement_of_a_load_scans_a_table(tmp_path):
    """First bulk load, pages replaced, a page deleted: every statement finds its rows
    through an index (the load's own small work tables aside)."""
    statements: list[str] = []
    with SQLiteStore(tmp_path / "g.sqlite") as store:
        store._conn.set_trace_callback(statements.append)
        store.load_pages(plans(0, 40), batch_size=15)
        store.load_pages(plans(30, 20, version=1), batch_size=15)   # 10 pages replaced
        store.load_records(plans(45, 10, version=2))
        store.delete_page(plans(3, 1)[0]["url"])
        store._conn.set_trace_callback(None)
        scans = set()
        for sql in statements:
            if sql.split(None, 1)[0].upper() not in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                continue
            for row in store._conn.execute("EXPLAIN QUERY PLAN " + sql):
                detail = row[3]
                if detail.startswith("SCAN") and not _allowed(detail, sql):
                    scans.add((detail, sql[:120]))
    assert len(statements) > 100
    assert not scans


def _allowed(detail: str, sql: str) -> bool:
    # the FTS queue holds only what this load wrote; the FTS table is looked up by rowid;
    # "is the store empty?" reads one row
    return ("doc_fts_dirty" in detail or "VIRTUAL TABLE" in detail
            or sql.rstrip().endswith("LIMIT 1"))


def test_the_work_of_a_batch_does_not_grow_with_the_store(tmp_path):
    """Batches of the same shape (new pages citing the same central documents and law,
    and pages of the batch before replaced) cost the same steps in a store ten times
    bigger."""
    batch, replaced = 40, 10
    with SQLiteStore(tmp_path / "g.sqlite") as store:
        steps = _steps(store)
        costs = []
        for n in range(12):
            pages = plans(n * batch, batch) + plans((n - 1) * batch, replaced if n else 0, n)
            before = steps[0]
            store.load_records(pages)
            costs.append(steps[0] - before)
        assert store.counts()["nodes"]["Document"] > 10 * batch
    # the first batches build the shared nodes; from then on flat (within 15%)
    assert max(costs[3:]) <= 1.15 * min(costs[3:]), costs


def test_a_load_reports_the_recent_documents_it_wrote(tmp_path):
    with SQLiteStore(tmp_path / "g.sqlite") as store:
        report = store.load_pages(MERGER)
        assert "140/KH-UBND@Bắc Kạn#2025" in report.recent_documents
        assert "33/CT-TTG#2021" not in report.recent_documents      # dated before 2025
        assert queries.doubts(store, report.recent_documents) == queries.doubts(store)
        assert [d["key"] for d in queries.doubts(store)] == ["140/KH-UBND@Bắc Kạn#2025"]
        # a later load that does not touch it finds no doubt among its own documents
        later = store.load_pages(plans(0, 3) + [page(
            "https://thainguyen.example/van-ban/200", "Thái Nguyên",
            subject=doc("200/KH-UBND", "KH", "2026-01-05", "Ủy ban nhân dân tỉnh Thái Nguyên"),
            references=[CT33], published="2026-01-06")])
        assert later.recent_documents == {"200/KH-UBND@Thái Nguyên#2026"}
        assert "140/KH-UBND@Bắc Kạn#2025" not in later.recent_documents
        assert queries.doubts(store, later.recent_documents) == []
        # the whole store still has it (query stats)
        assert [d["key"] for d in queries.stats(store, pagerank=False)["doubts"]] == \
            ["140/KH-UBND@Bắc Kạn#2025"]
        # a page replaced: its document's refreshed facts count as written again
        again = store.load_pages([DOUBTFUL])
        assert [d["key"] for d in queries.doubts(store, again.recent_documents)] == \
            ["140/KH-UBND@Bắc Kạn#2025"]


def _jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return str(path)


def test_vanban_load_names_the_doubts_of_the_pages_it_loaded(tmp_path):
    from vanban.cli import cli
    db = str(tmp_path / "g.sqlite")
    first = CliRunner().invoke(cli, ["load", "--db", db, _jsonl(tmp_path / "a.jsonl", MERGER)])
    assert first.exit_code == 0, first.output
    assert "1 document in doubt" in first.output and "140/KH-UBND" in first.output
    second = CliRunner().invoke(cli, ["load", "--db", db,
                                      _jsonl(tmp_path / "b.jsonl", plans(0, 5))])
    assert second.exit_code == 0, second.output
    assert "in doubt" not in second.output
    stats = CliRunner().invoke(cli, ["query", "stats", "--db", db, "--format", "json"])
    assert [d["key"] for d in json.loads(stats.output)["doubts"]] == \
        ["140/KH-UBND@Bắc Kạn#2025"]


@pytest.mark.parametrize("name", ["mentions_citing", "page_laws_node"])
def test_an_older_store_gets_the_new_indexes_on_opening(tmp_path, name):
    import sqlite3
    path = tmp_path / "old.sqlite"
    with SQLiteStore(path) as store:
        store.load_records(plans(0, 3))
    conn = sqlite3.connect(path)
    conn.execute(f"DROP INDEX {name}")
    conn.execute("CREATE INDEX mentions_group ON mentions(number_key, decided)")
    conn.commit()
    conn.close()
    with SQLiteStore(path) as store:
        names = {r[0] for r in store._conn.execute(
            "SELECT name FROM sqlite_master WHERE type='index'")}
        assert name in names and "mentions_group" not in names
        assert store.counts()["nodes"]["Document"] >= 3

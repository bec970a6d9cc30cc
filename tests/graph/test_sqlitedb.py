"""Several processes opening one fresh SQLite file at the same moment (crawl workers
sharing a store): each waits for the others, none fails with "database is locked"."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3

import pytest

from graph.sqlitedb import add_missing_columns, connect_shared, is_busy

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages(url TEXT PRIMARY KEY, worker INTEGER);
CREATE INDEX IF NOT EXISTS pages_worker ON pages(worker);
"""


def _open_and_write(path: str, worker: int, start, out) -> None:
    start.wait()
    try:
        conn = connect_shared(path, SCHEMA, timeout=30)
        conn.execute("INSERT INTO pages VALUES (?, ?)", (f"https://example.gov.vn/{worker}", worker))
        conn.close()
        out.put((worker, "ok"))
    except Exception as exc:  # reported to the test, which names the failure
        out.put((worker, f"{type(exc).__name__}: {exc}"))


@pytest.mark.parametrize("round_", range(5))  # the race is timing-dependent: several rounds
def test_many_processes_open_one_fresh_file_at_once(tmp_path, round_):
    path = str(tmp_path / "shared.sqlite")
    ctx = mp.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_open_and_write, args=(path, n, start, out)) for n in range(8)]
    for p in procs:
        p.start()
    start.set()
    results = dict(out.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(30)
    assert results == {n: "ok" for n in range(8)}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == 8


def test_a_file_that_is_not_a_database_fails_at_once(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"%PDF-1.7 scanned page, no text layer\n" * 200)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        connect_shared(path, SCHEMA, timeout=30)


@pytest.mark.parametrize(("exc", "busy"), [
    (sqlite3.OperationalError("database is locked"), True),
    (sqlite3.OperationalError("database table is locked: pages"), True),
    (sqlite3.OperationalError("no such table: pages"), False),
    (sqlite3.DatabaseError("file is not a database"), False),
])
def test_is_busy(exc, busy):
    assert is_busy(exc) is busy


def test_add_missing_columns_adds_only_what_is_missing(tmp_path):
    conn = connect_shared(tmp_path / "old.sqlite", "CREATE TABLE IF NOT EXISTS pages(url TEXT PRIMARY KEY);")
    conn.execute("INSERT INTO pages VALUES ('https://backan.gov.vn/ke-hoach-21')")
    assert add_missing_columns(conn, "pages", {"published": "TEXT", "portal": "TEXT"}) == ["published", "portal"]
    assert add_missing_columns(conn, "pages", {"published": "TEXT"}) == []
    assert conn.execute("SELECT url, published FROM pages").fetchall() == [("https://backan.gov.vn/ke-hoach-21", None)]
    with pytest.raises(ValueError):
        add_missing_columns(conn, "pages; DROP TABLE pages", {"x": "TEXT"})

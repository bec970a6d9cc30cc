"""The embedded store: one SQLite file is the store of record.

Tables: `pages`; `nodes` (documents, laws and unresolved references, one row per node
key); `mentions` (what each page says about each number, and the node it resolved to,
with the reason); `relations` (one row per page statement of a relation: its evidence,
between mentions, with the nodes they resolve to cached for traversal);
`candidates` (the ranked candidates of each unresolved reference).

Every write is one transaction (WAL journal): a crash loses nothing committed. Graph
algorithms use `to_networkx()`, built from these tables.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.normalize import fold

from graph import search
from graph.identity import term_of
from graph.sqlite_load import SQLiteWriting
from graph.sqlite_read import SQLiteReading
from graph.sqlitedb import add_missing_columns, connect_shared
from graph.store import Store

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages(
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, url TEXT, path TEXT, province TEXT,
    portal TEXT, published TEXT, crawled TEXT, content_hash TEXT, page_title TEXT,
    source TEXT);
CREATE TABLE IF NOT EXISTS nodes(
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    number TEXT, number_key TEXT, serial TEXT, kind TEXT, date TEXT, year INTEGER, term TEXT,
    issuer TEXT, locality TEXT, province TEXT, title TEXT, signer TEXT, name TEXT,
    first_seen TEXT, provisional INTEGER NOT NULL DEFAULT 0, decided INTEGER NOT NULL DEFAULT 0,
    reason TEXT, candidates TEXT, fact_ranks TEXT);
CREATE INDEX IF NOT EXISTS nodes_number ON nodes(number_key);
CREATE INDEX IF NOT EXISTS nodes_serial ON nodes(serial, kind);
CREATE INDEX IF NOT EXISTS nodes_province ON nodes(province);
CREATE INDEX IF NOT EXISTS nodes_key_of ON nodes(id, key);
CREATE TABLE IF NOT EXISTS mentions(
    mid TEXT PRIMARY KEY, page_id INTEGER NOT NULL, role TEXT NOT NULL, number TEXT NOT NULL,
    number_key TEXT NOT NULL, kind TEXT, date TEXT, issuer TEXT, page_province TEXT,
    context_date TEXT, citing TEXT, title TEXT, signer TEXT, start INTEGER, "end" INTEGER,
    decided INTEGER NOT NULL, node_id INTEGER, reason TEXT);
CREATE INDEX IF NOT EXISTS mentions_page ON mentions(page_id);
CREATE INDEX IF NOT EXISTS mentions_citing ON mentions(number_key, decided, citing);
CREATE INDEX IF NOT EXISTS mentions_node_page ON mentions(node_id, page_id);
CREATE TABLE IF NOT EXISTS page_laws(page_id INTEGER NOT NULL, node_id INTEGER NOT NULL,
    PRIMARY KEY(page_id, node_id));
CREATE INDEX IF NOT EXISTS page_laws_node ON page_laws(node_id);
CREATE TABLE IF NOT EXISTS relations(
    aid TEXT PRIMARY KEY, page_id INTEGER NOT NULL, type TEXT NOT NULL,
    src_mid TEXT NOT NULL, dst_mid TEXT, src_node INTEGER, dst_node INTEGER,
    sentence TEXT, start INTEGER, "end" INTEGER, cue TEXT);
CREATE INDEX IF NOT EXISTS relations_in ON relations(dst_node, type, src_node);
CREATE INDEX IF NOT EXISTS relations_out ON relations(src_node, type, dst_node);
CREATE INDEX IF NOT EXISTS relations_page ON relations(page_id);
CREATE INDEX IF NOT EXISTS relations_src_mid ON relations(src_mid);
CREATE INDEX IF NOT EXISTS relations_dst_mid ON relations(dst_mid);
CREATE TABLE IF NOT EXISTS candidates(node_id INTEGER NOT NULL, doc_key TEXT NOT NULL,
    rank INTEGER NOT NULL, PRIMARY KEY(node_id, doc_key));
CREATE INDEX IF NOT EXISTS candidates_doc ON candidates(doc_key);
"""

# while `load_pages` runs: 2 GB of page cache (the random-keyed indexes of a
# million-document graph stay in memory), temporary b-trees in memory, and fewer WAL
# checkpoints (each one rewrites pages the next batch changes again)
_BULK_PRAGMAS = {"cache_size": -2 * 1024 * 1024, "temp_store": 2,
                 "wal_autocheckpoint": 100_000}
_BULK_GC_THRESHOLDS = (100_000, 50, 1000)
# indexes that only reads, page replacement and moved mentions use: a bulk load into an
# empty store builds them at the end. The relation indexes hold the far end too, so a walk
# reads the index alone (a central document's thousands of implementers)
_DEFERRED_INDEXES = ("nodes_province", "relations_in", "relations_out", "relations_page",
                     "relations_src_mid", "relations_dst_mid", "mentions_page", "mentions_node_page",
                     "candidates_doc", "page_laws_node")
_INDEX_DDL = {line.split()[5]: line.strip().rstrip(";") for line in SCHEMA.splitlines()
              if line.startswith("CREATE INDEX IF NOT EXISTS")}


class SQLiteStore(SQLiteWriting, SQLiteReading, Store):
    """The embedded store of record (see the module docstring): the file, its schema and
    bulk settings here, writing in `graph/sqlite_load.py`, reading in `graph/sqlite_read.py`."""

    batch_size = 1000
    bulk_batch_size = 50_000

    def __init__(self, path: str | Path):
        self.path = Path(path)
        # several crawl workers may share the store: wait for each other, never fail at once
        self._conn = connect_shared(path, SCHEMA, timeout=60.0, pragmas=("synchronous=NORMAL", "foreign_keys=OFF"))
        self._conn.row_factory = sqlite3.Row
        self._deferred = False     # indexes dropped by a bulk load, not yet rebuilt
        self._migrate()
        search.sqlite_prepare(self._conn)   # full-text search of documents (graph/search.py)

    def _migrate(self) -> None:
        """Add columns newer versions need to a file an older version created."""
        add_missing_columns(self._conn, "nodes", {"fact_ranks": "TEXT"})
        # mentions_citing (number_key, decided, citing) replaced it: its prefix does the same
        self._conn.execute("DROP INDEX IF EXISTS mentions_group")
        # mentions_node_page (node_id, page_id) replaced mentions_node (node_id): the pages
        # of a node read from the index alone (a central document's thousands of pages)
        self._conn.execute("DROP INDEX IF EXISTS mentions_node")

    def close(self) -> None:
        self._conn.close()

    def describe(self) -> str:
        return f"the SQLite store at {self.path}"


    def _store_lost(self, exc: BaseException) -> bool:
        # disk full, file gone read-only, or locked by another process past the timeout
        return isinstance(exc, sqlite3.OperationalError) and not str(exc).startswith(("no such", "near "))

    def clear(self) -> None:
        """Delete everything (tests and benchmarks), in one transaction."""
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for table in ("relations", "mentions", "page_laws", "candidates", "nodes", "pages"):
                c.execute(f"DELETE FROM {table}")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    @contextmanager
    def _bulk(self) -> Iterator[None]:
        """While a bulk load runs: a big page cache, in-memory temporary tables, and, into
        an empty store, the indexes only reads need built once at the end (sorted, not
        row by row) - sooner if a batch needs them (`_need_indexes`).

        Durability is unchanged (WAL, synchronous=NORMAL): a crash still loses nothing
        committed, and reopening the file rebuilds any index a crash left missing."""
        c = self._conn
        saved = {p: c.execute(f"PRAGMA {p}").fetchone()[0] for p in _BULK_PRAGMAS}
        for p, value in _BULK_PRAGMAS.items():
            c.execute(f"PRAGMA {p}={value}")
        # a batch is millions of small acyclic objects that live until it is written: the
        # cyclic collector's default pace walks them again and again (a tenth of a batch)
        gc_thresholds = gc.get_threshold()
        gc.set_threshold(*_BULK_GC_THRESHOLDS)
        if c.execute("SELECT 1 FROM pages LIMIT 1").fetchone() is None:
            for name in _DEFERRED_INDEXES:
                c.execute(f"DROP INDEX IF EXISTS {name}")
            self._deferred = True
        try:
            yield
        finally:
            gc.set_threshold(*gc_thresholds)
            self._need_indexes()
            for p, value in saved.items():
                c.execute(f"PRAGMA {p}={value}")

    def _need_indexes(self) -> None:
        """Build the indexes a bulk load deferred, before a statement that needs them."""
        if self._deferred:
            for name in _DEFERRED_INDEXES:   # execute, not executescript: no implicit COMMIT
                self._conn.execute(_INDEX_DDL[name])
            self._deferred = False


__all__ = ["SQLiteStore", "term_of", "fold"]

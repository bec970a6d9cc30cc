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

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extract.normalize import fold, issuers_match

from graph.facts import DOC_FACT_FIELDS, PageFacts, fact_rank, merge_document_facts, page_seen
from graph.identity import Decision, KnownDocument, Mention, resolve_groups, term_of
from graph.plan import (aggregate_laws, decide_mentions, earliest, number_serial,
                        partial_contribution, province_of, refreshed_facts, serial_key)
from graph import property_graph, search
from graph.sqlitedb import add_missing_columns, connect_shared
from graph.store import Store, group_statements, statement_evidence

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
CREATE TABLE IF NOT EXISTS mentions(
    mid TEXT PRIMARY KEY, page_id INTEGER NOT NULL, role TEXT NOT NULL, number TEXT NOT NULL,
    number_key TEXT NOT NULL, kind TEXT, date TEXT, issuer TEXT, page_province TEXT,
    context_date TEXT, citing TEXT, title TEXT, signer TEXT, start INTEGER, "end" INTEGER,
    decided INTEGER NOT NULL, node_id INTEGER, reason TEXT);
CREATE INDEX IF NOT EXISTS mentions_page ON mentions(page_id);
CREATE INDEX IF NOT EXISTS mentions_group ON mentions(number_key, decided);
CREATE INDEX IF NOT EXISTS mentions_node ON mentions(node_id);
CREATE TABLE IF NOT EXISTS page_laws(page_id INTEGER NOT NULL, node_id INTEGER NOT NULL,
    PRIMARY KEY(page_id, node_id));
CREATE TABLE IF NOT EXISTS relations(
    aid TEXT PRIMARY KEY, page_id INTEGER NOT NULL, type TEXT NOT NULL,
    src_mid TEXT NOT NULL, dst_mid TEXT, src_node INTEGER, dst_node INTEGER,
    sentence TEXT, start INTEGER, "end" INTEGER, cue TEXT);
CREATE INDEX IF NOT EXISTS relations_in ON relations(dst_node, type);
CREATE INDEX IF NOT EXISTS relations_out ON relations(src_node, type);
CREATE INDEX IF NOT EXISTS relations_page ON relations(page_id);
CREATE INDEX IF NOT EXISTS relations_src_mid ON relations(src_mid);
CREATE INDEX IF NOT EXISTS relations_dst_mid ON relations(dst_mid);
CREATE TABLE IF NOT EXISTS candidates(node_id INTEGER NOT NULL, doc_key TEXT NOT NULL,
    rank INTEGER NOT NULL, PRIMARY KEY(node_id, doc_key));
CREATE INDEX IF NOT EXISTS candidates_doc ON candidates(doc_key);
"""

DOC_FIELDS = ("key", "label", "number", "kind", "date", "year", "term", "issuer", "locality",
              "province", "title", "signer", "name", "first_seen", "provisional", "reason",
              "candidates")
_CHUNK = 500
# while `load_pages` runs: 2 GB of page cache (the random-keyed indexes of a
# million-document graph stay in memory), temporary b-trees in memory, and fewer WAL
# checkpoints (each one rewrites pages the next batch changes again)
_BULK_PRAGMAS = {"cache_size": -2 * 1024 * 1024, "temp_store": 2,
                 "wal_autocheckpoint": 100_000}
# indexes that only reads, page replacement and moved mentions use: a bulk load into an
# empty store builds them at the end
_DEFERRED_INDEXES = ("relations_in", "relations_out", "relations_page", "relations_src_mid",
                     "relations_dst_mid", "mentions_page", "mentions_node", "candidates_doc")
_INDEX_DDL = {line.split()[5]: line.strip().rstrip(";") for line in SCHEMA.splitlines()
              if line.startswith("CREATE INDEX IF NOT EXISTS")}
_MERGED = (*DOC_FACT_FIELDS, "year", "first_seen")     # what merge_document_facts sets
_UPDATE_FACTS = ("UPDATE nodes SET " + ", ".join(f"{f}=?" for f in _MERGED)
                 + ", fact_ranks=? WHERE id=?")


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SQLiteStore(Store):
    """The embedded store of record (see the module docstring)."""

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

    def close(self) -> None:
        self._conn.close()

    def describe(self) -> str:
        return f"the SQLite store at {self.path}"

    def _nodes_by_key(self, columns: str, keys) -> dict[str, sqlite3.Row]:
        """Node key -> row of `columns` (our own column list, never user input) for the
        stored nodes among `keys`."""
        stored: dict[str, sqlite3.Row] = {}
        for chunk in _chunks(list(keys)):
            for r in self._conn.execute(f"SELECT {columns} FROM nodes WHERE key IN ({_marks(len(chunk))})",
                                        chunk):
                stored[r["key"]] = r
        return stored

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
        if c.execute("SELECT 1 FROM pages LIMIT 1").fetchone() is None:
            for name in _DEFERRED_INDEXES:
                c.execute(f"DROP INDEX IF EXISTS {name}")
            self._deferred = True
        try:
            yield
        finally:
            self._need_indexes()
            for p, value in saved.items():
                c.execute(f"PRAGMA {p}={value}")

    def _need_indexes(self) -> None:
        """Build the indexes a bulk load deferred, before a statement that needs them."""
        if self._deferred:
            for name in _DEFERRED_INDEXES:   # execute, not executescript: no implicit COMMIT
                self._conn.execute(_INDEX_DDL[name])
            self._deferred = False

    # --- writing ----------------------------------------------------------------------

    def _upsert_facts(self, pages: list[PageFacts]) -> None:
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            self._write(pages)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def _write(self, pages: list[PageFacts]) -> None:
        """Replace the pages' facts, set-wise: a few statements per batch, not per row."""
        c = self._conn
        touched: set[int] = set()          # nodes that may have lost mentions
        dirty: set[str] = set()            # number keys whose partial mentions to redo
        page_id = self._store_pages(pages, touched, dirty)

        # decided mentions: the mention alone names its document
        plan = decide_mentions(pages)
        dirty |= plan.dirty
        created = self._merge_documents(plan.contributions, plan.sample, provisional=False)
        dirty |= plan.numbers_of(created)
        node_id = self._ids("nodes", list(plan.contributions))
        node_of: dict[str, int | None] = {mid: node_id[k] for mid, (k, _) in plan.decided.items()}
        reason_of = {mid: reason for mid, (_, reason) in plan.decided.items()}
        c.executemany(
            'INSERT INTO mentions(mid, page_id, role, number, number_key, kind, date, '
            'issuer, page_province, context_date, citing, title, signer, start, "end", '
            'decided, node_id, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
            [(m.mid, page_id[p.key], mf.role, m.number, m.number_key, m.kind, m.date,
              m.issuer, m.page_province, m.context_date, m.citing, mf.title, mf.signer,
              mf.start, mf.end, 1 if m.mid in plan.decided else 0, node_of.get(m.mid),
              reason_of.get(m.mid))
             for p in pages for mf in p.mentions for m in (mf.mention,)])
        law_node = self._store_laws(pages, page_id)

        # partial mentions of every touched number, old and new, decided together
        new_mids = {mf.mention.mid for p in pages for mf in p.mentions}
        if dirty:
            node_of.update(self._resolve_partials(sorted(dirty), new_mids))
        c.executemany(
            'INSERT OR REPLACE INTO relations(aid, page_id, type, src_mid, dst_mid, src_node, '
            'dst_node, sentence, start, "end", cue) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
            [(a.aid, page_id[p.key], a.type, a.src_mid, a.dst_mid, node_of.get(a.src_mid),
              law_node[a.dst_law] if a.dst_law else node_of.get(a.dst_mid),
              a.sentence, a.start, a.end, a.cue) for p in pages for a in p.assertions])
        self._collect(touched)
        self._refresh_documents(touched)
        search.sqlite_sync(self._conn)      # the full-text index follows every load

    def _ids(self, table: str, keys: list[str]) -> dict[str, int]:
        """key -> id of the rows of `table` ("pages" or "nodes") that exist."""
        assert table in ("pages", "nodes")
        out: dict[str, int] = {}
        for chunk in _chunks(keys):
            out.update(self._conn.execute(
                f"SELECT key, id FROM {table} WHERE key IN ({_marks(len(chunk))})", chunk))
        return out

    def _next_id(self, table: str) -> int:
        assert table in ("pages", "nodes")
        return self._conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]

    def _store_pages(self, pages: list[PageFacts], touched: set[int], dirty: set[str]
                     ) -> dict[str, int]:
        """Write the page rows, forgetting what already stored pages asserted; page key
        -> id. Adds the forgotten mentions' numbers to `dirty`, their nodes to `touched`."""
        c = self._conn
        known = self._ids("pages", [p.key for p in pages])
        old = sorted(known.values())
        if old:
            self._need_indexes()
        for chunk in _chunks(old):
            marks = _marks(len(chunk))
            for nk, nid in c.execute(
                    f"SELECT number_key, node_id FROM mentions WHERE page_id IN ({marks})", chunk):
                dirty.add(nk)
                if nid is not None:
                    touched.add(nid)
            touched.update(r[0] for r in c.execute(
                f"SELECT node_id FROM page_laws WHERE page_id IN ({marks})", chunk))
            for table in ("relations", "mentions", "page_laws"):
                c.execute(f"DELETE FROM {table} WHERE page_id IN ({marks})", chunk)
        first = self._next_id("pages")
        fresh = [p for p in pages if p.key not in known]
        ids = dict(known)
        ids.update((p.key, first + i) for i, p in enumerate(fresh))
        c.executemany(
            "INSERT OR REPLACE INTO pages(id, key, url, path, province, portal, published, "
            "crawled, content_hash, page_title, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(ids[p.key], p.key, p.url, p.path, p.province, p.portal, p.published, p.crawled,
              p.content_hash, p.page_title, p.source) for p in pages])
        return ids

    def _merge_documents(self, contributions: dict[str, list[dict[str, Any]]],
                         sample: dict[str, Mention], provisional: bool) -> list[str]:
        """Create or complete document nodes from their mentions' contributions
        (`merge_document_facts`); returns the keys created."""
        c = self._conn
        keys = list(contributions)
        stored: dict[str, sqlite3.Row] = {}
        for chunk in _chunks(keys):
            for r in c.execute("SELECT id, key, number, kind, date, year, issuer, title, signer,"
                               f" reason, first_seen, fact_ranks FROM nodes WHERE key IN "
                               f"({_marks(len(chunk))})", chunk):
                stored[r["key"]] = r
        inserts, updates = [], []
        for key in keys:
            row = stored.get(key)
            if row is None:
                values, ranks = merge_document_facts(None, None, contributions[key])
                m = sample[key]
                inserts.append((key, values["number"], m.number_key, number_serial(m.number),
                                values.get("kind"), values.get("date"), values.get("year"),
                                m.term, values.get("issuer"), m.locality, province_of(m.locality),
                                values.get("title"), values.get("signer"),
                                values.get("first_seen"), 1 if provisional else 0,
                                0 if provisional else 1, values.get("reason"), json.dumps(ranks)))
                continue
            before = {f: row[f] for f in _MERGED}
            values, ranks = merge_document_facts(
                before, json.loads(row["fact_ranks"]) if row["fact_ranks"] else None,
                contributions[key])
            if values != before or row["fact_ranks"] != json.dumps(ranks):
                updates.append((*(values.get(f) for f in _MERGED), json.dumps(ranks), row["id"]))
        first = self._next_id("nodes")
        c.executemany(
            "INSERT INTO nodes(id, key, label, number, number_key, serial, kind, date, year,"
            " term, issuer, locality, province, title, signer, first_seen, provisional, decided,"
            " reason, fact_ranks) VALUES (?, ?, 'Document', ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(first + i, *row) for i, row in enumerate(inserts)])
        c.executemany(_UPDATE_FACTS, updates)
        return [row[0] for row in inserts]

    def _store_laws(self, pages: list[PageFacts], page_id: dict[str, int]) -> dict[str, int]:
        """Create or complete the laws the pages cite and link them; law key -> node id.
        A law's name is the smallest spelling seen, its year the earliest: order-free."""
        c = self._conn
        laws = aggregate_laws(pages)
        if not laws:
            return {}
        stored = self._nodes_by_key("id, key, name, year, first_seen", laws)
        first = self._next_id("nodes")
        fresh = [k for k in laws if k not in stored]
        c.executemany("INSERT INTO nodes(id, key, label, name, year, first_seen, decided) "
                      "VALUES (?, ?, 'Law', ?, ?, ?, 1)",
                      [(first + i, k, laws[k]["name"], laws[k]["year"], laws[k]["seen"])
                       for i, k in enumerate(fresh)])
        ids = {k: first + i for i, k in enumerate(fresh)}
        updates = []
        for k, r in stored.items():
            ids[k] = r["id"]
            new = (min(r["name"] or laws[k]["name"], laws[k]["name"]),
                   earliest(r["year"], laws[k]["year"]), earliest(r["first_seen"], laws[k]["seen"]))
            if new != (r["name"], r["year"], r["first_seen"]):
                updates.append((*new, r["id"]))
        c.executemany("UPDATE nodes SET name=?, year=?, first_seen=? WHERE id=?", updates)
        c.executemany("INSERT OR IGNORE INTO page_laws(page_id, node_id) VALUES (?,?)",
                      [(page_id[p.key], ids[lk]) for p in pages for lk in p.laws])
        return ids

    def _collect(self, touched: set[int]) -> None:
        """Delete touched nodes nothing refers to any more."""
        c = self._conn
        for chunk in _chunks(sorted(touched)):
            gone = [r[0] for r in c.execute(
                f"SELECT id FROM nodes WHERE id IN ({_marks(len(chunk))}) "
                "AND NOT EXISTS (SELECT 1 FROM mentions WHERE node_id=nodes.id) "
                "AND NOT EXISTS (SELECT 1 FROM page_laws WHERE node_id=nodes.id) "
                "AND NOT EXISTS (SELECT 1 FROM relations WHERE dst_node=nodes.id)", chunk)]
            if gone:
                c.execute(f"DELETE FROM candidates WHERE node_id IN ({_marks(len(gone))})", gone)
                c.execute(f"DELETE FROM nodes WHERE id IN ({_marks(len(gone))})", gone)

    def _resolve_partials(self, number_keys: list[str], new_mids: set[str] = frozenset()
                          ) -> dict[str, int]:
        """Decide every partial mention of `number_keys` again; mid -> node id.

        Only what changed is written. Relations of stored mentions that now resolve to
        another node follow them (`new_mids` have no relations stored yet)."""
        c = self._conn
        partials: dict[str, list[Mention]] = defaultdict(list)
        current: dict[str, tuple[int | None, str | None]] = {}
        extra: dict[str, sqlite3.Row] = {}
        for chunk in _chunks(number_keys):
            for r in c.execute(
                    "SELECT m.*, p.key AS page_key, p.published AS page_published, "
                    "p.crawled AS page_crawled, p.source AS page_source FROM mentions m "
                    "JOIN pages p ON p.id=m.page_id "
                    f"WHERE m.number_key IN ({_marks(len(chunk))}) AND m.decided=0", chunk):
                mention = Mention(mid=r["mid"], number=r["number"], kind=r["kind"],
                                  date=r["date"], issuer=r["issuer"],
                                  page_province=r["page_province"],
                                  context_date=r["context_date"], citing=r["citing"],
                                  role=r["role"])
                partials[r["number_key"]].append(mention)
                current[r["mid"]] = (r["node_id"], r["reason"])
                extra[r["mid"]] = r
        if not partials:
            return {}
        known: dict[str, list[KnownDocument]] = defaultdict(list)
        settled: dict[str, dict[str, str]] = defaultdict(dict)
        nks = sorted(partials)
        for chunk in _chunks(nks):
            for r in c.execute(
                    "SELECT key, number_key, date, year, term, locality, issuer FROM nodes "
                    f"WHERE number_key IN ({_marks(len(chunk))}) AND label='Document' "
                    "AND decided=1", chunk):
                known[r["number_key"]].append(KnownDocument(
                    r["key"], r["date"], r["year"], r["term"], r["locality"], r["issuer"]))
            citings = sorted({m.citing for nk in chunk for m in partials[nk] if m.citing})
            for cchunk in _chunks(citings, 400):
                for r in c.execute(
                        "SELECT m.number_key, m.citing, m.mid, n.key FROM mentions m "
                        "JOIN nodes n ON n.id=m.node_id "
                        f"WHERE m.number_key IN ({_marks(len(chunk))}) AND m.decided=1 "
                        f"AND m.citing IN ({_marks(len(cchunk))})", [*chunk, *cchunk]):
                    best = settled[r["number_key"]].get(r["citing"])
                    if best is None or r["mid"] < best[0]:
                        settled[r["number_key"]][r["citing"]] = (r["mid"], r["key"])
        settled_keys = {nk: {cit: key for cit, (_, key) in by.items()}
                        for nk, by in settled.items()}
        decisions = resolve_groups(partials, known, settled_keys)
        mentions = [m for nk in nks for m in partials[nk]]
        # documents the mentions name: provisional ones are created, and every one takes
        # in what its mentions say (merging a mention already merged changes nothing)
        contributions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        sample: dict[str, Mention] = {}
        for m in mentions:
            d = decisions[m.mid]
            if not d.unresolved:
                r = extra[m.mid]
                seen = page_seen(r["page_published"], r["page_crawled"])
                contributions[d.key].append(partial_contribution(
                    m, d, fact_rank(r["role"], r["page_source"], seen, r["page_key"]), seen,
                    r["title"], r["signer"]))
                sample.setdefault(d.key, m)
        self._merge_documents(contributions, sample, provisional=True)
        unresolved = {decisions[m.mid].key: (m, decisions[m.mid]) for m in mentions
                      if decisions[m.mid].unresolved}
        self._store_unresolved(unresolved, extra)
        node_id = self._ids("nodes", sorted({d.key for d in decisions.values()}))
        out: dict[str, int] = {}
        writes, moved = [], []
        old_nodes: set[int] = set()
        for m in mentions:
            d = decisions[m.mid]
            nid = node_id[d.key]
            out[m.mid] = nid
            old, old_reason = current[m.mid]
            if (nid, d.reason) != (old, old_reason):
                writes.append((nid, d.reason, m.mid))
            if nid != old and old is not None:
                old_nodes.add(old)
            if nid != old and m.mid not in new_mids:
                moved.append((nid, m.mid))
        c.executemany("UPDATE mentions SET node_id=?, reason=? WHERE mid=?", writes)
        if moved or old_nodes:
            self._need_indexes()
        c.executemany("UPDATE relations SET src_node=? WHERE src_mid=?", moved)
        c.executemany("UPDATE relations SET dst_node=? WHERE dst_mid=?", moved)
        self._collect(old_nodes)
        self._refresh_documents(old_nodes)
        return out

    def _store_unresolved(self, refs: dict[str, tuple[Mention, Decision]],
                          extra: dict[str, sqlite3.Row]) -> None:
        """Create or update unresolved-reference nodes and their ranked candidates."""
        if not refs:
            return
        c = self._conn
        stored = self._nodes_by_key("id, key, candidates, reason", refs)
        first = self._next_id("nodes")
        inserts, updates, ranked = [], [], []
        for key, (m, d) in refs.items():
            cands = json.dumps(d.candidates, ensure_ascii=False)
            row = stored.get(key)
            if row is None:
                nid = first + len(inserts)
                r = extra[m.mid]
                inserts.append((nid, key, m.number, m.number_key, number_serial(m.number),
                                m.kind, m.date, m.issuer, m.locality, province_of(m.locality),
                                cands, d.reason,
                                page_seen(r["page_published"], r["page_crawled"])))
            elif (row["candidates"], row["reason"]) != (cands, d.reason):
                nid = row["id"]
                updates.append((cands, d.reason, nid))
            else:
                continue
            ranked.append((nid, d.candidates))
        c.executemany(
            "INSERT INTO nodes(id, key, label, number, number_key, serial, kind, date, issuer,"
            " locality, province, candidates, reason, first_seen) "
            "VALUES (?, ?, 'UnresolvedReference', ?,?,?,?,?,?,?,?,?,?,?)", inserts)
        c.executemany("UPDATE nodes SET candidates=?, reason=? WHERE id=?", updates)
        c.executemany("DELETE FROM candidates WHERE node_id=?", [(n,) for n, _ in ranked])
        c.executemany("INSERT INTO candidates(node_id, doc_key, rank) VALUES (?,?,?)",
                      [(n, k, i) for n, cands in ranked for i, k in enumerate(cands)])

    def _refresh_documents(self, node_ids: set[int]) -> None:
        """Recompute, from the mentions they still have, the facts of documents some of
        whose mentions went away (`merge_document_facts` over all of them)."""
        c = self._conn
        for chunk in _chunks(sorted(node_ids)):
            facts = refreshed_facts(map(dict, c.execute(
                "SELECT m.node_id AS node, m.role, m.decided, m.reason, m.number, m.kind, "
                "m.date, m.issuer, m.title, m.signer, n.provisional, p.key AS page, "
                "p.published, p.crawled, p.source FROM mentions m "
                "JOIN pages p ON p.id=m.page_id JOIN nodes n ON n.id=m.node_id "
                f"WHERE m.node_id IN ({_marks(len(chunk))}) AND n.label='Document'", chunk)))
            c.executemany(_UPDATE_FACTS, [(*(values.get(f) for f in _MERGED), json.dumps(ranks),
                                           nid) for nid, (values, ranks) in facts.items()])

    def delete_page(self, url_or_key: str) -> bool:
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            row = c.execute("SELECT id FROM pages WHERE key=? OR url=?",
                            (url_or_key, url_or_key)).fetchone()
            if row is None:
                c.execute("COMMIT")
                return False
            page_id = row[0]
            touched, dirty = set(), set()
            for m in c.execute("SELECT number_key, node_id FROM mentions WHERE page_id=?",
                               (page_id,)):
                dirty.add(m[0])
                if m[1] is not None:
                    touched.add(m[1])
            touched.update(r[0] for r in c.execute(
                "SELECT node_id FROM page_laws WHERE page_id=?", (page_id,)))
            for table in ("relations", "mentions", "page_laws"):
                c.execute(f"DELETE FROM {table} WHERE page_id=?", (page_id,))
            c.execute("DELETE FROM pages WHERE id=?", (page_id,))
            self._collect(touched)
            self._resolve_partials(sorted(dirty))
            self._refresh_documents(touched)
            c.execute("COMMIT")
            return True
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def page_hash(self, url: str) -> str | None:
        row = self._conn.execute("SELECT content_hash FROM pages WHERE key=? OR url=?",
                                 (url, url)).fetchone()
        return row[0] if row else None

    # --- reading ----------------------------------------------------------------------

    def _doc(self, r: sqlite3.Row) -> dict[str, Any]:
        out = {f: r[f] for f in DOC_FIELDS if f in r.keys()}
        out["provisional"] = bool(out.get("provisional"))
        if out.get("candidates"):
            out["candidates"] = json.loads(out["candidates"])
        else:
            out.pop("candidates", None)
        for f in ("name",) if out.get("label") != "Law" else ():
            out.pop(f, None)
        return out

    def find_documents(self, *, number_key=None, serial=None, kind=None, keys=None):
        c = self._conn
        if keys is not None:
            return list(self.documents(keys).values())
        if number_key:
            rows = c.execute("SELECT * FROM nodes WHERE number_key=? AND label='Document'",
                             (number_key,))
        elif serial:
            s = serial_key(serial)
            if kind:
                rows = c.execute("SELECT * FROM nodes WHERE serial=? AND label='Document' "
                                 "AND (kind=? OR kind IS NULL)", (s, kind))
            else:
                rows = c.execute("SELECT * FROM nodes WHERE serial=? AND label='Document'", (s,))
        else:
            return []
        return [self._doc(r) for r in rows]

    def documents(self, keys):
        keys = list(dict.fromkeys(keys))
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(keys):
            for r in self._conn.execute(
                    f"SELECT * FROM nodes WHERE key IN ({_marks(len(chunk))})", chunk):
                out[r["key"]] = self._doc(r)
        return out

    def sources(self, key: str, limit: int = 20) -> list[str]:
        """Urls (or page keys) of the pages that mention a node."""
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT COALESCE(p.url, p.key) FROM mentions m JOIN nodes n ON n.id=m.node_id "
            "JOIN pages p ON p.id=m.page_id WHERE n.key=? ORDER BY 1 LIMIT ?", (key, limit))]

    def sources_for(self, keys, limit=20):
        out: dict[str, list[str]] = {}
        keys = list(dict.fromkeys(keys))
        for chunk in _chunks(keys):
            for k, u in self._conn.execute(
                    "SELECT DISTINCT n.key, COALESCE(p.url, p.key) FROM nodes n "
                    "JOIN mentions m ON m.node_id=n.id JOIN pages p ON p.id=m.page_id "
                    f"WHERE n.key IN ({_marks(len(chunk))}) ORDER BY 1, 2", chunk):
                lst = out.setdefault(k, [])
                if len(lst) < limit:
                    lst.append(u)
        return out

    def edges(self, keys, direction, types):
        keys = list(dict.fromkeys(keys))
        types = list(types)
        col = "dst_node" if direction == "in" else "src_node"
        statements = []
        for chunk in _chunks(keys):
            sql = (
                'SELECT s.key AS source, t.key AS target, r.type, r.sentence, r.start, r."end", '
                "r.cue, COALESCE(p.url, p.key) AS page FROM nodes x "
                f"JOIN relations r ON r.{col}=x.id "
                "JOIN nodes s ON s.id=r.src_node JOIN nodes t ON t.id=r.dst_node "
                "JOIN pages p ON p.id=r.page_id "
                f"WHERE x.key IN ({_marks(len(chunk))}) AND r.type IN ({_marks(len(types))}) "
                "ORDER BY r.aid")
            statements += [(r["source"], r["target"], r["type"], statement_evidence(r))
                           for r in self._conn.execute(sql, [*chunk, *types])]
        statements.sort(key=lambda st: st[:3])   # stable: each edge's evidence stays in order
        return list(group_statements(statements))

    def unresolved_naming(self, keys):
        keys = list(dict.fromkeys(keys))
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(keys):
            for r in self._conn.execute(
                    "SELECT DISTINCT n.* FROM candidates c JOIN nodes n ON n.id=c.node_id "
                    f"WHERE c.doc_key IN ({_marks(len(chunk))})", chunk):
                out.setdefault(r["key"], self._doc(r))
        return [out[k] for k in sorted(out)]

    def word_keys(self, words: list[str], limit: int) -> list[str]:
        """Keys of the documents whose indexed text has every (folded) word, best first."""
        return search.sqlite_words(self, words, limit)

    def search(self, *, number_key=None, serial=None, kind=None, issuer=None, year=None,
               province=None, limit=50):
        where, args = ["n.label='Document'"], []
        if number_key:
            where.append("n.number_key=?")
            args.append(number_key)
        if serial:
            where.append("n.serial=?")
            args.append(serial_key(serial))
        if kind:
            where.append("n.kind=?")
            args.append(kind)
        if year:
            where.append("n.year=?")
            args.append(int(year))
        if province:
            # the province's districts (`Quảng Trị/Cam Lộ`); its own % and _ match literally
            literal = province.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("(n.province=? OR n.locality LIKE ? ESCAPE '\\')")
            args += [province, literal + "/%"]
        rows = [self._doc(r) for r in self._conn.execute(
            f"SELECT n.* FROM nodes n WHERE {' AND '.join(where)} ORDER BY n.key", args)]
        if issuer:
            rows = [d for d in rows if d.get("issuer") and issuers_match(issuer, d["issuer"])]
        cited = self.cited_counts([d["key"] for d in rows])
        rows.sort(key=lambda d: (-cited.get(d["key"], 0), d["key"]))
        return rows[:limit]

    def cited_counts(self, keys, types=None):
        """Node key -> number of distinct documents pointing at it (optionally by type)."""
        out: dict[str, int] = {}
        keys = list(keys)
        types = tuple(types) if types else None
        for chunk in _chunks(keys):
            sql = ("SELECT x.key, COUNT(DISTINCT r.src_node) FROM nodes x JOIN relations r "
                   f"ON r.dst_node=x.id WHERE x.key IN ({_marks(len(chunk))})")
            args = list(chunk)
            if types:
                sql += f" AND r.type IN ({_marks(len(types))})"
                args += list(types)
            for k, n in self._conn.execute(sql + " GROUP BY x.key", args):
                out[k] = n
        return out

    def counts(self):
        c = self._conn
        by_label = {r[0]: r[1] for r in c.execute("SELECT label, COUNT(*) FROM nodes GROUP BY 1")}
        by_type = {r[0]: r[1] for r in c.execute(
            "SELECT type, COUNT(*) FROM (SELECT DISTINCT src_node, dst_node, type FROM relations "
            "WHERE src_node IS NOT NULL AND dst_node IS NOT NULL) GROUP BY type")}
        return {
            "pages": c.execute("SELECT COUNT(*) FROM pages").fetchone()[0],
            "nodes": by_label,
            "relations": by_type,
            "evidence": c.execute("SELECT COUNT(*) FROM relations").fetchone()[0],
            "kinds": {r[0] or "?": r[1] for r in c.execute(
                "SELECT kind, COUNT(*) FROM nodes WHERE label='Document' GROUP BY 1 ORDER BY 2 DESC")},
            "provinces": {r[0] or "(central)": r[1] for r in c.execute(
                "SELECT province, COUNT(*) FROM nodes WHERE label='Document' GROUP BY 1 "
                "ORDER BY 2 DESC")},
        }

    def most_implemented(self, limit=10):
        return [(r[0], r[1]) for r in self._conn.execute(
            "SELECT t.key, COUNT(DISTINCT r.src_node) AS n FROM relations r "
            "JOIN nodes t ON t.id=r.dst_node WHERE r.type='IMPLEMENTS' AND r.src_node IS NOT NULL "
            "GROUP BY r.dst_node ORDER BY n DESC, t.key LIMIT ?", (limit,))]

    def iter_nodes(self):
        for r in self._conn.execute("SELECT * FROM nodes ORDER BY key"):
            yield self._doc(r)

    def iter_edges(self):
        cur = self._conn.execute(
            'SELECT s.key AS source, t.key AS target, r.type, r.sentence, r.start, r."end", '
            "r.cue, COALESCE(p.url, p.key) AS page FROM relations r "
            "JOIN nodes s ON s.id=r.src_node JOIN nodes t ON t.id=r.dst_node "
            "JOIN pages p ON p.id=r.page_id ORDER BY r.src_node, r.dst_node, r.type, r.aid")
        yield from group_statements((r["source"], r["target"], r["type"], statement_evidence(r)) for r in cur)

    def iter_mentions(self):
        for r in self._conn.execute(
                'SELECT p.key AS page, n.key AS node, m.role, m.number, m.start, m."end", m.reason '
                "FROM mentions m JOIN pages p ON p.id=m.page_id JOIN nodes n ON n.id=m.node_id "
                "ORDER BY p.key, m.mid"):
            yield dict(r)
        for r in self._conn.execute(
                "SELECT p.key AS page, n.key AS node FROM page_laws l JOIN pages p ON p.id=l.page_id"
                " JOIN nodes n ON n.id=l.node_id ORDER BY p.key, n.key"):
            yield {"page": r["page"], "node": r["node"], "role": "law", "number": None,
                   "start": None, "end": None, "reason": None}

    def iter_pages(self):
        for r in self._conn.execute("SELECT * FROM pages ORDER BY key"):
            d = dict(r)
            d.pop("id", None)
            yield d

    def iter_property_nodes(self):
        return property_graph.sqlite_nodes(self._conn)

    def iter_property_relationships(self):
        return property_graph.sqlite_relationships(self._conn)

    def mention_reasons(self, key: str) -> list[dict[str, Any]]:
        """Why each mention of a node resolved to it (page, number as written, reason)."""
        return [dict(r) for r in self._conn.execute(
            "SELECT COALESCE(p.url, p.key) AS page, m.role, m.number, m.date, m.issuer, m.reason "
            "FROM mentions m JOIN nodes n ON n.id=m.node_id JOIN pages p ON p.id=m.page_id "
            "WHERE n.key=? ORDER BY p.key", (key,))]


__all__ = ["SQLiteStore", "term_of", "fold"]

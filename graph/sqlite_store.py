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
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extract.normalize import fold, issuers_match, split_number

from graph.facts import PageFacts
from graph.identity import (Decision, KnownDocument, Mention, decided_key, resolve_groups,
                            term_of)
from graph.sqlitedb import connect_shared
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
    reason TEXT, candidates TEXT);
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


def _chunks(items: list, size: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class SQLiteStore(Store):
    """The embedded store of record (see the module docstring)."""

    batch_size = 1000

    def __init__(self, path: str | Path):
        self.path = Path(path)
        # several crawl workers may share the store: wait for each other, never fail at once
        self._conn = connect_shared(path, SCHEMA, timeout=60.0, pragmas=("synchronous=NORMAL", "foreign_keys=OFF"))
        self._conn.row_factory = sqlite3.Row

    def close(self) -> None:
        self._conn.close()

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
        c = self._conn
        touched: set[int] = set()          # nodes that may have lost mentions
        dirty: set[str] = set()            # number keys whose partial mentions to redo
        for p in pages:
            row = c.execute("SELECT id FROM pages WHERE key=?", (p.key,)).fetchone()
            if row:
                page_id = row["id"]
                for m in c.execute("SELECT number_key, node_id FROM mentions WHERE page_id=?",
                                   (page_id,)):
                    dirty.add(m["number_key"])
                    if m["node_id"] is not None:
                        touched.add(m["node_id"])
                touched.update(r[0] for r in c.execute(
                    "SELECT node_id FROM page_laws WHERE page_id=?", (page_id,)))
                c.execute("DELETE FROM relations WHERE page_id=?", (page_id,))
                c.execute("DELETE FROM mentions WHERE page_id=?", (page_id,))
                c.execute("DELETE FROM page_laws WHERE page_id=?", (page_id,))
                c.execute("UPDATE pages SET url=?, path=?, province=?, portal=?, published=?, "
                          "crawled=?, content_hash=?, page_title=?, source=? WHERE id=?",
                          (p.url, p.path, p.province, p.portal, p.published, p.crawled,
                           p.content_hash, p.page_title, p.source, page_id))
            else:
                page_id = c.execute(
                    "INSERT INTO pages(key, url, path, province, portal, published, crawled, "
                    "content_hash, page_title, source) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (p.key, p.url, p.path, p.province, p.portal, p.published, p.crawled,
                     p.content_hash, p.page_title, p.source)).lastrowid
            seen = p.published or (p.crawled or "")[:10] or None
            node_of: dict[str, int | None] = {}
            for mf in p.mentions:
                m = mf.mention
                decided = decided_key(m)
                node_id = None
                reason = None
                if decided:
                    key, reason = decided
                    node_id, created = self._upsert_document(key, m, mf.role, mf.title,
                                                             mf.signer, seen, reason,
                                                             provisional=False)
                    if created:
                        dirty.add(m.number_key)
                else:
                    dirty.add(m.number_key)
                node_of[m.mid] = node_id
                c.execute(
                    'INSERT INTO mentions(mid, page_id, role, number, number_key, kind, date, '
                    'issuer, page_province, context_date, citing, title, signer, start, "end", '
                    'decided, node_id, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
                    (m.mid, page_id, mf.role, m.number, m.number_key, m.kind, m.date, m.issuer,
                     m.page_province, m.context_date, m.citing, mf.title, mf.signer, mf.start,
                     mf.end, 1 if decided else 0, node_id, reason))
            law_node: dict[str, int] = {}
            for lk, law in p.laws.items():
                c.execute("INSERT OR IGNORE INTO nodes(key, label, name, year, first_seen, decided)"
                          " VALUES (?, 'Law', ?, ?, ?, 1)", (lk, law["name"], law["year"], seen))
                if law["year"] is not None:
                    c.execute("UPDATE nodes SET year=COALESCE(year, ?) WHERE key=?",
                              (law["year"], lk))
                nid = c.execute("SELECT id FROM nodes WHERE key=?", (lk,)).fetchone()[0]
                law_node[lk] = nid
                c.execute("INSERT OR IGNORE INTO page_laws(page_id, node_id) VALUES (?,?)",
                          (page_id, nid))
            c.executemany(
                'INSERT OR REPLACE INTO relations(aid, page_id, type, src_mid, dst_mid, src_node, '
                'dst_node, sentence, start, "end", cue) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
                [(a.aid, page_id, a.type, a.src_mid, a.dst_mid, node_of.get(a.src_mid),
                  law_node[a.dst_law] if a.dst_law else node_of.get(a.dst_mid),
                  a.sentence, a.start, a.end, a.cue) for a in p.assertions])
        self._collect(touched)
        if dirty:
            self._resolve_partials(sorted(dirty))
        self._refresh_documents(touched)

    def _upsert_document(self, key: str, m: Mention, role: str, title: str | None,
                         signer: str | None, seen: str | None, reason: str,
                         provisional: bool) -> tuple[int, bool]:
        """Create or complete a document node; (id, created)."""
        c = self._conn
        serial, _, _ = split_number(m.number)
        year = m.year
        cur = c.execute(
            "INSERT OR IGNORE INTO nodes(key, label, number, number_key, serial, kind, date, year,"
            " term, issuer, locality, province, title, signer, first_seen, provisional, decided,"
            " reason) VALUES (?, 'Document', ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (key, m.number, m.number_key, serial.lstrip("0") or "0", m.kind, m.date, year,
             m.term, m.issuer, m.locality, _province(m.locality), title, signer, seen,
             1 if provisional else 0, 0 if provisional else 1, reason))
        if cur.rowcount:
            return cur.lastrowid, True
        if role == "subject":   # what a page says about its own subject wins
            c.execute("UPDATE nodes SET number=?, kind=COALESCE(?, kind), date=COALESCE(?, date),"
                      " issuer=COALESCE(?, issuer), title=COALESCE(?, title),"
                      " signer=COALESCE(?, signer), year=COALESCE(year, ?),"
                      " first_seen=MIN(COALESCE(first_seen, ?), COALESCE(?, first_seen))"
                      " WHERE key=?",
                      (m.number, m.kind, m.date, m.issuer, title, signer, year, seen, seen, key))
        else:
            c.execute("UPDATE nodes SET kind=COALESCE(kind, ?), date=COALESCE(date, ?),"
                      " issuer=COALESCE(issuer, ?), year=COALESCE(year, ?),"
                      " first_seen=MIN(COALESCE(first_seen, ?), COALESCE(?, first_seen))"
                      " WHERE key=?", (m.kind, m.date, m.issuer, year, seen, seen, key))
        return c.execute("SELECT id FROM nodes WHERE key=?", (key,)).fetchone()[0], False

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

    def _resolve_partials(self, number_keys: list[str]) -> None:
        c = self._conn
        partials: dict[str, list[Mention]] = defaultdict(list)
        current: dict[str, int | None] = {}
        extra: dict[str, sqlite3.Row] = {}
        for chunk in _chunks(number_keys):
            for r in c.execute(
                    "SELECT m.*, p.published AS page_published FROM mentions m "
                    "JOIN pages p ON p.id=m.page_id "
                    f"WHERE m.number_key IN ({_marks(len(chunk))}) AND m.decided=0", chunk):
                mention = Mention(mid=r["mid"], number=r["number"], kind=r["kind"],
                                  date=r["date"], issuer=r["issuer"],
                                  page_province=r["page_province"],
                                  context_date=r["context_date"], citing=r["citing"],
                                  role=r["role"])
                partials[r["number_key"]].append(mention)
                current[r["mid"]] = r["node_id"]
                extra[r["mid"]] = r
        if not partials:
            return
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
            if citings:
                for r in c.execute(
                        "SELECT m.number_key, m.citing, n.key FROM mentions m "
                        "JOIN nodes n ON n.id=m.node_id "
                        f"WHERE m.number_key IN ({_marks(len(chunk))}) AND m.decided=1 "
                        f"AND m.citing IN ({_marks(len(citings))}) ORDER BY m.mid",
                        [*chunk, *citings]):
                    settled[r["number_key"]].setdefault(r["citing"], r["key"])
        decisions = resolve_groups(partials, known, settled)
        changed: list[tuple[int, str]] = []
        old_nodes: set[int] = set()
        for nk in nks:
            for m in partials[nk]:
                d = decisions[m.mid]
                r = extra[m.mid]
                node_id = self._node_for(d, m, r)
                if node_id != current[m.mid]:
                    if current[m.mid] is not None:
                        old_nodes.add(current[m.mid])
                    changed.append((node_id, m.mid))
                c.execute("UPDATE mentions SET node_id=?, reason=? WHERE mid=?",
                          (node_id, d.reason, m.mid))
        if changed:
            c.executemany("UPDATE relations SET src_node=? WHERE src_mid=?", changed)
            c.executemany("UPDATE relations SET dst_node=? WHERE dst_mid=?", changed)
        self._collect(old_nodes)
        self._refresh_documents(old_nodes)

    def _node_for(self, d: Decision, m: Mention, r: sqlite3.Row) -> int:
        c = self._conn
        if d.unresolved:
            row = c.execute("SELECT id FROM nodes WHERE key=?", (d.key,)).fetchone()
            if row:
                node_id = row[0]
                c.execute("UPDATE nodes SET candidates=?, reason=? WHERE id=?",
                          (json.dumps(d.candidates, ensure_ascii=False), d.reason, node_id))
            else:
                serial, _, _ = split_number(m.number)
                node_id = c.execute(
                    "INSERT INTO nodes(key, label, number, number_key, serial, kind, date, issuer,"
                    " locality, province, candidates, reason, first_seen) "
                    "VALUES (?, 'UnresolvedReference', ?,?,?,?,?,?,?,?,?,?,?)",
                    (d.key, m.number, m.number_key, serial.lstrip("0") or "0", m.kind, m.date,
                     m.issuer, m.locality, _province(m.locality),
                     json.dumps(d.candidates, ensure_ascii=False), d.reason,
                     r["page_published"])).lastrowid
            c.execute("DELETE FROM candidates WHERE node_id=?", (node_id,))
            c.executemany("INSERT INTO candidates(node_id, doc_key, rank) VALUES (?,?,?)",
                          [(node_id, k, i) for i, k in enumerate(d.candidates)])
            return node_id
        if d.provisional:
            node_id, _ = self._upsert_document(d.key, m, r["role"], r["title"], r["signer"],
                                               r["page_published"], d.reason, provisional=True)
            return node_id
        row = c.execute("SELECT id FROM nodes WHERE key=?", (d.key,)).fetchone()
        return row[0]

    def _refresh_documents(self, node_ids: set[int]) -> None:
        """Recompute the facts of documents some of whose mentions went away."""
        c = self._conn
        for node_id in sorted(node_ids):
            row = c.execute("SELECT label, key FROM nodes WHERE id=?", (node_id,)).fetchone()
            if row is None or row["label"] != "Document":
                continue
            values: dict[str, Any] = {}
            for m in c.execute(
                    "SELECT m.role, m.number, m.kind, m.date, m.issuer, m.title, m.signer, "
                    "p.published FROM mentions m JOIN pages p ON p.id=m.page_id "
                    "WHERE m.node_id=? ORDER BY m.role='subject' DESC, m.mid", (node_id,)):
                for f in ("number", "kind", "date", "issuer", "title", "signer"):
                    if values.get(f) is None and m[f] is not None:
                        values[f] = m[f]
                if m["published"] and (values.get("first_seen") is None
                                       or m["published"] < values["first_seen"]):
                    values["first_seen"] = m["published"]
            if not values:
                continue
            c.execute("UPDATE nodes SET number=COALESCE(?, number), kind=?, date=?, issuer=?, "
                      "title=?, signer=?, first_seen=COALESCE(?, first_seen) WHERE id=?",
                      (values.get("number"), values.get("kind"), values.get("date"),
                       values.get("issuer"), values.get("title"), values.get("signer"),
                       values.get("first_seen"), node_id))

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
            s = serial.lstrip("0") or "0"
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
        grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for chunk in _chunks(keys):
            sql = (
                'SELECT s.key AS source, t.key AS target, r.type, r.sentence, r.start, r."end", '
                "r.cue, COALESCE(p.url, p.key) AS page FROM nodes x "
                f"JOIN relations r ON r.{col}=x.id "
                "JOIN nodes s ON s.id=r.src_node JOIN nodes t ON t.id=r.dst_node "
                "JOIN pages p ON p.id=r.page_id "
                f"WHERE x.key IN ({_marks(len(chunk))}) AND r.type IN ({_marks(len(types))}) "
                "ORDER BY r.aid")
            for r in self._conn.execute(sql, [*chunk, *types]):
                grouped.setdefault((r["source"], r["target"], r["type"]), []).append(
                    {"sentence": r["sentence"], "page": r["page"], "start": r["start"],
                     "end": r["end"], "cue": r["cue"]})
        return [{"source": s, "target": t, "type": ty, "evidence": ev}
                for (s, t, ty), ev in sorted(grouped.items())]

    def unresolved_naming(self, keys):
        keys = list(keys)
        out = []
        for chunk in _chunks(keys):
            for r in self._conn.execute(
                    "SELECT n.* FROM candidates c JOIN nodes n ON n.id=c.node_id "
                    f"WHERE c.doc_key IN ({_marks(len(chunk))}) ORDER BY n.key", chunk):
                out.append(self._doc(r))
        return out

    def search(self, *, number_key=None, serial=None, kind=None, issuer=None, year=None,
               province=None, limit=50):
        where, args = ["n.label='Document'"], []
        if number_key:
            where.append("n.number_key=?")
            args.append(number_key)
        if serial:
            where.append("n.serial=?")
            args.append(serial.lstrip("0") or "0")
        if kind:
            where.append("n.kind=?")
            args.append(kind)
        if year:
            where.append("n.year=?")
            args.append(int(year))
        if province:
            where.append("(n.province=? OR n.locality LIKE ?)")
            args += [province, province + "/%"]
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
        current, evidence = None, []
        for r in cur:
            k = (r["source"], r["target"], r["type"])
            if k != current:
                if current:
                    yield {"source": current[0], "target": current[1], "type": current[2],
                           "evidence": evidence}
                current, evidence = k, []
            evidence.append({"sentence": r["sentence"], "page": r["page"], "start": r["start"],
                             "end": r["end"], "cue": r["cue"]})
        if current:
            yield {"source": current[0], "target": current[1], "type": current[2],
                   "evidence": evidence}

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

    def mention_reasons(self, key: str) -> list[dict[str, Any]]:
        """Why each mention of a node resolved to it (page, number as written, reason)."""
        return [dict(r) for r in self._conn.execute(
            "SELECT COALESCE(p.url, p.key) AS page, m.role, m.number, m.date, m.issuer, m.reason "
            "FROM mentions m JOIN nodes n ON n.id=m.node_id JOIN pages p ON p.id=m.page_id "
            "WHERE n.key=? ORDER BY p.key", (key,))]


def _province(locality: str | None) -> str | None:
    if not locality:
        return None
    head = locality.split("/", 1)[0]
    return None if head == "?" else head


__all__ = ["SQLiteStore", "term_of", "fold"]

"""Reading the SQLite store (`graph/sqlite_store.py`): the look-ups `graph.queries`
builds every question from, as parameterised SQL over its tables."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from extract.normalize import issuers_match

from graph import neighbour_index, property_graph, search
from graph.plan import serial_key
from graph.sqlparams import CHUNK, chunks, marks  # noqa: F401 (chunks, marks: sqlite_load's)
from graph.store import group_statements, statement_evidence

DOC_FIELDS = ("key", "label", "number", "kind", "date", "year", "term", "issuer", "locality",
              "province", "title", "signer", "name", "first_seen", "provisional", "reason",
              "candidates")
_DOC_COLUMNS = ", ".join(f'"{f}"' for f in DOC_FIELDS)   # not the load's bookkeeping
_CHUNK = CHUNK


class SQLiteReading:
    """The reading half of `SQLiteStore` (uses its `_conn`)."""

    def _nodes_by_key(self, columns: str, keys) -> dict[str, sqlite3.Row]:
        """Node key -> row of `columns` (our own column list, never user input) for the
        stored nodes among `keys`."""
        stored: dict[str, sqlite3.Row] = {}
        for chunk in chunks(list(keys)):
            for r in self._conn.execute(f"SELECT {columns} FROM nodes WHERE key IN ({marks(len(chunk))})",
                                        chunk):
                stored[r["key"]] = r
        return stored

    def page_hash(self, url: str) -> str | None:
        row = self._conn.execute("SELECT content_hash FROM pages WHERE key=? OR url=?",
                                 (url, url)).fetchone()
        return row[0] if row else None

    def _doc(self, r: sqlite3.Row) -> dict[str, Any]:
        names = r.keys()
        out = {f: r[f] for f in DOC_FIELDS if f in names}
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
        for chunk in chunks(keys):
            for r in self._conn.execute(
                    f"SELECT {_DOC_COLUMNS} FROM nodes WHERE key IN ({marks(len(chunk))})",
                    chunk):
                out[r["key"]] = self._doc(r)
        return out

    def sources(self, key: str, limit: int = 20) -> list[str]:
        """Urls (or page keys) of the pages that mention a node, the first `limit` in order.

        One row (a JSON array), not one row per page: Python's sqlite3 takes the
        interpreter lock back at every row, a wait when other requests' threads hold it.
        Sorted again here, the same order (code points sort as UTF-8 bytes do). A
        long-running reader's index answers the same (graph/neighbour_index.py)."""
        index = self._neighbours()
        if index is not None:
            return neighbour_index.sources_for(index, self, [key], limit).get(key, [])
        (found,) = self._conn.execute(
            "SELECT json_group_array(u) FROM (SELECT DISTINCT COALESCE(p.url, p.key) AS u "
            "FROM mentions m JOIN nodes n ON n.id=m.node_id JOIN pages p ON p.id=m.page_id "
            "WHERE n.key=? ORDER BY 1 LIMIT ?)", (key, limit)).fetchone()
        return sorted(json.loads(found))

    def sources_for(self, keys, limit=20):
        index = self._neighbours()
        if index is not None:
            return neighbour_index.sources_for(index, self, keys, limit)
        out: dict[str, list[str]] = {}
        keys = list(dict.fromkeys(keys))
        for chunk in chunks(keys):
            for k, u in self._conn.execute(
                    "SELECT DISTINCT n.key, COALESCE(p.url, p.key) FROM nodes n "
                    "JOIN mentions m ON m.node_id=n.id JOIN pages p ON p.id=m.page_id "
                    f"WHERE n.key IN ({marks(len(chunk))}) ORDER BY 1, 2", chunk):
                lst = out.setdefault(k, [])
                if len(lst) < limit:
                    lst.append(u)
        return out

    def edges(self, keys, direction, types):
        keys = list(dict.fromkeys(keys))
        types = list(types)
        col = "dst_node" if direction == "in" else "src_node"
        statements = []
        for chunk in chunks(keys):
            sql = (
                'SELECT s.key AS source, t.key AS target, r.type, r.sentence, r.start, r."end", '
                "r.cue, COALESCE(p.url, p.key) AS page FROM nodes x "
                f"JOIN relations r ON r.{col}=x.id "
                "JOIN nodes s ON s.id=r.src_node JOIN nodes t ON t.id=r.dst_node "
                "JOIN pages p ON p.id=r.page_id "
                f"WHERE x.key IN ({marks(len(chunk))}) AND r.type IN ({marks(len(types))}) "
                "ORDER BY r.aid")
            statements += [(r["source"], r["target"], r["type"], statement_evidence(r))
                           for r in self._conn.execute(sql, [*chunk, *types])]
        statements.sort(key=lambda st: st[:3])   # stable: each edge's evidence stays in order
        return list(group_statements(statements))

    def edge_keys(self, keys, direction, types):
        keys = list(dict.fromkeys(keys))
        types = list(types)
        # the far end's key only: the near end is the node asked about (x)
        near, far = ("dst_node", "src_node") if direction == "in" else ("src_node", "dst_node")
        out: set[tuple[str, str, str]] = set()
        cur = self._tuples()
        for chunk in chunks(keys):
            for x, there, rtype in cur.execute(
                    f"SELECT x.key, o.key, r.type FROM nodes x JOIN relations r ON r.{near}=x.id "
                    f"JOIN nodes o ON o.id=r.{far} WHERE x.key IN ({marks(len(chunk))}) "
                    f"AND r.type IN ({marks(len(types))})", [*chunk, *types]):
                out.add((there, x, rtype) if direction == "in" else (x, there, rtype))
        return sorted(out)

    def edge_keys_slice(self, keys, direction, types, limit, offset):
        """`edge_keys(...)[offset:offset + limit]` and `len(edge_keys(...))`, the order and
        the count made by SQLite: the count from the relation index alone."""
        keys = list(dict.fromkeys(keys))
        types = list(types)
        index = self._neighbours()
        if index is not None and direction == "in" and len(keys) == 1 and index.covers(types):
            return neighbour_index.edge_keys_slice(index, self, keys[0], types, limit, offset)
        near, far = ("dst_node", "src_node") if direction == "in" else ("src_node", "dst_node")
        if len(keys) > _CHUNK:     # more keys than one statement binds: the generic cut
            return super().edge_keys_slice(keys, direction, types, limit, offset)
        cur = self._tuples()
        where = (f"x.key IN ({marks(len(keys))}) AND r.type IN ({marks(len(types))}) "
                 f"AND r.{far} IS NOT NULL")
        count = cur.execute(
            f"SELECT COUNT(*) FROM (SELECT DISTINCT r.{near}, r.{far}, r.type FROM nodes x "
            f"JOIN relations r ON r.{near} = x.id WHERE {where})", [*keys, *types]).fetchone()[0]
        source, target = ("o.key", "x.key") if direction == "in" else ("x.key", "o.key")
        # the far ends' keys from nodes_key_of (id, key), not one node row each (of 660
        # MB at 1M): what cites a central document is thousands of nodes, all sorted
        rows = cur.execute(
            f"SELECT DISTINCT {source}, {target}, r.type FROM nodes x "
            f"JOIN relations r ON r.{near} = x.id JOIN nodes o INDEXED BY nodes_key_of "
            f"ON o.id = r.{far} WHERE {where} "
            "ORDER BY 1, 2, 3 LIMIT ? OFFSET ?",
            [*keys, *types, -1 if limit is None else max(0, limit), offset]).fetchall()
        return rows, count

    def reach(self, root, direction, types, max_depth):
        """Breadth first over node ids (no key, no statement read), keys looked up once
        at the end: a central document's thousands of implementers in a few queries."""
        row = self._conn.execute("SELECT id FROM nodes WHERE key=?", (root,)).fetchone()
        if row is None:
            return []
        types = list(types)
        near, far = ("dst_node", "src_node") if direction == "in" else ("src_node", "dst_node")
        depth_of = {row[0]: 0}
        frontier = [row[0]]
        cur = self._tuples()
        for depth in range(1, max_depth + 1):
            nxt = []
            for chunk in chunks(frontier):
                for (there,) in cur.execute(
                        f"SELECT r.{far} FROM relations r WHERE r.{near} IN "
                        f"({marks(len(chunk))}) AND r.type IN ({marks(len(types))}) "
                        f"AND r.{far} IS NOT NULL", [*chunk, *types]):
                    if there not in depth_of:
                        depth_of[there] = depth
                        nxt.append(there)
            if not nxt:
                break
            frontier = nxt
        del depth_of[row[0]]
        out = []
        for chunk in chunks(sorted(depth_of)):     # in id order: the table read in order
            out += [(depth_of[i], key, label) for i, key, label in cur.execute(
                f"SELECT id, key, label FROM nodes WHERE id IN ({marks(len(chunk))})", chunk)]
        return sorted(out)

    def _neighbours(self):
        """The in-memory `NeighbourIndex` a long-running reader keeps, while it is of the
        store as it is; else None (the SQL answers)."""
        keeper = getattr(self, "reach_keeper", None)
        return keeper.neighbours(self) if keeper is not None else None

    def reached(self, root, direction, types, max_depth):
        """`paging.Reached` for this store: from the in-memory index a long-running reader
        keeps (`reach_keeper`, graph/reach_index.py) while it is of the store as it is,
        else answered in SQL (graph/sqlite_reach.py)."""
        keeper = getattr(self, "reach_keeper", None)
        found = keeper.reached(self, root, direction, types, max_depth) if keeper else None
        if found is not None:
            return found
        from graph.sqlite_reach import SQLiteReached
        return SQLiteReached(self, "reached", root, direction, tuple(types), max_depth)

    def change_token(self):
        """What changes whenever a transaction writes to the store, from any connection
        or process: the modification time and size of the file and of its write-ahead
        log. The web application keeps answers while it stays the same (vanban/web)."""
        path = getattr(self, "path", None)
        if path is None or str(path) == ":memory:":
            return None
        token = []
        for f in (path, path.with_name(path.name + "-wal")):
            try:
                st = f.stat()
            except OSError:
                token.append(None)
            else:
                token.append((st.st_mtime_ns, st.st_size))
        return tuple(token)

    def _tuples(self) -> sqlite3.Cursor:
        """A cursor giving plain tuples: the walks read thousands of rows."""
        cur = self._conn.cursor()
        cur.row_factory = None
        return cur

    def unresolved_naming(self, keys):
        keys = list(dict.fromkeys(keys))
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(keys):
            for r in self._conn.execute(
                    "SELECT DISTINCT n.* FROM candidates c JOIN nodes n ON n.id=c.node_id "
                    f"WHERE c.doc_key IN ({marks(len(chunk))})", chunk):
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
            # one province or several (a province of today and its predecessors); a district's
            # node carries its province (`Quảng Trị/Cam Lộ` -> `Quảng Trị`), so equality finds
            # it, through the index, and a name's % or _ is no wildcard
            names = [province] if isinstance(province, str) else list(province)
            where.append(f"n.province IN ({marks(len(names))})")
            args += names
        rows = [self._doc(r) for r in self._conn.execute(
            f"SELECT n.* FROM nodes n WHERE {' AND '.join(where)} ORDER BY n.key", args)]
        if issuer:
            rows = [d for d in rows if d.get("issuer") and issuers_match(issuer, d["issuer"])]
        cited = self.cited_counts([d["key"] for d in rows])
        rows.sort(key=lambda d: (-cited.get(d["key"], 0), d["key"]))
        return rows[:limit]

    def province_figures(self, provinces, types, top):
        """What `coverage.province_summary` counts, counted by SQLite: (documents, {kind:
        n}, {year: n}, [(key, implementers)] of the `top` most implemented), over the
        documents of `provinces`."""
        names = list(provinces)
        where = f"n.label = 'Document' AND n.province IN ({marks(len(names))})"
        c = self._tuples()
        kinds: dict[str, int] = {}
        years: dict[int | None, int] = {}
        # one pass over the province's documents for both counts
        for kind, year, n in c.execute(
                "SELECT COALESCE(NULLIF(n.kind, ''), '?'), COALESCE(NULLIF(n.year, 0), CASE "
                "WHEN substr(n.date, 1, 4) GLOB '[0-9][0-9][0-9][0-9]' THEN "
                f"CAST(substr(n.date, 1, 4) AS INTEGER) END), COUNT(*) FROM nodes n WHERE {where} "
                "GROUP BY 1, 2", names):
            kinds[kind] = kinds.get(kind, 0) + n
            years[year] = years.get(year, 0) + n
        total = sum(kinds.values())
        types = list(types)
        best = c.execute(
            "SELECT n.key, COUNT(DISTINCT r.src_node) AS implementers FROM nodes n "
            f"JOIN relations r ON r.dst_node = n.id WHERE {where} "
            f"AND r.type IN ({marks(len(types))}) GROUP BY n.id HAVING implementers > 0 "
            "ORDER BY implementers DESC, n.key LIMIT ?", [*names, *types, top]).fetchall()
        return total, kinds, years, best

    def cited_counts(self, keys, types=None):
        """Node key -> number of distinct documents pointing at it (optionally by type)."""
        out: dict[str, int] = {}
        keys = list(keys)
        types = tuple(types) if types else None
        for chunk in chunks(keys):
            sql = ("SELECT x.key, COUNT(DISTINCT r.src_node) FROM nodes x JOIN relations r "
                   f"ON r.dst_node=x.id WHERE x.key IN ({marks(len(chunk))})")
            args = list(chunk)
            if types:
                sql += f" AND r.type IN ({marks(len(types))})"
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

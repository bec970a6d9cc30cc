"""`paging.Reached` answered by SQLite itself: the walk runs as one INSERT ... SELECT per
depth into a temporary table of node ids, and each question (counts, a slice in key
order, depths, unresolved references, first per place) is one query over it, so no
key, label or fact of the nodes a page does not show reaches Python.

The table lives in the connection's temporary schema (nothing is written to the store's
file) and holds the last walk of that connection; a `SQLiteReached` refuses questions
once a newer walk replaced it.
"""

from __future__ import annotations

from typing import Any

from graph.sqlite_read import chunks, marks

_TABLE = """CREATE TEMP TABLE IF NOT EXISTS reached(id INTEGER PRIMARY KEY,
    depth INTEGER NOT NULL)"""
_INDEX = "CREATE INDEX IF NOT EXISTS temp.reached_depth ON reached(depth, id)"
# the documents a page shows: every reached node but unresolved references
_SHOWN = ("FROM temp.reached w JOIN nodes n ON n.id = w.id "
          "WHERE w.depth > 0 AND n.label <> 'UnresolvedReference'")


class SQLiteReached:
    def __init__(self, store, root: str, direction: str, types: tuple[str, ...],
                 max_depth: int):
        self._store, self.root = store, root
        conn = store._conn
        store._walks = getattr(store, "_walks", 0) + 1
        self._walk = store._walks
        self._counts: dict[tuple[str, ...] | None, dict[int, int]] = {}
        conn.execute(_TABLE)
        conn.execute(_INDEX)
        conn.execute("DELETE FROM temp.reached")
        row = conn.execute("SELECT id FROM nodes WHERE key=?", (root,)).fetchone()
        if row is None:
            return
        conn.execute("INSERT INTO temp.reached(id, depth) VALUES (?, 0)", (row[0],))
        near, far = ("dst_node", "src_node") if direction == "in" else ("src_node", "dst_node")
        types = list(types)
        for depth in range(1, max_depth + 1):
            # a node already in the table keeps its (smaller) depth: breadth first
            added = conn.execute(
                f"INSERT OR IGNORE INTO temp.reached(id, depth) SELECT r.{far}, ? "
                f"FROM temp.reached w JOIN relations r ON r.{near} = w.id "
                f"WHERE w.depth = ? AND r.type IN ({marks(len(types))}) "
                f"AND r.{far} IS NOT NULL", [depth, depth - 1, *types]).rowcount
            if not added:
                break

    def _conn(self):
        if self._store._walks != self._walk:
            raise RuntimeError("a newer walk on this connection replaced this one")
        cur = self._store._conn.cursor()
        cur.row_factory = None
        return cur

    @staticmethod
    def _in(provinces) -> tuple[str, list[str]]:
        if provinces is None:
            return "", []
        names = list(provinces)
        return f" AND n.province IN ({marks(len(names))})", names

    def counts(self, provinces=None) -> dict[int, int]:
        asked = None if provinces is None else tuple(provinces)
        if asked not in self._counts:
            where, args = self._in(asked)
            self._counts[asked] = dict(self._conn().execute(
                f"SELECT w.depth, COUNT(*) {_SHOWN}{where} GROUP BY w.depth", args))
        return self._counts[asked]

    def cut(self, limit: int | None, offset: int, depth: int | None = None,
            provinces=None) -> dict[int, list[str]]:
        where, args = self._in(provinces)
        cur = self._conn()
        out = {}
        for d in sorted(self.counts(provinces)):
            if depth not in (None, d):
                continue
            out[d] = [k for (k,) in cur.execute(
                f"SELECT n.key {_SHOWN} AND w.depth = ?{where} ORDER BY n.key LIMIT ? OFFSET ?",
                [d, *args, -1 if limit is None else max(0, limit), offset])]
        return out

    def depths(self, keys) -> dict[str, int]:
        out: dict[str, int] = {}
        cur = self._conn()
        for chunk in chunks(list(dict.fromkeys(keys))):
            out.update(cur.execute(
                "SELECT n.key, w.depth FROM nodes n JOIN temp.reached w ON w.id = n.id "
                f"WHERE n.key IN ({marks(len(chunk))})", chunk))
        return out

    def unresolved_levels(self) -> list[tuple[int, list[dict[str, Any]]]]:
        # from the candidates (the few references left unresolved) to the walk, not
        # from each of the walk's nodes to the candidates
        self._conn()
        rows = self._store._conn.execute(
            "SELECT DISTINCT w.depth AS walk_depth, n.* FROM candidates c "
            "CROSS JOIN nodes x ON x.key = c.doc_key CROSS JOIN temp.reached w ON w.id = x.id "
            "JOIN nodes n ON n.id = c.node_id ORDER BY w.depth, n.key").fetchall()
        out: dict[int, dict[str, dict[str, Any]]] = {}
        for r in rows:
            out.setdefault(r["walk_depth"], {}).setdefault(r["key"], self._store._doc(r))
        return [(d, list(refs.values())) for d, refs in sorted(out.items())]

    def places(self, provinces=None) -> list[tuple[str | None, int, tuple[str, int, str]]]:
        where, args = self._in(provinces)
        # the least (date, depth, key) as one text: the unit separator sorts below any
        # character of a date or a key, so the text orders as the tuple does
        out = []
        for place, n, first in self._conn().execute(
                "SELECT COALESCE(n.province, n.locality), COUNT(*), "
                "MIN(COALESCE(n.date, '9999') || char(31) || printf('%06d', w.depth) "
                f"|| char(31) || n.key) {_SHOWN}{where} GROUP BY 1", args):
            day, depth, key = first.split("\x1f", 2)
            out.append((place, n, (day, int(depth), key)))
        return out

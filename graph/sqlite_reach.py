"""`paging.Reached` answered by SQLite itself: the walk runs as one INSERT ... SELECT per
depth into a temporary table of node ids, and each question (counts, a slice in key
order, depths, unresolved references, first per place) is one query over it, so no
key, label or fact of the nodes a page does not show reaches Python.

The table lives in the connection's temporary schema (nothing is written to the store's
file) and holds the last walk of that connection; a `SQLiteReached` refuses questions
once a newer walk took its table, and answers each question once.
"""

from __future__ import annotations

from typing import Any

from graph.sqlparams import chunks, marks

# the documents a page shows: every reached node but unresolved references
_SHOWN = ("FROM temp.{t} w JOIN nodes n ON n.id = w.id "
          "WHERE w.depth > 0 AND n.label <> 'UnresolvedReference'")


class SQLiteReached:
    def __init__(self, store, table: str, root: str, direction: str, types: tuple[str, ...],
                 max_depth: int):
        self._store, self.root, self._t = store, root, table
        owners = store.__dict__.setdefault("_walk_of_table", {})
        self._walk = owners[table] = owners.get(table, 0) + 1
        self._counts: dict[tuple[str, ...] | None, dict[int, int]] = {}
        self._answers: dict[tuple, Any] = {}
        self._depth: dict[str, int | None] = {}
        conn = store._conn
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(id INTEGER PRIMARY KEY, "
                     "depth INTEGER NOT NULL)")
        conn.execute(f"CREATE INDEX IF NOT EXISTS temp.{table}_depth ON {table}(depth, id)")
        conn.execute(f"DELETE FROM temp.{table}")
        row = conn.execute("SELECT id FROM nodes WHERE key=?", (root,)).fetchone()
        if row is None:
            return
        conn.execute(f"INSERT INTO temp.{table}(id, depth) VALUES (?, 0)", (row[0],))
        near, far = ("dst_node", "src_node") if direction == "in" else ("src_node", "dst_node")
        types = list(types)
        for depth in range(1, max_depth + 1):
            # a node already in the table keeps its (smaller) depth: breadth first
            added = conn.execute(
                f"INSERT OR IGNORE INTO temp.{table}(id, depth) SELECT r.{far}, ? "
                f"FROM temp.{table} w JOIN relations r ON r.{near} = w.id "
                f"WHERE w.depth = ? AND r.type IN ({marks(len(types))}) "
                f"AND r.{far} IS NOT NULL", [depth, depth - 1, *types]).rowcount
            if not added:
                break

    def _cursor(self):
        if self._store._walk_of_table.get(self._t) != self._walk:
            raise RuntimeError("a newer walk on this connection took this one's table")
        cur = self._store._conn.cursor()
        cur.row_factory = None
        return cur

    def _shown(self, provinces) -> tuple[str, list[str]]:
        sql = _SHOWN.format(t=self._t)
        if provinces is None:
            return sql, []
        names = list(provinces)
        return sql + f" AND n.province IN ({marks(len(names))})", names

    def counts(self, provinces=None) -> dict[int, int]:
        asked = None if provinces is None else tuple(provinces)
        if asked not in self._counts:
            shown, args = self._shown(asked)
            self._counts[asked] = dict(self._cursor().execute(
                f"SELECT w.depth, COUNT(*) {shown} GROUP BY w.depth", args))
        return self._counts[asked]

    def cut(self, limit: int | None, offset: int, depth: int | None = None,
            provinces=None) -> dict[int, list[str]]:
        asked = ("cut", limit, offset, depth, None if provinces is None else tuple(provinces))
        if asked not in self._answers:
            shown, args = self._shown(provinces)
            cur = self._cursor()
            out = {}
            for d in sorted(self.counts(provinces)):
                if depth not in (None, d):
                    continue
                out[d] = [k for (k,) in cur.execute(
                    f"SELECT n.key {shown} AND w.depth = ? ORDER BY n.key LIMIT ? OFFSET ?",
                    [*args, d, -1 if limit is None else max(0, limit), offset])]
            self._answers[asked] = out
        return {d: list(keys) for d, keys in self._answers[asked].items()}

    def depths(self, keys) -> dict[str, int]:
        missing = [k for k in dict.fromkeys(keys) if k not in self._depth]
        if missing:
            cur = self._cursor()
            found: dict[str, int] = {}
            for chunk in chunks(missing):
                found.update(cur.execute(
                    f"SELECT n.key, w.depth FROM nodes n JOIN temp.{self._t} w ON w.id = n.id "
                    f"WHERE n.key IN ({marks(len(chunk))})", chunk))
            self._depth.update({k: found.get(k) for k in missing})
        return {k: d for k in keys if (d := self._depth.get(k)) is not None}

    def unresolved_levels(self) -> list[tuple[int, list[dict[str, Any]]]]:
        if "unresolved" not in self._answers:
            self._cursor()
            # from the candidates (the few references left unresolved) to the walk, not
            # from each of the walk's nodes to the candidates
            rows = self._store._conn.execute(
                "SELECT DISTINCT w.depth AS walk_depth, n.* FROM candidates c "
                "CROSS JOIN nodes x ON x.key = c.doc_key "
                f"CROSS JOIN temp.{self._t} w ON w.id = x.id "
                "JOIN nodes n ON n.id = c.node_id ORDER BY w.depth, n.key").fetchall()
            out: dict[int, dict[str, dict[str, Any]]] = {}
            for r in rows:
                out.setdefault(r["walk_depth"], {}).setdefault(r["key"], self._store._doc(r))
            self._answers["unresolved"] = [(d, list(refs.values()))
                                           for d, refs in sorted(out.items())]
        return [(d, [dict(r) for r in refs]) for d, refs in self._answers["unresolved"]]

    def places(self, provinces=None) -> list[tuple[str | None, int, tuple[str, int, str]]]:
        asked = ("places", None if provinces is None else tuple(provinces))
        if asked not in self._answers:
            shown, args = self._shown(provinces)
            # the least (date, depth, key) as one text: the unit separator sorts below any
            # character of a date or a key, so the text orders as the tuple does
            out = []
            for place, n, first in self._cursor().execute(
                    "SELECT COALESCE(n.province, n.locality), COUNT(*), "
                    "MIN(COALESCE(n.date, '9999') || char(31) || printf('%06d', w.depth) "
                    f"|| char(31) || n.key) {shown} GROUP BY 1", args):
                day, depth, key = first.split("\x1f", 2)
                out.append((place, n, (day, int(depth), key)))
            self._answers[asked] = out
        return list(self._answers[asked])

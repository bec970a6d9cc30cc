"""`paging.Reached` from arrays in memory: a long-running reader (`vanban serve`) keeps the
implementation relations of a SQLite store as a compressed adjacency list (numpy), with
each node's label, province, place, date and key order, so the walk from a central
document over hundreds of thousands of implementers is a few array operations instead
of an INSERT per reached node (graph/sqlite_reach.py, which answers the same questions
the same way and stays the answer for a one-off question, as the CLI asks).

An index holds the store's `change_token()` of the moment it began to read; the store
asks it only while the token is the same (`SQLiteReading.reached`), and `ReachKeeper`
builds a new one in the background after a write, while the SQL walk answers. With it,
the keeper builds the `NeighbourIndex` of the same state (graph/neighbour_index.py: what
cites each node, its source pages).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from graph.neighbour_index import NeighbourIndex, keys_of, node_ids
from graph.relation_types import IMPLEMENTATION_TYPES
from graph.sqlparams import chunks, marks

log = logging.getLogger("vanban.graph")
_NO_PLACE = -1


class ReachIndex:
    """The relations of `types` in the walk's direction "in" (towards what points at a
    node: its implementers), by node id, and the facts a `Reached` asks of each node."""

    direction = "in"

    def __init__(self, conn, types: tuple[str, ...] = IMPLEMENTATION_TYPES,
                 token: Any = None):
        started = time.perf_counter()
        self.types, self.token = tuple(types), token
        cur = conn.cursor()
        cur.row_factory = None
        size = (cur.execute("SELECT MAX(id) FROM nodes").fetchone()[0] or 0) + 1
        # the near end (the node walked from) and the far end (what points at it)
        pairs = np.fromiter(itertools.chain.from_iterable(cur.execute(
            "SELECT dst_node, src_node FROM relations WHERE src_node IS NOT NULL AND "
            f"dst_node IS NOT NULL AND type IN ({marks(len(self.types))})", self.types)),
            dtype=np.int64)
        near, far = pairs[0::2], pairs[1::2]
        order = np.argsort(near, kind="stable")
        self.far = far[order].astype(np.int32)
        self.start = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(near, minlength=size), out=self.start[1:])
        self.key_rank = np.zeros(size, dtype=np.int64)
        ids = np.fromiter(itertools.chain.from_iterable(
            cur.execute("SELECT id FROM nodes ORDER BY key")), dtype=np.int64)
        self.key_rank[ids] = np.arange(len(ids))
        self.exists = np.zeros(size, dtype=bool)
        self.exists[ids] = True
        self.shown = np.zeros(size, dtype=bool)
        self.province = np.full(size, _NO_PLACE, dtype=np.int32)
        self.place = np.full(size, _NO_PLACE, dtype=np.int32)
        self.day = np.zeros(size, dtype=np.int32)
        self.provinces: dict[str, int] = {}
        places: dict[str | None, int] = {}
        days: dict[str, int] = {}
        for node, unresolved, province, place, day in cur.execute(
                "SELECT id, label = 'UnresolvedReference', province, "
                "COALESCE(province, locality), COALESCE(date, '9999') FROM nodes"):
            self.shown[node] = not unresolved
            if province is not None:
                self.province[node] = self.provinces.setdefault(province, len(self.provinces))
            self.place[node] = places.setdefault(place, len(places))
            self.day[node] = days.setdefault(day, len(days))
        self.place_names = list(places)
        # the days as ranks in text order, so that (day, depth, key) compare as integers
        self.day_names = sorted(days)
        rank_of = {d: i for i, d in enumerate(self.day_names)}
        self.day = np.array([rank_of[d] for d in days], dtype=np.int32)[self.day]
        # an unresolved reference naming a document: (the reference's id, the document's)
        named = np.fromiter(itertools.chain.from_iterable(cur.execute(
            "SELECT c.node_id, x.id FROM candidates c JOIN nodes x ON x.key = c.doc_key")),
            dtype=np.int64)
        self.naming, self.named = named[0::2], named[1::2]
        self.nodes, self.relations = len(ids), len(self.far)
        self.seconds = time.perf_counter() - started

    def covers(self, direction: str, types) -> bool:
        return direction == self.direction and tuple(types) == self.types

    def reached(self, store, root: str, max_depth: int) -> IndexedReached:
        return IndexedReached(self, store, root, max_depth)


class IndexedReached:
    """What the walk from `root` reaches, as `SQLiteReached` answers it, from a
    `ReachIndex`; the keys and facts of the nodes a page shows are read from `store`."""

    def __init__(self, index: ReachIndex, store, root: str, max_depth: int):
        self._index, self._store, self.root = index, store, root
        self._answers: dict[tuple, Any] = {}
        self.depth = np.full(len(index.exists), -1, dtype=np.int16)
        self._slot: np.ndarray | None = None
        row = store._conn.execute("SELECT id FROM nodes WHERE key=?", (root,)).fetchone()
        levels: list[np.ndarray] = []
        if row is not None and row[0] < len(self.depth):
            self.depth[row[0]] = 0
            frontier = np.array([row[0]], dtype=np.int64)
            for depth in range(1, max_depth + 1):
                found = self._next(frontier)
                if not len(found):
                    break
                self.depth[found] = depth      # breadth first: the least depth is kept
                levels.append(found)
                frontier = found
        self.ids = np.concatenate(levels) if levels else np.zeros(0, dtype=np.int64)

    def _next(self, frontier: np.ndarray) -> np.ndarray:
        """The nodes pointing at `frontier` not yet reached, once each."""
        index = self._index
        begin, end = index.start[frontier], index.start[frontier + 1]
        sizes = end - begin
        total = int(sizes.sum())
        if not total:
            return np.zeros(0, dtype=np.int64)
        # the positions begin..end of every frontier node, end to end
        at = np.repeat(begin - np.cumsum(sizes) + sizes, sizes) + np.arange(total)
        found = index.far[at].astype(np.int64)
        found = found[self.depth[found] < 0]
        # once each, without sorting: of the positions holding a node, the last written
        # into its slot is the one kept
        if self._slot is None:
            self._slot = np.empty(len(self.depth), dtype=np.int64)
        at = np.arange(len(found))
        self._slot[found] = at
        return found[self._slot[found] == at]

    def _shown(self, provinces) -> np.ndarray:
        """The ids of the reached documents (of `provinces` if given)."""
        asked = ("shown", None if provinces is None else tuple(provinces))
        if asked not in self._answers:
            index = self._index
            keep = index.shown[self.ids]
            if provinces is not None:
                codes = [index.provinces[p] for p in provinces if p in index.provinces]
                keep &= np.isin(index.province[self.ids], codes)
            self._answers[asked] = self.ids[keep]
        return self._answers[asked]

    def _keys(self, ids) -> dict[int, str]:
        return keys_of(self._store, ids)

    def counts(self, provinces=None) -> dict[int, int]:
        asked = ("counts", None if provinces is None else tuple(provinces))
        if asked not in self._answers:
            per_depth = np.bincount(self.depth[self._shown(provinces)])
            self._answers[asked] = {d: int(n) for d, n in enumerate(per_depth) if n}
        return dict(self._answers[asked])

    def cut(self, limit: int | None, offset: int, depth: int | None = None,
            provinces=None) -> dict[int, list[str]]:
        asked = ("cut", limit, offset, depth, None if provinces is None else tuple(provinces))
        if asked not in self._answers:
            shown = self._shown(provinces)
            ranks = self._index.key_rank
            out: dict[int, list[int]] = {}
            for d in sorted(self.counts(provinces)):
                if depth not in (None, d):
                    continue
                level = shown[self.depth[shown] == d]
                stop = len(level) if limit is None else min(len(level), offset + max(0, limit))
                if stop < len(level):   # only the first `stop` in key order are sorted
                    level = level[np.argpartition(ranks[level], stop - 1)[:stop]] if stop \
                        else level[:0]
                out[d] = [int(i) for i in level[np.argsort(ranks[level])][offset:stop]]
            keys = self._keys(i for ids in out.values() for i in ids)
            self._answers[asked] = {d: [keys[i] for i in ids] for d, ids in out.items()}
        return {d: list(keys) for d, keys in self._answers[asked].items()}

    def depths(self, keys) -> dict[str, int]:
        keys = list(keys)
        found = {key: int(self.depth[node]) for key, node in node_ids(self._store, keys).items()
                 if node < len(self.depth) and self.depth[node] >= 0}
        return {k: found[k] for k in keys if k in found}

    def unresolved_levels(self) -> list[tuple[int, list[dict[str, Any]]]]:
        if "unresolved" not in self._answers:
            index = self._index
            depths = self.depth[index.named]
            hit = depths >= 0
            pairs = sorted(set(zip(depths[hit].tolist(), index.naming[hit].tolist())))
            rows: dict[int, Any] = {}
            conn = self._store._conn
            for chunk in chunks(sorted({n for _, n in pairs})):
                rows.update((r["id"], r) for r in conn.execute(
                    f"SELECT * FROM nodes WHERE id IN ({marks(len(chunk))})", chunk))
            out: dict[int, dict[str, dict[str, Any]]] = {}
            for depth, node in pairs:
                doc = self._store._doc(rows[node])
                out.setdefault(depth, {})[doc["key"]] = doc
            self._answers["unresolved"] = [(d, [refs[k] for k in sorted(refs)])
                                           for d, refs in sorted(out.items())]
        return [(d, [dict(r) for r in refs]) for d, refs in self._answers["unresolved"]]

    def places(self, provinces=None) -> list[tuple[str | None, int, tuple[str, int, str]]]:
        asked = ("places", None if provinces is None else tuple(provinces))
        if asked not in self._answers:
            index = self._index
            shown = self._shown(provinces)
            depth = self.depth[shown].astype(np.int64)
            place = index.place[shown]
            # (day, depth, key) as one integer where it fits, so one sort orders them
            depth_bits = int(depth.max(initial=0)).bit_length()
            key_bits = len(index.key_rank).bit_length()
            if len(index.day_names).bit_length() + depth_bits + key_bits < 63:
                rank = ((index.day[shown].astype(np.int64) << depth_bits | depth)
                        << key_bits) | index.key_rank[shown]
                least = np.full(len(index.place_names), np.iinfo(np.int64).max)
                np.minimum.at(least, place, rank)
                won = rank == least[place]   # the key in the rank: one node a place
                codes, winners = place[won], shown[won]
            else:
                order = np.lexsort((index.key_rank[shown], depth, index.day[shown]))
                # the first of each place in that order: written last, from the end back
                first = np.full(len(index.place_names), -1, dtype=np.int64)
                first[place[order][::-1]] = order[::-1]
                codes = np.flatnonzero(first >= 0)
                winners = shown[first[codes]]
            count = np.bincount(place, minlength=len(index.place_names))
            keys = self._keys(winners)
            out = [(index.place_names[c], int(count[c]),
                    (index.day_names[index.day[w]], int(self.depth[w]), keys[int(w)]))
                   for c, w in zip(codes.tolist(), winners.tolist())]
            self._answers[asked] = sorted(out, key=lambda p: (p[0] is not None, p[0] or ""))
        return list(self._answers[asked])


class ReachKeeper:
    """The latest `ReachIndex` of the store `opener` opens, built in a thread of its own
    at `start()` and again after the store changes, for the stores of every worker
    thread to answer from (`SQLiteReading.reached` asks `reached`)."""

    def __init__(self, opener: Callable[[], Any], types: tuple[str, ...] = IMPLEMENTATION_TYPES):
        self._opener, self._types = opener, tuple(types)
        self._lock = threading.Lock()
        self._building: threading.Thread | None = None
        self.index: ReachIndex | None = None
        self.failed: str | None = None
        self._failed_token: Any = None

    def state(self) -> dict[str, Any]:
        """What `/api/status` says of the index: its state and, once built, its size."""
        index = self.index
        out: dict[str, Any] = {"state": "ready" if index else
                               "building" if self._building else "none"}
        if index is not None:
            out.update(nodes=index.nodes, relations=index.relations,
                       seconds=round(index.seconds, 2))
        if self.failed:
            out["error"] = self.failed
        return out

    def start(self, token: Any = None) -> None:
        with self._lock:
            if self._building is not None:
                return
            self._building = threading.Thread(target=self._build, args=(token,),
                                              name="reach-index", daemon=True)
            self._building.start()

    def wait(self, timeout: float | None = None) -> None:
        building = self._building
        if building is not None:
            building.join(timeout)

    def _build(self, token: Any) -> None:
        try:
            store = self._opener()
            try:
                if token is None:
                    token = store.change_token()
                started = time.perf_counter()
                index = ReachIndex(store._conn, self._types, token)
                # what cites each node and its source pages, of the same state
                index.neighbours = NeighbourIndex(store._conn, index.key_rank, index.exists)
                index.seconds = time.perf_counter() - started
            finally:
                store.close()
            self.index, self.failed = index, None
            log.info("reach index: %d nodes, %d relations in %.1f s", index.nodes,
                     index.relations, index.seconds)
        except Exception as exc:    # the SQL walk answers meanwhile; said once, in the log
            self.failed, self._failed_token = f"{type(exc).__name__}: {exc}", token
            log.warning("reach index not built: %s", self.failed)
        finally:
            with self._lock:
                self._building = None

    def reached(self, store, root: str, direction: str, types, max_depth: int):
        """An `IndexedReached` when the index covers the question and is of the store as
        it is now; else None (and a new index is built if the store changed)."""
        if tuple(types) != self._types or direction != ReachIndex.direction:
            return None
        index = self.fresh(store)
        return None if index is None else index.reached(store, root, max_depth)

    def fresh(self, store) -> ReachIndex | None:
        """The index if it is of the store as it is now; else None (and a new one is
        built if the store changed)."""
        index, token = self.index, store.change_token()
        if token is None:     # a store that cannot say it changed (in memory): no index
            return None
        if index is None or index.token != token:
            if self._failed_token is None or self._failed_token != token:
                self.start(token)    # one try per state of the store
            return None
        return index

    def neighbours(self, store) -> NeighbourIndex | None:
        """The `NeighbourIndex` of the store as it is now, or None."""
        index = self.fresh(store)
        return getattr(index, "neighbours", None)

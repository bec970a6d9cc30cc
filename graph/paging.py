"""Slices of answers too large for one page: of each depth, the results from `offset`,
at most `limit`, with the count of all, read without reading the rest.

A central document can have thousands of implementers; its page shows the first few
of each depth and links to the next ones. A slice holds exactly the results the full
answer has at those positions (tests/web/test_slices.py); what it saves is reading:
the walk reaches the nodes by key alone (`Store.reach`), and the edges with their
evidence, the facts and the source pages are read for the slice only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.traversal import far_end, near_end

Edge = dict[str, Any]


def opposite(direction: str) -> str:
    return "out" if direction == "in" else "in"


class TreeSteps:
    """The edge that brings each asked-for node into the breadth-first tree of `root`,
    by `traversal.breadth_first_tree`'s rule read backwards: the walk takes a level's
    edges in store order (source, target, type), so a node at depth d comes in by the
    first of its edges whose other end is at depth d - 1. `depth_of` gives the depth of
    the nodes the walk reaches (the root at 0): a dict, or a function from keys to such
    a dict (`Reached.depths`), asked only about the nodes of the chains loaded."""

    def __init__(self, store, root: str, direction: str, types: tuple[str, ...],
                 depth_of: dict[str, int] | Callable[[list[str]], dict[str, int]]):
        self.store, self.root, self.direction, self.types = store, root, direction, types
        self._lookup = depth_of if callable(depth_of) else None
        self._depth: dict[str, int | None] = {} if callable(depth_of) else dict(depth_of)
        self._depth[root] = 0
        self._step: dict[str, Edge | None] = {root: None}

    def _depths(self, keys) -> dict[str, int | None]:
        missing = [k for k in dict.fromkeys(keys) if k not in self._depth]
        if missing and self._lookup is not None:
            found = self._lookup(missing)
            self._depth.update({k: found.get(k) for k in missing})
        return self._depth

    def load(self, keys) -> None:
        """Read the steps of `keys` and of their chains up to the root, one store look-up
        per depth."""
        keys = [k for k in keys if k not in self._step]
        depth = self._depths(keys)
        pending = sorted({k for k in keys if depth.get(k) is not None})
        while pending:
            best: dict[str, Edge] = {}
            # from the far end, the walk's direction reversed: for implementers (the
            # walk "in") that is what each document states it implements, a few edges
            edges = self.store.edges(pending, opposite(self.direction), self.types)
            depth = self._depths(near_end(e, self.direction) for e in edges)
            for e in edges:
                node, other = far_end(e, self.direction), near_end(e, self.direction)
                if node in best or depth.get(node) is None:
                    continue
                if depth.get(other) == depth[node] - 1:
                    best[node] = e    # edges come in store order: the first one is taken
            for k in pending:
                self._step[k] = best.get(k)
            pending = sorted({near_end(e, self.direction) for e in best.values()}
                             - self._step.keys())

    def step(self, key: str) -> Edge | None:
        self.load([key])
        return self._step.get(key)

    def path(self, key: str) -> tuple[list[str], list[Edge]]:
        """(keys from `key` up to the root, the edges between them)."""
        path, steps = [key], []
        step = self.step(key)
        while step is not None:
            steps.append(step)
            path.append(near_end(step, self.direction))
            step = self.step(path[-1])
        return path, steps


def levels_of(reached: list[tuple[int, str, Any]], keep: set[str] | None = None
              ) -> dict[int, list[str]]:
    """depth -> keys in key order, from `Store.reach`'s (depth, key, label) rows (sorted);
    with `keep`, only the keys it holds."""
    out: dict[int, list[str]] = {}
    for depth, key, _ in reached:
        if keep is None or key in keep:
            level = out.get(depth)
            if level is None:
                level = out[depth] = []
            level.append(key)
    return out


def cut(levels: dict[int, list[str]], limit: int | None, offset: int,
        depth: int | None = None) -> dict[int, list[str]]:
    """Of each depth (or of `depth` only) its keys from `offset`, at most `limit`."""
    stop = None if limit is None else offset + max(0, limit)
    return {d: keys[offset:stop] for d, keys in levels.items() if depth in (None, d)}


def edge_slice(store, keys: list[str], direction: str, types: tuple[str, ...],
               limit: int | None, offset: int) -> tuple[list[Edge], int]:
    """The relations of `keys` in `direction` from `offset`, at most `limit`, in store
    order and with their evidence, and how many there are in all."""
    wanted, count = store.edge_keys_slice(keys, direction, types, limit, offset)
    found = with_evidence(store, wanted, types)
    return [found[w] for w in wanted if w in found], count


def with_evidence(store, wanted: list[tuple[str, str, str]], types: tuple[str, ...]
                  ) -> dict[tuple[str, str, str], Edge]:
    """The edges (source, target, type) of `wanted` with their evidence, read from their
    sources: what a document relates to is what its own pages state (a few relations),
    while what relates to a central document has no bound."""
    if not wanted:
        return {}
    wanted_set = set(wanted)
    return {k: e for e in store.edges(sorted({s for s, _, _ in wanted}), "out", types)
            if (k := (e["source"], e["target"], e["type"])) in wanted_set}


def tree_slice(store, root: str, direction: str, types: tuple[str, ...], max_depth: int,
               max_nodes: int | None, limit: int | None, offset: int
               ) -> tuple[list[tuple[int, Edge]], dict[int, int]]:
    """`Store.walk`'s (depth, edge) pairs cut to the nodes at positions [offset,
    offset + limit) of each depth (in the order the walk reaches them) whose parent is
    kept too, with their evidence; and the number of nodes at each depth. The walk reads
    edge keys only (`Store.edge_keys`), the kept edges' evidence is read once."""
    from graph.traversal import breadth_first_tree

    def ends_of(frontier: list[str]) -> list[Edge]:
        return [{"source": s, "target": t, "type": ty}
                for s, t, ty in store.edge_keys(frontier, direction, types)]

    walked = breadth_first_tree(root, direction, max_depth, max_nodes, ends_of)
    counts: dict[int, int] = {}
    kept: list[tuple[int, Edge]] = []
    shown = {root}
    stop = None if limit is None else offset + max(0, limit)
    for depth, e in walked:
        at = counts.get(depth, 0)
        counts[depth] = at + 1
        if at >= offset and (stop is None or at < stop) and near_end(e, direction) in shown:
            shown.add(far_end(e, direction))
            kept.append((depth, e))
    found = with_evidence(store, [(e["source"], e["target"], e["type"]) for _, e in kept],
                          types)
    return [(d, found.get((e["source"], e["target"], e["type"]), {**e, "evidence": []}))
            for d, e in kept], counts


class Reached:
    """What a walk from `root` reaches, asked about in parts, so that a page reads its
    slice only: the count of each depth, the keys of a slice of a depth in key order,
    the depth of given keys, the unresolved references naming a node of each depth and
    the first document of each place (for coverage). The documents counted and cut
    ("shown") are those other than unresolved references, of `provinces` if given.

    This one answers from `Store.reach` (every node's key and label, in Python): what
    `Store.reached` gives by default; a store may answer the same from its own tables
    (`SQLiteStore.reached`)."""

    def __init__(self, store, root: str, direction: str, types: tuple[str, ...],
                 max_depth: int):
        self.store, self.root = store, root
        self._rows = store.reach(root, direction, types, max_depth)
        self._depth = {k: d for d, k, _ in self._rows} | {root: 0}
        self._docs: dict[str, dict[str, Any]] | None = None

    def _shown(self, provinces) -> list[tuple[int, str]]:
        rows = [(d, k) for d, k, label in self._rows
                if label not in (None, "UnresolvedReference")]
        if provinces is None:
            return rows
        docs = self._documents()
        return [(d, k) for d, k in rows if docs.get(k, {}).get("province") in provinces]

    def _documents(self) -> dict[str, dict[str, Any]]:
        if self._docs is None:
            self._docs = self.store.documents(
                k for _, k, label in self._rows if label not in (None, "UnresolvedReference"))
        return self._docs

    def counts(self, provinces=None) -> dict[int, int]:
        out: dict[int, int] = {}
        for d, _ in self._shown(provinces):
            out[d] = out.get(d, 0) + 1
        return out

    def cut(self, limit: int | None, offset: int, depth: int | None = None,
            provinces=None) -> dict[int, list[str]]:
        levels: dict[int, list[str]] = {}
        for d, k in self._shown(provinces):
            levels.setdefault(d, []).append(k)
        return cut(levels, limit, offset, depth)

    def depths(self, keys) -> dict[str, int]:
        return {k: self._depth[k] for k in keys if k in self._depth}

    def unresolved_levels(self) -> list[tuple[int, list[dict[str, Any]]]]:
        """(depth, the unresolved references naming a node of that depth, by key), for
        each depth from the root's (0) that has some."""
        levels = levels_of(self._rows)
        out = []
        for d, keys in [(0, [self.root])] + sorted(levels.items()):
            refs = self.store.unresolved_naming(keys)
            if refs:
                out.append((d, refs))
        return out

    def places(self, provinces=None) -> list[tuple[str | None, int, tuple[str, int, str]]]:
        """(place, count, first) per place of the shown documents: the place is the
        province, or the locality when there is none; `first` the least (date or "9999",
        depth, key) of its documents."""
        docs = self._documents()
        out: dict[str | None, list] = {}
        for d, k in self._shown(provinces):
            doc = docs[k]
            place = doc.get("province") or doc.get("locality")
            rank = (doc.get("date") or "9999", d, k)
            one = out.setdefault(place, [0, rank])
            one[0] += 1
            one[1] = min(one[1], rank)
        return [(p, n, first) for p, (n, first) in out.items()]

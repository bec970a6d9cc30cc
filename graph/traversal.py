"""The breadth-first walk both `queries.implementers` and `queries.lineage` make, as one
rule: which edge brings each node into the tree.

Level by level from the root, the edges out of the current level's nodes are taken in
the stores' edge order (source, target, type); the first edge that reaches a node not
yet in the tree brings it in, at depth = its shortest distance from the root. A store
answers the walk its own way (`Store.walk`: one round trip per depth by default, two
queries in all on Neo4j); the choice of edges is always this function's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from graph.relation_types import IMPLEMENTATION_TYPES

Edge = dict[str, Any]


def far_end(edge: Edge, direction: str) -> str:
    """The node an edge leads to when walking `direction` ("in": its source)."""
    return edge["source"] if direction == "in" else edge["target"]


def near_end(edge: Edge, direction: str) -> str:
    return edge["target"] if direction == "in" else edge["source"]


def breadth_first_tree(root: str, direction: str, max_depth: int, max_nodes: int | None,
                       edges_of: Callable[[list[str]], Iterable[Edge]]
                       ) -> list[tuple[int, Edge]]:
    """(depth, edge) for each node the walk brings in, in the order it does: `edges_of`
    gives the edges out of a level's nodes (sorted keys), in store order. With
    `max_nodes`, the tree stops growing when it holds that many nodes, root included."""
    tree: list[tuple[int, Edge]] = []
    seen = {root}
    frontier = [root]
    for depth in range(1, max_depth + 1):
        if not frontier or (max_nodes is not None and len(seen) >= max_nodes):
            break
        nxt = []
        for e in edges_of(frontier):
            there = far_end(e, direction)
            if there in seen or (max_nodes is not None and len(seen) >= max_nodes):
                continue
            seen.add(there)
            nxt.append(there)
            tree.append((depth, e))
        frontier = sorted(nxt)
    return tree


__all__ = ["breadth_first_tree", "far_end", "near_end"]


def traverse_networkx(g, root: str, *, direction: str = "in",
                      types: tuple[str, ...] = IMPLEMENTATION_TYPES, max_depth: int = 10
                      ) -> dict[str, tuple[int, list[str]]]:
    """Breadth-first traversal of a `to_networkx()` graph: node -> (depth, path to root).

    The in-memory twin of `implementers` (direction "in") and of a lineage's ancestors
    (direction "out"), for researchers and the benchmark.
    """
    out: dict[str, tuple[int, list[str]]] = {root: (0, [root])}
    queue = deque([root])
    while queue:
        node = queue.popleft()
        depth, path = out[node]
        if depth >= max_depth:
            continue
        edges = g.in_edges(node, keys=True) if direction == "in" else g.out_edges(node, keys=True)
        for u, v, k in sorted(edges):
            if k not in types:
                continue
            nxt = u if direction == "in" else v
            if nxt not in out:
                out[nxt] = (depth + 1, [nxt, *path])
                queue.append(nxt)
    del out[root]
    return out

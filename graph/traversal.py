"""The breadth-first walk both `queries.implementers` and `queries.lineage` make, as one
rule: which edge brings each node into the tree.

Level by level from the root, the edges out of the current level's nodes are taken in
the stores' edge order (source, target, type); the first edge that reaches a node not
yet in the tree brings it in, at depth = its shortest distance from the root. A store
answers the walk its own way (`Store.walk`: one round trip per depth by default, two
queries in all on Neo4j); the choice of edges is always this function's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

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

"""Influence: which documents the store's typed relations make central (PageRank)."""

from __future__ import annotations

from graph.store import Store


def influence_ranks(store: Store, *, top: int = 10) -> list[tuple[str, float]]:
    """The `top` (document key, PageRank) pairs over the store's typed relations, best
    first (ties by key): citations weigh 0.3, the other relations 1, so a document ranks
    high when much-implemented documents implement it."""
    import networkx as nx
    g = nx.DiGraph()
    for e in store.iter_edges():
        w = 1.0 if e["type"] != "CITES" else 0.3
        if g.has_edge(e["source"], e["target"]):
            g[e["source"]][e["target"]]["weight"] += w
        else:
            g.add_edge(e["source"], e["target"], weight=w)
    if g.number_of_nodes() == 0:
        return []
    ranks = pagerank(g, weight="weight")
    return sorted(ranks.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def pagerank(g, *, alpha: float = 0.85, weight: str = "weight", max_iter: int = 100,
             tol: float = 1.0e-6) -> dict[str, float]:
    """networkx's PageRank (same parameters, same figures) by power iteration in pure
    Python, so that `query stats` needs no scipy; dangling nodes spread evenly."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    out_weight = {u: sum(d.get(weight, 1.0) for _, _, d in g.out_edges(u, data=True))
                  for u in g}
    rank = dict.fromkeys(g, 1.0 / n)
    for _ in range(max_iter):
        previous = rank
        dangling = alpha * sum(previous[u] for u in g if not out_weight[u])
        rank = dict.fromkeys(g, (1.0 - alpha) / n + dangling / n)
        for u, v, d in g.edges(data=True):
            rank[v] += alpha * previous[u] * d.get(weight, 1.0) / out_weight[u]
        if sum(abs(rank[u] - previous[u]) for u in g) < n * tol:
            return rank
    return rank   # networkx raises here; a ranking close to converged is still a ranking

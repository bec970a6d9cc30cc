"""Coverage of a central document: which of the 34 provinces carry it out; and what
one province holds (`province_summary`).

For a Party resolution or a Prime Minister's directive, every province (with its
predecessors, graph/provinces.py) gets whether a document of it implements the central
one, directly or down a chain, the first such document (earliest date, then the shortest
chain) and the delay in days from the central document's date.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from graph import paging, queries
from graph.provinces import LEGAL_BASIS, SUCCESSION, successor
from graph.relation_types import IMPLEMENTATION_TYPES


def _days(start: str | None, end: str | None) -> int | None:
    try:
        return (date.fromisoformat(end) - date.fromisoformat(start)).days
    except (TypeError, ValueError):
        return None


def coverage(store, query: str, *, province: str | None = None, year: int | None = None,
             max_depth: int = 10) -> dict[str, Any]:
    """`{"query", "resolved", "central", "provinces": [one row per province of today],
    "covered", "missing"}`; a row is `{"province", "predecessors", "covered", "count",
    "first": {"key", "number", "date", "province", "depth", "path"} | None, "delay_days"}`.
    The first candidate `query` resolves to is the central document."""
    # what `queries.implementers` answers, read as a slice does (graph/paging.py): the
    # walk counted and ranked by place in the store, the facts and chains of the firsts
    _, candidates = queries.resolve(store, query, province=province, year=year)
    resolved = [queries._brief(c, store) for c in candidates]
    central = resolved[0] if resolved else None
    firsts: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    if central is not None:
        narrow = province if province and not any(c.get("province") for c in candidates) \
            else None
        reached = store.reached(central["key"], "in", IMPLEMENTATION_TYPES, max_depth)
        ranks: dict[str, tuple[str, int, str]] = {}
        for place, n, rank in reached.places(queries.province_filter(narrow) if narrow
                                             else None):
            now = successor(place)
            if now is None:
                continue
            counts[now] = counts.get(now, 0) + n
            if now not in ranks or rank < ranks[now]:
                ranks[now] = rank
        docs = store.documents(key for _, _, key in ranks.values())
        steps = paging.TreeSteps(store, central["key"], "in", IMPLEMENTATION_TYPES,
                                 reached.depths)
        steps.load(key for _, _, key in ranks.values())
        for now, (_, depth, key) in ranks.items():
            doc = docs[key]
            firsts[now] = {"key": key, "number": doc.get("number"), "date": doc.get("date"),
                           "province": doc.get("province"), "depth": depth,
                           "path": steps.path(key)[0]}
    rows = []
    for name, olds in SUCCESSION.items():
        first = firsts.get(name)
        rows.append({"province": name, "predecessors": [o for o in olds if o != name],
                     "covered": first is not None, "count": counts.get(name, 0),
                     "first": first,
                     "delay_days": _days(central.get("date"), first["date"])
                     if first and central else None})
    rows.sort(key=lambda r: (not r["covered"], r["first"]["date"] or "9999" if r["first"]
                             else "", r["province"]))
    return {"query": query, "resolved": resolved, "central": central,
            "legal_basis": LEGAL_BASIS, "provinces": rows,
            "covered": sum(r["covered"] for r in rows),
            "missing": [r["province"] for r in rows if not r["covered"]]}


def province_summary(store, name: str, *, top: int = 20) -> dict[str, Any] | None:
    """What a province of today holds (its former provinces included): `{"province",
    "predecessors", "documents" (count), "kinds": {kind: n}, "years": {year: n},
    "most_implemented": [{"document", "implementers"}] (the `top` with the most direct
    implementers)}`; None when `name` names no province. A former province's name gives
    the province it belongs to now."""
    today = successor(name)
    if today is None:
        return None
    own = getattr(store, "province_figures", None)
    if own is not None:     # counted by the store, the documents never read
        total, kinds, years, best = own(SUCCESSION[today], IMPLEMENTATION_TYPES, top)
        docs = store.documents(k for k, _ in best)
    else:
        total, kinds, years, best, docs = _province_figures(store, SUCCESSION[today], top)
    return {"province": today, "predecessors": [o for o in SUCCESSION[today] if o != today],
            "documents": total,
            "kinds": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
            "years": {y: years[y] for y in sorted((y for y in years if y), reverse=True)},
            "most_implemented": [{"document": queries._brief(docs[k]), "implementers": n}
                                 for k, n in best]}


def _province_figures(store, provinces, top: int):
    """`SQLiteStore.province_figures` from `Store.search` and `cited_counts`, for a store
    without it; and the documents read."""
    docs: dict[str, dict[str, Any]] = {}
    for former in provinces:
        for d in store.search(province=former, limit=10 ** 9):
            docs.setdefault(d["key"], d)
    implemented = store.cited_counts(list(docs), IMPLEMENTATION_TYPES)
    best = sorted((k for k in docs if implemented.get(k)),
                  key=lambda k: (-implemented[k], k))[:top]
    kinds = Counter(d.get("kind") or "?" for d in docs.values())
    years = Counter(d.get("year") or _year(d.get("date")) for d in docs.values())
    return len(docs), kinds, years, [(k, implemented[k]) for k in best], docs


def _year(day: str | None) -> int | None:
    return int(day[:4]) if day and day[:4].isdigit() else None

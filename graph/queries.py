"""The questions users ask, written once over the `Store` interface.

Every function takes a store and what the user typed for a document (`CT 33`,
`33/CT-TTg 2021`, `Nghị quyết số 25`, or a node key such as `33/CT-TTG#2021`) and
returns plain JSON-ready dicts: the CLI prints them, the HTML report and notebooks
read them.

Shape shared by all: `{"query": ..., "resolved": [document, ...], ...}` where
`resolved` lists every candidate the query names, best first.
"""

from __future__ import annotations

from typing import Any, Iterable

from graph import paging
from graph.aliases import Alias, parse_alias
from graph.provinces import MERGER_DATE, display_locality, merger_doubt, predecessors
from graph.ranking import influence_ranks
from graph.relation_types import IMPLEMENTATION_TYPES, LINEAGE_TYPES, RELATION_TYPES
from graph.store import Store
from graph.traversal import far_end, near_end, traverse_networkx  # noqa: F401 (public here)

ALL_TYPES = RELATION_TYPES   # the name callers already use for "every type"
_SOURCES = 10


def _brief(doc: dict[str, Any], store: Store | None = None) -> dict[str, Any]:
    out = {k: v for k, v in doc.items() if v is not None and v != []}
    out.setdefault("provisional", False)
    if out.get("locality"):
        # "Bắc Kạn (nay thuộc Thái Nguyên)": the issuing locality, and where it is today
        out["locality_display"] = display_locality(out["locality"])
        doubt = merger_doubt(out["locality"], out.get("date"))
        if doubt:
            out["doubt"] = doubt
    if store is not None and doc.get("label") != "Law":
        out["sources"] = store.sources(doc["key"], _SOURCES)
    return out


def resolve(store: Store, query: str, *, province: str | None = None,
            year: int | None = None) -> tuple[Alias, list[dict[str, Any]]]:
    """The documents a query names, ranked: (parsed alias, candidates).

    A node key is taken as is. Otherwise the number (or the serial and kind) selects
    the candidates; a year, a date or a province in the query or in the arguments
    narrows them. Ranking: most cited first, then most recent, then key.
    """
    direct = store.documents([query.strip()])
    alias = parse_alias(query)
    if direct:
        return alias, list(direct.values())
    if year is not None:
        alias.year = int(year)
    if alias.number_key:
        docs = store.find_documents(number_key=alias.number_key)
    elif alias.serial:
        docs = store.find_documents(serial=alias.serial, kind=alias.kind)
    else:
        docs = []
    if alias.date:
        exact = [d for d in docs if d.get("date") == alias.date]
        docs = exact or [d for d in docs if d.get("date") is None
                         and d.get("year") in (None, alias.year)]
    elif alias.year:
        docs = [d for d in docs if d.get("year") == alias.year
                or (d.get("date") or "")[:4] == str(alias.year)]
    if province:
        covered = province_filter(province)
        docs = [d for d in docs if not d.get("province") or d.get("province") in covered]
    cited = store.cited_counts([d["key"] for d in docs])
    docs.sort(key=lambda d: (-cited.get(d["key"], 0), -(d.get("year") or 0), d["key"]))
    return alias, docs


def province_filter(province: str) -> tuple[str, ...]:
    """The provinces a `--province` filter accepts: a province of today with the former
    provinces it took in ("Thái Nguyên" -> Thái Nguyên, Bắc Kạn), a former one alone. A
    name the table does not know is kept as typed, so it matches only itself."""
    return predecessors(province) or (province.strip(),)


def _in_province(doc: dict[str, Any], province: str | None) -> bool:
    return province is None or doc.get("province") in province_filter(province)


def implementers(store: Store, query: str, *, province: str | None = None,
                 year: int | None = None, max_depth: int = 10,
                 types: tuple[str, ...] = IMPLEMENTATION_TYPES, limit: int | None = None,
                 offset: int = 0, depth: int | None = None) -> dict[str, Any]:
    """Every document that implements what `query` names, directly or through a chain.

    Returns `{"query", "resolved", "results", "unresolved"}`; each result is
    `{"document", "implements" (the candidate's key), "depth", "path" (keys from the
    document up to the candidate), "evidence" (one step per edge of the path, each with
    every page's statement of it)}`. Results are ordered by candidate, depth, key.
    `unresolved` lists the documents whose unresolved reference may mean the candidate
    or any document of its chains, at the depth they would have (`_unresolved_along`).
    When the candidates are central documents, `province` keeps the results of that
    province; otherwise it narrows the candidates.

    With `limit` or `depth` the answer is a slice (graph/paging.py): of each depth of
    each candidate (or of `depth` only), the results from `offset`, at most `limit`,
    exactly as the whole answer lists them; `"depths": [{"implements", "depth",
    "count"}]` counts every result of each depth, and `limit`, `offset`, `depth` say
    which slice it is. `unresolved` is whole in both.
    """
    alias, candidates = resolve(store, query, province=province, year=year)
    local_candidates = any(c.get("province") for c in candidates)
    narrow = province if province and not local_candidates else None
    sliced = limit is not None or depth is not None
    results: list[dict[str, Any]] = []
    unresolved: list[dict[str, Any]] = []
    depths: list[dict[str, Any]] = []
    seen_refs: set[tuple[str, str, str]] = set()
    for cand in candidates:
        if sliced:
            # counted, cut and looked up in the store (graph/paging.py): no fact of a
            # document the slice leaves out is read
            reached = store.reached(cand["key"], "in", types, max_depth)
            provinces = province_filter(narrow) if narrow else None
            depths += [{"implements": cand["key"], "depth": d, "count": n}
                       for d, n in sorted(reached.counts(provinces).items())]
            found = [k for keys in reached.cut(limit, offset, depth, provinces).values()
                     for k in keys]
            depth_of = reached.depths(found)
            steps = paging.TreeSteps(store, cand["key"], "in", types, reached.depths)
            steps.load(found)
            path_of = steps.path
            ref_levels, depth_lookup = reached.unresolved_levels(), reached.depths
        else:
            parent: dict[str, dict[str, Any] | None] = {cand["key"]: None}
            depth_of = {cand["key"]: 0}
            by_depth: dict[int, list[str]] = {}
            for d, e in store.walk(cand["key"], "in", types, max_depth):
                parent[e["source"]] = e
                depth_of[e["source"]] = d
                by_depth.setdefault(d, []).append(e["source"])
            found = [k for d in sorted(by_depth) for k in by_depth[d]]
            levels = [[cand["key"]]] + [sorted(by_depth[d]) for d in sorted(by_depth)]
            ref_levels = [(d, refs) for d, keys in enumerate(levels)
                          if (refs := store.unresolved_naming(keys))]
            depth_lookup = lambda keys, known=depth_of: {  # noqa: E731
                k: known[k] for k in keys if k in known}

            def path_of(key: str, parent=parent) -> tuple[list[str], list[dict[str, Any]]]:
                path, steps = [key], []
                step = parent[key]
                while step is not None:
                    steps.append(step)
                    path.append(step["target"])
                    step = parent[step["target"]]
                return path, steps

        docs = store.documents(found)
        srcs = store.sources_for(found, _SOURCES)
        for key in sorted(found, key=lambda k: (depth_of[k], k)):
            doc = docs.get(key)
            if doc is None or doc.get("label") == "UnresolvedReference":
                continue
            if narrow and not _in_province(doc, narrow):
                continue
            path, steps = path_of(key)
            brief = _brief(doc)
            brief["sources"] = srcs.get(key, [])
            results.append({"document": brief, "implements": cand["key"],
                            "depth": depth_of[key], "path": path, "evidence": steps})
        unresolved += _unresolved_along(store, cand["key"], ref_levels, depth_lookup, types,
                                        path_of, seen_refs)
    out = {"query": query, "parsed": alias.to_dict(),
           "resolved": [_brief(c, store) for c in candidates], "results": results,
           "unresolved": unresolved}
    if sliced:
        out.update(depths=depths, limit=limit, offset=offset, depth=depth)
    return out


def _unresolved_along(store: Store, root: str,
                      ref_levels: list[tuple[int, list[dict[str, Any]]]], depths,
                      types: tuple[str, ...], path_of, seen: set[tuple[str, str, str]]
                      ) -> list[dict[str, Any]]:
    """Documents that would implement `root` at some depth if an unresolved reference
    they make meant a node of the chain: one entry per (reference, document, type).

    `ref_levels` holds, for each depth d of the chain (the root at 0), the unresolved
    references naming a node of that depth; `depths(keys)` the depth of chain nodes. An
    entry says the depth it would have (`depth` = d + 1), which chain nodes the reference
    may stand for (`via`, with `via_path` up to the root), and the reference's ranked
    candidates."""
    out = []
    for depth, refs in ref_levels:
        for e in store.edges([r["key"] for r in refs], "in", types):
            ref = next(r for r in refs if r["key"] == e["target"])
            ident = (ref["key"], e["source"], e["type"])
            if ident in seen:
                continue
            seen.add(ident)
            at = depths(ref.get("candidates", []))
            via = [k for k in ref.get("candidates", []) if at.get(k) == depth]
            out.append({"document": e["source"], "reference": ref["number"],
                        "candidates": ref.get("candidates", []), "type": e["type"],
                        "evidence": e["evidence"], "reason": ref.get("reason"),
                        "implements": root, "depth": depth + 1, "via": via,
                        "via_path": path_of(via[0])[0] if via else [root]})
    return out


def _tree(store: Store, root: str, direction: str, types: tuple[str, ...], max_depth: int,
          max_nodes: int, limit: int | None = None, offset: int = 0
          ) -> tuple[list[dict[str, Any]], dict[int, int]]:
    """Breadth-first tree of relations from `root` (each node once, nearest first), and
    the number of nodes at each depth; with `limit`, of each depth the nodes from
    `offset`, at most `limit`, whose parent is in the tree too (graph/paging.py)."""
    if limit is None:
        walked = store.walk(root, direction, types, max_depth, max_nodes)
        counts: dict[int, int] = {}
        for d, _ in walked:
            counts[d] = counts.get(d, 0) + 1
    else:
        walked, counts = paging.tree_slice(store, root, direction, types, max_depth,
                                           max_nodes, limit, offset)
    children: dict[str, list[dict[str, Any]]] = {}
    seen = {root}
    for _, e in walked:
        there = far_end(e, direction)
        seen.add(there)
        children.setdefault(near_end(e, direction), []).append(
            {"key": there, "relation": e["type"], "evidence": e["evidence"]})
    docs = store.documents(seen)

    def build(key: str) -> list[dict[str, Any]]:
        out = []
        for child in children.get(key, []):
            doc = docs.get(child["key"], {"key": child["key"]})
            out.append({"document": _brief(doc), "relation": child["relation"],
                        "evidence": child["evidence"], "children": build(child["key"])})
        return out

    return build(root), counts


_SIDES = {"ancestors": "out", "descendants": "in"}


def lineage(store: Store, query: str, *, province: str | None = None, year: int | None = None,
            max_depth: int = 8, max_nodes: int = 2000,
            types: tuple[str, ...] = LINEAGE_TYPES, limit: int | None = None, offset: int = 0,
            sides: tuple[str, ...] = ("ancestors", "descendants")) -> dict[str, Any]:
    """Where a document comes from and what came of it, as trees.

    For each candidate: `ancestors` (what it implements or is based on, up to the central
    resolutions) and `descendants` (what implements or is based on it), each node
    `{"document", "relation", "evidence", "children"}`; `sides` names the trees wanted.
    With `limit`, each tree keeps of each depth the nodes from `offset`, at most `limit`
    (a node only under its parent), and `"counts": {side: [{"depth", "count"}]}` counts
    every node of each depth.
    """
    alias, candidates = resolve(store, query, province=province, year=year)
    lineages = []
    for c in candidates:
        one: dict[str, Any] = {"document": _brief(c)}
        counts = {}
        for side in sides:
            one[side], by_depth = _tree(store, c["key"], _SIDES[side], types, max_depth,
                                        max_nodes, limit, offset)
            counts[side] = [{"depth": d, "count": n} for d, n in sorted(by_depth.items())]
        if limit is not None:
            one["counts"] = counts
        lineages.append(one)
    out = {"query": query, "parsed": alias.to_dict(),
           "resolved": [_brief(c, store) for c in candidates], "lineages": lineages}
    if limit is not None:
        out.update(limit=limit, offset=offset)
    return out


def _neighbours(store: Store, query: str, direction: str, province, year,
                types: tuple[str, ...], limit: int | None, offset: int) -> dict[str, Any]:
    alias, candidates = resolve(store, query, province=province, year=year)
    results, counts = [], {}
    for cand in candidates:
        if limit is None:
            edges = store.edges([cand["key"]], direction, types)
        else:
            edges, counts[cand["key"]] = paging.edge_slice(store, [cand["key"]], direction,
                                                           types, limit, offset)
        other = [e["target"] if direction == "out" else e["source"] for e in edges]
        docs = store.documents(other)
        for e, key in zip(edges, other):
            results.append({"document": _brief(docs.get(key, {"key": key})),
                            "of": cand["key"], "type": e["type"], "evidence": e["evidence"]})
    out = {"query": query, "parsed": alias.to_dict(),
           "resolved": [_brief(c, store) for c in candidates], "results": results}
    if limit is not None:
        out.update(counts=counts, limit=limit, offset=offset)
    return out


def cites(store: Store, query: str, *, province: str | None = None, year: int | None = None,
          types: tuple[str, ...] = ALL_TYPES, limit: int | None = None, offset: int = 0
          ) -> dict[str, Any]:
    """What the named document cites or relates to (every outgoing relation, typed).
    With `limit`: of each candidate's relations those from `offset`, at most `limit`,
    and `"counts": {candidate key: number of relations}`."""
    return _neighbours(store, query, "out", province, year, types, limit, offset)


def cited_by(store: Store, query: str, *, province: str | None = None,
             year: int | None = None, types: tuple[str, ...] = ALL_TYPES,
             limit: int | None = None, offset: int = 0) -> dict[str, Any]:
    """What cites or relates to the named document (every incoming relation, typed);
    `limit` and `offset` as in `cites`."""
    return _neighbours(store, query, "in", province, year, types, limit, offset)


def search(store: Store, text: str | None = None, *, kind: str | None = None,
           issuer: str | None = None, year: int | None = None, province: str | None = None,
           limit: int = 50) -> dict[str, Any]:
    """Documents by alias (`CT 33`), kind, issuer, year and province; most cited first."""
    alias = parse_alias(text) if text else None
    rows = store.search(
        number_key=alias.number_key if alias else None,
        serial=alias.serial if alias and not alias.number_key else None,
        kind=kind or (alias.kind if alias else None), issuer=issuer,
        year=year or (alias.year if alias else None),
        province=province_filter(province) if province else None, limit=limit)
    return {"query": text, "parsed": alias.to_dict() if alias else {},
            "results": [_brief(d) for d in rows]}


def stats(store: Store, *, top: int = 10, pagerank: bool = True) -> dict[str, Any]:
    """Counts per label, relation type, kind and province; the most implemented
    documents; and (with `pagerank`) an influence ranking: PageRank over the typed
    relations (citations included), where a document ranks high when much-implemented
    documents implement it."""
    out = store.counts()
    most = store.most_implemented(top)
    docs = store.documents([k for k, _ in most])
    out["most_implemented"] = [{"document": _brief(docs.get(k, {"key": k})), "implementers": n}
                               for k, n in most]
    if pagerank:
        out["influence"] = influence(store, top=top)
    out["doubts"] = doubts(store)
    return out


def doubts(store: Store, keys: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """Documents whose issuing locality and date disagree across the 2025 merger
    (`provinces.merger_doubt`: a former province's or a district's body named on a
    document issued from MERGER_DATE on), oldest first. They keep the locality their pages
    gave (never merged into the successor's documents); each carries its `doubt`.

    `keys`: only those documents (e.g. the ones a load wrote, `LoadReport.documents`),
    so that the check after a load does not grow with the store; None: every document."""
    from datetime import date
    found: dict[str, dict[str, Any]] = {}
    if keys is not None:
        docs = [d for d in store.documents(keys).values() if d.get("label") == "Document"
                and (d.get("year") or 0) >= _MERGER_YEAR]
    else:
        # only documents of the merger's year or later can be in doubt: look those up by year
        docs = [doc for year in range(_MERGER_YEAR, date.today().year + 2)
                for doc in store.search(year=year, limit=1 << 62)]
    for doc in docs:
        if doc.get("locality") and merger_doubt(doc["locality"], doc.get("date")):
            found[doc["key"]] = _brief(doc)
    return sorted(found.values(), key=lambda d: (d.get("date") or "", d["key"]))


_MERGER_YEAR = int(MERGER_DATE[:4])


def influence(store: Store, *, top: int = 10) -> list[dict[str, Any]]:
    """Top documents by PageRank (networkx) over the document graph
    (`ranking.influence_ranks`), each as {"document", "pagerank"}."""
    best = influence_ranks(store, top=top)
    docs = store.documents([k for k, _ in best])
    return [{"document": _brief(docs.get(k, {"key": k})), "pagerank": round(v, 6)}
            for k, v in best]

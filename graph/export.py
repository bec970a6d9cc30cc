"""Exports: GraphML (Gephi, networkx), JSON, and the CSV layout `neo4j-admin database
import` reads. Each function takes a store and a path and returns what it wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from graph.store import Store

_NODE_FIELDS = ("label", "number", "kind", "date", "year", "term", "issuer", "locality",
                "province", "title", "signer", "name", "first_seen", "provisional", "reason")


def _plain(value: Any) -> Any:
    """GraphML takes str, int, float, bool only: lists become JSON, None is left out."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def to_graphml(store: Store, path: str | Path) -> Path:
    """One node per document/law/unresolved reference, one edge per (source, target,
    type) with `type`, `evidence_count` and `evidence` (JSON). Returns the path."""
    import networkx as nx
    g = nx.MultiDiGraph()
    for node in store.iter_nodes():
        g.add_node(node["key"], **{k: _plain(v) for k, v in node.items()
                                   if k != "key" and v is not None})
    for e in store.iter_edges():
        g.add_edge(e["source"], e["target"], key=e["type"], type=e["type"],
                   evidence_count=len(e["evidence"]), evidence=_plain(e["evidence"]))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(g, path)
    return path


def to_json(store: Store, path: str | Path) -> Path:
    """`{"nodes": [...], "edges": [...], "pages": [...], "mentions": [...]}`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"nodes": list(store.iter_nodes()), "edges": list(store.iter_edges()),
            "pages": list(store.iter_pages()), "mentions": list(store.iter_mentions())}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def to_neo4j_csv(store: Store, directory: str | Path) -> list[Path]:
    """CSV files for `neo4j-admin database import full`:

        neo4j-admin database import full --nodes=Node=nodes.csv --nodes=Page=pages.csv \\
            --relationships=relations.csv --relationships=MENTIONS=mentions.csv neo4j

    Node labels come from the `:LABEL` column (`Node;Document` ...); relations carry
    one row per piece of evidence, as the Neo4j store keeps them."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    written = []
    nodes = d / "nodes.csv"
    with nodes.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["key:ID(Node)", ":LABEL", *[f"{c}:int" if c == "year" else
                                                 f"{c}:boolean" if c == "provisional" else c
                                                 for c in _NODE_FIELDS]])
        for n in store.iter_nodes():
            w.writerow([n["key"], "Node;" + n.get("label", "Document"),
                        *[_csv(n.get(c)) for c in _NODE_FIELDS]])
    written.append(nodes)
    pages = d / "pages.csv"
    page_fields = ("url", "path", "province", "portal", "published", "crawled",
                   "content_hash", "page_title", "source")
    with pages.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["key:ID(Page)", *page_fields])
        for p in store.iter_pages():
            w.writerow([p["key"], *[_csv(p.get(c)) for c in page_fields]])
    written.append(pages)
    rels = d / "relations.csv"
    with rels.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([":START_ID(Node)", ":END_ID(Node)", ":TYPE", "page", "sentence",
                    "start:int", "end:int", "cue"])
        for e in store.iter_edges():
            for ev in e["evidence"]:
                w.writerow([e["source"], e["target"], e["type"], _csv(ev.get("page")),
                            _csv(ev.get("sentence")), _csv(ev.get("start")),
                            _csv(ev.get("end")), _csv(ev.get("cue"))])
    written.append(rels)
    mentions = d / "mentions.csv"
    with mentions.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([":START_ID(Page)", ":END_ID(Node)", "role", "number", "start:int",
                    "end:int", "reason"])
        for m in store.iter_mentions():
            w.writerow([m["page"], m["node"], m.get("role"), _csv(m.get("number")),
                        _csv(m.get("start")), _csv(m.get("end")), _csv(m.get("reason"))])
    written.append(mentions)
    return written


def _csv(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value

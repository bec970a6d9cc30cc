"""Exports: GraphML (Gephi, networkx), networkx node-link JSON, and the CSV layout
`neo4j-admin database import` reads. Each function takes a store and a path (GraphML and
JSON also a binary file object, e.g. standard output) and returns what it wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, BinaryIO

# the command the CSVs are for (docs/graph.md prints the same): evidence sentences may
# hold line breaks, so the import must read quoted fields across lines
# (the database name first: the repeatable --nodes/--relationships options would take it for
# one more file)
NEO4J_ADMIN_IMPORT = ("neo4j-admin database import full neo4j --multiline-fields=true "
                      "--nodes=Node=DIR/nodes.csv --nodes=Page=DIR/pages.csv "
                      "--relationships=DIR/relations.csv "
                      "--relationships=MENTIONS=DIR/mentions.csv")

from graph.store import Store

_NODE_FIELDS = ("label", "number", "kind", "date", "year", "term", "issuer", "locality",
                "province", "title", "signer", "name", "first_seen", "provisional", "reason")


def _plain(value: Any) -> Any:
    """GraphML takes str, int, float, bool only: lists become JSON, None is left out."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _target(path: str | Path | BinaryIO) -> str | Path | BinaryIO:
    """A file object as it is; a path with its parent folders created."""
    if hasattr(path, "write"):
        return path
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def to_graphml(store: Store, path: str | Path | BinaryIO) -> Path | BinaryIO:
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
    target = _target(path)
    nx.write_graphml(g, target)
    return target


def to_json(store: Store, path: str | Path | BinaryIO) -> Path | BinaryIO:
    """networkx node-link JSON of `store.to_networkx()` (`nx.node_link_graph(data)` reads
    it back as the same MultiDiGraph: `directed`, `multigraph`, `nodes` with `id`,
    `edges` with `source`, `target`, `key`), plus the `pages` and `mentions` lists, which
    node_link_graph ignores."""
    import networkx as nx
    data = nx.node_link_data(store.to_networkx(), edges="edges")
    data["pages"] = list(store.iter_pages())
    data["mentions"] = list(store.iter_mentions())
    target = _target(path)
    encoded = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    if hasattr(target, "write"):
        target.write(encoded)
    else:
        target.write_bytes(encoded)
    return target


def to_neo4j_csv(store: Store, directory: str | Path) -> list[Path]:
    """CSV files for `neo4j-admin database import full` (`NEO4J_ADMIN_IMPORT`):

        neo4j-admin database import full neo4j --multiline-fields=true \\
            --nodes=Node=DIR/nodes.csv --nodes=Page=DIR/pages.csv \\
            --relationships=DIR/relations.csv --relationships=MENTIONS=DIR/mentions.csv

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

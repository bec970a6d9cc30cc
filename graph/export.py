"""Exports: GraphML (Gephi, networkx), networkx node-link JSON, and the CSV layout
`neo4j-admin database import` reads. Each function takes a store and a path (GraphML and
JSON also a binary file object, e.g. standard output) and returns what it wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, BinaryIO

from graph.store import Store

# Array properties (fact ranks, candidates) hold page and document keys: their elements
# are joined by a character no key holds (`_csv` checks), named as neo4j-admin reads it.
ARRAY_DELIMITER = "\x1f"
# the command the CSVs are for (docs/graph.md prints the same): evidence sentences may
# hold line breaks, so the import must read quoted fields across lines (the database
# name first: the repeatable --nodes/--relationships options would take it for a file)
NEO4J_ADMIN_IMPORT = ("neo4j-admin database import full neo4j --multiline-fields=true "
                      "--array-delimiter=U+001F "
                      "--nodes=Node=DIR/nodes.csv --nodes=Page=DIR/pages.csv "
                      "--relationships=DIR/relations.csv "
                      "--relationships=MENTIONS=DIR/mentions.csv")


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


# Each file's columns: (property, neo4j-admin type); every property the Neo4j store
# writes has one (`graph/property_graph.py`), so an imported database is a working store.
NEO4J_CSV_COLUMNS = {
    "nodes.csv": (("key", "ID(Node)"), ("labels", "LABEL"), ("label", ""), ("number", ""),
                  ("kind", ""), ("date", ""), ("year", "int"), ("term", ""), ("issuer", ""),
                  ("locality", ""), ("province", ""), ("title", ""), ("signer", ""),
                  ("name", ""), ("first_seen", ""), ("provisional", "boolean"), ("reason", ""),
                  ("number_key", ""), ("serial", ""), ("decided", "boolean"),
                  ("fact_ranks", "string[]"), ("candidates", "string[]")),
    "pages.csv": (("key", "ID(Page)"), ("url", ""), ("path", ""), ("province", ""),
                  ("portal", ""), ("published", ""), ("crawled", ""), ("content_hash", ""),
                  ("page_title", ""), ("source", "")),
    # statements between nodes, and the CANDIDATE links of unresolved references (rank)
    "relations.csv": (("start", "START_ID(Node)"), ("end", "END_ID(Node)"), ("type", "TYPE"),
                      ("page", ""), ("sentence", ""), ("start", "int"), ("end", "int"),
                      ("cue", ""), ("aid", ""), ("src_mid", ""), ("dst_mid", ""),
                      ("rank", "int")),
    "mentions.csv": (("start", "START_ID(Page)"), ("end", "END_ID(Node)"), ("role", ""),
                     ("number", ""), ("start", "int"), ("end", "int"), ("reason", ""),
                     ("mid", ""), ("number_key", ""), ("kind", ""), ("date", ""),
                     ("issuer", ""), ("citing", ""), ("title", ""), ("signer", ""),
                     ("decided", "boolean"), ("page_province", ""), ("context_date", ""),
                     ("partial_nk", "")),
}
_ID_TYPES = ("ID(Node)", "ID(Page)", "LABEL", "START_ID(Node)", "START_ID(Page)",
             "END_ID(Node)", "TYPE")


def _header(column: tuple[str, str]) -> str:
    name, kind = column
    if kind in _ID_TYPES:
        return f"key:{kind}" if kind.startswith("ID(") else f":{kind}"
    return f"{name}:{kind}" if kind else name


class _CsvFile:
    """One import file: its header, then a row per node or relationship."""

    def __init__(self, directory: Path, name: str):
        self.path = directory / name
        self.columns = NEO4J_CSV_COLUMNS[name]
        self.properties = {c for c, kind in self.columns if kind not in _ID_TYPES}
        self._plan = [(c, kind in _ID_TYPES) for c, kind in self.columns]
        self._file = self.path.open("w", newline="", encoding="utf-8")
        self._writer = csv.writer(self._file)
        self._writer.writerow([_header(c) for c in self.columns])

    def write(self, fixed: dict[str, Any], props: dict[str, Any]) -> None:
        if not self.properties.issuperset(props):
            # a property the files have no column for would be lost on import
            unknown = sorted(set(props) - self.properties)
            raise ValueError(f"{self.path.name} has no column for {unknown}")
        values = [fixed[c] if is_id else props.get(c) for c, is_id in self._plan]
        self._writer.writerow([v if type(v) is str else _csv(v) for v in values])

    def close(self) -> None:
        self._file.close()


def to_neo4j_csv(store: Store, directory: str | Path) -> list[Path]:
    """The CSV files `neo4j-admin database import full` reads (`NEO4J_ADMIN_IMPORT`):

        neo4j-admin database import full neo4j --multiline-fields=true \\
            --array-delimiter=U+001F --nodes=Node=DIR/nodes.csv --nodes=Page=DIR/pages.csv \\
            --relationships=DIR/relations.csv --relationships=MENTIONS=DIR/mentions.csv

    Every node and relationship with every property the Neo4j store keeps
    (`Store.iter_property_nodes` / `iter_property_relationships`): the imported
    database is the one loading the same records into Neo4j makes. Node labels come
    from the `:LABEL` column (`Node`, `Document` ..., an array); a relation carries one row per
    piece of evidence, as the Neo4j store keeps them."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    files = {name: _CsvFile(d, name) for name in NEO4J_CSV_COLUMNS}
    try:
        for n in store.iter_property_nodes():
            props = dict(n["props"])
            key = props.pop("key")
            if n["space"] == "Page":
                files["pages.csv"].write({"key": key}, props)
            else:
                files["nodes.csv"].write({"key": key, "labels": list(n["labels"])}, props)
        for r in store.iter_property_relationships():
            fixed = {"start": r["start"][1], "end": r["end"][1], "type": r["type"]}
            if r["start"][0] == "Page":
                files["mentions.csv"].write(fixed, r["props"])
            else:
                files["relations.csv"].write(fixed, r["props"])
    finally:
        for f in files.values():
            f.close()
    return [f.path for f in files.values()]


def _csv(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):   # an array property
        if any(ARRAY_DELIMITER in str(v) for v in value):
            raise ValueError(f"an array value holds the array delimiter {ARRAY_DELIMITER!r}")
        return ARRAY_DELIMITER.join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value

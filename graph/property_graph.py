"""The graph as Neo4j holds it, node by node and relationship by relationship, with every
property the Neo4j store writes (its identity columns, fact ranks, mention ids ...):
what `export.to_neo4j_csv` writes for `neo4j-admin database import`, so that an
imported database is one `Neo4jStore` goes on loading into.

A node is `{"space": "Node" | "Page", "labels": (...), "props": {...}}` (its `key` among
the props); a relationship `{"type", "start": (space, key), "end": (space, key),
"props"}`. Properties that are None are absent, as in Neo4j. The Neo4j store reads its
own (`neo4j_nodes`, `neo4j_relationships`); the SQLite store builds the same from its
tables (`sqlite_nodes`, `sqlite_relationships`), which is how a first load reaches
Neo4j at import speed (`graph/neo4j_import.py`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

# properties per kind of node, as the Neo4j store writes them (graph/neo4j_store.py)
DOCUMENT_PROPS = ("key", "label", "number", "number_key", "serial", "kind", "date", "year",
                  "term", "issuer", "locality", "province", "title", "signer", "first_seen",
                  "reason", "provisional", "decided", "fact_ranks")
LAW_PROPS = ("key", "label", "name", "year", "first_seen")
UNRESOLVED_PROPS = ("key", "label", "number", "number_key", "serial", "kind", "date", "issuer",
                    "locality", "province", "candidates", "reason", "first_seen")
PAGE_PROPS = ("key", "url", "path", "province", "portal", "published", "crawled",
              "content_hash", "page_title", "source")
MENTION_PROPS = ("mid", "role", "number", "number_key", "kind", "date", "issuer", "citing",
                 "title", "signer", "start", "end", "decided", "reason")
PARTIAL_MENTION_PROPS = ("page_province", "context_date", "partial_nk")   # partial ones only
STATEMENT_PROPS = ("aid", "page", "src_mid", "dst_mid", "sentence", "start", "end", "cue")
_NODE_PROPS = {"Document": DOCUMENT_PROPS, "Law": LAW_PROPS,
               "UnresolvedReference": UNRESOLVED_PROPS}

# The Neo4j store sends new nodes and relationships as lists of their properties by
# position, not as maps: Bolt then packs no key beside each value (the pure-Python
# encoder's cost is per value packed). A row ends after its last value (`row[i]` past
# its end is null, and a null property is not created): the columns most rows have first.
MENTION_COLUMNS = ("mid", "role", "number", "number_key", "decided", "reason", "start", "end",
                   "kind", "date", "issuer", "title", "signer", "citing", "page_province",
                   "context_date", "partial_nk")
STATEMENT_COLUMNS = ("aid", "page", "src_mid", "dst_mid", "start", "end", "sentence", "cue")
DOCUMENT_COLUMNS = ("key", "label", "number", "number_key", "serial", "provisional",
                    "decided", "fact_ranks", "first_seen", "kind", "date", "year", "issuer",
                    "term", "locality", "province", "title", "signer", "reason")
PAGE_COLUMNS = ("key", "url", "content_hash", "crawled", "source", "province", "portal",
                "published", "path", "page_title")
assert set(MENTION_COLUMNS) == {*MENTION_PROPS, *PARTIAL_MENTION_PROPS}
assert set(STATEMENT_COLUMNS) == set(STATEMENT_PROPS)
assert set(DOCUMENT_COLUMNS) == set(DOCUMENT_PROPS) and set(PAGE_COLUMNS) == set(PAGE_PROPS)


def properties_at(columns: tuple[str, ...], first: int) -> str:
    """The Cypher map of `columns` read from `row` by position, from `row[first]` on
    (names from the fixed lists above, never from input)."""
    return "{" + ", ".join(f"`{c}`: row[{i}]" for i, c in enumerate(columns, first)) + "}"


def positional(values: dict[str, Any], columns: tuple[str, ...], head: tuple = ()) -> list:
    """`head` then the values of `columns`, without the trailing nulls."""
    row = [*head, *[values.get(c) for c in columns]]
    while row[-1] is None:
        row.pop()
    return row


def _present(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


# --- SQLite ---------------------------------------------------------------------------------

def sqlite_nodes(conn) -> Iterator[dict[str, Any]]:
    """The nodes of a SQLite store, pages first. In table order, as every view here:
    a table scan, not a walk of a random-keyed index (an import does not care)."""
    for r in conn.execute("SELECT * FROM pages"):
        yield {"space": "Page", "labels": ("Page",),
               "props": _present({f: r[f] for f in PAGE_PROPS})}
    for r in conn.execute("SELECT * FROM nodes"):
        label = r["label"]
        props = {f: r[f] for f in _NODE_PROPS[label]}
        if label == "Document":
            props["provisional"] = bool(r["provisional"])
            props["decided"] = bool(r["decided"])
            props["fact_ranks"] = json.loads(r["fact_ranks"]) if r["fact_ranks"] else None
        elif label == "UnresolvedReference":
            props["candidates"] = json.loads(r["candidates"]) if r["candidates"] else None
        yield {"space": "Node", "labels": ("Node", label), "props": _present(props)}


def sqlite_relationships(conn) -> Iterator[dict[str, Any]]:
    """The relationships of a SQLite store: mentions (the laws' too), statements between
    resolved nodes, and the ranked candidates of unresolved references."""
    for r in conn.execute(
            "SELECT m.*, p.key AS page_key, n.key AS node_key FROM mentions m "
            "JOIN pages p ON p.id=m.page_id JOIN nodes n ON n.id=m.node_id"):
        props = {f: r[f] for f in MENTION_PROPS}
        props["decided"] = bool(r["decided"])
        if not r["decided"]:   # only partial mentions are decided again: theirs alone
            props.update(page_province=r["page_province"], context_date=r["context_date"],
                         partial_nk=r["number_key"])
        yield {"type": "MENTIONS", "start": ("Page", r["page_key"]),
               "end": ("Node", r["node_key"]), "props": _present(props)}
    for page, law in conn.execute(
            "SELECT p.key, n.key FROM page_laws l JOIN pages p ON p.id=l.page_id "
            "JOIN nodes n ON n.id=l.node_id"):
        yield {"type": "MENTIONS", "start": ("Page", page), "end": ("Node", law),
               "props": {"mid": f"law:{page}:{law}", "role": "law"}}
    for r in conn.execute(
            'SELECT r.aid, p.key AS page, r.type, r.src_mid, r.dst_mid, r.sentence, r.start, '
            'r."end", r.cue, s.key AS s, t.key AS t FROM relations r '
            "JOIN pages p ON p.id=r.page_id JOIN nodes s ON s.id=r.src_node "
            "JOIN nodes t ON t.id=r.dst_node"):
        yield {"type": r["type"], "start": ("Node", r["s"]), "end": ("Node", r["t"]),
               "props": _present({f: r[f] for f in STATEMENT_PROPS})}
    for u, d, rank in conn.execute(
            "SELECT u.key, d.key, c.rank FROM candidates c JOIN nodes u ON u.id=c.node_id "
            "JOIN nodes d ON d.key=c.doc_key"):
        yield {"type": "CANDIDATE", "start": ("Node", u), "end": ("Node", d),
               "props": {"rank": rank}}


# --- Neo4j ----------------------------------------------------------------------------------

def neo4j_nodes(store) -> Iterator[dict[str, Any]]:
    with store._session() as s:
        for r in s.run("MATCH (n) WHERE n:Page OR n:Node RETURN labels(n) AS labels, "
                       "properties(n) AS props ORDER BY n:Node, n.key"):
            labels = set(r["labels"])
            space = "Page" if "Page" in labels else "Node"
            yield {"space": space, "labels": (space, *sorted(labels - {space})),
                   "props": dict(r["props"])}


def neo4j_relationships(store) -> Iterator[dict[str, Any]]:
    with store._session() as s:
        for r in s.run("MATCH (a)-[r]->(b) RETURN type(r) AS type, a:Page AS from_page, "
                       "a.key AS a, b.key AS b, properties(r) AS props"):
            yield {"type": r["type"], "start": ("Page" if r["from_page"] else "Node", r["a"]),
                   "end": ("Node", r["b"]), "props": dict(r["props"])}


def comparable(nodes, relationships) -> tuple[list, list]:
    """Both views sorted, lists as tuples: equal when two stores hold the same graph."""
    def frozen(props):
        return tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                            for k, v in props.items()))
    return (sorted((n["space"], n["labels"], frozen(n["props"])) for n in nodes),
            sorted((r["type"], r["start"], r["end"], frozen(r["props"]))
                   for r in relationships))


__all__ = ["DOCUMENT_COLUMNS", "MENTION_COLUMNS", "PAGE_COLUMNS", "STATEMENT_COLUMNS",
           "comparable", "neo4j_nodes", "neo4j_relationships", "positional", "properties_at",
           "sqlite_nodes", "sqlite_relationships"]

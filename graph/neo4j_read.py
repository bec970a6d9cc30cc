"""Reading the Neo4j store (`graph/neo4j_store.py`): the look-ups `graph.queries`
builds every question from, as Cypher with parameters only; the breadth-first walk in
one query (`walk`)."""

from __future__ import annotations

from typing import Any

from extract.normalize import issuers_match

from graph import property_graph, search
from graph.plan import serial_key
from graph.relation_types import RELATION_TYPES
from graph.store import group_statements, statement_evidence
from graph.traversal import breadth_first_tree


# properties only the store itself reads (identity, fact ranks)
_INTERNAL = ("decided", "serial", "number_key", "fact_ranks")
# the map projection of every other property (`n {.*}` minus `_INTERNAL`)
_VISIBLE = ".*, " + ", ".join(f"{f}: null" for f in _INTERNAL)


class Neo4jReading:
    """The reading half of `Neo4jStore` (uses its `_session`)."""

    def page_hash(self, url: str) -> str | None:
        rec = self._read("MATCH (p:Page) WHERE p.key = $k OR p.url = $k "
                         "RETURN p.content_hash AS h LIMIT 1", k=url)
        return rec[0]["h"] if rec else None

    def _read(self, query: str, **params: Any) -> list[Any]:
        with self._session() as s:
            return list(s.run(query, **params))

    @staticmethod
    def _node(n, labels=None) -> dict[str, Any]:
        """A node as the queries see it: a Node, or a map of its properties (`labels`)."""
        out = dict(n)
        out.setdefault("label", next(iter(set(labels or n.labels) - {"Node"}), "Node"))
        out["provisional"] = bool(out.get("provisional"))
        for f in _INTERNAL:
            out.pop(f, None)
        return out

    def find_documents(self, *, number_key=None, serial=None, kind=None, keys=None):
        if keys is not None:
            return list(self.documents(keys).values())
        if number_key:
            rows = self._read("MATCH (d:Document {number_key: $nk}) RETURN d", nk=number_key)
        elif serial:
            rows = self._read("MATCH (d:Document {serial: $s}) WHERE $kind IS NULL OR "
                              "d.kind IS NULL OR d.kind = $kind RETURN d",
                              s=serial_key(serial), kind=kind)
        else:
            return []
        return [self._node(r["d"]) for r in rows]

    def documents(self, keys):
        keys = list(dict.fromkeys(keys))
        # the properties the queries see only: a document's fact ranks are most of its bytes
        return {r["n"]["key"]: self._node(r["n"], r["labels"]) for r in self._read(
            f"UNWIND $keys AS k MATCH (n:Node {{key: k}}) RETURN n {{{_VISIBLE}}} AS n, "
            "labels(n) AS labels", keys=keys)}

    def edges(self, keys, direction, types):
        pattern = "(x)<-[r]-(o:Node)" if direction == "in" else "(x)-[r]->(o:Node)"
        statements = []
        for r in self._read(
                f"UNWIND $keys AS k MATCH (x:Node {{key: k}}) MATCH {pattern} "
                "WHERE type(r) IN $types RETURN x.key AS x, o.key AS o, type(r) AS type, "
                "r.sentence AS sentence, r.page AS page, r.start AS start, r.end AS end, "
                "r.cue AS cue, r.aid AS aid ORDER BY aid",
                keys=list(dict.fromkeys(keys)), types=list(types)):
            s, t = (r["o"], r["x"]) if direction == "in" else (r["x"], r["o"])
            statements.append((s, t, r["type"], statement_evidence(r)))
        statements.sort(key=lambda st: st[:3])   # stable: each edge's evidence stays in order
        return list(group_statements(statements))

    def edge_keys(self, keys, direction, types):
        """(source, target, type) of each relation of `keys`, in `edges`' order, in one
        query that reads no statement (one record per distinct relation)."""
        pattern = "(x)<-[r]-(o:Node)" if direction == "in" else "(x)-[r]->(o:Node)"
        rows = self._read(f"UNWIND $keys AS k MATCH (x:Node {{key: k}}) MATCH {pattern} "
                          "WHERE type(r) IN $types RETURN DISTINCT x.key AS x, o.key AS o, "
                          "type(r) AS type", keys=list(dict.fromkeys(keys)), types=list(types))
        return sorted((r["o"], r["x"], r["type"]) if direction == "in"
                      else (r["x"], r["o"], r["type"]) for r in rows)

    def reach(self, root, direction, types, max_depth):
        """Every node the walk reaches, with its shortest depth and its label, in one
        query: the breadth-first pruning match `walk` makes, without choosing edges
        (any shortest path reaches a node at its depth) or reading evidence."""
        types = tuple(types)
        if max_depth < 1 or not types:
            return []
        step = "<-[:%s*1..%d]-" if direction == "in" else "-[:%s*1..%d]->"
        rows = self._read(f"MATCH (root:Node {{key: $root}}) "
                          f"MATCH p = (root){step % (_types_pattern(types), int(max_depth))}"
                          "(f:Node) WHERE f <> root "
                          "WITH f, min(length(p)) AS depth "
                          "RETURN depth, f.key AS key, f.label AS label", root=root)
        return sorted((r["depth"], r["key"], r["label"]) for r in rows)

    def walk(self, root, direction, types, max_depth, max_nodes=None):
        """The breadth-first tree in two queries: one variable-length match finds the
        nodes within `max_depth - 1` steps with their shortest depth (Neo4j walks it
        breadth first, pruning what it has seen) and every relation out of them in the
        walk's direction; `breadth_first_tree` chooses the tree's edges among those, as
        for every store; one more query (none for an empty tree) fetches the chosen
        edges' evidence."""
        types = tuple(types)
        if max_depth < 1 or not types:
            return []
        pattern = _types_pattern(types)
        near, step = (("(f)<-[r:%s]-(x:Node)", "<-[:%s*0..%d]-") if direction == "in"
                      else ("(f)-[r:%s]->(x:Node)", "-[:%s*0..%d]->"))
        # With `max_nodes` the tree stops growing at the first level that fills it: only
        # the levels before it are frontiers (breadth first, the nearest `max_nodes`
        # nodes hold them; the level the cap cuts, or ends at, grows nothing).
        query = (f"MATCH (root:Node {{key: $root}}) "
                 f"MATCH p = (root){step % (pattern, int(max_depth) - 1)}(f:Node) "
                 "WITH f, min(length(p)) AS depth ORDER BY depth "
                 + ("" if max_nodes is None else
                    "LIMIT $limit WITH depth, collect(f) AS level ORDER BY depth "
                    "WITH collect(level) AS levels UNWIND range(0, size(levels) - 1) AS d "
                    "WITH levels[d] AS level, "
                    "reduce(n = 0, l IN levels[..d + 1] | n + size(l)) AS reached "
                    "WHERE reached < $limit UNWIND level AS f ")
                 # one record per frontier node: Bolt's cost is per record
                 + f"MATCH {near % pattern} "
                 "RETURN f.key AS f, collect(DISTINCT [x.key, type(r)]) AS out")
        out_of: dict[str, list[tuple[str, str, str]]] = {}
        for r in self._read(query, root=root, limit=max_nodes):
            f = r["f"]
            out_of[f] = [(x, f, t) if direction == "in" else (f, x, t) for x, t in r["out"]]

        def edges_of(frontier):
            # the shape `edges()` gives: sorted by (source, target, type)
            return [{"source": s, "target": t, "type": rt} for s, t, rt in
                    sorted(e for k in frontier for e in out_of.get(k, ()))]

        tree = breadth_first_tree(root, direction, max_depth, max_nodes, edges_of)
        if not tree:
            return tree
        # one record in all, each edge's statements in their (aid) order
        rows = self._read(
            "UNWIND $edges AS e MATCH (s:Node {key: e.s})-[r]->(t:Node {key: e.t}) "
            "WHERE type(r) = e.type WITH e, r ORDER BY r.aid "
            "WITH e, collect([r.sentence, r.page, r.start, r.end, r.cue]) AS statements "
            "RETURN collect([e.s, e.t, e.type, statements]) AS edges",
            edges=[{"s": e["source"], "t": e["target"], "type": e["type"]} for _, e in tree])
        evidence = {(s_, t, rt): [{"sentence": st[0], "page": st[1], "start": st[2],
                                   "end": st[3], "cue": st[4]} for st in statements]
                    for s_, t, rt, statements in rows[0]["edges"]}
        for _, e in tree:
            e["evidence"] = evidence.get((e["source"], e["target"], e["type"]), [])
        return tree

    def cited_counts(self, keys, types=None):
        return {r["k"]: r["n"] for r in self._read(
            "UNWIND $keys AS k MATCH (x:Node {key: k})<-[r]-(s:Node) "
            "WHERE type(r) <> 'CANDIDATE' AND ($types IS NULL OR type(r) IN $types) "
            "RETURN k, count(DISTINCT s) AS n", keys=list(keys),
            types=list(types) if types else None)}

    def sources(self, key, limit=20):
        return [r["u"] for r in self._read(
            "MATCH (p:Page)-[:MENTIONS]->(:Node {key: $k}) "
            "RETURN DISTINCT coalesce(p.url, p.key) AS u ORDER BY u LIMIT $limit",
            k=key, limit=limit)]

    def sources_for(self, keys, limit=20):
        # one record in all: the client's cost is per record (2,827 keys: about half the
        # time of a record per key)
        rows = self._read(
            "UNWIND $keys AS k MATCH (p:Page)-[:MENTIONS]->(:Node {key: k}) "
            "WITH k, coalesce(p.url, p.key) AS u ORDER BY u "
            "WITH k, collect(DISTINCT u)[..$limit] AS u RETURN collect([k, u]) AS sources",
            keys=list(keys), limit=limit)
        return {k: u for k, u in rows[0]["sources"]}

    def unresolved_naming(self, keys):
        return [self._node(r["u"]) for r in self._read(
            "UNWIND $keys AS k MATCH (:Node {key: k})<-[:CANDIDATE]-(u:UnresolvedReference) "
            "RETURN DISTINCT u ORDER BY u.key", keys=list(keys))]

    def word_keys(self, words: list[str], limit: int) -> list[str]:
        """Keys of the documents whose indexed text has every (folded) word, best first."""
        return search.neo4j_words(self, words, limit)

    def search(self, *, number_key=None, serial=None, kind=None, issuer=None, year=None,
               province=None, limit=50):
        rows = self._read(
            "MATCH (d:Document) WHERE ($nk IS NULL OR d.number_key = $nk) "
            "AND ($serial IS NULL OR d.serial = $serial) AND ($kind IS NULL OR d.kind = $kind) "
            "AND ($year IS NULL OR d.year = $year) "
            "AND ($provinces IS NULL OR d.province IN $provinces) "
            "OPTIONAL MATCH (d)<-[r]-(s:Node) WHERE type(r) <> 'CANDIDATE' "
            "RETURN d, count(DISTINCT s) AS cited ORDER BY cited DESC, d.key",
            nk=number_key, serial=serial_key(serial) if serial else None, kind=kind,
            year=int(year) if year else None,
            # one province or several (a province of today and its predecessors)
            provinces=None if not province else [province] if isinstance(province, str)
            else list(province))
        docs = [self._node(r["d"]) for r in rows]
        if issuer:
            docs = [d for d in docs if d.get("issuer") and issuers_match(issuer, d["issuer"])]
        return docs[:limit]

    def counts(self):
        out = {"pages": self._read("MATCH (p:Page) RETURN count(p) AS n")[0]["n"]}
        out["nodes"] = {r["l"]: r["n"] for r in self._read(
            "MATCH (n:Node) RETURN n.label AS l, count(*) AS n ORDER BY l")}
        out["relations"] = {}
        evidence = 0
        for t in RELATION_TYPES:
            r = self._read(f"MATCH (s)-[r:{t}]->(d) RETURN count(DISTINCT [s.key, d.key]) AS n, "
                           "count(r) AS e")[0]
            if r["n"]:
                out["relations"][t] = r["n"]
            evidence += r["e"]
        out["evidence"] = evidence
        out["kinds"] = {(r["k"] or "?"): r["n"] for r in self._read(
            "MATCH (d:Document) RETURN d.kind AS k, count(*) AS n ORDER BY n DESC, k")}
        out["provinces"] = {(r["p"] or "(central)"): r["n"] for r in self._read(
            "MATCH (d:Document) RETURN d.province AS p, count(*) AS n ORDER BY n DESC, p")}
        return out

    def most_implemented(self, limit=10):
        return [(r["k"], r["n"]) for r in self._read(
            "MATCH (s:Node)-[:IMPLEMENTS]->(d:Node) RETURN d.key AS k, count(DISTINCT s) AS n "
            "ORDER BY n DESC, k LIMIT $limit", limit=limit)]

    def iter_nodes(self):
        with self._session() as s:
            for r in s.run("MATCH (n:Node) RETURN n ORDER BY n.key"):
                yield self._node(r["n"])

    def iter_edges(self):
        with self._session() as s:
            rows = s.run("MATCH (a:Node)-[r]->(b:Node) WHERE type(r) <> 'CANDIDATE' "
                         "RETURN a.key AS s, b.key AS t, type(r) AS type, r.sentence AS sentence,"
                         " r.page AS page, r.start AS start, r.end AS end, r.cue AS cue "
                         "ORDER BY s, t, type, r.aid")
            yield from group_statements((r["s"], r["t"], r["type"], statement_evidence(r)) for r in rows)

    def iter_mentions(self):
        with self._session() as s:
            for r in s.run("MATCH (p:Page)-[m:MENTIONS]->(n:Node) RETURN p.key AS page, "
                           "n.key AS node, m.role AS role, m.number AS number, m.start AS start,"
                           " m.end AS end, m.reason AS reason ORDER BY page, m.mid"):
                yield dict(r)

    def iter_pages(self):
        with self._session() as s:
            for r in s.run("MATCH (p:Page) RETURN p ORDER BY p.key"):
                yield dict(r["p"])

    def iter_property_nodes(self):
        return property_graph.neo4j_nodes(self)

    def iter_property_relationships(self):
        return property_graph.neo4j_relationships(self)


def _types_pattern(types) -> str:
    """`A|B` for a relationship pattern: relation types from the fixed vocabulary only
    (a pattern's types cannot be parameters)."""
    unknown = set(types) - set(RELATION_TYPES)
    if unknown:
        raise ValueError(f"unknown relation types: {sorted(unknown)}")
    return "|".join(types)

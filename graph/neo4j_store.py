"""The Neo4j store: the same facts and identity rules as the SQLite store, over Bolt.

Model: `(:Page {key, url, ...})-[:MENTIONS {mid, role, number, number_key, ...}]->(:Node)`
where a node is `:Node:Document`, `:Node:Law` or `:Node:UnresolvedReference` (all
unique on `key`); typed relations `(:Node)-[:IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|
REPEALS|CITES {aid, page, sentence, start, end, cue, src_mid, dst_mid}]->(:Node)`, one
relationship per page statement (its evidence); `(:UnresolvedReference)-[:CANDIDATE
{rank}]->(:Document)`.

Constraints and indexes are created on first use. Writes are batched `UNWIND` statements,
one transaction per batch, with parameters only (relationship types come from the fixed
list `RELATION_TYPES`, never from input): the batch's keys are looked up once, then
what is new is `CREATE`d (no per-row `MERGE` scans) and what exists is updated with
facts merged in Python (`merge_document_facts`). Loading the same input twice changes
nothing.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from extract.normalize import issuers_match

from graph.facts import DOC_FACT_FIELDS, PageFacts, fact_rank, merge_document_facts, page_seen
from graph.identity import Decision, KnownDocument, Mention, resolve_groups
from graph.plan import (aggregate_laws, decide_mentions, number_serial,
                        partial_contribution, province_of, refreshed_facts, serial_key)
from graph.relation_types import RELATION_TYPES
from graph import property_graph, search
from graph.store import Store, group_statements, statement_evidence
from graph.traversal import breadth_first_tree


class Neo4jUnavailable(RuntimeError):
    """Neo4j cannot be reached or refuses the credentials (message says which and how)."""


SCHEMA = [
    "CREATE CONSTRAINT node_key IF NOT EXISTS FOR (n:Node) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT page_key IF NOT EXISTS FOR (p:Page) REQUIRE p.key IS UNIQUE",
    "CREATE INDEX document_number IF NOT EXISTS FOR (d:Document) ON (d.number_key)",
    "CREATE INDEX document_serial IF NOT EXISTS FOR (d:Document) ON (d.serial)",
    "CREATE INDEX page_url IF NOT EXISTS FOR (p:Page) ON (p.url)",
    "CREATE INDEX mentions_number IF NOT EXISTS FOR ()-[m:MENTIONS]-() ON (m.number_key)",
    # set on partial mentions only, so re-resolving a number never walks its decided ones
    "CREATE INDEX mentions_partial IF NOT EXISTS FOR ()-[m:MENTIONS]-() ON (m.partial_nk)",
] + [
    # Indexes older versions made. No query needs them: a page's statements are found from
    # the nodes it mentions (out-degrees are small), moved mentions' from their old node;
    # and every relationship index slowed every write.
    "DROP INDEX mentions_mid IF EXISTS",
] + [f"DROP INDEX rel_{t.lower()}_{prop} IF EXISTS"
     for t in RELATION_TYPES for prop in ("page", "src_mid", "dst_mid", "aid")]
SCHEMA.append(search.NEO4J_INDEX)   # full-text search of documents (graph/search.py)

_MERGED = (*DOC_FACT_FIELDS, "year", "first_seen")     # what merge_document_facts sets
_DOC_PROPS = ("number", "number_key", "serial", "kind", "date", "year", "term", "issuer",
              "locality", "province", "title", "signer", "first_seen", "reason")


def _doc_row(key: str, m: Mention, values: dict[str, Any], provisional: bool
             ) -> dict[str, Any]:
    """Properties of a new document node: identity from a mention, facts merged."""
    return {"key": key, "label": "Document", "number_key": m.number_key,
            "serial": number_serial(m.number), "term": m.term, "locality": m.locality,
            "province": province_of(m.locality), **{f: values.get(f) for f in _MERGED},
            "provisional": provisional, "decided": not provisional}


class Neo4jStore(Store):
    """A lineage graph in Neo4j (see the module docstring)."""

    batch_size = 200
    bulk_batch_size = 10_000

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None):
        import neo4j
        from neo4j.exceptions import AuthError, ServiceUnavailable
        auth = (user, password or "") if user else None
        self.uri = uri
        self.database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, notifications_min_severity="OFF")
            self._driver.verify_connectivity()
        except AuthError as exc:
            raise Neo4jUnavailable(
                f"Neo4j at {uri} refused the credentials ({exc.message}); set --neo4j-user/"
                "--neo4j-password or NEO4J_USER/NEO4J_PASSWORD") from None
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise Neo4jUnavailable(
                f"cannot reach Neo4j at {uri}: {exc}. Start Neo4j (or "
                "tools/neo4j-launcher/start.sh) and check --neo4j / NEO4J_URI") from None
        with self._session() as s:
            had_partial_index = bool(list(s.run(
                "SHOW INDEXES YIELD name WHERE name = 'mentions_partial' RETURN name")))
            for stmt in SCHEMA:
                s.run(stmt).consume()
            s.run("CALL db.awaitIndexes(60)").consume()
            if not had_partial_index:   # a store an older version wrote: mark its partials
                s.run("MATCH ()-[m:MENTIONS]->() WHERE m.decided = false "
                      "SET m.partial_nk = m.number_key").consume()

    def _session(self):
        return self._driver.session(database=self.database) if self.database \
            else self._driver.session()

    def close(self) -> None:
        self._driver.close()

    def describe(self) -> str:
        return f"Neo4j at {self.uri}"

    def _store_lost(self, exc: BaseException) -> bool:
        from neo4j.exceptions import DatabaseUnavailable, ServiceUnavailable, SessionExpired
        return isinstance(exc, (ServiceUnavailable, SessionExpired, DatabaseUnavailable, OSError))

    def clear(self) -> None:
        """Delete everything (tests and benchmarks), in batches."""
        with self._session() as s:
            while True:
                n = s.run("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n"
                          ).single()["n"]
                if n == 0:
                    break

    # --- writing ----------------------------------------------------------------------

    def _upsert_facts(self, pages: list[PageFacts]) -> None:
        with self._session() as s:
            tx = s.begin_transaction()
            try:
                self._write(tx, pages)
                tx.commit()
            except BaseException:
                tx.rollback()
                raise
            finally:
                tx.close()

    def _forget_pages(self, tx, keys: list[str]) -> tuple[set[str], set[str]]:
        """Delete what the pages asserted; (dirty number keys, touched node keys)."""
        dirty, touched = set(), set()
        if not keys:
            return dirty, touched
        for r in tx.run("UNWIND $keys AS k MATCH (:Page {key: k})-[m:MENTIONS]->(n:Node) "
                        "RETURN m.number_key AS nk, n.key AS node", keys=keys):
            if r["nk"]:
                dirty.add(r["nk"])
            touched.add(r["node"])
        # a page's statements start at nodes it mentions: walk their (small) out-degree
        tx.run("UNWIND $keys AS k MATCH (:Page {key: k})-[:MENTIONS]->(s:Node) "
               "WITH DISTINCT k, s MATCH (s)-[r]->() WHERE r.page = k DELETE r",
               keys=keys).consume()
        tx.run("UNWIND $keys AS k MATCH (:Page {key: k})-[m:MENTIONS]->() DELETE m",
               keys=keys).consume()
        return dirty, touched

    def _write(self, tx, pages: list[PageFacts]) -> None:
        """Replace the pages' facts, set-wise: one UNWIND statement per kind of row."""
        keys = [p.key for p in pages]
        stored = [r["k"] for r in tx.run(
            "UNWIND $keys AS k MATCH (p:Page {key: k}) RETURN k", keys=keys)]
        dirty, touched = self._forget_pages(tx, stored)
        rows = [{k: v for k, v in {
            "key": p.key, "url": p.url, "path": p.path, "province": p.province,
            "portal": p.portal, "published": p.published, "crawled": p.crawled,
            "content_hash": p.content_hash, "page_title": p.page_title,
            "source": p.source}.items() if v is not None} for p in pages]
        known = set(stored)
        tx.run("UNWIND $rows AS row MATCH (p:Page {key: row.key}) SET p = row",
               rows=[r for r in rows if r["key"] in known]).consume()
        tx.run("UNWIND $rows AS row CREATE (p:Page) SET p = row",   # new: no MERGE needed
               rows=[r for r in rows if r["key"] not in known]).consume()

        # decided mentions: their documents follow from the mention alone
        plan = decide_mentions(pages)
        dirty |= plan.dirty
        mention_rows: list[dict[str, Any]] = []
        node_of: dict[str, str] = {}
        new_partials: dict[str, list[tuple[Mention, dict[str, Any]]]] = defaultdict(list)
        for p in pages:
            seen = page_seen(p.published, p.crawled)
            for mf in p.mentions:
                m = mf.mention
                row = {"page": p.key, "mid": m.mid, "role": mf.role, "number": m.number,
                       "number_key": m.number_key, "kind": m.kind, "date": m.date,
                       "issuer": m.issuer, "page_province": m.page_province,
                       "context_date": m.context_date, "citing": m.citing, "title": mf.title,
                       "signer": mf.signer, "start": mf.start, "end": mf.end, "seen": seen,
                       "rank": fact_rank(mf.role, p.source, seen, p.key)}
                decided = plan.decided.get(m.mid)
                if decided:
                    key, reason = decided
                    row.update(decided=True, node=key, reason=reason)
                    # only partial mentions are decided again: these two are theirs alone
                    del row["page_province"], row["context_date"]
                    node_of[m.mid] = key
                    mention_rows.append(row)
                else:
                    row.update(decided=False)
                    new_partials[m.number_key].append((m, row))
        created = self._merge_documents(tx, plan.contributions, plan.sample, provisional=False)
        dirty |= plan.numbers_of(created)
        self._create_mentions(tx, mention_rows)

        # partial mentions of every touched number, old and new, decided together
        moved = self._resolve_partials(tx, sorted(dirty), new_partials, node_of)

        # laws and relations
        self._store_laws(tx, pages)
        rel_rows = defaultdict(list)
        for p in pages:
            for a in p.assertions:
                src = node_of.get(a.src_mid)
                dst = a.dst_law or node_of.get(a.dst_mid)
                if src is None or dst is None:
                    continue
                rel_rows[a.type].append({"s": src, "t": dst, "props": {k: v for k, v in {
                    "aid": a.aid, "page": p.key, "src_mid": a.src_mid, "dst_mid": a.dst_mid,
                    "sentence": a.sentence, "start": a.start, "end": a.end, "cue": a.cue
                }.items() if v is not None}})
        for t, rows in rel_rows.items():
            self._create_relations(tx, t, rows)
        self._move_relations(tx, moved)
        self._collect(tx, touched | {old for old, _ in moved.values()})
        self._refresh(tx, touched | {old for old, _ in moved.values()})

    def _store_laws(self, tx, pages: list[PageFacts]) -> None:
        """Create or complete the laws the pages cite and link them. A law's name is the
        smallest spelling seen, its year and first day seen the earliest: order-free."""
        laws = aggregate_laws(pages)
        links = [{"page": p.key, "key": lk, "mid": f"law:{p.key}:{lk}"}
                 for p in pages for lk in p.laws]
        if not laws:
            return
        tx.run("UNWIND $rows AS row MERGE (l:Node:Law {key: row.key}) "
               "ON CREATE SET l.label = 'Law', l.name = row.name, l.year = row.year, "
               " l.first_seen = row.seen "
               "ON MATCH SET l.name = CASE WHEN row.name < l.name THEN row.name ELSE l.name END,"
               " l.year = CASE WHEN l.year IS NULL OR row.year < l.year THEN row.year"
               " ELSE l.year END,"
               " l.first_seen = CASE WHEN l.first_seen IS NULL OR row.seen < l.first_seen"
               " THEN row.seen ELSE l.first_seen END",
               rows=[{"key": k, **law} for k, law in laws.items()]).consume()
        # CREATE: the pages' previous links were deleted in this transaction
        tx.run("UNWIND $rows AS row MATCH (p:Page {key: row.page}), (l:Node {key: row.key}) "
               "CREATE (p)-[:MENTIONS {mid: row.mid, role: 'law'}]->(l)", rows=links).consume()

    def _merge_documents(self, tx, contributions: dict[str, list[dict[str, Any]]],
                         sample: dict[str, Mention], provisional: bool) -> list[str]:
        """Create or complete document nodes from their mentions' contributions
        (`merge_document_facts`, computed here); returns the keys created."""
        if not contributions:
            return []
        stored = {r["k"]: r["d"] for r in tx.run(
            "UNWIND $keys AS k MATCH (d:Node {key: k}) RETURN k, d {.*} AS d",
            keys=list(contributions))}
        creates, updates = [], []
        for key, contribs in contributions.items():
            old = stored.get(key)
            if old is None:
                values, ranks = merge_document_facts(None, None, contribs)
                row = _doc_row(key, sample[key], values, provisional)
                row["fact_ranks"] = ranks
                creates.append({k: v for k, v in row.items() if v is not None})
                continue
            before = {f: old.get(f) for f in _MERGED}
            values, ranks = merge_document_facts(before, old.get("fact_ranks"), contribs)
            if values != before or ranks != old.get("fact_ranks"):
                updates.append({"key": key, "props": {**{f: values.get(f) for f in _MERGED},
                                                      "fact_ranks": ranks}})
        # CREATE, not MERGE: these keys were just looked up and are not there
        tx.run("UNWIND $rows AS row CREATE (d:Node:Document) SET d = row",
               rows=creates).consume()
        tx.run("UNWIND $rows AS row MATCH (d:Node {key: row.key}) SET d += row.props",
               rows=updates).consume()
        return [r["key"] for r in creates]

    def _create_mentions(self, tx, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        # CREATE, not MERGE: the page's previous mentions were deleted in this transaction
        # (MERGE would scan the thousands of MENTIONS of a much-cited document)
        tx.run("UNWIND $rows AS row MATCH (p:Page {key: row.page}), (n:Node {key: row.node}) "
               "CREATE (p)-[m:MENTIONS]->(n) SET m = row.props, m.mid = row.mid",
               rows=[{"page": r["page"], "node": r["node"], "mid": r["mid"],
                      "props": {k: v for k, v in r.items() if v is not None
                                and k not in ("page", "node", "seen", "rank")}}
                     for r in rows]).consume()

    def _resolve_partials(self, tx, nks: list[str], new_partials, node_of: dict[str, str]
                          ) -> dict[str, tuple[str, str]]:
        """Decide the partial mentions of `nks`; returns mid -> (old node, new node) for
        stored mentions that moved. New partial mentions are created here."""
        if not nks:
            return {}
        partials: dict[str, list[Mention]] = defaultdict(list)
        stored: dict[str, dict[str, Any]] = {}
        for r in tx.run("UNWIND $nks AS nk MATCH (p:Page)-[m:MENTIONS {partial_nk: nk}]->(n:Node) "
                        "RETURN m {.*} AS m, elementId(m) AS id, p.key AS page, "
                        "p.published AS published, p.crawled AS crawled, p.source AS source, "
                        "n.key AS node", nks=nks):
            m = r["m"]
            seen = page_seen(r["published"], r["crawled"])
            stored[m["mid"]] = {**m, "page": r["page"], "node": r["node"], "seen": seen,
                                "id": r["id"],
                                "rank": fact_rank(m.get("role", "reference"), r["source"], seen,
                                                  r["page"])}
            partials[m["number_key"]].append(_mention(m))
        rows_of: dict[str, dict[str, Any]] = dict(stored)
        for nk, items in new_partials.items():
            for m, row in items:
                partials[nk].append(m)
                rows_of[m.mid] = row
        if not partials:
            return {}
        known: dict[str, list[KnownDocument]] = defaultdict(list)
        for r in tx.run("UNWIND $nks AS nk MATCH (d:Document {number_key: nk}) "
                        "WHERE d.decided = true RETURN d {.*} AS d", nks=sorted(partials)):
            d = r["d"]
            known[d["number_key"]].append(KnownDocument(
                d["key"], d.get("date"), d.get("year"), d.get("term"), d.get("locality"),
                d.get("issuer")))
        settled: dict[str, dict[str, str]] = defaultdict(dict)
        citings = sorted({m.citing for ms in partials.values() for m in ms if m.citing})
        if citings:
            for r in tx.run("UNWIND $nks AS nk MATCH ()-[m:MENTIONS {number_key: nk}]->(n:Node) "
                            "WHERE m.decided = true AND m.citing IN $citings "
                            "RETURN nk, m.citing AS citing, n.key AS node ORDER BY m.mid",
                            nks=sorted(partials), citings=citings):
                settled[r["nk"]].setdefault(r["citing"], r["node"])
        decisions = resolve_groups(partials, known, settled)
        moved: dict[str, tuple[str, str]] = {}
        create: list[dict[str, Any]] = []
        reasons: list[dict[str, Any]] = []
        contributions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        sample: dict[str, Mention] = {}
        unresolved: dict[str, tuple[Mention, Decision, dict[str, Any]]] = {}
        for nk in sorted(partials):
            for m in partials[nk]:
                d = decisions[m.mid]
                row = rows_of[m.mid]
                node_of[m.mid] = d.key
                if d.unresolved:
                    unresolved[d.key] = (m, d, row)
                else:   # the document takes in what the mention says (idempotent)
                    contributions[d.key].append(partial_contribution(
                        m, d, row["rank"], row.get("seen"), row.get("title"), row.get("signer")))
                    sample.setdefault(d.key, m)
                if m.mid in stored:
                    if stored[m.mid]["node"] != d.key:
                        moved[m.mid] = (stored[m.mid]["node"], d.key)
                    else:
                        if stored[m.mid].get("reason") != d.reason:
                            reasons.append({"id": stored[m.mid]["id"], "reason": d.reason})
                        continue
                new_row = {k: v for k, v in row.items() if k not in ("node", "id")}
                new_row.update(node=d.key, reason=d.reason, decided=False, partial_nk=nk)
                create.append(new_row)
        self._merge_documents(tx, contributions, sample, provisional=True)
        self._store_unresolved(tx, unresolved)
        # by element id: these mentions were just read in this transaction
        tx.run("UNWIND $rows AS row MATCH ()-[x:MENTIONS]->() WHERE elementId(x) = row.id "
               "SET x.reason = row.reason", rows=reasons).consume()
        if moved:
            tx.run("UNWIND $ids AS id MATCH ()-[m:MENTIONS]->() WHERE elementId(m) = id "
                   "DELETE m", ids=[stored[mid]["id"] for mid in moved]).consume()
        self._create_mentions(tx, create)
        return moved

    def _store_unresolved(self, tx, refs: dict[str, tuple[Mention, Decision, dict]]) -> None:
        """Create or update unresolved-reference nodes and their ranked CANDIDATE links."""
        if not refs:
            return
        rows = []
        for key, (m, d, row) in refs.items():
            rows.append({"key": key, "cands": d.candidates, "props": {k: v for k, v in {
                "label": "UnresolvedReference", "number": m.number, "number_key": m.number_key,
                "serial": number_serial(m.number), "kind": m.kind, "date": m.date,
                "issuer": m.issuer, "locality": m.locality, "province": province_of(m.locality),
                "candidates": d.candidates, "reason": d.reason,
                "first_seen": row.get("seen")}.items() if v is not None}})
        tx.run("UNWIND $rows AS row MERGE (u:Node {key: row.key}) "
               "ON CREATE SET u:UnresolvedReference SET u += row.props "
               "WITH u OPTIONAL MATCH (u)-[c:CANDIDATE]->() DELETE c", rows=rows).consume()
        tx.run("UNWIND $rows AS row MATCH (u:Node {key: row.key}) "
               "UNWIND range(0, size(row.cands) - 1) AS i "
               "MATCH (d:Node {key: row.cands[i]}) CREATE (u)-[:CANDIDATE {rank: i}]->(d)",
               rows=rows).consume()

    def _create_relations(self, tx, rtype: str, rows: list[dict[str, Any]]) -> None:
        assert rtype in RELATION_TYPES
        # Each statement (aid) belongs to one page, whose statements were deleted first
        # in this transaction: CREATE keeps loads idempotent without MERGE's degree scan.
        tx.run(f"UNWIND $rows AS row MATCH (s:Node {{key: row.s}}), (t:Node {{key: row.t}}) "
               f"CREATE (s)-[r:{rtype}]->(t) SET r = row.props",
               rows=rows).consume()

    def _move_relations(self, tx, moved: dict[str, tuple[str, str]]) -> None:
        """Re-attach the relations of mentions that now resolve to another node: found
        from each old node, once per node (moves are rare, degrees may be large)."""
        if not moved:
            return
        new_node = {mid: new for mid, (_, new) in moved.items()}
        by_old: dict[str, list[str]] = defaultdict(list)
        for mid, (old, _) in moved.items():
            by_old[old].append(mid)
        groups = [{"old": old, "mids": sorted(mids)} for old, mids in sorted(by_old.items())]
        rows, ids = defaultdict(list), set()
        for pattern, end in (("(x)-[r]->(o:Node)", "src_mid"), ("(x)<-[r]-(o:Node)", "dst_mid")):
            for r in tx.run(f"UNWIND $groups AS g MATCH (x:Node {{key: g.old}}) MATCH {pattern} "
                            f"WHERE r.{end} IN g.mids AND type(r) IN $types "
                            "RETURN elementId(r) AS id, type(r) AS type, r {.*} AS r, "
                            "startNode(r).key AS s, endNode(r).key AS d",
                            groups=groups, types=list(RELATION_TYPES)):
                if r["id"] in ids:
                    continue
                ids.add(r["id"])
                props = r["r"]
                rows[r["type"]].append({"s": new_node.get(props.get("src_mid"), r["s"]),
                                        "t": new_node.get(props.get("dst_mid"), r["d"]),
                                        "props": props})
        if ids:
            tx.run("UNWIND $ids AS id MATCH ()-[r]->() WHERE elementId(r) = id DELETE r",
                   ids=sorted(ids)).consume()
        for t, group in sorted(rows.items()):
            self._create_relations(tx, t, group)

    def _collect(self, tx, keys: set[str]) -> None:
        """Delete nodes nothing mentions or points at any more."""
        if keys:
            tx.run("UNWIND $keys AS k MATCH (n:Node {key: k}) "
                   "WHERE NOT EXISTS { (n)<-[:MENTIONS]-() } "
                   "AND NOT EXISTS { (n)<-[r]-(:Node) WHERE type(r) <> 'CANDIDATE' } "
                   "DETACH DELETE n", keys=sorted(keys)).consume()

    def _refresh(self, tx, keys: set[str]) -> None:
        """Recompute, from the mentions they still have, the facts of documents some of
        whose mentions went away (`merge_document_facts` over all of them)."""
        if not keys:
            return
        facts = refreshed_facts(
            {**r["m"], "node": r["k"], "provisional": r["provisional"], "page": r["page"],
             "published": r["published"], "crawled": r["crawled"], "source": r["source"]}
            for r in tx.run("UNWIND $keys AS k MATCH (d:Document {key: k})<-[m:MENTIONS]-(p:Page) "
                            "RETURN k, d.provisional AS provisional, m {.*} AS m, p.key AS page, "
                            "p.published AS published, p.crawled AS crawled, p.source AS source",
                            keys=sorted(keys)))
        rows = [{"key": key, "props": {**{f: values.get(f) for f in _MERGED}, "fact_ranks": ranks}}
                for key, (values, ranks) in facts.items()]
        tx.run("UNWIND $rows AS row MATCH (d:Node {key: row.key}) SET d += row.props",
               rows=rows).consume()

    def delete_page(self, url_or_key: str) -> bool:
        with self._session() as s:
            tx = s.begin_transaction()
            try:
                rec = tx.run("MATCH (p:Page) WHERE p.key = $k OR p.url = $k RETURN p.key AS key",
                             k=url_or_key).single()
                if rec is None:
                    tx.rollback()
                    return False
                dirty, touched = self._forget_pages(tx, [rec["key"]])
                tx.run("MATCH (p:Page {key: $k}) DETACH DELETE p", k=rec["key"]).consume()
                self._collect(tx, touched)
                node_of: dict[str, str] = {}
                moved = self._resolve_partials(tx, sorted(dirty), {}, node_of)
                self._move_relations(tx, moved)
                more = {old for old, _ in moved.values()}
                self._collect(tx, touched | more)
                self._refresh(tx, touched | more)
                tx.commit()
                return True
            finally:
                tx.close()

    def page_hash(self, url: str) -> str | None:
        rec = self._read("MATCH (p:Page) WHERE p.key = $k OR p.url = $k "
                         "RETURN p.content_hash AS h LIMIT 1", k=url)
        return rec[0]["h"] if rec else None

    # --- reading ----------------------------------------------------------------------

    def _read(self, query: str, **params: Any) -> list[Any]:
        with self._session() as s:
            return list(s.run(query, **params))

    @staticmethod
    def _node(n) -> dict[str, Any]:
        out = dict(n)
        out.pop("number_key", None) if False else None
        out.setdefault("label", next(iter(set(n.labels) - {"Node"}), "Node"))
        out["provisional"] = bool(out.get("provisional"))
        for f in ("decided", "serial", "number_key", "fact_ranks"):
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
        return {r["n"]["key"]: self._node(r["n"]) for r in self._read(
            "UNWIND $keys AS k MATCH (n:Node {key: k}) RETURN n", keys=keys)}

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

    def walk(self, root, direction, types, max_depth, max_nodes=None):
        """The breadth-first tree in two queries: one variable-length match finds the
        nodes within `max_depth - 1` steps with their shortest depth (Neo4j walks it
        breadth first, pruning what it has seen) and every relation out of them in the
        walk's direction; `breadth_first_tree` chooses the tree's edges among those, as
        for every store; one more query fetches the chosen edges' evidence."""
        types = tuple(types)
        if max_depth < 1 or not types:
            return []
        pattern = _types_pattern(types)
        near, step = (("(f)<-[r:%s]-(x:Node)", "<-[:%s*0..%d]-") if direction == "in"
                      else ("(f)-[r:%s]->(x:Node)", "-[:%s*0..%d]->"))
        # With `max_nodes` the tree holds nodes of the first levels only: the nearest
        # `max_nodes` nodes are all the frontiers it can grow from.
        query = (f"MATCH (root:Node {{key: $root}}) "
                 f"MATCH p = (root){step % (pattern, int(max_depth) - 1)}(f:Node) "
                 "WITH f, min(length(p)) AS depth ORDER BY depth "
                 + ("LIMIT $limit " if max_nodes is not None else "")
                 + f"MATCH {near % pattern} RETURN DISTINCT f.key AS f, x.key AS x, "
                 "type(r) AS type")
        out_of: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for r in self._read(query, root=root, limit=max_nodes):
            edge = (r["x"], r["f"], r["type"]) if direction == "in" else (r["f"], r["x"], r["type"])
            out_of[r["f"]].append(edge)

        def edges_of(frontier):
            # the shape `edges()` gives: sorted by (source, target, type)
            return [{"source": s, "target": t, "type": rt} for s, t, rt in
                    sorted(e for k in frontier for e in out_of.get(k, ()))]

        tree = breadth_first_tree(root, direction, max_depth, max_nodes, edges_of)
        evidence: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in self._read(
                "UNWIND $edges AS e MATCH (s:Node {key: e.s})-[r]->(t:Node {key: e.t}) "
                "WHERE type(r) = e.type RETURN e.s AS s, e.t AS t, e.type AS type, "
                "r.sentence AS sentence, r.page AS page, r.start AS start, r.end AS end, "
                "r.cue AS cue ORDER BY r.aid",
                edges=[{"s": e["source"], "t": e["target"], "type": e["type"]}
                       for _, e in tree]):
            evidence[(r["s"], r["t"], r["type"])].append(statement_evidence(r))
        for _, e in tree:
            e["evidence"] = evidence[(e["source"], e["target"], e["type"])]
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
        return {r["k"]: r["u"] for r in self._read(
            "UNWIND $keys AS k MATCH (p:Page)-[:MENTIONS]->(:Node {key: k}) "
            "WITH k, coalesce(p.url, p.key) AS u ORDER BY u "
            "RETURN k, collect(DISTINCT u)[..$limit] AS u", keys=list(keys), limit=limit)}

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
            "AND ($province IS NULL OR d.province = $province) "
            "OPTIONAL MATCH (d)<-[r]-(s:Node) WHERE type(r) <> 'CANDIDATE' "
            "RETURN d, count(DISTINCT s) AS cited ORDER BY cited DESC, d.key",
            nk=number_key, serial=serial_key(serial) if serial else None, kind=kind,
            year=int(year) if year else None, province=province)
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


def _mention(m: dict[str, Any]) -> Mention:
    return Mention(mid=m["mid"], number=m["number"], kind=m.get("kind"), date=m.get("date"),
                   issuer=m.get("issuer"), page_province=m.get("page_province"),
                   context_date=m.get("context_date"), citing=m.get("citing"),
                   role=m.get("role", "reference"))

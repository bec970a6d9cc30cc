"""Writing to the Neo4j store (`graph/neo4j_store.py`): a batch of pages' facts as a
few `UNWIND` statements in one transaction, parameters only (relationship types from the
fixed list `RELATION_TYPES`, never from input). The batch's keys are looked up once,
then what is new is `CREATE`d (no per-row `MERGE` scans) and what exists is updated
with facts merged in Python (`merge_document_facts`); new rows go as lists by position
(`property_graph.positional`). Every look-up by key says `USING INDEX SEEK`: right
after a bulk load the index's statistics still say it is empty, and the planner then
scanned the whole index once per key (PROFILE, 5,000 pages reloaded: 25M db hits where
the seek makes 10,000; `USING INDEX` alone kept the scan). What a batch means for the
graph is planned store-independently (`graph/plan.py`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.facts import (DOC_FACT_FIELDS, WORST_RANK, PageFacts, fact_rank,
                         merge_document_facts, page_seen)
from graph.identity import Mention
from graph.neo4j_partials import Neo4jPartials
from graph.plan import aggregate_laws, decide_mentions, number_serial, province_of, refreshed_facts
from graph.property_graph import (DOCUMENT_COLUMNS, MENTION_COLUMNS, PAGE_COLUMNS,
                                  STATEMENT_COLUMNS, positional, properties_at)
from graph.relation_types import RELATION_TYPES

_MERGED = (*DOC_FACT_FIELDS, "year", "first_seen")     # what merge_document_facts sets


def _doc_row(key: str, m: Mention, values: dict[str, Any], provisional: bool
             ) -> dict[str, Any]:
    """Properties of a new document node: identity from a mention, facts merged."""
    return {"key": key, "label": "Document", "number_key": m.number_key,
            "serial": number_serial(m.number), "term": m.term, "locality": m.locality,
            "province": province_of(m.locality), **{f: values.get(f) for f in _MERGED},
            "provisional": provisional, "decided": not provisional}


class Neo4jWriting(Neo4jPartials):
    """The writing half of `Neo4jStore` (uses its `_session`)."""

    def _upsert_facts(self, pages: list[PageFacts]) -> None:
        with self._session() as s:
            tx = s.begin_transaction()
            try:
                self._write(tx, pages)
                tx.commit()
            except BaseException:
                if not tx.closed():   # a failed commit has closed it: keep its error
                    tx.rollback()
                raise
            finally:
                tx.close()

    def _forget_pages(self, tx, keys: list[str]) -> tuple[set[str], set[str], set[str]]:
        """Delete what the pages asserted; (dirty number keys, touched node keys, the
        touched documents whose facts may have come from these pages: `_refresh`'s)."""
        dirty, touched, stale = set(), set(), set()
        if not keys:
            return dirty, touched, stale
        for r in tx.run("UNWIND $keys AS k MATCH (p:Page {key: k}) USING INDEX SEEK p:Page(key) "
                        "MATCH (p)-[m:MENTIONS]->(n:Node) "
                        "RETURN k, m.number_key AS nk, n.key AS node, n.fact_ranks AS ranks, "
                        "[f IN $fields | n[f]] AS facts, n.first_seen AS first_seen, "
                        "p.published AS published, p.crawled AS crawled",
                        keys=keys, fields=list(DOC_FACT_FIELDS)):
            if r["nk"]:
                dirty.add(r["nk"])
            touched.add(r["node"])
            if _facts_may_come_from(r["k"], page_seen(r["published"], r["crawled"]),
                                    r["ranks"], r["facts"], r["first_seen"]):
                stale.add(r["node"])
        # a page's statements start at nodes it mentions: walk their (small) out-degree
        tx.run("UNWIND $keys AS k MATCH (p:Page {key: k}) USING INDEX SEEK p:Page(key) "
               "MATCH (p)-[:MENTIONS]->(s:Node) "
               "WITH DISTINCT k, s MATCH (s)-[r]->() WHERE r.page = k DELETE r",
               keys=keys).consume()
        tx.run("UNWIND $keys AS k MATCH (p:Page {key: k}) USING INDEX SEEK p:Page(key) "
               "MATCH (p)-[m:MENTIONS]->() DELETE m", keys=keys).consume()
        return dirty, touched, stale

    def _write(self, tx, pages: list[PageFacts]) -> None:
        """Replace the pages' facts, set-wise: one UNWIND statement per kind of row."""
        keys = [p.key for p in pages]
        stored = [r["k"] for r in tx.run(
            "UNWIND $keys AS k MATCH (p:Page {key: k}) USING INDEX SEEK p:Page(key) "
            "RETURN k", keys=keys)]
        dirty, touched, stale = self._forget_pages(tx, stored)
        known = set(stored)
        rows = [{"key": p.key, "url": p.url, "path": p.path, "province": p.province,
                 "portal": p.portal, "published": p.published, "crawled": p.crawled,
                 "content_hash": p.content_hash, "page_title": p.page_title,
                 "source": p.source} for p in pages]
        again = [{k: v for k, v in r.items() if v is not None} for r in rows if r["key"] in known]
        if again:
            tx.run("UNWIND $rows AS row MATCH (p:Page {key: row.key}) "
                   "USING INDEX SEEK p:Page(key) SET p = row",
                   rows=again).consume()
        fresh = [positional(r, PAGE_COLUMNS) for r in rows if r["key"] not in known]
        if fresh:   # new: no MERGE needed
            tx.run(f"UNWIND $rows AS row CREATE (:Page {properties_at(PAGE_COLUMNS, 0)})",
                   rows=fresh).consume()

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
                rel_rows[a.type].append({"s": src, "t": dst, "props": {
                    "aid": a.aid, "page": p.key, "src_mid": a.src_mid, "dst_mid": a.dst_mid,
                    "sentence": a.sentence, "start": a.start, "end": a.end, "cue": a.cue}})
        for t, rows in rel_rows.items():
            self._create_relations(tx, t, rows)
        self._move_relations(tx, moved)
        self._collect(tx, touched | {old for old, _ in moved.values()})
        self._refresh(tx, stale | {old for old, _ in moved.values()})

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
               "USING INDEX SEEK p:Page(key) USING INDEX SEEK l:Node(key) "
               "CREATE (p)-[:MENTIONS {mid: row.mid, role: 'law'}]->(l)", rows=links).consume()

    def _merge_documents(self, tx, contributions: dict[str, list[dict[str, Any]]],
                         sample: dict[str, Mention], provisional: bool) -> list[str]:
        """Create or complete document nodes from their mentions' contributions
        (`merge_document_facts`, computed here); returns the keys created."""
        if not contributions:
            return []
        stored = {r["k"]: r["d"] for r in tx.run(
            "UNWIND $keys AS k MATCH (d:Node {key: k}) USING INDEX SEEK d:Node(key) "
            "RETURN k, d {.*} AS d",
            keys=list(contributions))}
        creates, updates = [], []
        for key, contribs in contributions.items():
            old = stored.get(key)
            if old is None:
                values, ranks = merge_document_facts(None, None, contribs)
                row = _doc_row(key, sample[key], values, provisional)
                row["fact_ranks"] = ranks
                creates.append(positional(row, DOCUMENT_COLUMNS))
                continue
            before = {f: old.get(f) for f in _MERGED}
            values, ranks = merge_document_facts(before, old.get("fact_ranks"), contribs)
            if values != before or ranks != old.get("fact_ranks"):
                updates.append({"key": key, "props": {**{f: values.get(f) for f in _MERGED},
                                                      "fact_ranks": ranks}})
        # CREATE, not MERGE: these keys were just looked up and are not there
        if creates:
            tx.run("UNWIND $rows AS row "
                   f"CREATE (:Node:Document {properties_at(DOCUMENT_COLUMNS, 0)})",
                   rows=creates).consume()
        if updates:
            tx.run("UNWIND $rows AS row MATCH (d:Node {key: row.key}) "
                   "USING INDEX SEEK d:Node(key) SET d += row.props",
                   rows=updates).consume()
        return [r[0] for r in creates]

    def _create_mentions(self, tx, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        # CREATE, not MERGE: the page's previous mentions were deleted in this transaction
        # (MERGE would scan the thousands of MENTIONS of a much-cited document). Grouped
        # by page: one look-up of each page, its key sent once (PROFILE at 2,000 pages:
        # 136,640 db hits, 166,080 row by row).
        by_page: dict[str, list[list[Any]]] = defaultdict(list)
        for r in rows:
            by_page[r["page"]].append(positional(r, MENTION_COLUMNS, (r["node"],)))
        tx.run("UNWIND $pages AS pg MATCH (p:Page {key: pg[0]}) USING INDEX SEEK p:Page(key) "
               "UNWIND pg[1] AS row "
               "MATCH (n:Node {key: row[0]}) USING INDEX SEEK n:Node(key) "
               f"CREATE (p)-[:MENTIONS {properties_at(MENTION_COLUMNS, 1)}]->(n)",
               pages=[[k, ms] for k, ms in by_page.items()]).consume()

    def _create_relations(self, tx, rtype: str, rows: list[dict[str, Any]]) -> None:
        assert rtype in RELATION_TYPES
        # Each statement (aid) belongs to one page, whose statements were deleted first
        # in this transaction: CREATE keeps loads idempotent without MERGE's degree scan.
        # grouped by source node: one look-up of each (a page's subject states most)
        by_source: dict[str, list[list[Any]]] = defaultdict(list)
        for r in rows:
            by_source[r["s"]].append(positional(r["props"], STATEMENT_COLUMNS, (r["t"],)))
        tx.run("UNWIND $groups AS g MATCH (s:Node {key: g[0]}) USING INDEX SEEK s:Node(key) "
               "UNWIND g[1] AS row "
               f"MATCH (t:Node {{key: row[0]}}) USING INDEX SEEK t:Node(key) "
               f"CREATE (s)-[:{rtype} {properties_at(STATEMENT_COLUMNS, 1)}]->(t)",
               groups=[[k, rs] for k, rs in by_source.items()]).consume()

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
            for r in tx.run("UNWIND $groups AS g MATCH (x:Node {key: g.old}) "
                            f"USING INDEX SEEK x:Node(key) MATCH {pattern} "
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
            tx.run("UNWIND $keys AS k MATCH (n:Node {key: k}) USING INDEX SEEK n:Node(key) "
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
            for r in tx.run("UNWIND $keys AS k MATCH (d:Node {key: k}) "
                            "USING INDEX SEEK d:Node(key) "
                            "WHERE d:Document "   # the key's index is on :Node
                            "MATCH (d)<-[m:MENTIONS]-(p:Page) "
                            "RETURN k, d.provisional AS provisional, m {.*} AS m, p.key AS page, "
                            "p.published AS published, p.crawled AS crawled, p.source AS source",
                            keys=sorted(keys)))
        rows = [{"key": key, "props": {**{f: values.get(f) for f in _MERGED}, "fact_ranks": ranks}}
                for key, (values, ranks) in facts.items()]
        tx.run("UNWIND $rows AS row MATCH (d:Node {key: row.key}) USING INDEX SEEK d:Node(key) "
               "SET d += row.props",
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
                dirty, touched, stale = self._forget_pages(tx, [rec["key"]])
                tx.run("MATCH (p:Page {key: $k}) USING INDEX SEEK p:Page(key) "
                       "DETACH DELETE p", k=rec["key"]).consume()
                self._collect(tx, touched)
                node_of: dict[str, str] = {}
                moved = self._resolve_partials(tx, sorted(dirty), {}, node_of)
                self._move_relations(tx, moved)
                more = {old for old, _ in moved.values()}
                self._collect(tx, touched | more)
                self._refresh(tx, stale | more)
                tx.commit()
                return True
            finally:
                tx.close()


def _facts_may_come_from(page: str, seen: str | None, ranks: list[str] | None,
                         facts: list[Any], first_seen: str | None) -> bool:
    """Whether a node's facts may hold what `page` said: a fact (`DOC_FACT_FIELDS`'
    values) whose rank names the page or is of unknown origin, or a first day seen no
    earlier than the page's. Only those documents are recomputed when the page's
    mentions go; the others' facts are the best of mentions that stay (reloading a page
    re-reads its own documents, not every mention of the much-cited ones it cites)."""
    if ranks is None or len(ranks) != len(DOC_FACT_FIELDS):   # not a document, or older
        return True
    if any(value is not None and (rank == WORST_RANK or rank.split("|", 2)[-1] == page)
           for rank, value in zip(ranks, facts)):
        return True
    return seen is not None and first_seen is not None and seen <= first_seen

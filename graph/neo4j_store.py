"""The Neo4j store: the same facts and identity rules as the SQLite store, over Bolt.

Model: `(:Page {key, url, ...})-[:MENTIONS {mid, role, number, number_key, ...}]->(:Node)`
where a node is `:Node:Document`, `:Node:Law` or `:Node:UnresolvedReference` (all
unique on `key`); typed relations `(:Node)-[:IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|
REPEALS|CITES {aid, page, sentence, start, end, cue, src_mid, dst_mid}]->(:Node)`, one
relationship per page statement (its evidence); `(:UnresolvedReference)-[:CANDIDATE
{rank}]->(:Document)`.

Constraints and indexes are created on first use. Writes are batched `UNWIND ...
MERGE` in one transaction per batch, with parameters only (relationship types come
from the fixed list `RELATION_TYPES`, never from input). Loading the same input twice
changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from extract.normalize import issuers_match, split_number

from graph.facts import RELATION_TYPES, PageFacts
from graph.identity import Decision, KnownDocument, Mention, decided_key, resolve_groups
from graph.store import Store


class Neo4jUnavailable(RuntimeError):
    """Neo4j cannot be reached or refuses the credentials (message says which and how)."""


SCHEMA = [
    "CREATE CONSTRAINT node_key IF NOT EXISTS FOR (n:Node) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT page_key IF NOT EXISTS FOR (p:Page) REQUIRE p.key IS UNIQUE",
    "CREATE INDEX document_number IF NOT EXISTS FOR (d:Document) ON (d.number_key)",
    "CREATE INDEX document_serial IF NOT EXISTS FOR (d:Document) ON (d.serial)",
    "CREATE INDEX page_url IF NOT EXISTS FOR (p:Page) ON (p.url)",
    "CREATE INDEX mentions_number IF NOT EXISTS FOR ()-[m:MENTIONS]-() ON (m.number_key)",
    "CREATE INDEX mentions_mid IF NOT EXISTS FOR ()-[m:MENTIONS]-() ON (m.mid)",
] + [
    f"CREATE INDEX rel_{t.lower()}_{prop} IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.{prop})"
    for t in RELATION_TYPES for prop in ("page", "src_mid", "dst_mid", "aid")
]

_DOC_PROPS = ("number", "number_key", "serial", "kind", "date", "year", "term", "issuer",
              "locality", "province", "title", "signer", "first_seen", "reason")


def _province(locality: str | None) -> str | None:
    if not locality:
        return None
    head = locality.split("/", 1)[0]
    return None if head == "?" else head


def _doc_row(key: str, m: Mention, title, signer, seen, reason, provisional) -> dict[str, Any]:
    serial, _, _ = split_number(m.number)
    return {"key": key, "number": m.number, "number_key": m.number_key,
            "serial": serial.lstrip("0") or "0", "kind": m.kind, "date": m.date,
            "year": m.year, "term": m.term, "issuer": m.issuer, "locality": m.locality,
            "province": _province(m.locality), "title": title, "signer": signer,
            "first_seen": seen, "reason": reason, "provisional": provisional,
            "decided": not provisional}


class Neo4jStore(Store):
    """A lineage graph in Neo4j (see the module docstring)."""

    batch_size = 200

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
            for stmt in SCHEMA:
                s.run(stmt).consume()
            s.run("CALL db.awaitIndexes(60)").consume()

    def _session(self):
        return self._driver.session(database=self.database) if self.database \
            else self._driver.session()

    def close(self) -> None:
        self._driver.close()

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
        for r in tx.run("UNWIND $keys AS k MATCH (:Page {key: k})-[m:MENTIONS]->(n:Node) "
                        "RETURN m.number_key AS nk, n.key AS node", keys=keys):
            if r["nk"]:
                dirty.add(r["nk"])
            touched.add(r["node"])
        tx.run("UNWIND $keys AS k MATCH (:Page {key: k})-[m:MENTIONS]->() DELETE m",
               keys=keys).consume()
        for t in RELATION_TYPES:
            tx.run(f"UNWIND $keys AS k MATCH ()-[r:{t} {{page: k}}]->() DELETE r",
                   keys=keys).consume()
        return dirty, touched

    def _write(self, tx, pages: list[PageFacts]) -> None:
        keys = [p.key for p in pages]
        dirty, touched = self._forget_pages(tx, keys)
        tx.run("UNWIND $rows AS row MERGE (p:Page {key: row.key}) SET p = row",
               rows=[{k: v for k, v in {
                   "key": p.key, "url": p.url, "path": p.path, "province": p.province,
                   "portal": p.portal, "published": p.published, "crawled": p.crawled,
                   "content_hash": p.content_hash, "page_title": p.page_title,
                   "source": p.source}.items() if v is not None} for p in pages]).consume()
        self._collect(tx, touched)

        # decided mentions: their documents follow from the mention alone
        doc_rows: dict[str, dict[str, Any]] = {}
        subject_rows: list[dict[str, Any]] = []
        mention_rows: list[dict[str, Any]] = []
        node_of: dict[str, str] = {}
        new_partials: dict[str, list[tuple[Mention, dict[str, Any]]]] = defaultdict(list)
        for p in pages:
            seen = p.published or (p.crawled or "")[:10] or None
            for mf in p.mentions:
                m = mf.mention
                row = {"page": p.key, "mid": m.mid, "role": mf.role, "number": m.number,
                       "number_key": m.number_key, "kind": m.kind, "date": m.date,
                       "issuer": m.issuer, "page_province": m.page_province,
                       "context_date": m.context_date, "citing": m.citing, "title": mf.title,
                       "signer": mf.signer, "start": mf.start, "end": mf.end, "seen": seen}
                decided = decided_key(m)
                if decided:
                    key, reason = decided
                    d = _doc_row(key, m, mf.title, mf.signer, seen, reason, False)
                    (subject_rows if mf.role == "subject" else []).append(d)
                    doc_rows.setdefault(key, d)
                    row.update(decided=True, node=key, reason=reason)
                    node_of[m.mid] = key
                    mention_rows.append(row)
                else:
                    row.update(decided=False)
                    new_partials[m.number_key].append((m, row))
                    dirty.add(m.number_key)
        existing = {r["k"] for r in tx.run(
            "UNWIND $keys AS k MATCH (n:Node {key: k}) RETURN k", keys=list(doc_rows))}
        dirty.update(d["number_key"] for k, d in doc_rows.items() if k not in existing)
        self._merge_documents(tx, list(doc_rows.values()), subject_rows)
        self._create_mentions(tx, mention_rows)

        # partial mentions of every touched number, old and new, decided together
        moved = self._resolve_partials(tx, sorted(dirty), new_partials, node_of)

        # laws and relations
        law_rows, rel_rows = [], defaultdict(list)
        for p in pages:
            for lk, law in p.laws.items():
                law_rows.append({"page": p.key, "key": lk, "name": law["name"],
                                 "year": law["year"]})
            for a in p.assertions:
                src = node_of.get(a.src_mid)
                dst = a.dst_law or node_of.get(a.dst_mid)
                if src is None or dst is None:
                    continue
                rel_rows[a.type].append({"s": src, "t": dst, "props": {k: v for k, v in {
                    "aid": a.aid, "page": p.key, "src_mid": a.src_mid, "dst_mid": a.dst_mid,
                    "sentence": a.sentence, "start": a.start, "end": a.end, "cue": a.cue
                }.items() if v is not None}})
        tx.run("UNWIND $rows AS row MERGE (l:Node:Law {key: row.key}) "
               "ON CREATE SET l.label = 'Law', l.name = row.name "
               "SET l.year = coalesce(l.year, row.year) "
               "WITH l, row MATCH (p:Page {key: row.page}) "
               "MERGE (p)-[:MENTIONS {mid: 'law:' + row.page + ':' + row.key, role: 'law'}]->(l)",
               rows=law_rows).consume()
        for t, rows in rel_rows.items():
            self._merge_relations(tx, t, rows)
        self._move_relations(tx, moved)
        self._collect(tx, touched | {old for old, _ in moved.values()})
        self._refresh(tx, touched | {old for old, _ in moved.values()})

    def _merge_documents(self, tx, rows: list[dict[str, Any]], subject_rows) -> None:
        tx.run("UNWIND $rows AS row MERGE (d:Node {key: row.key}) "
               "ON CREATE SET d:Document, d.label = 'Document', d += row "
               "ON MATCH SET d.kind = coalesce(d.kind, row.kind), d.date = coalesce(d.date, row.date),"
               " d.issuer = coalesce(d.issuer, row.issuer), d.year = coalesce(d.year, row.year),"
               " d.first_seen = CASE WHEN d.first_seen IS NULL OR row.first_seen < d.first_seen"
               " THEN row.first_seen ELSE d.first_seen END",
               rows=[{k: v for k, v in r.items() if v is not None} for r in rows]).consume()
        if subject_rows:
            tx.run("UNWIND $rows AS row MATCH (d:Node {key: row.key}) "
                   "SET d.number = row.number, d.kind = coalesce(row.kind, d.kind),"
                   " d.date = coalesce(row.date, d.date), d.issuer = coalesce(row.issuer, d.issuer),"
                   " d.title = coalesce(row.title, d.title), d.signer = coalesce(row.signer, d.signer)",
                   rows=subject_rows).consume()

    def _create_mentions(self, tx, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        # CREATE, not MERGE: the page's previous mentions were deleted in this transaction
        # (MERGE would scan the thousands of MENTIONS of a much-cited document)
        tx.run("UNWIND $rows AS row MATCH (p:Page {key: row.page}), (n:Node {key: row.node}) "
               "CREATE (p)-[m:MENTIONS]->(n) SET m = row.props, m.mid = row.mid",
               rows=[{"page": r["page"], "node": r["node"], "mid": r["mid"],
                      "props": {k: v for k, v in r.items()
                                if v is not None and k not in ("page", "node", "seen")}}
                     for r in rows]).consume()

    def _resolve_partials(self, tx, nks: list[str], new_partials, node_of: dict[str, str]
                          ) -> dict[str, tuple[str, str]]:
        """Decide the partial mentions of `nks`; returns mid -> (old node, new node) for
        stored mentions that moved. New partial mentions are created here."""
        if not nks:
            return {}
        partials: dict[str, list[Mention]] = defaultdict(list)
        stored: dict[str, dict[str, Any]] = {}
        for r in tx.run("UNWIND $nks AS nk MATCH (p:Page)-[m:MENTIONS {number_key: nk}]->(n:Node) "
                        "WHERE m.decided = false RETURN m, p.key AS page, p.published AS "
                        "published, n.key AS node", nks=nks):
            m = dict(r["m"])
            stored[m["mid"]] = {**m, "page": r["page"], "node": r["node"],
                                "seen": r["published"]}
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
                        "WHERE d.decided = true RETURN d", nks=sorted(partials)):
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
        for nk in sorted(partials):
            for m in partials[nk]:
                d = decisions[m.mid]
                row = rows_of[m.mid]
                self._node_for(tx, d, m, row)
                node_of[m.mid] = d.key
                if m.mid in stored:
                    if stored[m.mid]["node"] != d.key:
                        moved[m.mid] = (stored[m.mid]["node"], d.key)
                    else:
                        tx.run("MATCH ()-[x:MENTIONS {mid: $mid}]->() SET x.reason = $reason",
                               mid=m.mid, reason=d.reason).consume()
                        continue
                new_row = {k: v for k, v in row.items() if k not in ("node",)}
                new_row.update(node=d.key, reason=d.reason, decided=False)
                create.append(new_row)
        if moved:
            tx.run("UNWIND $mids AS mid MATCH ()-[m:MENTIONS {mid: mid}]->() DELETE m",
                   mids=list(moved)).consume()
        self._create_mentions(tx, create)
        return moved

    def _node_for(self, tx, d: Decision, m: Mention, row: dict[str, Any]) -> None:
        if d.unresolved:
            serial, _, _ = split_number(m.number)
            props = {k: v for k, v in {
                "label": "UnresolvedReference", "number": m.number, "number_key": m.number_key,
                "serial": serial.lstrip("0") or "0", "kind": m.kind, "date": m.date,
                "issuer": m.issuer, "locality": m.locality, "province": _province(m.locality),
                "candidates": d.candidates, "reason": d.reason,
                "first_seen": row.get("seen")}.items() if v is not None}
            tx.run("MERGE (u:Node {key: $key}) ON CREATE SET u:UnresolvedReference "
                   "SET u += $props WITH u OPTIONAL MATCH (u)-[c:CANDIDATE]->() DELETE c",
                   key=d.key, props=props).consume()
            tx.run("MATCH (u:Node {key: $key}) UNWIND range(0, size($cands) - 1) AS i "
                   "MATCH (d:Node {key: $cands[i]}) MERGE (u)-[:CANDIDATE {rank: i}]->(d)",
                   key=d.key, cands=d.candidates).consume()
        elif d.provisional:
            doc = _doc_row(d.key, m, row.get("title"), row.get("signer"), row.get("seen"),
                           d.reason, True)
            self._merge_documents(tx, [doc], [doc] if m.role == "subject" else [])

    def _merge_relations(self, tx, rtype: str, rows: list[dict[str, Any]]) -> None:
        assert rtype in RELATION_TYPES
        # Each statement (aid) belongs to one page, whose statements were deleted first
        # in this transaction: CREATE keeps loads idempotent without MERGE's degree scan.
        tx.run(f"UNWIND $rows AS row MATCH (s:Node {{key: row.s}}), (t:Node {{key: row.t}}) "
               f"CREATE (s)-[r:{rtype}]->(t) SET r = row.props",
               rows=rows).consume()

    def _move_relations(self, tx, moved: dict[str, tuple[str, str]]) -> None:
        """Re-attach the relations of mentions that now resolve to another node."""
        if not moved:
            return
        new_node = {mid: new for mid, (_, new) in moved.items()}
        mids = list(moved)
        for t in RELATION_TYPES:
            rows = []
            for r in tx.run(f"UNWIND $mids AS mid MATCH (s)-[r:{t}]->(d) "
                            "WHERE r.src_mid = mid OR r.dst_mid = mid "
                            "RETURN DISTINCT r, s.key AS s, d.key AS d", mids=mids):
                props = dict(r["r"])
                rows.append({"s": new_node.get(props.get("src_mid"), r["s"]),
                             "t": new_node.get(props.get("dst_mid"), r["d"]), "props": props})
            if rows:
                tx.run(f"UNWIND $aids AS aid MATCH ()-[r:{t} {{aid: aid}}]->() DELETE r",
                       aids=[x["props"]["aid"] for x in rows]).consume()
                self._merge_relations(tx, t, rows)

    def _collect(self, tx, keys: set[str]) -> None:
        """Delete nodes nothing mentions or points at any more."""
        if keys:
            tx.run("UNWIND $keys AS k MATCH (n:Node {key: k}) "
                   "WHERE NOT EXISTS { (n)<-[:MENTIONS]-() } "
                   "AND NOT EXISTS { (n)<-[r]-(:Node) WHERE type(r) <> 'CANDIDATE' } "
                   "DETACH DELETE n", keys=sorted(keys)).consume()

    def _refresh(self, tx, keys: set[str]) -> None:
        """Recompute a document's facts from the mentions it still has."""
        if not keys:
            return
        tx.run("UNWIND $keys AS k MATCH (d:Document {key: k})<-[m:MENTIONS]-(p:Page) "
               "WITH d, m, p ORDER BY m.role = 'subject' DESC, m.mid "
               "WITH d, collect(m) AS ms, min(p.published) AS seen "
               "SET d.number = coalesce(head([x IN ms WHERE x.role = 'subject' | x.number]),"
               " d.number),"
               " d.kind = head([x IN ms WHERE x.kind IS NOT NULL | x.kind]),"
               " d.date = head([x IN ms WHERE x.date IS NOT NULL | x.date]),"
               " d.issuer = head([x IN ms WHERE x.issuer IS NOT NULL | x.issuer]),"
               " d.title = head([x IN ms WHERE x.title IS NOT NULL | x.title]),"
               " d.signer = head([x IN ms WHERE x.signer IS NOT NULL | x.signer]),"
               " d.first_seen = coalesce(seen, d.first_seen)", keys=sorted(keys)).consume()

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
        for f in ("decided", "serial", "number_key"):
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
                              s=serial.lstrip("0") or "0", kind=kind)
        else:
            return []
        return [self._node(r["d"]) for r in rows]

    def documents(self, keys):
        keys = list(dict.fromkeys(keys))
        return {r["n"]["key"]: self._node(r["n"]) for r in self._read(
            "UNWIND $keys AS k MATCH (n:Node {key: k}) RETURN n", keys=keys)}

    def edges(self, keys, direction, types):
        pattern = "(x)<-[r]-(o:Node)" if direction == "in" else "(x)-[r]->(o:Node)"
        grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for r in self._read(
                f"UNWIND $keys AS k MATCH (x:Node {{key: k}}) MATCH {pattern} "
                "WHERE type(r) IN $types RETURN x.key AS x, o.key AS o, type(r) AS type, "
                "r.sentence AS sentence, r.page AS page, r.start AS start, r.end AS end, "
                "r.cue AS cue, r.aid AS aid ORDER BY aid",
                keys=list(dict.fromkeys(keys)), types=list(types)):
            s, t = (r["o"], r["x"]) if direction == "in" else (r["x"], r["o"])
            grouped.setdefault((s, t, r["type"]), []).append(
                {"sentence": r["sentence"], "page": r["page"], "start": r["start"],
                 "end": r["end"], "cue": r["cue"]})
        return [{"source": s, "target": t, "type": ty, "evidence": ev}
                for (s, t, ty), ev in sorted(grouped.items())]

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
            "MATCH (u:UnresolvedReference)-[:CANDIDATE]->(d:Document) WHERE d.key IN $keys "
            "RETURN DISTINCT u ORDER BY u.key", keys=list(keys))]

    def search(self, *, number_key=None, serial=None, kind=None, issuer=None, year=None,
               province=None, limit=50):
        rows = self._read(
            "MATCH (d:Document) WHERE ($nk IS NULL OR d.number_key = $nk) "
            "AND ($serial IS NULL OR d.serial = $serial) AND ($kind IS NULL OR d.kind = $kind) "
            "AND ($year IS NULL OR d.year = $year) "
            "AND ($province IS NULL OR d.province = $province) "
            "OPTIONAL MATCH (d)<-[r]-(s:Node) WHERE type(r) <> 'CANDIDATE' "
            "RETURN d, count(DISTINCT s) AS cited ORDER BY cited DESC, d.key",
            nk=number_key, serial=(serial.lstrip("0") or "0") if serial else None, kind=kind,
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
            current, evidence = None, []
            for r in s.run("MATCH (a:Node)-[r]->(b:Node) WHERE type(r) <> 'CANDIDATE' "
                           "RETURN a.key AS s, b.key AS t, type(r) AS type, r.sentence AS sentence,"
                           " r.page AS page, r.start AS start, r.end AS end, r.cue AS cue "
                           "ORDER BY s, t, type, r.aid"):
                k = (r["s"], r["t"], r["type"])
                if k != current:
                    if current:
                        yield {"source": current[0], "target": current[1], "type": current[2],
                               "evidence": evidence}
                    current, evidence = k, []
                evidence.append({"sentence": r["sentence"], "page": r["page"],
                                 "start": r["start"], "end": r["end"], "cue": r["cue"]})
            if current:
                yield {"source": current[0], "target": current[1], "type": current[2],
                       "evidence": evidence}

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


def _mention(m: dict[str, Any]) -> Mention:
    return Mention(mid=m["mid"], number=m["number"], kind=m.get("kind"), date=m.get("date"),
                   issuer=m.get("issuer"), page_province=m.get("page_province"),
                   context_date=m.get("context_date"), citing=m.get("citing"),
                   role=m.get("role", "reference"))

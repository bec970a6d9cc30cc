"""Deciding partial mentions in the Neo4j store (a number cited without its year or issuer,
`graph/identity.resolve_groups`): the mixin `Neo4jWriting` takes it from. A batch's new
partial mentions are decided together with the stored ones of the same numbers, so a
document that arrives later can take over a mention an earlier page left unresolved."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph.facts import fact_rank, page_seen
from graph.identity import Decision, KnownDocument, Mention, resolve_groups
from graph.plan import number_serial, partial_contribution, province_of


class Neo4jPartials:
    """Partial mentions and unresolved references (uses the writer's `_merge_documents`
    and `_create_mentions`)."""

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
        tx.run("UNWIND $rows AS row MATCH (u:Node {key: row.key}) USING INDEX SEEK u:Node(key) "
               "UNWIND range(0, size(row.cands) - 1) AS i "
               "MATCH (d:Node {key: row.cands[i]}) USING INDEX SEEK d:Node(key) "
               "CREATE (u)-[:CANDIDATE {rank: i}]->(d)",
               rows=rows).consume()


def _mention(m: dict[str, Any]) -> Mention:
    return Mention(mid=m["mid"], number=m["number"], kind=m.get("kind"), date=m.get("date"),
                   issuer=m.get("issuer"), page_province=m.get("page_province"),
                   context_date=m.get("context_date"), citing=m.get("citing"),
                   role=m.get("role", "reference"))

"""Writing to the SQLite store (`graph/sqlite_store.py`): a batch of pages' facts as a
few set-wise statements in one transaction; what a batch means for the graph is planned
store-independently (`graph/plan.py`)."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from typing import Any

from graph import search
from graph.facts import DOC_FACT_FIELDS, PageFacts, fact_rank, merge_document_facts, page_seen
from graph.identity import Decision, KnownDocument, Mention, resolve_groups
from graph.plan import (aggregate_laws, decide_mentions, earliest, number_serial,
                        partial_contribution, province_of, refreshed_facts)
from graph.provinces import MERGER_DATE
from graph.sqlite_read import chunks, marks

MERGER_YEAR = int(MERGER_DATE[:4])   # documents from then on may be in doubt (queries.doubts)
# document node id -> (fact rank, day seen) of each mention it lost (`_refresh_documents`)
Lost = dict[int, list[tuple[str, "str | None"]]]

_MERGED = (*DOC_FACT_FIELDS, "year", "first_seen")     # what merge_document_facts sets
_UPDATE_FACTS = ("UPDATE nodes SET " + ", ".join(f"{f}=?" for f in _MERGED)
                 + ", fact_ranks=? WHERE id=?")


class SQLiteWriting:
    """The writing half of `SQLiteStore` (uses its `_conn`)."""

    def _upsert_facts(self, pages: list[PageFacts]) -> set[str]:
        c = self._conn
        self._recent: set[str] = set()    # filled by _merge_documents, _refresh_documents
        c.execute("BEGIN IMMEDIATE")
        try:
            self._write(pages)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return self._recent

    def _write(self, pages: list[PageFacts]) -> None:
        """Replace the pages' facts, set-wise: a few statements per batch, not per row."""
        c = self._conn
        touched: set[int] = set()          # nodes that may have lost mentions or laws pages
        lost: Lost = defaultdict(list)     # documents that lost mentions: what each said
        dirty: set[str] = set()            # number keys whose partial mentions to redo
        page_id = self._store_pages(pages, touched, lost, dirty)

        # decided mentions: the mention alone names its document
        plan = decide_mentions(pages)
        dirty |= plan.dirty
        created = self._merge_documents(plan.contributions, plan.sample, provisional=False)
        dirty |= plan.numbers_of(created)
        node_id = self._ids("nodes", list(plan.contributions))
        node_of: dict[str, int | None] = {mid: node_id[k] for mid, (k, _) in plan.decided.items()}
        reason_of = {mid: reason for mid, (_, reason) in plan.decided.items()}
        c.executemany(
            'INSERT INTO mentions(mid, page_id, role, number, number_key, kind, date, '
            'issuer, page_province, context_date, citing, title, signer, start, "end", '
            'decided, node_id, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
            [(m.mid, page_id[p.key], mf.role, m.number, m.number_key, m.kind, m.date,
              m.issuer, m.page_province, m.context_date, m.citing, mf.title, mf.signer,
              mf.start, mf.end, 1 if m.mid in plan.decided else 0, node_of.get(m.mid),
              reason_of.get(m.mid))
             for p in pages for mf in p.mentions for m in (mf.mention,)])
        law_node = self._store_laws(pages, page_id)

        # partial mentions of every touched number, old and new, decided together
        new_mids = {mf.mention.mid for p in pages for mf in p.mentions}
        if dirty:
            node_of.update(self._resolve_partials(sorted(dirty), new_mids))
        c.executemany(
            'INSERT OR REPLACE INTO relations(aid, page_id, type, src_mid, dst_mid, src_node, '
            'dst_node, sentence, start, "end", cue) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
            [(a.aid, page_id[p.key], a.type, a.src_mid, a.dst_mid, node_of.get(a.src_mid),
              law_node[a.dst_law] if a.dst_law else node_of.get(a.dst_mid),
              a.sentence, a.start, a.end, a.cue) for p in pages for a in p.assertions])
        self._collect(touched)
        self._refresh_documents(lost)
        search.sqlite_sync(self._conn)      # the full-text index follows every load

    def _ids(self, table: str, keys: list[str]) -> dict[str, int]:
        """key -> id of the rows of `table` ("pages" or "nodes") that exist."""
        assert table in ("pages", "nodes")
        out: dict[str, int] = {}
        for chunk in chunks(keys):
            out.update(self._conn.execute(
                f"SELECT key, id FROM {table} WHERE key IN ({marks(len(chunk))})", chunk))
        return out

    def _next_id(self, table: str) -> int:
        assert table in ("pages", "nodes")
        return self._conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0]

    def _store_pages(self, pages: list[PageFacts], touched: set[int], lost: Lost,
                     dirty: set[str]) -> dict[str, int]:
        """Write the page rows, forgetting what already stored pages asserted; page key
        -> id. Adds the forgotten mentions' numbers to `dirty`, their nodes to `touched`
        and what they said to `lost`."""
        c = self._conn
        known = self._ids("pages", [p.key for p in pages])
        old = sorted(known.values())
        if old:
            self._need_indexes()
        for chunk in chunks(old):
            in_chunk = marks(len(chunk))
            self._forget_mentions(f"m.page_id IN ({in_chunk})", chunk, touched, lost, dirty)
            touched.update(r[0] for r in c.execute(
                f"SELECT node_id FROM page_laws WHERE page_id IN ({in_chunk})", chunk))
            for table in ("relations", "mentions", "page_laws"):
                c.execute(f"DELETE FROM {table} WHERE page_id IN ({in_chunk})", chunk)
        first = self._next_id("pages")
        fresh = [p for p in pages if p.key not in known]
        ids = dict(known)
        ids.update((p.key, first + i) for i, p in enumerate(fresh))
        c.executemany(
            "INSERT OR REPLACE INTO pages(id, key, url, path, province, portal, published, "
            "crawled, content_hash, page_title, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(ids[p.key], p.key, p.url, p.path, p.province, p.portal, p.published, p.crawled,
              p.content_hash, p.page_title, p.source) for p in pages])
        return ids

    def _forget_mentions(self, where: str, args: list, touched: set[int], lost: Lost,
                         dirty: set[str]) -> None:
        """Note the number, node and word (rank, day seen) of the mentions `where` selects,
        before their page is replaced or deleted."""
        for r in self._conn.execute(
                "SELECT m.number_key, m.node_id, m.role, p.key, p.published, p.crawled, "
                f"p.source FROM mentions m JOIN pages p ON p.id=m.page_id WHERE {where}", args):
            dirty.add(r[0])
            if r[1] is not None:
                touched.add(r[1])
                seen = page_seen(r[4], r[5])
                lost[r[1]].append((fact_rank(r[2], r[6], seen, r[3]), seen))

    def _merge_documents(self, contributions: dict[str, list[dict[str, Any]]],
                         sample: dict[str, Mention], provisional: bool) -> list[str]:
        """Create or complete document nodes from their mentions' contributions
        (`merge_document_facts`); returns the keys created."""
        c = self._conn
        keys = list(contributions)
        stored: dict[str, sqlite3.Row] = {}
        for chunk in chunks(keys):
            for r in c.execute("SELECT id, key, number, kind, date, year, issuer, title, signer,"
                               f" reason, first_seen, fact_ranks FROM nodes WHERE key IN "
                               f"({marks(len(chunk))})", chunk):
                stored[r["key"]] = r
        inserts, updates = [], []
        for key in keys:
            row = stored.get(key)
            if row is None:
                values, ranks = merge_document_facts(None, None, contributions[key])
                if (values.get("year") or 0) >= MERGER_YEAR:
                    self._recent.add(key)
                m = sample[key]
                inserts.append((key, values["number"], m.number_key, number_serial(m.number),
                                values.get("kind"), values.get("date"), values.get("year"),
                                m.term, values.get("issuer"), m.locality, province_of(m.locality),
                                values.get("title"), values.get("signer"),
                                values.get("first_seen"), 1 if provisional else 0,
                                0 if provisional else 1, values.get("reason"), json.dumps(ranks)))
                continue
            before = {f: row[f] for f in _MERGED}
            values, ranks = merge_document_facts(
                before, json.loads(row["fact_ranks"]) if row["fact_ranks"] else None,
                contributions[key])
            if (values.get("year") or 0) >= MERGER_YEAR:
                self._recent.add(key)
            encoded = json.dumps(ranks)
            if values != before or row["fact_ranks"] != encoded:
                updates.append((*(values.get(f) for f in _MERGED), encoded, row["id"]))
        first = self._next_id("nodes")
        c.executemany(
            "INSERT INTO nodes(id, key, label, number, number_key, serial, kind, date, year,"
            " term, issuer, locality, province, title, signer, first_seen, provisional, decided,"
            " reason, fact_ranks) VALUES (?, ?, 'Document', ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(first + i, *row) for i, row in enumerate(inserts)])
        c.executemany(_UPDATE_FACTS, updates)
        return [row[0] for row in inserts]

    def _store_laws(self, pages: list[PageFacts], page_id: dict[str, int]) -> dict[str, int]:
        """Create or complete the laws the pages cite and link them; law key -> node id.
        A law's name is the smallest spelling seen, its year the earliest: order-free."""
        c = self._conn
        laws = aggregate_laws(pages)
        if not laws:
            return {}
        stored = self._nodes_by_key("id, key, name, year, first_seen", laws)
        first = self._next_id("nodes")
        fresh = [k for k in laws if k not in stored]
        c.executemany("INSERT INTO nodes(id, key, label, name, year, first_seen, decided) "
                      "VALUES (?, ?, 'Law', ?, ?, ?, 1)",
                      [(first + i, k, laws[k]["name"], laws[k]["year"], laws[k]["seen"])
                       for i, k in enumerate(fresh)])
        ids = {k: first + i for i, k in enumerate(fresh)}
        updates = []
        for k, r in stored.items():
            ids[k] = r["id"]
            new = (min(r["name"] or laws[k]["name"], laws[k]["name"]),
                   earliest(r["year"], laws[k]["year"]), earliest(r["first_seen"], laws[k]["seen"]))
            if new != (r["name"], r["year"], r["first_seen"]):
                updates.append((*new, r["id"]))
        c.executemany("UPDATE nodes SET name=?, year=?, first_seen=? WHERE id=?", updates)
        c.executemany("INSERT OR IGNORE INTO page_laws(page_id, node_id) VALUES (?,?)",
                      [(page_id[p.key], ids[lk]) for p in pages for lk in p.laws])
        return ids

    def _collect(self, touched: set[int]) -> None:
        """Delete touched nodes nothing refers to any more."""
        c = self._conn
        for chunk in chunks(sorted(touched)):
            gone = [r[0] for r in c.execute(
                f"SELECT id FROM nodes WHERE id IN ({marks(len(chunk))}) "
                "AND NOT EXISTS (SELECT 1 FROM mentions WHERE node_id=nodes.id) "
                "AND NOT EXISTS (SELECT 1 FROM page_laws WHERE node_id=nodes.id) "
                "AND NOT EXISTS (SELECT 1 FROM relations WHERE dst_node=nodes.id)", chunk)]
            if gone:
                c.execute(f"DELETE FROM candidates WHERE node_id IN ({marks(len(gone))})", gone)
                c.execute(f"DELETE FROM nodes WHERE id IN ({marks(len(gone))})", gone)

    def _resolve_partials(self, number_keys: list[str], new_mids: set[str] = frozenset()
                          ) -> dict[str, int]:
        """Decide every partial mention of `number_keys` again; mid -> node id.

        Only what changed is written. Relations of stored mentions that now resolve to
        another node follow them (`new_mids` have no relations stored yet)."""
        c = self._conn
        partials: dict[str, list[Mention]] = defaultdict(list)
        current: dict[str, tuple[int | None, str | None]] = {}
        extra: dict[str, sqlite3.Row] = {}
        for chunk in chunks(number_keys):
            for r in c.execute(
                    "SELECT m.*, p.key AS page_key, p.published AS page_published, "
                    "p.crawled AS page_crawled, p.source AS page_source FROM mentions m "
                    "JOIN pages p ON p.id=m.page_id "
                    f"WHERE m.number_key IN ({marks(len(chunk))}) AND m.decided=0", chunk):
                mention = Mention(mid=r["mid"], number=r["number"], kind=r["kind"],
                                  date=r["date"], issuer=r["issuer"],
                                  page_province=r["page_province"],
                                  context_date=r["context_date"], citing=r["citing"],
                                  role=r["role"])
                partials[r["number_key"]].append(mention)
                current[r["mid"]] = (r["node_id"], r["reason"])
                extra[r["mid"]] = r
        if not partials:
            return {}
        known: dict[str, list[KnownDocument]] = defaultdict(list)
        settled: dict[str, dict[str, str]] = defaultdict(dict)
        nks = sorted(partials)
        for chunk in chunks(nks):
            for r in c.execute(
                    "SELECT key, number_key, date, year, term, locality, issuer FROM nodes "
                    f"WHERE number_key IN ({marks(len(chunk))}) AND label='Document' "
                    "AND decided=1", chunk):
                known[r["number_key"]].append(KnownDocument(
                    r["key"], r["date"], r["year"], r["term"], r["locality"], r["issuer"]))
            citings = sorted({m.citing for nk in chunk for m in partials[nk] if m.citing})
            for cchunk in chunks(citings, 400):
                for r in c.execute(
                        "SELECT m.number_key, m.citing, m.mid, n.key FROM mentions m "
                        "JOIN nodes n ON n.id=m.node_id "
                        f"WHERE m.number_key IN ({marks(len(chunk))}) AND m.decided=1 "
                        f"AND m.citing IN ({marks(len(cchunk))})", [*chunk, *cchunk]):
                    best = settled[r["number_key"]].get(r["citing"])
                    if best is None or r["mid"] < best[0]:
                        settled[r["number_key"]][r["citing"]] = (r["mid"], r["key"])
        settled_keys = {nk: {cit: key for cit, (_, key) in by.items()}
                        for nk, by in settled.items()}
        decisions = resolve_groups(partials, known, settled_keys)
        mentions = [m for nk in nks for m in partials[nk]]
        # documents the mentions name: provisional ones are created, and every one takes
        # in what its mentions say (merging a mention already merged changes nothing)
        contributions: dict[str, list[dict[str, Any]]] = defaultdict(list)
        sample: dict[str, Mention] = {}
        for m in mentions:
            d = decisions[m.mid]
            if not d.unresolved:
                r = extra[m.mid]
                seen = page_seen(r["page_published"], r["page_crawled"])
                contributions[d.key].append(partial_contribution(
                    m, d, fact_rank(r["role"], r["page_source"], seen, r["page_key"]), seen,
                    r["title"], r["signer"]))
                sample.setdefault(d.key, m)
        self._merge_documents(contributions, sample, provisional=True)
        unresolved = {decisions[m.mid].key: (m, decisions[m.mid]) for m in mentions
                      if decisions[m.mid].unresolved}
        self._store_unresolved(unresolved, extra)
        node_id = self._ids("nodes", sorted({d.key for d in decisions.values()}))
        out: dict[str, int] = {}
        writes, moved = [], []
        old_nodes: set[int] = set()
        lost: Lost = defaultdict(list)
        for m in mentions:
            d = decisions[m.mid]
            nid = node_id[d.key]
            out[m.mid] = nid
            old, old_reason = current[m.mid]
            if (nid, d.reason) != (old, old_reason):
                writes.append((nid, d.reason, m.mid))
            if nid != old and old is not None:
                old_nodes.add(old)
                r = extra[m.mid]
                seen = page_seen(r["page_published"], r["page_crawled"])
                lost[old].append((fact_rank(r["role"], r["page_source"], seen, r["page_key"]),
                                  seen))
            if nid != old and m.mid not in new_mids:
                moved.append((nid, m.mid))
        c.executemany("UPDATE mentions SET node_id=?, reason=? WHERE mid=?", writes)
        if moved or old_nodes:
            self._need_indexes()
        c.executemany("UPDATE relations SET src_node=? WHERE src_mid=?", moved)
        c.executemany("UPDATE relations SET dst_node=? WHERE dst_mid=?", moved)
        self._collect(old_nodes)
        self._refresh_documents(lost)
        return out

    def _store_unresolved(self, refs: dict[str, tuple[Mention, Decision]],
                          extra: dict[str, sqlite3.Row]) -> None:
        """Create or update unresolved-reference nodes and their ranked candidates."""
        if not refs:
            return
        c = self._conn
        stored = self._nodes_by_key("id, key, candidates, reason", refs)
        first = self._next_id("nodes")
        inserts, updates, ranked = [], [], []
        for key, (m, d) in refs.items():
            cands = json.dumps(d.candidates, ensure_ascii=False)
            row = stored.get(key)
            if row is None:
                nid = first + len(inserts)
                r = extra[m.mid]
                inserts.append((nid, key, m.number, m.number_key, number_serial(m.number),
                                m.kind, m.date, m.issuer, m.locality, province_of(m.locality),
                                cands, d.reason,
                                page_seen(r["page_published"], r["page_crawled"])))
            elif (row["candidates"], row["reason"]) != (cands, d.reason):
                nid = row["id"]
                updates.append((cands, d.reason, nid))
            else:
                continue
            ranked.append((nid, d.candidates))
        c.executemany(
            "INSERT INTO nodes(id, key, label, number, number_key, serial, kind, date, issuer,"
            " locality, province, candidates, reason, first_seen) "
            "VALUES (?, ?, 'UnresolvedReference', ?,?,?,?,?,?,?,?,?,?,?)", inserts)
        c.executemany("UPDATE nodes SET candidates=?, reason=? WHERE id=?", updates)
        c.executemany("DELETE FROM candidates WHERE node_id=?", [(n,) for n, _ in ranked])
        c.executemany("INSERT INTO candidates(node_id, doc_key, rank) VALUES (?,?,?)",
                      [(n, k, i) for n, cands in ranked for i, k in enumerate(cands)])

    def _refresh_documents(self, lost: Lost) -> None:
        """Recompute, from the mentions they still have, the facts of documents that lost
        a mention their facts came from (`merge_document_facts` over all of them).

        A lost mention whose rank holds none of the document's fields and whose day is
        not its first seen changed nothing: that document is left as it is, so replacing
        a page that cites a central document does not read all of that one's mentions."""
        c = self._conn
        stale = []
        for chunk in chunks(sorted(lost)):
            for nid, ranks, first_seen in c.execute(
                    f"SELECT id, fact_ranks, first_seen FROM nodes WHERE id IN "
                    f"({marks(len(chunk))}) AND label='Document'", chunk):
                held = set(json.loads(ranks)) if ranks else None
                if held is None or any(rank in held or (seen and seen == first_seen)
                                       for rank, seen in lost[nid]):
                    stale.append(nid)
        for chunk in chunks(stale):
            facts = refreshed_facts(map(dict, c.execute(
                "SELECT m.node_id AS node, m.role, m.decided, m.reason, m.number, m.kind, "
                "m.date, m.issuer, m.title, m.signer, n.provisional, p.key AS page, "
                "p.published, p.crawled, p.source FROM mentions m "
                "JOIN pages p ON p.id=m.page_id JOIN nodes n ON n.id=m.node_id "
                f"WHERE m.node_id IN ({marks(len(chunk))}) AND n.label='Document'", chunk)))
            c.executemany(_UPDATE_FACTS, [(*(values.get(f) for f in _MERGED), json.dumps(ranks),
                                           nid) for nid, (values, ranks) in facts.items()])
            recent = [nid for nid, (values, _) in facts.items()
                      if (values.get("year") or 0) >= MERGER_YEAR]
            for rchunk in chunks(recent):
                self._recent.update(r[0] for r in c.execute(
                    f"SELECT key FROM nodes WHERE id IN ({marks(len(rchunk))})", rchunk))

    def delete_page(self, url_or_key: str) -> bool:
        c = self._conn
        self._recent = set()
        c.execute("BEGIN IMMEDIATE")
        try:
            # a page's key is its url when it has one (`facts.page_key`): no scan by url
            row = c.execute("SELECT id FROM pages WHERE key=?", (url_or_key,)).fetchone()
            if row is None:
                c.execute("COMMIT")
                return False
            page_id = row[0]
            touched, dirty = set(), set()
            lost: Lost = defaultdict(list)
            self._forget_mentions("m.page_id=?", [page_id], touched, lost, dirty)
            touched.update(r[0] for r in c.execute(
                "SELECT node_id FROM page_laws WHERE page_id=?", (page_id,)))
            for table in ("relations", "mentions", "page_laws"):
                c.execute(f"DELETE FROM {table} WHERE page_id=?", (page_id,))
            c.execute("DELETE FROM pages WHERE id=?", (page_id,))
            self._collect(touched)
            self._resolve_partials(sorted(dirty))
            self._refresh_documents(lost)
            c.execute("COMMIT")
            return True
        except BaseException:
            c.execute("ROLLBACK")
            raise

"""What a batch of pages does to the graph, computed once for both stores.

The stores (`graph/sqlite_store.py`, `graph/neo4j_store.py`) keep only their SQL and
Cypher: which mentions decide their document on their own and what each contributes,
which numbers' partial mentions must be decided again, how the laws the pages cite
aggregate, and the small rules of a node's identity columns are computed here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from extract.normalize import split_number

from graph.facts import (DOC_FACT_FIELDS, PageFacts, fact_rank, mention_contribution,
                         merge_document_facts, page_seen)
from graph.identity import Decision, Mention, decided_key


def serial_key(serial: str) -> str:
    """A serial as stored and looked up: leading zeros dropped (`05` and `5` are one)."""
    return serial.lstrip("0") or "0"


def number_serial(number: str) -> str:
    """The stored serial of a document number (`05-CT/TW` -> `5`)."""
    return serial_key(split_number(number)[0])


def province_of(locality: str | None) -> str | None:
    """The province of a locality (`Ninh Thuận/Ninh Phước` -> `Ninh Thuận`); None when
    unknown (no locality, or a district whose province is `?`)."""
    if not locality:
        return None
    head = locality.split("/", 1)[0]
    return None if head == "?" else head


def earliest(a, b):
    """The smaller of two values, None counting as unknown."""
    return b if a is None else a if b is None else min(a, b)


@dataclass
class DecidedMentions:
    """The batch's mentions that name their document alone (`identity.decided_key`)."""

    # document key -> the mentions' contributions to its facts, in page and mention order
    contributions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sample: dict[str, Mention] = field(default_factory=dict)   # key -> first mention of it
    decided: dict[str, tuple[str, str]] = field(default_factory=dict)   # mid -> (key, reason)
    # number keys whose partial mentions must be decided again: the partial mentions'
    # own, and a citing decided mention's (it may settle a partial one of its number)
    dirty: set[str] = field(default_factory=set)

    def numbers_of(self, keys) -> set[str]:
        """The number keys of decided documents (e.g. the ones just created)."""
        return {self.sample[k].number_key for k in keys}


def decide_mentions(pages: list[PageFacts]) -> DecidedMentions:
    """Which of the pages' mentions are decided, the document each names and why."""
    plan = DecidedMentions()
    contributions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in pages:
        for mf in p.mentions:
            m = mf.mention
            decided = decided_key(m)
            if decided:
                key, reason = decided
                plan.decided[m.mid] = decided
                contributions[key].append(mention_contribution(mf, p, reason))
                plan.sample.setdefault(key, m)
                if m.citing:
                    plan.dirty.add(m.number_key)
            else:
                plan.dirty.add(m.number_key)
    plan.contributions = dict(contributions)
    return plan


def partial_contribution(m: Mention, d: Decision, rank: str, seen: str | None,
                         title: str | None, signer: str | None) -> dict[str, Any]:
    """What a partial mention, once decided (`d`, not unresolved), says about its
    document: like `facts.mention_contribution`, with a reason only for a provisional
    document (which has no decided mention to give one)."""
    return {"rank": rank, "seen": seen, "number": m.number, "kind": m.kind, "date": m.date,
            "issuer": m.issuer, "title": title, "signer": signer,
            "reason": d.reason if d.provisional else None}


def aggregate_laws(pages: list[PageFacts]) -> dict[str, dict[str, Any]]:
    """Law key -> {"name", "year", "seen"} over the pages that cite it: the smallest
    spelling of its name, the earliest year and day seen, so that order does not matter."""
    laws: dict[str, dict[str, Any]] = {}
    for p in pages:
        seen = page_seen(p.published, p.crawled)
        for lk, law in p.laws.items():
            cur = laws.setdefault(lk, {"name": law["name"], "year": law["year"], "seen": seen})
            cur["name"] = min(cur["name"], law["name"])
            cur["year"] = earliest(cur["year"], law["year"])
            cur["seen"] = earliest(cur["seen"], seen)
    return laws


def refreshed_facts(mentions) -> dict[Any, tuple[dict[str, Any], list[str]]]:
    """Document -> (facts, ranks) recomputed from every mention it still has, for
    documents some of whose mentions went away (`merge_document_facts` over all of
    them). `mentions`: one mapping per stored mention with its document (`node`), its
    fields (`role`, `decided`, `reason` and `DOC_FACT_FIELDS`), its document's
    `provisional` and its page's `page`, `published`, `crawled`, `source`. A mention
    gives its reason only when it decides its document or the document is provisional
    (which has no deciding mention to give one), as when it was first merged."""
    contributions: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        seen = page_seen(m["published"], m["crawled"])
        contributions[m["node"]].append({
            "rank": fact_rank(m.get("role") or "reference", m["source"], seen, m["page"]),
            "seen": seen, **{f: m.get(f) for f in DOC_FACT_FIELDS},
            "reason": m.get("reason") if m.get("decided") or m.get("provisional") else None})
    return {node: merge_document_facts(None, None, contribs)
            for node, contribs in contributions.items()}


__all__ = ["DecidedMentions", "aggregate_laws", "decide_mentions", "earliest",
           "number_serial", "partial_contribution", "province_of", "refreshed_facts",
           "serial_key"]

"""One extraction record (`vanban extract` output) as the facts a store loads.

A page asserts: it exists (url, province, hashes), it mentions numbers (its subject and
its references), and it states relations between them (with evidence). Everything a
store keeps about a page is derived here, so the SQLite and Neo4j stores load the same
facts and replacing a page means deleting exactly what it asserted before.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Any

from extract.normalize import normalize_number, number_key, split_number

from graph.identity import Mention, law_key, mention_id
from graph.relation_types import RELATION_TYPES


class RecordError(ValueError):
    """An extraction record that cannot be loaded (says which field is wrong)."""


@dataclass
class MentionFacts:
    """A mention plus what the page says about the document beyond identity."""

    mention: Mention
    role: str
    title: str | None = None
    signer: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Assertion:
    """One relation as one page states it: one piece of evidence."""

    aid: str
    type: str
    src_mid: str
    dst_mid: str | None          # a document mention, or
    dst_law: str | None          # a law's key
    sentence: str | None
    start: int | None
    end: int | None
    cue: str | None


@dataclass
class PageFacts:
    key: str
    url: str | None
    path: str | None
    province: str | None
    portal: str | None = None
    published: str | None = None
    crawled: str | None = None
    content_hash: str | None = None
    page_title: str | None = None
    source: str | None = None
    mentions: list[MentionFacts] = field(default_factory=list)
    laws: dict[str, dict[str, Any]] = field(default_factory=dict)   # key -> {name, year}
    assertions: list[Assertion] = field(default_factory=list)

    @property
    def number_keys(self) -> set[str]:
        return {m.mention.number_key for m in self.mentions}


def page_key(record: dict[str, Any]) -> str:
    """A page's identity: its url, or `path:<path>` for a file with no url."""
    url = record.get("url")
    if url:
        return str(url)
    path = record.get("path")
    if path:
        return "path:" + str(path)
    raise RecordError("record has neither 'url' nor 'path'")


def _str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _iso(value: Any) -> str | None:
    text = _str(value)
    if text is None:
        return None
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        return None
    return text[:10]


def _number(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RecordError(f"{where}: 'number' must be a non-empty string, got {value!r}")
    number = _normalized(value)
    if number is None:
        raise RecordError(f"{where}: unusable number {value!r}")
    return number


@lru_cache(maxsize=1 << 16)
def _normalized(value: str) -> str | None:
    """The normalised number, or None when it has no usable key (cached: a corpus
    names the same numbers again and again)."""
    number = normalize_number(value)
    return number if number_key(number) else None


_INT64 = 1 << 63


def _offset(value: Any, where: str) -> int | None:
    """An offset or year as stored: null, or an integer a 64-bit column holds."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not -_INT64 <= value < _INT64:
        raise RecordError(f"{where} must be an integer (or null), got {str(value)[:40]!r}")
    return value


def _aid(key: str, *parts: Any) -> str:
    return hashlib.sha1("\x1f".join([key, *map(str, parts)]).encode()).hexdigest()[:20]


def page_facts(record: dict[str, Any]) -> PageFacts:
    """The facts of one extraction record; raises RecordError on malformed input."""
    if not isinstance(record, dict):
        raise RecordError(f"a record must be a JSON object, got {type(record).__name__}")
    key = page_key(record)
    province = _str(record.get("province"))
    published = _iso(record.get("published"))
    facts = PageFacts(
        key=key, url=_str(record.get("url")), path=_str(record.get("path")), province=province,
        portal=_str(record.get("portal")), published=published,
        crawled=_str(record.get("crawled")), content_hash=_str(record.get("content_hash")),
        page_title=_str(record.get("page_title")), source=_str(record.get("source")))

    subject = record.get("subject")
    by_number: dict[str, MentionFacts] = {}
    subject_mid = None
    subject_key = None
    context = published
    if subject:
        if not isinstance(subject, dict):
            raise RecordError("'subject' must be an object or null")
        number = _number(subject.get("number"), "subject")
        s_date = _iso(subject.get("date"))
        mention = Mention(mid=mention_id(key, "subject", number), number=number,
                          kind=_str(subject.get("kind")), date=s_date,
                          issuer=_str(subject.get("issuer")), page_province=province,
                          context_date=published, role="subject")
        mf = MentionFacts(mention, "subject", title=_str(subject.get("title")),
                          signer=_str(subject.get("signer")))
        facts.mentions.append(mf)
        by_number[number_key(number)] = mf
        subject_mid = mention.mid
        from graph.identity import decided_key
        decided = decided_key(mention)
        subject_key = decided[0] if decided else None
        context = s_date or published

    refs = record.get("references") or []
    if not isinstance(refs, list):
        raise RecordError("'references' must be a list")
    for i, ref in enumerate(refs):
        if not isinstance(ref, dict):
            raise RecordError(f"references[{i}] must be an object")
        number = _number(ref.get("number"), f"references[{i}]")
        nk = number_key(number)
        if nk in by_number:
            continue
        mention = Mention(mid=mention_id(key, "reference", number), number=number,
                          kind=_str(ref.get("kind")), date=_iso(ref.get("date")),
                          issuer=_str(ref.get("issuer")), page_province=province,
                          context_date=context, citing=subject_key, role="reference")
        mf = MentionFacts(mention, "reference", start=_offset(ref.get("start"), f"references[{i}].start"),
                          end=_offset(ref.get("end"), f"references[{i}].end"))
        facts.mentions.append(mf)
        by_number[nk] = mf

    laws_by_name: dict[str, str] = {}
    for i, law in enumerate(record.get("laws") or []):
        if not isinstance(law, dict) or not _str(law.get("name")):
            raise RecordError(f"laws[{i}] must be an object with a 'name'")
        lk = law_key(law["name"])
        year = law.get("year")
        facts.laws.setdefault(lk, {"name": law["name"].strip(),
                                   "year": year if isinstance(year, int) and 0 < year < 10_000 else None})
        laws_by_name[law["name"].strip()] = lk

    def mention_for(number: str, where: str) -> MentionFacts:
        nk = number_key(number)
        if nk not in by_number:
            # a relation naming a number the record does not list: keep it, bare
            norm = normalize_number(number)
            mention = Mention(mid=mention_id(key, "reference", norm), number=norm,
                              page_province=province, context_date=context,
                              citing=subject_key)
            by_number[nk] = MentionFacts(mention, "reference")
            facts.mentions.append(by_number[nk])
        return by_number[nk]

    targets: set[str] = set()
    for i, rel in enumerate(record.get("relations") or []):
        where = f"relations[{i}]"
        if not isinstance(rel, dict):
            raise RecordError(f"{where} must be an object")
        rtype = _str(rel.get("type"))
        if rtype not in RELATION_TYPES:
            raise RecordError(f"{where}: unknown type {rtype!r}")
        src_raw, dst_raw = _str(rel.get("source")), _str(rel.get("target"))
        if not src_raw or not dst_raw:
            raise RecordError(f"{where}: 'source' and 'target' are required")
        src = mention_for(_number(src_raw, where), where)
        ev = rel.get("evidence") or {}
        if not isinstance(ev, dict):
            raise RecordError(f"{where}: 'evidence' must be an object")
        dst_mid = dst_law = None
        if dst_raw.strip() in laws_by_name:
            dst_law = laws_by_name[dst_raw.strip()]
        elif _looks_like_number(dst_raw):
            dst = mention_for(_number(dst_raw, where), where)
            dst_mid = dst.mention.mid
            targets.add(dst_mid)
        else:
            # a law named only in the relation
            dst_law = law_key(dst_raw)
            facts.laws.setdefault(dst_law, {"name": dst_raw.strip(), "year": None})
        facts.assertions.append(Assertion(
            aid=_aid(key, i, rtype, src.mention.mid, dst_mid or dst_law),
            type=rtype, src_mid=src.mention.mid, dst_mid=dst_mid, dst_law=dst_law,
            sentence=_str(ev.get("sentence")), start=_offset(ev.get("start"), f"{where}.evidence.start"),
            end=_offset(ev.get("end"), f"{where}.evidence.end"),
            cue=_str(ev.get("cue"))))

    # Every reference that is no relation's target is a citation by the subject.
    if subject_mid:
        for mf in facts.mentions:
            mid = mf.mention.mid
            if mf.role == "reference" and mid not in targets:
                facts.assertions.append(Assertion(
                    aid=_aid(key, "CITES", mid), type="CITES", src_mid=subject_mid,
                    dst_mid=mid, dst_law=None, sentence=None, start=mf.start, end=mf.end,
                    cue=None))
    return facts


@lru_cache(maxsize=1 << 16)
def _looks_like_number(text: str) -> bool:
    _, _, codes = split_number(normalize_number(text))
    return any(ch.isdigit() for ch in text[:6]) and bool(codes)


# --- what a document's node says: one rule for every store and every load order ------

DOC_FACT_FIELDS = ("number", "kind", "date", "issuer", "title", "signer", "reason")
FULL_TEXT_SOURCES = frozenset({"pdf", "docx", "doc"})
WORST_RANK = "~"   # sorts after every rank: a value of unknown origin (older stores)
_FIELD_INDEX = tuple(enumerate(DOC_FACT_FIELDS))


def page_seen(published: str | None, crawled: str | None) -> str | None:
    """The day a page was first seen: its publication date, else its crawl day."""
    return published or (crawled or "")[:10] or None


def fact_rank(role: str, source: str | None, seen: str | None, page: str) -> str:
    """How much one page's word on a document counts; smaller wins.

    The document's own page (the page whose subject it is) before a page that only cites
    it; a full text (pdf/docx) before an html page; then the earliest seen; then the page
    key, so ties break the same way whatever order the pages came in."""
    own = "0" if role == "subject" else "1"
    text = "0" if (source or "").lower() in FULL_TEXT_SOURCES else "1"
    return f"{own}{text}|{seen or '9999-12-31'}|{page}"


def mention_contribution(mf: MentionFacts, page: PageFacts, reason: str | None = None
                         ) -> dict[str, Any]:
    """What one mention says about its document's facts, with its rank and seen day
    (`reason`: why the mention names the document, when it decides it)."""
    m = mf.mention
    seen = page_seen(page.published, page.crawled)
    return {"rank": fact_rank(mf.role, page.source, seen, page.key), "seen": seen,
            "number": m.number, "kind": m.kind, "date": m.date, "issuer": m.issuer,
            "title": mf.title, "signer": mf.signer, "reason": reason}


def merge_document_facts(values: dict[str, Any] | None, ranks: list[str] | None,
                         contributions: list[dict[str, Any]]
                         ) -> tuple[dict[str, Any], list[str]]:
    """A document's facts after taking in more mentions: (values, per-field ranks).

    Each field keeps the value of the best-ranked mention that has one (`fact_rank`);
    `first_seen` is the earliest day seen; `year` follows the number or the chosen date.
    A minimum is commutative and idempotent, so the result does not depend on the order
    or the batching of loads, and merging the same mention again changes nothing."""
    values = dict(values or {})
    ranks = list(ranks) if ranks and len(ranks) == len(DOC_FACT_FIELDS) \
        else [WORST_RANK] * len(DOC_FACT_FIELDS)
    first_seen = values.get("first_seen")
    for c in contributions:
        rank = c["rank"]
        for i, f in _FIELD_INDEX:
            v = c.get(f)
            if v is not None and (rank < ranks[i] or values.get(f) is None):
                values[f] = v
                ranks[i] = rank
        seen = c.get("seen")
        if seen and (first_seen is None or seen < first_seen):
            first_seen = seen
    if first_seen is not None:
        values["first_seen"] = first_seen
    if values.get("number"):
        _, year, _ = split_number(values["number"])
        values["year"] = year if year is not None else (
            int(values["date"][:4]) if values.get("date") else None)
    return values, ranks

"""Resolution on one page: one reference per number (§3), from its most detailed mention; one
law per name."""

from __future__ import annotations

from extract.issuers import issuer_from_code
from extract.mentions import Mention
from extract.model import Law, Reference


def resolve_references(mentions: list[Mention], subject_key: str | None,
                       province: str | None) -> list[Reference]:
    """One reference per number, from its most detailed mention (§3)."""
    groups: dict[str, list[Mention]] = {}
    order: list[str] = []
    for m in mentions:
        if m.key == subject_key:
            continue
        if m.truncated and m.end > 0:
            # a number cut off by the end of the excerpt: a mention of a known number
            prefix = next((k for k in order if k.startswith(m.key)), None)
            if prefix:
                groups[prefix].append(m)
                continue
        if m.key not in groups:
            groups[m.key] = []
            order.append(m.key)
        groups[m.key].append(m)
    refs = []
    for key in order:
        group = groups[key]
        best = group[0] if len(group) == 1 else max(group, key=lambda m: (m.detail, -m.start))
        issuer = best.issuer
        if issuer is None and best.date is not None and not best.truncated:
            issuer = issuer_from_code(best.number, province)
        kind = best.kind
        if best.word_kind is None:
            worded = next((m for m in group if m.word_kind), None)
            if worded is not None:
                kind = worded.kind
        refs.append(Reference(
            number=best.number, kind=kind, date=best.date, issuer=issuer,
            start=group[0].start, end=group[0].end,
            mentions=[(m.start, m.end) for m in group],
            in_side_list=all(m.in_side_list for m in group),
        ))
    return refs


def resolve_laws(laws: list[Mention]) -> list[Law]:
    """One law per name (grouped by `law_group_key`), with the first year given."""
    out: dict[str, Law] = {}
    for m in laws:
        year = int(m.date) if m.date else None
        if m.key in out:
            if out[m.key].year is None and year is not None:
                out[m.key].year = year
            continue
        out[m.key] = Law(name=m.number, year=year, start=m.start, end=m.end)
    return list(out.values())

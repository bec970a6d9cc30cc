"""The extraction engine: one page's text -> subject, references, laws, typed relations.

The steps, each a small function over the normalised text:

1. `find_mentions`   every document number, with its kind, date and issuer (§3-§6)
2. `find_laws`       laws cited by name (§3)
3. `find_side_lists` where the portal lists other articles (no relations there)
4. `find_subject`    the document the page is or reports (§2)
5. `find_relations`  typed relations from cue phrases (§7), with evidence

Offsets are computed on the normalised text and mapped back to the input's.
"""

from __future__ import annotations

from extract.issuers import complete_issuer
from extract.laws import find_laws, law_group_key
from extract.mentions import find_mentions
from extract.model import Evidence, PageExtraction, Relation
from extract.normalize import lower_same_length, normalize_text, number_key
from extract.page import find_district, in_spans, find_side_lists
from extract.patterns import SPACES
from extract.relations import find_relations
from extract.resolve import resolve_laws, resolve_references
from extract.subject import find_subject


def extract_page(text: str, *, province: str | None = None, url: str | None = None,
                 published: str | None = None) -> PageExtraction:
    """Extract one page (see `extract.extract_page`)."""
    if not isinstance(text, str):
        raise TypeError("extract_page expects str text; decode bytes first")
    norm = normalize_text(text)
    t = norm.text
    low = lower_same_length(t)
    side = find_side_lists(t, low)
    mentions = find_mentions(t, low)
    laws = find_laws(t)
    if side:  # (a mention is in no side list until found in one)
        for m in mentions:
            m.in_side_list = in_spans(m.start, side)
        for law in laws:
            law.in_side_list = in_spans(law.start, side)
    district = find_district(t)
    found = find_subject(t, mentions, side, province, district)
    subject = found.subject if found else None
    subject_key = number_key(subject.number) if subject else None
    subject_mention = found.mention if found else None

    # complete each mention's issuer now that the page's places are known
    for m in mentions:
        if m.issuer_from_text and m.issuer:
            m.issuer = complete_issuer(m.issuer, province, district)

    references = resolve_references(mentions, subject_key, province)
    law_list = resolve_laws(laws)

    all_mentions = sorted(mentions + laws, key=lambda m: m.start)
    rels = find_relations(t, all_mentions, subject_mention, side, low)
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    same_offsets = norm.same_offsets
    key_to_number = {number_key(r.number): r.number for r in references}
    law_names = {law_group_key(law.name): law.name for law in law_list}
    if subject:
        key_to_number[subject_key] = subject.number
    for source, target, rel_type, ev_s, ev_e, cue_s, cue_e, cue in rels:
        if source is None and subject is None:
            continue  # a cue of the page's own voice, but the page reports no document
        src = subject.number if source is None else key_to_number.get(source.key)
        if target == "SUBJECT":
            tgt = subject.number if subject else None
        elif target.is_law:
            tgt = law_names.get(target.key)
        else:
            tgt = key_to_number.get(target.key)
        if not src or not tgt or src == tgt:
            continue
        k = (src, tgt, rel_type)
        if k in seen:
            continue
        seen.add(k)
        o_s, o_e = (ev_s, ev_e) if same_offsets else norm.to_original(ev_s, ev_e)
        span = text[o_s:o_e]
        unled = span.lstrip()
        lead_ws = len(span) - len(unled)
        sentence = unled.rstrip()
        relations.append(Relation(src, tgt, rel_type, Evidence(
            sentence=sentence, start=o_s + lead_ws, end=o_s + lead_ws + len(sentence),
            cue=SPACES.sub(" ", cue))))

    # offsets back into the caller's text
    if same_offsets:
        return PageExtraction(subject=subject, references=references, laws=law_list,
                              relations=relations)
    for r in references:
        r.start, r.end = norm.to_original(r.start, r.end)
        r.mentions = [norm.to_original(s, e) for s, e in r.mentions]
    for law in law_list:
        law.start, law.end = norm.to_original(law.start, law.end)
    if subject and subject.start is not None:
        subject.start, subject.end = norm.to_original(subject.start, subject.end)
    return PageExtraction(subject=subject, references=references, laws=law_list,
                          relations=relations)

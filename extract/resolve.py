"""Resolution on one page: one reference per number (§3), from its most detailed mention,
its issuer completed with the page's places (§6); one law per name; statements named by
number (or by the law's name) and deduplicated; offsets mapped back into the input."""

from __future__ import annotations

import functools
import re

from extract.issuer_codes import issuer_from_code
from extract.issuers import complete_issuer, reference_issuer
from extract.laws import law_group_key
from extract.mentions import Mention
from extract.model import EVIDENCE_WINDOW, Evidence, Law, PageExtraction, Reference, Relation, Subject
from extract.normalize import issuers_match, number_key
from extract.page import Page
from extract.patterns import SPACES
from extract.relations import SUBJECT, Statement
from extract.subject import SubjectFind


def resolve_references(mentions: list[Mention], subject_key: str | None,
                       province: str | None, district: str | None) -> list[Reference]:
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
        first = group[0]
        if len(group) == 1:     # most numbers are mentioned once: no comparison to make
            best, spans, in_side_list = first, [(first.start, first.end)], first.in_side_list
        else:
            best = max(group, key=lambda m: (m.detail, -m.start))
            spans = [(m.start, m.end) for m in group]
            in_side_list = all(m.in_side_list for m in group)
        issuer = reference_issuer(best, group, province, district)
        kind = best.kind
        if best.word_kind is None:
            worded = next((m for m in group if m.word_kind), None)
            if worded is not None:
                kind = worded.kind
        # (positional: number, kind, date, issuer, start, end, mentions, in_side_list)
        refs.append(Reference(best.number, kind, best.date, issuer, first.start, first.end,
                              spans, in_side_list))
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


def resolve_relations(page: Page, statements: list[Statement], subject: Subject | None,
                      references: list[Reference], laws: list[Law]) -> list[Relation]:
    """The statements as relations between numbers (or a law's name), each (source,
    target, type) once, with its evidence sentence in the input text's offsets."""
    if subject is None:
        # a cue of the page's own voice, but the page reports no document
        statements = [s for s in statements if s.source is not SUBJECT]
    key_to_number = {number_key(r.number): r.number for r in references}
    law_names = {law_group_key(law.name): law.name for law in laws}
    if subject:
        key_to_number[number_key(subject.number)] = subject.number
    text, norm = page.original, page.norm
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    subject_issuer = subject.issuer if subject else None
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    page_text, same_offsets = page.text, norm.same_offsets
    # a statement unpacked at once: a named field read per use costs more per relation
    for source, target, rel_type, (ev_s, ev_e), cue, cue_span, number_span, actor in statements:
        if actor and subject_issuer and not issuers_match(
                complete_issuer(actor, page.province, page.district), subject_issuer):
            continue  # a preamble's main clause of another body doing something else
        src = subject.number if source is SUBJECT else key_to_number.get(source.key)
        if target is SUBJECT:
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
        # the sentence trimmed of its spaces, each end once (many statements share one)
        sent_s = starts.get(ev_s)
        if sent_s is None:
            sent_s = starts[ev_s] = _after_spaces(page_text, ev_s, ev_e)
        sent_e = ends.get(ev_e)
        if sent_e is None:
            sent_e = ends[ev_e] = _before_spaces(page_text, ev_s, ev_e)
        if sent_e < sent_s:
            sent_e = sent_s
        if sent_e - sent_s <= EVIDENCE_WINDOW:
            win_s, win_e = sent_s, sent_e       # the whole sentence fits (`evidence_window`)
        else:
            win_s, win_e = evidence_window(page_text, sent_s, sent_e, cue_span, number_span)
        if not same_offsets:
            win_s, win_e = norm.to_original(win_s, win_e)
            sent_s, sent_e = norm.to_original(sent_s, sent_e)
        # (positional: sentence, start, end, cue, sentence_start, sentence_end)
        relations.append(Relation(src, tgt, rel_type, Evidence(
            text[win_s:win_e], win_s, win_e, _spaced_cue(cue), sent_s, sent_e)))
    return relations


@functools.lru_cache(maxsize=1024)
def _spaced_cue(cue: str) -> str:
    """A cue as written with its spaces collapsed (the few cue phrases recur on every page)."""
    return SPACES.sub(" ", cue)


_SPACE_RUN = re.compile(r"\s{1,64}")
_LAST_SPACE = re.compile(r"\s(?=\S*$)")


def _after_spaces(text: str, start: int, end: int) -> int:
    """Where `text[start:end]` starts once the spaces before its first word are left out."""
    while start < end and text[start].isspace():
        start = min(end, _SPACE_RUN.match(text, start).end())
    return start


def _before_spaces(text: str, start: int, end: int) -> int:
    """Where `text[start:end]` ends once the spaces after its last word are left out."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` without the spaces around it, as offsets."""
    start = _after_spaces(text, start, end)
    return start, _before_spaces(text, start, end)


def evidence_window(text: str, sent_s: int, sent_e: int, cue: tuple[int, int],
                    number: tuple[int, int], width: int = EVIDENCE_WINDOW) -> tuple[int, int]:
    """The evidence of a statement: the span from its cue to its number (the number
    alone when the two stand further apart than `width`, a list's governance carried far),
    widened on both sides up to `width` characters inside the sentence, its ends cut back
    to word boundaries."""
    if sent_e - sent_s <= width:
        return sent_s, sent_e       # the whole sentence fits
    lo, hi = min(cue[0], number[0]), max(cue[1], number[1])
    if hi - lo > width:
        lo, hi = number
    lo, hi = max(lo, sent_s), min(max(hi, lo), sent_e)
    spare = max(0, width - (hi - lo))
    a = max(sent_s, lo - spare // 2)
    b = min(sent_e, hi + spare - (lo - a))
    a = max(sent_s, lo - (spare - (b - hi)))
    if a > sent_s and not text[a - 1].isspace():
        cut = _SPACE_RUN.search(text, a, lo)       # start at the next word
        a = cut.end() if cut else a
    if b < sent_e and not text[b].isspace():
        cut = _LAST_SPACE.search(text, hi, b)      # end at the last whole word
        b = cut.start() if cut else b
    return _trimmed(text, a, b)


def resolve_page(page: Page, mentions: list[Mention], laws: list[Mention],
                 found: SubjectFind | None, statements: list[Statement]) -> PageExtraction:
    """The page's extraction from what the stages found, in the input text's offsets."""
    subject = found.subject if found else None
    if subject is not None and subject.issuer is None:
        # the text names no issuer of the subject: the body its code names (§6)
        subject.issuer = issuer_from_code(subject.number, page.province, page.district)
    subject_key = number_key(subject.number) if subject else None
    references = resolve_references(mentions, subject_key, page.province, page.district)
    law_list = resolve_laws(laws)
    relations = resolve_relations(page, statements, subject, references, law_list)
    norm = page.norm
    if not norm.same_offsets:
        for r in references:
            r.start, r.end = norm.to_original(r.start, r.end)
            r.mentions = [norm.to_original(s, e) for s, e in r.mentions]
        for law in law_list:
            law.start, law.end = norm.to_original(law.start, law.end)
        if subject and subject.start is not None:
            subject.start, subject.end = norm.to_original(subject.start, subject.end)
    return PageExtraction(subject=subject, references=references, laws=law_list,
                          relations=relations)

"""Typed relations (§7): which document governs which, from the cues and the clauses."""

from __future__ import annotations

import bisect
import enum
import operator
import re
from dataclasses import dataclass
from typing import NamedTuple

from extract import patterns as P
from extract.clauses import clauses
from extract.cues import (
    GUIDES, PassiveCue, coordinated_head, cue_spans, gap_allows, guidance_as_noun, list_items_after,
    merge_adjacent_cues, negated, object_ended, passive_cues_near,
)
from extract.grammar import AND, NUMBER_WORD
from extract.mentions import LEAD_REACH, Mention
from extract.page import Page, in_spans
from extract.preamble import about_past_work, main_clause, opens_sentence, sentence_end
from extract.patterns import (
    DESCRIPTION_COORDINATOR, LIST_LEAD, LIST_SEPARATOR, PAREN_AT, SPACES,
)


class PageSubject(enum.Enum):
    """The type of `SUBJECT`."""

    SUBJECT = "SUBJECT"


# The page's subject as one end of a statement: the document the page is or reports,
# whether or not its number was found (`resolve` names it, or drops the statement)
SUBJECT = PageSubject.SUBJECT


class Statement(NamedTuple):
    """A relation as the text states it: `source` does `type` to `target` (mentions on
    the page, or `SUBJECT`), stated in the normalised text's `evidence` span (the
    clauses from the cue to the target) by the phrase `cue` as written, which stands at
    `cue_span`; `number_span` is the number the evidence shows beside it (the target's,
    or a passive cue's acting document's)."""

    source: Mention | PageSubject
    target: Mention | PageSubject
    type: str
    evidence: tuple[int, int]
    cue: str
    cue_span: tuple[int, int]
    number_span: tuple[int, int]
    # a preamble's main clause whose actor does something else than issue a document:
    # the statement holds only if this body is the subject's issuer (`resolve` decides)
    actor: str | None = None


@dataclass(slots=True)
class _Governance:
    source: Mention | None      # None: the subject
    type: str
    cue_start: int
    cue_end: int
    cue: str


# a mention's start, read in C (a lambda costs a Python call per mention)
_START = operator.attrgetter("start")


def find_relations(page: Page, mentions: list[Mention], subject: Mention | None) -> list[Statement]:
    """The typed relations (§7) the page states between its `mentions` (numbers and
    laws) and its subject, whose number is `subject` when the page names it."""
    text, low, side = page.text, page.low, page.side
    active = [m for m in mentions if not m.in_side_list]
    active.sort(key=_START)
    if not active:
        return []
    clause_starts, clause_ends, after_semicolon = clauses(text)
    active_starts = [m.start for m in active]
    # cue words inside a number's lead ("Chương trình hành động số 17-CTr/TU") or a
    # law's name ("Luật Thực hiện dân chủ ở cơ sở") are no cues
    masked = [(m.lead_start, m.end) for m in active]
    mask_starts = [s for s, _ in masked]

    def masked_at(pos: int) -> bool:
        i = bisect.bisect_right(mask_starts, pos) - 1
        return i >= 0 and masked[i][0] <= pos < masked[i][1]

    def clause_of(pos: int) -> int:
        return bisect.bisect_right(clause_starts, pos) - 1

    # a cue matters only before a number of its clause, or inside a short list item
    # the governance may be carried through: the scan looks there alone (each
    # mention's clause found once, for this loop and the statements' one)
    lead_clauses = [bisect.bisect_right(clause_starts, m.lead_start) - 1 for m in active]
    last_lead: dict[int, int] = {}
    for m, ci in zip(active, lead_clauses):
        last_lead[ci] = m.lead_start
    mention_clauses = last_lead.keys()
    list_items = [cj for cj in range(1, max(mention_clauses))
                  if after_semicolon[cj] and clause_ends[cj] - clause_starts[cj] < 250
                  and cj not in last_lead]
    regions = [(clause_starts[ci], lead) for ci, lead in last_lead.items()]
    regions += [(clause_starts[cj], clause_ends[cj]) for cj in list_items]
    regions.sort()
    # (most pages have no side list: the test is left out there)
    cues = cue_spans(text, low, regions,
                     (lambda pos: not masked_at(pos) and not in_spans(pos, side)) if side
                     else (lambda pos: not masked_at(pos)))
    passive = passive_cues_near(text, low, regions, active)
    passive_spans = [(c.begin, c.finish) for c in passive if not masked_at(c.begin)]
    passive_starts = [ps for ps, _ in passive_spans]

    def _in_passive(pos: int) -> bool:
        """Whether a passive cue's span holds `pos` (the spans are sorted and apart)."""
        k = bisect.bisect_right(passive_starts, pos) - 1
        return k >= 0 and pos < passive_spans[k][1]
    cues = [c for c in merge_adjacent_cues(text, cues)
            if not negated(low, c.begin)
            and not (c.type == GUIDES and guidance_as_noun(low, c.begin, c.finish))]
    cue_starts = [c.begin for c in cues]

    voices: dict[int, Mention | PageSubject | str | None] = {}
    subject_key = subject.key if subject else None
    full_text: list[bool] = []     # found when first needed (few pages need it)

    def is_full_text() -> bool:
        """Whether the page is the subject's full text (each main clause its own voice)."""
        if not full_text:
            full_text.append(subject is not None and any(
                h.end() == subject.start for h in P.HEADER_NUMBER.finditer(
                    text, max(0, subject.start - 20), subject.start + 1)))
        return full_text[0]

    def own_voice(gov: _Governance) -> Mention | PageSubject | str | None:
        """Who a cue of the page's own voice speaks for: `SUBJECT`; the document a
        preamble's main clause issues; the name of another actor the main clause names
        (a str); None for a statement about past work."""
        if gov.cue_start in voices:
            return voices[gov.cue_start]
        ci0 = clause_of(gov.cue_start)
        voice: Mention | PageSubject | str | None = SUBJECT
        if about_past_work(low, clause_starts[ci0], gov.cue_start):
            voice = None
        elif opens_sentence(text, gov.cue_start):
            mc = main_clause(text, low, gov.cue_end, sentence_end(text, ci0, clause_starts,
                                                                   clause_ends, after_semicolon),
                             active, active_starts, masked_at)
            if mc is not None and mc.issued is not None:
                if mc.issued.key != subject_key:
                    voice = mc.issued
            elif mc is not None and not mc.issues and not is_full_text():
                voice = mc.actor
        voices[gov.cue_start] = voice
        return voice

    out: list[Statement | None] = []
    statement_of: dict[int, int] = {}      # id(target) -> its statement's index in `out`
    gov_of: dict[int, _Governance | None] = {}
    head_gov: dict[int, _Governance | None] = {}
    prev_in_clause: dict[int, Mention] = {}

    carried = 0     # the list items the loop has looked at
    for t, ci in zip(active, lead_clauses):
        # a clause with no number inside a list ("...; Chương trình mục tiêu quốc gia ...;
        # Chỉ thị số 06-CT/TU") passes the list's governance on, unless a cue is in it
        while carried < len(list_items) and list_items[carried] < ci:
            cj = list_items[carried]
            carried += 1
            k = bisect.bisect_left(cue_starts, clause_starts[cj])
            if k == len(cue_starts) or cue_starts[k] >= clause_ends[cj]:
                head_gov[cj] = head_gov.get(cj - 1)
        prev = prev_in_clause.get(ci)
        window_start = prev.tail_end if prev else clause_starts[ci]
        lo = bisect.bisect_left(cue_starts, window_start)
        hi = bisect.bisect_left(cue_starts, t.lead_start)
        lead_start = t.lead_start
        window_cues = [c for c in cues[lo:hi] if c.finish <= lead_start] if lo < hi else []
        gov: _Governance | None = None
        # (most pages have no passive cue: no window's cue is then looked up)
        in_passive = bool(passive_starts) and any(_in_passive(c.begin) for c in window_cues)
        if window_cues and not in_passive:
            c = window_cues[-1]
            gap = text[c.finish:lead_start]
            if gap_allows(gap):
                head = coordinated_head(text, window_cues)
                source = _source_for_cue(text, head.begin, prev, gov_of, head_gov.get(ci))
                if source is None:
                    source = _parenthetical_source(text, t, active, active_starts)
                if source is not None and not source.is_law and (
                        source.date and t.date and t.date > source.date or object_ended(gap)):
                    # no document carries out one issued after it, nor one set beside the
                    # object its own description's cue already had ("Quyết định 12 ... về
                    # triển khai công tác cải cách hành chính và Kế hoạch 30"): `t` stands
                    # beside the earlier one, under its governance
                    gov = gov_of.get(id(source))
                else:
                    gov = _Governance(source, c.type, c.begin, c.finish, c.phrase)
        elif not window_cues:
            if prev is not None and prev.is_law and not t.is_law and \
                    _LAWS_OWN_NUMBER.fullmatch(low, prev.tail_end, t.lead_start
                                               if t.lead_start >= prev.tail_end else t.start):
                # "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15": the law is this number
                gov = gov_of.get(id(prev))
                k = statement_of.pop(id(prev), None)
                if k is not None:
                    out[k] = None
            elif prev is not None:
                # (the length first: the cheapest test, and the searches' inputs the longest)
                between = text[prev.tail_end:t.lead_start]
                if len(between) < 400 and LIST_SEPARATOR.search(between or ",") and \
                        LIST_LEAD.match(text[_last_separator(text, prev.tail_end, t.lead_start):t.lead_start]):
                    gov = gov_of.get(id(prev))
            elif after_semicolon[ci] and ci > 0:
                lead = text[clause_starts[ci]:t.lead_start]
                if LIST_LEAD.match(lead):
                    gov = head_gov.get(ci - 1)
        gov_of[id(t)] = gov
        if prev is None:
            head_gov[ci] = gov
        prev_in_clause[ci] = t
        if gov is None:
            continue
        if t.key == subject_key and gov.source is None:
            continue
        if gov.source is t or gov.source is not None and gov.source.is_law:
            continue  # a law cited by name is never a source (§7)
        source: Mention | PageSubject = SUBJECT if gov.source is None else gov.source
        actor = None
        if gov.source is None or gov.source.key == subject_key:
            voice = own_voice(gov)
            if voice is None:
                continue
            if isinstance(voice, Mention):
                if voice is t or voice.date and t.date and t.date > voice.date:
                    continue  # no document carries out one issued after it
                source = voice
            elif isinstance(voice, str):
                actor = voice
        ev_start = clause_starts[clause_of(gov.cue_start)]
        ev_end = max(clause_ends[ci], t.tail_end)
        statement_of[id(t)] = len(out)
        out.append(Statement(source, t, gov.type, (ev_start, ev_end), gov.cue,
                             (gov.cue_start, gov.cue_end), (t.lead_start, t.end), actor))

    out = [st for st in out if st is not None]
    out.extend(_passive_relations(text, active, active_starts, clause_starts, clause_ends,
                                  clause_of, side, passive))
    return out


_AND_BETWEEN = f" {AND} "

# Between a law's name and its own number: "Luật Đầu tư công số 58/2024/QH15" (lower-cased)
_LAWS_OWN_NUMBER = re.compile(r"\s{0,3}(?:" + NUMBER_WORD + r"\s{0,2}:?\s{0,2})?")


def _last_separator(text: str, start: int, end: int) -> int:
    seg = text[start:end]
    idx = max(seg.rfind(","), seg.rfind(";"), seg.rfind(_AND_BETWEEN))
    return start + idx + 1 if idx >= 0 else start


def _source_for_cue(text: str, cue_start: int, prev: Mention | None,
                    gov_of: dict[int, _Governance | None],
                    clause_gov: _Governance | None) -> Mention | None:
    """The document being described where the cue stands: a previous document whose
    own description carries the cue ("43-KL/TW ... về tiếp tục thực hiện ..."; a law
    there: its statement is dropped, a law being never a source), or the subject (None)."""
    if prev is None:
        return None
    between = text[prev.tail_end:cue_start]
    if DESCRIPTION_COORDINATOR.search(text[max(prev.tail_end, cue_start - 40):cue_start]):
        # "... và triển khai X": a second verb of the clause's own actor, not of the
        # previous document's description
        return clause_gov.source if clause_gov else None
    if len(between) > 160:
        return None
    return prev


def _parenthetical_source(text: str, t: Mention, active: list[Mention],
                          starts: list[int]) -> Mention | None:
    """"... về triển khai thực hiện Thông báo số 263 ... (tại Văn bản số 3859 ...)": the
    direction that carries the cue is the document named in the parenthesis (the
    first of `active`, sorted by their `starts`, within 40 characters)."""
    m = PAREN_AT.match(text, t.tail_end)
    if not m:
        return None
    i = bisect.bisect_left(starts, m.end())
    while i < len(active) and starts[i] <= m.end() + 40:
        if not active[i].is_law:
            return active[i]
        i += 1
    return None


def _first_number(active: list[Mention], starts: list[int], item: int) -> Mention | None:
    """The first number of the list item starting at `item`, after laws' names at most
    ("2. Luật Giáo dục nghề nghiệp số 74/2014/QH13": the law's own number)."""
    i = bisect.bisect_left(starts, item)
    while i < len(active) and starts[i] <= item + _ITEM_NUMBER_REACH:
        if not active[i].is_law:
            return active[i]
        i += 1
    return None


_ITEM_NUMBER_REACH = 150


# A line that opens with a date ("12/3/2020 Văn bản ... bị thay thế bởi ...")
_LINE_DATE = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{4}\s")


def _passive_relations(text, active, starts, clause_starts, clause_ends, clause_of, side,
                       passive: list[PassiveCue]) -> list[Statement]:
    """The statements of passive cues (the acting document after the cue, the target
    before it, or `SUBJECT`). Each cue costs a look at the few numbers around it
    (found by bisection), so a page is processed in time linear in its length."""
    out = []
    line_start = 0
    newline_seen_to = 0       # the cues come in order: each line break is looked for once
    dated_lines: dict[int, int] = {}
    for c in passive:
        c_start, c_end = c.begin, c.finish
        if in_spans(c_start, side):
            continue
        cue_text = SPACES.sub(" ", c.cue).lower()
        rel_type = P.PASSIVE_TYPES.get(cue_text)
        if rel_type is None:
            continue
        ci = clause_of(c_start)
        # the acting document follows the cue: its lead starts at most 40 characters
        # after the cue, so it starts at most `LEAD_REACH` further
        actor = None
        i = bisect.bisect_left(starts, c_end)
        while i < len(active) and starts[i] <= c_end + 40 + LEAD_REACH:
            m = active[i]
            if c_end <= m.lead_start <= c_end + 40 and not m.is_law:
                actor = m
                break
            i += 1
        # "được sửa đổi, bổ sung bởi:" and a list: each item's first number acts
        actors = [actor] if actor is not None else []
        for item in list_items_after(text, c_end):
            first = _first_number(active, starts, item)
            if first is not None and first is not actor:
                actors.append(first)
        if not actors:
            continue
        actor = actors[0]
        # the target: the last document of the clause that ends before the cue
        target = None
        j = bisect.bisect_left(starts, c_start) - 1
        while j >= 0 and starts[j] >= clause_starts[ci]:
            m = active[j]
            if m.end <= c_start and m is not actor:
                target = m
                break
            j -= 1
        if c_start < newline_seen_to:
            newline_seen_to = 0
        nl = text.rfind("\n", newline_seen_to, c_start)
        if nl >= 0 or newline_seen_to == 0:
            line_start = nl + 1
        newline_seen_to = c_start
        if target is not None and target.end < line_start:
            if line_start not in dated_lines:
                dm = _LINE_DATE.match(text, line_start)
                dated_lines[line_start] = dm.end() if dm else -1
            dated = 0 <= dated_lines[line_start] <= c_start
        if target is None or target.end < line_start and dated:
            target = SUBJECT
        for actor in actors:
            ev_end = max(clause_ends[ci], actor.tail_end) if actor is actors[0] \
                else clause_ends[clause_of(actor.start)]
            out.append(Statement(actor, target, rel_type, (clause_starts[ci], ev_end), c.cue,
                                 (c_start, c_end), (actor.lead_start, actor.end)))
    return out

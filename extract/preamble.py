"""Who a cue of the page's own voice speaks for (§7): a preamble's main clause
("Thực hiện X, UBND tỉnh đã ban hành Kế hoạch số Y" -> Y is the source; "Thực hiện X,
UBND xã tổ chức hội nghị" -> another body's act), and statements about past work
("Trong những năm qua, thực hiện X, ...": no relation from the subject)."""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from extract import patterns as P
from extract.grammar import (
    ACTING_VERBS, DONE_WORD, ISSUING_VERBS, PAST_WORK_PERIODS, PAST_WORK_SPAN,
    PREAMBLE_CONTINUATIONS, RECENTLY_WORD, REPORTING_VERBS, YEAR_WORD,
)
from extract.issuers import scan_issuer
from extract.mentions import Mention
from extract.patterns import alternation, trie

# A cue that opens its sentence: nothing but a bullet or an item's number between it and
# the line's start, a full stop or a table's bar (searched with `endpos` at the cue)
_OPENS_SENTENCE = re.compile(r"(?:^|[\n.|]|\d\.)[ \t\-+\u2022*]{0,6}$")

# Where a main clause's actor may start: after a comma or semicolon, or at the start
# of a sentence that goes on with the preamble ("Trên cơ sở đó, "). Each branch opens
# with one plain character, so the regex engine skips ahead to those in C ("[,;]" as
# the first branch's head would make it try every position).
_ACTOR_SLOT = re.compile(
    "|".join(sep + r"\s{0,3}(?=" + P.ISSUER_HEAD.pattern + r")" for sep in (",", ";"))
    + r"|\.\s{1,3}(?:" + alternation(PREAMBLE_CONTINUATIONS) + r")\s{0,3},?\s{0,3}")

# The verb right after an actor's name that issues a document (lower-cased)
_LEAD = r"\s{1,3}(?:(?:" + DONE_WORD + "|" + RECENTLY_WORD + r")\s{1,3})?"
_ISSUING_VERB = re.compile(
    _LEAD + "(?:" + alternation({v.lower() for v in REPORTING_VERBS + ISSUING_VERBS}) + r")(?!\w)")
# A sentence that goes on with the one before: "Trên cơ sở đó, ..."
_GOES_ON = re.compile(r"\s{0,3}(?:" + alternation(PREAMBLE_CONTINUATIONS) + r")(?!\w)")
# ... or does something else (lower-cased)
_ACTING_VERB = re.compile(_LEAD + "(?:" + alternation({v.lower() for v in ACTING_VERBS}) + r")(?!\w)")

# How far the main clause may stand from its preamble's cue
_MAIN_CLAUSE_REACH = 1000
# How far after the issuing verb the issued document's lead starts
_ISSUED_GAP = 4

# a period already spent ("những năm qua"), or a span of it ("sau 5 năm"), lower-cased
# (tries, whose word-start test stands after the first letter: the regex engine skips
# ahead to the phrases' first letters, where a leading `(?<!\w)` would try every position)
_PAST = re.compile(
    r"(?:" + trie(PAST_WORK_PERIODS) + r"|" + trie(PAST_WORK_SPAN[0])
    + r"\s{1,3}(?:\d{1,2}|" + alternation(PAST_WORK_SPAN[2]) + r")\s{1,3}(?:"
    + alternation(PAST_WORK_SPAN[1]) + r"))(?!\w)")
_YEAR = re.compile(r"(?<!\w)" + YEAR_WORD + r"\s{1,3}\d{4}(?!\d)")
_DONE_BEFORE = re.compile(r"(?<!\w)" + DONE_WORD + r"(?:\s{1,3}\w{1,12}){0,2}\s{1,3}$")
# How far back in its clause a cue looks for the marks of past work
_PAST_REACH = 200


class MainClause(NamedTuple):
    """A preamble's main clause: the body that acts (as written), whether its verb issues
    a document, and the numbered document it issues (None: none, or unnumbered)."""

    actor: str
    issues: bool
    issued: Mention | None


def opens_sentence(text: str, cue_start: int) -> bool:
    """Whether the cue at `cue_start` opens its sentence (a preamble's cue)."""
    return _OPENS_SENTENCE.search(text, max(0, cue_start - 8), cue_start) is not None


def main_clause(text: str, low: str, cue_end: int, region_end: int, mentions: list[Mention],
                starts: list[int], masked_at) -> MainClause | None:
    """The main clause of the preamble whose cue ends at `cue_end`, read up to
    `region_end` (the preamble's sentence, with the sentence that goes on with it):
    the first body after a comma, outside every document's number (`masked_at`), whose
    name is followed by a verb that issues a document or does something else. `mentions` are sorted, `starts` their starts."""
    end = min(region_end, cue_end + _MAIN_CLAUSE_REACH)
    for slot in _ACTOR_SLOT.finditer(text, cue_end, end):
        pos = slot.end()
        if masked_at(pos) or not P.ISSUER_HEAD.match(text, pos):
            continue
        actor, name_end = scan_issuer(text, pos, end)
        if not actor:
            continue
        verb = _ISSUING_VERB.match(low, name_end, end)
        if verb is None:
            if _ACTING_VERB.match(low, name_end, end):
                return MainClause(actor, False, None)
            continue
        issued = None
        i = bisect.bisect_left(starts, verb.end())
        while i < len(mentions) and starts[i] <= verb.end() + _ISSUED_GAP + 60:
            m = mentions[i]
            if not m.is_law and verb.end() <= m.lead_start <= verb.end() + _ISSUED_GAP:
                issued = m
                break
            i += 1
        return MainClause(actor, True, issued)
    return None


def about_past_work(low: str, clause_start: int, cue_start: int) -> bool:
    """Whether the cue at `cue_start` stands in a statement about past work: a period
    already spent before it in its clause ("Trong những năm qua, thực hiện ...", "Sau
    5 năm thực hiện ..."), or a year and "đã" right before it ("năm 2020 đã thực hiện")."""
    floor = max(clause_start, cue_start - _PAST_REACH)
    if _PAST.search(low, floor, cue_start):
        return True
    done_floor = max(floor, cue_start - 40)
    return (low.find(DONE_WORD, done_floor, cue_start) >= 0
            and _DONE_BEFORE.search(low, done_floor, cue_start) is not None
            and _YEAR.search(low, floor, cue_start) is not None)


# How far a preamble's sentence may run on (over the list items after semicolons)
_SENTENCE_REACH = 1200


def sentence_end(text: str, ci: int, clause_starts: list[int], clause_ends: list[int],
                  after_semicolon: list[bool]) -> int:
    """The end of the sentence clause `ci` opens: its clause and the list items after
    semicolons, and a next sentence that goes on with it ("Trên cơ sở đó, ...")."""
    limit = clause_starts[ci] + _SENTENCE_REACH
    j = ci
    while j + 1 < len(clause_starts) and clause_ends[j + 1] <= limit and (
            after_semicolon[j + 1] or _GOES_ON.match(text, clause_starts[j + 1])):
        j += 1
    return clause_ends[j]

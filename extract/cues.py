"""Cue phrases (§7): the linear scan for active cues and for passive ones."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract import patterns as P
from extract.grammar import AND, GUIDANCE_NOUN_AFTER, GUIDANCE_NOUN_BEFORE, PASSIVE_AFTER, PASSIVE_BEFORE
from extract.page import joined_spans
from extract.normalize import lower_same_length
from extract.patterns import LINK_WORD, LIST_SEPARATOR, SPACES, alternation


@dataclass(slots=True)
class Cue:
    """A cue phrase, possibly several in a row ("tổ chức triển khai thực hiện")."""

    begin: int
    finish: int
    phrase: str
    type: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _name: str = "cue") -> str:
        return self.phrase


def _safe_chars(phrases) -> re.Pattern:
    """A character no match of a phrase scan can cover (neither a letter of the
    phrases nor a space): a scan that starts right after one finds what a scan from
    the text's start finds from there on. The pattern matches from a window's start
    up to and with the window's last such character (the greedy run gives back one
    character at a time, in C: linear in the window's length)."""
    chars = sorted(set("".join(phrases)))
    return re.compile("[\\s\\S]*[^\\s" + "".join(re.escape(c) for c in chars) + "]")


def _reach(phrases, extra: int = 0) -> int:
    """The longest a phrase scan's match can be (a space of a phrase matches up to
    three), plus `extra`, plus the character its end test looks at."""
    return max(len(k) + 2 * k.count(" ") for k in phrases) + extra + 2


_CUE_SAFE = _safe_chars(P.CUE_TYPES)


_CUE_REACH = _reach(P.CUE_TYPES)


# "đã " before the phrase, up to three spaces and "theo"/"bởi"/"tại"/"bằng" after it
PASSIVE_SAFE = _safe_chars(list(P.PASSIVE_TYPES) + [PASSIVE_BEFORE, *PASSIVE_AFTER])
PASSIVE_REACH = _reach(P.PASSIVE_TYPES, len(PASSIVE_BEFORE) + 3 + 3 + max(map(len, PASSIVE_AFTER)))


# The first words of the passive phrases ("được", "bị"): a match of `P.PASSIVE_CUE`
# holds one as written (only the phrases' spaces match more than themselves)
_PASSIVE_WORDS = tuple(sorted({k.split()[0] for k in P.PASSIVE_TYPES}))


def _has_passive_cue(low: str) -> bool:
    """Whether `P.PASSIVE_CUE` finds a match in `low`: whether one starts at one of the
    passive words (found by `str.find`; a match with "đã" before the phrase has the
    phrase alone start at its word). The regex engine would try every position."""
    for word in _PASSIVE_WORDS:
        at = low.find(word)
        while at >= 0:
            if P.PASSIVE_CUE.match(low, at):
                return True
            at = low.find(word, at + 1)
    return False


def passive_cues_near(text: str, low: str, regions: list[tuple[int, int]],
                      mentions) -> list[PassiveCue]:
    """The passive cues that matter: around the sorted `regions` (a window's cues) and
    right before each of `mentions` that is no law (its actor), see `matches_in_regions`.
    A page without a passive phrase (most pages: looked for at their words alone) is
    not scanned (the regions' scans find none where the whole text has none)."""
    if not _has_passive_cue(low):
        return []
    spans = [(max(0, a - PASSIVE_REACH), b) for a, b in regions]
    spans += [(max(0, m.lead_start - 40 - PASSIVE_REACH), m.lead_start + 1)
              for m in mentions if not m.is_law]
    spans.sort()
    return passive_cues(text, low, matches_in_regions(
        P.PASSIVE_CUE, PASSIVE_SAFE, PASSIVE_REACH, text, low, spans))


_NOT_SPACE = re.compile(r"\S")


def matches_in_regions(pattern: re.Pattern, safe: re.Pattern, reach: int, text: str, low: str,
                       regions: list[tuple[int, int]], keep=None,
                       follow_runs: bool = False) -> list[re.Match]:
    """The matches of a phrase scan (`pattern` on `low`, those `keep(start)` accepts)
    that a scan of the whole text finds starting inside the sorted `regions`, with
    some found around them. With `follow_runs`, a run of kept matches separated by
    spaces only (cues that read as one, see `merge_adjacent_cues`) that goes on past
    a region's end is followed to its end.

    Each region's scan starts after the last character before it that `safe` says no
    match covers (`safe` matches up to and with the last of a window, see
    `_safe_chars`; so it sees what the whole scan sees), stops `reach` past its end,
    and never goes back over text already scanned: linear in the text's length.
    """
    out: list[re.Match] = []
    pos = 0             # the whole scan's matches before `pos` have all been seen
    last_end = -1       # the end of the last kept match, for runs
    n = len(low)
    for a, b in joined_spans(regions, _JOIN_GAP):
        if b <= pos or a >= b:
            continue
        if pos < a:
            # the last safe character before the region: most often among the few
            # characters before it; only when none is there is the rest looked at
            near = max(pos, a - _SAFE_LOOKBACK)
            sm = safe.match(low, near, a)
            if sm is None and near > pos:
                sm = safe.match(low, pos, near)
            if sm is not None:
                pos = sm.end()
        seen_to = pos
        for m in pattern.finditer(low, pos, min(n, b + reach)):
            s, e = m.span()
            if s >= b:
                break
            seen_to = e
            if keep is None or keep(s):
                out.append(m)
                last_end = e
        pos = max(b, seen_to)
        # a run that goes on past the region: the whole scan's next match starts at
        # the first non-space after the run (the phrases open with a letter)
        while follow_runs and last_end == seen_to:
            q = _NOT_SPACE.search(text, last_end)
            if q is None or q.start() < b:
                break
            m = pattern.match(low, q.start())
            if m is None or (keep is not None and not keep(q.start())):
                break
            out.append(m)
            last_end = seen_to = pos = m.end()
    return out


# How far before a region the safe character is looked for first (forward, without
# reversing the text)
_SAFE_LOOKBACK = 64

# Regions closer than this are scanned as one: the text between costs less to scan
# than a scan's start.
_JOIN_GAP = 200


def cue_spans(text: str, low: str, regions: list[tuple[int, int]], keep) -> list[tuple[int, int]]:
    """The spans of the cue phrases `keep(start)` accepts that a scan of the whole
    text finds starting inside the sorted `regions` (with runs of cues followed to
    their end, and some found around them): see `matches_in_regions`."""
    return [m.span() for m in matches_in_regions(P.CUE, _CUE_SAFE, _CUE_REACH, text, low,
                                                   regions, keep, follow_runs=True)]


def merge_adjacent_cues(text: str, spans: list[tuple[int, int]]) -> list[Cue]:
    """Cues (spans of `text`) separated only by spaces read as one; the first names
    the type."""
    out: list[Cue] = []
    runs: list[Cue] = []   # cues that took in the next: their phrase is set at the end
    for start, end in spans:
        if out and not text[out[-1].finish:start].strip():
            prev = out[-1]
            if not runs or runs[-1] is not prev:
                runs.append(prev)
            prev.finish = end
            continue
        phrase, rel_type = _cue_phrase(text[start:end])
        out.append(Cue(start, end, phrase, rel_type))
    for run in runs:  # once per run (per cue added it was quadratic in the run's length)
        run.phrase = SPACES.sub(" ", text[run.begin:run.finish])
    return out


def coordinated_head(text: str, cues: list[Cue]) -> Cue:
    """The first of the last cues of `cues` that are of one type and joined by a comma
    or "và" alone ("quy định chi tiết và hướng dẫn"): they speak for one source."""
    k = len(cues) - 1
    while k > 0 and cues[k - 1].type == cues[k].type \
            and text[cues[k - 1].finish:cues[k].begin].strip() in _RUN_JOINERS:
        k -= 1
    return cues[k]


@functools.lru_cache(maxsize=1024)
def _cue_phrase(written: str) -> tuple[str, str]:
    """A cue as written -> (the phrase with spaces collapsed, its relation type)."""
    phrase = SPACES.sub(" ", written)
    return phrase, P.CUE_TYPES[phrase.lower()]


GUIDES = "GUIDES"

_RUN_JOINERS = frozenset({",", AND})

# "theo hướng dẫn tại Công văn số 12", "các văn bản hướng dẫn", "hướng dẫn của Bộ" (lower-cased)
_NOUN_BEFORE = re.compile(r"(?<!\w)(?:" + alternation(GUIDANCE_NOUN_BEFORE) + r")\s{1,3}$")
_NOUN_AFTER = re.compile(r"\s{1,3}(?:" + alternation(GUIDANCE_NOUN_AFTER) + r")(?!\w)")


# The last words of `P.NEGATION`'s phrases ("không", "dừng"): a stretch it matches ends,
# its spaces stripped, with one of them (a test of a few characters before the search)
_NEGATION_PHRASES = re.fullmatch(r"\(\?<!\\w\)\(\?:([^()]*)\)\\s\{1,3\}\$", P.NEGATION.pattern)
if _NEGATION_PHRASES is None:
    raise ValueError(f"P.NEGATION is no longer one alternation of phrases: {P.NEGATION.pattern!r}")
_NEGATION_LAST_WORDS = tuple(sorted({p.split()[-1] for p in _NEGATION_PHRASES.group(1).split("|")}))
_NEGATION_REACH = 16


def negated(low: str, start: int) -> bool:
    """Whether a negation ("không", "tạm dừng") stands right before the cue at `start`
    (in the lower-cased text)."""
    floor = max(0, start - _NEGATION_REACH)
    return low[floor:start].rstrip().endswith(_NEGATION_LAST_WORDS) \
        and P.NEGATION.search(low, floor, start) is not None


def guidance_as_noun(low: str, start: int, end: int) -> bool:
    """Whether a guiding cue (`low[start:end]`) stands as a noun, the guidance another
    document gives ("theo hướng dẫn tại ...", "hướng dẫn của Bộ ..."): no cue then."""
    return (_NOUN_BEFORE.search(low, max(0, start - 16), start) is not None
            or _NOUN_AFTER.match(low, end) is not None)


# How far a cue reaches its target: across this many characters, or more when a link word
# ("theo", "tại", "của") ties the target to the cue's object
_GAP_MAX = 110
_GAP_MAX_LINKED = 200


def object_ended(gap: str) -> bool:
    """Whether the words between a cue and a document are the cue's whole object, the
    document coordinated after it ("triển khai công tác cải cách hành chính và ")."""
    sep = LIST_SEPARATOR.search(gap)
    return sep is not None and _WORD.search(gap, 0, sep.start()) is not None


_WORD = re.compile(r"\w")


def gap_allows(gap: str) -> bool:
    """Whether a cue reaches a target across the words between them."""
    flat = SPACES.sub(" ", gap)
    # the link word matters only for a gap longer than the plain reach
    if len(flat) > _GAP_MAX and (len(flat) > _GAP_MAX_LINKED or LINK_WORD.search(flat) is None):
        return False
    if P.BLOCKING.search(lower_same_length(flat)):
        return False
    return True


@dataclass(slots=True)
class PassiveCue:
    """A passive cue: its span (with "đã" before and "theo" after, when there) and
    the phrase itself as written."""

    begin: int
    finish: int
    cue: str


# A colon that ends the line of a cue, and the marker that opens a list item
_COLON_AT_LINE_END = re.compile(r"[ \t]{0,3}:[ \t]{0,3}\n")
_ITEM_MARKER = re.compile(r"[ \t]{0,6}(?:\d{1,2}[.)]|[a-z][)]|[-+*\u2022])[ \t]{1,4}")
_BLANK_LINES = re.compile(r"(?:[ \t]{0,8}\n){0,3}")
_LIST_ITEMS_MAX = 30
_ITEM_LINE_MAX = 1000


def list_items_after(text: str, pos: int) -> list[int]:
    """Where the items of a list introduced at `pos` by a colon at the line's end start
    (after their markers: "1. ", "- "); [] when no such list follows. The list ends at
    the first line that is no item; at most `_LIST_ITEMS_MAX` items, each one line."""
    colon = _COLON_AT_LINE_END.match(text, pos)
    if colon is None:
        return []
    items = []
    line = colon.end()
    while len(items) < _LIST_ITEMS_MAX:
        line = _BLANK_LINES.match(text, line).end()
        marker = _ITEM_MARKER.match(text, line)
        if marker is None:
            break
        items.append(marker.end())
        nl = text.find("\n", marker.end(), marker.end() + _ITEM_LINE_MAX)
        if nl < 0:
            break
        line = nl + 1
    return items


def passive_cues(text: str, low: str, matches=None) -> list[PassiveCue]:
    """The passive cues ("đã được sửa đổi, bổ sung theo") of `matches` (of
    `P.PASSIVE_CUE` on `low`), by default every one of the text."""
    out = []
    for m in P.PASSIVE_CUE.finditer(low) if matches is None else matches:
        start, end = m.span()
        lead = P.PASSIVE_LEAD.match(low, start)
        cue_start = lead.end() if lead else start
        cue_end = m.start("by") if m.group("by") else end
        out.append(PassiveCue(start, end, text[cue_start:cue_end]))
    return out

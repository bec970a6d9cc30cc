"""Document identity: which real document a mention of a number stands for.

A number is not a document. The same `số hiệu` names different documents depending on
its numbering series, and each series restarts on its own schedule:

* **Numbers with a year** (`59/2023/NĐ-CP`, `88/2019/QH14`) are unique: the key is
  the number itself (`number_key`). Local ones (`12/2020/QĐ-UBND`) are still scoped
  by their locality, since every province has its own series.
* **State numbers without a year** (`33/CT-TTg`, `124/KH-UBND`) restart every
  calendar year: the mention's date gives the year. Key `33/CT-TTG#2021`.
* **Party numbers** (`05-CT/TW`, `35-CT/TU`) restart every term (khóa): the
  mention's date gives the term (`TERMS`, from the national congresses; local
  Party committees use the provincial congress cycle, `LOCAL_TERMS`). A term written
  in the issuer (`Bộ Chính trị khóa XII`) decides as well. Key `05-CT/TW#XII`.
* **Local numbers** (`/KH-UBND`, `-CT/TU`, `-KH/HU`, `/QĐ-UBND`, `-KH/BDVTU`)
  belong to one province's or district's bodies, so the key also carries the issuing
  locality (`35-CT/TU@Ninh Thuận#2020`). The locality comes from the mention's
  issuer (`Ban Thường vụ Tỉnh ủy Ninh Thuận`, `Huyện ủy Cam Lộ`), or, where the
  issuer says only `Tỉnh ủy` / `UBND tỉnh`, from the page's province (graph/localities.py).
* **Across the 2025 merger** (graph/provinces.py) a document keeps the locality of the body
  that issued it, when it issued it (`21/KH-UBND@Bắc Kạn#2025` stays Bắc Kạn's on the Thái
  Nguyên portal); a merged province's new bodies number anew from 2025-07-01, so their
  numbers of that year or term get the series `#2025-07-01` (`5/KH-UBND@Thái
  Nguyên#2025-07-01` is not the former Thái Nguyên's `5/KH-UBND@Thái Nguyên#2025`).

A mention that carries everything its series needs is **decided**: its key follows
from the mention alone (reason e.g. "state number; year 2021 from the mention's date").
A mention that lacks something (no date, no locality) is **partial** and is resolved
against the decided documents of the same number (`resolve_partial`):

1. candidates are the documents with the same number whose known facts do not
   contradict the mention (same locality/year/term where the mention knows them; the
   issuer matches loosely; the document is not dated after the page that cites it);
2. if the same citing document names one candidate with full detail elsewhere, that
   settles it ("settled by ...");
3. exactly one candidate: the mention links to it ("only known candidate");
4. several: the mention stays an **unresolved reference** recording its candidates,
   ranked (closest date before the citing page first) - nothing is merged on a guess;
5. none: the mention gets a **provisional** document of its own (key
   `05-CT/TW?bo chinh tri`), shared only by partial mentions that know the same
   facts. A later page that decides the number turns it into case 2-4.

Resolution is a pure function of all mentions of one number (`number_key`), so the
result never depends on the order pages were loaded in, and reloading changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date, timedelta

from extract.normalize import fold, issuer_key, issuers_match, number_key, split_number

from graph.localities import former_body, locality_of  # noqa: F401  (part of this API)
from graph.provinces import MERGER_DATE, merged_anew

# --- series --------------------------------------------------------------------------

# Codes of central Party bodies: numbers restart every national term.
CENTRAL_PARTY_CODES = frozenset({
    "TW", "BDVTW", "BTGTW", "BTCTW", "UBKTTW", "DUCA", "DUQSTW", "BCSDCP", "VPTW",
    "BNCTW", "DUKCCQTW", "DUKDNTW",
})
# Codes of local Party bodies (provincial: TU; district: HU, QU, TU of a city ...).
LOCAL_PARTY_CODES = frozenset({
    "TU", "HU", "QU", "TXU", "THU", "DU", "DUK", "BDVTU", "BTGTU", "BTCTU", "UBKTTU",
    "BDVHU", "BTGHU", "BTCHU", "UBKTHU", "VPTU", "BNCTU", "TU-BDVTU",
})
# District-level codes: the locality must name a district, not only a province.
DISTRICT_CODES = frozenset({"HU", "QU", "TXU", "THU", "BDVHU", "BTGHU", "BTCHU", "UBKTHU"})
# Codes of local State bodies (people's committees, councils, their departments).
LOCAL_STATE_CODES = frozenset({
    "UBND", "HDND", "BCSDUBND", "UBMTTQ", "SNV", "STC", "SYT", "STTTT", "SVHTTDL",
    "SGDDT", "SNN", "SNNPTNT", "STNMT", "SXD", "SCT", "SLDTBXH", "SKHDT", "SKHCN", "STP",
    "SGTVT", "CAT", "TTDT",
})

# National Party congresses: a term begins when the new Central Committee is elected.
TERMS: tuple[tuple[str, str], ...] = (
    ("1991-06-27", "VII"), ("1996-07-01", "VIII"), ("2001-04-22", "IX"),
    ("2006-04-25", "X"), ("2011-01-19", "XI"), ("2016-01-28", "XII"),
    ("2021-02-01", "XIII"), ("2026-01-23", "XIV"),
)
# Provincial Party congresses run from about August to October of the year before the
# national one; 1 August is the boundary used (documents in those weeks are rare).
LOCAL_TERMS: tuple[tuple[str, str], ...] = tuple(
    (f"{y}-08-01", f"{y}-{y + 5}") for y in range(1995, 2030, 5)
)

_ROMAN = re.compile(r"\bkh[oó]a\s+([IVXL]+)\b", re.IGNORECASE)
_PARTY_STYLE = re.compile(r"^\d+[^\W\d_]*-")


def _fold_code(code: str) -> str:
    return code.upper().replace("Đ", "D")


def term_of(iso: str | None, *, local: bool = False) -> str | None:
    """The Party term a date falls in (`XIII`, or `2020-2025` for local bodies)."""
    if not iso:
        return None
    found = None
    for start, name in (LOCAL_TERMS if local else TERMS):
        if iso >= start:
            found = name
    return found


def term_from_issuer(issuer: str | None) -> str | None:
    """A term written in the issuer (`Bộ Chính trị khóa XII` -> `XII`), or None."""
    if not issuer:
        return None
    m = _ROMAN.search(issuer)
    return m.group(1).upper() if m else None


@dataclass(frozen=True)
class Series:
    """How one number's series restarts: what decides its identity."""

    party: bool          # Party-style number (`25-NQ/TW`): restarts every term
    local: bool          # belongs to one locality's bodies
    district: bool       # ... to a district's
    dated: bool          # the year is in the number: unique (within its locality)

    @property
    def name(self) -> str:
        scope = "local " if self.local else ""
        if self.dated:
            return scope + "number with its year"
        return scope + ("Party number" if self.party else "state number")


@lru_cache(maxsize=1 << 16)
def series_of(number: str) -> Series:
    """Classify a normalised number's series (see the module docstring)."""
    _, year, codes = split_number(number)
    folded = {_fold_code(c) for c in codes}
    party = bool(_PARTY_STYLE.match(number))
    local = bool(folded & (LOCAL_PARTY_CODES | LOCAL_STATE_CODES)) and not (
        folded & CENTRAL_PARTY_CODES)
    district = bool(folded & DISTRICT_CODES)
    return Series(party=party, local=local, district=district, dated=year is not None)


# --- mentions --------------------------------------------------------------------------

@dataclass
class Mention:
    """What one page says about one number: the input of identity resolution."""

    mid: str
    number: str
    kind: str | None = None
    date: str | None = None
    issuer: str | None = None
    page_province: str | None = None
    context_date: str | None = None   # the citing page's date: the document is not later
    citing: str | None = None         # node key of the citing document (the page's subject)
    role: str = "reference"

    number_key: str = field(init=False)
    _number_year: int | None = field(init=False, repr=False, compare=False)
    series: Series = field(init=False)
    locality: str | None = field(init=False)
    body: str | None = field(init=False)      # the issuer without the page's "(cũ)"
    former: bool = field(init=False)          # the page named the former body ("(cũ)")

    def __post_init__(self) -> None:
        self.number_key, self.series, self._number_year = _number_facts(self.number)
        self.body, self.former = former_body(self.issuer)
        self.locality = locality_of(self.series, self.issuer, self.page_province, self.date)

    @property
    def year(self) -> int | None:
        y = self._number_year
        if y is not None:
            return y
        return int(self.date[:4]) if self.date else None

    @property
    def term(self) -> str | None:
        if not self.series.party:
            return None
        if not self.series.local:
            written = term_from_issuer(self.issuer)
            if written:
                return written
        return term_of(self.date, local=self.series.local)


@lru_cache(maxsize=1 << 16)
def _number_facts(number: str) -> tuple[str, Series, int | None]:
    """(number key, series, year written in the number) of a normalised number."""
    _, year, _ = split_number(number)
    return number_key(number), series_of(number), year


@dataclass
class Decision:
    """Where a mention goes: a document key (or an unresolved reference) and why."""

    key: str                      # node key: a document, or `?ref:<mid>` when unresolved
    reason: str
    provisional: bool = False     # a document known only from partial mentions
    unresolved: bool = False
    candidates: list[str] = field(default_factory=list)


def decided_key(m: Mention) -> tuple[str, str] | None:
    """(key, reason) when the mention alone decides its document, else None.

    It depends on the number, issuer, page province and date alone (everything else of
    a mention is derived from them), so the answer is kept for those: a corpus names
    the same documents the same way on many pages, and a load asks twice per subject."""
    facts = (m.number, m.issuer, m.page_province, m.date)
    found = _DECIDED.get(facts, _UNKNOWN)
    if found is _UNKNOWN:
        if len(_DECIDED) >= _DECIDED_SIZE:
            _DECIDED.clear()
        found = _DECIDED[facts] = _decided_key(m)
    return found


_DECIDED: dict[tuple, tuple[str, str] | None] = {}
_DECIDED_SIZE = 1 << 16
_UNKNOWN = object()


def _decided_key(m: Mention) -> tuple[str, str] | None:
    s = m.series
    scope = ""
    if s.local:
        if not m.locality or m.locality.startswith("?"):
            return None
        scope = "@" + m.locality
    where = f" of {m.locality}" if s.local else ""
    if s.local and _new_series(m):
        # a merged province's new bodies numbered anew from the merger: their numbers of
        # that year (or term) are not their predecessors' of the same name
        return (f"{m.number_key}{scope}#{MERGER_DATE}", f"{s.name}{where}; a series of the "
                f"merged province's new bodies, begun {MERGER_DATE} (the mention's date {m.date})")
    if s.dated:
        return m.number_key + scope, f"{s.name}{where}: the number is unique"
    if s.party:
        t = m.term
        if not t:
            return None
        source = "issuer" if term_from_issuer(m.issuer) and not s.local else f"date {m.date}"
        return f"{m.number_key}{scope}#{t}", f"{s.name}{where}; term {t} from the mention's {source}"
    if not m.date:
        return None
    return (f"{m.number_key}{scope}#{m.date[:4]}",
            f"{s.name}{where}; year {m.date[:4]} from the mention's date {m.date}")


_BEFORE_MERGER = (date.fromisoformat(MERGER_DATE) - timedelta(days=1)).isoformat()


def _new_series(m: Mention) -> bool:
    """Whether a local mention's number is of a merged province's new bodies AND falls in
    a series (year, term, the year in the number) that also held the former bodies'
    numbers: those two would otherwise share keys."""
    if not merged_anew(m.locality, m.date):
        return False
    if m.series.dated:
        return m._number_year == int(MERGER_DATE[:4])
    if m.series.party:
        return m.term == term_of(_BEFORE_MERGER, local=True)
    return m.date[:4] == MERGER_DATE[:4]


@dataclass
class KnownDocument:
    """A decided document of the same number, as partial mentions see it."""

    key: str
    date: str | None
    year: int | None
    term: str | None
    locality: str | None
    issuer: str | None


def _compatible(m: Mention, d: KnownDocument) -> bool:
    if m.locality and d.locality and m.locality != d.locality:
        return False
    if m.series.local and not m.locality and m.page_province and d.locality:
        # an issuer-less local mention may still name another province: no veto
        pass
    if m.date and d.year is not None and not m.series.dated and not m.series.party \
            and int(m.date[:4]) != d.year:
        return False
    if m.series.party and m.term and d.term and m.term != d.term:
        return False
    if m.body and d.issuer and not issuers_match(m.body, d.issuer):
        return False
    if m.former and d.date and d.date >= MERGER_DATE:
        return False   # "(cũ)": the former body, so a document issued before the merger
    if m.context_date and d.date and d.date > m.context_date:
        return False
    if m.date and d.date and m.series.local and d.locality \
            and merged_anew(d.locality, max(m.date, d.date)) \
            and (m.date >= MERGER_DATE) != (d.date >= MERGER_DATE):
        return False   # one of a merged province's former bodies, one of its new ones
    if m.context_date and d.date is None and d.year is not None \
            and d.year > int(m.context_date[:4]):
        return False
    return True


def _rank_key(m: Mention, d: KnownDocument) -> tuple:
    """Closest date before the citing page first; undated last; then by key."""
    ref = m.context_date or "9999-12-31"
    if d.date:
        gap = (date.fromisoformat(ref[:10]) - date.fromisoformat(d.date)).days \
            if ref != "9999-12-31" else -int(d.date.replace("-", ""))
        return (0, gap, d.key)
    return (1, 0, d.key)


def provisional_key(m: Mention) -> str:
    """Key of the provisional document that partial mentions with no candidate share."""
    parts = [m.number_key, "?"]
    if m.locality:
        parts.append("@" + m.locality)
    if m.series.party and m.term:
        parts.append("#" + m.term)
    elif m.date:
        parts.append("#" + m.date[:4])
    if m.body:
        parts.append(issuer_key(m.body))
    return "".join(parts)


def unresolved_key(mid: str) -> str:
    return "?ref:" + mid


def resolve_partial(m: Mention, known: list[KnownDocument],
                    settled: dict[str, str] | None = None) -> Decision:
    """Decide a partial mention against the decided documents of its number.

    `settled` maps a citing document's key to the document key it names with full
    detail elsewhere (same number): that settles an ambiguous mention.
    """
    candidates = sorted((d for d in known if _compatible(m, d)), key=lambda d: _rank_key(m, d))
    keys = [d.key for d in candidates]
    if settled and m.citing and settled.get(m.citing) in keys:
        chosen = settled[m.citing]
        return Decision(chosen, f"settled: the citing document {m.citing} names {chosen} "
                                "with full detail on another page")
    if len(candidates) == 1:
        return Decision(keys[0], "only known candidate: the mention lacks "
                        + _missing(m) + "; one compatible document of this number")
    if len(candidates) > 1:
        return Decision(unresolved_key(m.mid), f"ambiguous: {len(keys)} compatible documents "
                        "and the mention lacks " + _missing(m), unresolved=True, candidates=keys)
    return Decision(provisional_key(m), "provisional: the mention lacks " + _missing(m)
                    + "; no decided document of this number matches", provisional=True)


def _missing(m: Mention) -> str:
    wants = []
    if m.series.local and not m.locality:
        wants.append("its locality")
    if not m.series.dated and not m.date and not (m.series.party and m.term):
        wants.append("a date")
    return " and ".join(wants) or "deciding facts"


def mention_id(page_key: str, role: str, number: str) -> str:
    """Stable id of a mention: page, role and number (a page names a number once)."""
    return hashlib.sha1(f"{page_key}\x1f{role}\x1f{number_key(number)}".encode()).hexdigest()[:20]


def law_key(name: str) -> str:
    """Identity of a law cited by name: folded name (`luat thuc hien dan chu o co so`)."""
    return "law:" + re.sub(r"[^\w ]+", " ", fold(name)).strip()


def resolve_groups(partials: dict[str, list[Mention]], known: dict[str, list[KnownDocument]],
                   settled: dict[str, dict[str, str]]) -> dict[str, Decision]:
    """Decide every partial mention of the given numbers.

    `partials`: number key -> its partial mentions; `known`: number key -> its decided
    documents; `settled`: number key -> {citing document key: decided document key}.
    Returns mention id -> Decision. Pure: same input, same output.
    """
    out: dict[str, Decision] = {}
    for nk in sorted(partials):
        docs = known.get(nk, [])
        for m in sorted(partials[nk], key=lambda m: m.mid):
            out[m.mid] = resolve_partial(m, docs, settled.get(nk))
    return out

"""The document the page is (a full text's header) or reports (a news sentence) (§2)."""

from __future__ import annotations

import re
from typing import NamedTuple

from extract import patterns as P
from extract.grammar import DISTRICT_PARTY_COMMITTEES, HISTORY_HEADING, OTHER_KIND, PEOPLE
from extract.issuers import (
    RULE_LINE, complete_issuer, header_issuer, is_caps_line, issuer_name, locality_of,
    scan_issuer, sentence_case,
)
from extract.mentions import COMMA_GAP, Mention, date_of
from extract.model import Subject
from extract.normalize import iso_date
from extract.page import Page
from extract.patterns import (
    ABOUT, ACTOR_VERB, BODY_LINE, BODY_OPENING, OPENING_BEFORE, ORGAN_LINE, PEOPLE_OR_PARTY_END,
    SPACES, TITLE_ABOUT, TITLE_STOP, VERB_TITLE,
)


def _signer(text: str) -> str | None:
    """The name under the signature block ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Hoàng Thu Trang")."""
    tail_start = max(0, len(text) - 3000)
    last = None
    for m in P.SIGNATURE.finditer(text, tail_start):
        last = m
    if last is None:
        return None
    lines = text[last.start():last.start() + 400].split("\n")
    for line in lines[1:10]:
        clean = line.strip(" |\t")
        if not clean or clean.startswith(("(", "[")) or P.SIGNATURE.match(clean):
            continue
        words = clean.split()
        if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in clean):
            continue
        if all(w[0].isupper() and (w[1:].islower() or len(w) == 1) for w in words):
            return clean
        if clean.isupper() and len(words) >= 2 and not BODY_LINE.match(clean) \
                and not P.SIGNATURE_BODY_LINE.match(clean):
            return " ".join(w[:1] + w[1:].lower() for w in words)
    return None


def _title_after(text: str, pos: int, limit: int) -> str | None:
    """The trích yếu after "về việc" / "về" in the subject's sentence, or the verb
    phrase that follows the number."""
    vm = VERB_TITLE.match(text, pos, limit)
    m = ABOUT.match(text, pos, limit) if vm is None else None
    if vm is not None:
        end = vm.end()
    elif m is None:
        return None
    # the "về" must belong to the subject, not to another number cited in between
    elif P.NUMBER.search(text, pos, m.start() + len(m.group()) - 3):
        return None
    else:
        end = m.end()
    sm = TITLE_STOP.search(text, end, min(limit, end + 600))
    title_end = sm.start() if sm else min(limit, end + 600)
    title = SPACES.sub(" ", text[end:title_end]).strip(" ,")
    if len(title) < 4:
        return None
    return title[:1].upper() + title[1:]


def _headline(text: str) -> str | None:
    """The article's headline: the longest of the first few lines."""
    lines = []
    for ln in (ln.strip() for ln in text[:3000].split("\n")[:8]):
        if P.NUMBER.search(ln) or len(ln) > 300:
            break  # the body has begun
        words = [w for w in ln.split() if w[:1].isalpha()]
        if len(words) >= 4 and ln[:1].isupper() and not ln.endswith(":"):
            lines.append(ln)
    if not lines:
        return None
    best = max(lines, key=len)
    best = re.sub(r"\s*\(\d{1,2}/\d{1,2}/\d{4}.*\)\s*$", "", best).strip().rstrip(".")
    # "Huyện ủy Cam Lộ chỉ đạo đẩy mạnh ..." -> "Đẩy mạnh ..."
    # "Huyện ủy Cam Lộ triển khai ..." -> "Triển khai ..."
    if P.ISSUER_HEAD.match(best):
        _, end = scan_issuer(best, 0, len(best))
        rest = best[end:].lstrip()
        if rest[:1].islower():
            best = P.HEADLINE_VERB.sub("", rest)
    best = best.strip()
    return best[:1].upper() + best[1:] if best else None


def _actor_before(text: str, verb_start: int, floor: int) -> tuple[int, int] | None:
    """The body whose name runs right up to a verb ("UBND tỉnh Đắk Lắk ban hành")."""
    for hm in P.ISSUER_HEAD.finditer(text, floor, verb_start):
        name, end = scan_issuer(text, hm.start(), verb_start + 1)
        if name and text[end:verb_start].strip(" ,") == "":
            return hm.start(), end
    return None


_PUNCT_END = re.compile(r"[.;:]$")


class SubjectFind(NamedTuple):
    """The page's subject and the mention of its number it was read from."""

    subject: Subject
    mention: Mention


# what may stand before a headline's citation: spaces, dashes and bullets
_BULLETS = " \t-•*"


def find_subject(page: Page, mentions: list[Mention]) -> SubjectFind | None:
    """The document the page is (a full text's header) or reports (a news sentence)."""
    text, province, district = page.text, page.province, page.district
    body_mentions = [m for m in mentions if not m.in_side_list and not m.is_law]
    by_start = {m.start: m for m in body_mentions}
    # 1. a full text: "Số: 21/KH-UBND" near the top
    for hm in P.HEADER_NUMBER.finditer(text, 0, min(len(text), 4000)):
        m = by_start.get(hm.end())
        if m is None:
            nm = P.NUMBER.match(text, hm.end())
            m = by_start.get(nm.start()) if nm else None
        if m is None:
            continue
        return SubjectFind(_full_text_subject(text, m, province), m)
    # 2. a legal database's history page: "Lịch sử hiệu lực: Nghị định 28/CP"
    for m in body_mentions if HISTORY_HEADING in text else ():
        if P.HISTORY_LEAD.search(text[max(0, m.start - 60):m.start]):
            row = re.search(P.HISTORY_ISSUED_ROW + re.escape(text[m.start:m.end]), text)
            date = None
            if row:
                d, mo, y = row.group(1).split("/")
                date = iso_date(int(d), int(mo), int(y))
            return SubjectFind(Subject(m.number, m.kind, date=date, start=m.start, end=m.end), m)
    # 3. a news sentence: "UBND tỉnh ... ban hành Kế hoạch số 124/KH-UBND ..."
    for m in body_mentions:
        lead = text[max(0, m.lead_start - 40):m.lead_start]
        opening = OPENING_BEFORE.search(lead)
        reporting = P.REPORTING.search(lead)
        if not (reporting or opening) or m.word_kind is None and m.kind is None:
            continue
        return SubjectFind(_news_subject(text, m, reporting is not None, province, district), m)
    # 4. a headline that is the document's own citation: "Kế hoạch số 45/KH-UBND ngày ..."
    first_line_end = text.find("\n")
    if first_line_end < 0 or len(text) - first_line_end < 40:
        return None  # a headline needs a body under it
    for m in body_mentions:
        if m.start > first_line_end:
            break
        if m.word_kind and not text[:m.lead_start].strip(_BULLETS):
            return SubjectFind(_news_subject(text, m, False, province, district), m)
    return None


def _full_text_subject(text: str, m: Mention, province: str | None) -> Subject:
    after = text[m.end:m.end + 1200]
    date = None
    dm = P.PLACE_DATE.search(after, 0, 300)
    if dm:
        date = date_of(dm)
    kind = m.kind
    title = None
    body_start = m.end + (dm.end() if dm else 0)
    tm = P.TYPE_LINE.search(text, body_start, body_start + 300)
    title_from = body_start
    if tm:
        type_kind = P.TYPE_LINE_CODES.get(SPACES.sub(" ", tm.group("type")))
        if type_kind and (kind in (None, OTHER_KIND, "CV") or not m.number[:1].isdigit()):
            kind = type_kind
        title_from = tm.end()
    lines = text[title_from:title_from + 1500].split("\n")
    title_lines: list[str] = []
    for line in lines:
        clean = line.strip(" |\t")
        if not clean:
            if title_lines and tm is not None and not is_caps_line(" ".join(title_lines)):
                break
            continue
        if RULE_LINE.fullmatch(clean):
            if title_lines:
                break
            continue
        if BODY_OPENING.match(clean) \
                and not is_caps_line(clean):
            break
        if BODY_LINE.match(clean) and title_lines:
            break
        if tm is None and not is_caps_line(clean):
            break
        if title_lines and is_caps_line(" ".join(title_lines)) and not is_caps_line(clean):
            break
        if title_lines and not is_caps_line(clean) and (
                len(title_lines) >= 4 or _PUNCT_END.search(title_lines[-1])):
            break  # a title in sentence case is one short paragraph
        title_lines.append(clean)
    # a Party document names its organ under the type line: "CHỈ THỊ / của Ban Thường vụ Tỉnh ủy"
    organ = None
    if title_lines:
        om = ORGAN_LINE.match(title_lines[0])
        if om:
            organ = issuer_name(om.group(1))
            title_lines = title_lines[1:]
    if title_lines:
        title = sentence_case(TITLE_ABOUT.sub("", " ".join(title_lines), count=1)) or None
    if organ:
        return Subject(m.number, kind, date=date, issuer=complete_issuer(organ, province, None),
                       signer=_signer(text), title=title, start=m.start, end=m.end)
    issuer = header_issuer(text, m.lead_start)
    if issuer and province and PEOPLE_OR_PARTY_END.search(issuer):
        issuer = f"{issuer} {locality_of(province)}" if issuer.lower().endswith(PEOPLE) \
            else f"{issuer} {province}"
    return Subject(m.number, kind, date=date, issuer=issuer, signer=_signer(text), title=title,
                   start=m.start, end=m.end)


def _news_subject(text: str, m: Mention, reporting: bool, province: str | None,
                  district: str | None) -> Subject:
    # the sentence the number stands in
    sent_start = max(text.rfind("\n", 0, m.lead_start), text.rfind(". ", 0, m.lead_start) + 1, 0)
    date = m.date
    issuer = m.issuer
    if reporting:
        verb = P.REPORTING.search(text[max(0, m.lead_start - 40):m.lead_start])
        verb_start = max(0, m.lead_start - 40) + verb.start()
        actor = _actor_before(text, verb_start, sent_start)
        if actor:
            issuer = text[actor[0]:actor[1]]
        if date is None:
            ld = P.LEADING_DATE.search(text, max(0, sent_start - 40), verb_start)
            if ld:
                date = date_of(ld)
    if issuer is None:
        # "Tại văn bản số 252-CV/HU ngày 13/6/2018, Huyện ủy chỉ đạo ..."
        vm = COMMA_GAP.match(text, m.tail_end)
        after = vm.end() if vm else m.tail_end
        hm = P.ISSUER_HEAD.match(text, after)
        if hm:
            name, _ = scan_issuer(text, hm.start(), after + 120)
            issuer = name
    if issuer is None:
        am = ACTOR_VERB.search(text)
        if am:
            issuer = scan_issuer(text, am.start(1), am.end(1) + 1)[0]
    if issuer and issuer.lower() in DISTRICT_PARTY_COMMITTEES:
        hm2 = P.DISTRICT_PARTY_COMMITTEE_NAME.search(text)
        if hm2:
            issuer = hm2.group()
    title = _title_after(text, m.tail_end, len(text)) or _headline(text) or None
    return Subject(m.number, m.kind, date=date,
                   issuer=complete_issuer(issuer, province, district),
                   signer=None, title=title, start=m.start, end=m.end)

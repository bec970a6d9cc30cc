"""The document the page is (a full text's header) or reports (a news sentence) (§2)."""

from __future__ import annotations

import re
from typing import NamedTuple

from extract import patterns as P
from extract.grammar import (
    DISTRICT_PARTY_COMMITTEES, HISTORY_HEADING, OTHER_KIND, PEOPLE, PLENUM_ISSUER,
)
from extract.issuers import (
    RULE_LINE, complete_issuer, header_issuer, is_caps, is_caps_line, issuer_name,
    locality_of, scan_issuer, sentence_case,
)
from extract.mentions import COMMA_GAP, Mention, date_of
from extract.model import Subject
from extract.normalize import iso_date, issuer_key, issuers_match
from extract.page import ISSUED_BY_END, Page, url_names
from extract.patterns import (
    ACTOR_VERB, BODY_LINE, BODY_OPENING, OPENING_BEFORE, ORGAN_LINE, PEOPLE_OR_PARTY_END,
    SPACES, TITLE_ABOUT, TITLE_STOP,
)
from extract.scanning import after_line_break, caps_counts
from extract.titles import (
    DATABASE_DATE, YEAR_AFTER_NUMBER, headline_title, signer_of, title_after,
    title_line_holds, title_line_mentions,
)


_PLENUM_KEY = issuer_key(PLENUM_ISSUER)


def _actor_before(text: str, verb_start: int, floor: int) -> tuple[int, int] | None:
    """The body whose name runs right up to a verb ("UBND tỉnh Đắk Lắk ban hành")."""
    for hm in P.ISSUER_HEAD.finditer(text, floor, verb_start):
        name, end = scan_issuer(text, hm.start(), verb_start + 1)
        if name and text[end:verb_start].strip(" ,") == "":
            return hm.start(), end
    return None


_PUNCT_END = re.compile(r"[.;:]$")


# How far from the top a full text's "Số:" stands
_HEADER_REACH = 4000

# `P.HEADER_NUMBER` after the line break that opens its line: a match holds a line break
# only before the number, on a line that opens with no "Số" (see `after_line_break`)
_HEADER_NUMBER_AFTER_BREAK = after_line_break(P.HEADER_NUMBER)
_TYPE_LINE_AFTER_BREAK = after_line_break(P.TYPE_LINE)


def _header_number_ends(text: str):
    """Where each number that a "Số:" near the top announces starts (the ends of the
    matches of `P.HEADER_NUMBER` there), in order."""
    reach = min(len(text), _HEADER_REACH)
    first = P.HEADER_NUMBER.match(text, 0, reach)
    if first is not None:
        yield first.end()
    for hm in _HEADER_NUMBER_AFTER_BREAK.finditer(text, 0, reach):
        yield hm.end()


class SubjectFind(NamedTuple):
    """The page's subject and the mention of its number it was read from."""

    subject: Subject
    mention: Mention


def find_subject(page: Page, mentions: list[Mention]) -> SubjectFind | None:
    """The document the page is (a full text's header) or reports (a news sentence)."""
    text, province, district = page.text, page.province, page.district
    body_mentions = [m for m in mentions if not m.in_side_list and not m.is_law]
    by_start = {m.start: m for m in body_mentions}
    # 1. a full text: "Số: 21/KH-UBND" near the top
    for number_at in _header_number_ends(text):
        m = by_start.get(number_at)
        if m is None:
            nm = P.NUMBER.match(text, number_at)
            m = by_start.get(nm.start()) if nm else None
        if m is None:
            continue
        found = _full_text_subject(text, m, province)
        if found.issuer and issuer_key(found.issuer) == _PLENUM_KEY:
            # a Party header names the Central Committee for all its organs: the body a
            # citation of the same number names (Bộ Chính trị, Ban Bí thư) says which (§6)
            named = next((o.issuer for o in body_mentions if o.key == m.key and o.issuer
                          and issuer_key(o.issuer) != _PLENUM_KEY), None)
            found.issuer = named or found.issuer
        if found.title is None:
            # the title the page's own title line gives it ("Quyết định 2165/QĐ-UBND năm
            # 2017 về Quy chế ...", above a copy of the text that lost its title)
            found.title = next((_title_line_subject(page, t, title).title
                                for t, title in title_line_mentions(page, body_mentions)
                                if t.key == m.key), None)
        return SubjectFind(found, m)
    # 2. a legal database's history page: "Lịch sử hiệu lực: Nghị định 28/CP"
    for m in body_mentions if HISTORY_HEADING in text else ():
        if P.HISTORY_LEAD.search(text[max(0, m.start - 60):m.start]):
            row = re.search(P.HISTORY_ISSUED_ROW + re.escape(text[m.start:m.end]), text)
            date = None
            if row:
                d, mo, y = row.group(1).split("/")
                date = iso_date(int(d), int(mo), int(y))
            # the page names no issuer: resolution takes its code's (§6)
            return SubjectFind(Subject(m.number, m.kind, date=date, start=m.start, end=m.end), m)
    # 3. a page that is the document's own title or citation line, or has it as its
    # headline: "Quyết định 604/QĐ-UBND năm 2023 về ...", "Công văn số 490-CV/BDVTW ngày ..."
    # 4. a news sentence: "UBND tỉnh ... ban hành Kế hoạch số 124/KH-UBND ..."
    # The first candidate wins, or the first the page's address names (`url_names`).
    candidates: list[tuple[Mention, object]] = [
        (m, title) for m, title in title_line_mentions(page, body_mentions)
        if title_line_holds(page, m, title)]
    for m in body_mentions:
        lead = text[max(0, m.lead_start - 40):m.lead_start]
        # a lead that does not end with an opening's word or a reporting verb (its spaces
        # stripped, as the patterns' `\s{1,3}$` take them) cannot match: a test of a few
        # characters first
        tail = lead.rstrip()
        opening = OPENING_BEFORE.search(lead) if tail.endswith(P.OPENING_WORDS) else None
        reporting = P.REPORTING.search(lead) if tail.endswith(P.REPORTING_LAST_WORDS) else None
        if not (reporting or opening) or m.word_kind is None and m.kind is None:
            continue
        candidates.append((m, reporting is not None))
        if not page.url_key:
            break
    if not candidates:
        return _late_number_subject(page, body_mentions)
    m, how = next((c for c in candidates if url_names(page.url_key, c[0].number)), None) \
        or _headline_or_its_implementation(page, candidates, body_mentions)
    if how is None or isinstance(how, str):
        return SubjectFind(_title_line_subject(page, m, how), m)
    return SubjectFind(_news_subject(page, m, how, province, district), m)


def _headline_or_its_implementation(page: Page, candidates: list, body_mentions: list[Mention]):
    """The first candidate; but a headline that cites a document gives way to the document
    a sentence reports as issued to act on it ("Nghị quyết số 57-NQ/TW ...\n UBND tỉnh ban
    hành Kế hoạch số 12/KH-UBND thực hiện Nghị quyết số 57-NQ/TW"): the page reports the
    plan."""
    first = candidates[0]
    if isinstance(first[1], bool):
        return first
    news = next((c for c in candidates if isinstance(c[1], bool)), None)
    if news is not None:
        m = news[0]
        sm = TITLE_STOP.search(page.text, m.end, min(len(page.text), m.end + 600))
        sentence_end = sm.start() if sm else m.end + 600
        if any(o.key == first[0].key and m.end < o.start < sentence_end for o in body_mentions):
            return news
    return first


def _late_number_subject(page: Page, body_mentions: list[Mention]) -> SubjectFind | None:
    """A sentence that reports a document by its kind alone ("Ban Tuyên giáo Quận ủy ban hành
    Hướng dẫn công tác tuyên truyền ...") whose number the page gives later ("... đăng tải
    Hướng dẫn số 35-HD/BTG ngày 25/12/2018 của Ban Tuyên giáo Quận ủy"): the first later
    mention of that kind, cited nowhere before and by no cue, is the subject; the sentence
    gives its title and actor."""
    if not body_mentions:
        return None  # no number the kind word could have
    # a kind word at or after the last number's start has no later number: the scan ends
    # there as it would at the text's end (found nothing)
    last_start = max(m.start for m in body_mentions)
    text, low = page.text, page.low
    for km in P.KIND_WORD_LOW.finditer(low):
        if km.start() >= last_start:
            return None
        lead_from = max(0, km.start() - 40)
        if not low[lead_from:km.start()].rstrip().endswith(P.REPORTING_LAST_WORDS):
            continue  # no reporting verb ends the lead: the search below would find none
        verb = P.REPORTING.search(low, lead_from, km.start())
        if verb is None:
            continue
        sm = TITLE_STOP.search(text, km.end(), min(len(text), km.end() + 600))
        clause_end = sm.start() if sm else min(len(text), km.end() + 600)
        if P.NUMBER.search(text, km.end(), clause_end):
            continue  # the number is there: the sentence rule has read it
        kind = P.KIND_WORD_TO_CODE.get(SPACES.sub(" ", text[km.start():km.end()]).lower())
        earlier = {o.key for o in body_mentions if o.start < km.start()}
        for m in body_mentions:
            if m.start < clause_end or m.key in earlier or kind not in (m.word_kind, m.kind):
                continue
            if P.CUE.search(low, max(0, m.lead_start - 30), m.lead_start):
                break  # the kind's next number is a document acted on, not this one
            actor = _actor_before(text, verb.start(), sentence_start(text, verb.start()))
            issuer = m.issuer or (text[actor[0]:actor[1]] if actor else None)
            title = SPACES.sub(" ", text[km.end():clause_end]).strip(" ,")
            subject = Subject(m.number, m.kind, date=m.date,
                              issuer=complete_issuer(issuer, page.province, page.district),
                              title=title[:1].upper() + title[1:] if len(title) >= 4 else None,
                              start=m.start, end=m.end)
            return SubjectFind(subject, m)
        return None
    return None


def _title_line_subject(page: Page, m: Mention, title: str | None) -> Subject:
    """The subject a title line names: a line in capitals is a header's type line with
    its number ("VĂN BẢN HỢP NHẤT 42/VBHN-VPQH", the date and title under it); a
    legal database's line takes its date from the metadata table under it, an issuer
    the text does not name from the number's code (§6), the signer from a signature
    block."""
    text, province = page.text, page.province
    line_start = text.rfind("\n", 0, m.start) + 1
    if is_caps_line(text[line_start:m.start]):
        found = _full_text_subject(text, m, province)
    else:
        found = _news_subject(page, m, False, province, page.district, title_line=True)
        found.signer = signer_of(text)
        if title:
            found.title = title
    if found.date is None:
        dm = DATABASE_DATE.search(text, m.end, min(len(text), m.end + 1500))
        if dm:
            found.date = date_of(dm)
    return found  # no issuer named: resolution takes its code's (§6)


def _full_text_subject(text: str, m: Mention, province: str | None) -> Subject:
    after = text[m.end:m.end + 1200]
    date = None
    dm = P.PLACE_DATE.search(after, 0, 300)
    if dm:
        date = date_of(dm)
    kind = m.kind
    title = None
    body_start = m.end + (dm.end() if dm else 0)
    # (the type line's own line break stands before `body_start`: m.end > 0)
    tm = _TYPE_LINE_AFTER_BREAK.search(text, body_start - 1, body_start + 300)
    title_from = body_start
    if tm:
        type_kind = P.TYPE_LINE_CODES.get(SPACES.sub(" ", tm.group("type")))
        if type_kind and (kind in (None, OTHER_KIND, "CV") or not m.number[:1].isdigit()):
            kind = type_kind
        title_from = tm.end()
    lines = text[title_from:title_from + 1500].split("\n")
    title_lines: list[str] = []
    # a legal database's copy puts the issuing body's name where the type line stood
    # ("ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", "CHỦ TỊCH ..."): a name, no title
    named = header_issuer(text, m.lead_start)
    # whether the title so far is in capitals, from its letters' counts (a line's added
    # as it joins: the spaces that join them are no letters)
    title_caps = False
    title_capitals = title_letters = 0
    for line in lines:
        clean = line.strip(" |\t")
        if not title_lines and named and BODY_LINE.match(clean) \
                and issuers_match(clean, named):
            continue
        if not clean:
            if title_lines and tm is not None and not title_caps:
                break
            continue
        if RULE_LINE.fullmatch(clean):
            if title_lines:
                break
            continue
        capitals, letters = caps_counts(clean)
        line_caps = is_caps(capitals, letters)
        if BODY_OPENING.match(clean) and not line_caps:
            break
        if BODY_LINE.match(clean) and title_lines:
            break
        if tm is None and not line_caps:
            break
        if title_lines and title_caps and not line_caps:
            break
        if title_lines and not line_caps and (
                len(title_lines) >= 4 or _PUNCT_END.search(title_lines[-1])):
            break  # a title in sentence case is one short paragraph
        title_lines.append(clean)
        title_capitals += capitals
        title_letters += letters
        title_caps = is_caps(title_capitals, title_letters)
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
                       signer=signer_of(text), title=title, start=m.start, end=m.end)
    issuer = named
    if issuer and province and PEOPLE_OR_PARTY_END.search(issuer):
        issuer = f"{issuer} {locality_of(province)}" if issuer.lower().endswith(PEOPLE) \
            else f"{issuer} {province}"
    return Subject(m.number, kind, date=date, issuer=issuer, signer=signer_of(text), title=title,
                   start=m.start, end=m.end)


_SENTENCE_REACH = 400


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence `pos` stands in starts (a line break or ". "), looked for over a
    bounded reach: a text without breaks must not make a look-up per mention quadratic."""
    floor = max(0, pos - _SENTENCE_REACH)
    return max(text.rfind("\n", floor, pos), text.rfind(". ", floor, pos) + 1, floor)


def reported_date_actor(page: Page, m: Mention) -> tuple[str | None, str | None]:
    """The date and the actor of the sentence that reports `m` as issued ("Ngày 11/10/2016,
    Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ đã ký Chương trình số ..."): the
    mention's own date first; the actor's name as written, or None. Read once per mention
    (`Page.reported`): the details step and the subject rule both ask."""
    found = page.reported.get(m.start)
    if found is None:
        text = page.text
        sent_start = sentence_start(text, m.lead_start)
        verb = P.REPORTING.search(text[max(0, m.lead_start - 40):m.lead_start])
        verb_start = max(0, m.lead_start - 40) + verb.start()
        actor = _actor_before(text, verb_start, sent_start)
        date = m.date
        if date is None:
            ld = P.LEADING_DATE.search(text, max(0, sent_start - 40), verb_start)
            if ld:
                date = date_of(ld)
        found = page.reported[m.start] = (date, text[actor[0]:actor[1]] if actor else None)
    return found


def with_reported_details(page: Page, mentions: list[Mention]) -> list[Mention]:
    """`mentions`, those a sentence reports as issued ("... đã ký Chương trình phối hợp
    số 79-CTr/BDVTW-BCSĐCP") given the sentence's date and actor where they have none:
    what the subject rule reads for its subject, for every other reported document."""
    text = page.text
    out = []
    for m in mentions:
        if (m.date is None or m.issuer is None) and not m.is_law and not m.in_side_list \
                and m.word_kind:
            lead_from = max(0, m.lead_start - 40)
            if text[lead_from:m.lead_start].rstrip().endswith(P.REPORTING_LAST_WORDS) \
                    and P.REPORTING.search(text, lead_from, m.lead_start):
                date, actor = reported_date_actor(page, m)
                m = m._replace(date=m.date or date, issuer=m.issuer or actor)
        out.append(m)
    return out


def _news_subject(page: Page, m: Mention, reporting: bool, province: str | None,
                  district: str | None, title_line: bool = False) -> Subject:
    text = page.text
    date = m.date
    issuer = m.issuer
    if reporting:
        date, actor = reported_date_actor(page, m)
        issuer = actor or issuer
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
    title_from, title_limit = m.tail_end, len(text)
    if title_line:
        # the line alone: its year ("năm 2023") skipped, its closing "do ... ban hành"
        # the issuer, not the title
        line_end = text.find("\n", m.tail_end)
        title_limit = len(text) if line_end < 0 else line_end
        ym = YEAR_AFTER_NUMBER.match(text, title_from, title_limit)
        if ym:
            title_from = ym.end()
        im = ISSUED_BY_END.search(text, title_from, title_limit)
        if im:
            title_limit = im.start()
            issuer = issuer if m.issuer else im.group("issuer")
    title = title_after(text, title_from, title_limit) or (
        None if title_line else headline_title(text)) or None
    return Subject(m.number, m.kind, date=date,
                   issuer=complete_issuer(issuer, province, district),
                   signer=None, title=title, start=m.start, end=m.end)

"""A subject's title and signer, and the page's own title line (§2): what the subject
rules read from a page's first lines, its trích yếu and its signature block."""

from __future__ import annotations

import re

from extract import patterns as P
from extract.grammar import (
    ABOUT_WHAT, DATABASE_DATE_LABEL, RECIPIENTS_WORD, TITLE_RUN_ON_TAILS, YEAR_WORD,
)
from extract.issuers import scan_issuer
from extract.mentions import Mention
from extract.page import ISSUED_BY_END, Page, url_names
from extract.patterns import ABOUT, BODY_LINE, SPACES, TITLE_STOP, VERB_TITLE
from extract.scanning import after_line_break


# `P.SIGNATURE` after the line break that opens its line (no match of it holds a line
# break: these are all its matches but one at the text's start, see `after_line_break`)
_SIGNATURE_AFTER_BREAK = after_line_break(P.SIGNATURE)


def signer_of(text: str) -> str | None:
    """The name under the signature block ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Hoàng Thu Trang")."""
    tail_start = max(0, len(text) - 3000)
    block_start = None
    for m in _SIGNATURE_AFTER_BREAK.finditer(text, max(0, tail_start - 1)):
        block_start = m.start() + 1
    if block_start is None:
        if tail_start > 0 or not P.SIGNATURE.match(text):
            return None
        block_start = 0
    lines = text[block_start:block_start + 400].split("\n")
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
                and not P.SIGNATURE_BODY_LINE.match(clean) and not _is_type_line(clean):
            return " ".join(w[:1] + w[1:].lower() for w in words)
    return None


def _is_type_line(line: str) -> bool:
    """Whether a line in capitals is (or begins, or is cut from) a type line: the annex's
    "QUY ĐỊNH" under a signature block, cut by the excerpt ("QUY ĐỊN"), is no signer."""
    key = SPACES.sub(" ", line)
    return any(t.startswith(key) or key.startswith(t) for t in P.TYPE_LINE_CODES)


def title_after(text: str, pos: int, limit: int) -> str | None:
    """The trích yếu after "về việc" / "về" in the subject's sentence, or the verb
    phrase that follows the number."""
    vm = VERB_TITLE.match(text, pos, limit)
    m = ABOUT.match(text, pos, limit) if vm is None else None
    if vm is None and m is None:
        # "văn bản số 7565/VPCP-KGVX gửi các bộ, ...; UBND ... về việc gửi báo cáo ...":
        # the recipients stand between the number and its trích yếu
        m = _RECIPIENTS_ABOUT.match(text, pos, limit)
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
    # markup left in stored text ends the sentence ("... ngày 13/8/2021.</span></p>")
    mk = _MARKUP.search(text, end, title_end)
    raw = text[end:mk.start()].rstrip(" .") if mk else text[end:title_end]
    # (a match ends the title and is at most `_RUN_ON_TAIL_LONGEST` long: the search starts there)
    rm = _RUN_ON_TAIL.search(raw, max(0, len(raw) - _RUN_ON_TAIL_LONGEST))
    if rm:
        raw = raw[:rm.start()]
    raw = raw.strip(" ,")
    # a title in quotes ends at its closing quote, the quotes dropped
    close = _QUOTES.get(raw[:1])
    if close and raw.find(close, 1) > 0:
        raw = raw[1:raw.find(close, 1)]
    title = SPACES.sub(" ", raw).strip(" ,")
    if len(title) < 4:
        return None
    return title[:1].upper() + title[1:]


_MARKUP = re.compile(r"<[/a-zA-Z!]")
_RECIPIENTS_ABOUT = re.compile(
    r"[ \n]{1,3}" + RECIPIENTS_WORD + r"(?!\w)[^.\n]{0,300}?(?<!\w)"
    + ABOUT_WHAT.replace(" ", r"\s{1,3}") + r"\s{1,3}")
_QUOTES = {'"': '"', "\u201c": "\u201d"}
_RUN_ON_TAIL = re.compile(r"[,;]?\s{0,3}(?:" + P.alternation(TITLE_RUN_ON_TAILS) + r")\s{0,3}:?\s{0,3}$")
# its longest match: the longest tail with three spaces for each, the rest, and the line break `$`
# may stand before
_RUN_ON_TAIL_LONGEST = max(len(t) + 2 * t.count(" ") for t in TITLE_RUN_ON_TAILS) + 1 + 3 + 3 + 1 + 3 + 1


def headline_title(text: str) -> str | None:
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


# what may stand before a headline's citation: spaces, dashes and bullets
BULLETS = " \t-•*"
# The headline zone: a page's first lines, before its body begins (a line longer than a
# headline is body text)
_HEADLINE_LINES = 6
_HEADLINE_REACH = 2000
_HEADLINE_LONGEST = 400
# the year before "số" in a title line ("... địa phương 2019 số 47/2019/QH14"), and the
# year after the number ("Quyết định 604/QĐ-UBND năm 2023 về ...")
_YEAR_BEFORE_NUMBER = re.compile(r"(?:\s{1,3}" + YEAR_WORD + r")?\s{1,3}(?:19|20)\d\d\s{0,3}$")
YEAR_AFTER_NUMBER = re.compile(r"[ ]{1,3}" + YEAR_WORD + r"[ ]{1,3}(?:19|20)\d\d(?!\d)")
# "Ngày ban hành: | 22/11/2019 |" in the metadata table under a title line
DATABASE_DATE = re.compile(
    DATABASE_DATE_LABEL.replace(" ", r"\s{1,3}") + r"\s{0,3}:?[ \t|]{0,6}" + P.DATE.pattern)


def headline_zone(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the page's first lines, the headline and what stands above it
    (a date, a section name), up to the first line long enough to be body text."""
    lines = []
    pos = 0
    limit = min(len(text), _HEADLINE_REACH)
    while pos < limit and len(lines) < _HEADLINE_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        if end - pos > _HEADLINE_LONGEST:
            break
        if text[pos:end].strip(" \t|"):
            lines.append((pos, end))
        pos = end + 1
    return lines


# how far before a title line's closing number a cue makes the number its object
_CUE_REACH = 25


def title_line_mentions(page: Page, body_mentions: list[Mention]) -> list[tuple[Mention, str | None]]:
    """Mentions that open a line of the headline zone as the page's own citation or
    title line (§2), each with the title the line gives before its number (or None).

    Two forms: the citation opens the line ("Nghị định số 12/2019/NĐ-CP ngày ... về
    ...", "Thông tư 07/2021/TT-BNV năm 2021 hướng dẫn ...", "Công văn số 490-CV/BDVTW
    ..."); or a kind word opens it and the number closes it ("Luật sửa đổi, bổ sung ...
    2019 số 47/2019/QH14"), with no other document's kind word right before the number
    ("Báo cáo kết quả thực hiện Đề án số 12-ĐA/TU" reports on the Đề án)."""
    if not body_mentions or body_mentions[0].start >= _HEADLINE_REACH:
        return []   # the zone ends before the first mention (the loop below would stop there)
    text = page.text
    zone = headline_zone(text)
    if not zone:
        return []
    zone_end = zone[-1][1]
    out = []
    line_i = 0
    for m in body_mentions:
        if m.start >= zone_end:
            break
        while line_i < len(zone) and zone[line_i][1] < m.start:
            line_i += 1
        if line_i == len(zone) or m.lead_start < zone[line_i][0]:
            continue
        ls, le = zone[line_i]
        prefix = text[ls:m.lead_start]
        if m.word_kind:
            if not prefix.strip(BULLETS):
                out.append((m, None))
            continue
        opening = len(prefix) - len(prefix.lstrip(BULLETS))
        km = P.KIND_WORD.match(text, ls + opening)
        if km is None or text[m.tail_end:le].strip(" \t|.") \
                or any(o.start < m.start and o.end > ls for o in body_mentions if o is not m):
            continue
        if P.CUE.search(page.low, max(km.end(), m.lead_start - _CUE_REACH), m.lead_start):
            continue  # "Kế hoạch triển khai 57-NQ/TW": the number is what the plan acts on
        title = text[km.end():m.lead_start]
        ym = _YEAR_BEFORE_NUMBER.search(title)
        if ym:
            title = title[:ym.start()]
        title = SPACES.sub(" ", title).strip(" ,")
        out.append((m, title[:1].upper() + title[1:] if len(title) >= 4 else None))
    return out


# a page whose citation line has no body under it (what is left is shorter) must show
# that the line is a title: a title of a few words, a closing "do ... ban hành", or
# the page's address naming the number
_BODY_AFTER = 40
_TITLE_WORDS = 3


def title_line_holds(page: Page, m: Mention, title: str | None) -> bool:
    """Whether a title-line candidate is the page's subject: a body stands under it, or
    the line shows itself a title (`_BODY_AFTER`)."""
    text = page.text
    line_end = text.find("\n", m.end)
    line_end = len(text) if line_end < 0 else line_end
    if len(text) - line_end >= _BODY_AFTER or url_names(page.url_key, m.number):
        return True
    if ISSUED_BY_END.search(text, m.end, line_end):
        return True
    if title is None:
        ym = YEAR_AFTER_NUMBER.match(text, m.tail_end, line_end)
        title = title_after(text, ym.end() if ym else m.tail_end, line_end)
    return title is not None and len(title.split()) >= _TITLE_WORDS


_ITEM_REACH = 600


def with_side_item_issuers(page: Page, mentions: list[Mention]) -> list[Mention]:
    """`mentions`, the first number of a side-list line that closes with its issuer ("- 2Chỉ
    thị 21/CT-TTg năm 2019 về ... do Thủ tướng Chính phủ ban hành") given that issuer when
    it has none (§3): the item's own document, not one its title cites; a document the body
    cites too is described there (its mention with a date must not lose to the item's)."""
    if not page.side:
        return mentions
    text = page.text
    in_body = {m.key for m in mentions if not m.in_side_list}
    out = []
    line_seen = -1
    for m in mentions:
        if m.in_side_list and not m.is_law:
            # an item is one line of bounded length: a longer line is no item (and the
            # look-ups stay bounded, however long a side list's line)
            floor = max(0, m.start - _ITEM_REACH)
            line_start = text.rfind("\n", floor, m.start) + 1 or (0 if floor == 0 else -1)
            first, line_seen = line_start != line_seen, line_start
            line_end = text.find("\n", m.end, m.end + _ITEM_REACH)
            if line_end < 0 and len(text) - m.end <= _ITEM_REACH:
                line_end = len(text)
            if first and line_start >= 0 and line_end >= 0 and m.issuer is None \
                    and m.key not in in_body:
                im = ISSUED_BY_END.search(text, m.tail_end, line_end)
                if im:
                    m = m._replace(issuer=im.group("issuer"))
        out.append(m)
    return out

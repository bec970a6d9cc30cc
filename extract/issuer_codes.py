"""The body a document number's codes name (§6): `…/QĐ-TTg` Thủ tướng Chính phủ,
`…/KH-SNV` the Sở Nội vụ of the page's province; and which body issued a document the
text ties to its author. `extract.issuers` reads names where the text writes them."""

from __future__ import annotations

import functools

from extract import patterns as P
from extract.grammar import (
    CENTRAL_CITIES, CITY_LOCALITY, CITY_PARTY_COMMITTEE, MINISTRY, PROVINCE_LOCALITY,
    PROVINCE_PARTY_COMMITTEE,
)
from extract.grammar_issuers import (
    CODE_ISSUERS, JOINT_ISSUER_JOIN, MINISTRY_CODE_LEAD, MINISTRY_CODE_MIN_WITHOUT_LEAD,
)
from extract.normalize import issuers_match, number_parts
from extract.patterns import SPACES


def locality_of(province: str) -> str:
    """How a body names its province: "tỉnh Bắc Kạn", or "thành phố Hải Phòng" for a
    centrally-run city."""
    return (CITY_LOCALITY if province in CENTRAL_CITIES else PROVINCE_LOCALITY).format(province)


@functools.lru_cache(maxsize=4096)
def issuer_from_code(number: str, province: str | None, district: str | None = None) -> str | None:
    """The body the number's issuer codes stand for (§6), when the text names none:
    `…/QĐ-TTg` Thủ tướng Chính phủ, `…/TT-BTC` Bộ Tài chính, `…/KH-SNV` the Sở Nội vụ of
    the page's province; two bodies issuing jointly (`…-KH/BDVTW-BCSĐCP`) one after the
    other. A body of a locality the page does not name is given without it; `TW` (which
    central body, only the text says) gives None."""
    _, _, codes = number_parts(number)
    bodies: list[str] = []
    for code in codes:
        body = _code_body(code)
        if body is not None and body not in bodies:
            bodies.append(body)
    if not bodies:
        return None
    if province:
        places = {"province": province, "locality": locality_of(province),
                  "party_committee": CITY_PARTY_COMMITTEE if province in CENTRAL_CITIES
                  else PROVINCE_PARTY_COMMITTEE}
    else:
        places = {"province": "", "locality": "", "party_committee": PROVINCE_PARTY_COMMITTEE}
    places["district"] = district or ""
    return JOINT_ISSUER_JOIN.join(SPACES.sub(" ", b.format(**places)).strip() for b in bodies)


@functools.lru_cache(maxsize=1024)
def _code_body(code: str) -> str | None:
    """The body of one issuer code (`CODE_ISSUERS`), its term number dropped (`QH14`), a
    ministry's code also without its leading B (`LĐTBXH`)."""
    body = CODE_ISSUERS.get(code)
    if body is not None:
        return body
    letters = code.rstrip("0123456789")
    body = CODE_ISSUERS.get(letters)
    if body is None and len(letters) >= MINISTRY_CODE_MIN_WITHOUT_LEAD:
        ministry = CODE_ISSUERS.get(MINISTRY_CODE_LEAD + letters)
        if ministry is not None and ministry.startswith(MINISTRY):
            body = ministry
    return body


def issuer_of_author(author: str | None, number: str, province: str | None,
                     district: str | None) -> str | None:
    """The issuer of a document the text ties to its author ("đề nghị của <author> tại Tờ
    trình số 88/TTr-STC", "chỉ đạo của <author> tại Thông báo số 64/TB-VPCP"), §6: the
    body the author heads or is, where the code names that body or names none; the body
    the code names where it names another."""
    if not author:
        return None
    tm = P.OFFICIAL_TITLE.match(author)
    body = author[tm.end():] if tm else author
    named_by_code = issuer_from_code(number, None)
    if named_by_code is None:
        return body
    if issuers_match(body, named_by_code):
        return body
    if issuers_match(author, named_by_code):
        return author   # an office that issues ("Chủ tịch UBND tỉnh" of `…/QĐ-CTUBND`)
    return issuer_from_code(number, province, district)

"""Which locality a body belongs to: the issuing locality of a local number.

A local number (`124/KH-UBND`, `35-CT/TU`) belongs to one province's, district's or
commune's bodies; its locality comes from the issuer as the page names it, or, where the
issuer names no place (`UBND tỉnh`, `Tỉnh ủy`), from the page's province, as that province
was on the day the document was issued (the 2025 merger, graph/provinces.py). The
spelling of every province name is graph.provinces'.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from graph.provinces import (MERGER_DATE, canonical_province, is_former, predecessors,
                             province_in, successor)

_CAPITALISED = r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w']*\s?){1,4})"
_DISTRICT = re.compile(
    r"(?i:huyện ủy|huyện uỷ|quận ủy|quận uỷ|thị ủy|thị uỷ|thành ủy|thành uỷ|huyện|quận|thị xã|thành phố)"
    r"\s+" + _CAPITALISED)
# Communes (xã, phường; đặc khu since 2025) issue documents where districts did: their local
# numbers are their own, not the province's (`Thái Nguyên/xã Nam Mẫu`).
_COMMUNE = re.compile(r"(?i:(xã|phường|đặc khu))\s+" + _CAPITALISED)
_PROVINCIAL_WORDS = re.compile(r"\b(tỉnh|tinh)\b", re.IGNORECASE)
# "(cũ)" after a body: the citing page names the former body ("UBND tỉnh Bắc Kạn (cũ)")
_FORMER = re.compile(r"\(\s*cũ\s*\)", re.IGNORECASE)   # no leading \s*: linear on hostile input


def former_body(issuer: str | None) -> tuple[str | None, bool]:
    """(the issuer without "(cũ)", whether it had it): "UBND tỉnh Bắc Kạn (cũ)" ->
    ("UBND tỉnh Bắc Kạn", True). The body is the same; "(cũ)" is the citing page's
    word for a body that no longer exists."""
    if not issuer or "(" not in issuer:
        return issuer, False
    text = unicodedata.normalize("NFC", issuer)
    if not _FORMER.search(text):
        return issuer, False
    return " ".join(_FORMER.sub(" ", text).split()), True


def _page_province(name: str | None) -> str | None:
    """The page's province in the table's spelling; a name the table does not know is kept
    as given (a profile's own spelling still scopes its local numbers)."""
    return canonical_province(name) or (name.strip() if name and name.strip() else None)


def _province_named(text: str) -> str | None:
    return province_in(text) or canonical_province(text)


@lru_cache(maxsize=1 << 16)
def locality_of(series, issuer: str | None, page_province: str | None,
                issued: str | None = None) -> str | None:
    """The issuing locality of a local number of `series` (a `graph.identity.Series`), as
    it was when the document was issued (`issued`, its ISO date): `Bắc Kạn`,
    `Quảng Trị/Cam Lộ`, `Thái Nguyên/xã Nam Mẫu`, or None.

    A body named with its province keeps it, whatever the page's portal: a Bắc Kạn plan
    stays Bắc Kạn's on the Thái Nguyên portal, "(cũ)" or not (a former province's body
    named after the 2025 merger is a doubt, `provinces.merger_doubt`, never merged). A body
    that names no province ("UBND tỉnh", "Tỉnh ủy") is the page's province's as it was on
    that date: on a page of a former province, a document issued from the merger on is the
    successor's (the former body no longer existed); "UBND tỉnh (cũ)" on the page of a
    province that took others in does not say which former one, so it decides nothing.
    None for central numbers, and when nothing certain names it (no issuer; a district
    number whose issuer names no district).
    """
    if not series.local or not issuer:
        return None
    issuer, former = former_body(issuer)
    province = province_in(issuer)
    district = None
    m = _DISTRICT.search(issuer)
    if m:
        name = m.group(1).strip()
        if _province_named(name):  # "Thành ủy Hà Nội" is a province-level city
            province = province or _province_named(name)
        else:
            district = name
    if district:
        return f"{province or _page_province(page_province) or '?'}/{district}"
    if series.district:
        return None
    commune = _COMMUNE.search(issuer)
    if commune and not _province_named(commune.group(2).strip()):
        where = province or _page_of(page_province, issued, former)
        return f"{where or '?'}/{commune.group(1).lower()} {commune.group(2).strip()}"
    if province:
        return province
    if _PROVINCIAL_WORDS.search(issuer) or "ủy" in issuer.lower() or "uỷ" in issuer.lower():
        # "Tỉnh ủy", "UBND tỉnh", "Ban Thường vụ Tỉnh ủy": the page's own province
        return _page_of(page_province, issued, former)
    return None


def _page_of(page_province: str | None, issued: str | None, former: bool) -> str | None:
    """The province of the page's portal as a body that names none meant it on `issued`."""
    name = _page_province(page_province)
    if name is None or canonical_province(name) is None:
        return name
    if former:
        # the former body of the page's territory: certain only where it was one province
        return name if is_former(name) or predecessors(name) == (name,) else None
    if issued and issued[:10] >= MERGER_DATE and is_former(name):
        return successor(name)
    return name

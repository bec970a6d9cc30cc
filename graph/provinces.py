"""Vietnam's provinces before and after the 2025 merger, as data.

Nghị quyết 202/2025/QH15 (12 June 2025) merged 52 of the 63 provincial-level units into 23;
the merged provinces' bodies work from 1 July 2025, the day the district level ended. Eleven
provinces and cities kept their borders. A document keeps the locality of the body that
issued it when it issued it (ANNOTATION.md §1), so the graph stores the former province and
asks this table what it belongs to now.

    successor("Bắc Kạn")                  -> "Thái Nguyên"
    predecessors("Thái Nguyên")           -> ("Thái Nguyên", "Bắc Kạn")
    display_locality("Bắc Kạn")           -> "Bắc Kạn (nay thuộc Thái Nguyên)"
    merger_doubt("Bắc Kạn", "2025-09-03") -> "issued 2025-09-03 by a body of Bắc Kạn, which ..."
    province_of_body("Bắc Kạn", "2025-09-03") -> "doubt": a former province's body after the merger
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.normalize import fold

LEGAL_BASIS = "Nghị quyết 202/2025/QH15 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh"
MERGER_DATE = "2025-07-01"   # the merged provinces' bodies work from this day; districts end

# Each province of today (34) -> the former provinces it took in (itself first where it kept
# its name). The eleven with one entry kept their borders.
SUCCESSION: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("Hà Nội",),
    "Huế": ("Huế",),
    "Lai Châu": ("Lai Châu",),
    "Điện Biên": ("Điện Biên",),
    "Sơn La": ("Sơn La",),
    "Lạng Sơn": ("Lạng Sơn",),
    "Quảng Ninh": ("Quảng Ninh",),
    "Thanh Hóa": ("Thanh Hóa",),
    "Nghệ An": ("Nghệ An",),
    "Hà Tĩnh": ("Hà Tĩnh",),
    "Cao Bằng": ("Cao Bằng",),
    "Tuyên Quang": ("Tuyên Quang", "Hà Giang"),
    "Lào Cai": ("Lào Cai", "Yên Bái"),
    "Thái Nguyên": ("Thái Nguyên", "Bắc Kạn"),
    "Phú Thọ": ("Phú Thọ", "Vĩnh Phúc", "Hòa Bình"),
    "Bắc Ninh": ("Bắc Ninh", "Bắc Giang"),
    "Hưng Yên": ("Hưng Yên", "Thái Bình"),
    "Hải Phòng": ("Hải Phòng", "Hải Dương"),
    "Ninh Bình": ("Ninh Bình", "Hà Nam", "Nam Định"),
    "Quảng Trị": ("Quảng Trị", "Quảng Bình"),
    "Đà Nẵng": ("Đà Nẵng", "Quảng Nam"),
    "Quảng Ngãi": ("Quảng Ngãi", "Kon Tum"),
    "Gia Lai": ("Gia Lai", "Bình Định"),
    "Khánh Hòa": ("Khánh Hòa", "Ninh Thuận"),
    "Lâm Đồng": ("Lâm Đồng", "Đắk Nông", "Bình Thuận"),
    "Đắk Lắk": ("Đắk Lắk", "Phú Yên"),
    "Hồ Chí Minh": ("Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"),
    "Đồng Nai": ("Đồng Nai", "Bình Phước"),
    "Tây Ninh": ("Tây Ninh", "Long An"),
    "Cần Thơ": ("Cần Thơ", "Sóc Trăng", "Hậu Giang"),
    "Vĩnh Long": ("Vĩnh Long", "Bến Tre", "Trà Vinh"),
    "Đồng Tháp": ("Đồng Tháp", "Tiền Giang"),
    "Cà Mau": ("Cà Mau", "Bạc Liêu"),
    "An Giang": ("An Giang", "Kiên Giang"),
}

# Other spellings met on pages and in users' queries -> the name above.
ALIASES: dict[str, str] = {
    "Thừa Thiên Huế": "Huế",
    "Thừa Thiên - Huế": "Huế",
    "Thành phố Hồ Chí Minh": "Hồ Chí Minh",
    "TP Hồ Chí Minh": "Hồ Chí Minh",
    "TP. Hồ Chí Minh": "Hồ Chí Minh",
    "Bà Rịa Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa-Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Đắc Lắc": "Đắk Lắk",
    "Dak Lak": "Đắk Lắk",
    "Đăk Nông": "Đắk Nông",
    "Khánh Hoà": "Khánh Hòa",
    "Thanh Hoá": "Thanh Hóa",
    "Hoà Bình": "Hòa Bình",
}

_SUCCESSOR: dict[str, str] = {old: new for new, olds in SUCCESSION.items() for old in olds}


_WORD = re.compile(r"\w+")


def _folded(name: str) -> str:
    """Case-, diacritic-, dash- and space-insensitive key ('Bac Kan' == 'Bắc Kạn',
    'Bà Rịa – Vũng Tàu' == 'ba ria vung tau'); other characters count ('Quảng Trị%' is
    no province)."""
    return " ".join(fold(name).replace("-", " ").replace("–", " ").split())


def _words(text: str) -> str:
    """A text's folded words only, for looking names up inside it ('Tỉnh ủy Ninh Thuận,')."""
    return " ".join(_WORD.findall(fold(text)))


_BY_FOLDED: dict[str, str] = {}
for _name in list(_SUCCESSOR) + list(SUCCESSION):
    _BY_FOLDED[_folded(_name)] = _name
for _alias, _name in ALIASES.items():
    _BY_FOLDED[_folded(_alias)] = _name
for _prefix in ("tinh ", "thanh pho ", "tp "):
    for _key, _name in list(_BY_FOLDED.items()):
        _BY_FOLDED.setdefault(_prefix + _key, _name)


# The names `province_in` looks for in a text, longest first ("thua thien hue" before
# "hue"). A one-word name ("Huế") only with "tỉnh"/"thành phố" before it: alone, its folded
# form is also a person's name ("Huệ").
_IN_TEXT: tuple[tuple[str, str], ...] = tuple(sorted(
    {(_words(key), name) for key, name in _BY_FOLDED.items() if " " in _words(key)},
    key=lambda kv: (-len(kv[0]), kv[0])))


@lru_cache(maxsize=1 << 16)
def canonical_province(name: str | None) -> str | None:
    """The table's spelling of a province name, former or current, in any common spelling
    (with or without diacritics, 'tỉnh'/'thành phố' before it); None when it names none.
    The one spelling every module uses (graph.identity, queries, search, coverage)."""
    if not name:
        return None
    return _BY_FOLDED.get(_folded(name))


@lru_cache(maxsize=1 << 16)
def province_in(text: str | None) -> str | None:
    """The first (longest) province named in a text, in the table's spelling, or None:
    `province_in("Ban Thường vụ Tỉnh ủy Ninh Thuận")` -> "Ninh Thuận"."""
    if not text:
        return None
    words = f" {_words(text)} "
    for key, name in _IN_TEXT:
        if f" {key} " in words:
            return name
    return None


def successor(province: str | None) -> str | None:
    """The province of today that a province (former or current) belongs to; None if unknown."""
    name = canonical_province(province)
    return _SUCCESSOR.get(name) if name else None


def predecessors(province: str | None) -> tuple[str, ...]:
    """Every locality a query for `province` covers: a province of today with the former
    provinces it took in; a former province alone. Empty when the name is unknown."""
    name = canonical_province(province)
    if name in SUCCESSION:
        return SUCCESSION[name]
    return (name,) if name else ()


def is_former(province: str | None) -> bool:
    """Whether `province` is a former province that no longer exists on its own."""
    name = canonical_province(province)
    return bool(name) and name not in SUCCESSION


def now_part_of(locality: str | None) -> str | None:
    """'nay thuộc Thái Nguyên' for a former province or a place in one ('Bắc Kạn',
    'Bắc Kạn/Ba Bể'); None for a province of today and for names the table does not know."""
    if not locality:
        return None
    name = canonical_province(locality.partition("/")[0])
    if name and name not in SUCCESSION:
        return f"nay thuộc {_SUCCESSOR[name]}"
    return None


def display_locality(locality: str | None) -> str | None:
    """How a document's locality is shown: 'Bắc Kạn (nay thuộc Thái Nguyên)' for a former
    province, 'Bắc Kạn/Ba Bể (nay thuộc Thái Nguyên)' for a district of one, the locality
    itself otherwise (in the table's spelling; unknown names pass through unchanged)."""
    if not locality:
        return locality
    head, slash, rest = locality.partition("/")
    name = canonical_province(head)
    shown = f"{name}{slash}{rest}" if name else locality
    note = now_part_of(locality)
    return f"{shown} ({note})" if note else shown


# Commune-level bodies keep working after the merger (they replaced the districts'); a
# locality below a province that starts with one of these words is a commune, not a district.
COMMUNE_WORDS = ("xã", "phường", "đặc khu")


def merger_doubt(locality: str | None, issued: str | None) -> str | None:
    """Why a document's issuing locality and its date disagree across the merger, or None.

    From MERGER_DATE a body named after a former province (`Bắc Kạn`, `Bắc Kạn/Ba Bể`), or
    a district's body, no longer exists: a document it is said to issue then is a doubt,
    reported and kept under the locality its page gave, never merged into the successor's
    documents. Undated documents, and those issued before, are no doubt."""
    if not locality or not issued or issued[:10] < MERGER_DATE:
        return None
    head, _, below = locality.partition("/")
    name = canonical_province(head)
    if name and name not in SUCCESSION:
        return (f"issued {issued[:10]} by a body of {name}, which has been part of "
                f"{_SUCCESSOR[name]} since {MERGER_DATE}")
    if below and not below.lower().startswith(COMMUNE_WORDS):
        return f"issued {issued[:10]} by a body of the district {below}; districts ended on {MERGER_DATE}"
    return None


def merged_anew(locality: str | None, issued: str | None) -> bool:
    """Whether a document of `locality` issued on `issued` is one of a merged province's
    new bodies (a province of today that took others in, or a place in one, from
    MERGER_DATE on): they are not the former bodies of the same name, and number their
    documents anew from that day."""
    if not locality or not issued or issued[:10] < MERGER_DATE:
        return False
    name = canonical_province(locality.partition("/")[0])
    return bool(name) and len(SUCCESSION.get(name, ())) > 1


def province_of_body(province: str | None, issued: str | None) -> str | None:
    """The locality of a document issued on `issued` (ISO date) by a body of `province`:
    the province as given, or the string "doubt" when `merger_doubt` finds one (a former
    province's body after the merger; the caller reports it instead of merging silently)."""
    name = canonical_province(province)
    if not name:
        return province
    return "doubt" if merger_doubt(name, issued) else name

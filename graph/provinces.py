"""The 34 provinces and centrally run cities after the 2025 merger, with the 63 they
replaced (Nghị quyết 202/2025/QH15 of the National Assembly, in force from 12/6/2025).

A document issued by a former province belongs, for today's questions, to the province
that took it over: `current_province("Bắc Kạn")` is `Thái Nguyên`.
"""

from __future__ import annotations

from functools import lru_cache

from extract.normalize import fold

LEGAL_BASIS = "Nghị quyết 202/2025/QH15"

# today's name -> the names it replaced (its own first when it kept it)
PROVINCES: dict[str, tuple[str, ...]] = {
    "Hà Nội": ("Hà Nội",),
    "Huế": ("Thừa Thiên Huế", "Huế"),
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


def _key(name: str) -> str:
    return fold(name).replace("–", "-").replace("thanh pho ", "").replace("tp ", "").replace(
        "tinh ", "").strip()


_CURRENT = {_key(old): new for new, olds in PROVINCES.items() for old in (new, *olds)}


@lru_cache(maxsize=4096)
def current_province(name: str | None) -> str | None:
    """Today's province for a province name, old or new (None if not a province)."""
    if not name:
        return None
    return _CURRENT.get(_key(name.split("/")[0]))


def including(name: str) -> set[str]:
    """The spellings a province filter accepts: today's name and its predecessors
    (a former province alone stays itself)."""
    new = current_province(name)
    if new is None:
        return {name}
    if _key(name) != _key(new):
        return {name}
    return {new, *PROVINCES[new]}

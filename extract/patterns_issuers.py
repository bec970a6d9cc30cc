"""The patterns `extract.issuers` reads to spell a body's name, compiled from
`extract.grammar` (a part of `extract.patterns`, kept apart for the modules' length).

Every quantifier is bounded, as in `extract.patterns`: names are short, and a scan of one
costs a constant amount of work.
"""

from __future__ import annotations

import re

from extract.grammar import DEPARTMENT_NAMES, HEADER_NAMES, ISSUER_SPELLINGS
from extract.patterns import KIND_WORD_TO_CODE, trie

# --- issuers ------------------------------------------------------------------------------
# "(UBND)" after a body's name, and its term "(khóa XII)" at its end: dropped
ISSUER_ABBREVIATION_PAREN = re.compile(r"\s*\((?:UBND|HĐND|MTTQ)\)")
TERM_AT_END = re.compile(r"\s*\(?\b(?:khóa|khoá)\s+[IVXLC]+\b\)?$")
ISSUER_SPELLING_PATTERNS = tuple((re.compile(r"\b" + re.escape(written) + r"\b"), usual)
                                 for written, usual in ISSUER_SPELLINGS)
DISTRICT_ISSUER_END = re.compile(r"(huyện ủy|huyện uỷ|\bhuyện)$")
# a header's body name: the national motto that follows it, the Standing Committee, and
# a place name after "tỉnh", "huyện" ... (a proper noun)
NATIONAL_NAME_SPLIT = re.compile(r"\s*CỘNG H[OÒ]A")
STANDING_COMMITTEE_LOWER = re.compile(r"^(ủy|uỷ) ban thường vụ quốc hội")
_NOT_A_PLACE_WORD = r"(?!(?:tỉnh|huyện|thành|thị|quận|xã|phường)(?!\w))\w+"
PLACE_NAME_AT_END = re.compile(
    r"(?<!\w)(tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn|Tỉnh ủy|Huyện ủy|Thành ủy|Quận ủy"
    r"|Thị ủy) (" + _NOT_A_PLACE_WORD + "(?: " + _NOT_A_PLACE_WORD + "){0,3})$")
# a Party committee in a lower-cased header name: "ban thường vụ tỉnh ủy" -> "... Tỉnh ủy"
PARTY_COMMITTEE_LOWER = re.compile(r"(?<!\w)(tỉnh|huyện|thành|quận|thị|đảng) (ủy|uỷ)(?!\w)")
# a department's name after its head in a lower-cased header name: "sở nội vụ" -> "Sở Nội vụ"
DEPARTMENT_AFTER_LOWER = re.compile(
    r"(?<!\w)(sở|bộ|ban|cục|phòng) (" + "|".join(re.escape(d.lower()) for d in
                                          sorted(DEPARTMENT_NAMES, key=len, reverse=True)) + r")(?!\w)")
DEPARTMENT_BY_LOWER = {d.lower(): d for d in DEPARTMENT_NAMES}

# --- read by `extract.issuers` ---------------------------------------------------------------

TOKEN = re.compile(r"[^\s,;:.()“”\"]+|[,;:.()“”\"]")

CAPITALISED = re.compile(r"[A-ZĐ][\w\-]*")

NAME_TAIL = re.compile(r"\s+(và|của)$")

OF_WORD = re.compile(r"(?<!\w)của\s{1,3}")

AT_WORD = re.compile(r"\s{1,3}tại\s{1,3}")

# "(khóa xi)" after lower-casing a heading: the term's Roman numeral back in capitals
TERM_LOWER = re.compile(r"(?<!\w)(kh[oó]a |khoá )([ivxlc]{1,6})(?!\w)")

# (a trie: the regex engine skips ahead to the kind words' first letters; the text it is
# run on has its spaces collapsed)
KIND_BEFORE_SO = re.compile(trie(KIND_WORD_TO_CODE) + r"(?=\s+số)")

NATIONAL_MOTTO = re.compile(r"(?i)(CỘNG H[OÒ]A|CHỦ NGHĨA|Độc lập|ĐẢNG CỘNG SẢN)")

NUMBER_LABEL = re.compile(r"(?i)số\b")


# A locality word written with a capital inside a body's name: "UBND Xã Bản Lầu" is
# "UBND xã Bản Lầu" (a youth union, "Tỉnh Đoàn", keeps its capital)
LOCALITY_WORD_CAPITALISED = re.compile(
    r"(?<=\s)(?:Xã|Phường|Quận|Huyện|Thị trấn|Thị xã|Tỉnh|Thành phố)(?=\s(?:[A-ZĐ]|\d))(?!\sĐoàn)")

# A header's last line that names a body under the one above it: "UBND TỈNH LÀO CAI / SỞ NỘI
# VỤ", "TỈNH ỦY LÀO CAI / BAN TUYÊN GIÁO", "ĐẢNG BỘ HUYỆN X / ĐẢNG ỦY XÃ Y" (in capitals)
HEADER_SUBORDINATE = re.compile(
    r"^(?:SỞ|BAN|ĐẢNG ỦY|ĐẢNG UỶ|VĂN PHÒNG|PHÒNG|CHI CỤC|CỤC|ỦY BAN KIỂM TRA|UỶ BAN KIỂM TRA)(?!\w)")
# A locality inside a body's name (lower-cased): "xã Bản Lầu", "tỉnh Lào Cai"
LOCALITY_IN_NAME = re.compile(r"(?<!\w)(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường|thị trấn)\s(?!ủy|uỷ)")
# The locality at the end of a superior body's name: "Ủy ban nhân dân| tỉnh Lào Cai",
# "Đảng bộ| huyện |Mường Khương" (a Party body under a Đảng bộ takes its whole name:
# "Ban Chấp hành Đảng bộ huyện X")
SUPERIOR_LOCALITY = re.compile(
    r"^(?:(?P<people>(?:Ủy|Uỷ) ban nhân dân)|Đảng bộ) (?P<locality>(?:tỉnh|huyện|thành phố|thị xã|quận|xã|phường"
    r"|thị trấn) (?P<place>.+))$")
# A body that ends in a Party committee ("Ban Thường vụ Tỉnh ủy") takes the place's name alone
COMMITTEE_AT_END = re.compile(r"(?:ủy|uỷ)$")
# A body whose name includes its superior's whole name: "Văn phòng| Ủy ban nhân dân huyện X"
OFFICE_OF_SUPERIOR = re.compile(r"^Văn phòng$")
# Bodies restored to their spelling anywhere in a header's lower-cased name
HEADER_NAMES_ANYWHERE = tuple(
    (n, re.compile(r"(?<!\w)" + re.escape(n.lower()) + r"(?!\w)")) for n in HEADER_NAMES)
# A body under a header's superior, named by the number's code: "Sở ...", "Ban ...", "Chủ tịch ..."
SUBORDINATE_BODY = re.compile(r"^(?:Sở|Ban|Phòng|Văn phòng|Chi cục|Cục|Chủ tịch)(?!\w)")

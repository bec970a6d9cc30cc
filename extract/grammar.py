"""The citation grammar as data: kinds, codes, issuers, cue phrases.

Everything a rule needs to know about Vietnamese document numbering lives in these
tables; `extract.patterns` compiles them once into regular expressions. Adding a kind,
an issuer code or a cue phrase is a one-line change here.
"""

from __future__ import annotations

from extract.grammar_issuers import CODE_ISSUERS  # noqa: F401  (re-exported: a table of the grammar)

# --- kinds (ANNOTATION.md §5) -------------------------------------------------------
# code -> the words that introduce a document of that kind, longest first where one
# is a prefix of another ("Nghị quyết liên tịch" before "Nghị quyết").
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "NQLT": ("Nghị quyết liên tịch",),
    "NQ": ("Nghị quyết",),
    "CT": ("Chỉ thị",),
    "QĐ": ("Quyết định",),
    "QĐi": ("Quy định",),
    "KL": ("Kết luận",),
    "KH": ("Kế hoạch",),
    "CTr": ("Chương trình hành động", "Chương trình phối hợp", "Chương trình"),
    "TTLT": ("Thông tư liên tịch",),
    "TT": ("Thông tư",),
    "NĐ": ("Nghị định",),
    "CĐ": ("Công điện",),
    "QCPH": ("Quy chế phối hợp",),
    "QC": ("Quy chế",),
    "HD": ("Hướng dẫn",),
    "TB": ("Thông báo",),
    "BC": ("Báo cáo",),
    "TTr": ("Tờ trình",),
    "CV": ("Công văn", "Văn bản", "văn bản"),
    "VBHN": ("Văn bản hợp nhất",),
    "ĐA": ("Đề án",),
    "L": ("Bộ luật", "Luật"),
    "PL": ("Pháp lệnh",),
    "VBHN": ("Văn bản hợp nhất",),
}

# Type codes as they stand inside a number, mapped to their kind. Codes missing from
# this table (GP, CTHĐ written as a code of its own ...) fall back on the word before
# the number, then on HĐ ("any other kind").
CODE_KINDS: dict[str, str] = {
    "NQ": "NQ", "NQLT": "NQLT", "CT": "CT", "QĐ": "QĐ", "QĐi": "QĐi", "KL": "KL",
    "KH": "KH", "CTr": "CTr", "CTHĐ": "CTr", "CTPH": "CTr", "TT": "TT", "TTLT": "TTLT",
    "NĐ": "NĐ", "CĐ": "CĐ", "QC": "QC", "QCPH": "QCPH", "HD": "HD", "HDLT": "HD",
    "TB": "TB", "BC": "BC", "TTr": "TTr", "CV": "CV", "ĐA": "ĐA", "PL": "PL",
    "L": "L", "VBHN": "VBHN",
}

OTHER_KIND = "HĐ"

# --- codes: canonical spelling ------------------------------------------------------
# Every code we know, in the case its issuer writes it. A heading in capitals
# (`CT-TTG`) or a code typed without diacritics (`ND-CP`) is restored from here.
KNOWN_CODES: tuple[str, ...] = (
    # type codes
    "NQ", "NQLT", "CT", "QĐ", "QĐi", "KL", "KH", "CTr", "CTHĐ", "CTPH", "TT", "TTLT", "NĐ",
    "CĐ", "QC", "QCPH", "HD", "HDLT", "TB", "BC", "TTr", "CV", "ĐA", "PL", "GP", "VBHN",
    # central bodies
    "TTg", "CP", "QH", "TW", "UBTVQH", "VPCP", "BCĐ", "BDVTW", "BTGTW", "BTCTW", "UBKTTW",
    "BCSĐCP", "BCSĐ", "ĐUCA", "ĐUQSTW", "MTTQ", "UBMTTQ", "UBTWMTTQVN",
    # ministries
    "BTC", "BXD", "BKHĐT", "BLĐTBXH", "BNV", "BCA", "BQP", "BGDĐT", "BYT", "BTP", "BCT",
    "BNNPTNT", "BTNMT", "BGTVT", "BTTTT", "BVHTTDL", "BKHCN", "NHNN", "TTCP", "UBDT",
    # local bodies and departments
    "TU", "HU", "TU-BDVTU", "ĐU", "ĐUK", "BDVTU", "BTGTU", "BTCTU", "UBKTTU", "BCSĐUBND",
    "UBND", "HĐND", "VP", "TH", "KGVX", "VX", "ĐTXD", "NC", "KT", "TTĐT", "SKHCN",
    "SNV", "STC", "SYT", "STTTT", "SVHTTDL", "SGDĐT", "SNN", "STNMT", "SXD", "SCT", "SLĐTBXH",
    "CAT", "BCH", "BTV",
    # issuers of `CODE_ISSUERS` not listed above
    "VPQH", "BNG", "BNNMT", "BDTTG", "KTNN", "BTGDVTW", "VPTW", "BCĐQG", "UB", "CTUBND",
    "BTGHU", "BTCHU", "BDVHU", "UBKTHU", "STP", "SNNPTNT", "SNNMT", "SKHĐT", "SGTVT", "SDTTG",
    "SNgV", "QU", "ĐĐBQH", "BCHQS", "VPUBND",
)


def _fold_code(code: str) -> str:
    """Upper case without diacritics: the spelling-insensitive key of a code."""
    return code.upper().replace("Đ", "D")


# folded spelling -> canonical code. Where two codes fold alike (HD Hướng dẫn and a
# hypothetical HĐ), the one listed first wins; a code written with its diacritic is
# always kept as written, so only the undecorated spelling is ever restored.
CANONICAL_CODES: dict[str, str] = {}
for _code in KNOWN_CODES:
    CANONICAL_CODES.setdefault(_fold_code(_code), _code)

# Codes that carry a number of their own: a term (`QH14`, `UBTVQH11`), a body's number
# (`BCĐ35`, a police unit's `PV01`). Digits after any other code are a footnote mark
# (`12-CT/TW2,` is `12-CT/TW`), unless they open with a zero (no footnote is numbered so).
NUMBERED_CODES = frozenset({"QH", "UBTVQH", "BCĐ", "PA", "PC", "PV", "PX", "PK", "PH"})

# --- issuers (ANNOTATION.md §6) ------------------------------------------------------
# The bodies issuer codes stand for (`CODE_ISSUERS`) live in `extract.grammar_issuers`.


# Abbreviations expanded in issuer names, applied word-wise in this order.
ISSUER_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("UBMTTQVN", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("BCH TW", "Ban Chấp hành Trung ương"),
    ("BCHTW", "Ban Chấp hành Trung ương"),
    ("BTV", "Ban Thường vụ"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("TW", "Trung ương"),
    ("TP.", "thành phố"), ("Tp.", "thành phố"), ("TP", "thành phố"), ("TX.", "thị xã"),
    ("QL", "Quản lý"),
    ("CP", "Chính phủ"),
    ("TTg", "Thủ tướng Chính phủ"),
)

# Issuer names that stand for the page's own locality and get its name appended:
# "UBND tỉnh" on the Bắc Kạn portal is "Ủy ban nhân dân tỉnh Bắc Kạn".
LOCAL_ISSUER_ENDINGS: tuple[str, ...] = (
    "Tỉnh ủy", "Tỉnh uỷ", "tỉnh", "Tỉnh", "Đảng bộ tỉnh",
)

# Centrally-run cities: their bodies are "Ủy ban nhân dân thành phố Hải Phòng",
# "Thành ủy Hải Phòng", not "... tỉnh".
CENTRAL_CITIES: frozenset[str] = frozenset({
    "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh", "TP Hồ Chí Minh", "Huế",
})

# Words between a kind word and "số" that keep the kind: "Báo cáo thẩm định số 18/BCTĐ-STP",
# "Kế hoạch liên tịch số ...", "Chương trình hành động số 17-CTr/TU".
KIND_QUALIFIERS: tuple[str, ...] = (
    "hành động", "thẩm định", "thẩm tra", "liên tịch", "liên ngành", "phối hợp", "công tác",
    "kết luận", "kết quả", "tóm tắt",
)

# Departments and ministries whose names go on in lower case ("Sở Tư pháp", "Sở Y tế",
# "Bộ Giáo dục và Đào tạo"): after "Sở", "Bộ", "Ban" or "Cục" the whole name is read.
DEPARTMENT_NAMES: tuple[str, ...] = (
    "Tư pháp", "Y tế", "Xây dựng", "Công Thương", "Giáo dục và Đào tạo", "Tài chính", "Nội vụ",
    "Ngoại vụ", "Công an", "Quốc phòng", "Giao thông vận tải", "Giao thông - Vận tải",
    "Tài nguyên và Môi trường", "Nông nghiệp và Môi trường", "Thông tin và Truyền thông",
    "Văn hóa, Thể thao và Du lịch", "Văn hoá, Thể thao và Du lịch", "Văn hóa và Thể thao",
    "Lao động - Thương binh và Xã hội", "Nông nghiệp và Phát triển nông thôn",
    "Kế hoạch và Đầu tư", "Khoa học và Công nghệ", "Dân tộc và Tôn giáo", "Dân tộc", "Thanh tra",
    "Tuyên giáo", "Tuyên giáo và Dân vận", "Dân vận", "Tổ chức", "Nội chính", "Kinh tế",
)

# Bodies that issue jointly with the body named before them, after a comma
# ("của Bộ Chính trị, Ban Bí thư"); any other name after a comma is the next clause's actor.
JOINT_ISSUERS: tuple[str, ...] = (
    "Ban Bí thư", "Bộ Chính trị", "Ban Chấp hành Trung ương", "Chính phủ", "Quốc hội",
    "Ủy ban Thường vụ Quốc hội", "Uỷ ban Thường vụ Quốc hội", "Đoàn Chủ tịch",
    "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
)

# A plenum of the Party Central Committee cited as the issuer ("của Hội nghị Trung ương 7
# khóa XI", "của Hội nghị lần thứ sáu Ban Chấp hành Trung ương khóa XII") is this body.
PLENUM_ISSUER = "Ban Chấp hành Trung ương"

PROVINCES: tuple[str, ...] = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn",
    "Bắc Ninh", "Bến Tre", "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau",
    "Cao Bằng", "Cần Thơ", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
    "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương",
    "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An",
    "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam",
    "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình",
    "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang", "TP Hồ Chí Minh",
    "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)

# --- relation cues (ANNOTATION.md §7) -------------------------------------------------
# Cue phrase -> relation type. The phrase stands before its target; longer phrases
# are tried first so "triển khai thực hiện" wins over "thực hiện".
CUES: dict[str, str] = {
    "căn cứ vào": "BASED_ON",
    "căn cứ": "BASED_ON",
    "quán triệt và triển khai": "IMPLEMENTS",
    "quán triệt, triển khai": "IMPLEMENTS",
    "triển khai thực hiện": "IMPLEMENTS",
    "tiếp tục thực hiện": "IMPLEMENTS",
    "tổ chức thực hiện": "IMPLEMENTS",
    "tổ chức triển khai": "IMPLEMENTS",
    "triển khai thi hành": "IMPLEMENTS",
    "gắn với thực hiện": "IMPLEMENTS",
    "chương trình hành động thực hiện": "IMPLEMENTS",
    "chương trình hành động": "IMPLEMENTS",
    "kế hoạch thực hiện": "IMPLEMENTS",
    "cụ thể hóa": "IMPLEMENTS",
    "cụ thể hoá": "IMPLEMENTS",
    "thực hiện": "IMPLEMENTS",
    "triển khai": "IMPLEMENTS",
    "quy định chi tiết và hướng dẫn thi hành": "GUIDES",
    "quy định chi tiết thi hành": "GUIDES",
    "quy định chi tiết": "GUIDES",
    "hướng dẫn thi hành": "GUIDES",
    "hướng dẫn thực hiện": "GUIDES",
    "hướng dẫn chi tiết": "GUIDES", "hướng dẫn bổ sung": "GUIDES", "hướng dẫn": "GUIDES",
    "sửa đổi, bổ sung": "AMENDS",
    "sửa đổi bổ sung": "AMENDS",
    "sửa đổi": "AMENDS",
    "bổ sung": "AMENDS",
    "thay thế": "REPLACES",
    "bãi bỏ": "REPEALS",
}

# Passive cues stand *after* their target and name the acting document after them:
# "Hiến pháp ... đã được sửa đổi, bổ sung theo Nghị quyết số 51/2001/QH10"
# gives 51/2001/QH10 AMENDS Hiến pháp. A legal database's history table writes the
# same thing as rows: "Bị thay thế 54/2006/NĐ-CP".
PASSIVE_CUES: dict[str, str] = {
    "được sửa đổi, bổ sung": "AMENDS",
    "được sửa đổi bổ sung": "AMENDS",
    "được sửa đổi": "AMENDS",
    "được bổ sung": "AMENDS",
    "bị sửa đổi": "AMENDS",
    "bị thay thế một phần": "REPLACES",
    "bị thay thế 1 phần": "REPLACES",
    "bị thay thế": "REPLACES",
    "được thay thế": "REPLACES",
    "bị bãi bỏ": "REPEALS",
    "bị hủy bỏ": "REPEALS",
    "được hướng dẫn": "GUIDES", "được quy định chi tiết": "GUIDES",
}
# A guiding cue used as a noun guides nothing: "theo hướng dẫn tại", "văn bản hướng dẫn", "hướng dẫn của"
GUIDANCE_NOUN_BEFORE, GUIDANCE_NOUN_AFTER = ("theo", "văn bản", "các", "tài liệu", "sự"), ("của", "tại")

# Words between a cue and its target that break the link: the verb that governs the
# target is another one ("tuyên truyền ... về Quyết định", "hoàn thành các nhiệm vụ").
BLOCKING_WORDS: tuple[str, ...] = (
    "tuyên truyền", "phổ biến", "hoàn thành", "báo cáo", "giám sát", "phản biện",
    "nghiên cứu", "học tập", "tạm ngưng", "tạm dừng", "ngưng", "không", "chưa",
    "sơ kết", "tổng kết", "kiểm tra", "đánh giá", "căn cứ",
)

# Headings after which a portal lists other articles: their documents are references
# of the page but take part in no relation, and never become its subject.
SIDE_LIST_HEADINGS: tuple[str, ...] = (
    "Tin liên quan", "Tin mới nhất", "Tin cùng chuyên mục", "Tin tức liên quan",
    "Các tin khác", "Tin khác", "Bài viết liên quan", "Các bài viết khác", "Xem thêm",
    "Tin đã đưa", "Tin bài liên quan", "Văn bản liên quan", "Tin nổi bật", "Đọc nhiều",
    "Tin đọc nhiều", "Bài đọc nhiều", "Các tin đã đưa", "Tin tức khác",
)

# Verbs that make a news sentence report its subject: "UBND tỉnh ... ban hành Kế hoạch số";
# joint issuers: "thống nhất ban hành", "đã ký kết" (the actor's name ends at the verb).
REPORTING_VERBS: tuple[str, ...] = (
    "đã ban hành", "vừa ban hành", "ký ban hành", "ban hành", "vừa có", "đã có", "có",
    "ký", "vừa ký", "đã ký", "gửi", "đã gửi", "vừa gửi", "ký kết", "đã ký kết", "vừa ký kết",
    "thống nhất ban hành", "đã thống nhất ban hành", "phối hợp ban hành", "đã phối hợp ban hành",
    "liên tịch ban hành", "thống nhất ký", "đã thống nhất ký", "thống nhất ký kết",
)

# Type lines of a full text's header (in capitals) -> kind.
TYPE_LINES: dict[str, str] = {
    "NGHỊ QUYẾT LIÊN TỊCH": "NQLT", "NGHỊ QUYẾT": "NQ", "CHỈ THỊ": "CT",
    "QUYẾT ĐỊNH": "QĐ", "QUY ĐỊNH": "QĐi", "KẾT LUẬN": "KL", "KẾ HOẠCH": "KH",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "CTr", "CHƯƠNG TRÌNH": "CTr", "THÔNG TƯ LIÊN TỊCH": "TTLT",
    "THÔNG TƯ": "TT", "NGHỊ ĐỊNH": "NĐ", "CÔNG ĐIỆN": "CĐ", "QUY CHẾ PHỐI HỢP": "QCPH",
    "QUY CHẾ": "QC", "HƯỚNG DẪN": "HD", "THÔNG BÁO": "TB", "BÁO CÁO": "BC",
    "TỜ TRÌNH": "TTr", "ĐỀ ÁN": "ĐA", "LUẬT": "L", "PHÁP LỆNH": "PL", "CÔNG VĂN": "CV",
}

# First words of a signature block; the signer's name follows within a few lines.
SIGNATURE_TITLES: tuple[str, ...] = (
    "TM.", "T/M", "KT.", "K/T", "TL.", "Q.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "BÍ THƯ",
    "PHÓ BÍ THƯ", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "TỔNG BÍ THƯ",
)


# --- single words and short phrases the stages test for --------------------------------
# Each is named for the rule that reads it; the regular expressions built on such words
# are in `extract.patterns`.

AND = "và"                      # joins two bodies in a name, two items of a list
AT = "tại"                      # "của Sở ... tại Tờ trình số ...": ties an issuer to a document
NUMBER_WORD = "số"              # "Kế hoạch số 124/KH-UBND"
PEOPLE = "nhân dân"             # "Ủy ban nhân dân", "Hội đồng nhân dân"

# How a body names the place it belongs to (`issuers.locality_of`)
CITY_LOCALITY = "thành phố {}"
PROVINCE_LOCALITY = "tỉnh {}"
CITY_PARTY_COMMITTEE = "Thành ủy"
PROVINCE_PARTY_COMMITTEE = "Tỉnh ủy"

# Reading a body's name (`issuers.scan_issuer`): capitalised words that end it ("... Tỉnh ủy
# Ngày 5/3"), words after which a comma stays inside it ("phòng, chống dịch")
NAME_ENDING_WORDS = frozenset({"ngày", "về", "số"})
NAME_COMMA_WORDS = frozenset({"chống"})

# Completing a body's name (`issuers.complete_issuer`)
ISSUER_SPELLINGS: tuple[tuple[str, str], ...] = (("Tỉnh uỷ", "Tỉnh ủy"),)
CITY_ISSUER_ENDINGS: tuple[str, ...] = ("thành phố", "thành ủy", "thành uỷ")
PEOPLES_BODIES = frozenset({"ủy ban nhân dân", "hội đồng nhân dân"})
DISTRICT_PARTY_COMMITTEES = frozenset({"huyện ủy", "huyện uỷ"})
MINISTRY = "Bộ "                # a ministry's name goes on in capitals: "Bộ Tư pháp"
STANDING_COMMITTEE = "Uỷ ban Thường vụ Quốc hội"

# Finding laws by name (`laws.find_laws`): the pieces every law's start holds, found by a
# substring search ("uật" of "Luật"/"Bộ luật" and what may stand before it)
LAW_START_PIECES: tuple[tuple[str, str, str], ...] = (("uật", "l", "Bộ"), ("UẬT", "L", "BỘ"))
CONSTITUTION_START = "Hiến"
CONSTITUTION = "Hiến pháp"
LAW_WORD = "luật"
AMENDING_WORD = "sửa"           # "Luật Sửa đổi, bổ sung ... của Luật ..."
LAW_NAME_LOWER_OPENERS = frozenset({"thực", "tổ", "ban", "sửa"})   # "Luật thực hiện ..."
LAW_NAME_NON_OPENERS = frozenset({"số", "này", "pháp", "sư"})      # "Luật số", "luật sư"
LAW_INNER_LINKS = frozenset({"của", "và"})
LAW_INNER_HEADS = frozenset({"luật", "bộ"})

# The page (`page.find_district`): every district match holds "uyện" ("Huyện", "huyện")
DISTRICT_WORD_TAIL = "uyện"

# The subject (`subject.find_subject`): a legal database's history page
HISTORY_HEADING = "Lịch sử hiệu lực"
# Title lines (`titles`): the closing issuer "... do Thủ tướng Chính phủ ban hành", the year
# "Quyết định 604/QĐ-UBND năm 2023 về ...", the metadata row "Ngày ban hành: | 22/11/2019 |",
# what a sentence says after its trích yếu ('"Đẩy mạnh ...", nội dung cụ thể như sau:')
ISSUED_BY, YEAR_WORD, DATABASE_DATE_LABEL = ("do", "ban hành"), "năm", "Ngày ban hành"
TITLE_RUN_ON_TAILS = ("nội dung cụ thể như sau", "cụ thể như sau", "như sau", "nội dung như sau")
RECIPIENTS_WORD, ABOUT_WHAT = "gửi", "về việc"   # "số 75/VPCP gửi các bộ, ... về việc ..."

# Spellings of one word with the tone mark placed the old way -> the usual one (`issuer_key`)
TONE_MARK_SPELLINGS: tuple[tuple[str, str], ...] = (("Uỷ", "Ủy"), ("uỷ", "ủy"))


# --- read by `extract.issuers` ---------------------------------------------------------------

# Bodies a header's name opens with, in their usual spelling (`issuers.header_issuer`)
HEADER_BODIES: tuple[str, ...] = ("Tỉnh ủy", "Huyện ủy", "Bộ", "Ban Thường vụ", "Ban Chấp hành Trung ương",
                                  "Quốc hội", "Chính phủ", "Thủ tướng")
# ... and names spelt so wherever they stand in it ("THỦ TƯỚNG CHÍNH PHỦ", "BAN CHẤP HÀNH ĐẢNG BỘ")
HEADER_NAMES: tuple[str, ...] = ("Quốc hội", "Chính phủ", "Ban Chấp hành", "Trung ương", "Ban Thường vụ",
                                 "Bộ Chính trị", "Ban Bí thư", "Mặt trận Tổ quốc Việt Nam")

# Lower-case words that may stand inside a body's name ("Ban cán sự đảng Ủy ban
# nhân dân tỉnh", "Ban Chỉ đạo quốc gia phòng, chống dịch bệnh COVID-19").
ISSUER_WORDS = frozenset("""
    bí thư thường vụ chấp hành trung ương nhân dân tỉnh huyện thành phố thị xã phường
    ủy uỷ đảng bộ chính trị phủ cán sự và dân vận tuyên giáo tổ chức kiểm tra quốc gia
    phòng chống dịch bệnh chỉ đạo mặt trận tổ lao động thương binh hội đầu tư kế hoạch
    tài khoa học công nghệ nội vụ giao thông vải văn hóa hoá thể thao du lịch nông
    nghiệp phát triển thôn môi trường nguyên đô điện tử truyền hình thanh tin quản lý
    hành chính nhà nước việt nam cộng sản phòng ngừa an toàn giao tướng trưởng phó chủ
    tịch văn cục tổng thường trực ban quận trấn
""".split())

ISSUER_STOP_PAIRS = {("ban", "hành"), ("quản", "lý"), ("phát", "triển"), ("chỉ", "đạo"),
                       ("triển", "khai"), ("tổ", "chức"), ("kiểm", "tra")}

# A town's or city's abbreviation with its period inside a body's name: "UBND TP. Cần Thơ"
DOTTED_PLACE_ABBREVIATIONS = frozenset({"TP", "Tp", "TX", "Tx"})

# Words a number follows inside a body's name: wards and urban districts ("UBND phường 3",
# "Quận 1"), steering committees ("Ban Chỉ đạo 35") (`issuers.scan_issuer`)
NUMBERED_NAME_WORDS = frozenset({"phường", "quận", "đạo"})

DEPARTMENT_HEADS = frozenset({"Sở", "Bộ", "Ban", "Cục", "SỞ", "BỘ", "BAN", "CỤC"})


PROPER_NAMES = tuple(PROVINCES) + ("Tỉnh ủy", "Ban Chấp hành Trung ương", "Quốc hội", "Chính phủ",
                                    "Đảng", "Bộ Chính trị", "Ban Bí thư")


# --- read by `extract.laws` ------------------------------------------------------------------

LAW_STOP = frozenset("""ngày năm về trên của đã được theo và tại này trong để
    với nhằm cho khi là có do từ đến""".split())

LAW_STOP_PAIRS = {("quy", "định"), ("hướng", "dẫn")}
# a legal database's short name of an amending law: "Luật Thi đua, Khen thưởng sửa đổi 2005";
# what ends "Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch ngày ..."
LAW_AMENDED_SUFFIX, LAW_DATE_WORDS = "sửa đổi", frozenset({"ngày", "năm"})


# --- read by `extract.cues` -----------------------------------------------------------------

# What a passive cue may take in around it: "đã" before, "theo", "bởi" ... after
PASSIVE_BEFORE = "đã"
PASSIVE_AFTER: tuple[str, ...] = ("theo", "bởi", "tại", "bằng")

# --- read by `extract.preamble` (a preamble's main clause, statements about past work, §7) ---
PREAMBLE_CONTINUATIONS = ("Trên cơ sở đó", "Trên tinh thần đó", "Theo đó")   # "X. Trên cơ sở đó, Ban ..."
# A main clause's actor issues a document (these, `REPORTING_VERBS`) or does something else
ISSUING_VERBS: tuple[str, ...] = ("xây dựng", "có ý kiến", "ký kết", "thống nhất ban hành", "phối hợp ban hành")
ACTING_VERBS: tuple[str, ...] = ("tổ chức", "đăng tải", "đăng", "tiến hành", "triển khai", "phối hợp",
                                 "thông báo", "đề nghị", "yêu cầu", "chỉ đạo", "tham mưu", "hướng dẫn")
# Past work: "Trong những năm qua, thực hiện ...", "Sau 5 năm thực hiện ...", "năm 2020 đã thực hiện"
PAST_WORK_PERIODS = ("những năm qua", "các năm qua", "nhiều năm qua", "năm qua", "thời gian qua",
                     "thời gian vừa qua", "những năm gần đây", "giai đoạn vừa qua", "nhiệm kỳ qua")
PAST_WORK_SPAN = (("sau", "qua"), ("năm", "tháng"), ("một", "hai", "ba", "mười", "nhiều"))  # "sau 5 năm"
YEAR_WORD, DONE_WORD, RECENTLY_WORD = "năm", "đã", "vừa"

"""The citation grammar's issuer codes as data: the body each code stands for (§6).

Part of `extract.grammar`, which re-exports `CODE_ISSUERS`: a module of its own so that
no module of the grammar outgrows the length every module keeps to.
"""

from __future__ import annotations

# Body that an issuer code stands for, when the text names no issuer.
# `{province}` is filled from the page's province, `{locality}` with "tỉnh Bắc Kạn" or
# "thành phố Hải Phòng", `{party_committee}` with "Tỉnh ủy" or "Thành ủy", `{district}` with the
# district the page names (each left out when the page does not say); codes whose body
# depends on the text (TW: Ban Chấp hành Trung ương, Bộ Chính trị or Ban Bí thư) are absent.
CODE_ISSUERS: dict[str, str] = {
    # the State's central bodies and ministries
    "TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội", "VPCP": "Văn phòng Chính phủ", "VPQH": "Văn phòng Quốc hội",
    "BTC": "Bộ Tài chính", "BXD": "Bộ Xây dựng", "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội", "BNV": "Bộ Nội vụ", "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng", "BGDĐT": "Bộ Giáo dục và Đào tạo", "BYT": "Bộ Y tế", "BTP": "Bộ Tư pháp",
    "BCT": "Bộ Công Thương", "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BTNMT": "Bộ Tài nguyên và Môi trường", "BGTVT": "Bộ Giao thông vận tải",
    "BTTTT": "Bộ Thông tin và Truyền thông", "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BKHCN": "Bộ Khoa học và Công nghệ", "BNG": "Bộ Ngoại giao", "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BDTTG": "Bộ Dân tộc và Tôn giáo", "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "TTCP": "Thanh tra Chính phủ", "UBDT": "Ủy ban Dân tộc", "KTNN": "Kiểm toán nhà nước",
    # the Party's central bodies (`BDVTW-BCSĐCP`: two bodies issuing jointly)
    "BDVTW": "Ban Dân vận Trung ương", "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương", "BTCTW": "Ban Tổ chức Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương", "VPTW": "Văn phòng Trung ương Đảng",
    "BCSĐCP": "Ban cán sự đảng Chính phủ", "ĐUQSTW": "Quân ủy Trung ương",
    "BCĐQG": "Ban Chỉ đạo quốc gia", "BCĐ": "Ban Chỉ đạo",
    "UBTWMTTQVN": "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
    # a Fatherland Front committee or a Party committee of any level (the code says not which)
    "MTTQ": "Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQ": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "ĐU": "Đảng ủy", "ĐUK": "Đảng ủy Khối",
    # the province's and the district's bodies
    "UBND": "Ủy ban nhân dân {locality}", "UB": "Ủy ban nhân dân {locality}",
    "HĐND": "Hội đồng nhân dân {locality}", "CTUBND": "Chủ tịch Ủy ban nhân dân {locality}",
    "BCSĐUBND": "Ban cán sự đảng Ủy ban nhân dân {locality}", "TU": "{party_committee} {province}",
    "BDVTU": "Ban Dân vận Tỉnh ủy {province}", "BTGTU": "Ban Tuyên giáo {party_committee} {province}",
    "BTCTU": "Ban Tổ chức {party_committee} {province}",
    "UBKTTU": "Ủy ban Kiểm tra {party_committee} {province}", "HU": "Huyện ủy {district}",
    "BTGHU": "Ban Tuyên giáo Huyện ủy {district}", "BTCHU": "Ban Tổ chức Huyện ủy {district}",
    "BDVHU": "Ban Dân vận Huyện ủy {district}", "UBKTHU": "Ủy ban Kiểm tra Huyện ủy {district}",
    "QU": "Quận ủy {district}", "ĐĐBQH": "Đoàn đại biểu Quốc hội {locality}",
    "CAT": "Công an {locality}", "BCHQS": "Bộ Chỉ huy Quân sự {locality}",
    "VPUBND": "Văn phòng Ủy ban nhân dân {locality}",
    # the province's departments (Sở)
    "SNV": "Sở Nội vụ {locality}", "STC": "Sở Tài chính {locality}", "SYT": "Sở Y tế {locality}",
    "STP": "Sở Tư pháp {locality}", "SXD": "Sở Xây dựng {locality}", "SCT": "Sở Công Thương {locality}",
    "SGDĐT": "Sở Giáo dục và Đào tạo {locality}", "STTTT": "Sở Thông tin và Truyền thông {locality}",
    "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch {locality}",
    "SNN": "Sở Nông nghiệp và Phát triển nông thôn {locality}",
    "SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn {locality}",
    "SNNMT": "Sở Nông nghiệp và Môi trường {locality}", "STNMT": "Sở Tài nguyên và Môi trường {locality}",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội {locality}",
    "SKHCN": "Sở Khoa học và Công nghệ {locality}", "SKHĐT": "Sở Kế hoạch và Đầu tư {locality}",
    "SGTVT": "Sở Giao thông vận tải {locality}", "SDTTG": "Sở Dân tộc và Tôn giáo {locality}",
    "SNgV": "Sở Ngoại vụ {locality}",
}
# A ministry's code may drop its leading "B" (`TT-LĐTBXH`, `TT-GDĐT`); a code shorter than
# this is never read so (`CT`, `TP` are other codes).
MINISTRY_CODE_LEAD = "B"
MINISTRY_CODE_MIN_WITHOUT_LEAD = 4
# Joint issuers from the code are named one after another with this word between them.
JOINT_ISSUER_JOIN = " và "

# An official's title before the body he heads ("đề nghị của Giám đốc Sở Tài chính tại Tờ
# trình số ..."): the document's issuer is the body (`issuers.issuer_of_author`).
OFFICIAL_TITLES: tuple[str, ...] = (
    "Phó Giám đốc", "Giám đốc", "Phó Chủ tịch", "Chủ tịch", "Phó Trưởng", "Trưởng", "Bộ trưởng",
    "Thứ trưởng", "Chánh", "Phó Chánh", "Cục trưởng", "Viện trưởng", "Thủ trưởng",
)

# Party bodies: their numbers are written Party style, serial-KIND/ISSUER (`14-NQ/TU`); a
# number of theirs written State style (`14/NQ-TU`) is the same number (§4), and so is a
# State body's (`CODE_ISSUERS`) written Party style (`33-CT/TTg` is `33/CT-TTg`).
PARTY_ISSUER_CODES = frozenset({
    "TW", "TU", "HU", "QU", "ĐU", "ĐUK", "ĐUCA", "ĐUQSTW", "BDVTW", "BTGTW", "BTGDVTW", "BTCTW",
    "UBKTTW", "VPTW", "BCSĐCP", "BCSĐ", "BDVTU", "BTGTU", "BTCTU", "UBKTTU", "BCSĐUBND", "BTGHU",
    "BTCHU", "BDVHU", "UBKTHU", "BTG", "BDV",
})
# Bodies whose numbers come in either style (a steering committee may be the Party's or
# the State's): never rewritten.
EITHER_STYLE_CODES = frozenset({"BCĐ", "BCĐQG"})

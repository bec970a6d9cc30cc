"""The bundled sample's pages, as data: six portals, their news items, full texts and attachments.

Every sentence here was written for the sample. Document numbers, dates, issuers, signers and
titles of the real documents carry over from the public record; where a page invents a local
plan it is listed as invented in README.md beside it. `build_sample.py` turns this module
into the static sites under sites/ (committed, so nothing is generated at run time).

A page dict:
  slug      file name under tin-tuc/ (news) or van-ban/ (full text), without .html
  title     headline
  posted    "dd/mm/yyyy hh:mm" as the portal prints it
  body      paragraphs (plain text; "[[label|target]]" becomes a link to target, relative to the page)
  related   side-list headlines ("Tin liên quan") with the slug they link to
  fulltext  optional dict for a van-ban/ page: header fields + body paragraphs + signature
"""

from __future__ import annotations

# --- the portals -----------------------------------------------------------------------------
# key -> how the portal looks: its name, the province it speaks for, and the CSS class names its
# templates use (portals differ in markup; the crawler's profile for each site says where to look).
SITES: dict[str, dict] = {
    "backan": {
        "name": "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BẮC KẠN",
        "province": "Bắc Kạn",
        "host": "backan.gov.vn",
        "owner": "Ủy ban nhân dân tỉnh Bắc Kạn",
        "address": "Tổ 1, phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn",
        "css": {"list": "list-news", "item": "news-item", "content": "news-content",
                "title": "news-title", "meta": "news-date", "related": "tin-lien-quan",
                "pager": "paging"},
    },
    "ninhthuan": {
        "name": "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH NINH THUẬN",
        "province": "Ninh Thuận",
        "host": "ninhthuan.gov.vn",
        "owner": "Văn phòng Ủy ban nhân dân tỉnh Ninh Thuận",
        "address": "450 đường 16 tháng 4, thành phố Phan Rang - Tháp Chàm, tỉnh Ninh Thuận",
        "css": {"list": "divTinTuc", "item": "tin", "content": "divNoiDung",
                "title": "tieude", "meta": "ngaydang", "related": "tinkhac",
                "pager": "phantrang"},
    },
    "daklak": {
        "name": "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐẮK LẮK",
        "province": "Đắk Lắk",
        "host": "daklak.gov.vn",
        "owner": "Ủy ban nhân dân tỉnh Đắk Lắk",
        "address": "Văn phòng UBND tỉnh, đường Lê Duẩn, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk",
        "css": {"list": "asset-list", "item": "asset-entry", "content": "journal-content-article",
                "title": "header-title", "meta": "publish-date", "related": "other-news",
                "pager": "lfr-pagination"},
    },
    "quangtri": {
        "name": "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH QUẢNG TRỊ",
        "province": "Quảng Trị",
        "host": "quangtri.gov.vn",
        "owner": "Ủy ban nhân dân tỉnh Quảng Trị",
        "address": "Số 45 đường Hùng Vương, thành phố Đông Hà, tỉnh Quảng Trị",
        "css": {"list": "news-list", "item": "news-row", "content": "detail-content",
                "title": "detail-title", "meta": "detail-time", "related": "related-news",
                "pager": "pagination"},
    },
    "camlo": {
        "name": "TRANG THÔNG TIN ĐIỆN TỬ HUYỆN CAM LỘ",
        "province": "Quảng Trị",
        "host": "camlo.quangtri.gov.vn",
        "owner": "Ủy ban nhân dân huyện Cam Lộ",
        "address": "Khu phố 3, thị trấn Cam Lộ, huyện Cam Lộ, tỉnh Quảng Trị",
        "css": {"list": "danh-sach-tin", "item": "muc-tin", "content": "noi-dung-tin",
                "title": "tieu-de-tin", "meta": "thoi-gian", "related": "tin-cung-chuyen-muc",
                "pager": "trang"},
    },
    "thainguyen": {
        "name": "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH THÁI NGUYÊN",
        "province": "Thái Nguyên",
        "host": "thainguyen.gov.vn",
        "owner": "Ủy ban nhân dân tỉnh Thái Nguyên",
        "address": "Trụ sở UBND tỉnh, phường Phan Đình Phùng, tỉnh Thái Nguyên",
        "css": {"list": "danh-muc-tin", "item": "tin-bai", "content": "noi-dung-bai",
                "title": "tieu-de-bai", "meta": "ngay-dang", "related": "bai-lien-quan",
                "pager": "phan-trang"},
    },
}

# how many items one listing page shows (so each site's news category spans 2-3 pages)
PAGE_SIZE = 3

# --- Bắc Kạn -----------------------------------------------------------------------------------
BACKAN = [
    {
        "slug": "ba-be-trien-khai-cong-tac-dan-van-chinh-quyen-nam-2025",
        "title": "Huyện Ba Bể ban hành kế hoạch công tác dân vận chính quyền năm 2025",
        "posted": "14/02/2025 09:20",
        "body": [
            "Ngày 10/02/2025, UBND huyện Ba Bể ban hành Kế hoạch số 15/KH-UBND về thực hiện công tác "
            "dân vận chính quyền năm 2025 trên địa bàn huyện.",
            "Kế hoạch được xây dựng nhằm triển khai thực hiện Kế hoạch số 21/KH-UBND ngày 16/01/2025 "
            "của UBND tỉnh Bắc Kạn về thực hiện công tác dân vận chính quyền năm 2025, gắn với nhiệm vụ "
            "phát triển kinh tế - xã hội của huyện.",
            "Theo kế hoạch, các cơ quan chuyên môn và UBND các xã, thị trấn xây dựng chương trình công "
            "tác dân vận của đơn vị, lựa chọn ít nhất một mô hình “Dân vận khéo” để chỉ đạo điểm, tăng "
            "cường đối thoại với Nhân dân ở thôn, bản và báo cáo kết quả về Phòng Nội vụ huyện trước "
            "ngày 20/11/2025.",
            "Thu Hà - Văn phòng HĐND và UBND huyện",
        ],
        "related": ["ke-hoach-thuc-hien-cong-tac-dan-van-chinh-quyen-nam-2025",
                    "hoi-thi-dan-van-kheo-cum-thi-dua-so-2"],
    },
    {
        "slug": "hoi-thi-dan-van-kheo-cum-thi-dua-so-2",
        "title": "Sôi nổi Hội thi “Dân vận khéo” cụm thi đua số 2",
        "posted": "05/02/2025 16:05",
        "body": [
            "Sáng 04/02/2025, tại hội trường huyện Chợ Đồn, cụm thi đua số 2 tổ chức Hội thi "
            "“Dân vận khéo” với sự tham gia của sáu đội đến từ các xã trong cụm.",
            "Các đội trình bày mô hình dân vận ở cơ sở qua phần thi chào hỏi, xử lý tình huống và tiểu "
            "phẩm, tập trung vào vận động Nhân dân hiến đất làm đường, giữ gìn vệ sinh môi trường và "
            "phát triển sinh kế cho hộ nghèo.",
            "Kết thúc hội thi, Ban tổ chức trao một giải nhất, hai giải nhì và ba giải ba cho các đội.",
            "Minh Đức",
        ],
        "related": ["ke-hoach-thuc-hien-cong-tac-dan-van-chinh-quyen-nam-2025"],
    },
    {
        "slug": "ke-hoach-thuc-hien-cong-tac-dan-van-chinh-quyen-nam-2025",
        "title": "Kế hoạch thực hiện công tác dân vận chính quyền năm 2025",
        "posted": "20/01/2025 10:45",
        "body": [
            "Ngày 16/01/2025, UBND tỉnh Bắc Kạn ban hành Kế hoạch số 21/KH-UBND thực hiện công tác dân "
            "vận chính quyền năm 2025.",
            "Kế hoạch đặt ra các chỉ tiêu cụ thể cho năm 2025: toàn bộ cán bộ, công chức, viên chức được "
            "quán triệt các văn bản về công tác dân vận; các sở, ngành và UBND cấp huyện, cấp xã xây dựng "
            "kế hoạch dân vận của đơn vị; người đứng đầu cấp ủy, chính quyền đối thoại trực tiếp với "
            "Nhân dân ít nhất một lần trong năm.",
            "Sở Nội vụ được giao theo dõi, đôn đốc việc thực hiện và tổng hợp báo cáo UBND tỉnh.",
            "Toàn văn kế hoạch: [[Kế hoạch số 21/KH-UBND|../van-ban/21-kh-ubnd-2025.html]]",
        ],
        "related": ["bac-kan-trien-khai-chi-thi-33-ct-ttg",
                    "tang-cuong-lanh-dao-thuc-hien-ket-luan-43"],
    },
    {
        "slug": "tap-huan-nghiep-vu-cong-tac-dan-van-nam-2025",
        "title": "Tập huấn nghiệp vụ công tác dân vận cho cán bộ cơ sở",
        "posted": "10/01/2025 14:30",
        "body": [
            "Trong hai ngày 08 và 09/01/2025, Ban Dân vận Tỉnh ủy phối hợp với Sở Nội vụ mở lớp tập huấn "
            "nghiệp vụ công tác dân vận cho hơn 150 cán bộ phụ trách dân vận của các xã, phường, thị trấn.",
            "Học viên được trao đổi kỹ năng nắm tình hình Nhân dân, tổ chức đối thoại và xây dựng mô hình "
            "“Dân vận khéo” gắn với chuyển đổi số ở cơ sở.",
            "Ngọc Anh",
        ],
        "related": ["hoi-thi-dan-van-kheo-cum-thi-dua-so-2"],
    },
    {
        "slug": "tang-cuong-lanh-dao-thuc-hien-ket-luan-43",
        "title": "Tăng cường sự lãnh đạo của các cấp ủy đảng đối với công tác dân vận",
        "posted": "20/03/2023 08:15",
        "body": [
            "Ngày 14/3/2023, Ban Thường vụ Tỉnh ủy Bắc Kạn ban hành Chỉ thị số 35-CT/TU về tăng cường sự "
            "lãnh đạo của các cấp ủy đảng đối với công tác dân vận trong tình hình mới.",
            "Chỉ thị yêu cầu các cấp ủy, tổ chức đảng tiếp tục thực hiện Kết luận số 43-KL/TW ngày "
            "07/01/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của "
            "Ban Chấp hành Trung ương Đảng (khóa XI) về tăng cường và đổi mới sự lãnh đạo của Đảng đối "
            "với công tác dân vận trong tình hình mới.",
            "Các huyện ủy, thành ủy, đảng ủy trực thuộc xây dựng kế hoạch thực hiện chỉ thị, định kỳ "
            "sáu tháng báo cáo Ban Thường vụ Tỉnh ủy qua Ban Dân vận Tỉnh ủy.",
            "Văn Hùng",
        ],
        "related": ["bac-kan-trien-khai-chi-thi-33-ct-ttg"],
    },
    {
        "slug": "bac-kan-trien-khai-chi-thi-33-ct-ttg",
        "title": "Bắc Kạn tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước",
        "posted": "24/12/2021 15:40",
        "body": [
            "Ngày 20/12/2021, UBND tỉnh Bắc Kạn ban hành Kế hoạch số 780/KH-UBND tiếp tục tăng cường và đổi "
            "mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới.",
            "Kế hoạch nhằm triển khai thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính "
            "phủ về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính "
            "quyền các cấp trong tình hình mới.",
            "UBND tỉnh yêu cầu các sở, ban, ngành, UBND các huyện, thành phố nâng cao trách nhiệm người "
            "đứng đầu, công khai, minh bạch trong giải quyết thủ tục hành chính và kịp thời giải quyết "
            "kiến nghị chính đáng của người dân.",
            "Thanh Thủy",
        ],
        "related": ["tang-cuong-lanh-dao-thuc-hien-ket-luan-43"],
    },
    {
        "slug": "ra-mat-mo-hinh-dan-van-kheo-tai-xa-nam-mau",
        "title": "Ra mắt mô hình “Dân vận khéo” giữ gìn bản sắc văn hóa tại xã Nam Mẫu",
        "posted": "12/11/2021 09:00",
        "body": [
            "Xã Nam Mẫu, huyện Ba Bể vừa ra mắt mô hình “Dân vận khéo” giữ gìn bản sắc văn hóa dân tộc "
            "Tày gắn với phát triển du lịch cộng đồng.",
            "Mô hình có 25 hộ tham gia, duy trì sinh hoạt văn nghệ hằng tháng và hướng dẫn du khách trải "
            "nghiệm nghề truyền thống.",
            "Hoàng Lan",
        ],
        "related": [],
    },
]

BACKAN_FULLTEXT = [
    {
        "slug": "21-kh-ubnd-2025",
        "title": "Kế hoạch số 21/KH-UBND ngày 16/01/2025 thực hiện công tác dân vận chính quyền năm 2025",
        "posted": "20/01/2025 10:40",
        "fulltext": {
            "issuer_lines": ["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN"],
            "number": "21/KH-UBND",
            "place_date": "Bắc Kạn, ngày 16 tháng 01 năm 2025",
            "type_line": "KẾ HOẠCH",
            "subject_line": "THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM 2025",
            "body": [
                "Căn cứ Kế hoạch số 141-KH/BDVTU ngày 27/12/2024 của Ban Dân vận Tỉnh ủy về công tác dân "
                "vận năm 2025, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện công tác dân vận chính "
                "quyền năm 2025 như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "- Nâng cao nhận thức của cán bộ, công chức, viên chức và người lao động về vị trí, vai trò "
                "của công tác dân vận; coi dân vận là nhiệm vụ thường xuyên của mỗi cơ quan, đơn vị.",
                "- Xác định rõ trách nhiệm của người đứng đầu, nội dung và thời gian thực hiện từng nhiệm "
                "vụ; kiểm tra, đôn đốc để khắc phục kịp thời những hạn chế.",
                "II. NỘI DUNG THỰC HIỆN",
                "1. Tuyên truyền, quán triệt",
                "- Các cơ quan, đơn vị tiếp tục tuyên truyền cho cán bộ, công chức, viên chức về Quyết định "
                "số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị về quy chế công tác dân vận của hệ thống chính "
                "trị và Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường "
                "và đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong "
                "tình hình mới.",
                "- Triển khai thực hiện tốt công tác dân vận theo Nghị quyết số 25-NQ/TW ngày 03/6/2013 của "
                "Ban Chấp hành Trung ương (khóa XI) về tăng cường và đổi mới sự lãnh đạo của Đảng đối với "
                "công tác dân vận trong tình hình mới.",
                "- Thực hiện nghiêm Quy chế số 22-QC/TU ngày 30/12/2021 của Ban Thường vụ Tỉnh ủy về quy chế "
                "công tác dân vận của hệ thống chính trị tỉnh Bắc Kạn.",
                "- Tiếp tục triển khai thực hiện Kế hoạch số 780/KH-UBND ngày 20/12/2021 của UBND tỉnh Bắc "
                "Kạn về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, "
                "chính quyền các cấp trong tình hình mới.",
                "2. Gắn công tác dân vận với cải cách hành chính",
                "- Công khai, minh bạch thủ tục hành chính; nâng cao chất lượng một cửa, một cửa liên thông "
                "và vận động người dân sử dụng dịch vụ công trực tuyến.",
                "- Thực hiện nghiêm Chỉ thị số 15-CT/TU ngày 08/02/2022 của Ban Thường vụ Tỉnh ủy về nâng cao "
                "chất lượng công tác dân vận trên địa bàn tỉnh Bắc Kạn.",
                "3. Công tác dân vận vùng đồng bào dân tộc thiểu số",
                "- Chỉ đạo triển khai thực hiện có hiệu quả Chỉ thị số 05-CT/TW ngày 23/6/2021 của Ban Bí thư "
                "về tăng cường sự lãnh đạo của Đảng đối với công tác giảm nghèo bền vững đến năm 2030.",
                "III. TỔ CHỨC THỰC HIỆN",
                "1. Các cơ quan, đơn vị, địa phương căn cứ Kế hoạch này xây dựng kế hoạch của đơn vị và báo "
                "cáo kết quả về UBND tỉnh (qua Sở Nội vụ) trước ngày 25/11/2025.",
                "2. Sở Nội vụ theo dõi, đôn đốc, tổng hợp báo cáo UBND tỉnh./.",
            ],
            "recipients": ["- Thường trực Tỉnh ủy (b/c);", "- Ban Dân vận Tỉnh ủy;",
                           "- Các sở, ban, ngành;", "- UBND các huyện, thành phố;", "- Lưu: VT."],
            "signature": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Hoàng Thu Trang"],
        },
    },
]

# --- Ninh Thuận --------------------------------------------------------------------------------
NINHTHUAN = [
    {
        "slug": "ninh-phuoc-trien-khai-chi-thi-35-ct-tu",
        "title": "Huyện Ninh Phước triển khai Chỉ thị của Ban Thường vụ Tỉnh ủy về phong trào “Dân vận khéo”",
        "posted": "09/12/2022 10:05",
        "body": [
            "Ngày 05/12/2022, UBND huyện Ninh Phước ban hành Kế hoạch số 112/KH-UBND triển khai thực hiện "
            "Chỉ thị số 35-CT/TU ngày 02/11/2022 của Ban Thường vụ Tỉnh ủy về tăng cường sự lãnh đạo của các "
            "cấp ủy Đảng đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo”.",
            "Mỗi xã, thị trấn đăng ký ít nhất hai mô hình “Dân vận khéo” trong năm 2023, ưu tiên các lĩnh vực "
            "chuyển đổi cây trồng, xây dựng nông thôn mới nâng cao và cải cách hành chính.",
            "Kế hoạch: [[112-KH-UBND.pdf|../files/112-KH-UBND.pdf]]",
        ],
        "related": ["day-manh-phong-trao-thi-dua-dan-van-kheo-den-nam-2025"],
    },
    {
        "slug": "day-manh-phong-trao-thi-dua-dan-van-kheo-den-nam-2025",
        "title": "Đẩy mạnh phong trào thi đua “Dân vận khéo” đến năm 2025 và những năm tiếp theo",
        "posted": "22/12/2022 08:30",
        "body": [
            "Ngày 02/11/2022, Ban Thường vụ Tỉnh ủy Ninh Thuận ban hành Chỉ thị số 35-CT/TU về tăng cường sự "
            "lãnh đạo của các cấp ủy Đảng đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo” trên địa "
            "bàn tỉnh đến năm 2025 và những năm tiếp theo.",
            "Chỉ thị nhấn mạnh việc lãnh đạo công tác dân vận của hệ thống chính trị, trọng tâm là Kết luận "
            "số 43-KL/TW ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết số 25-NQ/TW ngày "
            "03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI.",
            "Ban Cán sự đảng UBND tỉnh chỉ đạo các cấp chính quyền xây dựng kế hoạch phong trào thi đua "
            "“Dân vận khéo” gắn với thực hiện hiệu quả Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng "
            "Chính phủ về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước, "
            "chính quyền các cấp trong tình hình mới.",
        ],
        "related": ["ninh-phuoc-trien-khai-chi-thi-35-ct-tu", "hoi-thi-dan-van-chinh-quyen-nam-2023"],
    },
    {
        "slug": "hoi-thi-dan-van-chinh-quyen-nam-2023",
        "title": "Phối hợp tổ chức Hội thi Dân vận chính quyền năm 2023",
        "posted": "08/05/2023 11:37",
        "body": [
            "Sở Nội vụ phối hợp với Ban Dân vận Tỉnh ủy tổ chức Hội thi Dân vận chính quyền năm 2023 dành cho "
            "cán bộ, công chức cấp xã.",
            "Vòng sơ khảo diễn ra tại các huyện trong tháng 6; vòng chung kết cấp tỉnh dự kiến tổ chức vào "
            "tháng 8/2023 tại thành phố Phan Rang - Tháp Chàm.",
        ],
        "related": ["day-manh-phong-trao-thi-dua-dan-van-kheo-den-nam-2025"],
    },
    {
        "slug": "cong-nhan-xa-an-hai-dat-chuan-nong-thon-moi-nang-cao",
        "title": "Công nhận xã An Hải đạt chuẩn nông thôn mới nâng cao",
        "posted": "31/05/2023 08:15",
        "body": [
            "UBND tỉnh công nhận xã An Hải, huyện Ninh Phước đạt chuẩn nông thôn mới nâng cao năm 2022.",
            "Thu nhập bình quân đầu người của xã năm 2022 đạt gần 60 triệu đồng, tỷ lệ hộ nghèo còn dưới 2%.",
        ],
        "related": [],
    },
]

# The Ninh Phước plan: a PDF attachment (invented plan, real numbering style).
NINHPHUOC_PDF = {
    "file": "112-KH-UBND.pdf",
    "issuer_lines": ["ỦY BAN NHÂN DÂN", "HUYỆN NINH PHƯỚC"],
    "number": "112/KH-UBND",
    "place_date": "Ninh Phước, ngày 05 tháng 12 năm 2022",
    "type_line": "KẾ HOẠCH",
    "subject_line": "Triển khai thực hiện Chỉ thị số 35-CT/TU ngày 02/11/2022 của Ban Thường vụ Tỉnh ủy",
    "body": [
        "Thực hiện Chỉ thị số 35-CT/TU ngày 02/11/2022 của Ban Thường vụ Tỉnh ủy Ninh Thuận về tăng cường sự "
        "lãnh đạo của các cấp ủy Đảng đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo” trên địa bàn "
        "tỉnh đến năm 2025 và những năm tiếp theo, Ủy ban nhân dân huyện ban hành Kế hoạch triển khai "
        "thực hiện như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Phát huy vai trò của chính quyền các cấp trong phong trào thi đua “Dân vận khéo”; mỗi cơ quan, "
        "đơn vị có mô hình cụ thể, thiết thực, được Nhân dân đồng tình hưởng ứng.",
        "II. NHIỆM VỤ",
        "1. Các cơ quan chuyên môn thuộc UBND huyện đăng ký mô hình “Dân vận khéo” trong lĩnh vực phụ "
        "trách trước ngày 31/01/2023.",
        "2. UBND các xã, thị trấn đăng ký ít nhất hai mô hình, báo cáo kết quả sáu tháng và cả năm.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Phòng Nội vụ huyện theo dõi, tổng hợp, tham mưu UBND huyện sơ kết, khen thưởng./.",
    ],
    "signature": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn Phước"],
}

# --- Đắk Lắk -----------------------------------------------------------------------------------
DAKLAK = [
    {
        "slug": "krong-pac-trien-khai-cong-tac-dan-van-chinh-quyen-nam-2025",
        "title": "Krông Pắc triển khai công tác dân vận chính quyền năm 2025",
        "posted": "18/06/2025 15:10",
        "body": [
            "Ngày 16/6/2025, UBND huyện Krông Pắc ban hành Kế hoạch số 87/KH-UBND triển khai thực hiện Kế "
            "hoạch số 124/KH-UBND ngày 29/5/2025 của UBND tỉnh Đắk Lắk về triển khai công tác dân vận chính "
            "quyền năm 2025.",
            "Huyện yêu cầu các phòng, ban và UBND các xã, thị trấn gắn công tác dân vận với giải quyết kịp "
            "thời thủ tục hành chính cho người dân trong giai đoạn sắp xếp đơn vị hành chính.",
            "PV",
        ],
        "related": ["trien-khai-cong-tac-dan-van-chinh-quyen-nam-2025"],
    },
    {
        "slug": "trien-khai-cong-tac-dan-van-chinh-quyen-nam-2025",
        "title": "Triển khai công tác dân vận chính quyền năm 2025",
        "posted": "02/06/2025 08:05",
        "body": [
            "Ngày 29/05/2025, UBND tỉnh Đắk Lắk ban hành Kế hoạch số 124/KH-UBND về triển khai công tác dân "
            "vận chính quyền năm 2025 với chủ đề “Công tác dân vận của chính quyền để thực hiện thắng lợi, "
            "thành công Đại hội Đảng bộ các cấp, tiến tới Đại hội XIV của Đảng”.",
            "Kế hoạch yêu cầu người đứng đầu các cơ quan, đơn vị coi công tác dân vận là nhiệm vụ thường "
            "xuyên, chú trọng bồi dưỡng kỹ năng cho lực lượng trực tiếp tiếp xúc với Nhân dân và nhân rộng "
            "các mô hình “Dân vận khéo”.",
            "Nội dung chi tiết [[tại đây|../files/124-KH-UBND.docx]]",
            "KL",
        ],
        "related": ["krong-pac-trien-khai-cong-tac-dan-van-chinh-quyen-nam-2025",
                    "hoi-thi-dan-van-kheo-nam-2023"],
    },
    {
        "slug": "hoi-thi-dan-van-kheo-nam-2023",
        "title": "Kế hoạch tổ chức Hội thi “Dân vận khéo” năm 2023",
        "posted": "27/04/2023 15:47",
        "body": [
            "Ngày 24/04/2023, Tỉnh ủy Đắk Lắk ban hành Kế hoạch số 151-KH/TU về việc tổ chức Hội thi "
            "“Dân vận khéo” năm 2023.",
            "Hội thi nhằm trao đổi kinh nghiệm vận động quần chúng, tiếp xúc và đối thoại với Nhân dân; "
            "cấp huyện hoàn thành trước ngày 30/8/2023, cấp tỉnh dự kiến tổ chức trong tháng 10/2023.",
            "KL",
        ],
        "related": [],
    },
    {
        "slug": "sap-xep-don-vi-su-nghiep-cong-lap",
        "title": "Tiếp tục sắp xếp, tổ chức lại đơn vị sự nghiệp công lập",
        "posted": "04/06/2025 16:29",
        "body": [
            "UBND tỉnh yêu cầu các sở, ngành rà soát chức năng, nhiệm vụ của các đơn vị sự nghiệp công lập "
            "trực thuộc để đề xuất phương án sắp xếp phù hợp với mô hình chính quyền địa phương hai cấp.",
            "KL",
        ],
        "related": ["trien-khai-cong-tac-dan-van-chinh-quyen-nam-2025"],
    },
]

# Đắk Lắk's 124/KH-UBND: a DOCX attachment. Number, date, issuer and theme are real; the body is
# written for the sample (see README.md).
DAKLAK_DOCX = {
    "file": "124-KH-UBND.docx",
    "issuer_lines": ["ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"],
    "number": "124/KH-UBND",
    "place_date": "Đắk Lắk, ngày 29 tháng 5 năm 2025",
    "type_line": "KẾ HOẠCH",
    "subject_line": "Triển khai công tác dân vận chính quyền năm 2025",
    "body": [
        "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường và "
        "đổi mới công tác dân vận của cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới, "
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai công tác dân vận chính quyền năm 2025 như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Tạo chuyển biến trong nhận thức của cán bộ, công chức, viên chức về công tác dân vận chính quyền; "
        "gắn trách nhiệm người đứng đầu với kết quả thực hiện.",
        "II. NHIỆM VỤ TRỌNG TÂM",
        "1. Tuyên truyền, vận động Nhân dân thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước.",
        "2. Nhân rộng các mô hình “Dân vận khéo” trong cơ quan hành chính các cấp.",
        "III. TỔ CHỨC THỰC HIỆN",
        "Sở Nội vụ theo dõi, hướng dẫn, tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 30/11/2025./.",
    ],
    "signature": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "(Đã ký)"],
}

# --- Quảng Trị ---------------------------------------------------------------------------------
QUANGTRI = [
    {
        "slug": "so-ket-chi-thi-05-ct-tw",
        "title": "Sơ kết 5 năm học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "posted": "18/05/2021 09:30",
        "body": [
            "Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW ngày "
            "15/5/2016 của Bộ Chính trị (khóa XII) về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong "
            "cách Hồ Chí Minh.",
            "Hội nghị biểu dương 40 tập thể và cá nhân tiêu biểu trong toàn tỉnh.",
        ],
        "related": [],
    },
    {
        "slug": "ke-hoach-thuc-hien-chi-thi-33-ct-ttg",
        "title": "UBND tỉnh ban hành kế hoạch thực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ",
        "posted": "17/03/2022 14:20",
        "body": [
            "Ngày 15/3/2022, UBND tỉnh Quảng Trị ban hành Kế hoạch số 46/KH-UBND thực hiện Chỉ thị số "
            "33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục tăng cường và đổi mới công tác dân "
            "vận của cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới.",
            "Các sở, ngành, địa phương rà soát quy chế làm việc, công khai thủ tục hành chính, định kỳ đối "
            "thoại với Nhân dân và doanh nghiệp; kết quả công tác dân vận là một tiêu chí đánh giá cán bộ "
            "hằng năm.",
        ],
        "related": ["so-ket-chi-thi-05-ct-tw"],
    },
    {
        "slug": "hoi-nghi-doi-thoai-voi-doanh-nghiep-2022",
        "title": "Hội nghị đối thoại giữa lãnh đạo tỉnh với doanh nghiệp năm 2022",
        "posted": "28/04/2022 10:00",
        "body": [
            "Lãnh đạo UBND tỉnh đã trực tiếp trả lời 32 kiến nghị của doanh nghiệp về đất đai, thuế và thủ "
            "tục đầu tư tại hội nghị đối thoại năm 2022.",
        ],
        "related": ["ke-hoach-thuc-hien-chi-thi-33-ct-ttg"],
    },
    {
        "slug": "khanh-thanh-cau-dan-sinh-huong-hoa",
        "title": "Khánh thành cầu dân sinh tại huyện Hướng Hóa",
        "posted": "12/01/2022 15:45",
        "body": [
            "Cây cầu dài 48 mét nối hai bản của xã Hướng Lập được đưa vào sử dụng, giúp gần 300 hộ dân đi "
            "lại thuận tiện trong mùa mưa lũ.",
        ],
        "related": [],
    },
]

# --- Cam Lộ (district site, Quảng Trị) -----------------------------------------------------------
CAMLO = [
    {
        "slug": "ubnd-huyen-ban-hanh-ke-hoach-dan-van-chinh-quyen",
        "title": "UBND huyện ban hành kế hoạch tăng cường và đổi mới công tác dân vận chính quyền",
        "posted": "06/04/2022 08:45",
        "body": [
            "Ngày 04/4/2022, UBND huyện Cam Lộ ban hành Kế hoạch số 38/KH-UBND thực hiện Kế hoạch số "
            "46/KH-UBND ngày 15/3/2022 của UBND tỉnh Quảng Trị về tăng cường và đổi mới công tác dân vận của "
            "cơ quan hành chính nhà nước, chính quyền các cấp trong tình hình mới.",
            "Kế hoạch giao Phòng Nội vụ hướng dẫn các xã, thị trấn đăng ký mô hình “Dân vận khéo” và tổ chức "
            "đối thoại định kỳ giữa Chủ tịch UBND xã với Nhân dân.",
            "( PV - VP HĐND-UBND)",
        ],
        "related": ["huyen-uy-chi-dao-nam-dan-van-chinh-quyen-2018"],
    },
    {
        "slug": "huyen-uy-chi-dao-nam-dan-van-chinh-quyen-2018",
        "title": "Huyện ủy Cam Lộ chỉ đạo đẩy mạnh công tác dân vận trong cơ quan nhà nước năm 2018",
        "posted": "15/06/2018 07:30",
        "body": [
            "Tại văn bản số 252-CV/HU ngày 13/6/2018, Huyện ủy Cam Lộ chỉ đạo UBND huyện, Mặt trận và các "
            "đoàn thể chính trị - xã hội cấp huyện, các đảng bộ, chi bộ trực thuộc tập trung một số nhiệm "
            "vụ trọng tâm về công tác dân vận trong cơ quan nhà nước.",
            "Các đơn vị lãnh đạo, chỉ đạo triển khai thực hiện nghiêm túc Kế hoạch số 1573-KH/BDVTW-BCSĐCP "
            "ngày 08/02/2018 của Ban Dân vận Trung ương và Ban cán sự đảng Chính phủ về chương trình phối "
            "hợp năm 2018 “Năm Dân vận chính quyền”.",
            "Phong trào thi đua “Dân vận khéo” được tổ chức gắn với thực hiện Chỉ thị số 05-CT/TW ngày "
            "15/5/2016 của Bộ Chính trị (khóa XII) về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, "
            "phong cách Hồ Chí Minh.",
            "( HY - VPTU)",
        ],
        "related": [],
    },
    {
        "slug": "cam-lo-ra-quan-don-ve-sinh-moi-truong",
        "title": "Cam Lộ ra quân dọn vệ sinh môi trường hưởng ứng ngày Chủ nhật xanh",
        "posted": "24/03/2022 16:00",
        "body": [
            "Hơn 1.200 đoàn viên, hội viên và người dân thị trấn Cam Lộ tham gia thu gom rác thải, phát quang "
            "bụi rậm dọc các tuyến đường chính.",
        ],
        "related": ["ubnd-huyen-ban-hanh-ke-hoach-dan-van-chinh-quyen"],
    },
    {
        "slug": "tiep-xuc-cu-tri-truoc-ky-hop-2022",
        "title": "Tiếp xúc cử tri trước kỳ họp thứ 5 HĐND huyện",
        "posted": "20/06/2022 09:10",
        "body": [
            "Đại biểu HĐND huyện đã tiếp xúc cử tri tại 8 xã, thị trấn, ghi nhận 46 ý kiến về giao thông "
            "nông thôn, nước sạch và hỗ trợ sản xuất.",
        ],
        "related": [],
    },
]

# --- Thái Nguyên (after the 2025 merger: Bắc Kạn is part of it since 1 July 2025) -------------------
# The successor's portal cites the former Bắc Kạn plan 21/KH-UBND as "của UBND tỉnh Bắc Kạn (cũ)":
# the graph keeps that plan Bắc Kạn's and shows it as "Bắc Kạn (nay thuộc Thái Nguyên)".
THAINGUYEN = [
    {
        "slug": "thai-nguyen-ban-hanh-ke-hoach-dan-van-chinh-quyen-nam-2026",
        "title": "Thái Nguyên ban hành kế hoạch công tác dân vận chính quyền năm 2026",
        "posted": "09/02/2026 08:30",
        "body": [
            "Ngày 06/02/2026, UBND tỉnh Thái Nguyên ban hành Kế hoạch số 27/KH-UBND về thực hiện công tác "
            "dân vận chính quyền năm 2026.",
            "Kế hoạch nhằm tiếp tục thực hiện Kế hoạch số 21/KH-UBND ngày 16/01/2025 của UBND tỉnh Bắc Kạn "
            "(cũ) về thực hiện công tác dân vận chính quyền năm 2025 trên địa bàn các xã thuộc tỉnh Bắc Kạn "
            "trước đây, bảo đảm công tác dân vận không bị gián đoạn sau sắp xếp đơn vị hành chính.",
            "Theo kế hoạch, UBND các xã, phường rà soát các mô hình “Dân vận khéo” đã xây dựng, chọn mô hình "
            "hiệu quả để nhân rộng trên toàn tỉnh và tăng cường đối thoại với Nhân dân về giải quyết thủ tục "
            "hành chính ở cấp xã.",
            "Minh Quân",
        ],
        "related": ["tap-huan-dan-van-cho-can-bo-cap-xa-sau-sap-xep"],
    },
    {
        "slug": "tap-huan-dan-van-cho-can-bo-cap-xa-sau-sap-xep",
        "title": "Tập huấn công tác dân vận cho cán bộ cấp xã sau sắp xếp đơn vị hành chính",
        "posted": "22/10/2025 15:10",
        "body": [
            "Trong hai ngày 20 và 21/10/2025, Ban Dân vận Tỉnh ủy mở lớp tập huấn cho gần 200 cán bộ phụ "
            "trách công tác dân vận của các xã, phường mới sau sắp xếp.",
            "Học viên trao đổi cách nắm tình hình Nhân dân ở địa bàn rộng hơn trước, cách tiếp nhận và trả "
            "lời kiến nghị qua ứng dụng của tỉnh.",
            "Thu Trang",
        ],
        "related": [],
    },
    {
        "slug": "doi-thoai-voi-nhan-dan-xa-cho-moi",
        "title": "Chủ tịch UBND xã đối thoại với Nhân dân về giải phóng mặt bằng",
        "posted": "12/09/2025 10:20",
        "body": [
            "Buổi đối thoại ghi nhận 18 ý kiến của người dân về bồi thường, hỗ trợ tái định cư và tiến độ "
            "xây dựng tuyến đường liên xã.",
        ],
        "related": ["tap-huan-dan-van-cho-can-bo-cap-xa-sau-sap-xep"],
    },
    {
        "slug": "khai-truong-trung-tam-phuc-vu-hanh-chinh-cong",
        "title": "Khai trương trung tâm phục vụ hành chính công cấp xã",
        "posted": "01/07/2025 07:45",
        "body": [
            "Từ ngày 01/7/2025, người dân nộp hồ sơ tại trung tâm phục vụ hành chính công của xã, phường "
            "thay cho bộ phận một cửa cấp huyện trước đây.",
        ],
        "related": [],
    },
]

# site key -> news items, newest first (as the listing pages show them)
NEWS: dict[str, list[dict]] = {
    "backan": BACKAN,
    "ninhthuan": NINHTHUAN,
    "daklak": DAKLAK,
    "quangtri": QUANGTRI,
    "camlo": CAMLO,
    "thainguyen": THAINGUYEN,
}

FULLTEXTS: dict[str, list[dict]] = {"backan": BACKAN_FULLTEXT}

# site key -> (attachment spec, "pdf" | "docx")
ATTACHMENTS: dict[str, list[tuple[dict, str]]] = {
    "ninhthuan": [(NINHPHUOC_PDF, "pdf")],
    "daklak": [(DAKLAK_DOCX, "docx")],
}

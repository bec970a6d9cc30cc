"""A small provincial portal written for the tests, with the faults real portals have.

Layout (in the style of the SharePoint/Liferay portals, texts our own):
  /robots.txt                      disallows /noi-bo/
  /index.html                      home: menu, latest news, footer
  /tin-tuc/index.html, trang-2.html, trang-3.html   news listing, 3 pages ("Trang sau »")
  /tin-tuc/<slug>.html             articles: title, date, body, "Tin liên quan", attachments
  /files/*.pdf|*.docx              attachments (one scanned PDF, one HTML page behind .pdf)
The third listing page links the faulty pages: 404, 500, slower than the timeout, a
redirect loop, Windows-1258, a wrong declared charset, decomposed Unicode, 20 MB, and a
page robots.txt forbids.
"""

from __future__ import annotations

import html
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from crawlers.localsite import LocalSite, Reply
from tests.textkit import encode_cp1258

PROVINCE = "Đắk Lắk"
SITE_NAME = "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ĐẮK LẮK"


@dataclass
class Article:
    slug: str
    title: str
    date: str  # dd/mm/yyyy
    paragraphs: list[str]
    attachments: tuple[str, ...] = ()


ARTICLES = [
    Article("ubnd-tinh-ban-hanh-ke-hoach-dan-van-chinh-quyen-2025",
            "UBND tỉnh ban hành kế hoạch thực hiện công tác dân vận chính quyền năm 2025", "02/06/2025",
            ["Ngày 29/05/2025, UBND tỉnh ban hành Kế hoạch số 124/KH-UBND về thực hiện công tác dân vận "
             "chính quyền trong năm 2025 trên địa bàn tỉnh.",
             "Kế hoạch nhằm triển khai thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ "
             "về tiếp tục tăng cường và đổi mới công tác dân vận của cơ quan hành chính nhà nước.",
             "Các sở, ngành, địa phương được giao xây dựng kế hoạch cụ thể của đơn vị mình."],
            ("124-KH-UBND.pdf",)),
    Article("so-noi-vu-huong-dan-danh-gia-dan-van-kheo",
            "Sở Nội vụ hướng dẫn đánh giá phong trào thi đua Dân vận khéo năm 2025", "28/05/2025",
            ["Sở Nội vụ vừa có văn bản hướng dẫn các cơ quan, đơn vị đánh giá kết quả phong trào thi đua.",
             "Văn bản căn cứ Kế hoạch số 124/KH-UBND của UBND tỉnh và Kết luận số 43-KL/TW ngày 07/01/2019 "
             "của Ban Bí thư.",
             "Kết quả đánh giá gửi về Sở trước ngày 30/11/2025 để tổng hợp."],
            ("huong-dan-danh-gia.docx",)),
    Article("hoi-nghi-quan-triet-nghi-quyet-25",
            "Hội nghị quán triệt Nghị quyết số 25-NQ/TW cho cán bộ chủ chốt các xã", "20/05/2025",
            ["Sáng 19/5/2025, Ban Dân vận Tỉnh ủy tổ chức hội nghị quán triệt Nghị quyết số 25-NQ/TW "
             "ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng khóa XI.",
             "Hội nghị có sự tham dự của hơn 200 đại biểu là cán bộ chủ chốt các xã, phường."]),
    Article("ra-mat-mo-hinh-dan-van-kheo-xa-ea-tieu",
            "Ra mắt mô hình Dân vận khéo về chuyển đổi số tại xã Ea Tiêu huyện Cư Kuin", "15/05/2025",
            ["Mô hình giúp người dân làm thủ tục hành chính trực tuyến ngay tại nhà văn hóa thôn.",
             "Đoàn thanh niên xã hỗ trợ hướng dẫn người cao tuổi cài đặt ứng dụng."],
            ("bien-ban-scan.pdf",)),
    Article("kiem-tra-cong-tac-dan-van-huyen-krong-pac",
            "Đoàn công tác của tỉnh kiểm tra công tác dân vận chính quyền tại huyện Krông Pắc", "10/05/2025",
            ["Đoàn kiểm tra đánh giá việc thực hiện Kế hoạch số 124/KH-UBND tại các xã của huyện.",
             "Huyện đã tổ chức 12 buổi đối thoại giữa lãnh đạo với Nhân dân trong năm."],
            ("bao-cao-gia.pdf",)),
    Article("tap-huan-ky-nang-dan-van-cho-cong-chuc",
            "Tập huấn kỹ năng dân vận cho công chức cấp xã năm 2025 tại thành phố Buôn Ma Thuột", "05/05/2025",
            ["Lớp tập huấn trang bị kỹ năng tiếp xúc, đối thoại với Nhân dân cho công chức cấp xã.",
             "Học viên được thảo luận các tình huống thực tế tại cơ sở."]),
]

# (slug, title, route kind) of the faulty pages linked from the last listing page
FAULTS = [
    ("trang-khong-ton-tai", "Thông báo lịch tiếp công dân tháng sáu của lãnh đạo tỉnh", "404"),
    ("loi-may-chu", "Kết quả giải quyết kiến nghị cử tri trước kỳ họp thứ chín", "500"),
    ("tai-rat-cham", "Tổng kết công tác cải cách hành chính sáu tháng đầu năm", "slow"),
    ("chuyen-huong-vong", "Lịch công tác tuần của Ủy ban nhân dân tỉnh Đắk Lắk", "loop"),
    ("ma-windows-1258", "Triển khai Kế hoạch số 88/KH-UBND về chuyển đổi số năm 2025", "cp1258"),
    ("sai-khai-bao-ma", "Hướng dẫn thực hiện Quyết định số 1234/QĐ-UBND về cải cách thủ tục", "wrong-charset"),
    ("unicode-to-hop", "Đẩy mạnh thực hiện Chỉ thị số 05-CT/TW trong cơ quan nhà nước", "nfd"),
    ("trang-qua-lon", "Toàn văn báo cáo chính trị trình Đại hội Đảng bộ tỉnh lần thứ mười bảy", "huge"),
]
ROBOTS_FORBIDDEN = ("/noi-bo/tai-lieu-noi-bo-chi-tiet.html",
                    "Tài liệu nội bộ dành cho cán bộ công chức cơ quan tỉnh")


def _page(title: str, main: str, *, charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(title)} - Cổng thông tin điện tử tỉnh Đắk Lắk</title>
</head>
<body>
<div id="banner"><a href="/index.html">{SITE_NAME}</a></div>
<ul id="menu">
  <li><a href="/index.html">Trang chủ</a></li>
  <li><a href="/tin-tuc/index.html">Tin tức - Sự kiện</a></li>
  <li><a href="/gioi-thieu.html">Giới thiệu</a></li>
</ul>
<div id="main">
{main}
</div>
<div id="footer">
  <p>{SITE_NAME}</p>
  <p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Đắk Lắk. Địa chỉ: 09 Lê Duẩn, thành phố Buôn Ma Thuột.</p>
  <p>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p>
</div>
</body>
</html>
"""


def article_html(a: Article, related: list[Article], *, charset: str = "utf-8") -> str:
    body = "\n".join(f"  <p>{html.escape(p)}</p>" for p in a.paragraphs)
    files = "".join(f'<li><a href="/files/{f}">Tải về: {f}</a></li>' for f in a.attachments)
    rel = "".join(f'<li><a href="/tin-tuc/{r.slug}.html">{html.escape(r.title)}</a> ({r.date})</li>'
                  for r in related)
    main = f"""<div class="breadcrumb"><a href="/tin-tuc/index.html">Tin tức - Sự kiện</a></div>
<h1 class="title-news">{html.escape(a.title)}</h1>
<div class="news-date">Đăng ngày {a.date.replace('/', ' - ')} | Lượt xem: 512</div>
<div class="news-content">
{body}
  <p>Phòng Thông tin</p>
  {f'<div class="file-attach"><ul>{files}</ul></div>' if files else ''}
</div>
<div class="tin-lien-quan"><h3>Tin liên quan</h3><ul>{rel}</ul></div>"""
    return _page(a.title, main, charset=charset)


def listing_html(items: list[tuple[str, str, str]], page: int, pages: int) -> str:
    rows = "\n".join(
        f'  <div class="news-item"><a href="{href}">{html.escape(title)}</a> <span class="news-date">{date}</span>'
        f"<p>{html.escape(title)} - thông tin chi tiết xem trong bài.</p></div>" for href, title, date in items)
    links = " ".join(f"<span>{n}</span>" if n == page else
                     f'<a href="/tin-tuc/{"index" if n == 1 else f"trang-{n}"}.html">{n}</a>'
                     for n in range(1, pages + 1))
    nxt = f' <a class="next" href="/tin-tuc/trang-{page + 1}.html">Trang sau »</a>' if page < pages else ""
    main = f"""<h2>Tin tức - Sự kiện</h2>
<div class="list-news">
{rows}
</div>
<div class="paging">{links}{nxt}</div>"""
    return _page("Tin tức - Sự kiện", main)


def make_pdf(lines: list[str]) -> bytes:
    """A PDF with a real text layer (DejaVu Sans for the Vietnamese letters)."""
    import matplotlib
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(font)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("DejaVu", 11)
    y = 800
    for line in lines:
        c.drawString(50, y, line)
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


def make_scanned_pdf() -> bytes:
    """A PDF whose page is only an image (a scan): no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(2, 1))
    fig.text(0.1, 0.5, "BIEN BAN")
    img = io.BytesIO()
    fig.savefig(img, format="png")
    plt.close(fig)
    img.seek(0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(img), 50, 600, width=400, height=200)
    c.showPage()
    c.save()
    return buf.getvalue()


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


PDF_LINES = ["ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Số: 124/KH-UBND", "Đắk Lắk, ngày 29 tháng 5 năm 2025",
             "KẾ HOẠCH", "Thực hiện công tác dân vận chính quyền năm 2025",
             "Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;",
             "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau."]
DOCX_PARAS = ["SỞ NỘI VỤ TỈNH ĐẮK LẮK", "Số: 456/HD-SNV", "HƯỚNG DẪN",
              "Đánh giá phong trào thi đua Dân vận khéo năm 2025",
              "Căn cứ Kế hoạch số 124/KH-UBND ngày 29/5/2025 của UBND tỉnh."]


def build_site(root: Path, articles: list[Article] = ARTICLES, *, per_page: int = 3,
               faults: bool = True) -> Path:
    """Write the portal's static files under `root`; returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "tin-tuc").mkdir(exist_ok=True)
    (root / "files").mkdir(exist_ok=True)
    (root / "noi-bo").mkdir(exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /noi-bo/\n", encoding="utf-8")
    items = [(f"/tin-tuc/{a.slug}.html", a.title, a.date) for a in articles]
    if faults:
        items += [(f"/tin-tuc/{slug}.html", title, "01/05/2025") for slug, title, _ in FAULTS]
        items.append((ROBOTS_FORBIDDEN[0], ROBOTS_FORBIDDEN[1], "01/05/2025"))
    pages = max(1, -(-len(items) // per_page)) if not faults else None
    if faults:
        # good items on the first pages, all faults on the last one
        good = [items[i:i + per_page] for i in range(0, len(articles), per_page)]
        chunks = good + [items[len(articles):]]
    else:
        chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    pages = len(chunks)
    for n, chunk in enumerate(chunks, 1):
        name = "index.html" if n == 1 else f"trang-{n}.html"
        (root / "tin-tuc" / name).write_text(listing_html(chunk, n, pages), encoding="utf-8")
    for i, a in enumerate(articles):
        related = [r for r in articles if r is not a][:3]
        (root / "tin-tuc" / f"{a.slug}.html").write_text(article_html(a, related), encoding="utf-8")
    (root / "index.html").write_text(listing_html(items[:3], 1, 1).replace('<div class="paging"><span>1</span></div>',
                                     '<p><a href="/tin-tuc/index.html">Xem tất cả tin tức</a></p>'),
                                     encoding="utf-8")
    (root / "files" / "124-KH-UBND.pdf").write_bytes(make_pdf(PDF_LINES))
    (root / "files" / "huong-dan-danh-gia.docx").write_bytes(make_docx(DOCX_PARAS))
    (root / "files" / "bien-ban-scan.pdf").write_bytes(make_scanned_pdf())
    # a portal's error page served behind a .pdf link
    (root / "files" / "bao-cao-gia.pdf").write_text(_page("Lỗi", "<h1>Không tìm thấy tệp</h1>"), encoding="utf-8")
    (root / "noi-bo" / "tai-lieu-noi-bo-chi-tiet.html").write_text(
        article_html(Article("noi-bo", ROBOTS_FORBIDDEN[1], "01/05/2025", ["Nội dung nội bộ."]), []),
        encoding="utf-8")
    return root


def fault_article(slug: str, title: str) -> Article:
    return Article(slug, title, "01/05/2025",
                   [f"{title}. Bài viết nêu rõ nhiệm vụ của các sở, ngành và địa phương trong thời gian tới.",
                    "Các đơn vị báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 15/12/2025."])


def fault_routes(timeout_s: float) -> dict:
    """Routes for the faulty pages (they win over files)."""
    routes = {}
    by_slug = {slug: (title, kind) for slug, title, kind in FAULTS}

    def page_for(slug: str) -> str:
        title, _ = by_slug[slug]
        return article_html(fault_article(slug, title), [])

    routes["/tin-tuc/loi-may-chu.html"] = lambda h: Reply(500, b"<h1>Internal Server Error</h1>",
                                                          {"Content-Type": "text/html"})
    routes["/tin-tuc/tai-rat-cham.html"] = lambda h: Reply(200, page_for("tai-rat-cham").encode(),
                                                           {"Content-Type": "text/html"}, delay=timeout_s + 2)
    routes["/tin-tuc/chuyen-huong-vong.html"] = lambda h: Reply(
        302, b"", {"Location": "/tin-tuc/chuyen-huong-vong-b.html"})
    routes["/tin-tuc/chuyen-huong-vong-b.html"] = lambda h: Reply(
        302, b"", {"Location": "/tin-tuc/chuyen-huong-vong.html"})
    # Windows-1258: Vietnamese in the legacy code page, tone marks as combining characters
    cp1258_bytes = encode_cp1258(page_for("ma-windows-1258").replace("charset=utf-8", "charset=windows-1258"))
    routes["/tin-tuc/ma-windows-1258.html"] = lambda h: Reply(200, cp1258_bytes, {"Content-Type": "text/html"})
    # declared ISO-8859-1 by the server, UTF-8 in fact
    routes["/tin-tuc/sai-khai-bao-ma.html"] = lambda h: Reply(
        200, page_for("sai-khai-bao-ma").replace("charset=utf-8", "charset=iso-8859-1").encode("utf-8"),
        {"Content-Type": "text/html; charset=iso-8859-1"})
    routes["/tin-tuc/unicode-to-hop.html"] = lambda h: Reply(
        200, unicodedata.normalize("NFD", page_for("unicode-to-hop")).encode("utf-8"),
        {"Content-Type": "text/html; charset=utf-8"})
    huge = (page_for("trang-qua-lon").replace("</body>", "<!--" + "x" * (20 * 1024 * 1024) + "--></body>")).encode()
    routes["/tin-tuc/trang-qua-lon.html"] = lambda h: Reply(200, huge, {"Content-Type": "text/html"},
                                                            chunk=1 << 20)
    return routes


def serve(root: Path, *, timeout_s: float = 2.0, faults: bool = True, delay: float = 0.0) -> LocalSite:
    """Start the portal built at `root` on 127.0.0.1 (with the fault routes)."""
    return LocalSite(root, fault_routes(timeout_s) if faults else {}, delay=delay).start()


FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_BACKOFF_BASE=0.2",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]

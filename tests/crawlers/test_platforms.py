"""The bundled profiles crawl sites in their platform's shape (our own HTML in that structure):
a Liferay asset publisher with suffixless /documents/10181/... files, and SharePoint pages
with the date in the path. Each crawled with the real profile file via --profile, its
hosts overridden for the test host."""

from __future__ import annotations

import html
import json

from crawlers.localsite import LocalSite, Reply
from crawlers.profiles import PROFILE_DIR
from tests.crawlers import sitekit
from tests.crawlers.conftest import TIMEOUT_S, run_vanban
from tests.crawlers.test_textual import _docx_bomb

HTML = {"Content-Type": "text/html; charset=utf-8"}
PUB = "/tin-tuc-su-kien/-/asset_publisher/hfnlmC5Zec7J"


def _page(main: str) -> bytes:
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng TTĐT</title></head>
<body><div id="banner"><a href="/">Cổng thông tin điện tử</a></div>{main}
<div id="footer">Cơ quan chủ quản: Ủy ban nhân dân tỉnh.</div></body></html>""".encode()


def _liferay_article(title: str, date: str, paragraphs: list[str], files: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    links = "".join(f'<p><a href="{href}">{html.escape(text)}</a></p>' for href, text in files)
    return _page(f"""<div class="portlet-body"><div class="taglib-header"><h3 class="header-title"><span>{html.escape(title)}</span></h3></div>
<div class="asset-full-content"><div class="asset-metadata"><span class="metadata-entry metadata-publish-date">{date}</span></div>
<div class="journal-content-article">{body}{links}</div></div></div>""")


def _liferay_listing(items: list[tuple[str, str]], next_href: str | None) -> bytes:
    rows = "".join(f'<div class="asset-abstract"><h3 class="asset-title"><a href="{h}">{html.escape(t)}</a></h3></div>'
                   for h, t in items)
    nxt = f'<ul class="lfr-pagination-buttons pager"><li class="next"><a href="{next_href}">Tiếp</a></li></ul>' if next_href else ""
    return _page(f'<div class="portlet-body">{rows}<div class="taglib-page-iterator">{nxt}</div></div>')


def _crawl(profile_key: str, site: LocalSite, start: str, tmp_path) -> dict:
    profile = tmp_path / f"{profile_key}.json"
    profile.write_text((PROFILE_DIR / f"{profile_key}.json").read_text(encoding="utf-8"), encoding="utf-8")
    jsonl = tmp_path / "records.jsonl"
    proc = run_vanban("crawl", "--profile", str(profile), "--start-url", site.url(start),
                      "--host", site.base.split("://", 1)[1], "--db", str(tmp_path / "g.sqlite"), "--jsonl", str(jsonl),
                      "--json", "--progress", "0", "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT_S}", *sitekit.FAST)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["records"] = {r["url"]: r for r in map(json.loads, jsonl.read_text(encoding="utf-8").splitlines())}
    return report


def test_liferay_asset_publisher_with_suffixless_files(tmp_path):
    pdf = "/documents/10181/1234567/124-KH-UBND/3f1c2a9e-8b7d-4c55-9e0a-1d2b3c4d5e6f?t=1748822400000"
    docx = "/documents/10181/1234567/456-HD-SNV/7a8b9c0d-1e2f-4a5b-8c6d-7e8f9a0b1c2d?t=1748822400001"
    bomb = "/documents/10181/1234567/phu-luc/0f0e0d0c-0b0a-4909-8807-060504030201?t=1748822400002"
    a1 = f"{PUB}/content/ubnd-tinh-ban-hanh-ke-hoach-dan-van-chinh-quyen-2025"
    a2 = f"{PUB}/content/so-noi-vu-huong-dan-danh-gia-dan-van-kheo-2025"
    page2 = f"/tin-tuc-su-kien?p_p_id=101_INSTANCE_hfnlmC5Zec7J&_101_INSTANCE_hfnlmC5Zec7J_cur=2"
    routes = {
        "/robots.txt": lambda h: Reply(200, b"User-agent: *\nDisallow: /c/portal/\n", {"Content-Type": "text/plain"}),
        "/tin-tuc-su-kien": lambda h: Reply(200, _liferay_listing(
            [(a1, "UBND tỉnh ban hành kế hoạch thực hiện công tác dân vận chính quyền năm 2025")], page2), HTML),
        page2: lambda h: Reply(200, _liferay_listing(
            [(a2, "Sở Nội vụ hướng dẫn đánh giá phong trào thi đua Dân vận khéo năm 2025")], None), HTML),
        a1: lambda h: Reply(200, _liferay_article(
            "UBND tỉnh ban hành kế hoạch thực hiện công tác dân vận chính quyền năm 2025", "02/06/2025",
            ["UBND tỉnh ban hành Kế hoạch số 124/KH-UBND triển khai Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ.",
             "Các sở, ngành xây dựng kế hoạch cụ thể của đơn vị mình."],
            [(pdf, "Kế hoạch 124/KH-UBND"), (bomb, "Phụ lục")]), HTML),
        a2: lambda h: Reply(200, _liferay_article(
            "Sở Nội vụ hướng dẫn đánh giá phong trào thi đua Dân vận khéo năm 2025", "28/05/2025",
            ["Văn bản căn cứ Kế hoạch số 124/KH-UBND của UBND tỉnh.", "Kết quả gửi về Sở trước ngày 30/11/2025."],
            [(docx, "Hướng dẫn 456/HD-SNV")]), HTML),
        pdf: lambda h: Reply(200, sitekit.make_pdf(sitekit.PDF_LINES), {"Content-Type": "application/pdf"}),
        # a DOCX said to be any bytes: its type comes from the bytes
        docx: lambda h: Reply(200, sitekit.make_docx(sitekit.DOCX_PARAS), {"Content-Type": "application/octet-stream"}),
        bomb: lambda h: Reply(200, _docx_bomb(), {"Content-Type": "application/octet-stream"}),
    }
    site = LocalSite(routes=routes).start()
    try:
        report = _crawl("daklak", site, "/tin-tuc-su-kien", tmp_path)
    finally:
        site.stop()
    records = report["records"]
    art = records[site.url(a1)]
    assert art["page_title"].startswith("UBND tỉnh ban hành kế hoạch") and art["published"] == "2025-06-02"
    assert records[site.url(a2)]["published"] == "2025-05-28"           # found through the _cur pagination
    assert records[site.url(pdf)]["source"] == "pdf" and records[site.url(pdf)]["published"] == "2025-06-02"
    assert records[site.url(docx)]["source"] == "docx"
    failed = {f["url"]: f["reason"] for f in report["failures"] if "/documents/" in f["url"]}
    assert failed == {site.url(bomb): "too large: DOCX XML inflates past 16 MB"}


def test_sharepoint_pages_with_the_date_in_the_path(tmp_path):
    article = "/portal/Pages/2025-1-16/Ke-hoach-thuc-hien-cong-tac-dan-van-chinh-quyen-nam-2025-a1b2c3.aspx"
    doc = "/SiteCollectionDocuments/2025/21-KH-UBND.pdf"
    listing = _page(f'<div class="news-list"><a href="{article}">Kế hoạch thực hiện công tác dân vận chính quyền năm 2025</a></div>')
    # no date on the page itself: the path's date is the published date
    page = _page(f"""<div class="news-title"><h1>Kế hoạch thực hiện công tác dân vận chính quyền năm 2025</h1></div>
<div class="news-content"><p>UBND tỉnh ban hành Kế hoạch số 21/KH-UBND thực hiện Chỉ thị số 33/CT-TTg.</p>
<p>Các sở, ngành triển khai thực hiện kế hoạch.</p><p><a href="{doc}">Tải về</a></p></div>""")
    routes = {"/robots.txt": lambda h: Reply(404, b"", {"Content-Type": "text/plain"}),
              "/portal/Pages/Tin-tuc-su-kien.aspx": lambda h: Reply(200, listing, HTML),
              article: lambda h: Reply(200, page, HTML),
              doc: lambda h: Reply(200, sitekit.make_pdf(sitekit.PDF_LINES), {"Content-Type": "application/pdf"})}
    site = LocalSite(routes=routes).start()
    try:
        report = _crawl("backan", site, "/portal/Pages/Tin-tuc-su-kien.aspx", tmp_path)
    finally:
        site.stop()
    records = report["records"]
    assert records[site.url(article)]["published"] == "2025-01-16"
    assert records[site.url(doc)]["published"] == "2025-01-16" and records[site.url(doc)]["source"] == "pdf"

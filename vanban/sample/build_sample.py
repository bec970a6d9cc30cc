"""Write the bundled sample portals (vanban/sample/sites/) from vanban/sample/content.py.

    python -m vanban.sample.build_sample     (or: python vanban/sample/build_sample.py)

The output is committed, so `vanban run` never needs this script (nor reportlab and a font with
Vietnamese glyphs for the PDF). Run it again after editing content.py. Output is deterministic:
the PDF's creation date is fixed, so rebuilding an unchanged sample changes no file.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from vanban.sample import SAMPLE_DIR, content

SITES_DIR = SAMPLE_DIR / "sites"
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")

_LINK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def _inline(text: str) -> str:
    """Escape a paragraph and turn its [[label|href]] marks into links."""
    out, pos = [], 0
    for m in _LINK.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f'<a href="{html.escape(m.group(2))}">{html.escape(m.group(1))}</a>')
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _plain(text: str) -> str:
    """A paragraph without its link marks (for PDF/DOCX text)."""
    return _LINK.sub(lambda m: m.group(1), text)


def _page(site: dict, title: str, main: str, depth: int) -> str:
    """A whole portal page: banner, menu, main column, footer. `depth` = folders below the root."""
    up = "../" * depth
    documents = (f'\n  <li><a href="{up}van-ban/index.html">Văn bản chỉ đạo điều hành</a></li>'
                 if site.get("documents") else "")
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} - {html.escape(site['name'].title())}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body>
<div id="banner"><a href="{up}index.html">{html.escape(site['name'])}</a></div>
<ul id="menu">
  <li><a href="{up}index.html">Trang chủ</a></li>
  <li><a href="{up}tin-tuc/index.html">Tin tức - Sự kiện</a></li>{documents}
  <li><a href="{up}gioi-thieu.html">Giới thiệu</a></li>
</ul>
<div id="main">
{main}
</div>
<div id="footer">
  <p>{html.escape(site['name'])}</p>
  <p>Cơ quan chủ quản: {html.escape(site['owner'])}</p>
  <p>Địa chỉ: {html.escape(site['address'])}</p>
  <p>Ghi rõ nguồn &quot;{html.escape(site['host'])}&quot; khi phát hành lại thông tin từ trang này.</p>
</div>
</body>
</html>
"""


def _posted_key(item: dict) -> tuple[int, int, int, str]:
    """Sort key of a "dd/mm/yyyy hh:mm" posting time."""
    day, month, year = item["posted"].split()[0].split("/")
    return int(year), int(month), int(day), item["posted"].split()[-1]


def _date_only(posted: str) -> str:
    return posted.split()[0]


def _related(site: dict, items: dict[str, dict], slugs: list[str], prefix: str) -> str:
    css = site["css"]
    if not slugs:
        return ""
    lis = "\n".join(
        f'  <li><a href="{prefix}{s}.html">{html.escape(items[s]["title"])}</a> '
        f'<span>({_date_only(items[s]["posted"])})</span></li>' for s in slugs)
    return f'<div class="{css["related"]}">\n<h3>Tin liên quan</h3>\n<ul>\n{lis}\n</ul>\n</div>'


def _article(site: dict, item: dict, items: dict[str, dict]) -> str:
    css = site["css"]
    paras = "\n".join(f"  <p>{_inline(p)}</p>" for p in item["body"])
    main = f"""<div class="breadcrumb"><a href="index.html">Tin tức - Sự kiện</a></div>
<h1 class="{css['title']}">{html.escape(item['title'])}</h1>
<div class="{css['meta']}">{html.escape(item['posted'])}</div>
<div class="{css['content']}">
{paras}
</div>
{_related(site, items, item.get('related', []), '')}"""
    return _page(site, item["title"], main, 1)


def _fulltext(site: dict, item: dict) -> str:
    """A full-text document page laid out like the portals' document viewers (header table)."""
    css = site["css"]
    ft = item["fulltext"]
    left = "<br>".join(html.escape(x) for x in ft["issuer_lines"]) + "<br>-------"
    body = "\n".join(f"  <p>{_inline(p)}</p>" for p in ft["body"])
    recipients = "<br>".join(html.escape(x) for x in ft["recipients"])
    signature = "<br>".join(html.escape(x) for x in ft["signature"])
    main = f"""<h1 class="{css['title']}">{html.escape(item['title'])}</h1>
<div class="{css['meta']}">{html.escape(item['posted'])}</div>
<div class="{css['content']}">
<table class="header">
  <tr><td>{left}</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>---------------</td></tr>
  <tr><td>Số: {html.escape(ft['number'])}</td><td><i>{html.escape(ft['place_date'])}</i></td></tr>
</table>
<p class="type-line"><b>{html.escape(ft['type_line'])}</b></p>
<p class="subject-line"><b>{html.escape(ft['subject_line'])}</b></p>
{body}
<table class="signature">
  <tr><td><b><i>Nơi nhận:</i></b><br>{recipients}</td><td><b>{signature}</b></td></tr>
</table>
</div>"""
    return _page(site, item["title"], main, 1)


def _listing(site: dict, items: list[dict], page: int, pages: int) -> str:
    css = site["css"]
    start = (page - 1) * content.PAGE_SIZE
    chunk = items[start:start + content.PAGE_SIZE]
    lis = "\n".join(
        f'  <div class="{css["item"]}"><a href="{it["slug"]}.html">{html.escape(it["title"])}</a> '
        f'<span class="{css["meta"]}">{_date_only(it["posted"])}</span>'
        f'<p>{html.escape(_plain(it["body"][0])[:160])}...</p></div>' for it in chunk)
    links = []
    for n in range(1, pages + 1):
        href = "index.html" if n == 1 else f"trang-{n}.html"
        links.append(f"<span>{n}</span>" if n == page else f'<a href="{href}">{n}</a>')
    if page < pages:
        links.append(f'<a class="next" rel="next" href="trang-{page + 1}.html">Trang sau »</a>')
    pager = f'<div class="{css["pager"]}">' + " ".join(links) + "</div>"
    main = (f'<h2>Tin tức - Sự kiện</h2>\n<div class="{css["list"]}">\n{lis}\n</div>\n{pager}')
    return _page(site, "Tin tức - Sự kiện" + (f" - Trang {page}" if page > 1 else ""), main, 1)


def _documents(site: dict, items: list[dict]) -> str:
    """The "Văn bản chỉ đạo điều hành" category: one page listing the full texts."""
    css = site["css"]
    lis = "\n".join(
        f'  <div class="{css["item"]}"><a href="{it["slug"]}.html">{html.escape(it["title"])}</a> '
        f'<span class="{css["meta"]}">{_date_only(it["posted"])}</span></div>' for it in items)
    main = f'<h2>Văn bản chỉ đạo điều hành</h2>\n<div class="{css["list"]}">\n{lis}\n</div>'
    return _page(site, "Văn bản chỉ đạo điều hành", main, 1)


def _home(site: dict, items: list[dict]) -> str:
    latest = "\n".join(
        f'  <li><a href="tin-tuc/{it["slug"]}.html">{html.escape(it["title"])}</a></li>'
        for it in items[:3])
    main = (f"<h2>Tin mới nhất</h2>\n<ul>\n{latest}\n</ul>\n"
            f'<p><a href="tin-tuc/index.html">Xem tất cả tin tức</a></p>')
    return _page(site, "Trang chủ", main, 0)


def _about(site: dict) -> str:
    main = (f"<h2>Giới thiệu</h2><p>{html.escape(site['name'])} là kênh thông tin chính thức của "
            f"{html.escape(site['owner'])}.</p>")
    return _page(site, "Giới thiệu", main, 0)


def _font() -> tuple[str, str]:
    """Paths of a regular and a bold TTF with Vietnamese glyphs (DejaVu Sans)."""
    for d in FONT_DIRS:
        regular, bold = Path(d) / "DejaVuSans.ttf", Path(d) / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return str(regular), str(bold)
    raise SystemExit("DejaVu Sans not found: apt-get install fonts-dejavu-core")


def _write_pdf(spec: dict, path: Path) -> None:
    """A full-text plan as a one-column PDF (reportlab, DejaVu Sans for Vietnamese)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    regular, bold = _font()
    pdfmetrics.registerFont(TTFont("DejaVu", regular))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", bold))
    normal = ParagraphStyle("n", fontName="DejaVu", fontSize=11, leading=15, spaceAfter=6)
    center = ParagraphStyle("c", parent=normal, alignment=1)
    heading = ParagraphStyle("h", parent=center, fontName="DejaVu-Bold", fontSize=12)
    small = ParagraphStyle("s", parent=center, fontSize=10, leading=13)
    # wide enough that no header line wraps (a wrapped "VIỆT / NAM" would run into the issuer)
    header = Table([
        [Paragraph("<br/>".join(spec["issuer_lines"]) + "<br/>-------", small),
         Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc", small)],
        [Paragraph("Số: " + spec["number"], small), Paragraph(spec["place_date"], small)],
    ], colWidths=[180, 300])
    story = [header, Spacer(1, 12), Paragraph(spec["type_line"], heading),
             Paragraph(spec["subject_line"], heading), Spacer(1, 8)]
    story += [Paragraph(html.escape(p), normal) for p in spec["body"]]
    story += [Spacer(1, 12)] + [Paragraph(html.escape(s) or "&nbsp;", heading)
                                for s in spec["signature"]]
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=spec["number"], author="",
                            creator="vanban-graph sample", invariant=1)
    doc.build(story)


def _write_docx(spec: dict, path: Path) -> None:
    """A full-text plan as a Word document (python-docx), header as a two-column table."""
    import datetime

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    # Word documents draw the rule under the issuer as a shape, not as text
    table.cell(0, 0).text = "\n".join(spec["issuer_lines"])
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: " + spec["number"]
    table.cell(1, 1).text = spec["place_date"]
    for line in (spec["type_line"], spec["subject_line"]):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True
    for para in spec["body"]:
        doc.add_paragraph(para)
    for line in spec["signature"]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run(line).bold = True
    fixed = datetime.datetime(2025, 1, 1)
    doc.core_properties.created = fixed
    doc.core_properties.modified = fixed
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    doc.save(str(path))


def build(out: Path = SITES_DIR) -> list[Path]:
    """Write every site under `out`; returns the files written."""
    if out.exists():
        shutil.rmtree(out)
    written: list[Path] = []

    def put(path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for key, site in content.SITES.items():
        site = {**site, "documents": bool(content.FULLTEXTS.get(key))}
        root = out / key
        # listings show the newest first, as the portals do
        news = sorted(content.NEWS[key], key=_posted_key, reverse=True)
        by_slug = {it["slug"]: it for it in news}
        pages = max(1, -(-len(news) // content.PAGE_SIZE))
        put(root / "index.html", _home(site, news))
        put(root / "gioi-thieu.html", _about(site))
        put(root / "robots.txt", "User-agent: *\nAllow: /\n")
        for n in range(1, pages + 1):
            put(root / "tin-tuc" / ("index.html" if n == 1 else f"trang-{n}.html"),
                _listing(site, news, n, pages))
        for it in news:
            put(root / "tin-tuc" / f"{it['slug']}.html", _article(site, it, by_slug))
        fulltexts = content.FULLTEXTS.get(key, [])
        if fulltexts:
            put(root / "van-ban" / "index.html", _documents(site, fulltexts))
        for it in fulltexts:
            put(root / "van-ban" / f"{it['slug']}.html", _fulltext(site, it))
        for spec, fmt in content.ATTACHMENTS.get(key, []):
            path = root / "files" / spec["file"]
            path.parent.mkdir(parents=True, exist_ok=True)
            (_write_pdf if fmt == "pdf" else _write_docx)(spec, path)
            written.append(path)
    return written


if __name__ == "__main__":
    files = build()
    print(f"wrote {len(files)} files under {SITES_DIR}")

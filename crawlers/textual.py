"""Bytes of a page or attachment -> its main text, title and publication date.

HTML: decoded with Vietnamese charset trouble in mind (Windows-1258, a wrong declared
charset, decomposed Unicode), main text by trafilatura (menus, footers and side lists
left out, or the profile's body selector when it matches), date by the profile's date
selector or htmldate. PDF by pypdf (a scan without a text layer is reported as such),
DOCX by python-docx. Every function returns a `PageText`, or raises `NotReadable` with
a reason the crawl report prints.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass, field

from crawlers.limits import ParseLimits, check_zip
from extract.normalize import iso_date
from extract.textio import decode_bytes

__all__ = ["PageText", "NotReadable", "decode_html", "html_text", "pdf_text", "docx_text",
           "sniff_kind", "page_text"]


class NotReadable(Exception):
    """The bytes hold no text we can read; `reason` says why (shown in the crawl report)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class PageText:
    """The readable content of one fetched page or attachment."""

    text: str
    source: str  # "html" | "pdf" | "docx"
    title: str | None = None
    published: str | None = None
    notes: list[str] = field(default_factory=list)  # e.g. charset repairs


_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-]{1,40})""", re.IGNORECASE)
_CONTENT_TYPE_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]{1,40})", re.IGNORECASE)


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset the server header or the page's <meta> declares, if any."""
    if content_type:
        m = _CONTENT_TYPE_CHARSET_RE.search(content_type)
        if m:
            return m.group(1)
    m = _CHARSET_RE.search(body[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, list[str]]:
    """Decode an HTML body; returns (NFC text, notes about charset repairs).

    The charset the page declares goes to the project's one decoder
    (`extract.textio.decode_bytes`), which checks it against the bytes.
    """
    decoded = decode_bytes(body, declared_charset(body, content_type))
    notes = list(decoded.notes)
    text = unicodedata.normalize("NFC", decoded.text)
    if text != decoded.text and decoded.encoding != "cp1258":
        notes.append("decomposed Unicode composed (NFC)")
    return text, notes


def _first_text(selector, css_list) -> str | None:
    for css in css_list:
        try:
            parts = selector.css(css)
        except Exception:  # a bad selector in a profile must not stop the crawl
            continue
        if parts:
            text = " ".join(" ".join(parts[0].css("::text").getall()).split())
            if text:
                return text
    return None


def _first_html(selector, css_list) -> str | None:
    for css in css_list:
        try:
            parts = selector.css(css)
        except Exception:
            continue
        if parts:
            return parts[0].get()
    return None


_DMY_RE = re.compile(r"(\d{1,2})\s{0,3}[/\-.]\s{0,3}(\d{1,2})\s{0,3}[/\-.]\s{0,3}(\d{4})")
_VN_DATE_RE = re.compile(r"ngày\s{1,3}(\d{1,2})\s{1,3}tháng\s{1,3}(\d{1,2})\s{1,3}năm\s{1,3}(\d{4})", re.IGNORECASE)


def date_in_text(text: str) -> str | None:
    """The first day/month/year date written in `text` (`22/12/2022`, `22 - 12 - 2022`,
    `ngày 16 tháng 01 năm 2025`), as ISO, or None."""
    found: list[tuple[int, str]] = []
    for rx in (_DMY_RE, _VN_DATE_RE):
        for m in rx.finditer(text):
            iso = iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso:
                found.append((m.start(), iso))
                break
    return min(found)[1] if found else None


def _clean_lines(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def html_text(html: str, *, url: str | None = None, title_css=(), date_css=(), body_css=()) -> PageText:
    """Main text, title and date of an HTML page (already decoded).

    The profile's body selector wins when it matches; trafilatura extracts the main
    text otherwise (and from the selected element, to drop its share buttons and
    side lists). Raises NotReadable when no main text is found.
    """
    import trafilatura
    from htmldate import find_date
    from parsel import Selector

    sel = Selector(text=html)
    title = _first_text(sel, title_css) or (sel.css("title::text").get() or "").strip() or None
    body_html = _first_html(sel, body_css) if body_css else None
    text = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if body_html:
            text = trafilatura.extract(f"<html><body>{body_html}</body></html>", url=url,
                                       include_comments=False, include_tables=True, favor_recall=True)
            if not text:
                text = _clean_lines("\n".join(Selector(text=body_html).css("::text").getall()))
        if not text:
            text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
    if not text or not text.strip():
        raise NotReadable("no main text found in the HTML")
    published = None
    if date_css:
        raw = _first_text(sel, date_css)
        published = date_in_text(raw) if raw else None
    if published is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                published = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d",
                                      extensive_search=False)
        except Exception:
            published = None
    if published is None:
        head = (title or "") + "\n" + text[:600]
        published = date_in_text(head)
    return PageText(unicodedata.normalize("NFC", text), "html", title=title, published=published)


def sniff_kind(body: bytes, content_type: str | None, url: str) -> str:
    """What the bytes are: "pdf", "docx", "doc", "html" or "other" (magic bytes first)."""
    head = body[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(body)) as zf:
                if "word/document.xml" in zf.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return "other"
        return "other"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    low = head[:512].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low or b"<body" in low:
        return "html"
    ctype = (content_type or "").lower()
    if "html" in ctype:
        return "html"
    return "other"


def pdf_text(body: bytes, limits: ParseLimits = ParseLimits()) -> PageText:
    """Text layer of a PDF. Raises NotReadable for a scan with no text layer, a broken
    file, or one whose pages take longer than the limit to read."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    deadline = limits.deadline()
    try:
        reader = PdfReader(io.BytesIO(body))
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            deadline.check("PDF")
    except (PdfReadError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        raise NotReadable("broken PDF") from exc
    text = "\n".join(pages)
    if len(text.strip()) < 20:
        raise NotReadable(f"scanned PDF: no text layer ({len(pages)} pages)")
    title = None
    try:
        title = (reader.metadata or {}).get("/Title") or None
    except Exception:
        title = None
    text = unicodedata.normalize("NFC", _clean_lines(text))
    return PageText(text, "pdf", title=title, published=date_in_text(text[:1500]))


def docx_text(body: bytes, limits: ParseLimits = ParseLimits()) -> PageText:
    """Paragraph and table text of a DOCX. Raises NotReadable for a broken file or one
    that inflates past the limits (a zip bomb: crawlers.limits)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(body)) as zf:
            check_zip(zf, limits, limits.deadline())
        document = docx.Document(io.BytesIO(body))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as exc:
        raise NotReadable("broken DOCX") from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    text = unicodedata.normalize("NFC", _clean_lines("\n".join(parts)))
    if not text.strip():
        raise NotReadable("empty DOCX")
    title = document.core_properties.title or None
    return PageText(text, "docx", title=title, published=date_in_text(text[:1500]))


_EXPECTED = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}


def page_text(body: bytes, *, url: str, content_type: str | None = None, profile=None,
              expect: str | None = None, limits: ParseLimits = ParseLimits()) -> PageText:
    """The text of any fetched body, by what its bytes are.

    `expect` is what the link promised ("pdf", "docx", "html"): a body that is
    something else (an HTML error page behind a .pdf link) raises NotReadable.
    """
    kind = sniff_kind(body, content_type, url)
    if expect and expect != kind and not (expect == "html" and kind == "other"):
        raise NotReadable(f"not a {expect.upper()}: the body is {kind.upper() if kind != 'other' else 'unknown data'}")
    if kind == "pdf":
        return pdf_text(body, limits)
    if kind == "docx":
        return docx_text(body, limits)
    if kind == "doc":
        raise NotReadable("legacy .doc (binary Word) is not read")
    html, notes = decode_html(body, content_type)
    result = html_text(html, url=url,
                       title_css=profile.title_selectors if profile else ("h1",),
                       date_css=profile.date if profile else (),
                       body_css=profile.body if profile else ())
    result.notes.extend(notes)
    return result


def expected_kind(url: str) -> str | None:
    """What a link's extension promises ("pdf", "docx", "doc"), or None."""
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    for suffix, kind in _EXPECTED.items():
        if path.endswith(suffix):
            return kind
    return None

"""Text from bytes: charsets, PDF, DOCX, and what is not what it claims to be."""

import unicodedata

import pytest

from crawlers.profiles import Profile, load_profile, profile_keys
from crawlers.textual import NotReadable, decode_html, page_text, sniff_kind
from tests.crawlers import sitekit
from tests.textkit import encode_cp1258


def test_windows_1258_and_wrong_charsets():
    text = "<html><head><meta charset='windows-1258'></head><body><p>Kế hoạch Đắk Lắk</p></body></html>"
    decoded, notes = decode_html(encode_cp1258(text))
    assert "Kế hoạch Đắk Lắk" in decoded and decoded == unicodedata.normalize("NFC", decoded)
    assert notes
    decoded, notes = decode_html("<p>Kế hoạch Đắk Lắk</p>".encode(), "text/html; charset=iso-8859-1")
    assert "Kế hoạch Đắk Lắk" in decoded and "wrong" in notes[0]
    decoded, notes = decode_html(unicodedata.normalize("NFD", "<p>Đắk Lắk</p>").encode(), "text/html; charset=utf-8")
    assert "Đắk Lắk" in decoded and notes == ["decomposed Unicode composed (NFC)"]


def test_pdf_docx_scan_and_impostor():
    pdf = page_text(sitekit.make_pdf(sitekit.PDF_LINES), url="http://x/a.pdf", expect="pdf")
    assert pdf.source == "pdf" and "124/KH-UBND" in pdf.text and "Đắk Lắk" in pdf.text
    assert pdf.published == "2025-05-29"
    docx = page_text(sitekit.make_docx(sitekit.DOCX_PARAS), url="http://x/a.docx", expect="docx")
    assert docx.source == "docx" and "456/HD-SNV" in docx.text
    with pytest.raises(NotReadable, match="scanned PDF"):
        page_text(sitekit.make_scanned_pdf(), url="http://x/s.pdf", expect="pdf")
    with pytest.raises(NotReadable, match="not a PDF"):
        page_text(b"<html><body>Not found</body></html>", url="http://x/b.pdf", expect="pdf")
    assert sniff_kind(b"PK\x03\x04garbage", None, "x.docx") == "other"


def test_article_text_leaves_out_menus_footers_and_side_lists():
    a = sitekit.ARTICLES[0]
    html = sitekit.article_html(a, sitekit.ARTICLES[1:3])
    result = page_text(html.encode(), url="http://x/a.html", profile=Profile.generic("http://x/"))
    assert "124/KH-UBND" in result.text
    assert "Cơ quan chủ quản" not in result.text          # footer
    assert sitekit.ARTICLES[1].title not in result.text   # "Tin liên quan"
    assert result.title == a.title and result.published == "2025-06-02"


def test_profiles_load():
    keys = profile_keys()
    assert {"daklak", "ninhthuan", "backan", "quangtri", "camlo"} <= set(keys)
    for key in keys:
        p = load_profile(key)
        assert p.province and p.start_urls and p.hosts
    daklak = load_profile("daklak")
    assert daklak.is_article_url("https://daklak.gov.vn/thong-tin-bao-chi/-/asset_publisher/hfnlmC5Zec7J/content/x")
    with pytest.raises(KeyError):
        load_profile("nowhere")


def _docx_bomb(xml_mb: int = 40, entries: int = 0) -> bytes:
    """A valid DOCX whose document.xml inflates to `xml_mb` MB (a few hundred kB zipped),
    or with `entries` extra tiny entries."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(sitekit.make_docx(sitekit.DOCX_PARAS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml" and xml_mb:
                pad = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * (xml_mb * 1024 * 1024 // 34)
                data = data.replace(b"</w:body>", pad + b"</w:body>")
            zf.writestr(info.filename, data)
        for n in range(entries):
            zf.writestr(f"customXml/item{n}.bin", b"x")
    return out.getvalue()


def test_docx_zip_bomb_is_refused_as_too_large():
    from crawlers.limits import ParseLimits

    bomb = _docx_bomb()
    assert len(bomb) < 1024 * 1024
    with pytest.raises(NotReadable, match=r"^too large: DOCX XML inflates past 16 MB"):
        page_text(bomb, url="http://x/files/10181/abc", expect=None)
    with pytest.raises(NotReadable, match=r"^too large: DOCX has 2\d\d\d zip entries"):
        page_text(_docx_bomb(0, entries=2100), url="http://x/a.docx", expect="docx")
    small = ParseLimits(max_inflated=1024, max_xml=1024, max_entries=5, max_seconds=60)
    with pytest.raises(NotReadable, match=r"^too large"):
        page_text(sitekit.make_docx(sitekit.DOCX_PARAS), url="http://x/a.docx", limits=small)
    # no time at all: the PDF is refused after its first page, the DOCX after its first chunk
    no_time = ParseLimits(max_seconds=-1)
    with pytest.raises(NotReadable, match=r"^parse timeout: PDF"):
        page_text(sitekit.make_pdf(sitekit.PDF_LINES), url="http://x/a.pdf", limits=no_time)
    with pytest.raises(NotReadable, match=r"^parse timeout: DOCX"):
        page_text(sitekit.make_docx(sitekit.DOCX_PARAS), url="http://x/a.docx", limits=no_time)
    assert "456/HD-SNV" in page_text(sitekit.make_docx(sitekit.DOCX_PARAS), url="http://x/a.docx").text

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

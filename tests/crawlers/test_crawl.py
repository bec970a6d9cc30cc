"""Real Scrapy crawls of the test portal on 127.0.0.1: faults, incremental runs, lock,
a killed run, and re-extraction from the WARC archive."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

from crawlers.state import CrawlLock, state_paths
from tests.crawlers import sitekit
from tests.crawlers.conftest import crawl, run_vanban

GOOD_PAGES = len(sitekit.ARTICLES) + 2  # articles + the text PDF + the DOCX
CHARSET_PAGES = 3


def _stored(db) -> dict[str, dict]:
    from graph import open_store

    store = open_store(db=db)
    try:
        return {p["url"]: p for p in store.iter_pages()}
    finally:
        store.close()


def test_crawl_reports_each_fault_and_keeps_going(portal, tmp_path):
    db = tmp_path / "g.sqlite"
    jsonl = tmp_path / "records.jsonl"
    report = crawl(db, portal.url("/tin-tuc/index.html"), "--jsonl", str(jsonl))
    assert report["reason"] == "finished"
    assert report["new"] == GOOD_PAGES + CHARSET_PAGES, report
    reasons = {f["url"].rsplit("/", 1)[-1]: f["reason"] for f in report["failures"]}
    assert reasons["trang-khong-ton-tai.html"] == "HTTP 404"
    assert reasons["loi-may-chu.html"].startswith("HTTP 500")
    assert reasons["tai-rat-cham.html"] == "timeout"
    assert reasons["chuyen-huong-vong.html"].startswith("redirect loop")
    assert reasons["trang-qua-lon.html"].startswith("too large")
    assert reasons["bien-ban-scan.pdf"].startswith("scanned PDF")
    assert reasons["bao-cao-gia.pdf"].startswith("not a PDF")
    assert reasons["tai-lieu-noi-bo-chi-tiet.html"] == "blocked by robots.txt"
    assert portal.hits["/noi-bo/tai-lieu-noi-bo-chi-tiet.html"] == 0
    assert any("Windows-1258" in n for n in report["notes"]) and any("wrong" in n for n in report["notes"])

    records = {r["url"].rsplit("/", 1)[-1]: r for r in map(json.loads, jsonl.read_text().splitlines())}
    cp = records["ma-windows-1258.html"]
    assert cp["page_title"].startswith("Triển khai Kế hoạch số 88/KH-UBND")
    assert records["sai-khai-bao-ma.html"]["page_title"].startswith("Hướng dẫn thực hiện Quyết định")
    assert records["unicode-to-hop.html"]["page_title"] == "Đẩy mạnh thực hiện Chỉ thị số 05-CT/TW trong cơ quan nhà nước"
    pdf = records["124-KH-UBND.pdf"]
    assert pdf["source"] == "pdf" and pdf["province"] == sitekit.PROVINCE
    assert pdf["subject"] and pdf["subject"]["number"] == "124/KH-UBND"
    # published with the article that links it, though its own header is dated 29/5/2025
    assert pdf["published"] == "2025-06-02" and pdf["subject"]["date"] == "2025-05-29"
    assert records["huong-dan-danh-gia.docx"]["published"] == "2025-05-28"
    assert records["huong-dan-danh-gia.docx"]["source"] == "docx"
    art = records["ubnd-tinh-ban-hanh-ke-hoach-dan-van-chinh-quyen-2025.html"]
    assert art["published"] == "2025-06-02" and len(art["content_hash"]) == 64 and art["crawled"]
    assert "33/CT-TTg" in {r["number"] for r in art["references"]}
    stored = _stored(db)
    assert len(stored) == GOOD_PAGES + CHARSET_PAGES


def test_second_run_fetches_only_new_or_changed(tmp_path):
    root = sitekit.build_site(tmp_path / "site", faults=False, per_page=2)
    site = sitekit.serve(root, faults=False)
    try:
        db = tmp_path / "g.sqlite"
        first = crawl(db, site.url("/tin-tuc/index.html"))
        assert first["new"] == GOOD_PAGES
        before = dict(site.hits)
        second = crawl(db, site.url("/tin-tuc/index.html"))
        assert second["new"] == second["changed"] == 0
        delta = {k: site.hits[k] - before.get(k, 0) for k in site.hits}
        # page 1's items are all known: the listing stops paging there
        assert delta.get("/tin-tuc/trang-2.html", 0) == 0
        # known articles are asked conditionally and answered 304, never sent again
        assert second["unchanged"] >= 2

        # an article changes and a new one appears on page 1
        changed = root / "tin-tuc" / f"{sitekit.ARTICLES[0].slug}.html"
        changed.write_text(changed.read_text(encoding="utf-8").replace("Phòng Thông tin", "Phòng Thông tin (cập nhật)"),
                           encoding="utf-8")
        fresh = sitekit.Article("hoi-nghi-so-ket-dan-van-sau-thang", "Hội nghị sơ kết công tác dân vận sáu tháng đầu năm 2025",
                                "20/06/2025", ["Ngày 18/6/2025, Ban Dân vận Tỉnh ủy tổ chức hội nghị sơ kết."])
        (root / "tin-tuc" / f"{fresh.slug}.html").write_text(sitekit.article_html(fresh, []), encoding="utf-8")
        listing = root / "tin-tuc" / "index.html"
        listing.write_text(listing.read_text(encoding="utf-8").replace(
            '<div class="list-news">',
            f'<div class="list-news">\n  <div class="news-item"><a href="/tin-tuc/{fresh.slug}.html">{fresh.title}</a></div>'),
            encoding="utf-8")
        # and an unchanged article's attachment is replaced by a corrected version
        (root / "files" / "huong-dan-danh-gia.docx").write_bytes(
            sitekit.make_docx([*sitekit.DOCX_PARAS, "Văn bản này thay thế văn bản gửi ngày 26/5/2025."]))
        third = crawl(db, site.url("/tin-tuc/index.html"), "--jsonl", str(tmp_path / "third.jsonl"))
        assert third["new"] == 1 and third["changed"] == 2, third
        records = {r["url"].rsplit("/", 1)[-1]: r for r in map(json.loads, (tmp_path / "third.jsonl").open())}
        # its article answered 304 this time: the date comes from what the first run recorded
        assert records["huong-dan-danh-gia.docx"]["published"] == "2025-05-28"
    finally:
        site.stop()


def test_lock_keeps_two_runs_apart(portal, tmp_path):
    db = tmp_path / "g.sqlite"
    with CrawlLock(state_paths(db)["lock"]):
        proc = run_vanban("crawl", "--start-url", portal.url("/tin-tuc/index.html"), "--db", str(db))
    assert proc.returncode == 2 and "another crawl is running" in proc.stderr


def test_killed_run_loses_nothing(tmp_path):
    root = sitekit.build_site(tmp_path / "site", faults=False, per_page=2)
    site = sitekit.serve(root, faults=False, delay=0.4)
    db = tmp_path / "g.sqlite"
    try:
        cmd = [sys.executable, "-c", "from vanban.cli import main; main()", "crawl", "--start-url",
               site.url("/tin-tuc/index.html"), "--db", str(db), "--progress", "0",
               "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        state = state_paths(db)["state"]
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and stored < 2:
            time.sleep(0.2)
            if state.exists():
                try:
                    with sqlite3.connect(state) as c:
                        stored = c.execute("SELECT count(*) FROM pages WHERE content_hash IS NOT NULL").fetchone()[0]
                except sqlite3.Error:
                    pass
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert 2 <= stored < GOOD_PAGES
        site.delay = 0
        report = crawl(db, site.url("/tin-tuc/index.html"))
        assert report["reason"] == "finished"
        with sqlite3.connect(state) as c:
            news = c.execute("SELECT url, count(*) FROM outcomes WHERE outcome = 'new' GROUP BY url").fetchall()
        assert len(news) == GOOD_PAGES and all(n == 1 for _, n in news)
        assert len(_stored(db)) == GOOD_PAGES
    finally:
        site.stop()


def test_reextract_rebuilds_the_store_from_the_archive(tmp_path):
    root = sitekit.build_site(tmp_path / "site", faults=False)
    site = sitekit.serve(root, faults=False)
    db = tmp_path / "g.sqlite"
    try:
        crawl(db, site.url("/tin-tuc/index.html"))
    finally:
        site.stop()  # no network from here on
    before = _stored(db)
    db.unlink()
    proc = run_vanban("reextract", "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    counts = json.loads(proc.stdout)
    assert counts["stored"] == GOOD_PAGES and counts["failed"] == 2  # the scan, the HTML behind .pdf
    after = _stored(db)
    assert set(after) == set(before)
    # one rule builds a page item for the crawl and the replay: an attachment keeps its article's date
    assert {u: p.get("published") for u, p in after.items()} == {u: p.get("published") for u, p in before.items()}
    assert after[site.url("/files/124-KH-UBND.pdf")]["published"] == "2025-06-02"


def test_a_store_that_is_not_a_database_is_a_clear_error_and_is_left_alone(tmp_path):
    db = tmp_path / "g.sqlite"
    junk = b"PK\x03\x04 not a SQLite file, perhaps a DOCX saved under the wrong name" * 50
    db.write_bytes(junk)
    proc = run_vanban("crawl", "--start-url", "http://127.0.0.1:9/", "--db", str(db), "--progress", "0", timeout=60)
    assert proc.returncode == 1
    assert f"vanban crawl: cannot open the store {db}: file is not a database" in proc.stderr
    assert db.read_bytes() == junk


def test_an_error_that_stops_the_crawl_is_reported_with_exit_status_1(portal, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the JSON Lines folder should be\n")
    proc = run_vanban("crawl", "--start-url", portal.url("/tin-tuc/index.html"), "--db", str(tmp_path / "g.sqlite"),
                      "--jsonl", str(blocker / "out.jsonl"), "--progress", "0", timeout=60)
    assert proc.returncode == 1
    assert "vanban crawl: the crawl stopped: FileExistsError" in proc.stderr

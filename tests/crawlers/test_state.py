"""The crawl state file: written by an earlier version, it is brought up to date in place."""

from __future__ import annotations

import sqlite3

from crawlers.state import CrawlState

EARLIER_PAGES = """
CREATE TABLE pages (url TEXT PRIMARY KEY, kind TEXT NOT NULL, portal TEXT, etag TEXT, last_modified TEXT,
                    content_hash TEXT, first_seen TEXT NOT NULL, last_fetched TEXT, last_changed TEXT);
INSERT INTO pages VALUES ('https://daklak.gov.vn/tin-tuc/ke-hoach-124.html', 'article', 'daklak', NULL, NULL,
                          'ab12', '2025-06-02T01:00:00+00:00', NULL, NULL);
"""


def test_a_state_file_without_publication_dates_is_upgraded_and_keeps_its_rows(tmp_path):
    path = tmp_path / "g.sqlite.crawl.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(EARLIER_PAGES)
    conn.close()
    state = CrawlState(path)
    try:
        url = "https://daklak.gov.vn/tin-tuc/ke-hoach-124.html"
        assert state.known(url) and state.content_hash(url) == "ab12" and state.published(url) is None
        state.record_page(url, kind="article", published="2025-06-02")
        assert state.published(url) == "2025-06-02" and state.content_hash(url) == "ab12"
    finally:
        state.close()
    CrawlState(path).close()  # opening an up-to-date file again changes nothing

"""How `vanban crawl` ends when it gets nothing: run for real against 127.0.0.1.

A closed port, a served site that answers 500 to everything and one whose robots.txt answers
500 end with the report on standard output (the failures listed), one line on standard
error and status 1; Scrapy's tracebacks appear only with -v. Start URLs it will not fetch
end before anything starts (status 2, one line, no store written); a refused store leaves
no crawl lock behind.
"""

from __future__ import annotations

import json
import logging
import socket
import sys

import pytest

from crawlers.localsite import LocalSite, Reply
from crawlers.state import CrawlLock, state_paths
from tests.cli.conftest import vanban
from tests.crawlers import sitekit

FAST = ["--progress", "0", "--no-warc", "-s", "DOWNLOAD_TIMEOUT=2", *sitekit.FAST]


def _closed_port() -> int:
    """A port of 127.0.0.1 nothing listens on (bound, then let go)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.decode(errors="replace").splitlines() if line.strip()]


def _crawl(tmp_path, start_url: str, *extra: str):
    result = vanban("crawl", "--start-url", start_url, "--db", str(tmp_path / "g.sqlite"), *FAST, *extra,
                    cwd=tmp_path)
    assert b"Traceback" not in result.stdout
    return result


def _answering(status: int, *, robots: int) -> LocalSite:
    page = Reply(status, b"<html><body>l\xe1\xbb\x97i</body></html>", {"Content-Type": "text/html"})
    return LocalSite(routes={"/robots.txt": lambda h: Reply(robots, b"", {"Content-Type": "text/plain"}),
                             "/": lambda h: page, "/index.html": lambda h: page}).start()


def test_a_closed_port_is_one_line_and_status_1(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}/"
    result = _crawl(tmp_path, url)
    assert result.returncode == 1
    assert _stderr_lines(result) == [
        f"vanban crawl: nothing was fetched: 1 request failed (connection refused: {url})"]
    assert f"connection refused: {url}" in result.stdout.decode()   # the report's failure list stays
    # with -v, Scrapy's log and its tracebacks (the robots.txt download's) are all there
    verbose = _crawl(tmp_path, url, "-v")
    assert verbose.returncode == 1 and b"Traceback" in verbose.stderr
    assert _stderr_lines(verbose)[-1] == _stderr_lines(result)[0]


@pytest.mark.parametrize("page,robots,reason", [
    (500, 404, "HTTP 500 (after retries)"),
    (500, 500, "robots.txt unavailable (HTTP 500)"),
])
def test_a_site_answering_500_is_one_line_and_status_1(tmp_path, page, robots, reason):
    site = _answering(page, robots=robots)
    try:
        result = _crawl(tmp_path, site.url("/index.html"), "--json")
    finally:
        site.stop()
    url = site.url("/index.html")
    assert result.returncode == 1
    assert _stderr_lines(result) == [f"vanban crawl: nothing was fetched: 1 request failed ({reason}: {url})"]
    report = json.loads(result.stdout)
    assert report["failures"] == [{"url": url, "reason": reason}] and report["new"] == 0


def test_a_site_that_answers_is_status_0_with_its_failures_listed(tmp_path):
    """Some pages fetched, some failed: the crawl ran (status 0), the report lists the rest."""
    html = {"Content-Type": "text/html; charset=utf-8"}
    good, gone = sitekit.ARTICLES[0], sitekit.ARTICLES[1]
    listing = sitekit.listing_html([(f"/tin-tuc/{a.slug}.html", a.title, a.date) for a in (good, gone)], 1, 1)
    site = LocalSite(routes={
        "/robots.txt": lambda h: Reply(404),
        "/tin-tuc/index.html": lambda h: Reply(200, listing.encode(), html),
        f"/tin-tuc/{good.slug}.html": lambda h: Reply(200, sitekit.article_html(good, []).encode(), html),
        f"/tin-tuc/{gone.slug}.html": lambda h: Reply(404),
    }).start()
    try:
        result = _crawl(tmp_path, site.url("/tin-tuc/index.html"), "--json")
    finally:
        site.stop()
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    report = json.loads(result.stdout)
    assert report["new"] >= 1 and {f["reason"] for f in report["failures"]} >= {"HTTP 404"}
    assert _stderr_lines(result) == []


@pytest.mark.parametrize("start_url,expected", [
    ("notaurl", "--start-url 'notaurl' is not an http(s) URL"),
    ("ftp://x", "--start-url 'ftp://x' is not an http(s) URL"),
    ("http://127.0.0.1:abc/", "--start-url 'http://127.0.0.1:abc/' is not an http(s) URL"),
    ("https://evil.example\\@daklak.gov.vn/a", "--start-url 'https://evil.example\\\\@daklak.gov.vn/a' is refused: "
     "user information or a backslash in a URL hides the host it goes to"),
    ("http://user@127.0.0.1:9/", "--start-url 'http://user@127.0.0.1:9/' is refused: "
     "user information or a backslash in a URL hides the host it goes to"),
])
def test_a_start_url_it_will_not_fetch_is_status_2_before_anything_starts(tmp_path, start_url, expected):
    result = _crawl(tmp_path, start_url)
    assert (result.returncode, _stderr_lines(result)) == (2, [f"vanban crawl: {expected}"])
    assert not list(tmp_path.glob("g.sqlite*"))     # no store, no lock, no archive


def test_a_start_url_outside_its_hosts_is_status_2(tmp_path):
    result = _crawl(tmp_path, "http://127.0.0.1:9/a", "--host", "127.0.0.1:8")
    assert (result.returncode, _stderr_lines(result)) == (2, [
        "vanban crawl: --start-url 'http://127.0.0.1:9/a' is outside the hosts the crawl may fetch (127.0.0.1:8)"])


def test_a_refused_store_leaves_no_crawl_lock_behind(tmp_path):
    db = tmp_path / "g.sqlite"
    db.write_bytes(b"a page of text, not a SQLite database\n" * 20)
    result = _crawl(tmp_path, f"http://127.0.0.1:{_closed_port()}/")
    assert (result.returncode, _stderr_lines(result)) == (
        1, [f"vanban crawl: cannot open the store {db}: file is not a database"])
    lock = state_paths(db)["lock"]
    assert not lock.exists() and not state_paths(db)["state"].exists()
    CrawlLock(lock).acquire().release()   # nothing holds it


def test_a_crawl_that_cannot_start_is_one_line(tmp_path):
    """A pipeline that cannot open (the JSONL folder is a file): the crawl's one line, not
    Scrapy's consequences (its stats closing a spider that never opened, a RuntimeWarning)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the JSON Lines folder should be\n")
    result = _crawl(tmp_path, f"http://127.0.0.1:{_closed_port()}/", "--jsonl", str(blocker / "out.jsonl"))
    assert result.returncode == 1
    assert _stderr_lines(result) == [
        f"vanban crawl: the crawl stopped: FileExistsError: [Errno 17] File exists: '{blocker}'"]


def test_quiet_log_keeps_one_line_and_holds_signal_errors_until_the_crawl_ran():
    from crawlers.runner import QuietLog

    quiet, seen = QuietLog(), []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())
    handler.addFilter(quiet)
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()

    def record(name, level, msg, exc=None):
        return logging.LogRecord(name, level, __file__, 1, msg, (), exc)

    handler.handle(record("scrapy.core.scraper", logging.ERROR, "Spider error processing <GET x>", exc_info))
    handler.handle(record("scrapy.downloadermiddlewares.retry", logging.ERROR, "Gave up retrying <GET x>"))
    handler.handle(record("py.warnings", logging.WARNING, "RuntimeWarning: never awaited"))
    handler.handle(record("scrapy.utils.signal", logging.ERROR, "Error caught on signal handler: f", exc_info))
    assert seen == ["Spider error processing <GET x> (vanban crawl -v shows the traceback)"]
    quiet.release(handler)
    assert seen[1:] == ["Error caught on signal handler: f (vanban crawl -v shows the traceback)"]

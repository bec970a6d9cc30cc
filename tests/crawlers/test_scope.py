"""Crawl scope and robots.txt: a crawl fetches only its own hosts, judged as Scrapy fetches.

Served on the loopback: the start site on localhost:P, a second host on 127.0.0.2:P (the
same port), another port of the same machine, links between them, a subdomain-shaped
host, a backslash-userinfo link and a redirect off the host. Then a robots.txt that
answers 503 (RFC 9309 2.3.1.4: complete disallow).
"""

from __future__ import annotations

import json

import pytest

from crawlers.localsite import LocalSite, Reply
from crawlers.scope import Scope
from tests.crawlers import sitekit
from tests.crawlers.conftest import TIMEOUT_S, run_vanban


def test_scope_entries():
    scope = Scope(("daklak.gov.vn", "*.quangtri.gov.vn", "127.0.0.1:8123", "http://127.0.0.2:9000"))
    assert "https://daklak.gov.vn/a" in scope and "http://DakLak.gov.vn./a" in scope
    assert "https://www.daklak.gov.vn/a" not in scope          # a subdomain is not the host
    assert "https://daklak.gov.vn:8443/a" not in scope         # nor another port
    assert "https://evil.com\\@daklak.gov.vn/a" not in scope   # Scrapy would fetch evil.com
    assert "https://user@daklak.gov.vn/a" not in scope
    assert "https://camlo.quangtri.gov.vn/a" in scope and "https://quangtri.gov.vn/a" not in scope
    assert "http://127.0.0.1:8123/x" in scope and "http://127.0.0.1/x" not in scope
    assert "http://127.0.0.2:9000/x" in scope and "https://127.0.0.2:9000/x" not in scope
    assert "javascript:alert(1)" not in scope and "http://daklak.gov.vn:99999/" not in scope


def _article(slug: str, title: str) -> str:
    return sitekit.article_html(sitekit.Article(slug, title, "02/06/2025", [
        f"{title}. Ủy ban nhân dân tỉnh giao các sở, ngành triển khai Kế hoạch số 124/KH-UBND.",
        "Các đơn vị báo cáo kết quả trước ngày 15/12/2025."]), [])


@pytest.fixture
def hosts():
    main = LocalSite(host="127.0.0.1").start()
    port = main.port
    other_host = LocalSite(host="127.0.0.2", port=port).start()
    other_port = LocalSite(host="127.0.0.1").start()
    home = f"http://localhost:{port}"
    titles = {name: f"Bài viết {name} về công tác dân vận chính quyền năm 2025" for name in
              ("trong-pham-vi", "may-khac", "cong-khac", "ten-mien-con", "dau-gach-nguoc", "dia-chi-ip",
               "chuyen-huong")}
    links = [(f"{home}/tin-tuc/trong-pham-vi.html", titles["trong-pham-vi"]),
             (f"http://127.0.0.2:{port}/tin-tuc/may-khac.html", titles["may-khac"]),
             (f"http://localhost:{other_port.port}/tin-tuc/cong-khac.html", titles["cong-khac"]),
             (f"http://www.localhost:{port}/tin-tuc/ten-mien-con.html", titles["ten-mien-con"]),
             (f"http://127.0.0.2:{port}\\@localhost:{port}/tin-tuc/dau-gach-nguoc.html", titles["dau-gach-nguoc"]),
             (f"http://127.0.0.1:{port}/tin-tuc/dia-chi-ip.html", titles["dia-chi-ip"]),
             (f"{home}/tin-tuc/chuyen-huong.html", titles["chuyen-huong"])]
    listing = sitekit.listing_html([(u, t, "02/06/2025") for u, t in links], 1, 1).encode()
    html = {"Content-Type": "text/html; charset=utf-8"}
    robots = lambda h: Reply(200, b"User-agent: *\nAllow: /\n", {"Content-Type": "text/plain"})  # noqa: E731
    main.routes.update({
        "/robots.txt": robots,
        "/tin-tuc/index.html": lambda h: Reply(200, listing, html),
        # every page of this server is in scope only under the name localhost
        **{f"/tin-tuc/{n}.html": (lambda h, n=n: Reply(200, _article(n, titles[n]).encode(), html))
           for n in ("trong-pham-vi", "dia-chi-ip")},
        "/tin-tuc/chuyen-huong.html": lambda h: Reply(302, b"", {"Location": f"http://127.0.0.2:{port}/tin-tuc/may-khac.html"}),
    })
    back = sitekit.listing_html([(f"{home}/tin-tuc/index.html", titles["trong-pham-vi"], "02/06/2025")], 1, 1)
    for site in (other_host, other_port):
        site.routes.update({"/robots.txt": robots,
                            **{f"/tin-tuc/{n}.html": (lambda h, n=n: Reply(200, back.encode(), html))
                               for n in titles}})
    yield main, other_host, other_port
    for site in (main, other_host, other_port):
        site.stop()


def _crawl(db, start_url: str, *extra: str) -> tuple[dict, str]:
    proc = run_vanban("crawl", "--start-url", start_url, "--province", sitekit.PROVINCE, "--db", str(db),
                      "--json", "--progress", "0", "--no-warc", "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT_S}",
                      *sitekit.FAST, *extra)
    lines = proc.stdout.strip().splitlines()
    assert lines, proc.stderr[-3000:]
    return json.loads(lines[-1]), proc.stderr


def test_crawl_stays_on_its_start_host(hosts, tmp_path):
    main, other_host, other_port = hosts
    report, _ = _crawl(tmp_path / "g.sqlite", f"http://localhost:{main.port}/tin-tuc/index.html")
    assert report["new"] == 1, report
    assert sum(other_host.hits.values()) == 0, other_host.hits     # other host, backslash link, redirect
    assert sum(other_port.hits.values()) == 0, other_port.hits     # other port
    assert main.hits["/tin-tuc/dia-chi-ip.html"] == 0              # same server, another host name
    failed = {f["url"].rsplit("/", 1)[-1]: f["reason"] for f in report["failures"]}
    # the redirect off the host is refused and said so; the links off it were not even tried
    assert failed["chuyen-huong.html"] == "out of scope"
    off = {f"{n}.html" for n in ("may-khac", "cong-khac", "ten-mien-con", "dau-gach-nguoc", "dia-chi-ip")}
    assert not off & set(failed), failed


def test_robots_txt_answering_5xx_disallows_everything(tmp_path):
    site = LocalSite(routes={"/robots.txt": lambda h: Reply(503, b"busy", {"Content-Type": "text/plain"})}).start()
    try:
        (tmp_path / "site").mkdir()
        site.root = (tmp_path / "site").resolve()
        (site.root / "index.html").write_text(sitekit.listing_html(
            [("/a.html", "Bài viết về công tác dân vận chính quyền năm 2025", "02/06/2025")], 1, 1), encoding="utf-8")
        report, stderr = _crawl(tmp_path / "g.sqlite", site.url("/index.html"))
        assert "Traceback" not in stderr
        assert set(site.hits) == {"/robots.txt"}, site.hits          # asked (and retried), nothing else
        assert [f["reason"] for f in report["failures"]] == ["robots.txt unavailable (HTTP 503)"]
    finally:
        site.stop()

"""Crawl throughput in pages/s, end to end (crawl + text + extract + store + WARC) against
Scrapy alone on the same served site: the pipeline's overhead as a ratio.

    python bench/bench_crawl.py [--pages 2000] [--per-page 20] [--concurrency 8] [--repeat 1]

A generated portal of `--pages` articles (news items in the style of the provincial
portals, each citing plans, directives and resolutions by number, so the extractor does
real work) plus its paginated listing is served on 127.0.0.1 by `crawlers.localsite`.
Each measured crawl runs in its own process (Scrapy's reactor runs once per process),
with the same download settings (no delay, no AutoThrottle, `--concurrency` per domain):

- scrapy alone: the same PortalSpider, no item pipelines, no bookkeeping, no WARC;
- vanban crawl: `crawlers.runner.run_crawl` as `vanban crawl --start-url` runs it
  (text -> change check -> extractor -> SQLite store -> seen-set, WARC archive);
- vanban crawl --no-warc: the same without the archive.

Prints figures; never fails on a machine's speed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PROVINCE = "Quảng Trị"

# the same download settings for every row
def download_settings(concurrency: int) -> dict:
    return {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 2 * concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency, "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "WARNING",
            "RETRY_BACKOFF_BASE": 0.2}


# -- the generated portal --------------------------------------------------------------

_BODIES = ["Ủy ban nhân dân", "Sở Nội vụ", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Ban Dân vận Tỉnh ủy",
           "Sở Tài nguyên và Môi trường", "Sở Giáo dục và Đào tạo", "Sở Y tế"]
_DISTRICTS = ["Cam Lộ", "Gio Linh", "Hải Lăng", "Triệu Phong", "Vĩnh Linh", "Hướng Hóa", "Đakrông", "Cồn Cỏ"]
_TOPICS = ["cải cách hành chính", "chuyển đổi số", "công tác dân vận chính quyền", "phòng chống thiên tai",
           "xây dựng nông thôn mới", "bảo vệ môi trường", "phát triển du lịch", "an toàn giao thông"]
_CENTRAL = [("Chỉ thị", "33/CT-TTg", "26/11/2021", "Thủ tướng Chính phủ"),
            ("Nghị quyết", "25-NQ/TW", "03/6/2013", "Ban Chấp hành Trung ương Đảng"),
            ("Nghị định", "59/2023/NĐ-CP", "14/8/2023", "Chính phủ"),
            ("Kết luận", "43-KL/TW", "07/01/2019", "Ban Bí thư"),
            ("Quyết định", "1234/QĐ-TTg", "10/10/2022", "Thủ tướng Chính phủ")]


def _article(i: int, rng: random.Random) -> tuple[str, str, str, str]:
    """(slug, title, date dd/mm/yyyy, body html) of news item `i`."""
    district, topic = rng.choice(_DISTRICTS), rng.choice(_TOPICS)
    kind, number, signed, issuer = rng.choice(_CENTRAL)
    plan = f"{100 + i}/KH-UBND"
    guide = f"{rng.randint(10, 900)}/HD-{rng.choice(['SNV', 'STP', 'SYT'])}"
    amended = f"{rng.randint(100, 3000)}/QĐ-UBND"
    day, month = 1 + i % 28, 1 + i % 12
    date = f"{day:02d}/{month:02d}/2025"
    title = f"Huyện {district} triển khai Kế hoạch số {plan} về {topic} năm 2025"
    paras = [
        f"Ngày {day}/{month}/2025, Ủy ban nhân dân huyện {district} ban hành Kế hoạch số {plan} về {topic} "
        f"trên địa bàn huyện trong năm 2025.",
        f"Kế hoạch được xây dựng nhằm triển khai thực hiện {kind} số {number} ngày {signed} của {issuer} "
        f"và các văn bản chỉ đạo của tỉnh về {topic}.",
        f"Căn cứ Hướng dẫn số {guide} của {rng.choice(_BODIES)} tỉnh, các phòng, ban chuyên môn của huyện "
        f"xây dựng kế hoạch chi tiết, phân công cán bộ phụ trách và báo cáo kết quả định kỳ hằng quý.",
        f"Kế hoạch thay thế Quyết định số {amended} của Ủy ban nhân dân huyện về cùng nội dung; "
        f"các xã, thị trấn rà soát, điều chỉnh chương trình công tác cho phù hợp.",
        f"Trong năm, huyện phấn đấu hoàn thành {rng.randint(5, 30)} nhiệm vụ trọng tâm, tổ chức "
        f"{rng.randint(2, 12)} hội nghị đối thoại với Nhân dân và kiểm tra tại {rng.randint(3, 15)} xã.",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện theo dõi, đôn đốc việc thực hiện, "
        "tổng hợp khó khăn, vướng mắc để kịp thời đề xuất hướng xử lý.",
    ]
    body = "\n".join(f"  <p>{html.escape(p)}</p>" for p in paras)
    return f"tin-{i:05d}-trien-khai-ke-hoach-{100 + i}", title, date, body


def _page(title: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<title>{html.escape(title)} - Cổng thông tin điện tử huyện</title></head>
<body>
<div id="banner"><a href="/index.html">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH QUẢNG TRỊ</a></div>
<ul id="menu"><li><a href="/index.html">Trang chủ</a></li><li><a href="/tin-tuc/index.html">Tin tức - Sự kiện</a></li></ul>
<div id="main">
{main}
</div>
<div id="footer"><p>Cơ quan chủ quản: Ủy ban nhân dân tỉnh Quảng Trị.</p><p>Ghi rõ nguồn khi phát hành lại thông tin.</p></div>
</body></html>
"""


def build_site(root: Path, pages: int, per_page: int, seed: int = 7) -> dict:
    """Write `pages` articles and their listing under `root`; returns counts."""
    rng = random.Random(seed)
    (root / "tin-tuc").mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /quan-tri/\n", encoding="utf-8")
    items = []
    for i in range(1, pages + 1):
        slug, title, date, body = _article(i, rng)
        items.append((slug, title, date))
        related = "".join(f'<li><a href="/tin-tuc/{s}.html">{html.escape(t)}</a></li>' for s, t, _ in items[-4:-1])
        main = f"""<h1 class="title-news">{html.escape(title)}</h1>
<div class="news-date">Đăng ngày {date.replace('/', ' - ')}</div>
<div class="news-content">
{body}
  <p>Văn phòng HĐND và UBND huyện</p>
</div>
<div class="tin-lien-quan"><h3>Tin liên quan</h3><ul>{related}</ul></div>"""
        (root / "tin-tuc" / f"{slug}.html").write_text(_page(title, main), encoding="utf-8")
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)]
    for n, chunk in enumerate(chunks, 1):
        rows = "\n".join(f'<div class="news-item"><a href="/tin-tuc/{s}.html">{html.escape(t)}</a> '
                         f'<span class="news-date">{d}</span></div>' for s, t, d in chunk)
        window = range(max(1, n - 3), min(len(chunks), n + 3) + 1)
        links = " ".join(f"<span>{k}</span>" if k == n else
                         f'<a href="/tin-tuc/{"index" if k == 1 else f"trang-{k}"}.html">{k}</a>' for k in window)
        nxt = f' <a class="next" href="/tin-tuc/trang-{n + 1}.html">Trang sau »</a>' if n < len(chunks) else ""
        main = f'<h2>Tin tức - Sự kiện</h2>\n<div class="list-news">\n{rows}\n</div>\n<div class="paging">{links}{nxt}</div>'
        name = "index.html" if n == 1 else f"trang-{n}.html"
        (root / "tin-tuc" / name).write_text(_page("Tin tức - Sự kiện", main), encoding="utf-8")
    (root / "index.html").write_text(_page("Trang chủ", '<p><a href="/tin-tuc/index.html">Xem tất cả tin tức</a></p>'),
                                     encoding="utf-8")
    return {"articles": pages, "listings": len(chunks)}


# -- one measured crawl (child process) --------------------------------------------------

def _cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def child(mode: str, start_url: str, db: str, concurrency: int) -> dict:
    """Run one crawl in this process; returns {elapsed, cpu, responses, stored}."""
    sys.path.insert(0, str(ROOT))
    # imports first, so the CPU figure is the crawl's
    import crawlers.pipelines, crawlers.runner, crawlers.spiders.portal, crawlers.textual  # noqa: E401, F401
    import extract, graph, scrapy.crawler, trafilatura, warcio  # noqa: E401, F401

    cpu = _cpu()
    result = _crawl(mode, start_url, db, concurrency)
    # the crawler process's CPU seconds: what the pipeline costs whatever the server's speed
    result["cpu"] = _cpu() - cpu
    return result


def _crawl(mode: str, start_url: str, db: str, concurrency: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    settings = download_settings(concurrency)
    if mode in ("vanban", "vanban-nowarc"):
        from crawlers.runner import run_crawl

        report = run_crawl(start_url=start_url, province=PROVINCE, db=db, progress=0,
                           warc=mode == "vanban", overrides=settings)
        return {"elapsed": report.elapsed, "responses": report.fetched, "stored": report.new,
                "failed": report.failed}
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    from crawlers.spiders.portal import PortalSpider

    project = get_project_settings()
    project.setdict({**settings, "ITEM_PIPELINES": {}, "EXTENSIONS": {"crawlers.extensions.CrawlBook": None},
                     "VANBAN_WARC": False,
                     "DOWNLOADER_MIDDLEWARES": {"crawlers.middlewares.WarcArchiveMiddleware": None,
                                                "crawlers.middlewares.IncrementalMiddleware": None}},
                    priority="cmdline")
    process = CrawlerProcess(project)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, start_url=start_url, province=PROVINCE)
    started = time.monotonic()
    process.start()
    elapsed = time.monotonic() - started
    return {"elapsed": elapsed, "responses": crawler.stats.get_value("response_received_count", 0),
            "stored": 0, "items": crawler.stats.get_value("item_scraped_count", 0)}


def measure(mode: str, start_url: str, workdir: Path, concurrency: int) -> dict:
    db = workdir / f"{mode}-{time.monotonic_ns()}.sqlite"
    proc = subprocess.run([sys.executable, __file__, "--child", mode, "--start-url", start_url, "--db", str(db),
                           "--concurrency", str(concurrency)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} crawl failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="articles on the generated portal")
    parser.add_argument("--per-page", type=int, default=20, help="articles per listing page")
    parser.add_argument("--concurrency", type=int, default=8, help="requests at a time to the portal")
    parser.add_argument("--repeat", type=int, default=1, help="measure each row this many times (best kept)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--start-url", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.start_url, args.db, args.concurrency)))
        return

    sys.path.insert(0, str(ROOT))
    from crawlers.localsite import LocalSite

    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        tmp = Path(tmp)
        counts = build_site(tmp / "site", args.pages, args.per_page)
        with LocalSite(tmp / "site") as site:
            start_url = site.url("/tin-tuc/index.html")
            print(f"site: {counts['articles']} articles + {counts['listings']} listing pages on {site.base}, "
                  f"{args.concurrency} requests at a time")
            rows = {}
            for mode in ("scrapy", "vanban", "vanban-nowarc"):
                best = None
                for _ in range(args.repeat):
                    result = measure(mode, start_url, tmp, args.concurrency)
                    if best is None or result["elapsed"] < best["elapsed"]:
                        best = result
                rows[mode] = best
    base = rows["scrapy"]["responses"] / rows["scrapy"]["elapsed"]
    labels = {"scrapy": "scrapy alone (no extract/store/WARC)", "vanban": "vanban crawl (extract+store+WARC)",
              "vanban-nowarc": "vanban crawl --no-warc"}
    base_cpu = rows["scrapy"]["cpu"] / rows["scrapy"]["responses"]
    print(f"{'row':40} {'responses':>9} {'stored':>7} {'seconds':>8} {'pages/s':>8} {'vs scrapy':>9} "
          f"{'CPU ms/page':>11} {'vs scrapy':>9}")
    for mode, r in rows.items():
        rate = r["responses"] / r["elapsed"]
        cpu = r["cpu"] / r["responses"]
        print(f"{labels[mode]:40} {r['responses']:9d} {r['stored']:7d} {r['elapsed']:8.1f} {rate:8.1f} "
              f"{base / rate:8.2f}x {1000 * cpu:11.2f} {cpu / base_cpu:8.2f}x")
    print("pages/s ratio = Scrapy alone over the row (the pipeline's overhead end to end; 1.00x = none);\n"
          "CPU ratio = the crawler process's CPU per page over Scrapy alone's (independent of the server's speed)")


if __name__ == "__main__":
    main()

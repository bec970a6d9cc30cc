"""A crawl (run as `python -m tests.crawlers.slowparse DB`) whose one attachment takes as
long to read as it takes the crawl to fetch another page: the parse waits until the
server has served a page requested after the parse began. If parsing ran on the
reactor, that request could not even be sent until the parse ended. Prints the events
and the report as JSON on the last line of stdout.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

from crawlers.localsite import LocalSite, Reply
from tests.crawlers import sitekit

LATER_PATH = "/tin-tuc/bai-viet-hoi-sau-khi-doc-tep.html"
SLOW_NAME = "ke-hoach-doc-cham.docx"
WAIT_S = 30.0  # a bound for the failure case only: a stalled reactor never sets the event

events: list[str] = []
later_served = threading.Event()


class Hook:
    """An extension that hands the crawler to the patched reader."""

    crawler = None

    @classmethod
    def from_crawler(cls, crawler):
        cls.crawler = crawler
        return cls()


def _patch_reader() -> None:
    import crawlers.pipelines as pipelines

    original = pipelines.page_text

    def slow_page_text(body, *, url, **kwargs):
        if url.endswith(SLOW_NAME):
            from twisted.internet import reactor

            events.append("parse started")
            spider = Hook.crawler.spider
            request = spider._article(site.url(LATER_PATH), "Bài viết hỏi sau khi đọc tệp")
            reactor.callFromThread(Hook.crawler.engine.crawl, request)
            events.append("later page served during the parse" if later_served.wait(WAIT_S) else
                          "parse stalled the downloads")
        result = original(body, url=url, **kwargs)
        if url.endswith(SLOW_NAME):
            events.append("parse ended")
        return result

    pipelines.page_text = slow_page_text


def build(root: Path) -> LocalSite:
    article = sitekit.Article("ke-hoach-co-tep-doc-cham", "UBND tỉnh ban hành kế hoạch kèm tệp đọc rất chậm",
                              "02/06/2025", ["Kế hoạch số 124/KH-UBND triển khai Chỉ thị số 33/CT-TTg.",
                                             "Các sở, ngành thực hiện theo kế hoạch."], (SLOW_NAME,))
    later = sitekit.Article("bai-viet-hoi-sau-khi-doc-tep", "Bài viết hỏi sau khi đọc tệp", "03/06/2025",
                            ["Sở Nội vụ hướng dẫn thực hiện Kế hoạch số 124/KH-UBND của UBND tỉnh.",
                             "Các đơn vị báo cáo kết quả trước ngày 15/12/2025."])
    sitekit.build_site(root, [article], faults=False)
    (root / "files" / SLOW_NAME).write_bytes(sitekit.make_docx(sitekit.DOCX_PARAS))
    page = sitekit.article_html(later, []).encode()

    def later_route(handler):
        later_served.set()
        return Reply(200, page, {"Content-Type": "text/html; charset=utf-8"})

    return LocalSite(root, {LATER_PATH: later_route}).start()


def main(db: Path) -> None:
    global site
    from crawlers.runner import run_crawl

    site = build(db.parent / "site")
    _patch_reader()
    report = run_crawl(start_url=site.url("/tin-tuc/index.html"), province=sitekit.PROVINCE, db=db, warc=False,
                       overrides={"EXTENSIONS": {"crawlers.extensions.CrawlBook": 100,
                                                 "tests.crawlers.slowparse.Hook": 200},
                                  "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False})
    site.stop()
    print(json.dumps({"events": events, "report": report.to_dict()}, ensure_ascii=False))


site: LocalSite | None = None

if __name__ == "__main__":
    # the extension loads this module by its name: run that copy, not __main__
    from tests.crawlers import slowparse

    slowparse.main(Path(sys.argv[1]))

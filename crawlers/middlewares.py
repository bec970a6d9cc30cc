"""Downloader middlewares: incremental requests and the WARC archive of raw responses."""

from __future__ import annotations

import os
import threading
import time
import urllib.parse
from io import BytesIO
from pathlib import Path

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawlers.extensions import crawlbook
from crawlers.failures import NotModified

__all__ = ["IncrementalMiddleware", "WarcArchiveMiddleware", "BackoffRetryMiddleware", "ScopeMiddleware",
           "RobotsTxtMiddleware"]


class IncrementalMiddleware:
    """Ask only for what may be new: conditional headers for known pages, no fetch at all
    for known articles and attachments the server gave no validators for.

    Listings are always fetched in full (they are where new items appear). Setting
    `VANBAN_RECHECK = True` fetches known pages again without validators (hash compare).
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.recheck = crawler.settings.getbool("VANBAN_RECHECK")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        book = crawlbook(self.crawler)
        if book is None or request.meta.get("dont_incremental"):
            return None
        row = book.state.page(request.url)
        if row is None:
            return None
        kind = request.meta.get("kind")
        if kind == "listing":
            # listings are where new items appear: always fetched in full (a 304 would hide
            # the categories and pages behind them)
            return None
        if row.get("etag"):
            request.headers.setdefault(b"If-None-Match", row["etag"].encode("latin-1"))
        if row.get("last_modified"):
            request.headers.setdefault(b"If-Modified-Since", row["last_modified"].encode("latin-1"))
        if kind != "listing" and not (row.get("etag") or row.get("last_modified")) and not self.recheck \
                and row.get("content_hash"):
            raise NotModified("known (no validators; not fetched again)")
        return None


class WarcArchiveMiddleware:
    """Write every 200 response, as received, to `<db>.warc/<run>-<worker>.warc.gz`.

    Each record carries the crawl context (kind, portal, province, parent, dates) in
    `Vanban-*` WARC headers so `vanban reextract` can rebuild pages without the network.
    On unless `VANBAN_WARC` is off; the folder is `VANBAN_WARC_DIR`, by default `<db>.warc`
    (so `scrapy crawl` archives as `vanban crawl` does).
    """

    def __init__(self, crawler, directory: str):
        self.crawler = crawler
        self.directory = Path(directory)
        self._writer = None
        self._file = None
        self._lock = threading.Lock()
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("VANBAN_WARC"):
            raise NotConfigured("VANBAN_WARC is off")
        directory = settings.get("VANBAN_WARC_DIR")
        if not directory:
            from crawlers.state import state_paths

            db = settings.get("VANBAN_DB")
            if not db:
                from graph.store import default_db_path

                db = default_db_path()
            directory = state_paths(db)["warc"]
        return cls(crawler, directory)

    def _open(self):
        from warcio.warcwriter import WARCWriter

        self.directory.mkdir(parents=True, exist_ok=True)
        book = crawlbook(self.crawler)
        run = book.state.run_id if book else "run"
        worker = (book.state.worker if book else str(os.getpid())).replace(":", "-").replace("/", "-")
        self.path = self.directory / f"{run}-{worker}.warc.gz"
        self._file = open(self.path, "ab")
        self._writer = WARCWriter(self._file, gzip=True)

    def process_response(self, request, response, spider=None):
        if response.status != 200:
            return response
        from warcio.statusandheaders import StatusAndHeaders

        with self._lock:
            if self._writer is None:
                self._open()
            headers = [(k.decode("latin-1"), b", ".join(v).decode("latin-1")) for k, v in response.headers.items()]
            http_headers = StatusAndHeaders(f"{response.status} OK", headers, protocol="HTTP/1.1")
            meta = request.meta
            extra = {"Vanban-Kind": meta.get("kind") or "", "Vanban-Portal": meta.get("portal") or "",
                     "Vanban-Province": meta.get("province") or "",
                     "Vanban-Parent": meta.get("parent_url") or "",
                     "Vanban-Title-Hint": meta.get("title_hint") or "",
                     "Vanban-Published-Hint": meta.get("published_hint") or ""}
            # WARC headers are latin-1 on the wire: percent-encode the rest
            extra = {k: _latin1_safe(v) for k, v in extra.items() if v}
            record = self._writer.create_warc_record(response.url, "response", payload=BytesIO(response.body),
                                                     http_headers=http_headers, warc_headers_dict=extra)
            self._writer.write_record(record)
            self._file.flush()
        return response

    def spider_closed(self, spider):
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
                self._writer = None


def _latin1_safe(value: str) -> str:
    import urllib.parse

    return urllib.parse.quote(str(value), safe=" /:?&=#%.,;()-_'\"[]@!$*+")


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, each one waited for: RETRY_BACKOFF_BASE * 2**(n-1) seconds, at
    most RETRY_BACKOFF_MAX (a struggling portal gets time to recover). Replaces
    scrapy.downloadermiddlewares.retry.RetryMiddleware at the same place."""

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 30.0)

    def _retry(self, request, reason):
        retry = super()._retry(request, reason)
        if retry is not None and self.base > 0:
            n = retry.meta.get("retry_times", 1)
            retry.meta["backoff_delay"] = min(self.cap, self.base * 2 ** (n - 1))
        return retry

    async def process_request(self, request, spider=None):
        delay = request.meta.pop("backoff_delay", 0)
        if delay:
            import asyncio

            await asyncio.sleep(delay)
        return None


class RedirectLoopMiddleware:
    """Report a redirect that returns to a URL of its own chain as a failure ("redirect
    loop") instead of letting the dupefilter swallow it silently. Sits before Scrapy's
    RedirectMiddleware in the response path."""

    def process_response(self, request, response, spider=None):
        if response.status in (301, 302, 303, 307, 308) and b"Location" in response.headers:
            from scrapy.exceptions import IgnoreRequest

            location = response.headers[b"Location"].decode("latin-1")
            target = urllib.parse.urldefrag(urllib.parse.urljoin(request.url, location))[0]
            chain = set(request.meta.get("redirect_urls", [])) | {request.url}
            if target in chain:
                raise IgnoreRequest(f"redirect loop: {target} redirects back")
        return response


class ScopeMiddleware:
    """Refuse every request off the spider's profile hosts (`crawlers.scope`): seeds,
    links and redirects alike, judged by the host Scrapy would connect to. Scrapy's own
    OffsiteMiddleware admits every subdomain and port of an allowed domain."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        profile = getattr(self.crawler.spider, "profile", None)
        if profile is not None and request.url not in profile.scope:
            host = urllib.parse.urlsplit(request.url).netloc
            raise IgnoreRequest(f"out of scope: {host}")
        return None


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with RFC 9309 section 2.3.1.4: a robots.txt that
    answers 5xx (after the retries) means complete disallow until it answers. Scrapy
    parses the error page and allows everything. The host's robots.txt is asked for
    again once `VANBAN_ROBOTS_RECHECK` seconds have passed since."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.recheck = crawler.settings.getfloat("VANBAN_ROBOTS_RECHECK")
        self._unavailable: dict[str, tuple[int, float]] = {}  # netloc -> (status, when)

    async def robot_parser(self, request):
        netloc = urllib.parse.urlsplit(request.url).netloc
        seen = self._unavailable.get(netloc)
        if seen is not None and time.monotonic() - seen[1] >= self.recheck \
                and not hasattr(self._parsers.get(netloc), "addCallback"):
            del self._unavailable[netloc]
            self._parsers.pop(netloc, None)
        return await super().robot_parser(request)

    def process_request_2(self, rp, request):
        seen = self._unavailable.get(urllib.parse.urlsplit(request.url).netloc)
        if seen is not None:
            self._stats.inc_value("robotstxt/forbidden")
            raise IgnoreRequest(f"robots.txt unavailable (HTTP {seen[0]}): complete disallow")
        super().process_request_2(rp, request)

    async def _parse_robots(self, response, netloc, request):
        if response.status >= 500:
            self._unavailable[netloc] = (response.status, time.monotonic())
        await super()._parse_robots(response, netloc, request)

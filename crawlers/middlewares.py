"""Downloader middlewares: incremental requests and the WARC archive of raw responses."""

from __future__ import annotations

import os
import threading
import urllib.parse
from io import BytesIO
from pathlib import Path

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured

from crawlers.failures import NotModified

__all__ = ["IncrementalMiddleware", "WarcArchiveMiddleware", "BackoffRetryMiddleware"]


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
        book = getattr(self.crawler, "crawlbook", None)
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
    Disabled when `VANBAN_WARC_DIR` is empty.
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
        directory = crawler.settings.get("VANBAN_WARC_DIR")
        if not directory:
            raise NotConfigured("no VANBAN_WARC_DIR")
        return cls(crawler, directory)

    def _open(self):
        from warcio.warcwriter import WARCWriter

        self.directory.mkdir(parents=True, exist_ok=True)
        book = getattr(self.crawler, "crawlbook", None)
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

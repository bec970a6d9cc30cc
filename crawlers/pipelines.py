"""Item pipelines, one step each: text -> change check -> extractor -> store -> bookkeeping.

Items are dicts with `type`: "page" (a fetched body to process), "listing" (a listing
page's validators, for the seen-set) or "outcome" (unchanged / failed, with a reason).
A step that fails sets `outcome = "failed"` and a reason; later steps pass such items
through, and the last one records every outcome. A page enters the seen-set only after
the store committed it, so an interrupted run loses nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from crawlers.extensions import crawlbook
from crawlers.limits import ParseLimits
from crawlers.state import utcnow
from crawlers.textual import NotReadable, page_text

__all__ = ["TextPipeline", "ChangePipeline", "ExtractPipeline", "StorePipeline", "BookPipeline",
           "build_record", "content_hash", "read_page", "fill_page_item", "extract_item"]


def content_hash(text: str) -> str:
    """sha256 hex of the page text (what `content_hash` means in the record)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _pending(item) -> bool:
    return item.get("type") == "page" and not item.get("outcome")


class _WorkerPool:
    """A few worker threads for CPU-bound steps, off the reactor. Our own pool: the
    reactor's is also Scrapy's DNS resolver, which a busy parse must not starve."""

    def __init__(self, name: str, threads: int):
        self.name, self.threads, self._pool = name, max(1, threads), None

    def start(self) -> None:
        from twisted.python.threadpool import ThreadPool

        self._pool = ThreadPool(minthreads=0, maxthreads=self.threads, name=self.name)
        self._pool.start()

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.stop()
            self._pool = None

    def run(self, func, *args):
        """A Deferred of `func(*args)` run in a worker thread."""
        from twisted.internet import reactor, threads

        return threads.deferToThreadPool(reactor, self._pool, func, *args)


def read_page(body: bytes, item: dict, profile=None, limits: ParseLimits = ParseLimits()):
    """The text of a page item's body: a PageText, or the reason it cannot be read.

    Pure (no crawl state): the crawl runs it in a worker thread, `vanban reextract`
    in its loop."""
    try:
        return page_text(body, url=item["url"], content_type=item.get("content_type"), profile=profile,
                         expect=item.get("expect"), limits=limits)
    except NotReadable as exc:
        return exc.reason
    except Exception as exc:  # a parser bug on one page must not stop the crawl
        return f"text extraction error ({type(exc).__name__})"


def fill_page_item(item: dict, result, parent_published: str | None = None) -> dict:
    """Set a page item's `text`, `source`, `page_title`, `published`, `notes` from what
    `read_page` gave (or its failure). The one rule for the crawl and the replay:
    an attachment takes its link's text as title, and is published when the page that
    links it is (`published_hint`, else `parent_published`), its own text's date last;
    an article's hint (none today) wins over its own date, which wins over its URL's."""
    if isinstance(result, str):
        item["outcome"], item["reason"] = "failed", result
        return item
    attachment = item.get("kind") == "attachment"
    item["text"] = result.text
    item["source"] = result.source
    item["page_title"] = (item.get("title_hint") if attachment and item.get("title_hint") else None) \
        or result.title or item.get("title_hint")
    if attachment:
        item["published"] = item.get("published_hint") or parent_published or result.published
    else:
        # the date the URL carries (SharePoint's /Pages/YYYY-M-D/) only when the page gives none
        item["published"] = item.get("published_hint") or result.published or item.get("url_date")
    item["notes"] = list(result.notes)
    return item


class TextPipeline:
    """Body bytes -> `text`, `page_title`, `published`, `source` (HTML, PDF or DOCX).

    Attachments and pages of `VANBAN_PARSE_INLINE_BYTES` or more are read in a small pool of
    worker threads (`VANBAN_PARSE_THREADS`), not on the reactor: a 60,000-page PDF or a zip
    bomb must not stall the downloads; an ordinary page is read at once. The
    bookkeeping around it (parent dates, the crawl state) stays on the reactor thread.

    An attachment is published when the article that links it is: its `published` is
    the parent page's date (seen in this run, or recorded by an earlier one), and only
    without a parent date the date its own text gives. An attachment whose article is
    still being read waits for it.
    """

    remembered_dates = 10_000  # parent dates kept in memory; older ones come from the crawl state

    def __init__(self, crawler):
        self.crawler = crawler
        self._published: dict[str, str] = {}
        self._reading: dict[str, list] = {}  # article URL -> Deferreds of attachments waiting for its date
        self.limits = ParseLimits.from_settings(crawler.settings)
        self.pool = _WorkerPool("vanban-parse", crawler.settings.getint("VANBAN_PARSE_THREADS"))
        self.inline_bytes = crawler.settings.getint("VANBAN_PARSE_INLINE_BYTES")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.pool.start()

    def close_spider(self, spider=None):
        self.pool.stop()

    def process_item(self, item, spider=None):
        if not _pending(item):
            return item
        profile = getattr(self.crawler.spider, "profile", None)
        body = item.pop("body", b"")
        if item.get("kind") != "attachment":
            self._reading.setdefault(item["url"], [])
        if item.get("kind") != "attachment" and len(body) < self.inline_bytes:
            # an ordinary page reads faster than a thread hop costs
            return self._filled(read_page(body, item, profile, self.limits), item)
        d = self.pool.run(read_page, body, item, profile, self.limits)
        d.addCallback(self._filled, item)
        return d

    def _filled(self, result, item):
        from twisted.internet import defer

        if item.get("kind") != "attachment":
            fill_page_item(item, result)
            if item.get("published"):
                self._remember(item["url"], item["published"])
            for waiting in self._reading.pop(item["url"], []):
                waiting.callback(None)
            return item
        parent = item.get("parent_url")
        if parent in self._reading and not item.get("published_hint"):
            waiting = defer.Deferred()
            self._reading[parent].append(waiting)
            return waiting.addCallback(lambda _: fill_page_item(item, result, self._parent_published(parent)))
        return fill_page_item(item, result, self._parent_published(parent))

    def _remember(self, url: str, published: str) -> None:
        if len(self._published) >= self.remembered_dates:
            self._published.pop(next(iter(self._published)))  # oldest first
        self._published[url] = published

    def _parent_published(self, parent_url: str | None) -> str | None:
        """The publication date of the page that links an attachment, if known."""
        if not parent_url:
            return None
        if parent_url in self._published:
            return self._published[parent_url]
        book = crawlbook(self.crawler)
        return book.state.published(parent_url) if book else None


class ChangePipeline:
    """Hash the text; a page whose hash is already recorded becomes `unchanged`."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        if not _pending(item):
            return item
        item["content_hash"] = content_hash(item["text"])
        book = crawlbook(self.crawler)
        previous = book.state.content_hash(item["url"]) if book else None
        if previous is None:
            storing = self.crawler.get_item_pipeline(StorePipeline)
            store = storing.store if storing is not None else None
            previous = store.page_hash(item["url"]) if store is not None else None
        if previous == item["content_hash"]:
            item["outcome"], item["reason"] = "unchanged", "same content hash"
        else:
            item["change"] = "changed" if previous else "new"
        return item


class ExtractPipeline:
    """Run the extractor on the text, in a worker thread (a long page must not stall the
    downloads); the result's dict goes to `extraction`."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.pool = _WorkerPool("vanban-extract", crawler.settings.getint("VANBAN_PARSE_THREADS"))
        self.inline_bytes = crawler.settings.getint("VANBAN_PARSE_INLINE_BYTES")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.pool.start()

    def close_spider(self, spider=None):
        self.pool.stop()

    def process_item(self, item, spider=None):
        if not _pending(item):
            return item
        if item.get("kind") != "attachment" and len(item["text"]) < self.inline_bytes:
            return extract_item(item)
        return self.pool.run(extract_item, item)


def extract_item(item: dict) -> dict:
    """Set a page item's `extraction` (the extractor's record), or its failure."""
    from extract import extract_page

    try:
        result = extract_page(item["text"], province=item.get("province"), url=item.get("url"))
    except Exception as exc:
        item["outcome"], item["reason"] = "failed", f"extractor error ({type(exc).__name__})"
        return item
    item["extraction"] = result.to_dict()
    return item


def build_record(item: dict, crawled: str | None = None) -> dict:
    """The extraction record (contract: extract + crawler page metadata) for one page item."""
    extraction = item.get("extraction") or {"subject": None, "references": [], "laws": [], "relations": []}
    return {"path": None, "url": item["url"], "province": item.get("province"), "portal": item.get("portal"),
            "published": item.get("published"), "crawled": crawled or utcnow(),
            "content_hash": item.get("content_hash"), "page_title": item.get("page_title"),
            "source": item.get("source"), **extraction}


class StorePipeline:
    """Upsert the record into the graph store (`VANBAN_DB`) and/or append it to a JSONL
    file (`VANBAN_JSONL`). One transaction per page, done by the store."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.db = crawler.settings.get("VANBAN_DB")
        self.use_store = crawler.settings.getbool("VANBAN_STORE", True)
        self.jsonl_path = crawler.settings.get("VANBAN_JSONL")
        self.store = None
        self.jsonl = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        if self.use_store:
            try:
                from graph import open_store
            except ImportError:  # older graph package layout
                from graph.store import open_store

            book = crawlbook(self.crawler)
            self.store = open_store(db=self.db or (book.db if book else None))
        if self.jsonl_path:
            Path(self.jsonl_path).parent.mkdir(parents=True, exist_ok=True)
            self.jsonl = open(self.jsonl_path, "a", encoding="utf-8")

    def close_spider(self, spider=None):
        if self.store is not None:
            self.store.close()
        if self.jsonl is not None:
            self.jsonl.close()

    def process_item(self, item, spider=None):
        if not _pending(item):
            return item
        record = build_record(item)
        try:
            if self.store is not None:
                self.store.upsert_page(record)
            if self.jsonl is not None:
                self.jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
                self.jsonl.flush()
        except Exception as exc:
            item["outcome"], item["reason"] = "failed", f"store error ({type(exc).__name__})"
            return item
        item["outcome"] = item.pop("change", "new")
        item["stored"] = True
        item["record"] = record
        return item


class BookPipeline:
    """Last step: seen-set and outcome of every item (what the crawl report counts)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        book = crawlbook(self.crawler)
        kind = item.get("type")
        if book is None:
            return _feed_item(item)
        url = item["url"]
        if kind == "links":
            book.state.record_attachments(url, item["attachments"])
            return _feed_item(item)
        if kind == "listing":
            book.state.record_page(url, kind="listing", portal=item.get("portal"), etag=item.get("etag"),
                                   last_modified=item.get("last_modified"))
            return _feed_item(item)
        outcome = item.get("outcome") or "failed"
        if outcome in ("new", "changed", "unchanged") and kind == "page":
            book.state.record_page(url, kind=item.get("kind") or "article", portal=item.get("portal"),
                                   etag=item.get("etag"), last_modified=item.get("last_modified"),
                                   content_hash=item.get("content_hash"), published=item.get("published"),
                                   changed=outcome == "changed")
        for note in item.get("notes") or ():
            book.count(url, "note", note)
        if kind == "outcome" and item.get("kind") == "listing":
            # listings are the crawl's means, not its results: only their failures count
            if outcome == "failed":
                book.count(url, outcome, item.get("reason"))
            return _feed_item(item)
        book.count(url, outcome, item.get("reason"))
        return _feed_item(item)


def _feed_item(item: dict) -> dict:
    """What Scrapy's feeds (`scrapy crawl -o items.jsonl`) get: a stored page's extraction
    record; bookkeeping items (listings, links, outcomes) are dropped quietly."""
    from scrapy.exceptions import DropItem

    if item.get("record") is not None:
        return item["record"]
    raise DropItem(f"bookkeeping item ({item.get('type')}, {item.get('outcome') or '-'})", log_level="DEBUG")

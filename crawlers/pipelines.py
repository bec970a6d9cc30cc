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

from crawlers.limits import ParseLimits
from crawlers.state import utcnow
from crawlers.textual import NotReadable, page_text

__all__ = ["TextPipeline", "ChangePipeline", "ExtractPipeline", "StorePipeline", "BookPipeline",
           "build_record", "content_hash"]


def content_hash(text: str) -> str:
    """sha256 hex of the page text (what `content_hash` means in the record)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _pending(item) -> bool:
    return item.get("type") == "page" and not item.get("outcome")


class TextPipeline:
    """Body bytes -> `text`, `page_title`, `published`, `source` (HTML, PDF or DOCX).

    An attachment is published when the article that links it is: its `published` is
    the parent page's date (seen in this run, or recorded by an earlier one), and only
    without a parent date the date its own text gives.
    """

    remembered_dates = 10_000  # parent dates kept in memory; older ones come from the crawl state

    def __init__(self, crawler):
        self.crawler = crawler
        self._published: dict[str, str] = {}
        self.limits = ParseLimits.from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        if not _pending(item):
            return item
        profile = getattr(self.crawler.spider, "profile", None)
        body = item.pop("body", b"")
        try:
            result = page_text(body, url=item["url"], content_type=item.get("content_type"), profile=profile,
                               expect=item.get("expect"), limits=self.limits)
        except NotReadable as exc:
            item["outcome"], item["reason"] = "failed", exc.reason
            return item
        except Exception as exc:  # a parser bug on one page must not stop the crawl
            item["outcome"], item["reason"] = "failed", f"text extraction error ({type(exc).__name__})"
            return item
        item["text"] = result.text
        item["source"] = result.source
        item["page_title"] = result.title or item.get("title_hint")
        if item.get("kind") == "attachment" and item.get("title_hint"):
            item["page_title"] = item["title_hint"]
        if item.get("kind") == "attachment":
            item["published"] = (item.get("published_hint") or self._parent_published(item.get("parent_url"))
                                 or result.published)
        else:
            item["published"] = item.get("published_hint") or result.published
            if item["published"]:
                self._remember(item["url"], item["published"])
        item["notes"] = result.notes
        return item

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
        book = getattr(self.crawler, "crawlbook", None)
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
        book = getattr(self.crawler, "crawlbook", None)
        previous = book.state.content_hash(item["url"]) if book else None
        if previous is None:
            store = getattr(self.crawler, "vanban_store", None)
            previous = store.page_hash(item["url"]) if store is not None else None
        if previous == item["content_hash"]:
            item["outcome"], item["reason"] = "unchanged", "same content hash"
        else:
            item["change"] = "changed" if previous else "new"
        return item


class ExtractPipeline:
    """Run the extractor on the text; the result's dict goes to `extraction`."""

    def __init__(self, crawler):
        self.crawler = crawler
        self._extract = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        from extract import extract_page

        self._extract = extract_page

    def process_item(self, item, spider=None):
        if not _pending(item):
            return item
        try:
            result = self._extract(item["text"], province=item.get("province"), url=item["url"],
                                   published=item.get("published"))
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

            book = getattr(self.crawler, "crawlbook", None)
            self.store = open_store(db=self.db or (book.db if book else None))
            self.crawler.vanban_store = self.store
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
        return item


class BookPipeline:
    """Last step: seen-set and outcome of every item (what the crawl report counts)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item, spider=None):
        book = getattr(self.crawler, "crawlbook", None)
        kind = item.get("type")
        if book is None:
            return item
        url = item["url"]
        if kind == "links":
            book.state.record_attachments(url, item["attachments"])
            return item
        if kind == "listing":
            book.state.record_page(url, kind="listing", portal=item.get("portal"), etag=item.get("etag"),
                                   last_modified=item.get("last_modified"))
            return item
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
            return item
        book.count(url, outcome, item.get("reason"))
        # keep the item small for the stats/feeds: drop the text
        item.pop("text", None)
        item.pop("extraction", None)
        return item

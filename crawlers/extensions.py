"""The crawl's bookkeeping extension: run lock, run record, outcome counts, progress.

`crawlbook(crawler)` (Scrapy's `crawler.get_extension(CrawlBook)`) is the one object the
middlewares and pipelines consult for the seen-set (`book.state`) and to count outcomes
(`book.count`). Settings:
`VANBAN_DB` (the store; bookkeeping lives next to it, see crawlers.state),
`VANBAN_LOCK` (take the run lock, default True; a distributed crawl coordinates through
Redis instead), `VANBAN_PROGRESS` (seconds between progress lines on stderr, 0 = none),
`VANBAN_WORKER` (a name for this worker in the outcomes table).
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from scrapy import signals
from twisted.internet import task

from crawlers.state import CrawlLock, CrawlState, state_paths

__all__ = ["CrawlBook", "crawlbook"]

OUTCOMES = ("new", "changed", "unchanged", "failed")


class CrawlBook:
    """Open the bookkeeping for one run and keep its tallies (see module docstring)."""

    def __init__(self, crawler):
        settings = crawler.settings
        self.crawler = crawler
        db = settings.get("VANBAN_DB")
        if not db:
            from graph.store import default_db_path

            db = str(default_db_path())
        self.db = db
        paths = state_paths(db)
        self.lock = CrawlLock(paths["lock"]).acquire() if settings.getbool("VANBAN_LOCK", True) else None
        self.state = CrawlState(paths["state"], worker=settings.get("VANBAN_WORKER") or None)
        self.counts: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.notes: Counter[str] = Counter()
        self.progress_every = settings.getfloat("VANBAN_PROGRESS", 0)
        self.run_id = settings.get("VANBAN_RUN_ID") or None
        self.started = time.monotonic()
        self._loop = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        self.state.start_run(getattr(spider, "portal", spider.name), self.run_id)
        # listings may stop at known items only when the last run walked them all
        spider.incremental_stop = self.state.last_run_complete(getattr(spider, "portal", spider.name))
        if self.progress_every > 0:
            self._loop = task.LoopingCall(self.print_progress)
            self._loop.start(self.progress_every, now=False)

    def spider_closed(self, spider, reason):
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        self.state.finish_run(reason)
        self.state.close()
        if self.lock is not None:
            self.lock.release()
        if self.progress_every > 0:
            self.print_progress(final=True)

    def count(self, url: str, outcome: str, reason: str | None = None) -> None:
        """Record one URL's outcome in this run (state table and tallies)."""
        if outcome == "note":
            self.notes[reason or "?"] += 1
        else:
            self.counts[outcome] += 1
            if outcome == "failed":
                self.reasons[_reason_class(reason)] += 1
        self.state.record_outcome(url, outcome, reason)

    def print_progress(self, final: bool = False) -> None:
        """One line on stderr: elapsed time, pages fetched, outcomes so far, queue size."""
        stats = self.crawler.stats
        fetched = stats.get_value("response_received_count", 0) if stats else 0
        queued = 0
        try:
            queued = len(self.crawler.engine._slot.scheduler)  # noqa: SLF001 - progress only
        except Exception:
            pass
        elapsed = time.monotonic() - self.started
        parts = " · ".join(f"{k} {self.counts.get(k, 0)}" for k in OUTCOMES)
        word = "done" if final else "crawling"
        print(f"[{word} {elapsed:5.0f}s] fetched {fetched} · {parts} · queued {queued}",
              file=sys.stderr, flush=True)


def crawlbook(crawler) -> CrawlBook | None:
    """The run's CrawlBook extension, or None (not enabled, or asked before Scrapy built
    its extensions)."""
    try:
        return crawler.get_extension(CrawlBook)
    except RuntimeError:
        return None


def _reason_class(reason: str | None) -> str:
    """The kind of a failure reason, for the tallies ('HTTP 404', 'timeout', ...)."""
    if not reason:
        return "unknown"
    return reason.split(":", 1)[0]

"""Run one crawl in this process and return its report (what `vanban crawl` calls).

Scrapy's reactor cannot restart, so one process runs one crawl: call `run_crawl` once
(tests and `vanban run` start a process per crawl).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from crawlers.report import CrawlReport, report_for_run
from crawlers.state import CrawlLock, CrawlLocked, CrawlState, state_paths

__all__ = ["run_crawl", "crawl_settings", "CrawlLocked", "CrawlFailed"]


class CrawlFailed(RuntimeError):
    """The crawl could not open its store, or stopped on an error of its own (not a page's)."""


def crawl_settings(*, db: str | Path, redis_url: str | None = None, progress: float = 0,
                   recheck: bool = False, warc: bool = True, store: bool = True, jsonl: str | None = None,
                   overrides: dict | None = None) -> dict:
    """The per-run settings on top of crawlers.settings."""
    settings = {"VANBAN_DB": str(db), "VANBAN_PROGRESS": progress, "VANBAN_RECHECK": recheck,
                "VANBAN_WARC": warc, "VANBAN_STORE": store,
                "VANBAN_JSONL": jsonl, "LOG_LEVEL": "WARNING"}
    if redis_url:
        from crawlers.distributed import redis_settings

        settings.update(redis_settings(redis_url))
    settings.update(overrides or {})
    return settings


def run_crawl(*, site: str | None = None, start_url: str | None = None, province: str | None = None,
              db: str | Path | None = None, redis_url: str | None = None, progress: float = 0,
              recheck: bool = False, warc: bool = True, store: bool = True, jsonl: str | None = None,
              max_nav_depth: int = 2, overrides: dict | None = None, profile: str | None = None,
              hosts: list[str] | None = None) -> CrawlReport:
    """Crawl a bundled portal (`site`) or any site (`start_url`) into the store at `db`.

    `start_url` with `site` crawls that profile from another address (a mirror, the
    offline sample). `profile` is a profile JSON file outside the package; `hosts`
    replaces the profile's hosts (crawlers.scope). Raises CrawlLocked when another crawl holds this store's lock, and
    crawlers.distributed.FrontierUnavailable when `redis_url` does not answer.
    Returns the run's report (new / changed / unchanged / failed with reasons).
    """
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings
    import os

    if not site and not start_url and not profile:
        raise ValueError("give a site key, a profile file or a start URL")
    if hosts:
        from crawlers.scope import Scope

        Scope(tuple(hosts))  # ValueError for an entry that is no host, before anything starts
    if db is None:
        from graph.store import default_db_path

        db = default_db_path()
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    run_id = time.strftime("%Y%m%dT%H%M%S-") + os.urandom(3).hex()
    if redis_url:
        from crawlers.distributed import check_redis

        check_redis(redis_url)  # FrontierUnavailable before Scrapy starts, with a clear message
    else:
        # fail before Scrapy starts, with a clear message (the extension takes the lock for real)
        CrawlLock(state_paths(db)["lock"]).acquire().release()
    _check_store(db)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    settings = get_project_settings()
    settings.setdict(crawl_settings(db=db, redis_url=redis_url, progress=progress, recheck=recheck, warc=warc,
                                    store=store, jsonl=jsonl, overrides=overrides), priority="cmdline")
    settings.set("VANBAN_RUN_ID", run_id, priority="cmdline")
    if redis_url:
        settings.set("VANBAN_LOCK", False, priority="cmdline")
    settings.set("LOG_INSTALL_ROOT_HANDLER", True, priority="cmdline")
    process = CrawlerProcess(settings)
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL"))
    from crawlers.spiders.portal import PortalSpider
    from crawlers.spiders.sites import SITE_SPIDERS

    if site:
        if site not in SITE_SPIDERS:
            raise KeyError(f"no portal profile {site!r}; known: {', '.join(sorted(SITE_SPIDERS))}")
        spider_cls = SITE_SPIDERS[site]
    else:
        spider_cls = PortalSpider
    crawler = process.create_crawler(spider_cls)
    started = time.monotonic()
    errors: list[BaseException] = []
    # an error that stops the crawl itself (a pipeline that cannot open, say) ends the
    # crawl Deferred: keep it for a clear message instead of Twisted's "Unhandled error"
    spider_args = {"start_url": start_url, "province": province, "max_nav_depth": max_nav_depth, "hosts": hosts}
    if profile:
        from crawlers.profiles import load_profile

        spider_args["profile"] = load_profile(profile)  # KeyError with a clear message
    process.crawl(crawler, **spider_args).addErrback(lambda failure: errors.append(failure.value))
    process.start()
    if errors:
        exc = errors[0]
        raise CrawlFailed(f"the crawl stopped: {type(exc).__name__}: {exc}") from exc
    elapsed = time.monotonic() - started
    state = CrawlState(state_paths(db)["state"])
    try:
        report = report_for_run(state, run_id)
    finally:
        state.close()
    report.elapsed = elapsed
    report.fetched = crawler.stats.get_value("response_received_count", 0) if crawler.stats else None
    if report.reason is None and crawler.stats is not None:
        report.reason = crawler.stats.get_value("finish_reason")
    return report


def _check_store(db: Path) -> None:
    """Raise CrawlFailed with a clear message unless the store and its crawl state open."""
    import sqlite3

    from graph import open_store

    try:
        open_store(db=db).close()
        CrawlState(state_paths(db)["state"]).close()
    except sqlite3.DatabaseError as exc:
        raise CrawlFailed(f"cannot open the store {db}: {exc}") from None

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

__all__ = ["run_crawl", "crawl_settings", "check_start_url", "CrawlLocked", "CrawlFailed", "StartUrlRefused"]


class CrawlFailed(RuntimeError):
    """The crawl could not open its store, or stopped on an error of its own (not a page's)."""


class StartUrlRefused(ValueError):
    """A start URL the crawl will not fetch: not an http(s) URL, or outside its hosts."""


def check_start_url(start_url: str, hosts: list[str] | None = None) -> None:
    """Raise StartUrlRefused unless the crawl can fetch `start_url` (judged as the scope
    middleware will judge it, before anything starts)."""
    from crawlers.scope import Scope, url_origin

    authority = start_url.partition("://")[2]
    for end in "/?#":
        authority = authority.split(end, 1)[0]
    # `https://evil.com\\@daklak.gov.vn/a` goes to evil.com: a disguised host is refused
    if "\\" in start_url or "@" in authority:
        raise StartUrlRefused(f"--start-url {start_url!r} is refused: user information or a "
                              "backslash in a URL hides the host it goes to")
    try:
        url_origin(start_url)
    except ValueError:
        raise StartUrlRefused(f"--start-url {start_url!r} is not an http(s) URL") from None
    if hosts and start_url not in Scope(tuple(hosts)):
        raise StartUrlRefused(f"--start-url {start_url!r} is outside the hosts the crawl may fetch "
                              f"({', '.join(hosts)})")


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
              hosts: list[str] | None = None, verbose: bool = False) -> CrawlReport:
    """Crawl a bundled portal (`site`) or any site (`start_url`) into the store at `db`.

    `start_url` with `site` crawls that profile from another address (a mirror, the
    offline sample). `profile` is a profile JSON file outside the package; `hosts`
    replaces the profile's hosts (crawlers.scope). Raises StartUrlRefused for a start URL it
    will not fetch, CrawlFailed for a store that does not open, CrawlLocked when another crawl
    holds this store's lock, and crawlers.distributed.FrontierUnavailable when `redis_url`
    does not answer; all before Scrapy starts and before anything is written. Scrapy's
    tracebacks reach the log only when `verbose` (see QuietLog).
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
    if start_url:
        check_start_url(start_url, hosts)
    from crawlers.spiders.portal import PortalSpider
    from crawlers.spiders.sites import SITE_SPIDERS

    if site:
        if site not in SITE_SPIDERS:
            raise KeyError(f"no portal profile {site!r}; known: {', '.join(sorted(SITE_SPIDERS))}")
        spider_cls = SITE_SPIDERS[site]
    else:
        spider_cls = PortalSpider
    spider_args = {"start_url": start_url, "province": province, "max_nav_depth": max_nav_depth, "hosts": hosts}
    if profile:
        from crawlers.profiles import load_profile

        spider_args["profile"] = load_profile(profile)  # KeyError with a clear message
    if db is None:
        from graph.store import default_db_path

        db = default_db_path()
    db = Path(db)
    if redis_url:
        from crawlers.distributed import check_redis

        check_redis(redis_url)  # FrontierUnavailable before Scrapy starts, with a clear message
    # the store before the lock: a store refused leaves no lock file (nor anything else) behind it
    _check_store(db)
    run_id = time.strftime("%Y%m%dT%H%M%S-") + os.urandom(3).hex()
    if not redis_url:
        # fail before Scrapy starts, with a clear message (the extension takes the lock for real)
        CrawlLock(state_paths(db)["lock"]).acquire().release()
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
    crawler = process.create_crawler(spider_cls)
    started = time.monotonic()
    errors: list[BaseException] = []
    # an error that stops the crawl itself (a pipeline that cannot open, say) ends the
    # crawl Deferred: keep it for a clear message instead of Twisted's "Unhandled error"
    quiet = QuietLog()
    if not verbose:   # the loggers of what the filter drops, before crawl() builds the middlewares
        for name in _QUIET_LOGGERS:
            logging.getLogger(name).addFilter(quiet)
    process.crawl(crawler, **spider_args).addErrback(lambda failure: errors.append(failure.value))
    from scrapy.utils.log import get_scrapy_root_handler

    handler = get_scrapy_root_handler()   # crawl() has (re)installed it by now
    if not verbose and handler is not None:   # and every record
        handler.addFilter(quiet)
    try:
        process.start()
    finally:   # the run lock is the extension's; let it go whatever stopped the crawl
        from crawlers.extensions import crawlbook

        book = crawlbook(crawler)
        if book is not None and book.lock is not None:
            book.lock.release()
    if not errors:
        quiet.release(handler)
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
        db.parent.mkdir(parents=True, exist_ok=True)
        open_store(db=db).close()
        CrawlState(state_paths(db)["state"]).close()
    except sqlite3.Error as exc:
        raise CrawlFailed(f"cannot open the store {db}: {exc}") from None
    except OSError as exc:
        raise CrawlFailed(f"cannot open the store {db}: {exc.strerror or exc}") from None


# loggers whose errors are failed downloads, which the crawl report lists with their reasons
_REPORTED_LOGGERS = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt")
# and Python's warnings (a library's RuntimeWarning, DeprecationWarning): for developers, with -v
_QUIET_LOGGERS = (*_REPORTED_LOGGERS, "scrapy.middleware", "py.warnings")


class QuietLog(logging.Filter):
    """Scrapy's log without -v: failed downloads are left to the report, Python's warnings
    and components switched off by an option are left out, and any other record is its
    first line without the traceback (`-v` shows them whole).

    Errors of signal handlers are held until the crawl ends (`release`): when the crawl
    stopped on an error of its own they are its consequences (Scrapy's stats closing a
    spider that never opened), and the crawl's one line says what happened."""

    def __init__(self):
        super().__init__()
        self.held: list[logging.LogRecord] = []
        self._releasing = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self._releasing:
            return True
        if record.name.startswith(_REPORTED_LOGGERS) and record.levelno >= logging.WARNING:
            return False
        if record.name == "scrapy.middleware" and str(record.msg).startswith("Disabled"):
            return False   # a component switched off by an option given (--no-warc)
        if record.name == "py.warnings":
            return False
        message = record.getMessage()
        first = message.strip().splitlines()[0] if message.strip() else ""
        if not first or first.startswith("Traceback"):   # Twisted logs a failure as its text
            return False
        traceback = record.exc_info or record.exc_text or record.stack_info
        if traceback or first != message:
            record.msg = f"{first} (vanban crawl -v shows the traceback)" if traceback else first
            record.args, record.exc_info, record.exc_text, record.stack_info = (), None, None, None
        if record.name == "scrapy.utils.signal" and record.levelno >= logging.ERROR:
            self.held.append(record)
            return False
        return True

    def release(self, handler: logging.Handler | None) -> None:
        """Emit the held records through `handler` (the crawl ran: they are news)."""
        self._releasing = True
        try:
            for record in self.held if handler is not None else ():
                handler.handle(record)
        finally:
            self.held, self._releasing = [], False

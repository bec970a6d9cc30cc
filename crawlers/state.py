"""The crawler's own bookkeeping, in a sidecar SQLite file next to the graph store.

`<db>.crawl.sqlite` holds:
- `pages`: the seen-set, one row per fetched URL (kind, ETag, Last-Modified,
  content hash, when first seen / last fetched / last changed);
- `runs`: one row per crawl run (spider, start, end, close reason, counts);
- `outcomes`: what happened to each URL in each run (new, changed, unchanged,
  failed + reason), the crawl report's source;
- `attachments`: each article's attachment links, so an article answered 304 still
  leads to attachments an interrupted run did not fetch;
`<db>.crawl.lock` is the run lock (an OS file lock: a killed run releases it), and
`<db>.warc/` the archive of raw responses.

A page's row is written only after the store committed it, so a run killed midway
loses nothing: the next run fetches again whatever was not recorded.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import uuid
from pathlib import Path

from graph.sqlitedb import add_missing_columns, connect_shared

__all__ = ["CrawlState", "CrawlLock", "CrawlLocked", "state_paths", "utcnow"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,            -- article | attachment | listing
    portal TEXT,
    etag TEXT,
    last_modified TEXT,
    content_hash TEXT,
    published TEXT,                -- the page's publication date (ISO), for its attachments
    first_seen TEXT NOT NULL,
    last_fetched TEXT,
    last_changed TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    spider TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS outcomes (
    run_id TEXT NOT NULL,
    url TEXT NOT NULL,
    outcome TEXT NOT NULL,         -- new | changed | unchanged | failed | note
    reason TEXT,
    worker TEXT,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outcomes_run ON outcomes(run_id);
CREATE TABLE IF NOT EXISTS attachments (  -- an article's attachment links, kept for 304 answers
    parent TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    PRIMARY KEY (parent, url)
);
"""


def utcnow() -> str:
    """The current UTC time as ISO 8601 with seconds."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def state_paths(db: str | os.PathLike) -> dict[str, Path]:
    """Where the crawl bookkeeping of the store at `db` lives: state, lock, warc."""
    db = Path(db)
    return {"state": Path(f"{db}.crawl.sqlite"), "lock": Path(f"{db}.crawl.lock"),
            "warc": Path(f"{db}.warc")}


class CrawlLocked(RuntimeError):
    """Another crawl holds the lock on this store."""


class CrawlLock:
    """An exclusive, non-blocking OS lock on a file; released on close or process death."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> "CrawlLock":
        """Take the lock or raise CrawlLocked naming the holder's pid."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise CrawlLocked(f"another crawl is running on this store (pid {holder}; lock {self.path})") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        """Let the lock go (idempotent)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "CrawlLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


class CrawlState:
    """The seen-set, runs and outcomes of crawls on one store (see module docstring)."""

    def __init__(self, path: str | os.PathLike, worker: str | None = None):
        self.path = Path(path)
        # several workers of a distributed crawl may share the file: wait, don't fail
        self.conn = connect_shared(self.path, _SCHEMA, timeout=60.0)
        add_missing_columns(self.conn, "pages", {"published": "TEXT"})  # files of earlier versions
        self.worker = worker or f"{os.uname().nodename}:{os.getpid()}"
        self.run_id: str | None = None

    # runs -------------------------------------------------------------
    def start_run(self, spider: str, run_id: str | None = None) -> str:
        """Record a new run; returns its id."""
        self.run_id = run_id or dt.datetime.now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]
        self.conn.execute("INSERT OR IGNORE INTO runs(run_id, spider, started) VALUES (?, ?, ?)",
                          (self.run_id, spider, utcnow()))
        return self.run_id

    def finish_run(self, reason: str) -> None:
        """Record how the current run ended (`finished` means it walked everything)."""
        self.conn.execute("UPDATE runs SET finished = ?, reason = ? WHERE run_id = ?",
                          (utcnow(), reason, self.run_id))

    def last_run_complete(self, spider: str) -> bool:
        """Whether the latest earlier run of `spider` ended normally ("finished").

        Only then may listings stop paging at known items: after a killed run the
        listings are walked in full so nothing the killed run missed is lost.
        """
        row = self.conn.execute(
            "SELECT reason FROM runs WHERE spider = ? AND run_id != ? ORDER BY started DESC, rowid DESC LIMIT 1",
            (spider, self.run_id or "")).fetchone()
        return bool(row) and row[0] == "finished"

    # seen-set ---------------------------------------------------------
    def page(self, url: str) -> dict | None:
        """The seen-set row of `url` as a dict, or None when never recorded."""
        cur = self.conn.execute("SELECT url, kind, portal, etag, last_modified, content_hash, published, "
                                "first_seen, last_fetched, last_changed FROM pages WHERE url = ?", (url,))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in cur.description], row))

    def known(self, url: str) -> bool:
        """Whether `url` was fetched and recorded (stored or found unchanged) before."""
        row = self.conn.execute("SELECT content_hash FROM pages WHERE url = ?", (url,)).fetchone()
        return row is not None

    def content_hash(self, url: str) -> str | None:
        """The content hash recorded for `url`, or None."""
        row = self.conn.execute("SELECT content_hash FROM pages WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def published(self, url: str) -> str | None:
        """The publication date recorded for `url`, or None."""
        row = self.conn.execute("SELECT published FROM pages WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def record_page(self, url: str, *, kind: str, portal: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, content_hash: str | None = None,
                    published: str | None = None, changed: bool = False) -> None:
        """Insert or refresh `url` in the seen-set (after the store has committed it)."""
        now = utcnow()
        self.conn.execute(
            """INSERT INTO pages(url, kind, portal, etag, last_modified, content_hash, published, first_seen,
                                 last_fetched, last_changed)
               VALUES (:url, :kind, :portal, :etag, :lm, :hash, :published, :now, :now, :now)
               ON CONFLICT(url) DO UPDATE SET
                 kind = excluded.kind, portal = COALESCE(excluded.portal, portal),
                 etag = COALESCE(excluded.etag, etag),
                 last_modified = COALESCE(excluded.last_modified, last_modified),
                 content_hash = COALESCE(excluded.content_hash, content_hash),
                 published = COALESCE(excluded.published, published),
                 last_fetched = excluded.last_fetched,
                 last_changed = CASE WHEN :changed THEN excluded.last_changed ELSE last_changed END""",
            {"url": url, "kind": kind, "portal": portal, "etag": etag, "lm": last_modified,
             "hash": content_hash, "published": published, "now": now, "changed": 1 if changed else 0})

    def record_attachments(self, parent: str, links: list[tuple[str, str | None]]) -> None:
        """Remember an article's attachment links (a later 304 hides them)."""
        self.conn.executemany("INSERT OR REPLACE INTO attachments(parent, url, title) VALUES (?, ?, ?)",
                              [(parent, url, title) for url, title in links])

    def attachments(self, parent: str) -> list[tuple[str, str | None]]:
        """The attachment links recorded for article `parent`: [(url, title)]."""
        return self.conn.execute("SELECT url, title FROM attachments WHERE parent = ? ORDER BY rowid",
                                 (parent,)).fetchall()

    # outcomes ---------------------------------------------------------
    def record_outcome(self, url: str, outcome: str, reason: str | None = None) -> None:
        """Note what happened to `url` in this run."""
        self.conn.execute("INSERT INTO outcomes(run_id, url, outcome, reason, worker, at) VALUES (?,?,?,?,?,?)",
                          (self.run_id, url, outcome, reason, self.worker, utcnow()))

    def outcomes(self, run_id: str | None = None) -> list[tuple[str, str, str | None]]:
        """(url, outcome, reason) rows of a run (default: the current one)."""
        return self.conn.execute("SELECT url, outcome, reason FROM outcomes WHERE run_id = ? ORDER BY rowid",
                                 (run_id or self.run_id,)).fetchall()

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

"""Opening a SQLite file that several processes may open at the same moment.

The graph store and the crawler's sidecar state are both shared by the workers of a
distributed crawl. SQLite's busy timeout covers a writer waiting for a writer, but not
the first moments of a fresh file: switching it to WAL, or creating its tables, while
another connection does the same can return "database is locked" at once (SQLite's
deadlock avoidance does not wait). `connect_shared` retries those steps until its
timeout, so the second worker waits instead of failing.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from pathlib import Path

__all__ = ["connect_shared", "is_busy"]


def is_busy(exc: BaseException) -> bool:
    """True for SQLite's "another connection holds the lock" errors (worth a retry)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def connect_shared(path: str | os.PathLike, schema: str, *, timeout: float = 60.0,
                   pragmas: tuple[str, ...] = ("synchronous=NORMAL",)) -> sqlite3.Connection:
    """A connection to `path` in WAL mode with `schema` (idempotent DDL) applied.

    Autocommit mode (`isolation_level=None`), usable from any thread, busy timeout
    `timeout` seconds. Waits up to `timeout` seconds for other processes opening the same
    file; raises sqlite3.OperationalError when they hold it longer, and
    sqlite3.DatabaseError at once for a file that is not a SQLite database.
    """
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    pause = 0.01
    while True:
        conn = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            for pragma in pragmas:
                conn.execute(f"PRAGMA {pragma}")
            conn.executescript(schema)
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            if not is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        except BaseException:
            conn.close()
            raise
        # jitter, so two workers that collided do not collide again in step
        time.sleep(pause * (1 + random.random()))
        pause = min(pause * 2, 0.5)


def add_missing_columns(conn: sqlite3.Connection, table: str, columns: dict[str, str]) -> list[str]:
    """Add to `table` each of `columns` ({name: SQL type}) that a file written by an
    earlier version lacks; returns the names added. Safe when another process adds
    the same column at the same moment."""
    have = {row[1] for row in conn.execute(f"PRAGMA table_info({_identifier(table)})")}
    added = []
    for name, sql_type in columns.items():
        if name in have:
            continue
        try:
            conn.execute(f"ALTER TABLE {_identifier(table)} ADD COLUMN {_identifier(name)} {sql_type}")
            added.append(name)
        except sqlite3.OperationalError as exc:  # another process added it first
            if "duplicate column" not in str(exc):
                raise
    return added


def _identifier(name: str) -> str:
    """`name` as a quoted SQL identifier (schema names are ours, never user input)."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain SQL identifier: {name!r}")
    return f'"{name}"'

"""Bound parameters for SQLite's `IN (...)` lists: the store's readers and writers (and
the walks of graph/sqlite_reach.py) split long key lists the same way."""

from __future__ import annotations

from collections.abc import Iterator

CHUNK = 500     # well under SQLite's bound-parameter limit


def chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    """`items` in slices of at most `size` (SQLite's bound-parameter limit)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def marks(n: int) -> str:
    """`?,?,...` for an `IN (...)` of n parameters."""
    return ",".join("?" * n)

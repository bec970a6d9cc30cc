"""What cites a document and the pages that mention it, from arrays in memory: the two
reads of a central document's page that grow with its fame (thousands of citing
documents and of source pages, each sorted before the first 25 or 50 are shown).

Built beside the `ReachIndex` of the same state of the store (`ReachKeeper`) and asked
only while that state lasts; `SQLiteReading.edge_keys_slice`, `sources` and
`sources_for` answer from it exactly as their SQL does (the same order, the same
counts), and in SQL whenever it is missing or stale.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from graph.relation_types import RELATION_TYPES
from graph.sqlparams import chunks, marks


def _array(cur, sql: str, params=()) -> np.ndarray:
    return np.fromiter(itertools.chain.from_iterable(cur.execute(sql, params)), dtype=np.int64)


def _first_of_runs(*columns: np.ndarray) -> np.ndarray:
    """In rows sorted by `columns`: True where a row differs from the one before it in
    any of them (what SELECT DISTINCT of those columns keeps)."""
    keep = np.ones(len(columns[0]), dtype=bool)
    if len(keep):
        keep[1:] = np.logical_or.reduce([c[1:] != c[:-1] for c in columns])
    return keep


def _by_node(near: np.ndarray, size: int) -> np.ndarray:
    """The start of each node's run in arrays sorted by `near` (one more for the end)."""
    start = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(near, minlength=size), out=start[1:])
    return start


class NeighbourIndex:
    """Per node: the distinct (citing node, type) of the relations into it, in the order of
    the citing node's key then the type's name; and the distinct source pages that
    mention it, in the order of their url (or key)."""

    types = tuple(sorted(RELATION_TYPES))     # codes in name order: code order is text order

    def __init__(self, conn, key_rank: np.ndarray, exists: np.ndarray):
        cur = conn.cursor()
        cur.row_factory = None
        size = len(key_rank)
        # every relation into a node (of a known type; others are never asked for here)
        case = " ".join("WHEN ? THEN ?" for _ in self.types)
        codes = [v for i, t in enumerate(self.types) for v in (t, i)]
        rows = _array(cur, f"SELECT dst_node, src_node, CASE type {case} ELSE -1 END "
                           "FROM relations WHERE dst_node IS NOT NULL AND src_node IS NOT NULL",
                      codes).reshape(-1, 3)
        rows = rows[(rows[:, 2] >= 0) & (rows[:, 0] < size)]
        near, far, code = rows[:, 0], rows[:, 1], rows[:, 2]
        # a citing node without a row of its own (gone) counts, is never listed
        self.far_exists = np.zeros(int(far.max(initial=size - 1)) + 1, dtype=bool)
        self.far_exists[:size] = exists
        order = np.lexsort((code, key_rank[np.minimum(far, size - 1)], near))
        near, far, code = near[order], far[order], code[order]
        # once each (source, target, type), as SELECT DISTINCT counts them
        keep = _first_of_runs(near, far, code)
        near, far, code = near[keep], far[keep], code[keep]
        self.cited_far, self.cited_type = far.astype(np.int32), code.astype(np.int8)
        self.cited_start = _by_node(near, size)
        # the pages in the order of COALESCE(url, key), equal ones sharing a rank
        pages = _array(cur, "SELECT id, COALESCE(url, key) IS LAG(COALESCE(url, key)) "
                            "OVER (ORDER BY COALESCE(url, key)) FROM pages "
                            "ORDER BY COALESCE(url, key)").reshape(-1, 2)
        url_rank = np.full(int(pages[:, 0].max(initial=-1)) + 1, -1, dtype=np.int64)
        url_rank[pages[:, 0]] = np.cumsum(pages[:, 1] == 0) - 1
        mentions = _array(cur, "SELECT node_id, page_id FROM mentions "
                               "WHERE node_id IS NOT NULL").reshape(-1, 2)
        # a mention of a page that is gone is no source (the SQL joins the pages)
        mentions = mentions[(mentions[:, 0] < size) & (mentions[:, 1] < len(url_rank))]
        mentions = mentions[url_rank[mentions[:, 1]] >= 0]
        node, page = mentions[:, 0], mentions[:, 1]
        rank = url_rank[page]
        order = np.lexsort((page, rank, node))
        node, page, rank = node[order], page[order], rank[order]
        keep = _first_of_runs(node, rank)     # one page for each url (SELECT DISTINCT)
        node, page = node[keep], page[keep]
        self.source_page = page.astype(np.int32)
        self.source_start = _by_node(node, size)

    def covers(self, types) -> bool:
        return set(types) <= set(self.types)

    def cited_slice(self, node: int, types, limit: int | None, offset: int
                    ) -> tuple[np.ndarray, np.ndarray, int]:
        """The citing nodes and type codes of the relations of `types` into `node`, from
        `offset`, at most `limit`, with their number in all (citing nodes with no row of
        their own count, as in SQL, and are never listed)."""
        if node >= len(self.cited_start) - 1:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int8), 0
        a, b = self.cited_start[node], self.cited_start[node + 1]
        far, code = self.cited_far[a:b], self.cited_type[a:b]
        wanted = np.isin(code, [self.types.index(t) for t in set(types)])
        count = int(wanted.sum())
        wanted &= self.far_exists[far]
        far, code = far[wanted], code[wanted]
        stop = None if limit is None else offset + max(0, limit)
        return far[offset:stop].astype(np.int64), code[offset:stop], count

    def source_pages(self, node: int, limit: int) -> np.ndarray:
        """The first `limit` pages mentioning `node`, one per url, in url order."""
        if node >= len(self.source_start) - 1:
            return np.zeros(0, dtype=np.int64)
        a = self.source_start[node]
        return self.source_page[a:min(self.source_start[node + 1], a + max(0, limit))]


def node_ids(store, keys) -> dict[str, int]:
    """Node key -> id, for the keys the store has."""
    out: dict[str, int] = {}
    cur = store._tuples()
    for chunk in chunks(list(dict.fromkeys(keys))):
        out.update(cur.execute(f"SELECT key, id FROM nodes WHERE key IN ({marks(len(chunk))})",
                               chunk))
    return out


def _by_id(store, select: str, ids) -> dict[int, Any]:
    """id -> value of `select` ("SELECT id, value FROM table"), for the ids given."""
    out: dict[int, Any] = {}
    cur = store._tuples()
    for chunk in chunks(sorted({int(i) for i in ids})):
        out.update(cur.execute(f"{select} WHERE id IN ({marks(len(chunk))})", chunk))
    return out


def keys_of(store, ids) -> dict[int, str]:
    """Node id -> key."""
    return _by_id(store, "SELECT id, key FROM nodes", ids)


def urls_of(store, pages) -> dict[int, str]:
    """Page id -> its url (or key)."""
    return _by_id(store, "SELECT id, COALESCE(url, key) FROM pages", pages)


def edge_keys_slice(index: NeighbourIndex, store, key: str, types, limit, offset
                    ) -> tuple[list[tuple[str, str, str]], int]:
    """`Store.edge_keys_slice([key], "in", types, limit, offset)` from the index."""
    node = node_ids(store, [key]).get(key)
    if node is None:
        return [], 0
    far, code, count = index.cited_slice(node, types, limit, offset)
    keys = keys_of(store, far)
    return [(keys[int(f)], key, index.types[int(c)]) for f, c in zip(far, code)], count


def sources_for(index: NeighbourIndex, store, keys, limit: int) -> dict[str, list[str]]:
    """`Store.sources_for(keys, limit)` from the index: only keys with a source page."""
    ids = node_ids(store, keys)
    pages = {k: index.source_pages(n, limit) for k, n in ids.items()}
    urls = urls_of(store, (p for ps in pages.values() for p in ps))
    out: dict[str, Any] = {}
    for k in dict.fromkeys(keys):
        if len(pages.get(k, ())):
            out[k] = [urls[int(p)] for p in pages[k]]
    return out

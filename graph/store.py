"""The store interface both back ends implement, and `open_store`.

Writing: `upsert_page(record)` / `load_records(records)` / `load_pages(records)` (bulk)
take extraction records (see graph/facts.py). Reading: the small set of look-ups `graph.queries` builds every
question from (`find_documents`, `documents`, `edges`, ...), so each query is written
once and runs on SQLite or Neo4j alike.
"""

from __future__ import annotations

import importlib
import itertools
import os
import queue
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.facts import PageFacts, RecordError, page_facts
from graph.paging import Reached
from graph.traversal import breadth_first_tree, far_end

NODE_LABELS = ("Document", "Law", "UnresolvedReference")


@dataclass
class LoadReport:
    """What a load did: pages loaded, records rejected (with the reason), rows written."""

    pages: int = 0
    mentions: int = 0
    relations: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)   # (record index, message)
    seconds: float = 0.0
    # keys of the documents the load wrote dated from the 2025 merger's year (the ones
    # `queries.doubts` checks after a load); None when the store does not say
    recent_documents: set[str] | None = field(default_factory=set, repr=False)

    @property
    def rows(self) -> int:
        return self.pages + self.mentions + self.relations

    def to_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, "mentions": self.mentions, "relations": self.relations,
                "rows": self.rows, "errors": [{"record": i, "error": e} for i, e in self.errors],
                "seconds": round(self.seconds, 3)}


def statement_evidence(row: Any) -> dict[str, Any]:
    """One page's statement of a relation, as evidence: sentence, page, start, end, cue."""
    return {"sentence": row["sentence"], "page": row["page"], "start": row["start"],
            "end": row["end"], "cue": row["cue"]}


def group_statements(statements: Iterable[tuple[str, str, str, dict[str, Any]]]
                     ) -> Iterator[dict[str, Any]]:
    """Statements `(source, target, type, evidence)` sorted by their first three ->
    one edge `{"source", "target", "type", "evidence": [...]}` per relation, its
    evidence in the statements' order. Lazy, so a whole graph can stream through."""
    for (source, target, rtype), group in itertools.groupby(statements, key=lambda st: st[:3]):
        yield {"source": source, "target": target, "type": rtype, "evidence": [st[3] for st in group]}


class _ParseFailed:
    """What stopped the reading thread (re-raised in the loading one)."""

    def __init__(self, exc: BaseException):
        self.exc = exc


def _batches(records: Iterable[dict[str, Any]], batch_size: int,
             errors: list[tuple[int, str]]) -> Iterator[list[PageFacts]]:
    batch: dict[str, PageFacts] = {}
    for index, record in enumerate(records):
        try:
            facts = page_facts(record)
        except RecordError as exc:
            errors.append((index, str(exc)))
            continue
        batch.pop(facts.key, None)
        batch[facts.key] = facts
        if len(batch) >= batch_size:
            yield list(batch.values())
            batch = {}
    if batch:
        yield list(batch.values())


def parsed_batches(records: Iterable[dict[str, Any]], batch_size: int,
                   errors: list[tuple[int, str]], ahead: bool = False
                   ) -> Iterator[list[PageFacts]]:
    """The records' facts in batches of `batch_size` pages (the last version of a page
    in a batch wins); a malformed record goes to `errors` as (index, message).

    `ahead`: read and parse in a thread of their own, one batch ahead of the store
    writing the batch before - for a store that waits long for each batch (Neo4j's round
    trips and commits free the interpreter), so that reading and writing overlap. Not
    for SQLite: its statements free the interpreter for every row, and each time the
    reading thread would hold it for a whole switch interval."""
    if not ahead:
        yield from _batches(records, batch_size, errors)
        return
    ready: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()
    done = object()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for batch in _batches(records, batch_size, errors):
                if not put(batch):
                    return
            put(done)
        except BaseException as exc:   # the source's own errors reach the caller
            put(_ParseFailed(exc))

    reader = threading.Thread(target=read, name="vanban-records", daemon=True)
    reader.start()
    try:
        while True:
            item = ready.get()
            if item is done:
                return
            if isinstance(item, _ParseFailed):
                raise item.exc
            yield item
    finally:
        stop.set()
        reader.join(5)   # it notices within 0.1 s unless it is waiting for input


class LoadInterrupted(RuntimeError):
    """The store stopped answering in the middle of a load. `report` counts the pages
    of the batches committed before it (kept); the rest were not loaded."""

    def __init__(self, message: str, report: LoadReport):
        super().__init__(message)
        self.report = report


class Store(ABC):
    """A lineage graph store. Use as a context manager, or call `close()`."""

    batch_size = 500          # pages per transaction in `load_records`
    bulk_batch_size = 20_000  # ... in `load_pages`
    parse_ahead = False       # records parsed in a thread while a batch is written

    # --- writing -------------------------------------------------------------------

    def upsert_page(self, record: dict[str, Any]) -> None:
        """Load one extraction record in one transaction, replacing what the same page
        (same url, or same path when url is null) asserted before."""
        self._upsert_facts([page_facts(record)])

    def load_records(self, records: Iterable[dict[str, Any]],
                     progress: Callable[[LoadReport], None] | None = None) -> LoadReport:
        """Load many records in batches of `batch_size` pages (one transaction per
        batch). A malformed record is reported in `errors` and skipped; the others load."""
        return self._load(records, self.batch_size, progress)

    def load_pages(self, records: Iterable[dict[str, Any]], batch_size: int | None = None,
                   progress: Callable[[LoadReport], None] | None = None) -> LoadReport:
        """Bulk load: like `load_records` (same identity rules, same graph, idempotent),
        but in big batches (`bulk_batch_size` pages by default), each resolved at once in
        one transaction, with the store tuned for loading while it runs (`_bulk`)."""
        with self._bulk():
            return self._load(records, batch_size or self.bulk_batch_size, progress)

    @contextmanager
    def _bulk(self) -> Iterator[None]:
        """Settings for a bulk load, restored after it (none by default)."""
        yield

    def _load(self, records: Iterable[dict[str, Any]], batch_size: int,
              progress: Callable[[LoadReport], None] | None) -> LoadReport:
        report = LoadReport()
        started = time.perf_counter()
        for pages in parsed_batches(records, batch_size, report.errors, self.parse_ahead):
            self._flush(pages, report, progress)
        report.seconds = time.perf_counter() - started
        return report

    def _flush(self, pages: list[PageFacts], report: LoadReport,
               progress: Callable[[LoadReport], None] | None) -> None:
        cap = getattr(self, "_pages_that_fit", None)
        if cap and len(pages) > cap:   # a batch this big outgrew the store once
            for i in range(0, len(pages), cap):
                self._flush(pages[i:i + cap], report, progress)
            return
        try:
            # one transaction: all of the batch or none of it
            recent = self._upsert_facts(pages)
        except Exception as exc:
            if len(pages) > 1 and self._batch_too_big(exc):
                # the server's transaction memory: halves, and no bigger batch from now on
                self._pages_that_fit = len(pages) // 2
                self._flush(pages, report, progress)
                return
            if not self._store_lost(exc):
                raise
            raise LoadInterrupted(f"{self.describe()} stopped answering after {report.pages} pages "
                                  f"({type(exc).__name__}: {exc})", report) from exc
        if recent is None or report.recent_documents is None:
            report.recent_documents = None
        else:
            report.recent_documents |= recent
        report.pages += len(pages)
        report.mentions += sum(len(p.mentions) for p in pages)
        report.relations += sum(len(p.assertions) for p in pages)
        if progress:
            progress(report)

    def _batch_too_big(self, exc: BaseException) -> bool:
        """Whether `exc` means the batch's transaction did not fit in the store's memory
        (the load then goes on in halves: same graph, smaller transactions)."""
        return False

    def _store_lost(self, exc: BaseException) -> bool:
        """Whether `exc` means the store itself went away (server down, disk full), as
        opposed to a bug: the load then stops with LoadInterrupted."""
        return False

    def describe(self) -> str:
        """The store, for messages ("Neo4j at bolt://...", "the SQLite store at ...")."""
        return type(self).__name__

    @abstractmethod
    def _upsert_facts(self, pages: list[PageFacts]) -> set[str] | None:
        """Replace the given pages' facts and re-resolve the numbers they touch, atomically;
        the keys of the documents written dated from the merger's year, or None when the
        store does not say (`LoadReport.recent_documents`)."""

    @abstractmethod
    def delete_page(self, url_or_key: str) -> bool:
        """Forget a page and everything it asserted; True when it existed."""

    @abstractmethod
    def page_hash(self, url: str) -> str | None:
        """The stored content hash of a page (by url, or `path:<path>`), or None."""

    # --- reading -------------------------------------------------------------------

    @abstractmethod
    def find_documents(self, *, number_key: str | None = None, serial: str | None = None,
                       kind: str | None = None, keys: Iterable[str] | None = None
                       ) -> list[dict[str, Any]]:
        """Documents (label Document) by number key, by serial (+kind), or by node key."""

    @abstractmethod
    def documents(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Node key -> node properties (documents, laws, unresolved references)."""

    @abstractmethod
    def edges(self, keys: Iterable[str], direction: str, types: Iterable[str]
              ) -> list[dict[str, Any]]:
        """Relations into (`direction="in"`) or out of (`"out"`) the given nodes, one per
        (source, target, type), each with `evidence`: every page's statement of it."""

    def edge_keys(self, keys: Iterable[str], direction: str, types: Iterable[str]
                  ) -> list[tuple[str, str, str]]:
        """`edges` without the evidence: (source, target, type) per relation, in the same
        order. The pages that show a slice of a large answer walk with it and read the
        evidence of the slice only; a store may answer it without reading any statement."""
        return [(e["source"], e["target"], e["type"]) for e in self.edges(keys, direction, types)]

    def edge_keys_slice(self, keys: Iterable[str], direction: str, types: Iterable[str],
                        limit: int | None, offset: int
                        ) -> tuple[list[tuple[str, str, str]], int]:
        """`edge_keys(...)[offset:offset + limit]` (all from `offset` when `limit` is None)
        and `len(edge_keys(...))`; a store may cut and count without listing every key."""
        ends = self.edge_keys(keys, direction, types)
        stop = None if limit is None else offset + max(0, limit)
        return ends[offset:stop], len(ends)

    def reach(self, root: str, direction: str, types: Iterable[str], max_depth: int
              ) -> list[tuple[int, str, str | None]]:
        """Every node `walk` reaches, as (depth, key, label) sorted by depth then key,
        without the edges that bring each node in (a page shows a slice of them and
        reads those edges only). By default from `walk` and `documents`."""
        found = [(d, far_end(e, direction)) for d, e in self.walk(root, direction, types,
                                                                  max_depth)]
        docs = self.documents(k for _, k in found)
        return sorted((d, k, (docs.get(k) or {}).get("label")) for d, k in found)

    def reached(self, root: str, direction: str, types: Iterable[str], max_depth: int):
        """What the walk from `root` reaches, asked about in parts (`paging.Reached`: counts
        per depth, slices, depths of given keys); by default from `reach`."""
        return Reached(self, root, direction, tuple(types), max_depth)

    @abstractmethod
    def cited_counts(self, keys: Iterable[str], types: Iterable[str] | None = None
                     ) -> dict[str, int]:
        """Node key -> number of distinct nodes with a relation into it (of `types`)."""

    @abstractmethod
    def sources(self, key: str, limit: int = 20) -> list[str]:
        """Urls (or page keys) of pages that mention a node, sorted, at most `limit`."""

    def walk(self, root: str, direction: str, types: Iterable[str], max_depth: int,
             max_nodes: int | None = None) -> list[tuple[int, dict[str, Any]]]:
        """The breadth-first tree of `types` relations from `root` (`direction` "in":
        towards what points at it), as `traversal.breadth_first_tree` chooses it:
        (depth, edge with evidence) per node reached, in the order reached. By default
        one `edges` look-up per depth; a store may answer it in fewer round trips."""
        types = tuple(types)
        return breadth_first_tree(root, direction, max_depth, max_nodes,
                                  lambda frontier: self.edges(frontier, direction, types))

    def sources_for(self, keys: Iterable[str], limit: int = 20) -> dict[str, list[str]]:
        """Node key -> `sources(key, limit)`, for many nodes at once."""
        return {k: self.sources(k, limit) for k in keys}

    @abstractmethod
    def unresolved_naming(self, keys: Iterable[str]) -> list[dict[str, Any]]:
        """Unresolved references that list any of the given documents as a candidate."""

    @abstractmethod
    def word_keys(self, words: list[str], limit: int) -> list[str]:
        """Keys of the documents whose number, title, issuer or locality holds every
        word (folded: no case, no diacritics), from the store's full-text index."""

    @abstractmethod
    def search(self, *, number_key: str | None = None, serial: str | None = None,
               kind: str | None = None, issuer: str | None = None, year: int | None = None,
               province: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Documents matching every given filter, most cited first."""

    @abstractmethod
    def counts(self) -> dict[str, Any]:
        """Node and relation counts, documents per kind and per province."""

    @abstractmethod
    def most_implemented(self, limit: int = 10) -> list[tuple[str, int]]:
        """(document key, number of direct implementers), most first."""

    @abstractmethod
    def iter_nodes(self) -> Iterator[dict[str, Any]]:
        """Every node with its label and properties."""

    @abstractmethod
    def iter_edges(self) -> Iterator[dict[str, Any]]:
        """Every relation between nodes (one per source, target, type), with evidence."""

    @abstractmethod
    def iter_mentions(self) -> Iterator[dict[str, Any]]:
        """Every Page -MENTIONS-> node link (page key, node key, role, offsets)."""

    @abstractmethod
    def iter_pages(self) -> Iterator[dict[str, Any]]:
        """Every page with its metadata."""

    @abstractmethod
    def iter_property_nodes(self) -> Iterator[dict[str, Any]]:
        """Every node (pages too) with all its properties, as Neo4j holds it
        (`graph/property_graph.py`): what the neo4j-admin import files carry."""

    @abstractmethod
    def iter_property_relationships(self) -> Iterator[dict[str, Any]]:
        """Every relationship (mentions, statements, candidates) with all its properties,
        as Neo4j holds it (`graph/property_graph.py`)."""

    def to_networkx(self):
        """The whole graph as a `networkx.MultiDiGraph`: nodes keyed by document key
        (with their properties), one edge per relation keyed by its type, carrying its
        evidence list."""
        import networkx as nx
        g = nx.MultiDiGraph()
        for node in self.iter_nodes():
            g.add_node(node["key"], **{k: v for k, v in node.items() if k != "key"})
        for e in self.iter_edges():
            g.add_edge(e["source"], e["target"], key=e["type"], type=e["type"],
                       evidence=e.get("evidence", []))
        return g

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_db_path() -> Path:
    """The default SQLite file: `<user data dir>/vanban-graph/vanban.sqlite`."""
    import platformdirs
    return Path(platformdirs.user_data_dir("vanban-graph")) / "vanban.sqlite"


# back end -> "module:attribute" of its Store class, imported only when opened (so that
# this module, which both stores import, imports neither of them)
BACKENDS: dict[str, str] = {
    "sqlite": "graph.sqlite_store:SQLiteStore",
    "neo4j": "graph.neo4j_store:Neo4jStore",
}


def store_class(backend: str) -> type[Store]:
    """The Store class of a back end named in `BACKENDS`."""
    module_name, attr = BACKENDS[backend].split(":")
    return getattr(importlib.import_module(module_name), attr)


def open_store(db: str | Path | None = None, neo4j_uri: str | None = None,
               neo4j_user: str | None = None, neo4j_password: str | None = None,
               **options: Any) -> Store:
    """Open the Neo4j store when a URI is given, else the SQLite store at `db`
    (default: `default_db_path()`)."""
    if neo4j_uri:
        return store_class("neo4j")(neo4j_uri, neo4j_user, neo4j_password, **options)
    return store_class("sqlite")(Path(db) if db else default_db_path())


def neo4j_settings_from_env() -> tuple[str | None, str | None, str | None]:
    """(uri, user, password) from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD."""
    return (os.environ.get("NEO4J_URI") or None, os.environ.get("NEO4J_USER") or None,
            os.environ.get("NEO4J_PASSWORD") or None)

"""The Neo4j store: the same facts and identity rules as the SQLite store, over Bolt.

Model: `(:Page {key, url, ...})-[:MENTIONS {mid, role, number, number_key, ...}]->(:Node)`
where a node is `:Node:Document`, `:Node:Law` or `:Node:UnresolvedReference` (all
unique on `key`); typed relations `(:Node)-[:IMPLEMENTS|BASED_ON|GUIDES|AMENDS|REPLACES|
REPEALS|CITES {aid, page, sentence, start, end, cue, src_mid, dst_mid}]->(:Node)`, one
relationship per page statement (its evidence); `(:UnresolvedReference)-[:CANDIDATE
{rank}]->(:Document)`.

Constraints and indexes are created on first use. Writes are batched `UNWIND` statements,
one transaction per batch, with parameters only (`graph/neo4j_load.py`); reads are
Cypher look-ups (`graph/neo4j_read.py`). Loading the same input twice changes nothing.
"""

from __future__ import annotations

from graph import search
from graph.neo4j_load import Neo4jWriting
from graph.neo4j_read import Neo4jReading
from graph.relation_types import RELATION_TYPES
from graph.store import Store


class Neo4jUnavailable(RuntimeError):
    """Neo4j cannot be reached or refuses the credentials (message says which and how)."""


SCHEMA = [
    "CREATE CONSTRAINT node_key IF NOT EXISTS FOR (n:Node) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT page_key IF NOT EXISTS FOR (p:Page) REQUIRE p.key IS UNIQUE",
    "CREATE INDEX document_number IF NOT EXISTS FOR (d:Document) ON (d.number_key)",
    "CREATE INDEX document_serial IF NOT EXISTS FOR (d:Document) ON (d.serial)",
    "CREATE INDEX page_url IF NOT EXISTS FOR (p:Page) ON (p.url)",
    "CREATE INDEX mentions_number IF NOT EXISTS FOR ()-[m:MENTIONS]-() ON (m.number_key)",
    # set on partial mentions only, so re-resolving a number never walks its decided ones
    "CREATE INDEX mentions_partial IF NOT EXISTS FOR ()-[m:MENTIONS]-() ON (m.partial_nk)",
] + [
    # Indexes older versions made. No query needs them: a page's statements are found from
    # the nodes it mentions (out-degrees are small), moved mentions' from their old node;
    # and every relationship index slowed every write.
    "DROP INDEX mentions_mid IF EXISTS",
] + [f"DROP INDEX rel_{t.lower()}_{prop} IF EXISTS"
     for t in RELATION_TYPES for prop in ("page", "src_mid", "dst_mid", "aid")]
SCHEMA.append(search.NEO4J_INDEX)   # full-text search of documents (graph/search.py)


class Neo4jStore(Neo4jWriting, Neo4jReading, Store):
    """A lineage graph in Neo4j (see the module docstring): the connection and the
    schema here, writing in `graph/neo4j_load.py`, reading in `graph/neo4j_read.py`."""

    batch_size = 200
    bulk_batch_size = 10_000
    parse_ahead = True        # a batch is mostly waiting for the server (`parsed_batches`)

    def __init__(self, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None):
        import neo4j
        from neo4j.exceptions import AuthError, ServiceUnavailable
        auth = (user, password or "") if user else None
        self.uri = uri
        self.database = database
        try:
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, notifications_min_severity="OFF")
            self._driver.verify_connectivity()
        except AuthError as exc:
            raise Neo4jUnavailable(
                f"Neo4j at {uri} refused the credentials ({exc.message}); set --neo4j-user/"
                "--neo4j-password or NEO4J_USER/NEO4J_PASSWORD") from None
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise Neo4jUnavailable(
                f"cannot reach Neo4j at {uri}: {exc}. Start Neo4j (or "
                "tools/neo4j-launcher/start.sh) and check --neo4j / NEO4J_URI") from None
        with self._session() as s:
            had_partial_index = bool(list(s.run(
                "SHOW INDEXES YIELD name WHERE name = 'mentions_partial' RETURN name")))
            for stmt in SCHEMA:
                s.run(stmt).consume()
            s.run("CALL db.awaitIndexes(60)").consume()
            if not had_partial_index:   # a store an older version wrote: mark its partials
                s.run("MATCH ()-[m:MENTIONS]->() WHERE m.decided = false "
                      "SET m.partial_nk = m.number_key").consume()

    def _session(self):
        return self._driver.session(database=self.database) if self.database \
            else self._driver.session()

    def close(self) -> None:
        self._driver.close()

    def describe(self) -> str:
        return f"Neo4j at {self.uri}"

    def _batch_too_big(self, exc: BaseException) -> bool:
        # dbms.memory.transaction.total.max (70% of the heap by default: a 512 MB
        # launcher holds about 5,000 pages of the benchmark's graph in one transaction)
        return getattr(exc, "code", None) == "Neo.TransientError.General.MemoryPoolOutOfMemoryError"

    def _store_lost(self, exc: BaseException) -> bool:
        from neo4j.exceptions import DatabaseUnavailable, ServiceUnavailable, SessionExpired
        return isinstance(exc, (ServiceUnavailable, SessionExpired, DatabaseUnavailable, OSError))

    def clear(self) -> None:
        """Delete everything (tests and benchmarks), in transactions of 1,000 nodes: a
        node's relationships go with it, and 20,000 nodes of a loaded graph at once
        outgrew a small server's transaction memory."""
        with self._session() as s:
            s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS"
                  ).consume()

"""The lineage graph: document identity, the stores (SQLite + networkx, Neo4j), queries.

    from graph import open_store, queries
    with open_store() as store:                      # or open_store(neo4j_uri=...)
        store.load_records(records)
        queries.implementers(store, "CT 33/CT-TTg")
"""

from graph.store import LoadReport, Store, default_db_path, open_store

__all__ = ["LoadReport", "Store", "default_db_path", "open_store"]

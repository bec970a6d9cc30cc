"""Neo4j store (placeholder until the full store lands)."""


class Neo4jUnavailable(RuntimeError):
    """Neo4j cannot be reached or refuses the credentials (message says which and how)."""

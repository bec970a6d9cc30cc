"""Fixtures shared by several test directories.

`neo4j_server`: one Neo4j for the whole session (the graph tests and the web tests
alike): `NEO4J_URI` if set (the tests WIPE that database), else the embedded launcher
(tests/graph/conftest.py starts it).
"""

from __future__ import annotations

import os

import pytest

from tests.graph.conftest import start_launcher, stop_launcher


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory):
    """(uri, user, password) of a Neo4j reachable over Bolt."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        yield uri, os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
        return
    proc, uri = start_launcher(tmp_path_factory.mktemp("neo4j"))
    try:
        yield uri, None, None
    finally:
        stop_launcher(proc)

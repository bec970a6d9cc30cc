"""Stores for the graph tests: SQLite in a temp dir, and a real Neo4j over Bolt.

Neo4j: `NEO4J_URI` (+ NEO4J_USER / NEO4J_PASSWORD) if set - the tests WIPE that
database - else the embedded launcher (tools/neo4j-launcher, built by its build.sh) is
started once per session on a free port and stopped at the end. Under CI=true a Neo4j
that cannot be reached fails the tests; elsewhere they skip with the reason.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from graph.neo4j_import import ImportFailed
from graph.neo4j_import import start_launcher as _start
from graph.neo4j_import import stop_launcher  # noqa: F401 - the tests stop their launchers with it

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"Neo4j unavailable under CI: {reason}")
    pytest.skip(f"Neo4j unavailable: {reason}")


def start_launcher(data: Path) -> tuple[subprocess.Popen, str]:
    """Start the embedded Neo4j launcher on a free port with its store in `data`, small
    (the tests' graphs are); returns (process, Bolt URI). Fails (CI) or skips when it
    cannot start."""
    try:
        return _start(data / "db", 180.0,
                      java_opts=["-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"],
                      launcher_args=("--page-cache", "32m"))
    except ImportFailed as exc:
        _unavailable(f"NEO4J_URI not set and {exc}")


@pytest.fixture
def neo4j_store(neo4j_server):
    from graph.neo4j_store import Neo4jStore
    uri, user, password = neo4j_server
    store = Neo4jStore(uri, user, password)
    store.clear()
    yield store
    store.close()


@pytest.fixture
def sqlite_store(tmp_path):
    from graph.sqlite_store import SQLiteStore
    store = SQLiteStore(tmp_path / "graph.sqlite")
    yield store
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request):
    """Each contract test runs once per store."""
    return request.getfixturevalue(f"{request.param}_store")

"""Stores for the graph tests: SQLite in a temp dir, and a real Neo4j over Bolt.

Neo4j: `NEO4J_URI` (+ NEO4J_USER / NEO4J_PASSWORD) if set - the tests WIPE that
database - else the embedded launcher (tools/neo4j-launcher, built by its build.sh) is
started once per session on a free port and stopped at the end. Under CI=true a Neo4j
that cannot be reached fails the tests; elsewhere they skip with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from graph.neo4j_import import stop_launcher  # noqa: F401 - the tests stop their launchers with it

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "tools" / "neo4j-launcher" / "target" / "neo4j-launcher.jar"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"Neo4j unavailable under CI: {reason}")
    pytest.skip(f"Neo4j unavailable: {reason}")


def start_launcher(data: Path) -> tuple[subprocess.Popen, str]:
    """Start the embedded Neo4j launcher on a free port with its store in `data`;
    returns (process, Bolt URI). Fails (CI) or skips when it cannot start."""
    if not LAUNCHER.is_file():
        _unavailable(f"NEO4J_URI not set and {LAUNCHER} not built "
                     "(run: bash tools/neo4j-launcher/build.sh)")
    if not shutil.which("java"):
        _unavailable("NEO4J_URI not set and no java on PATH")
    data.mkdir(parents=True, exist_ok=True)
    log = open(data / "launcher.log", "a")
    proc = subprocess.Popen(
        ["java", "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
         "-jar", str(LAUNCHER), "--port", "0", "--data", str(data / "db"),
         "--page-cache", "32m", "--stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
    log.close()  # the child holds its own handle
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(180)
    if not line or not line[0].startswith("bolt://"):
        proc.kill()
        _unavailable("the launcher did not print its Bolt URI within 180 s; see "
                     f"{data / 'launcher.log'}")
    return proc, line[0].strip()


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

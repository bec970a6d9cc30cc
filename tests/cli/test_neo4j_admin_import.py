"""The neo4j-csv export imports with the command docs/graph.md prints (`NEO4J_ADMIN_IMPORT`),
run by the real import tool of Neo4j 5.26 that the test launcher bundles."""

from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import subprocess

from graph.export import NEO4J_ADMIN_IMPORT
from graph.neo4j_import import LAUNCHER_JAR as LAUNCHER
from tests.cli.conftest import vanban, write_jsonl
from tests.graph.conftest import _unavailable
from tests.graph.records import ALL


def _rows(path) -> int:
    with path.open(encoding="utf-8", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def test_neo4j_csv_imports_with_the_documented_command(tmp_path):
    if not LAUNCHER.is_file() or not shutil.which("java"):
        _unavailable(f"no {LAUNCHER} or no java (bash tools/neo4j-launcher/build.sh)")
    records = copy.deepcopy(ALL)
    for r in records:   # evidence sentences that span lines, as PDF text layers give them
        for rel in r.get("relations", []):
            if rel.get("evidence", {}).get("sentence"):
                rel["evidence"]["sentence"] = rel["evidence"]["sentence"].replace(" ", "\n", 1)
    write_jsonl(tmp_path / "records.jsonl", records)
    assert vanban("load", "--db", "g.sqlite", "records.jsonl", cwd=tmp_path).returncode == 0
    exported = vanban("export", "--db", "g.sqlite", "--format", "neo4j-csv", "-o", "csv",
                      cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr.decode()
    out = tmp_path / "csv"
    assert any("\n" in row[4] for row in csv.reader((out / "relations.csv").open(encoding="utf-8")))
    home = tmp_path / "neo4j-home"
    (home / "conf").mkdir(parents=True)
    (home / "conf" / "neo4j.conf").write_text("")
    args = NEO4J_ADMIN_IMPORT.replace("DIR", str(out)).split()
    assert args[:4] == ["neo4j-admin", "database", "import", "full"]
    classpath = f"{LAUNCHER}{os.pathsep}{LAUNCHER.parent / 'lib' / '*'}"
    result = subprocess.run(
        ["java", "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath, "org.neo4j.cli.AdminTool",
         *args[1:]], cwd=home, env=dict(os.environ, NEO4J_HOME=str(home),
                                        NEO4J_CONF=str(home / "conf")),
        capture_output=True, text=True, timeout=300)
    assert "IMPORT DONE" in result.stdout, result.stdout[-2000:] + result.stderr[-2000:]
    nodes = int(re.search(r"(\d+) nodes", result.stdout).group(1))
    relationships = int(re.search(r"(\d+) relationships", result.stdout).group(1))
    assert nodes == _rows(out / "nodes.csv") + _rows(out / "pages.csv")
    assert relationships == _rows(out / "relations.csv") + _rows(out / "mentions.csv")

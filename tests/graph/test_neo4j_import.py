"""`vanban load --neo4j-import DIR`: the first load at import speed makes the graph that
`vanban load` makes online, in a database the Neo4j store goes on loading into."""

from __future__ import annotations

import copy
import csv
import os
import shutil

import neo4j
import pytest

from graph.export import to_neo4j_csv
from graph.neo4j_import import LAUNCHER_JAR, admin_command, start_launcher, stop_launcher
from graph.neo4j_store import Neo4jStore
from graph.property_graph import comparable
from tests.cli.conftest import vanban, write_jsonl
from tests.graph.conftest import _unavailable
from tests.graph.records import ALL, doc, page
from tests.graph.test_contract_bulk import MORE, full_dump

# the second Neo4j of the test (the imported one), small like the session's
SMALL_JVM = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
LATER = page("https://tw.example/05-bis", None,   # dates the undated 05-CT/TW
             subject=doc("05-CT/TW", "CT", "2016-05-15", "Bộ Chính trị", title="Học tập"))


def records_with_multiline_evidence():
    records = copy.deepcopy(ALL + MORE)
    for r in records:   # evidence sentences that span lines, as PDF text layers give them
        for rel in r.get("relations", []):
            if rel.get("evidence", {}).get("sentence"):
                rel["evidence"]["sentence"] = rel["evidence"]["sentence"].replace(" ", "\n", 1)
    return records


def csv_rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        header, *rows = list(csv.reader(f))
    return header, sorted(rows)


def property_graph(store):
    return comparable(store.iter_property_nodes(), store.iter_property_relationships())


@pytest.fixture
def launcher_built():
    if not LAUNCHER_JAR.is_file() or not shutil.which("java"):
        _unavailable(f"no {LAUNCHER_JAR} or no java (bash tools/neo4j-launcher/build.sh)")


@pytest.mark.neo4j
def test_an_imported_graph_is_the_one_vanban_load_makes(tmp_path, neo4j_store, launcher_built,
                                                        monkeypatch):
    records = records_with_multiline_evidence()
    write_jsonl(tmp_path / "records.jsonl", records)
    monkeypatch.setenv("NEO4J_LAUNCHER_JAVA_OPTS", SMALL_JVM)
    home = tmp_path / "neo4j-home"
    done = vanban("load", "--neo4j-import", "csv", "--neo4j-home", str(home), "records.jsonl",
                  cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr.decode()
    assert "IMPORT DONE" in done.stderr.decode()
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "mentions.csv", "nodes.csv", "pages.csv", "relations.csv"]   # the staging store went

    neo4j_store.load_pages(records)            # what `vanban load --neo4j` makes
    proc, uri = start_launcher(home)
    try:
        # the import's own launcher run made them, online (not the store opened below)
        with neo4j.GraphDatabase.driver(uri) as driver, driver.session() as s:
            indexes = {r["name"]: r["state"] for r in s.run(
                "SHOW INDEXES YIELD name, state RETURN name, state")}
            constraints = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name RETURN name")}
        assert {"node_key", "page_key"} <= constraints
        assert {"document_number", "mentions_partial", "document_text"} <= set(indexes)
        assert set(indexes.values()) == {"ONLINE"}
        with Neo4jStore(uri) as imported:
            # every node, relation, evidence and mention, every property included
            assert property_graph(imported) == property_graph(neo4j_store)
            assert full_dump(imported) == full_dump(neo4j_store)
            # the export from Neo4j writes the files the import read (rows in any order)
            again = to_neo4j_csv(imported, tmp_path / "again")
            for path in again:
                assert csv_rows(path) == csv_rows(tmp_path / "csv" / path.name), path.name
            # and the online store goes on from there as from its own load
            imported.upsert_page(LATER)
            neo4j_store.upsert_page(LATER)
            assert property_graph(imported) == property_graph(neo4j_store)
    finally:
        stop_launcher(proc)


def test_without_a_home_the_command_for_a_server_is_printed(tmp_path):
    write_jsonl(tmp_path / "records.jsonl", ALL)
    done = vanban("load", "--neo4j-import", "out dir", "records.jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip() == admin_command(tmp_path / "out dir")
    assert "--multiline-fields=true" in done.stdout.decode()
    assert "creates the constraints and indexes" in done.stderr.decode()


def test_a_home_that_holds_the_database_already_is_refused(tmp_path, launcher_built):
    write_jsonl(tmp_path / "records.jsonl", ALL[:1])
    (tmp_path / "home" / "data" / "databases" / "neo4j").mkdir(parents=True)
    (tmp_path / "home" / "data" / "databases" / "neo4j" / "neostore").write_bytes(b"")
    done = vanban("load", "--neo4j-import", "csv", "--neo4j-home", "home", "records.jsonl",
                  cwd=tmp_path, timeout=300)
    assert done.returncode == 1
    message = done.stderr.decode().strip().splitlines()[-1]
    assert message.startswith("vanban load: ") and "holds a database 'neo4j' already" in message
    assert "Traceback" not in done.stderr.decode()
    assert os.listdir(tmp_path / "home" / "data" / "databases" / "neo4j") == ["neostore"]


@pytest.mark.parametrize("args,status,message", [
    (["--neo4j-home", "h"], 2, "Error: --neo4j-home goes with --neo4j-import DIR"),
    (["--neo4j-import", "/proc/no/such"], 1, "vanban load: cannot write the import files into"),
    (["--neo4j-import", "out", "--neo4j-home", "/proc/no/such"], 1,
     "vanban load: cannot import into /proc/no/such"),
])
def test_import_arguments_that_cannot_work_are_one_line(tmp_path, args, status, message):
    write_jsonl(tmp_path / "records.jsonl", ALL[:1])
    done = vanban("load", *args, "records.jsonl", cwd=tmp_path)
    err = done.stderr.decode()
    assert done.returncode == status and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(message)

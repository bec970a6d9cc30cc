"""A Neo4j that goes away in the middle of `vanban load`: the load says so, keeps the
batches it committed, and the same command run again finishes the graph.

Runs its own launcher (the session's one must stay up), so it needs the launcher built;
under CI=true a launcher that cannot start is a failure, never a skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.graph import records as R
from tests.graph.conftest import start_launcher, stop_launcher

PROVINCES = ["Bắc Kạn", "Ninh Thuận", "Đắk Lắk", "Quảng Trị"]


def _pages(n: int) -> list[dict]:
    """`n` district plans, each carrying out its province's plan for CT 33."""
    out = []
    for i in range(n):
        province = PROVINCES[i % len(PROVINCES)]
        provincial = R.doc(f"{100 + i % len(PROVINCES)}/KH-UBND", "KH", "2022-03-01",
                           f"Ủy ban nhân dân tỉnh {province}")
        out.append(R.page(
            f"https://{i % len(PROVINCES)}.example.gov.vn/tin/ke-hoach-{i}", province,
            subject=R.doc(f"{i + 1}/KH-UBND", "KH", "2023-04-10", f"Ủy ban nhân dân huyện số {i}"),
            references=[provincial, R.CT33],
            relations=[R.rel(f"{i + 1}/KH-UBND", provincial["number"]),
                       R.rel(provincial["number"], "33/CT-TTg")]))
    return out


def _load(path, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "from vanban.cli import main; main()", "load", str(path),
                             "--batch-size", "20", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _graph(store) -> tuple[set, set]:
    nodes = {n["key"] for n in store.iter_nodes()}
    edges = {(e["source"], e["target"], e["type"]) for e in store.iter_edges()}
    return nodes, edges


@pytest.mark.neo4j
def test_neo4j_lost_midway_keeps_its_batches_and_the_rerun_finishes(tmp_path):
    from graph import open_store

    pages = _pages(1200)
    jsonl = tmp_path / "pages.jsonl"
    jsonl.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), encoding="utf-8")
    data = tmp_path / "neo4j"
    server, uri = start_launcher(data)
    try:
        load = _load(jsonl, "--neo4j", uri)
        first = load.stderr.readline()          # the first batch is committed ...
        assert first.strip().endswith("pages..."), first
        server.kill()                            # ... and the server dies, no goodbye
        server.wait()
        _out, err = load.communicate(timeout=120)
        assert load.returncode == 1, err[-3000:]
        assert f"Neo4j at {uri} stopped answering after" in err and "run the same command again" in err
        assert "Traceback" not in err

        server, uri = start_launcher(data)       # the same store, after recovery
        with open_store(neo4j_uri=uri) as store:
            kept = len(list(store.iter_pages()))
        assert 20 <= kept < len(pages)           # whole batches, not all of them
        rerun = _load(jsonl, "--neo4j", uri, "--quiet")
        _out, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err[-3000:]
        with open_store(neo4j_uri=uri) as store:
            assert len(list(store.iter_pages())) == len(pages)
            neo4j_graph = _graph(store)
    finally:
        stop_launcher(server)
    # the same graph as one clean load into SQLite
    with open_store(db=tmp_path / "clean.sqlite") as store:
        store.load_pages(pages)
        assert _graph(store) == neo4j_graph

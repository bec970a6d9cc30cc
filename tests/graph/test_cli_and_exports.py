"""`vanban load` / `vanban query` / `vanban export`, aliases, and the identity rules."""

from __future__ import annotations

import csv
import json
import socket

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.aliases import parse_alias
from graph.identity import Mention, decided_key, series_of
from tests.graph.records import ALL, CAM_LO


@pytest.fixture
def extract_file(tmp_path):
    path = tmp_path / "extract.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ALL),
                    encoding="utf-8")
    return path


def run(*args):
    from vanban.cli import cli
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_load_then_query_implementers_json(tmp_path, extract_file):
    db = tmp_path / "g.sqlite"
    res = run("load", "--db", str(db), str(extract_file))
    assert res.exit_code == 0, res.output
    res = run("query", "implementers", "CT 33/CT-TTg", "--db", str(db), "--format", "json")
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert set(out) >= {"query", "resolved", "results"}
    assert out["query"] == "CT 33/CT-TTg"
    assert [d["key"] for d in out["resolved"]] == ["33/CT-TTG#2021"]
    r = next(r for r in out["results"] if r["depth"] == 2)
    assert set(r) >= {"document", "depth", "path", "evidence"}
    assert r["document"]["number"] == "12-KH/HU"
    # table output and the other queries run too
    for args in (["implementers", "CT 33"], ["lineage", "12-KH/HU"], ["cites", "21/KH-UBND"],
                 ["cited-by", "33/CT-TTg"], ["search", "CT 35"], ["stats"]):
        res = run("query", *args, "--db", str(db))
        assert res.exit_code == 0, res.output


def test_load_against_neo4j_from_the_command_line(neo4j_store, neo4j_server, extract_file):
    uri = neo4j_server[0]
    assert run("load", "--neo4j", uri, str(extract_file)).exit_code == 0
    res = run("query", "implementers", "Chỉ thị 05-CT/TW", "--neo4j", uri, "--format", "json")
    out = json.loads(res.output)
    assert len(out["resolved"]) == 2


def test_load_reports_bad_lines_and_loads_the_rest(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text("not json\n" + json.dumps(CAM_LO, ensure_ascii=False) + "\n[1]\n",
                    encoding="utf-8")
    db = tmp_path / "g.sqlite"
    res = run("load", "--db", str(db), str(path))
    assert res.exit_code == 1
    assert "mixed.jsonl:1" in res.output and "mixed.jsonl:3" in res.output
    res = run("query", "search", "--db", str(db), "--kind", "CV", "--format", "json")
    assert [d["number"] for d in json.loads(res.output)["results"]] == ["252-CV/HU"]


def test_unreachable_neo4j_is_a_clear_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = run("query", "stats", "--neo4j", f"bolt://127.0.0.1:{port}")
    assert res.exit_code != 0
    assert "cannot reach Neo4j" in res.output


def test_exports(tmp_path, extract_file):
    db = tmp_path / "g.sqlite"
    run("load", "--db", str(db), str(extract_file))
    assert run("export", "--db", str(db), "--format", "graphml", "-o",
               str(tmp_path / "g.graphml")).exit_code == 0
    g = nx.read_graphml(tmp_path / "g.graphml")
    assert g.has_edge("35-CT/TU@Ninh Thuận#2020-2025", "33/CT-TTG#2021")
    assert run("export", "--db", str(db), "--format", "json", "-o",
               str(tmp_path / "g.json")).exit_code == 0
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert {"nodes", "edges", "pages", "mentions"} <= set(data)
    assert run("export", "--db", str(db), "--format", "neo4j-csv", "-o",
               str(tmp_path / "csv")).exit_code == 0
    with (tmp_path / "csv" / "relations.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == [":START_ID(Node)", ":END_ID(Node)", ":TYPE"]
    assert any(r[2] == "IMPLEMENTS" for r in rows[1:])


@pytest.mark.parametrize("text,expected", [
    ("CT 33", {"serial": "33", "kind": "CT"}),
    ("Chỉ thị 33", {"serial": "33", "kind": "CT"}),
    ("33/CT-TTg", {"number": "33/CT-TTg", "kind": "CT"}),
    ("NQ 25", {"serial": "25", "kind": "NQ"}),
    ("Nghị quyết 25-NQ/TW", {"number": "25-NQ/TW", "kind": "NQ"}),
    ("Nghị quyết số 25", {"serial": "25", "kind": "NQ"}),
    ("33/CT-TTg 2021", {"number": "33/CT-TTg", "year": 2021}),
    ("33/CT-TTg ngày 26/11/2021", {"number": "33/CT-TTg", "date": "2021-11-26", "year": 2021}),
    ("59/2023/NĐ-CP", {"number": "59/2023/NĐ-CP", "kind": "NĐ"}),
])
def test_aliases(text, expected):
    got = parse_alias(text).to_dict()
    assert {k: got.get(k) for k in expected} == expected


def test_identity_rules():
    assert decided_key(Mention("a", "59/2023/NĐ-CP"))[0] == "59/2023/ND-CP"
    assert decided_key(Mention("a", "33/CT-TTg", date="2021-11-26"))[0] == "33/CT-TTG#2021"
    assert decided_key(Mention("a", "33/CT-TTg")) is None
    assert decided_key(Mention("a", "05-CT/TW", date="2016-05-15"))[0] == "5-CT/TW#XII"
    assert decided_key(Mention("a", "05-CT/TW", issuer="Bộ Chính trị khóa XII"))[0] == \
        "5-CT/TW#XII"
    key, reason = decided_key(Mention("a", "124/KH-UBND", date="2025-05-29",
                                      issuer="UBND tỉnh", page_province="Đắk Lắk"))
    assert key == "124/KH-UBND@Đắk Lắk#2025" and "Đắk Lắk" in reason
    # no issuer: the locality is not certain, so the mention is partial
    assert decided_key(Mention("a", "124/KH-UBND", date="2025-05-29",
                               page_province="Đắk Lắk")) is None
    assert series_of("1573-KH/BDVTW-BCSĐCP").party and not series_of("1573-KH/BDVTW-BCSĐCP").local
    assert series_of("252-CV/HU").district


@pytest.mark.parametrize("province", ["%", "_%", "Quảng_Trị", "%Trị", "Quảng Trị%"])
def test_province_wildcards_match_literally(tmp_path, extract_file, province):
    """`%` and `_` in --province are characters, not LIKE wildcards: they match no province,
    while the real name still finds its districts' documents."""
    db = tmp_path / "g.sqlite"
    run("load", "--db", str(db), str(extract_file))
    res = run("query", "search", "--db", str(db), "--province", province, "--format", "json")
    assert res.exit_code == 1 and json.loads(res.stdout)["results"] == []
    res = run("query", "search", "--db", str(db), "--province", "Quảng Trị", "--format", "json")
    assert [d["number"] for d in json.loads(res.stdout)["results"]] == ["252-CV/HU"]

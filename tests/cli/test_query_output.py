"""What `vanban query` and `vanban export` print, as a user reads it through a pipe."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx

from tests.cli.conftest import vanban

# a former province's document is named with where it is today (graph.provinces.now_part_of)
BK_35 = "35-CT/TU (Bắc Kạn, nay thuộc Thái Nguyên)"
NT_35 = "35-CT/TU (Ninh Thuận, nay thuộc Khánh Hòa)"


def test_python_dash_m_vanban_is_vanban(tmp_path):
    result = vanban("--help", cwd=tmp_path)
    assert result.returncode == 0 and b"Usage: vanban [OPTIONS] COMMAND" in result.stdout
    assert b"implementers, lineage" in vanban("query", "--help", cwd=tmp_path).stdout


def test_cited_by_reads_the_right_way_round_with_evidence(loaded_store, tmp_path):
    result = vanban("query", "cited-by", "33/CT-TTg", "--db", str(loaded_store), cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    row = next(line for line in out.splitlines() if BK_35 in line)
    # the citing document first, the relation, then the document asked about
    assert row.index(BK_35) < row.index("IMPLEMENTS") < row.index("33/CT-TTg")
    assert "Kế hoạch này nhằm thực hiện văn bản số 33/CT-TTg." in row
    assert "https://backan.example/van-ban/35" in row


def test_tables_name_documents_not_internal_keys(loaded_store, tmp_path):
    for args in (["implementers", "CT 33"], ["cited-by", "33/CT-TTg"], ["cites", "21/KH-UBND"],
                 ["lineage", "21/KH-UBND"], ["search", "CT 35"], ["stats"]):
        result = vanban("query", *args, "--db", str(loaded_store), cwd=tmp_path)
        out = result.stdout.decode()
        assert result.returncode == 0, (args, result.stderr.decode())
        assert "@" not in out and "#20" not in out and "TTG#" not in out, (args, out)
    out = vanban("query", "implementers", "CT 33", "--db", str(loaded_store),
                 cwd=tmp_path).stdout.decode()
    assert NT_35 in out and BK_35 in out


def test_queries_as_csv(loaded_store, tmp_path):
    result = vanban("query", "implementers", "CT 33", "--db", str(loaded_store), "--format", "csv",
                    cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert result.returncode == 0 and rows
    assert set(rows[0]) >= {"document", "depth", "implements", "via", "evidence", "page"}
    assert {(r["document"], r["implements"]) for r in rows if r["depth"] == "1"} >= {
        (BK_35, "33/CT-TTg"), (NT_35, "33/CT-TTg")}
    cited = vanban("query", "cited-by", "33/CT-TTg", "--db", str(loaded_store), "--format", "csv",
                   cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(cited.stdout.decode())))
    assert {"source": BK_35, "relation": "IMPLEMENTS", "target": "33/CT-TTg"}.items() \
        <= rows[[r["source"] for r in rows].index(BK_35)].items()
    stats = vanban("query", "stats", "--db", str(loaded_store), "--format", "csv", cwd=tmp_path)
    assert stats.stdout.decode().splitlines()[0] == "section,name,value"


def test_output_to_a_pipe_does_not_wrap(loaded_store, tmp_path):
    """COLUMNS=80 and stdout a pipe: rows are as long as their content, URLs stay whole."""
    out = vanban("query", "implementers", "CT 33", "--db", str(loaded_store),
                 cwd=tmp_path).stdout.decode()
    assert max(map(len, out.splitlines())) > 80
    assert any("https://backan.example/van-ban/35" in line for line in out.splitlines())


def test_json_export_is_node_link_and_reads_back_as_the_store_graph(loaded_store, tmp_path):
    from graph import open_store
    result = vanban("export", "--format", "json", "-o", "graph.json", "--db", str(loaded_store),
                    cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    with open_store(db=loaded_store) as store:
        expected = store.to_networkx()
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == \
        sorted(expected.edges(keys=True, data=True), key=repr)
    assert nx.utils.graphs_equal(back, expected)
    assert data["pages"] and data["mentions"]

"""`vanban query ... --limit/--offset/--depth` prints the slice `/api/...` returns for the
same arguments, and without them the whole answer, unchanged."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.web.conftest import CT33_KEY, NINH_THUAN_35
from vanban.cli import cli

# (query command, /api path, arguments both take)
SLICES = [
    ("implementers", "implementers", {"limit": 1}),
    ("implementers", "implementers", {"limit": 1, "offset": 1}),
    ("implementers", "implementers", {"limit": 2, "depth": 2}),
    ("implementers", "implementers", {"depth": 1}),
    ("implementers", "implementers", {"limit": 0}),
    ("lineage", "lineage", {"limit": 1}),
    ("lineage", "lineage", {"limit": 1, "offset": 1}),
    ("cites", "cites", {"limit": 1}),
    ("cites", "cites", {"limit": 1, "offset": 1}),
    ("cited-by", "cited-by", {"limit": 1}),
    ("cited-by", "cited-by", {"limit": 2, "offset": 1}),
    ("search", "search", {"limit": 1}),
    ("search", "search", {"limit": 2}),
]
QUERIES = {"search": ["CT 33", "dan van kheo", "Nghị quyết 25"]}


def _cli_json(web_db, command, q, args, fmt="json"):
    options = [f"--{name}={value}" for name, value in args.items()]
    out = CliRunner().invoke(cli, ["query", command, q, "--db", str(web_db),
                                   "--format", fmt, *options])
    assert out.exit_code == 0, out.output
    return out.output


@pytest.mark.parametrize("command,api,args", SLICES)
def test_a_sliced_query_prints_the_sliced_api_answer(client, web_db, command, api, args):
    for q in QUERIES.get(command, ["CT 33", CT33_KEY, NINH_THUAN_35]):
        expected = client.get(f"/api/{api}", params={"q": q, **args}).json()
        assert json.loads(_cli_json(web_db, command, q, args)) == expected


@pytest.mark.parametrize("command", ["implementers", "lineage", "cites", "cited-by", "search"])
def test_without_limit_the_cli_prints_the_whole_answer(client, web_db, command):
    q = "CT 33"
    whole = client.get(f"/api/{command}", params={"q": q}).json()
    assert json.loads(_cli_json(web_db, command, q, {})) == whole
    if command != "search":   # `offset` alone is no slice, on the command line as in the API
        assert json.loads(_cli_json(web_db, command, q, {"offset": 1})) == whole
        assert "limit" not in whole


def test_a_slice_counts_what_it_leaves_out(web_db):
    whole = json.loads(_cli_json(web_db, "implementers", CT33_KEY, {}))
    part = json.loads(_cli_json(web_db, "implementers", CT33_KEY, {"limit": 1}))
    assert sum(c["count"] for c in part["depths"]) == len(whole["results"])
    assert len(part["results"]) == len({r["depth"] for r in whole["results"]})


@pytest.mark.parametrize("command", ["implementers", "lineage", "cites", "cited-by"])
@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_sliced_tables_and_csv_print(web_db, command, fmt):
    q = "21/KH-UBND" if command == "cites" else CT33_KEY
    part = _cli_json(web_db, command, q, {"limit": 1}, fmt=fmt).strip()
    assert part and len(part) <= len(_cli_json(web_db, command, q, {}, fmt=fmt).strip())


@pytest.mark.parametrize("bad", ["--limit=-1", "--offset=-2", "--depth=0", "--limit=many"])
def test_a_bad_slice_is_one_line_and_exit_2(web_db, bad):
    out = CliRunner().invoke(cli, ["query", "implementers", "CT 33", "--db", str(web_db), bad])
    assert out.exit_code == 2 and "Traceback" not in out.output


@pytest.mark.parametrize("q", ["CT 33", "dan van kheo"])
def test_api_search_limit(client, q):
    whole = client.get("/api/search", params={"q": q}).json()["results"]
    assert whole
    assert client.get("/api/search", params={"q": q, "limit": 1}).json()["results"] == whole[:1]
    assert client.get("/api/search", params={"q": q, "limit": 0}).json()["results"] == []
    assert client.get("/api/search", params={"q": q, "limit": "-1"}).status_code == 400

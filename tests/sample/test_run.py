"""`vanban run` end to end on the bundled sample: a real Scrapy crawl of sites served on 127.0.0.1,
the real extractor and the SQLite store; the answers must be the ones vanban/sample/expected.json states.

The run happens once per module in a child process (Scrapy's reactor starts once per process).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph import open_store
from vanban.cmd_run import answer_questions, implementer_rows, implements_rows, report_command, run_command

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = json.loads((ROOT / "vanban" / "sample" / "expected.json").read_text(encoding="utf-8"))
VANBAN = [sys.executable, "-c", "from vanban.cli import main; main()"]


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    done = subprocess.run([*VANBAN, "run", "--out", str(out)], capture_output=True, text=True,
                          timeout=300, env={**__import__("os").environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr[-3000:]
    return out, done.stdout + done.stderr


@pytest.fixture(scope="module")
def answers(sample_run):
    out, _ = sample_run
    with open_store(out / "vanban.sqlite") as store:
        return answer_questions(store)


def _pairs(rows, depth=None):
    return {(r["document"].get("number"), r["document"].get("province")) for r in rows
            if depth is None or r["depth"] == depth}


def test_the_crawl_stored_every_page_and_says_where_the_report_is(sample_run):
    out, output = sample_run
    assert "30 new" in output and "0 failed" in output   # 26 pages of five portals, 4 of the Thái Nguyên one
    assert re.search(r"report:\s+\S*index\.html", output)
    assert (out / "report" / "index.html").is_file()
    records = [json.loads(line) for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {r["source"] for r in records} == {"html", "pdf", "docx"}
    assert all(r["url"].startswith("http://127.0.0.1:") for r in records)


def test_who_implements_ct33_directly_and_through_provincial_plans(answers):
    rows = implementer_rows(answers["implementers"])
    expected = EXPECTED["implementers_of_ct33"]
    for depth in (1, 2, 3):
        want = {(d["number"], d["province"]) for d in expected[f"depth_{depth}"]}
        assert want <= _pairs(rows, depth), f"depth {depth}: missing {want - _pairs(rows, depth)}"
    never = {(d["number"], d["province"]) for d in expected["never"]}
    assert not never & _pairs(rows)
    # every row carries the sentence that states its link, and the page it stands on
    for row in rows:
        assert row["evidence"] and row["evidence"][0]["sentence"] and row["evidence"][0]["page"]


def test_what_21_kh_ubnd_of_bac_kan_implements(answers):
    expected = EXPECTED["what_21_kh_ubnd_backan_implements"]
    resolved = answers["implements"]["resolved"]
    assert [(d["number"], d["province"]) for d in resolved] == [("21/KH-UBND", "Bắc Kạn")]
    rows = implements_rows(answers["implements"])
    direct = {(r["document"]["number"], r["relation"]) for r in rows if r["depth"] == 1}
    assert {(n, "IMPLEMENTS") for n in expected["implements"]} <= direct
    assert {(n, "BASED_ON") for n in expected["based_on"]} <= direct
    assert not {n for n, _ in direct} & set(expected["cites_only"])
    deeper = {(r["document"]["number"], r["via"]) for r in rows if r["depth"] == 2}
    assert ("33/CT-TTg", "780/KH-UBND") in deeper
    # the 05-CT/TW it implements is the Ban Bí thư one of 2021, not the 2016 one of the Politburo
    ct05 = [r["document"] for r in rows if r["document"]["number"] == "05-CT/TW"]
    assert [d["date"] for d in ct05] == [expected["its_05_ct_tw"]["date"]]


def test_the_answers_are_printed_with_their_evidence(sample_run):
    _, output = sample_run
    assert "Which documents implement 33/CT-TTg?" in output
    assert "What does 21/KH-UBND of Bắc Kạn implement?" in output
    assert "Căn cứ Kế hoạch số 141-KH/BDVTU" in output


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name):
                self.refs.append(a[name])


def test_report_pages_link_to_each_other_and_to_the_source_pages(sample_run):
    out, _ = sample_run
    report = out / "report"
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "Which documents implement 33/CT-TTg?" in index and 'src="img/lineage.svg"' in index
    pages = [report / "index.html", *sorted((report / "docs").glob("*.html"))]
    assert len(pages) > 20
    sources = set()
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.refs:
            assert not ref.startswith("http://127.0.0.1"), f"{page.name} links the dead local server: {ref}"
            target = (page.parent / ref).resolve()
            assert target.is_file(), f"{page.name}: broken link {ref}"
            if "/sources/" in str(target):
                sources.add(target.suffix)
    # evidence and source lists link the crawled pages, attachments included
    assert {".html", ".pdf", ".docx"} <= sources
    doc21 = next(p for p in pages if p.name.startswith("21-kh-ubnd-bac-kan"))
    text = doc21.read_text(encoding="utf-8")
    assert "<mark>Căn cứ</mark> Kế hoạch số 141-KH/BDVTU" in text   # the cue marked
    text = re.sub(r"</?mark>", "", text)
    assert "780/KH-UBND" in text and "15/KH-UBND" in text and "Căn cứ Kế hoạch số 141-KH/BDVTU" in text


def test_report_command_rewrites_the_report_from_the_store(sample_run, tmp_path):
    out, _ = sample_run
    result = CliRunner().invoke(report_command, ["--db", str(out / "vanban.sqlite"), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "index.html").is_file()


def test_report_command_says_when_there_is_no_store(tmp_path):
    result = CliRunner().invoke(report_command, ["--db", str(tmp_path / "missing.sqlite"), "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "no store at" in result.output and "missing.sqlite" in result.output
    assert not (tmp_path / "missing.sqlite").exists()


def test_run_names_the_known_sites_for_an_unknown_one(tmp_path):
    result = CliRunner().invoke(run_command, ["--out", str(tmp_path), "--site", "hanoi"])
    assert result.exit_code != 0
    assert "unknown site 'hanoi'" in result.output and "backan" in result.output


def test_run_refuses_to_overwrite_a_store_it_did_not_make(tmp_path):
    db = tmp_path / "mine.sqlite"
    db.write_bytes(b"precious")
    result = CliRunner().invoke(run_command, ["--out", str(tmp_path / "out"), "--db", str(db)])
    assert result.exit_code != 0 and "already exists" in result.output
    assert db.read_bytes() == b"precious"


def test_run_says_where_the_sample_is_missing(tmp_path):
    result = CliRunner().invoke(run_command, ["--out", str(tmp_path), "--sample", str(tmp_path / "nowhere")])
    assert result.exit_code != 0 and "no sample at" in result.output


def test_report_command_says_when_neo4j_is_unreachable(tmp_path):
    import graph.neo4j_store

    if not hasattr(graph.neo4j_store, "Neo4jStore"):   # the graph's Neo4j store has not landed yet
        pytest.skip("graph.neo4j_store.Neo4jStore is not there yet")
    # port 1 on the loopback: nothing listens there, the refusal is immediate
    result = CliRunner().invoke(report_command, ["--neo4j", "bolt://127.0.0.1:1", "--neo4j-user", "neo4j",
                                                 "--neo4j-password", "x", "--out", str(tmp_path / "r")])
    assert result.exit_code != 0
    assert "Neo4j" in result.output and "127.0.0.1:1" in result.output
    assert not (tmp_path / "r").exists()


def test_an_unknown_site_leaves_nothing_behind(tmp_path):
    result = CliRunner().invoke(run_command, ["--out", str(tmp_path / "out"), "--site", "hanoi"])
    assert result.exit_code != 0
    assert not (tmp_path / "out").exists()


def test_the_succession_after_the_2025_merger(answers, sample_run):
    """The Thái Nguyên portal's 2026 plan cites the former Bắc Kạn plan 21/KH-UBND: the plan
    stays Bắc Kạn's (one document, shown as now part of Thái Nguyên), and Thái Nguyên covers
    both provinces' documents."""
    from vanban.cmd_run import succession_counts
    expected = EXPECTED["succession"]
    assert succession_counts(answers["succession"]) == expected["documents_by_locality"]
    plan = expected["post_merger_plan"]
    rows = implementer_rows(answers["implementers"])
    row = next(r for r in rows if r["document"]["number"] == plan["number"])
    assert (row["document"]["province"], row["document"]["date"], row["via"]) == \
        (plan["province"], plan["date"], plan["implements"]["number"])
    cited = next(r["document"] for r in rows if r["document"]["number"] == "21/KH-UBND")
    assert (cited["province"], cited["locality_display"]) == \
        (plan["implements"]["province"], plan["implements"]["shown"])
    _, output = sample_run
    assert "21/KH-UBND · Bắc Kạn (nay thuộc Thái Nguyên) · 2025-01-16" in output
    assert "Which documents does Thái Nguyên cover since the 2025 merger?" in output

"""Every `vanban` command driven with hostile arguments, as a subprocess.

Each case: arguments -> the exit status and the line expected on standard error. No output
of any case may hold a traceback; a case that fails (status 1) says so in one line.
Placeholders: {db} a loaded store, {w} the case's working folder (holding the files
`hostile_files` writes), {ls} a binary file.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest

from tests.cli.conftest import vanban, write_jsonl
from tests.graph.records import ALL, CAM_LO

BINARY = shutil.which("ls") or "/bin/ls"


def hostile_files(w: Path) -> None:
    """The inputs the cases name, in `w`."""
    (w / "binary.jsonl").write_bytes(Path(BINARY).read_bytes()[:4096])
    (w / "latin1.jsonl").write_bytes("{\"url\": \"https://x.example/é\"}\n".encode("latin-1"))
    (w / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (w / "a-folder").mkdir()
    (w / "not-sqlite.sqlite").write_text("these are not the bytes of a database\n")
    text_offset = dict(CAM_LO, references=[dict(CAM_LO["references"][0], start="12")])
    write_jsonl(w / "text-offset.jsonl", [text_offset])
    huge_offset = dict(CAM_LO, relations=[{"source": "252-CV/HU", "target": "33/CT-TTg",
                                           "type": "IMPLEMENTS",
                                           "evidence": {"start": 2 ** 70, "end": 1}}])
    write_jsonl(w / "huge-offset.jsonl", [huge_offset])
    write_jsonl(w / "records.jsonl", ALL)
    gold = w / "gold"
    gold.mkdir()
    (gold / "page.txt").write_text("Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021.\n",
                                   encoding="utf-8")
    (gold / "page.json").write_text("{\"subject\": ", encoding="utf-8")
    shape = w / "gold-shape"
    shape.mkdir()
    (shape / "page.txt").write_text("Kế hoạch số 5/KH-UBND.\n", encoding="utf-8")
    (shape / "page.json").write_text(json.dumps({"references": 5}), encoding="utf-8")
    (w / "empty-warc").mkdir()


ONE_LINE = "one line"   # the status is 1 and standard error is exactly the expected line

CASES = [
    # load: every way a file can be wrong
    (["load", "--db", "{w}/s.sqlite", "binary.jsonl"], 1,
     "vanban load: binary.jsonl: a binary file, not JSON lines (`vanban extract` output)"),
    (["load", "--db", "{w}/s.sqlite", "a-folder"], 1,
     "vanban load: a-folder: is a directory, not a JSON lines file"),
    (["load", "--db", "{w}/s.sqlite", "missing.jsonl"], 1, "vanban load: missing.jsonl: no such file"),
    (["load", "--db", "{w}/s.sqlite", "latin1.jsonl"], 1,
     "error: latin1.jsonl:1: not UTF-8 (byte 0xe9 at column 28)"),
    (["load", "--db", "{w}/s.sqlite", "deep.jsonl"], 1, "error: deep.jsonl:1: JSON nested too deep"),
    (["load", "--db", "{w}/s.sqlite", "text-offset.jsonl"], 1,
     "error: text-offset.jsonl:1: references[0].start must be an integer (or null), got '12'"),
    (["load", "--db", "{w}/s.sqlite", "huge-offset.jsonl"], 1,
     "error: huge-offset.jsonl:1: relations[0].evidence.start must be an integer (or null), "
     "got '1180591620717411303424'"),
    # --db at a file that is not SQLite, or somewhere that cannot be written
    (["load", "--db", "not-sqlite.sqlite", "records.jsonl"], ONE_LINE,
     "vanban load: not-sqlite.sqlite is not a SQLite store"),
    (["load", "--db", "/proc/vanban.sqlite", "records.jsonl"], ONE_LINE,
     "vanban load: /proc/vanban.sqlite cannot be opened (unable to open database file)"),
    (["query", "implementers", "CT 33", "--db", "not-sqlite.sqlite"], ONE_LINE,
     "vanban query: not-sqlite.sqlite is not a SQLite store"),
    (["query", "stats", "--db", "not-sqlite.sqlite"], ONE_LINE,
     "vanban query: not-sqlite.sqlite is not a SQLite store"),
    (["export", "--format", "json", "-o", "g.json", "--db", "not-sqlite.sqlite"], ONE_LINE,
     "vanban export: not-sqlite.sqlite is not a SQLite store"),
    (["query", "stats", "--db", "a-folder"], 2,
     "Error: Invalid value for '--db': File 'a-folder' is a directory."),
    # reading commands refuse a store that does not exist (and do not create it)
    (["query", "implementers", "CT 33", "--db", "typo.sqlite"], ONE_LINE,
     "vanban query: no store at typo.sqlite: load one first (`vanban load`, `vanban crawl`)"),
    (["query", "cited-by", "CT 33", "--db", "typo.sqlite"], ONE_LINE,
     "vanban query: no store at typo.sqlite: load one first (`vanban load`, `vanban crawl`)"),
    (["query", "stats", "--db", "typo.sqlite"], ONE_LINE,
     "vanban query: no store at typo.sqlite: load one first (`vanban load`, `vanban crawl`)"),
    (["export", "--format", "graphml", "-o", "g.graphml", "--db", "typo.sqlite"], ONE_LINE,
     "vanban export: no store at typo.sqlite: load one first (`vanban load`, `vanban crawl`)"),
    (["query", "stats", "--db", "/proc/vanban.sqlite"], ONE_LINE,
     "vanban query: no store at /proc/vanban.sqlite: load one first (`vanban load`, `vanban crawl`)"),
    (["query", "stats"], 1, "load one first (`vanban load`, `vanban crawl`) or give --db PATH"),
    # no match is status 1
    (["query", "implementers", "CT 999", "--db", "{db}"], 1, "No document matches 'CT 999'."),
    (["query", "cites", "Nghị quyết 99-NQ/TW", "--db", "{db}"], 1,
     "No document matches 'Nghị quyết 99-NQ/TW'."),
    (["query", "search", "--kind", "CT", "--province", "%", "--db", "{db}"], 1,
     "No document matches."),
    # Neo4j URIs that are not URIs
    (["query", "stats", "--neo4j", "notauri"], ONE_LINE,
     "vanban query: --neo4j 'notauri' is not a Neo4j URI (use bolt://host:7687 or neo4j://host:7687)"),
    (["load", "--neo4j", "notauri", "records.jsonl"], ONE_LINE,
     "vanban load: --neo4j 'notauri' is not a Neo4j URI (use bolt://host:7687 or neo4j://host:7687)"),
    (["export", "--format", "json", "-o", "g.json", "--neo4j", "http//x"], ONE_LINE,
     "vanban export: --neo4j 'http//x' is not a Neo4j URI (use bolt://host:7687 or neo4j://host:7687)"),
    # numbers out of range
    (["query", "implementers", "CT 33", "--year", "99999999999999999999999", "--db", "{db}"], 2,
     "Error: Invalid value for '--year': 99999999999999999999999 is not in the range 1<=x<=9999."),
    (["query", "search", "CT", "--year", "-1", "--db", "{db}"], 2,
     "Error: Invalid value for '--year': -1 is not in the range 1<=x<=9999."),
    (["query", "lineage", "CT 33", "--max-depth", "0", "--db", "{db}"], 2,
     "Error: Invalid value for '--max-depth': 0 is not in the range 1<=x<=1000."),
    (["query", "stats", "--top", "x", "--db", "{db}"], 2,
     "Error: Invalid value for '--top': 'x' is not a valid integer range."),
    # export to a directory, to somewhere unwritable, neo4j-csv to standard output
    (["export", "--format", "json", "-o", "a-folder", "--db", "{db}"], ONE_LINE,
     "vanban export: a-folder is a directory; give a file name (or - for standard output)"),
    (["export", "--format", "graphml", "-o", "/proc/vanban/g.graphml", "--db", "{db}"], ONE_LINE,
     "vanban export: cannot write /proc/vanban: No such file or directory"),
    (["export", "--format", "neo4j-csv", "-o", "not-sqlite.sqlite", "--db", "{db}"], ONE_LINE,
     "vanban export: not-sqlite.sqlite is a file; neo4j-csv writes a directory"),
    (["export", "--format", "neo4j-csv", "-o", "-", "--db", "{db}"], 2,
     "Error: neo4j-csv writes a directory of CSV files: give -o DIR"),
    # extract and score
    (["extract", "{ls}"], ONE_LINE,
     "vanban extract: {ls}: not a text file (binary content); give the page's text "
     "(PDF and DOCX attachments: `vanban crawl` reads them)"),
    (["extract", "a-folder"], ONE_LINE, "vanban extract: cannot read a-folder: Is a directory"),
    (["score", "gold"], 1, "vanban score: gold/page.json: not JSON (Expecting value, line 1)"),
    (["score", "gold-shape"], 1, "vanban score: gold-shape/page.json: 'references' must be a list"),
    (["score", "missing"], 2, "Error: Invalid value for 'GOLD_DIR': Directory 'missing' does not exist."),
    # reextract without an archive, of an empty folder, of a file that is not WARC
    (["reextract", "--db", "{db}"], ONE_LINE,
     "vanban reextract: no WARC archive at {db}.warc (was the store crawled with --no-warc?); "
     "give --warc FILE_OR_DIR"),
    (["reextract", "--db", "{w}/r.sqlite", "--warc", "empty-warc"], ONE_LINE,
     "vanban reextract: no archived pages in empty-warc (not WARC, or empty)"),
    (["reextract", "--db", "{w}/r.sqlite", "--warc", "{ls}"], 1,
     "vanban reextract: no archived pages in {ls} (not WARC, or empty)"),
    # the rest of the commands
    (["crawl"], 2, "Error: give --site, --profile or --start-url"),
    (["crawl", "--site", "nosuch", "--db", "{w}/c.sqlite"], 2, "Error: no portal profile 'nosuch'"),
    (["run", "--site", "nosuch", "--out", "{w}/run"], ONE_LINE,
     "vanban run: unknown site 'nosuch'; the sample has: backan, camlo, daklak, ninhthuan, quangtri, "
     "thainguyen"),
    (["report", "--db", "typo.sqlite"], 1, "vanban report: no store at typo.sqlite"),
    (["nosuchcommand"], 2, "Error: No such command 'nosuchcommand'."),
]


def _case_id(case) -> str:
    return " ".join(case[0])[:60]


@pytest.fixture
def workdir(tmp_path) -> Path:
    hostile_files(tmp_path)
    return tmp_path


@pytest.mark.parametrize("args,status,expected", CASES, ids=[_case_id(c) for c in CASES])
def test_hostile_arguments(workdir, loaded_store, args, status, expected):
    fill = {"db": str(loaded_store), "w": str(workdir), "ls": BINARY}
    args = [a.format(**fill) for a in args]
    expected = expected.format(**fill)
    result = vanban(*args, cwd=workdir)
    out, err = result.stdout.decode(errors="replace"), result.stderr.decode(errors="replace")
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    if status == ONE_LINE:
        assert (result.returncode, lines) == (1, [expected]), err
    else:
        assert result.returncode == status, err
        assert any(expected in line for line in lines), err
    assert not (workdir / "typo.sqlite").exists()   # no reading command created a store


def test_a_bad_line_does_not_stop_the_load(workdir):
    """Bad lines of every kind among good ones: each named, the good ones loaded, status 1."""
    good = [json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in ALL]
    mixed = (good[0] + b"\xff\xfe not utf-8\n" + good[1] + b"[" * 5000 + b"\n" + good[2]
             + b"{\"url\": \"x\", \"references\": 7}\n" + b"\"a string\"\n" + b"".join(good[3:]))
    (workdir / "mixed.jsonl").write_bytes(mixed)
    result = vanban("load", "--db", "m.sqlite", "mixed.jsonl", cwd=workdir)
    err = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in err
    assert "error: mixed.jsonl:2: not UTF-8 (byte 0xff at column 1)" in err
    assert "error: mixed.jsonl:4: not JSON" in err or "error: mixed.jsonl:4: JSON nested" in err
    assert "error: mixed.jsonl:6: 'references' must be a list" in err
    assert "error: mixed.jsonl:7: not a JSON object" in err
    assert f"loaded {len(ALL)} pages" in err
    stats = vanban("query", "stats", "--db", "m.sqlite", "--format", "json", "--no-pagerank",
                   cwd=workdir)
    assert json.loads(stats.stdout)["pages"] == len(ALL)


def test_export_to_standard_output(loaded_store, tmp_path):
    result = vanban("export", "--format", "json", "-o", "-", "--db", str(loaded_store),
                    cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert not (tmp_path / "-").exists()
    assert json.loads(result.stdout)["multigraph"] is True
    graphml = vanban("export", "--format", "graphml", "-o", "-", "--db", str(loaded_store),
                     cwd=tmp_path)
    assert graphml.returncode == 0 and graphml.stdout.startswith(b"<?xml")


def test_verbose_shows_the_traceback_of_an_unexpected_error(capsys, monkeypatch):
    """An error no command expected is one line; with -v it comes with its traceback."""
    from vanban import cli
    monkeypatch.setitem(cli.SUBCOMMANDS, "boom", "tests.cli.test_hostile_arguments:boom_command")
    for args, traceback in ((["boom"], False), (["-v", "boom"], True)):
        with pytest.raises(SystemExit) as exit_:
            cli.main(args)
        err = capsys.readouterr().err
        assert exit_.value.code == 1
        assert err.splitlines()[-1] == ("vanban boom: unexpected error (ZeroDivisionError: "
                                        "division by zero); run again with -v for the traceback")
        assert ("Traceback" in err) is traceback


@click.command("boom")
def boom_command():
    """A command with a bug."""
    return 1 / 0

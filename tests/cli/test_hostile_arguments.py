"""Every `vanban` command driven with hostile arguments, as a subprocess.

Each case: arguments -> the exit status and the line expected on standard error (ONE_LINE,
ONE_LINE_2: exactly that line and status 1 or 2; STARTS_ONE_LINE: one line starting so; a
number: that status and a line holding the text, as click's usage errors print). No output of
any case may hold a traceback, and no case leaves a store it was refused, or a crawl lock.
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
ONE_LINE_2 = "one line, status 2"   # the same with status 2 (arguments refused before any work)
STARTS_ONE_LINE = "one line starting"   # status 1, one line that starts with the expected text
UNREACHABLE = "bolt://127.0.0.1:1"   # a port nothing listens on

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
    (["reextract", "--db", "not-sqlite.sqlite", "--warc", "empty-warc"], ONE_LINE,
     "vanban reextract: not-sqlite.sqlite is not a SQLite store"),
    (["reextract", "--db", "/proc/vanban.sqlite", "--warc", "empty-warc"], ONE_LINE,
     "vanban reextract: /proc/vanban.sqlite cannot be opened (unable to open database file)"),
    # serve and report: the same store rules as query (they fail before serving or writing)
    (["serve", "--db", "not-sqlite.sqlite"], ONE_LINE, "vanban serve: not-sqlite.sqlite is not a SQLite store"),
    (["serve", "--db", "typo.sqlite"], ONE_LINE,
     "vanban serve: no store at typo.sqlite: load one first (`vanban load`, `vanban crawl`)"),
    (["serve", "--db", "/proc/vanban.sqlite"], ONE_LINE,
     "vanban serve: no store at /proc/vanban.sqlite: load one first (`vanban load`, `vanban crawl`)"),
    (["serve", "--neo4j", "notauri"], ONE_LINE,
     "vanban serve: --neo4j 'notauri' is not a Neo4j URI (use bolt://host:7687 or neo4j://host:7687)"),
    (["serve", "--db", "{db}", "--host", "nosuch.invalid", "--port", "0"], STARTS_ONE_LINE,
     "vanban serve: cannot listen on nosuch.invalid:0: "),
    (["serve", "--db", "{db}", "--port", "65536"], 2,
     "Error: Invalid value for '--port': 65536 is not in the range 0<=x<=65535."),
    (["report", "--db", "not-sqlite.sqlite", "--out", "{w}/rep"], ONE_LINE,
     "vanban report: not-sqlite.sqlite is not a SQLite store"),
    (["report", "--neo4j", "notauri", "--out", "{w}/rep"], ONE_LINE,
     "vanban report: --neo4j 'notauri' is not a Neo4j URI (use bolt://host:7687 or neo4j://host:7687)"),
    (["report", "--db", "{db}", "--out", "not-sqlite.sqlite"], 2,
     "Error: Invalid value for '--out': Directory 'not-sqlite.sqlite' is a file."),
    (["query", "stats", "--neo4j", UNREACHABLE], STARTS_ONE_LINE,
     f"vanban query: cannot reach Neo4j at {UNREACHABLE}: "),
    # crawl: start URLs it will not fetch, profiles that are not JSON, a store that is refused
    (["crawl", "--start-url", "notaurl", "--db", "{w}/c.sqlite"], ONE_LINE_2,
     "vanban crawl: --start-url 'notaurl' is not an http(s) URL"),
    (["crawl", "--start-url", "ftp://x", "--db", "{w}/c.sqlite"], ONE_LINE_2,
     "vanban crawl: --start-url 'ftp://x' is not an http(s) URL"),
    (["crawl", "--start-url", "https://evil.example\\@daklak.gov.vn/a", "--db", "{w}/c.sqlite"], ONE_LINE_2,
     "vanban crawl: --start-url 'https://evil.example\\\\@daklak.gov.vn/a' is refused: "
     "user information or a backslash in a URL hides the host it goes to"),
    (["crawl", "--site", "daklak", "--start-url", "http://127.0.0.1:9/", "--host", "127.0.0.1:8",
      "--db", "{w}/c.sqlite"], ONE_LINE_2,
     "vanban crawl: --start-url 'http://127.0.0.1:9/' is outside the hosts the crawl may fetch (127.0.0.1:8)"),
    (["crawl", "--start-url", "http://127.0.0.1:9/", "--db", "not-sqlite.sqlite"], ONE_LINE,
     "vanban crawl: cannot open the store not-sqlite.sqlite: file is not a database"),
    (["crawl", "--start-url", "http://127.0.0.1:9/", "--db", "/proc/vanban.sqlite"], ONE_LINE,
     "vanban crawl: cannot open the store /proc/vanban.sqlite: unable to open database file"),
    (["crawl", "--profile", "records.jsonl", "--db", "{w}/c.sqlite"], ONE_LINE,
     "vanban crawl: records.jsonl: not JSON (Extra data, line 2)"),
    (["crawl", "--profile", "latin1.jsonl", "--db", "{w}/c.sqlite"], ONE_LINE,
     "vanban crawl: latin1.jsonl: not UTF-8 JSON (byte 0xe9 at offset 27)"),
    (["crawl", "--start-url", "http://127.0.0.1:9/", "--max-nav-depth", "-1"], 2,
     "Error: Invalid value for '--max-nav-depth': -1 is not in the range x>=0."),
    (["crawl", "--start-url", "http://127.0.0.1:9/", "--redis", "notaurl", "--db", "{w}/c.sqlite"],
     STARTS_ONE_LINE, "vanban crawl: cannot reach Redis at notaurl: "),
    # more options out of range or of the wrong kind, for every command
    (["load", "--db", "{w}/s.sqlite", "--batch-size", "0", "records.jsonl"], 2,
     "Error: Invalid value for '--batch-size': 0 is not in the range x>=1."),
    (["load", "--db", "{w}/s.sqlite"], 2, "Error: Missing argument 'FILES...'."),
    (["load", "--db", "a-folder", "records.jsonl"], 2,
     "Error: Invalid value for '--db': File 'a-folder' is a directory."),
    (["query", "cites", "--db", "{db}"], 2, "Error: Missing argument 'DOCUMENT'."),
    (["query", "stats", "--top", "-1", "--db", "{db}"], 2,
     "Error: Invalid value for '--top': -1 is not in the range 1<=x<=100000."),
    (["query", "stats", "--top", "99999999999999999999", "--db", "{db}"], 2,
     "Error: Invalid value for '--top': 99999999999999999999 is not in the range 1<=x<=100000."),
    (["query", "implementers", "CT 33", "--format", "xml", "--db", "{db}"], 2,
     "Error: Invalid value for '--format': 'xml' is not one of 'table', 'json', 'csv'."),
    (["query", "lineage", "CT 33", "--max-depth", "99999999999", "--db", "{db}"], 2,
     "Error: Invalid value for '--max-depth': 99999999999 is not in the range 1<=x<=1000."),
    (["query", "search", "CT", "--year", "0", "--db", "{db}"], 2,
     "Error: Invalid value for '--year': 0 is not in the range 1<=x<=9999."),
    (["query", "search", "--limit", "0", "--db", "{db}"], 2,
     "Error: Invalid value for '--limit': 0 is not in the range 1<=x<=100000."),
    (["query", "lineage", "", "--db", "{db}"], 1, "No document matches."),
    (["query", "implementers", "A" * 100_000, "--db", "{db}"], 1, "No document matches 'AAAA"),
    (["query", "implementers", "1/" * 50_000, "--db", "{db}"], 1, "No document matches '1/1/"),
    # words a full-text index would take as its syntax, and a province that is SQL
    *[(["query", "search", text, "--db", "{db}"], 1, f"No document matches {text!r}.")
      for text in ("NEAR(", "\"", "a*", "[", "x OR", "AND", "x -y", "^", "'")],
    (["query", "search", "CT", "--province", "'; DROP TABLE documents; --", "--db", "{db}"], 1,
     "No document matches 'CT'."),
    (["export", "--format", "json", "--db", "{db}"], 2, "Error: Missing option '--output' / '-o'."),
    (["export", "--format", "xml", "-o", "x", "--db", "{db}"], 2,
     "Error: Invalid value for '--format': 'xml' is not one of 'graphml', 'json', 'neo4j-csv'."),
    (["export", "--format", "json", "-o", "/dev/full", "--db", "{db}"], ONE_LINE,
     "vanban export: cannot write /dev/full: No space left on device"),
    (["export", "--format", "neo4j-csv", "-o", "/proc/vanban-csv", "--db", "{db}"], ONE_LINE,
     "vanban export: cannot write /proc/vanban-csv: No such file or directory"),
    (["extract", "--format", "xml", "records.jsonl"], 2,
     "Error: Invalid value for '--format': 'xml' is not one of 'jsonl', 'json'."),
    (["extract", "missing.txt"], ONE_LINE, "vanban extract: cannot read missing.txt: No such file or directory"),
    (["score", "a-folder"], ONE_LINE, "vanban score: no NAME.txt + NAME.json pairs under a-folder"),
    (["reextract", "--db", "{db}", "--warc", "missing"], 2,
     "Error: Invalid value for '--warc': Path 'missing' does not exist."),
    (["reextract", "--db", "{w}/r.sqlite", "--warc", "latin1.jsonl"], ONE_LINE,
     "vanban reextract: no archived pages in latin1.jsonl (not WARC, or empty)"),
    (["crawl", "--site", "daklak", "--profile", "records.jsonl"], 2, "Error: give --site or --profile, not both"),
    (["crawl", "--start-url", "http://127.0.0.1:9/", "-s", "NOEQUALS"], 2,
     "Error: -s wants NAME=VALUE, got 'NOEQUALS'"),
    (["crawl", "--start-url", "http://127.0.0.1:9/", "--jsonl", "a-folder"], 2,
     "Error: Invalid value for '--jsonl': File 'a-folder' is a directory."),
    (["crawl", "--start-url", "http://127.0.0.1:9/", "--progress", "-1"], 2,
     "Error: Invalid value for '--progress': -1.0 is not in the range x>=0."),
    (["crawl", "--profile", "missing.json"], 2,
     "Error: Invalid value for '--profile': File 'missing.json' does not exist."),
    (["run", "--out", "not-sqlite.sqlite"], 2,
     "Error: Invalid value for '--out': Directory 'not-sqlite.sqlite' is a file."),
    (["run", "--out", "/proc/vanban-run"], ONE_LINE, "vanban run: No such file or directory: /proc/vanban-run"),
    (["run", "--sample", "a-folder", "--out", "{w}/run"], ONE_LINE,
     "vanban run: no sample at a-folder (expected a-folder/sites and a-folder/profiles); pass a directory "
     "laid out like it"),
    (["report", "--db", "{db}", "--out", "/proc/vanban-report"], ONE_LINE,
     "vanban report: No such file or directory: /proc/vanban-report"),
    (["serve", "--db", "a-folder"], 2, "Error: Invalid value for '--db': File 'a-folder' is a directory."),
    (["--nosuchoption"], 2, "Error: No such option '--nosuchoption'."),
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
    if status in (ONE_LINE, ONE_LINE_2):
        assert (result.returncode, lines) == (1 if status == ONE_LINE else 2, [expected]), err
    elif status == STARTS_ONE_LINE:
        assert result.returncode == 1 and len(lines) == 1 and lines[0].startswith(expected), err
    else:
        assert result.returncode == status, err
        assert any(expected in line for line in lines), err
    assert not (workdir / "typo.sqlite").exists()   # no reading command created a store
    assert not list(workdir.glob("*.crawl.*"))       # no refused crawl left a lock or state behind


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

"""`vanban load` streams its input: records are read as the loader asks for them, and
memory does not grow with the size of the file."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import threading

from tests.cli.conftest import ROOT
from tests.graph.records import ALL
from vanban.jsonlines import RecordSource


def test_records_are_read_as_they_are_asked_for(tmp_path):
    """Through a pipe whose writer waits: the first record arrives before the rest is
    written, which a reader of the whole file could not do."""
    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)
    first_read = threading.Event()

    def writer():
        with open(fifo, "w", encoding="utf-8") as f:
            f.write(json.dumps(ALL[0], ensure_ascii=False) + "\n")
            f.flush()
            first_read.wait(30)
            for r in ALL[1:]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    records = iter(RecordSource([str(fifo)], on_error=lambda message: None))
    assert next(records)["url"] == ALL[0]["url"]
    first_read.set()
    assert [r["url"] for r in records] == [r["url"] for r in ALL[1:]]
    thread.join(10)


def _peak_load_mb(tmp_path, pages: int) -> tuple[float, int]:
    """Peak resident memory (MB) of `vanban load` of `pages` generated pages, in a child
    process of its own, and the file's size."""
    path = tmp_path / f"pages-{pages}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for n in range(pages):
            record = copy.deepcopy(ALL[n % len(ALL)])
            record["url"], record["path"] = f"https://generated.example/page/{n}", None
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    measure = (
        "import resource, subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-m', 'vanban', 'load', '-q', '--batch-size', '500',"
        " '--db', sys.argv[2], sys.argv[1]], capture_output=True)\n"
        "assert r.returncode == 0, r.stderr.decode()\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n")
    out = subprocess.run([sys.executable, "-c", measure, str(path), str(tmp_path / f"{pages}.sqlite")],
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True,
                         text=True, timeout=600, check=True)
    return float(out.stdout), path.stat().st_size


def test_memory_does_not_grow_with_the_file(tmp_path):
    small_mb, small_size = _peak_load_mb(tmp_path, 2_000)
    big_mb, big_size = _peak_load_mb(tmp_path, 20_000)
    grown_input_mb = (big_size - small_size) / 1e6
    # measured: reading the file whole grew the peak 9x the input's growth (41 -> 185 MB
    # here); streaming in batches of 500 pages 3x (32 -> 79 MB), all of it SQLite's page
    # cache, which grows with the store during a bulk load
    assert big_mb - small_mb < 5 * grown_input_mb, (small_mb, big_mb, grown_input_mb)

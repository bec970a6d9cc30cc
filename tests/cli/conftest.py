"""Running `vanban` as a user does: a subprocess of this checkout, in its own folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.graph.records import ALL

ROOT = Path(__file__).resolve().parents[2]


def vanban(*args: str, cwd: Path, stdin: bytes | None = None,
           timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m vanban ARGS` with this checkout first on the path and the user data dir
    inside `cwd` (so the default store is never the developer's)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(cwd / "xdg-data"),
               HOME=str(cwd), COLUMNS="80")
    env.pop("NEO4J_URI", None)
    return subprocess.run([sys.executable, "-m", "vanban", *args], cwd=cwd, env=env,
                          input=stdin, capture_output=True, timeout=timeout)


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> Path:
    """A SQLite store holding the graph tests' records."""
    where = tmp_path_factory.mktemp("store")
    records = write_jsonl(where / "records.jsonl", ALL)
    result = vanban("load", "--db", str(where / "g.sqlite"), str(records), cwd=where)
    assert result.returncode == 0, result.stderr.decode()
    return where / "g.sqlite"

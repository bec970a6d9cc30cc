"""The lineage notebook as a reader drives it: its parameters, a store without its document,
and the command the docs give to run it (`jupyter execute`, installed by the test extra).

Parameters are given as papermill gives them: a cell tagged `injected-parameters` after the
one tagged `parameters`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell

from tests.cli.conftest import vanban, write_jsonl
from tests.graph.records import ALL

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "lineage.ipynb"
# two pages that cite 35-CT/TU and 05-CT/TW, never 33/CT-TTg
WITHOUT_CT33 = [ALL[1], ALL[4]]


def with_parameters(nb: nbformat.NotebookNode, **values) -> nbformat.NotebookNode:
    """The notebook with `values` injected after its parameters cell, as papermill does."""
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "one cell tagged 'parameters'"
    source = "\n".join(f"{name} = {value!r}" for name, value in values.items())
    nb.cells.insert(tagged[0] + 1, new_code_cell(source, metadata={"tags": ["injected-parameters"]}))
    return nb


def execute(nb: nbformat.NotebookNode, where: Path, monkeypatch) -> list[dict]:
    """Run every cell in a kernel of this checkout; the outputs of all code cells."""
    for name in ("VANBAN_DB", "NEO4J_URI", "MPLBACKEND"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(where)}}).execute()
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def text_of(outputs: list[dict]) -> str:
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")


def images_of(outputs: list[dict]) -> int:
    return sum("image/png" in o.get("data", {}) for o in outputs)


@pytest.fixture(scope="module")
def store_without_ct33(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("no-ct33")
    result = vanban("load", "--db", str(where / "g.sqlite"), str(write_jsonl(where / "r.jsonl", WITHOUT_CT33)),
                    cwd=where)
    assert result.returncode == 0, result.stderr.decode()
    return where / "g.sqlite"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    from vanban.cmd_run import build_sample_store

    return build_sample_store(tmp_path_factory.mktemp("sample"))


def test_the_parameters_cell_is_tagged_as_papermill_looks_for_it():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    names = {line.split("=", 1)[0].strip() for line in cell.source.splitlines()
             if "=" in line and not line.startswith("#")}
    assert names == {"document", "db"}


def test_on_the_sample_with_another_document(sample_store, tmp_path, monkeypatch):
    nb = with_parameters(nbformat.read(NOTEBOOK, as_version=4), document="05-CT/TW", db=str(sample_store))
    outputs = execute(nb, tmp_path, monkeypatch)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert images_of(outputs) >= 3                     # lineage graph, timeline, provinces
    text = text_of(outputs)
    assert "05-CT/TW" in text and "not drawn" not in text


def test_a_store_without_the_document_is_said_in_a_sentence(store_without_ct33, tmp_path, monkeypatch):
    nb = with_parameters(nbformat.read(NOTEBOOK, as_version=4), db=str(store_without_ct33))
    outputs = execute(nb, tmp_path, monkeypatch)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = text_of(outputs)
    assert "This store holds no document '33/CT-TTg', so its implementers, lineage and timeline are not drawn." in text
    assert "its most influential: " in text            # what it could ask instead
    assert "PageRank:" in text                          # the store-wide ranking still runs
    assert images_of(outputs) == 0


def test_the_documented_command_runs_it(store_without_ct33, tmp_path):
    """docs/sample.md: `VANBAN_DB=... jupyter execute notebooks/lineage.ipynb --output ...`."""
    env = {**os.environ, "VANBAN_DB": str(store_without_ct33),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.pop("NEO4J_URI", None)
    jupyter = Path(sys.executable).with_name("jupyter")
    command = [str(jupyter) if jupyter.exists() else "jupyter", "execute", str(NOTEBOOK),
               "--output", str(tmp_path / "lineage-run")]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    executed = json.loads((tmp_path / "lineage-run.ipynb").read_text(encoding="utf-8"))
    text = "".join("".join(o.get("text", "")) for c in executed["cells"] for o in c.get("outputs", []))
    assert "This store holds no document '33/CT-TTg'" in text
    assert not (ROOT / "notebooks" / "lineage-run.ipynb").exists()

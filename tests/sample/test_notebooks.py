"""The notebooks run from top to bottom (executed with nbclient, as a reader would run them).

The lineage notebook builds its own store from the bundled sample (a real crawl on 127.0.0.1 in
a child process), so it cannot rot silently when the pipeline changes.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes(path: Path, tmp_path: Path, monkeypatch):
    # the notebook reads VANBAN_DB / NEO4J_URI to use another store: make sure it builds the sample
    # (and MPLBACKEND: the kernel must use its inline backend so figures become outputs)
    for name in ("VANBAN_DB", "NEO4J_URI", "MPLBACKEND"):
        monkeypatch.delenv(name, raising=False)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if "image/png" in o.get("data", {})]
    assert len(images) >= 3   # lineage graph, timeline, provinces


def test_notebooks_are_committed_without_outputs():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name

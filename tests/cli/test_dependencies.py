"""Optional dependencies: PageRank without scipy, spaCy's tokenizer without pyvi, and a
clear line naming the extra when one is missing."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import networkx as nx
import pytest

from tests.cli.conftest import ROOT


def _without(modules: list[str], code: str) -> subprocess.CompletedProcess:
    """Run `code` in a child where importing any of `modules` fails, as if not installed."""
    block = "import sys\n" + "".join(f"sys.modules[{m!r}] = None\n" for m in modules)
    return subprocess.run([sys.executable, "-c", block + code], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=300)


def test_pagerank_is_networkx_pagerank():
    from graph.ranking import pagerank
    pytest.importorskip("scipy")
    g = nx.gnp_random_graph(200, 0.03, directed=True, seed=7)
    for n, (u, v) in enumerate(g.edges):
        g[u][v]["weight"] = (1.0, 0.3, 2.0)[n % 3]
    expected = nx.pagerank(g, weight="weight")
    assert max(abs(pagerank(g)[k] - expected[k]) for k in expected) < 1e-9


def test_stats_ranks_influence_without_scipy(loaded_store):
    result = _without(["scipy"], "from vanban.cli import main\n"
                      f"main(['query', 'stats', '--format', 'json', '--db', {str(loaded_store)!r}])")
    assert result.returncode == 0, result.stderr
    assert '"influence"' in result.stdout and '"pagerank"' in result.stdout


def test_spacy_component_without_pyvi():
    pytest.importorskip("spacy")
    result = _without(["pyvi"], "from extract.spacy_component import blank_pipeline\n"
                      "doc = blank_pipeline()('Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021.')\n"
                      "print([s.text for s in doc.spans['vanban']])")
    assert result.returncode == 0, result.stderr
    assert "33/CT-TTg" in result.stdout


def test_a_missing_extra_is_one_line_naming_it():
    result = _without(["matplotlib"], "from vanban.cli import main\n"
                      "main(['report', '--db', 'missing.sqlite'])")
    assert "Traceback" not in result.stderr
    from vanban.cli import describe_error
    assert describe_error(ModuleNotFoundError("No module named 'matplotlib'", name="matplotlib")) \
        == ("this needs matplotlib, an optional dependency: pip install 'vanban-graph[report]' "
            "(or bash tools/install.sh)")
    spacy_missing = _without(["spacy"], "import extract.spacy_component")
    assert "pip install 'vanban-graph[spacy]'" in spacy_missing.stderr.splitlines()[-1]


def test_extras_and_the_install_script():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    required = " ".join(project["dependencies"])
    for name in ("pyvi", "scipy", "spacy", "matplotlib", "redis", "neo4j-rust-ext"):
        assert name not in required
    extras = project["optional-dependencies"]
    assert {"spacy", "report", "distributed", "neo4j-fast", "all"} <= set(extras)
    assert '-e ".[test,all]"' in (ROOT / "tools" / "install.sh").read_text(encoding="utf-8")

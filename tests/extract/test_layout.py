"""The shape of `extract/`: one module per stage, and callers that use public names only."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _private_uses(path: Path) -> list[str]:
    """Names with a leading underscore that `path` takes from `extract` (imported from an
    `extract` module, or read as an attribute of one imported as a name)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, aliases = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "extract":
            for alias in node.names:
                if alias.name.startswith("_"):
                    found.append(f"{node.module}.{alias.name}")
                else:
                    aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "extract":
                    aliases.add((alias.asname or alias.name).split(".")[0])
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") \
                and isinstance(node.value, ast.Name) and node.value.id in aliases:
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_tests_and_benchmark_use_public_names_only():
    paths = sorted((ROOT / "tests").rglob("*.py")) + [ROOT / "bench" / "bench_extract.py"]
    uses = {str(p.relative_to(ROOT)): _private_uses(p) for p in paths}
    assert {p: u for p, u in uses.items() if u} == {}



def test_no_module_of_extract_is_long():
    lengths = {p.name: len(p.read_text(encoding="utf-8").splitlines())
               for p in (ROOT / "extract").glob("*.py")}
    assert {name: n for name, n in lengths.items() if n > 400} == {}
    assert lengths["engine.py"] < 100

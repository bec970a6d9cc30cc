"""The shape of `extract/`: one module per stage, and callers that use public names only."""

from __future__ import annotations

import ast
import re
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


# ASCII words that are Vietnamese (written without their marks, or with none)
_ASCII_VIETNAMESE = frozenset("theo ban cho trong sau nay khi tai cua ngay nam so va thuc hien".split())
_GRAMMAR_MODULES = {"grammar.py", "grammar_issuers.py", "patterns.py", "patterns_issuers.py",
                    "grammar_examples.py"}
# Modules whose module-level tables are Unicode, not vocabulary (look-alike letters,
# combining marks, mojibake), and the scorer
_CHARACTER_MODULES = {"normalize.py", "textio.py", "score.py"}


def _is_vietnamese(value: str) -> bool:
    letters = [c for c in value if c.isalpha()]
    words = set(re.findall(r"[a-z]+", value.lower()))
    return not value.isascii() and len(letters) >= 2 or bool(words & _ASCII_VIETNAMESE)


def _vietnamese_literals(source: str, module_level: bool = False) -> list[tuple[int, str]]:
    """String literals in function bodies (docstrings aside) that are Vietnamese words or
    phrases: a non-ASCII literal of two letters or more, or one holding an ASCII
    Vietnamese word. A single character ("đ" -> "d" when folding) is no vocabulary.
    With `module_level`, the module's own assignments are looked at too."""
    tree = ast.parse(source)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and ast.get_docstring(node, clean=False) is not None}
    found = []
    for fn in ast.walk(tree):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for stmt in fn.body:
            for node in ast.walk(stmt):
                if not isinstance(node, ast.Constant) or not isinstance(node.value, str) \
                        or id(node) in docstrings:
                    continue
                if _is_vietnamese(node.value):
                    found.append((node.lineno, node.value))
    for stmt in tree.body if module_level else ():
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            found += [(node.lineno, node.value) for node in ast.walk(stmt)
                      if isinstance(node, ast.Constant) and isinstance(node.value, str)
                      and _is_vietnamese(node.value)]
    return found


def test_vietnamese_words_live_in_the_grammar():
    found = {}
    for path in sorted((ROOT / "extract").glob("*.py")):
        if path.name not in _GRAMMAR_MODULES:
            literals = _vietnamese_literals(path.read_text(encoding="utf-8"),
                                            module_level=path.name not in _CHARACTER_MODULES)
            if literals:
                found[path.name] = literals
    assert found == {}


def test_the_literal_test_sees_a_vietnamese_literal():
    source = 'def f(text):\n    """Tìm "của"."""\n    return text.find("của") + text.find("cua")\n'
    assert [value for _, value in _vietnamese_literals(source)] == ["của", "cua"]

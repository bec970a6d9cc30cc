"""graph/ has no import circle: every `import`/`from ... import` of a graph module in
graph/*.py (at any depth, lazy ones in function bodies included) is an edge, and the
graph of those edges must be acyclic. Back ends are reached through `store.BACKENDS`
("module:attr" strings), which are not imports."""

import ast
from pathlib import Path

import networkx as nx

GRAPH_DIR = Path(__file__).resolve().parents[2] / "graph"


def _imported_graph_modules(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        out |= {n for n in names if n.startswith("graph.")
                and (GRAPH_DIR / f"{n.split('.', 1)[1]}.py").exists()}
    return out


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for path in sorted(GRAPH_DIR.glob("*.py")):
        if path.stem == "__init__":
            continue
        module = f"graph.{path.stem}"
        g.add_node(module)
        for target in _imported_graph_modules(path):
            if target != module:
                g.add_edge(module, target)
    return g


def test_graph_package_has_no_import_circle():
    g = import_graph()
    assert g.number_of_edges() > 0     # the walk sees the imports at all
    cycles = list(nx.simple_cycles(g))
    assert cycles == [], f"import circles in graph/: {cycles}"


def test_the_walk_sees_lazy_imports(tmp_path):
    # a lazy import inside a function is an import like any other
    src = "def f():\n    from graph.store import Store\n"
    p = tmp_path / "x.py"
    p.write_text(src)
    assert "graph.store" in _imported_graph_modules(p)

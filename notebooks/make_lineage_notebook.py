"""Write notebooks/lineage.ipynb from the cells below (outputs are not committed: CI executes it).

    python notebooks/make_lineage_notebook.py
"""

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    ("md", """# Lineage of documents: who carries out what

This notebook reads a vanban-graph store and asks the questions a researcher of Vietnamese public
administration asks: which documents implement *Chỉ thị 33/CT-TTg*, how its implementation spreads
from the provinces to the districts, which documents are the most influential, and how provinces
compare.

Its two parameters are in the cell tagged `parameters` (papermill's convention): `document`, the
document whose implementers and lineage it draws (33/CT-TTg by default, written as `vanban query`
takes it), and `db`, the store. Edit them there, or give them to papermill
(`papermill lineage.ipynb out.ipynb -p document "05-CT/TW" -p db my.sqlite`). With `db = None` it
uses `VANBAN_DB` (a SQLite file) or `NEO4J_URI` (with `NEO4J_USER` / `NEO4J_PASSWORD`) from the
environment, else it builds its store from the **bundled offline sample** (the same pipeline as
`vanban run`: a real crawl of sites served on 127.0.0.1, extraction, identity resolution), so it
runs anywhere in a few seconds. A store that does not hold the document is said so in a sentence;
the store-wide ranking still runs."""),
    ("code", """import os
import tempfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import networkx as nx

from graph import open_store, queries
from vanban.cmd_run import build_sample_store"""),
    ("parameters", """# parameters: edit them here, or give them to papermill (-p document "05-CT/TW" -p db my.sqlite)
document = "33/CT-TTg"   # the document whose implementers and lineage are drawn
db = None                # a SQLite store; None: $VANBAN_DB or $NEO4J_URI, else the bundled sample"""),
    ("code", """db = db or os.environ.get("VANBAN_DB")
if db:
    if not Path(db).is_file():   # open_store would create an empty store there
        raise FileNotFoundError(f"no store at {db}: load one first (vanban load, vanban crawl)")
    store = open_store(db)
elif os.environ.get("NEO4J_URI"):
    store = open_store(neo4j_uri=os.environ["NEO4J_URI"], neo4j_user=os.environ.get("NEO4J_USER"),
                       neo4j_password=os.environ.get("NEO4J_PASSWORD"))
else:
    workdir = tempfile.mkdtemp(prefix="vanban-notebook-")
    store = open_store(build_sample_store(workdir))   # crawls the sample in a child process
counts = store.counts()
counts"""),
    ("md", """## Which documents implement it?

`queries.implementers` follows IMPLEMENTS edges backwards from every document the query names,
to any depth. Each result carries its path and, for each step, the sentences that state it. When
the store holds no document of that number, the cell says so and the drawings of the document are
left out."""),
    ("code", """answer = queries.implementers(store, document)
found = bool(answer["resolved"])
if not found:
    known = ", ".join(r["document"]["number"] for r in queries.influence(store, top=5))
    print(f"This store holds no document {document!r}, so its implementers, lineage and timeline "
          f"are not drawn. Set `document` in the parameters cell to one it holds"
          + (f" (its most influential: {known})." if known else " (it is empty)."))
else:
    target = answer["resolved"][0]["key"]
    print("resolved:", [d["key"] for d in answer["resolved"]])
for r in answer["results"]:
    doc = r["document"]
    step = r["evidence"][0]["evidence"][0] if r["evidence"] and r["evidence"][0]["evidence"] else {}
    print(f"{'  ' * (r['depth'] - 1)}depth {r['depth']}: {doc['number']:<14} {doc.get('province') or '':<12}"
          f" {doc.get('date') or '':<10}  “{' '.join((step.get('sentence') or '').split())[:90]}...”")"""),
    ("md", """## The lineage as a graph

`store.to_networkx()` gives the whole store as a `networkx.MultiDiGraph` (edges keyed by relation
type). We keep the lineage edges (IMPLEMENTS, BASED_ON) around the document and draw them in
layers: the document on top, the plans that carry it out under it, the plans that carry those out
under them."""),
    ("code", """G = store.to_networkx()
LINEAGE = {"IMPLEMENTS", "BASED_ON"}
lineage = nx.DiGraph((u, v) for u, v, k in G.edges(keys=True) if k in LINEAGE)
lineage.add_nodes_from(G)                                 # documents without lineage edges too"""),
    ("found", """family = {target} | nx.ancestors(lineage, target)      # everything that leads to it
sub = lineage.subgraph(family)

depth = nx.shortest_path_length(sub, target=target)      # steps from each document to it
rows_by_depth = defaultdict(list)
for node, d in depth.items():
    rows_by_depth[d].append(node)
pos = {}                                                  # the document on top, one row per step,
for d in sorted(rows_by_depth):                           # each document under what it carries out
    def under(n):
        xs = [pos[t][0] for t in sub.successors(n) if t in pos]
        return sum(xs) / len(xs) if xs else 0.0
    row_nodes = sorted(rows_by_depth[d], key=lambda n: (under(n), n))
    for i, n in enumerate(row_nodes):
        pos[n] = (i - (len(row_nodes) - 1) / 2, -d)
labels = {n: G.nodes[n]["number"] + ("\\n" + G.nodes[n]["province"] if G.nodes[n].get("province") else "")
          for n in sub}
fig, ax = plt.subplots(figsize=(12, 5))
nx.draw_networkx(sub, pos, labels=labels, node_color="#e8f0fe", edgecolors="#555", node_size=2600,
                 font_size=7, arrows=True, arrowsize=12, ax=ax)
ax.set_title(f"Documents that carry out {G.nodes[target]['number']} (arrows: implements)")
ax.axis("off")
plt.show()"""),
    ("md", """## The lineage as a timeline

The same documents on a time axis, one row per province: how long after the directive each
province and district acted."""),
    ("found", """dated = {n: date.fromisoformat(G.nodes[n]["date"]) for n in family if G.nodes[n].get("date")}
rows = sorted({G.nodes[n].get("province") or "Trung ương" for n in dated}, key=lambda p: (p != "Trung ương", p))
row = {p: i for i, p in enumerate(rows)}
fig, ax = plt.subplots(figsize=(12, 4))
for u, v in sub.edges():
    if u in dated and v in dated:
        ax.annotate("", xy=(dated[v], row[G.nodes[v].get("province") or "Trung ương"]),
                    xytext=(dated[u], row[G.nodes[u].get("province") or "Trung ương"]),
                    arrowprops={"arrowstyle": "-|>", "color": "#1f77b4", "lw": 0.8})
placed = Counter()                    # alternate labels above/below so close dates stay readable
for n, d in sorted(dated.items(), key=lambda kv: kv[1]):
    y = row[G.nodes[n].get("province") or "Trung ương"]
    ax.plot(d, y, "o", color="#8b0000")
    up = placed[y] % 2 == 0
    placed[y] += 1
    ax.annotate(G.nodes[n]["number"], (d, y), textcoords="offset points", xytext=(0, 7 if up else -9),
                ha="center", va="bottom" if up else "top", fontsize=7)
ax.set_yticks(range(len(rows)), rows)
ax.set_ylim(-0.6, len(rows) - 0.4)
ax.grid(axis="x", alpha=0.3)
ax.set_title(f"Implementation of {G.nodes[target]['number']} over time")
plt.show()
lags = sorted(((dated[n] - dated[target]).days, G.nodes[n]["number"], G.nodes[n].get("province"))
              for n in dated if n != target and depth.get(n) == 1 and target in dated)
print(f"days from {G.nodes[target]['number']} to each direct implementer:")
for days, number, province in lags:
    print(f"  {days:>5}  {number} ({province})")"""),
    ("md", """## Ranking documents by influence

Two measures: how many documents carry a document out (directly or through a chain), and
PageRank over all typed relations (`queries.influence`; citations weigh less than implementations)."""),
    ("code", """reach = {n: len(nx.ancestors(lineage, n)) for n in lineage}
print("carried out by (all depths):")
for n, k in sorted(reach.items(), key=lambda kv: (-kv[1], kv[0]))[:8]:
    print(f"  {k:>3}  {G.nodes[n]['number']} {G.nodes[n].get('province') or ''}")
print("\\nPageRank:")
for r in queries.influence(store, top=8):
    print(f"  {r['pagerank']:.4f}  {r['document']['number']} {r['document'].get('province') or ''}")"""),
    ("md", """## Comparing provinces

For each province: how many of its documents carry out the document, directly (depth 1: usually the
province's own plan) or through another plan (depth 2 and more: district plans, later provincial plans)."""),
    ("found", """per_province = defaultdict(Counter)
for r in answer["results"]:
    province = r["document"].get("province") or "?"
    per_province[province]["directly" if r["depth"] == 1 else "through another plan"] += 1
provinces = sorted(per_province)
levels = ["directly", "through another plan"]
fig, ax = plt.subplots(figsize=(8, 3.5))
bottom = [0] * len(provinces)
for level, colour in zip(levels, ["#8b0000", "#1f77b4"]):
    values = [per_province[p][level] for p in provinces]
    ax.bar(provinces, values, bottom=bottom, label=level, color=colour)
    bottom = [b + v for b, v in zip(bottom, values)]
ax.set_ylabel(f"documents implementing {G.nodes[target]['number']}")
ax.legend()
plt.show()
print({p: dict(c) for p, c in sorted(per_province.items())})"""),
    ("code", """store.close()"""),
]


# what a "found" cell prints when the store does not hold the document
SKIPPED = 'print(f"(not drawn: the store holds no document {document!r})")'


def _cell(kind: str, src: str) -> nbformat.NotebookNode:
    """A notebook cell: markdown, code, the parameters cell (tagged as papermill looks for it),
    or a "found" cell: code about the document, run only when the store holds it."""
    if kind == "md":
        return new_markdown_cell(src)
    if kind == "parameters":
        return new_code_cell(src, metadata={"tags": ["parameters"]})
    if kind == "found":
        body = "\n".join(("    " + line) if line.strip() else "" for line in src.splitlines())
        return new_code_cell(f"if found:\n{body}\nelse:\n    {SKIPPED}")
    return new_code_cell(src)


def build() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [_cell(kind, src) for kind, src in CELLS]
    return nb


if __name__ == "__main__":
    path = Path(__file__).with_name("lineage.ipynb")
    nbformat.write(build(), path)
    print(f"wrote {path}")

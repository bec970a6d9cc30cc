"""The HTML lineage report: a static site that shows who implements what, and why we think so.

    >>> from vanban.report import LineageView, write_report
    >>> view = LineageView.from_networkx(store.to_networkx())
    >>> write_report(view, "report/")          # returns report/index.html

The site has an index of documents (grouped by province, then kind), one page per document
(its ancestors, descendants, every relation with the evidence sentence and a link to the
page that states it, the pages that mention it) and drawings of the lineage (SVG, drawn with
matplotlib: the whole graph on the index, each document's own lineage on its page, and a
timeline). Everything is relative links, so the directory can be zipped, mailed or served.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import networkx as nx

__all__ = ["Doc", "Link", "Evidence", "LineageView", "write_report", "LINEAGE_TYPES"]

# Relation types that make a document a descendant of another (source carries out target).
from graph.relation_types import DESCENT_TYPES as LINEAGE_TYPES  # noqa: E402

TYPE_LABELS = {
    "IMPLEMENTS": "thực hiện (implements)",
    "BASED_ON": "căn cứ (based on)",
    "GUIDES": "hướng dẫn (guides)",
    "AMENDS": "sửa đổi (amends)",
    "REPLACES": "thay thế (replaces)",
    "REPEALS": "bãi bỏ (repeals)",
    "CITES": "trích dẫn (cites)",
}
TYPE_COLOURS = {
    "IMPLEMENTS": "#1f77b4", "BASED_ON": "#2ca02c", "GUIDES": "#9467bd",
    "AMENDS": "#ff7f0e", "REPLACES": "#d62728", "REPEALS": "#8c564b", "CITES": "#bbbbbb",
}
CENTRAL = "Trung ương"


@dataclass
class Evidence:
    """Where a relation is stated: the sentence, the page it stands on, the cue words."""

    sentence: str | None
    url: str | None
    cue: str | None = None


@dataclass
class Doc:
    """One document (or law) as the report shows it."""

    id: str
    number: str
    kind: str | None = None
    date: str | None = None
    issuer: str | None = None
    province: str | None = None
    title: str | None = None
    urls: list[str] = field(default_factory=list)
    is_law: bool = False

    @property
    def label(self) -> str:
        """Number plus the locality when the number alone is ambiguous in practice."""
        return self.number if not self.province else f"{self.number} ({self.province})"


@dataclass
class Link:
    """A typed relation source -> target with all the evidence for it."""

    source: str
    target: str
    type: str
    evidence: list[Evidence] = field(default_factory=list)


def _first(data: dict[str, Any], *names: str) -> Any:
    for name in names:
        value = data.get(name)
        if value not in (None, "", [], ()):
            return value
    return None


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple, set)):
        return list(value)
    return [value]


def _evidence_items(data: dict[str, Any]) -> list[Evidence]:
    raw = _first(data, "evidence", "evidences")
    items: list[Evidence] = []
    for ev in _as_list(raw):
        if isinstance(ev, dict):
            items.append(Evidence(_first(ev, "sentence", "text"), _first(ev, "url", "page", "page_url"),
                                  _first(ev, "cue")))
        elif isinstance(ev, str):
            items.append(Evidence(ev, _first(data, "url", "page"), _first(data, "cue")))
    if not items and _first(data, "sentence"):
        items.append(Evidence(data["sentence"], _first(data, "url", "page"), _first(data, "cue")))
    return items


class LineageView:
    """Documents and typed links, with the ancestor/descendant walks the report needs."""

    def __init__(self, docs: Iterable[Doc], links: Iterable[Link]):
        self.docs: dict[str, Doc] = {d.id: d for d in docs}
        merged: dict[tuple[str, str, str], Link] = {}
        for link in links:
            if link.source not in self.docs or link.target not in self.docs:
                continue
            key = (link.source, link.target, link.type)
            if key in merged:
                merged[key].evidence.extend(link.evidence)
            else:
                merged[key] = Link(link.source, link.target, link.type, list(link.evidence))
        self.links: list[Link] = list(merged.values())
        self._lineage = nx.DiGraph()
        self._lineage.add_nodes_from(self.docs)
        for link in self.links:
            if link.type in LINEAGE_TYPES and link.source != link.target:
                self._lineage.add_edge(link.source, link.target)

    @classmethod
    def from_networkx(cls, graph: nx.Graph) -> "LineageView":
        """A view of a store's networkx export: nodes are documents/laws, edges typed relations.

        Node attributes read: number (or name), kind, date, issuer, province, title, urls/pages;
        edge attributes: type, evidence (a dict, a list of dicts, or a sentence with url).
        """
        docs = []
        for node, data in graph.nodes(data=True):
            label = str(_first(data, "label", "node_type") or "")
            is_law = label.lower() == "law" or (_first(data, "number") is None and
                                                 _first(data, "name") is not None)
            number = _first(data, "number", "name") or str(node)
            urls = [u for u in _as_list(_first(data, "urls", "pages", "sources", "url")) if u]
            docs.append(Doc(id=str(node), number=str(number), kind=_first(data, "kind"),
                            date=_first(data, "date"), issuer=_first(data, "issuer"),
                            province=_first(data, "province", "locality"),
                            title=_first(data, "title"), urls=[str(u) for u in urls], is_law=is_law))
        links = []
        multi = graph.is_multigraph()
        edges = graph.edges(keys=True, data=True) if multi else graph.edges(data=True)
        for edge in edges:
            source, target, data = edge[0], edge[1], edge[-1]
            rtype = _first(data, "type", "rel", "relation")
            if rtype is None and multi and isinstance(edge[2], str):
                rtype = edge[2]
            links.append(Link(str(source), str(target), str(rtype or "CITES").upper(),
                              _evidence_items(data)))
        return cls(docs, links)

    @classmethod
    def from_store(cls, store, max_sources: int = 20) -> "LineageView":
        """A view of a whole store (`graph.store.Store`): its networkx export plus each
        document's source pages (`store.sources`)."""
        graph = store.to_networkx()
        for node, data in graph.nodes(data=True):
            if data.get("label") != "Law" and not data.get("urls"):
                data["urls"] = store.sources(node, max_sources)
        return cls.from_networkx(graph)

    # --- walks -------------------------------------------------------------------------
    def ancestors(self, doc_id: str) -> dict[str, int]:
        """Documents `doc_id` carries out, directly or not: id -> shortest depth (1 = direct)."""
        return {n: d for n, d in nx.single_source_shortest_path_length(self._lineage, doc_id).items()
                if n != doc_id}

    def descendants(self, doc_id: str) -> dict[str, int]:
        """Documents that carry out `doc_id`, directly or not: id -> shortest depth."""
        reverse = self._lineage.reverse(copy=False)
        return {n: d for n, d in nx.single_source_shortest_path_length(reverse, doc_id).items()
                if n != doc_id}

    def links_from(self, doc_id: str) -> list[Link]:
        """Relations this document states about others."""
        return [ln for ln in self.links if ln.source == doc_id]

    def links_to(self, doc_id: str) -> list[Link]:
        """Relations others state about this document."""
        return [ln for ln in self.links if ln.target == doc_id]

    def influence(self) -> dict[str, int]:
        """Number of descendants per document (how far its lineage reaches)."""
        return {d: len(nx.ancestors(self._lineage, d)) for d in self.docs}

    def lineage_subgraph(self, doc_id: str) -> nx.DiGraph:
        """The lineage edges among a document, its ancestors and its descendants."""
        keep = {doc_id, *self.ancestors(doc_id), *self.descendants(doc_id)}
        return self._lineage.subgraph(keep).copy()

    def lineage_graph(self) -> nx.DiGraph:
        """All lineage edges (documents with no lineage relation left out)."""
        keep = [n for n in self._lineage if self._lineage.degree(n)]
        return self._lineage.subgraph(keep).copy()

    def link_type(self, source: str, target: str) -> str:
        for ln in self.links:
            if ln.source == source and ln.target == target and ln.type in LINEAGE_TYPES:
                return ln.type
        return "CITES"


# --- files ---------------------------------------------------------------------------------
_UNSAFE = re.compile(r"[^0-9A-Za-z]+")


def page_name(doc: Doc) -> str:
    """A stable, filesystem-safe file name for a document's page."""
    from extract.normalize import strip_diacritics

    stem = _UNSAFE.sub("-", strip_diacritics(doc.label)).strip("-").lower()[:60] or "doc"
    digest = hashlib.sha1(doc.id.encode("utf-8")).hexdigest()[:8]
    return f"{stem}-{digest}.html"


# --- drawings -------------------------------------------------------------------------------
def _layers(graph: nx.DiGraph) -> dict[str, int]:
    """Layer per node: sources of the lineage (implemented by nobody they implement) at the top.

    Edges point from the implementing document to the implemented one, so the layer of a
    node is the length of the longest implementation chain above it.
    """
    cond = nx.condensation(graph)
    depth: dict[int, int] = {}
    for c in reversed(list(nx.topological_sort(cond))):
        depth[c] = max((depth[s] + 1 for s in cond.successors(c)), default=0)
    return {n: depth[cond.graph["mapping"][n]] for n in graph}


def _draw(view: LineageView, graph: nx.DiGraph, path: Path, focus: str | None = None,
          title: str | None = None) -> None:
    """Draw a lineage graph as SVG: central documents on top, implementers below."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if graph.number_of_nodes() == 0:
        graph = nx.DiGraph()
        if focus:
            graph.add_node(focus)
    layers = _layers(graph) if graph.number_of_nodes() else {}
    by_layer: dict[int, list[str]] = defaultdict(list)
    for n, layer in layers.items():
        by_layer[layer].append(n)
    pos: dict[str, tuple[float, float]] = {}
    widest = max((len(v) for v in by_layer.values()), default=1)
    for layer in sorted(by_layer):
        nodes = by_layer[layer]
        nodes.sort(key=lambda n: (view.docs[n].province or "", view.docs[n].date or "", view.docs[n].number))
        if layer:
            # barycentre heuristic: a node sits under what it carries out (fewer crossings)
            def under(n: str) -> float:
                xs = [pos[t][0] for t in graph.successors(n) if t in pos]
                return sum(xs) / len(xs) if xs else 0.0
            nodes.sort(key=under)
        for i, n in enumerate(nodes):
            pos[n] = ((i - (len(nodes) - 1) / 2) * 2.6, -layer * 1.6)
    width = max(6.0, min(26.0, widest * 2.3))
    height = max(2.5, min(16.0, (len(by_layer) or 1) * 1.5 + 1))
    fig, ax = plt.subplots(figsize=(width, height))
    for (u, v) in graph.edges():
        colour = TYPE_COLOURS.get(view.link_type(u, v), "#999")
        ax.annotate("", xy=pos[v], xytext=pos[u],
                    arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1.3,
                                "shrinkA": 14, "shrinkB": 14})
    for n, (x, y) in pos.items():
        doc = view.docs[n]
        face = "#ffe9a8" if n == focus else ("#e8f0fe" if doc.province else "#fde2e2")
        text = doc.number + (f"\n{doc.province}" if doc.province else "")
        ax.text(x, y, text, ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round,pad=0.35", "fc": face, "ec": "#555", "lw": 0.8})
    xs = [p[0] for p in pos.values()] or [0]
    ys = [p[1] for p in pos.values()] or [0]
    ax.set_xlim(min(xs) - 1.6, max(xs) + 1.6)
    ax.set_ylim(min(ys) - 0.9, max(ys) + 0.9)
    ax.axis("off")
    if title:
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def _draw_timeline(view: LineageView, graph: nx.DiGraph, path: Path) -> None:
    """The lineage on a time axis: each document at its date, one row per province."""
    import datetime

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    dated = {n: datetime.date.fromisoformat(view.docs[n].date[:10])
             for n in graph if view.docs[n].date and len(view.docs[n].date) >= 10}
    rows = sorted({view.docs[n].province or CENTRAL for n in dated}, key=lambda p: (p != CENTRAL, p))
    row_of = {p: i for i, p in enumerate(rows)}
    fig, ax = plt.subplots(figsize=(12, max(2.5, 1.1 * len(rows) + 1.2)))
    for u, v in graph.edges():
        if u in dated and v in dated:
            pu = (mdates.date2num(dated[u]), row_of[view.docs[u].province or CENTRAL])
            pv = (mdates.date2num(dated[v]), row_of[view.docs[v].province or CENTRAL])
            ax.annotate("", xy=pv, xytext=pu, arrowprops={
                "arrowstyle": "-|>", "lw": 0.9, "color": TYPE_COLOURS.get(view.link_type(u, v), "#999")})
    # labels of neighbouring points alternate above/below so that close dates stay readable
    placed: dict[int, int] = defaultdict(int)
    for n, d in sorted(dated.items(), key=lambda kv: kv[1]):
        y = row_of[view.docs[n].province or CENTRAL]
        ax.plot([mdates.date2num(d)], [y], "o", color="#8b0000", ms=5)
        k = placed[y]
        placed[y] += 1
        offset = (7 + 9 * (k % 3)) * (1 if k % 2 == 0 else -1)
        ax.annotate(view.docs[n].number, (mdates.date2num(d), y), textcoords="offset points",
                    xytext=(0, offset), ha="center", va="bottom" if offset > 0 else "top", fontsize=7)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.xaxis_date()
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


# --- the site --------------------------------------------------------------------------------
# the whole-lineage drawing and the timeline stay readable only while the lineage is a
# neighbourhood itself: beyond this many documents in it the index shows none, and each
# page its own neighbourhood only (at most picture.READABLE documents each way)
_DRAW_WHOLE_UP_TO = 40


def write_report(view: LineageView, out_dir: str | Path, *, title: str = "Lineage of documents",
                 questions: list[tuple[str, str]] | None = None,
                 source_href: Callable[[str], str | None] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the report under `out_dir`; returns the path of its index.html.

    The pages are rendered with the templates of `vanban serve` (vanban/web/templates,
    autoescaped, its stylesheet copied to static/), each with its neighbourhood drawn by
    Graphviz (one `dot` process for all). `questions` are (question, answer-HTML) pairs
    shown at the top of the index (the `vanban run` answers, HTML we escaped ourselves;
    links in them are relative to the report root). `source_href` maps a source page's
    URL to a path relative to the report root (e.g. a copy of the crawled site) or returns
    None to link the URL itself (http(s) only). `progress(done, total)` is called after
    each document page. Every document gets a page, so every link resolves.
    """
    import shutil

    from markupsafe import Markup

    from vanban.web import labels
    from vanban.web.app import HERE, template_environment
    from vanban.web.picture import neighbourhood_dot, render_svgs

    out = Path(out_dir)
    (out / "docs").mkdir(parents=True, exist_ok=True)
    (out / "static").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HERE / "static" / "style.css", out / "static" / "style.css")
    env = template_environment()
    t = labels.labels("vi")
    by_source: dict[str, list[Link]] = defaultdict(list)
    by_target: dict[str, list[Link]] = defaultdict(list)
    for ln in view.links:
        by_source[ln.source].append(ln)
        by_target[ln.target].append(ln)
    influence = view.influence()

    def common(up: str) -> dict[str, Any]:
        return {"t": t, "lang": "vi", "static_site": True, "site_title": title,
                "static_prefix": up + "static", "link": lambda path, **_: up + "index.html",
                "page_href": lambda d: f"{up}docs/{page_name(d)}", "docs": view.docs,
                "influence_of": influence, "central": CENTRAL}

    def as_dict(d: Doc) -> dict[str, Any]:
        return {"key": d.id, "number": d.number, "locality": d.province, "date": d.date,
                "title": d.title}

    def source_link(url: str) -> tuple[str, str | None]:
        local = source_href(url) if source_href else None
        from vanban.web.answers import web_url
        return url, ("../" + local if local else web_url(url))

    def items(ln: Link) -> list[dict[str, Any]]:
        seen, out_items = set(), []
        for ev in ln.evidence:
            if (ev.sentence, ev.url) not in seen:
                seen.add((ev.sentence, ev.url))
                # the cue marked as on `vanban serve`'s pages (find-in-page still
                # matches across the <mark>)
                out_items.append({"sentence": ev.sentence, "cue": ev.cue, "page": ev.url,
                                  "href": source_link(ev.url)[1] if ev.url else None})
        return out_items

    order = {k: i for i, k in enumerate(TYPE_LABELS)}
    docs = list(view.docs.values())
    pictures = render_svgs([neighbourhood_dot(
        as_dict(d), {"results": [{"document": as_dict(view.docs[ln.target]), "type": ln.type}
                                 for ln in by_source[d.id]]},
        {"results": [{"document": as_dict(view.docs[ln.source]), "type": ln.type}
                     for ln in by_target[d.id]]},
        href=lambda key: page_name(view.docs[key])) for d in docs])
    page = env.get_template("report_doc.html")
    for done, (doc, svg) in enumerate(zip(docs, pictures), 1):
        def walk(depths):
            return sorted(depths.items(), key=lambda kv: (kv[1], view.docs[kv[0]].date or "",
                                                          view.docs[kv[0]].number))

        def relations(links, other):
            return [{"type": ln.type, other: getattr(ln, other), "ev": items(ln)}
                    for ln in sorted(links, key=lambda ln: (order.get(ln.type, 99),
                                                            view.docs[getattr(ln, other)].number))]
        html_text = page.render(
            **common("../"), doc=doc, svg=svg, influence=influence.get(doc.id, 0),
            sources=[source_link(u) for u in sorted(set(doc.urls))],
            ancestors=walk(view.ancestors(doc.id)), descendants=walk(view.descendants(doc.id)),
            links_from=relations(by_source[doc.id], "target"),
            links_to=relations(by_target[doc.id], "source"))
        (out / "docs" / page_name(doc)).write_text(html_text, encoding="utf-8")
        if progress:
            progress(done, len(docs))

    lineage = view.lineage_graph()
    drawn = lineage.number_of_nodes() <= _DRAW_WHOLE_UP_TO
    if drawn:
        (out / "img").mkdir(parents=True, exist_ok=True)
        _draw(view, lineage, out / "img" / "lineage.svg", title="IMPLEMENTS / BASED_ON / GUIDES")
        _draw_timeline(view, lineage, out / "img" / "timeline.svg")
    groups: dict[str, dict[str, list[Doc]]] = defaultdict(lambda: defaultdict(list))
    for doc in docs:
        groups["Luật (laws)" if doc.is_law else (doc.province or CENTRAL)][doc.kind or "—"].append(doc)
    ordered = [(p, [(k, sorted(groups[p][k], key=lambda d: (d.date or "", d.number)))
                    for k in sorted(groups[p])])
               for p in sorted(groups, key=lambda p: (p != CENTRAL, p.startswith("Luật"), p))]
    counts = (f"{len(view.docs)} văn bản, {sum(1 for ln in view.links if ln.type != 'CITES')} quan hệ "
              f"thực hiện/căn cứ, {sum(1 for ln in view.links if ln.type == 'CITES')} trích dẫn.")
    index = out / "index.html"
    index.write_text(env.get_template("report_index.html").render(
        **common(""), counts=counts, drawn=drawn, groups=ordered, influence=influence,
        questions=[(q, Markup(a)) for q, a in questions or []]), encoding="utf-8")
    return index

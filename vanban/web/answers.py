"""What the pages and the CSV exports make of the query answers (graph.queries): the
implementers as a tree, evidence sentences with the cue marked, flat CSV rows.

The JSON API returns the answers untouched; only HTML and CSV are shaped here.
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote, urlsplit


def doc_href(key: str) -> str:
    """The document page of a node key (the key URL-encoded, `/` and `#` included)."""
    return "/doc/" + quote(key, safe="")


def province_href(doc_or_name: dict[str, Any] | str | None) -> str | None:
    """The page of the province of today a document (or a province name, former or
    current) belongs to; None outside the 34."""
    from graph.provinces import successor
    name = doc_or_name
    if isinstance(doc_or_name, dict):
        name = doc_or_name.get("province") or (doc_or_name.get("locality") or "").split("/")[0]
    today = successor(name) if name else None
    return "/province/" + quote(today, safe="") if today else None


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) address worth a link, else None (javascript:, data:,
    page keys and paths are shown as text)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def marked(sentence: str | None, cue: str | None) -> list[tuple[str, bool]]:
    """The sentence in pieces, `(text, is_cue)`: the cue (first occurrence, any case)
    marked, for the template to wrap in <mark> (autoescaped like every other text)."""
    if not sentence:
        return []
    if cue:
        at = sentence.lower().find(cue.lower())
        if at >= 0:
            return [(sentence[:at], False), (sentence[at:at + len(cue)], True),
                    (sentence[at + len(cue):], False)]
    return [(sentence, False)]


def first_evidence(step: dict[str, Any]) -> dict[str, Any]:
    ev = step.get("evidence") or [{}]
    return ev[0]


def implementers_levels(result: dict[str, Any], root: str) -> list[dict[str, Any]]:
    """A sliced implementers answer (graph.queries.implementers with a limit) as one
    entry per depth of `root`: `{"depth", "count" (of the whole depth), "nodes"}`, each
    node `{"result", "via" (the document of the chain it goes through), "type",
    "evidence"}` for the slice's results, in its order."""
    levels = {c["depth"]: {"depth": c["depth"], "count": c["count"], "nodes": []}
              for c in result.get("depths", []) if c["implements"] == root}
    for r in result["results"]:
        if r["implements"] != root:
            continue
        step = r["evidence"][0] if r["evidence"] else {}
        level = levels.setdefault(r["depth"], {"depth": r["depth"], "count": 0, "nodes": []})
        level["nodes"].append({"result": r, "via": r["path"][1] if r["depth"] > 1 else None,
                               "type": step.get("type"), "evidence": step.get("evidence", [])})
    return [levels[d] for d in sorted(levels)]


# --- CSV ------------------------------------------------------------------------------

_DOC_COLUMNS = ("key", "number", "kind", "date", "issuer", "province", "locality", "title")


def _doc_cells(doc: dict[str, Any]) -> list[Any]:
    return [doc.get(c) for c in _DOC_COLUMNS]


def _evidence_cells(edge_evidence: list[dict[str, Any]]) -> list[Any]:
    ev = edge_evidence[0] if edge_evidence else {}
    return [ev.get("cue"), ev.get("sentence"), ev.get("page")]


def _lineage_rows(nodes, direction, depth=1):
    for n in nodes:
        yield [direction, depth, n["relation"], *_doc_cells(n["document"]),
               *_evidence_cells(n["evidence"])]
        yield from _lineage_rows(n["children"], direction, depth + 1)


def csv_table(kind: str, result: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """(header, rows) of an answer of `kind` (implementers, lineage, cites, cited-by,
    search, coverage)."""
    if kind == "implementers":
        header = ["implements", "depth", "via", *_DOC_COLUMNS, "cue", "sentence", "page"]
        rows = [[r["implements"], r["depth"], " > ".join(r["path"][1:-1]),
                 *_doc_cells(r["document"]),
                 *_evidence_cells(r["evidence"][0]["evidence"] if r["evidence"] else [])]
                for r in result["results"]]
    elif kind == "lineage":
        header = ["direction", "depth", "relation", *_DOC_COLUMNS, "cue", "sentence", "page"]
        rows = []
        for lin in result["lineages"]:
            rows += _lineage_rows(lin["ancestors"], "ancestor")
            rows += _lineage_rows(lin["descendants"], "descendant")
    elif kind in ("cites", "cited-by"):
        header = ["of", "relation", *_DOC_COLUMNS, "cue", "sentence", "page"]
        rows = [[r["of"], r["type"], *_doc_cells(r["document"]), *_evidence_cells(r["evidence"])]
                for r in result["results"]]
    elif kind == "coverage":
        header = ["province", "predecessors", "covered", "count", "first_key", "first_number",
                  "first_date", "delay_days"]
        rows = [[p["province"], "; ".join(p["predecessors"]), int(p["covered"]), p["count"],
                 *([p["first"]["key"], p["first"]["number"], p["first"]["date"]]
                   if p["first"] else [None, None, None]), p["delay_days"]]
                for p in result["provinces"]]
    else:
        header = list(_DOC_COLUMNS)
        rows = [_doc_cells(d) for d in result["results"]]
    return header, rows


def to_csv(kind: str, result: dict[str, Any]) -> str:
    """The answer as CSV text with a BOM, so that Excel reads the Vietnamese right."""
    header, rows = csv_table(kind, result)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def _cell(value: Any) -> Any:
    # a text a spreadsheet would run as a formula (=, +, -, @) is written as text
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value

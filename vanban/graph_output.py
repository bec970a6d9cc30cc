"""How `vanban query` prints its answers: tables for people, JSON and CSV for programs.

Tables name documents by number and province (`35-CT/TU (Ninh Thuận) 2022-11-02`), never by
the store's internal keys; relations read the right way round (`21/KH-UBND IMPLEMENTS
33/CT-TTg`) with their evidence sentence and page.
"""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

import click

FORMATS = ("table", "json", "csv")


def console():
    """A rich Console that wraps at the terminal's width, and not at all into a pipe or a
    log (URLs and evidence sentences stay whole)."""
    from rich.console import Console
    if sys.stdout.isatty():
        return Console()
    return Console(width=100_000, soft_wrap=True)


def key_label(key: str) -> str:
    """A readable name for a node key without its document at hand:
    `35-CT/TU@Ninh Thuận#2020-2025` -> `35-CT/TU (Ninh Thuận, 2020-2025)`."""
    number, _, rest = key.partition("@")
    if not rest:
        number, _, when = key.partition("#")
        return f"{number} ({when})" if when else number
    place, _, when = rest.partition("#")
    return f"{number} ({place}{', ' + when if when else ''})"


def doc_name(doc: dict[str, Any]) -> str:
    """Number (or law name) and province: what a reader knows a document by."""
    name = doc.get("number") or doc.get("name")
    if not name:
        return key_label(doc["key"])
    from graph.provinces import now_part_of
    place = doc.get("locality") or doc.get("province")
    # "21/KH-UBND (Bắc Kạn, nay thuộc Thái Nguyên)": where a former province is today
    note = now_part_of(place)
    return f"{name} ({place}{', ' + note if note else ''})" if place else name


def doc_line(doc: dict[str, Any]) -> str:
    bits = [doc_name(doc)]
    if doc.get("date"):
        bits.append(doc["date"])
    elif doc.get("year"):
        bits.append(str(doc["year"]))
    if doc.get("issuer"):
        bits.append(doc["issuer"])
    if doc.get("title"):
        bits.append(doc["title"][:70])
    if doc.get("provisional"):
        bits.append("(provisional)")
    return " | ".join(bits)


def _names(result: dict[str, Any]) -> dict[str, str]:
    """Node key -> readable name for every document the answer carries."""
    names: dict[str, str] = {}
    for d in result.get("resolved", []):
        names[d["key"]] = doc_name(d)
    for r in result.get("results", []):
        doc = r.get("document", r)
        if "key" in doc:
            names[doc["key"]] = doc_name(doc)
    return names


def _first_evidence(evidence: list[dict[str, Any]]) -> dict[str, Any]:
    """The first evidence of an edge list (implementers) or of an evidence list (neighbours)."""
    for item in evidence or []:
        if "evidence" in item:
            if item["evidence"]:
                return item["evidence"][0]
        else:
            return item
    return {}


def print_resolved(result: dict[str, Any]) -> None:
    resolved = result.get("resolved", [])
    if not resolved:
        return
    click.echo(f"{result['query']!r} names {len(resolved)} document(s):")
    for d in resolved:
        click.echo(f"  {doc_line(d)}")


def no_match(result: dict[str, Any]) -> bool:
    """Whether the query named nothing (exit status 1, as grep's)."""
    if "resolved" in result:
        return not result["resolved"]
    return "results" in result and not result["results"]


# --- rows: one list of flat dicts per query, shared by the table and CSV formats ---------

def rows_implementers(result: dict[str, Any]) -> list[dict[str, Any]]:
    names = _names(result)
    rows = []
    for r in result["results"]:
        ev = _first_evidence(r["evidence"])
        doc = r["document"]
        rows.append({"document": doc_name(doc), "depth": r["depth"],
                     "implements": names.get(r["implements"], key_label(r["implements"])),
                     "via": " -> ".join(names.get(k, key_label(k)) for k in r["path"][1:-1]),
                     "date": doc.get("date") or "", "issuer": doc.get("issuer") or "",
                     "title": doc.get("title") or "", "evidence": ev.get("sentence") or "",
                     "page": ev.get("page") or ""})
    return rows


def table_implementers(result: dict[str, Any]) -> None:
    """The implementers table, then the unresolved references met along the chains."""
    print_resolved(result)
    print_table(rows_implementers(result))
    names = _names(result)
    for u in result.get("unresolved", []):
        via = (f" via {', '.join(names.get(k, key_label(k)) for k in u['via'])}"
               if u.get("via") and u.get("depth", 1) > 1 else "")
        document = names.get(u["document"], key_label(u["document"]))
        click.echo(f"  possibly (depth {u.get('depth', 1)}{via}): {document} -> "
                   f"{u['reference']} (candidates: "
                   f"{', '.join(names.get(c, key_label(c)) for c in u['candidates'])})")


def rows_neighbours(result: dict[str, Any], direction: str) -> list[dict[str, Any]]:
    """cites (out): queried -> other; cited-by (in): other -> queried."""
    names = _names(result)
    rows = []
    for r in result["results"]:
        other, queried = doc_name(r["document"]), names.get(r["of"], key_label(r["of"]))
        source, target = (queried, other) if direction == "out" else (other, queried)
        ev = _first_evidence(r["evidence"])
        rows.append({"source": source, "relation": r["type"], "target": target,
                     "evidence": ev.get("sentence") or "", "page": ev.get("page") or ""})
    return rows


def rows_search(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"document": doc_name(d), "kind": d.get("kind") or "", "date": d.get("date") or "",
             "issuer": d.get("issuer") or "", "title": d.get("title") or ""}
            for d in result["results"]]


def rows_lineage(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []

    def walk(of: str, nodes, depth: int, side: str):
        for n in nodes:
            rows.append({"document": of, "side": side, "depth": depth,
                         "relation": n["relation"], "other": doc_name(n["document"]),
                         "date": n["document"].get("date") or ""})
            walk(of, n["children"], depth + 1, side)

    for lin in result["lineages"]:
        of = doc_name(lin["document"])
        walk(of, lin["ancestors"], 1, "ancestor")
        walk(of, lin["descendants"], 1, "descendant")
    return rows


def rows_coverage(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per province of today: the columns of /api/coverage?format=csv."""
    from vanban.web.answers import csv_table
    header, rows = csv_table("coverage", result)
    return [dict(zip(header, ("" if v is None else v for v in row))) for row in rows]


def table_coverage(result: dict[str, Any]) -> None:
    """The central document, then the 34 provinces, then how many have a document."""
    print_resolved(result)
    if not result.get("central"):
        return
    print_table([{"province": r["province"], "covered": "yes" if r["covered"] else "no",
                  "first": r["first_number"], "date": r["first_date"],
                  "delay (days)": r["delay_days"], "documents": r["count"]}
                 for r in rows_coverage(result)])
    click.echo(f"{result['covered']} of {len(result['provinces'])} provinces have an "
               f"implementing document in the store ({result['legal_basis']}).")


def rows_stats(result: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [{"section": "pages", "name": "", "value": result["pages"]}]
    for section in ("nodes", "relations", "kinds", "provinces"):
        rows += [{"section": section, "name": k, "value": v} for k, v in result[section].items()]
    rows += [{"section": "most implemented", "name": doc_name(r["document"]),
              "value": r["implementers"]} for r in result["most_implemented"]]
    rows += [{"section": "influence (PageRank)", "name": doc_name(r["document"]),
              "value": round(r["pagerank"], 6)} for r in result.get("influence", [])]
    rows += [{"section": "doubts (2025 merger)", "name": doc_name(d), "value": d.get("doubt")}
             for d in result.get("doubts", [])]
    return rows


# --- printing ------------------------------------------------------------------------------

def print_table(rows: list[dict[str, Any]], columns: tuple[str, ...] | None = None) -> None:
    from rich.table import Table
    if not rows:
        return
    columns = columns or tuple(rows[0])
    table = Table()
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(str(row[c]) for c in columns))
    console().print(table)


def write_csv(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def emit(result: dict[str, Any], fmt: str, rows, table=None) -> None:
    """Print `result` as JSON, as CSV of `rows(result)`, or with `table(result)` (default:
    the resolved documents, then a table of the rows)."""
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        write_csv(rows(result))
    elif table:
        table(result)
    else:
        print_resolved(result)
        print_table(rows(result))
    if no_match(result):
        what = f" {result['query']!r}" if result.get("query") else ""
        click.echo(f"No document matches{what}.", err=True)

"""`vanban load`, `vanban query ...`, `vanban export`: the lineage graph from the shell.

Store selection, the same for every command: `--neo4j URI` (or `NEO4J_URI` in the
environment) uses Neo4j, with `--neo4j-user/--neo4j-password` (or `NEO4J_USER` /
`NEO4J_PASSWORD`); otherwise the SQLite file `--db PATH` (default: the user data dir's
`vanban-graph/vanban.sqlite`).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click


def store_options(func):
    """--db / --neo4j / --neo4j-user / --neo4j-password."""
    @click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="SQLite file (default: user data dir/vanban-graph/vanban.sqlite).")
    @click.option("--neo4j", "neo4j_uri", envvar="NEO4J_URI", default=None,
                  help="Neo4j Bolt URI (default: $NEO4J_URI); overrides --db.")
    @click.option("--neo4j-user", envvar="NEO4J_USER", default=None, help="default: $NEO4J_USER")
    @click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default=None,
                  help="default: $NEO4J_PASSWORD")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def _open(db, neo4j_uri, neo4j_user, neo4j_password):
    from graph import open_store
    from graph.neo4j_store import Neo4jUnavailable
    try:
        return open_store(db=db, neo4j_uri=neo4j_uri, neo4j_user=neo4j_user,
                          neo4j_password=neo4j_password)
    except Neo4jUnavailable as exc:
        raise click.ClickException(str(exc)) from None


def _read_jsonl(paths: tuple[str, ...], errors: list[str]) -> Iterator[dict[str, Any]]:
    """Records of every file ('-' is stdin); bad lines go to `errors` and are skipped."""
    for name in paths:
        stream = sys.stdin if name == "-" else open(name, encoding="utf-8")
        try:
            for lineno, line in enumerate(stream, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    errors.append(f"{name}:{lineno}: not JSON ({exc.msg})")
                    continue
                if not isinstance(record, dict):
                    errors.append(f"{name}:{lineno}: not a JSON object")
                    continue
                record.setdefault("_where", f"{name}:{lineno}")
                yield record
        finally:
            if stream is not sys.stdin:
                stream.close()


@click.command("load")
@store_options
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Pages per transaction (default: the store's bulk size).")
def load_command(files, db, neo4j_uri, neo4j_user, neo4j_password, quiet, batch_size):
    """Load `vanban extract` output (JSON lines) into the graph.

    Loading a page again replaces what it said before; loading the same files twice
    changes nothing. Malformed records are reported and skipped; the rest load. If the
    store stops answering midway (Neo4j down, disk full), the batches committed before
    are kept, the exit status is 1, and the same command run again finishes the load.
    """
    from graph.store import LoadInterrupted

    for name in files:
        if name != "-" and not Path(name).is_file():
            raise click.BadParameter(f"no such file: {name}", param_hint="FILES")
    errors: list[str] = []
    records = list(_read_jsonl(files, errors))
    wheres = [r.pop("_where") for r in records]

    def progress(report):
        if not quiet:
            click.echo(f"  {report.pages} pages...", err=True)

    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        try:
            report = store.load_pages(records, batch_size=batch_size, progress=progress)  # bulk
        except LoadInterrupted as exc:
            click.echo(f"vanban load: {exc}. The {exc.report.pages} pages committed before are kept; "
                       "run the same command again to finish (loading is idempotent).", err=True)
            sys.exit(1)
    for index, message in report.errors:
        errors.append(f"{wheres[index]}: {message}")
    for e in errors:
        click.echo(f"error: {e}", err=True)
    rate = report.rows / report.seconds if report.seconds else 0.0
    click.echo(f"loaded {report.pages} pages, {report.mentions} mentions, "
               f"{report.relations} relation statements in {report.seconds:.1f}s "
               f"({rate:,.0f} rows/s); {len(errors)} records rejected", err=True)
    if errors:
        sys.exit(1)


# --- query ------------------------------------------------------------------------------

def _echo(result: dict[str, Any], fmt: str, table) -> None:
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        table(result)


def _doc_line(doc: dict[str, Any]) -> str:
    bits = [doc.get("number") or doc.get("name") or doc["key"]]
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


def _print_resolved(result: dict[str, Any]) -> None:
    resolved = result.get("resolved", [])
    if not resolved:
        click.echo(f"No document matches {result['query']!r}.")
        return
    click.echo(f"{result['query']!r} names {len(resolved)} document(s):")
    for d in resolved:
        click.echo(f"  [{d['key']}] {_doc_line(d)}")


def _table_implementers(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    _print_resolved(result)
    t = Table(show_lines=False)
    for col in ("implements", "depth", "document", "via", "evidence"):
        t.add_column(col)
    for r in result["results"]:
        ev = r["evidence"][0]["evidence"][0] if r["evidence"] and r["evidence"][0]["evidence"] \
            else {}
        t.add_row(r["implements"], str(r["depth"]), _doc_line(r["document"]),
                  " -> ".join(r["path"][1:-1]), (ev.get("sentence") or "")[:80])
    Console().print(t)
    for u in result.get("unresolved", []):
        via = f" via {', '.join(u['via'])}" if u.get("via") and u.get("depth", 1) > 1 else ""
        click.echo(f"  possibly (depth {u.get('depth', 1)}{via}): {u['document']} -> "
                   f"{u['reference']} (candidates: {', '.join(u['candidates'])})")


def _table_lineage(result: dict[str, Any]) -> None:
    _print_resolved(result)

    def show(nodes, indent, arrow):
        for n in nodes:
            click.echo(f"{'  ' * indent}{arrow} {n['relation']} {_doc_line(n['document'])}")
            show(n["children"], indent + 1, arrow)

    for lin in result["lineages"]:
        click.echo(f"\n{_doc_line(lin['document'])}")
        click.echo(" ancestors:")
        show(lin["ancestors"], 1, "↑")
        click.echo(" descendants:")
        show(lin["descendants"], 1, "↓")


def _table_neighbours(result: dict[str, Any]) -> None:
    _print_resolved(result)
    for r in result["results"]:
        click.echo(f"  {r['of']} {r['type']:10} {_doc_line(r['document'])}")


def _table_search(result: dict[str, Any]) -> None:
    for d in result["results"]:
        click.echo(f"[{d['key']}] {_doc_line(d)}")


def _table_stats(result: dict[str, Any]) -> None:
    click.echo(f"pages: {result['pages']}")
    click.echo("nodes: " + ", ".join(f"{k} {v}" for k, v in result["nodes"].items()))
    click.echo("relations: " + ", ".join(f"{k} {v}" for k, v in result["relations"].items()))
    click.echo("kinds: " + ", ".join(f"{k} {v}" for k, v in result["kinds"].items()))
    click.echo("provinces: " + ", ".join(f"{k} {v}" for k, v in result["provinces"].items()))
    click.echo("most implemented:")
    for r in result["most_implemented"]:
        click.echo(f"  {r['implementers']:6}  {_doc_line(r['document'])}")
    if "influence" in result:
        click.echo("influence (PageRank):")
        for r in result["influence"]:
            click.echo(f"  {r['pagerank']:.5f}  {_doc_line(r['document'])}")


def query_options(func):
    @store_options
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                  show_default=True)
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def _narrowing(func):
    @click.option("--province", default=None, help="Narrow to a province.")
    @click.option("--year", type=int, default=None, help="Narrow to a year.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@click.group("query")
def query_group():
    """Ask the graph: implementers, lineage, cites, cited-by, search, stats."""


@query_group.command("implementers")
@click.argument("document")
@query_options
@_narrowing
@click.option("--max-depth", type=int, default=10, show_default=True)
def implementers_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province,
                         year, max_depth):
    """Every document that implements DOCUMENT, directly or through a chain."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.implementers(store, document, province=province, year=year,
                                      max_depth=max_depth)
    _echo(result, fmt, _table_implementers)


@query_group.command("lineage")
@click.argument("document")
@query_options
@_narrowing
@click.option("--max-depth", type=int, default=8, show_default=True)
def lineage_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province, year,
                    max_depth):
    """Ancestors and descendants of DOCUMENT, as trees."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.lineage(store, document, province=province, year=year,
                                 max_depth=max_depth)
    _echo(result, fmt, _table_lineage)


@query_group.command("cites")
@click.argument("document")
@query_options
@_narrowing
def cites_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province, year):
    """What DOCUMENT cites (every outgoing relation)."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.cites(store, document, province=province, year=year)
    _echo(result, fmt, _table_neighbours)


@query_group.command("cited-by")
@click.argument("document")
@query_options
@_narrowing
def cited_by_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province,
                     year):
    """What cites DOCUMENT (every incoming relation)."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.cited_by(store, document, province=province, year=year)
    _echo(result, fmt, _table_neighbours)


@query_group.command("search")
@click.argument("text", required=False)
@query_options
@_narrowing
@click.option("--kind", default=None, help="Kind code: NQ, CT, KH, QĐ ...")
@click.option("--issuer", default=None, help="Issuer (compared loosely).")
@click.option("--limit", type=int, default=50, show_default=True)
def search_command(text, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province, year, kind,
                   issuer, limit):
    """Documents by number (`CT 33`) or words of a title or issuer (with or without
    diacritics), narrowed by kind, issuer, year, province."""
    from graph import search
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = search.search(store, text, kind=kind, issuer=issuer, year=year,
                               province=province, limit=limit)
    _echo(result, fmt, _table_search)


@query_group.command("stats")
@query_options
@click.option("--top", type=int, default=10, show_default=True)
@click.option("--no-pagerank", is_flag=True, help="Skip the influence ranking.")
def stats_command(db, neo4j_uri, neo4j_user, neo4j_password, fmt, top, no_pagerank):
    """Counts per kind and province, most implemented documents, influence ranking."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.stats(store, top=top, pagerank=not no_pagerank)
    _echo(result, fmt, _table_stats)


@click.command("export")
@store_options
@click.option("--format", "fmt", type=click.Choice(["graphml", "json", "neo4j-csv"]),
              required=True)
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path),
              help="File (graphml, json) or directory (neo4j-csv).")
def export_command(db, neo4j_uri, neo4j_user, neo4j_password, fmt, output):
    """Export the graph: GraphML (Gephi, networkx), JSON, or neo4j-admin import CSVs."""
    from graph import export
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        written = {"graphml": export.to_graphml, "json": export.to_json,
                   "neo4j-csv": export.to_neo4j_csv}[fmt](store, output)
    for path in written if isinstance(written, list) else [written]:
        click.echo(str(path))

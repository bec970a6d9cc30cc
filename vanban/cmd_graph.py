"""`vanban load`, `vanban query ...`, `vanban export`: the lineage graph from the shell.

Store selection, the same for every command: `--neo4j URI` (or `NEO4J_URI` in the
environment) uses Neo4j, with `--neo4j-user/--neo4j-password` (or `NEO4J_USER` /
`NEO4J_PASSWORD`); otherwise the SQLite file `--db PATH` (default: the user data dir's
`vanban-graph/vanban.sqlite`).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

import click

from vanban.graph_output import (emit, rows_implementers, rows_lineage, rows_neighbours, rows_stats,
                                 table_implementers)


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


def _open(db, neo4j_uri, neo4j_user, neo4j_password, *, must_exist: bool = True):
    """The store the options name. Reading commands (`must_exist`) refuse a SQLite file
    that does not exist instead of creating an empty one; any store that cannot be opened
    is one clear error."""
    import sqlite3

    from graph import open_store
    from graph.store import default_db_path
    if not neo4j_uri:
        path = Path(db) if db else default_db_path()
        if must_exist and not path.is_file():
            hint = "" if db else " or give --db PATH"
            raise click.ClickException(
                f"no store at {path}: load one first (`vanban load`, `vanban crawl`){hint}")
    try:
        return open_store(db=db, neo4j_uri=neo4j_uri, neo4j_user=neo4j_user,
                          neo4j_password=neo4j_password)
    except sqlite3.DatabaseError as exc:
        path = Path(db) if db else default_db_path()
        what = "is not a SQLite store" if "not a database" in str(exc) else f"cannot be opened ({exc})"
        raise click.ClickException(f"{path} {what}") from None
    except OSError as exc:
        raise click.ClickException(f"cannot open the store at {db or default_db_path()}: "
                                   f"{exc.strerror or exc}") from None
    except Exception as exc:
        if type(exc).__name__ in ("Neo4jUnavailable", "ConfigurationError"):
            raise click.ClickException(
                str(exc) if type(exc).__name__ == "Neo4jUnavailable"
                else f"--neo4j {neo4j_uri!r} is not a Neo4j URI (use bolt://host:7687 or "
                     "neo4j://host:7687)") from None
        raise


# at most this many bad lines are printed per file; the count says how many there were
MAX_REPORTED_ERRORS = 100


@click.command("load")
@store_options
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Pages per transaction (default: the store's bulk size).")
@click.option("--neo4j-import", "import_dir", default=None,
              type=click.Path(file_okay=False, path_type=Path),
              help="First load at import speed: write the neo4j-admin import files into "
                   "DIR (resolved in --db, else in a temporary SQLite store), then import "
                   "them (--neo4j-home) or print the neo4j-admin command that does.")
@click.option("--neo4j-home", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="With --neo4j-import: the embedded Neo4j's data directory "
                   "(tools/neo4j-launcher/start.sh --data HOME), stopped and without a "
                   "database yet; the graph is imported there and indexed.")
def load_command(files, db, neo4j_uri, neo4j_user, neo4j_password, quiet, batch_size,
                 import_dir, neo4j_home):
    """Load `vanban extract` output (JSON lines) into the graph.

    Files are streamed, never read whole. Loading a page again replaces what it said
    before; loading the same files twice changes nothing. A malformed line is reported
    as `file:line: reason` and skipped; the rest load, and the exit status is 1. If the
    store stops answering midway (Neo4j down, disk full), the batches committed before
    are kept, the exit status is 1, and the same command run again finishes the load.

    A first load of a big graph into Neo4j goes faster through its offline importer:
    `--neo4j-import DIR` resolves the records (in --db, else in a temporary SQLite
    store), writes the neo4j-admin CSV files into DIR and, with `--neo4j-home HOME`,
    imports them into the embedded Neo4j's HOME and creates its indexes; without it, it
    prints the neo4j-admin command for a server you run.
    """
    from vanban.jsonlines import InputError, RecordSource, check_input

    for name in files:
        try:
            check_input(name)
        except InputError as exc:
            raise click.ClickException(str(exc)) from None
    reported = 0

    def report_error(message: str) -> None:
        nonlocal reported
        reported += 1
        if reported <= MAX_REPORTED_ERRORS:
            click.echo(f"error: {message}", err=True)

    source = RecordSource(files, report_error)

    def progress(report):
        if not quiet:
            click.echo(f"  {report.pages} pages...", err=True)

    if neo4j_home and not import_dir:
        raise click.UsageError("--neo4j-home goes with --neo4j-import DIR")
    if import_dir:
        # the import is a first load into an empty database: `vanban query stats` lists its doubts
        report, doubtful = _neo4j_import(source, import_dir, neo4j_home, db, batch_size, progress), []
    else:
        report, doubtful = _load_online(source, db, neo4j_uri, neo4j_user, neo4j_password, batch_size,
                                        progress)
    for index, message in report.errors:
        report_error(f"{source.where(index)}: {message}")
    if reported > MAX_REPORTED_ERRORS:
        click.echo(f"error: ... and {reported - MAX_REPORTED_ERRORS} more", err=True)
    rate = report.rows / report.seconds if report.seconds else 0.0
    click.echo(f"loaded {report.pages} pages, {report.mentions} mentions, "
               f"{report.relations} relation statements in {report.seconds:.1f}s "
               f"({rate:,.0f} rows/s); {reported} records rejected", err=True)
    if doubtful:
        from vanban.graph_output import doc_name
        click.echo(f"{len(doubtful)} document{'s' * (len(doubtful) > 1)} in doubt across the 2025 "
                   "merger (a former province's or a district's body after 2025-07-01; "
                   "`vanban query stats` lists them): "
                   + ", ".join(doc_name(d) for d in doubtful[:5])
                   + (", ..." if len(doubtful) > 5 else ""), err=True)
    if reported:
        sys.exit(1)


def _load_online(source, db, neo4j_uri, neo4j_user, neo4j_password, batch_size, progress):
    from graph.store import LoadInterrupted
    with _open(db, neo4j_uri, neo4j_user, neo4j_password, must_exist=False) as store:
        try:
            report = store.load_pages(source, batch_size=batch_size, progress=progress)  # bulk
        except LoadInterrupted as exc:
            click.echo(f"vanban load: {exc}. The {exc.report.pages} pages committed before are kept; "
                       "run the same command again to finish (loading is idempotent).", err=True)
            sys.exit(1)
        from graph.queries import doubts
        # the loaded documents only (a store that does not say which: all of them)
        return report, doubts(store, report.recent_documents)


def _neo4j_import(source, import_dir: Path, neo4j_home: Path | None, db, batch_size, progress):
    """Records -> import files in `import_dir` -> the embedded Neo4j at `neo4j_home`
    (imported, then indexed), or the neo4j-admin command for a server the user runs."""
    import sqlite3
    import time

    from graph import neo4j_import
    from graph.store import LoadInterrupted
    started = time.perf_counter()
    try:
        report, written = neo4j_import.write_import_files(source, import_dir, staging=db,
                                                          batch_size=batch_size,
                                                          progress=progress)
    except (OSError, sqlite3.DatabaseError, ValueError, LoadInterrupted) as exc:
        raise click.ClickException(f"cannot write the import files into {import_dir}: "
                                   f"{getattr(exc, 'strerror', None) or exc}") from None
    click.echo(f"wrote {', '.join(p.name for p in written)} into {import_dir}", err=True)
    if neo4j_home is None:
        click.echo("import them into a stopped Neo4j 5 (a new database, or add "
                   "--overwrite-destination) with:", err=True)
        click.echo(neo4j_import.admin_command(import_dir))
        click.echo("then start it: the first vanban command against it (e.g. `vanban query "
                   "stats --neo4j bolt://HOST:7687`) creates the constraints and indexes",
                   err=True)
    else:
        try:
            done = neo4j_import.import_with_launcher(import_dir, neo4j_home)
            click.echo(f"{done}; constraints and indexes created", err=True)
        except neo4j_import.ImportFailed as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"cannot import into {neo4j_home}: "
                                       f"{exc.strerror or exc}") from None
        click.echo(f"imported into {neo4j_home}; start it with: bash "
                   f"tools/neo4j-launcher/start.sh --data {neo4j_home}", err=True)
    report.seconds = time.perf_counter() - started
    return report


# --- query ------------------------------------------------------------------------------

def _echo(result: dict[str, Any], fmt: str, rows, table=None) -> None:
    """Print a query's answer; exit status 1 when it named nothing."""
    from vanban.graph_output import no_match
    emit(result, fmt, rows, table)
    if no_match(result):
        sys.exit(1)


def _table_search(result: dict[str, Any]) -> list[dict[str, Any]]:
    from vanban.graph_output import rows_search
    return rows_search(result)


def query_options(func):
    @store_options
    @click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
                  default="table", show_default=True)
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def _slicing(func, depth: bool = False):
    """`--limit` and `--offset` (and `--depth` for implementers): the slice of the answer
    that `/api/...?limit=&offset=` returns (graph/paging.py); without `--limit` the whole."""
    @click.option("--limit", type=click.IntRange(0, 1_000_000_000), default=None,
                  help="At most this many results (of each depth for trees).")
    @click.option("--offset", type=click.IntRange(0, 1_000_000_000), default=0,
                  show_default=True, help="Skip this many results first (with --limit).")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    if depth:
        wrapper = click.option("--depth", type=click.IntRange(1, 1000), default=None,
                               help="Only results at this depth (a slice, like --limit).")(wrapper)
    return wrapper


def _slice(limit, offset, depth=None) -> dict[str, int]:
    """The slice arguments of a query function, none when the whole answer is asked for
    (as the API passes them: `offset` alone changes nothing)."""
    if limit is None and depth is None:
        return {}
    out = {"limit": limit, "offset": offset}
    if depth is not None:
        out["depth"] = depth
    return out


def _narrowing(func):
    @click.option("--province", default=None, help="Narrow to a province.")
    @click.option("--year", type=click.IntRange(1, 9999), default=None, help="Narrow to a year.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


@click.group("query")
def query_group():
    """Ask the graph: implementers, lineage, cites, cited-by, coverage, search, stats.

    Exit status 1 when the query names no document."""


@query_group.command("implementers")
@click.argument("document")
@query_options
@_narrowing
@click.option("--max-depth", type=click.IntRange(1, 1000), default=10, show_default=True)
@functools.partial(_slicing, depth=True)
def implementers_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province,
                         year, max_depth, limit, offset, depth):
    """Every document that implements DOCUMENT, directly or through a chain."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.implementers(store, document, province=province, year=year,
                                      max_depth=max_depth, **_slice(limit, offset, depth))
    _echo(result, fmt, rows_implementers, table_implementers)


@query_group.command("lineage")
@click.argument("document")
@query_options
@_narrowing
@click.option("--max-depth", type=click.IntRange(1, 1000), default=8, show_default=True)
@_slicing
def lineage_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province, year,
                    max_depth, limit, offset):
    """Ancestors and descendants of DOCUMENT, as trees."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.lineage(store, document, province=province, year=year,
                                 max_depth=max_depth, **_slice(limit, offset))
    _echo(result, fmt, rows_lineage)


@query_group.command("cites")
@click.argument("document")
@query_options
@_narrowing
@_slicing
def cites_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province, year,
                  limit, offset):
    """What DOCUMENT cites (every outgoing relation)."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.cites(store, document, province=province, year=year,
                               **_slice(limit, offset))
    _echo(result, fmt, functools.partial(rows_neighbours, direction="out"))


@query_group.command("cited-by")
@click.argument("document")
@query_options
@_narrowing
@_slicing
def cited_by_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, province,
                     year, limit, offset):
    """What cites DOCUMENT (every incoming relation)."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.cited_by(store, document, province=province, year=year,
                                  **_slice(limit, offset))
    _echo(result, fmt, functools.partial(rows_neighbours, direction="in"))


@query_group.command("coverage")
@click.argument("document")
@query_options
@click.option("--year", type=click.IntRange(1, 9999), default=None, help="Narrow to a year.")
@click.option("--max-depth", type=click.IntRange(1, 1000), default=10, show_default=True)
def coverage_command(document, db, neo4j_uri, neo4j_user, neo4j_password, fmt, year,
                     max_depth):
    """Which of the 34 provinces implement the central DOCUMENT (directly or down a
    chain): the first document of each, its date, the delay in days, and the provinces
    with none (the JSON of /api/coverage)."""
    from graph.coverage import coverage
    from vanban.graph_output import rows_coverage, table_coverage
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = coverage(store, document, year=year, max_depth=max_depth)
    _echo(result, fmt, rows_coverage, table_coverage)


@query_group.command("search")
@click.argument("text", required=False)
@query_options
@_narrowing
@click.option("--kind", default=None, help="Kind code: NQ, CT, KH, QĐ ...")
@click.option("--issuer", default=None, help="Issuer (compared loosely).")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
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
@click.option("--top", type=click.IntRange(1, 100_000), default=10, show_default=True)
@click.option("--no-pagerank", is_flag=True, help="Skip the influence ranking.")
def stats_command(db, neo4j_uri, neo4j_user, neo4j_password, fmt, top, no_pagerank):
    """Counts per kind and province, most implemented documents, influence ranking."""
    from graph import queries
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        result = queries.stats(store, top=top, pagerank=not no_pagerank)
    emit(result, fmt, rows_stats)


@click.command("export")
@store_options
@click.option("--format", "fmt", type=click.Choice(["graphml", "json", "neo4j-csv"]),
              required=True)
@click.option("--output", "-o", required=True,
              help="File (graphml, json; `-` is standard output) or directory (neo4j-csv).")
def export_command(db, neo4j_uri, neo4j_user, neo4j_password, fmt, output):
    """Export the graph: GraphML (Gephi, networkx), networkx node-link JSON, or the CSVs
    of `neo4j-admin database import full --multiline-fields=true` (see docs/graph.md)."""
    from graph import export
    to_stdout = output == "-"
    path = Path(output)
    if fmt == "neo4j-csv":
        if to_stdout:
            raise click.UsageError("neo4j-csv writes a directory of CSV files: give -o DIR")
        if path.exists() and not path.is_dir():
            raise click.ClickException(f"{path} is a file; neo4j-csv writes a directory")
    elif not to_stdout and path.is_dir():
        raise click.ClickException(f"{path} is a directory; give a file name (or - for "
                                   "standard output)")
    with _open(db, neo4j_uri, neo4j_user, neo4j_password) as store:
        write = {"graphml": export.to_graphml, "json": export.to_json,
                 "neo4j-csv": export.to_neo4j_csv}[fmt]
        try:
            written = write(store, sys.stdout.buffer if to_stdout else path)
        except OSError as exc:
            where = exc.filename or path
            raise click.ClickException(f"cannot write {where}: {exc.strerror or exc}") from None
    if to_stdout:
        sys.stdout.buffer.flush()
        return
    for p in written if isinstance(written, list) else [written]:
        click.echo(str(p))

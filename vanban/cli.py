"""The `vanban` command line.

Each subcommand lives in its own module and is imported only when it runs, so
`vanban extract` never pays for importing Scrapy or the Neo4j driver.
"""

from __future__ import annotations

import importlib
import sys
import traceback

import click

# name -> "module:attribute" of a click command
SUBCOMMANDS: dict[str, str] = {
    "extract": "vanban.cmd_extract:extract_command",
    "score": "vanban.cmd_extract:score_command",
    # graph (issue 3)
    "load": "vanban.cmd_graph:load_command",
    "query": "vanban.cmd_graph:query_group",
    "export": "vanban.cmd_graph:export_command",
    "crawl": "vanban.cmd_crawl:crawl_command",
    "reextract": "vanban.cmd_crawl:reextract_command",
    # sample (issue 5)
    "run": "vanban.cmd_run:run_command",
    "report": "vanban.cmd_run:report_command",
    "serve": "vanban.web.serve:serve_command",   # web application (issue 12)
}


def register(name: str, target: str) -> None:
    """Add a lazily imported subcommand (used by plug-in modules and tests)."""
    SUBCOMMANDS[name] = target


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = SUBCOMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vanban-graph")
@click.option("-v", "--verbose", is_flag=True, help="Tracebacks of unexpected errors.")
def cli(verbose: bool) -> None:
    """vanban-graph: which documents implement which, across Vietnam's public administration."""


# optional dependencies (pyproject's extras): top-level module -> the extra that installs it
EXTRAS = {"spacy": "spacy", "matplotlib": "report", "redis": "distributed",
          "scrapy_redis": "distributed"}


def describe_error(exc: BaseException) -> str:
    """One line saying what went wrong, for an exception no command turned into a message."""
    import sqlite3
    missing = (exc.name or "").partition(".")[0] if isinstance(exc, ModuleNotFoundError) else ""
    if missing in EXTRAS:
        extra = EXTRAS[missing]
        message = (f"this needs {missing}, an optional dependency: pip install "
                   f"'vanban-graph[{extra}]' (or bash tools/install.sh)")
    elif isinstance(exc, sqlite3.Error):
        message = f"the SQLite store failed: {exc}"
    elif isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        message = f"{exc.strerror}{where}"
    elif isinstance(exc, MemoryError):
        message = "out of memory"
    elif type(exc).__module__.startswith("neo4j"):
        message = f"Neo4j: {exc}"
    elif isinstance(exc, (UnicodeError, RecursionError)):
        message = str(exc)
    else:
        message = (f"unexpected error ({type(exc).__name__}: {exc}); "
                   "run again with -v for the traceback")
    lines = message.strip().splitlines() or [type(exc).__name__]
    return lines[0][:500]


def _command_name(args: list[str]) -> str:
    """`vanban load`, `vanban query` ... for messages: the first argument naming a command."""
    name = next((a for a in args if a in SUBCOMMANDS), None)
    return f"vanban {name}" if name else "vanban"


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: every error ends as one line on stderr and a non-zero
    exit status; tracebacks only with -v/--verbose."""
    args = sys.argv[1:] if argv is None else list(argv)
    options = args[:args.index("--")] if "--" in args else args
    verbose = any(a in ("-v", "--verbose") for a in options)
    try:
        status = cli.main(args=args, prog_name="vanban", standalone_mode=False)
    except click.exceptions.UsageError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        # one line, even when the message quotes a library's multi-line one (the Neo4j driver's)
        message = " ".join(line.strip() for line in exc.format_message().splitlines() if line.strip())
        click.echo(f"{_command_name(args)}: {message}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(1)
    except Exception as exc:
        if verbose:
            traceback.print_exc()
        click.echo(f"{_command_name(args)}: {describe_error(exc)}", err=True)
        sys.exit(1)
    try:
        sys.stdout.flush()
    except BrokenPipeError:   # `vanban query ... | head`: the reader left, say nothing
        _quiet_stdout()
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not complain."""
    import os
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())

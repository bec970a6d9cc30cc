"""The `vanban` command line.

Each subcommand lives in its own module and is imported only when it runs, so
`vanban extract` never pays for importing Scrapy or the Neo4j driver.
"""

from __future__ import annotations

import importlib

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
def cli() -> None:
    """vanban-graph: which documents implement which, across Vietnam's public administration."""


def main() -> None:
    """Console-script entry point."""
    cli()

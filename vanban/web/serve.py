"""`vanban serve`: the web application over a store, served by uvicorn."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from vanban.cmd_graph import store_options


@click.command("serve")
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (uvicorn's): one per core a busy server can give. "
                   "Each keeps its own in-memory indexes and answers.")
def serve_command(db, neo4j_uri, neo4j_user, neo4j_password, host, port, workers):
    """Serve the graph as a read-only web application: search, document pages with
    their implementers and evidence, coverage by province, a JSON/CSV API."""
    import socket

    import uvicorn

    from graph.store import default_db_path
    from vanban.cmd_graph import _open as open_chosen_store   # the one rule for --db / --neo4j

    if not neo4j_uri:
        db = Path(db) if db else default_db_path()

    # fail now, with one clear line, rather than on the first request
    open_chosen_store(db, neo4j_uri, neo4j_user, neo4j_password).close()
    try:   # an address in use or no address at all: one line, not uvicorn's log and status 3
        socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET).close()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: "
                                   f"{(exc.strerror or str(exc)).split(' (while ')[0]}") from None
    click.echo(f"serving on http://{host}:{port}/"
               + (f" with {workers} worker processes" if workers > 1 else "")
               + " (Ctrl+C to stop)", err=True)
    # the worker processes find the store's options in their environment (the password
    # in NEO4J_PASSWORD, as the option's own default reads it)
    os.environ[STORE_ENV] = json.dumps({"db": str(db) if db else None, "neo4j_uri": neo4j_uri,
                                        "neo4j_user": neo4j_user})
    if neo4j_password:
        os.environ["NEO4J_PASSWORD"] = neo4j_password
    uvicorn.run(f"{__name__}:app_from_environment", factory=True, workers=workers, host=host,
                port=port, log_level="warning", access_log=False)


STORE_ENV = "VANBAN_SERVE_STORE"


def app_from_environment():
    """The application over the store `vanban serve` named (in `STORE_ENV`), as each
    worker process builds it."""
    from graph import open_store
    from vanban.web import create_app

    options = json.loads(os.environ[STORE_ENV])

    def opener():
        return open_store(db=options["db"], neo4j_uri=options["neo4j_uri"],
                          neo4j_user=options["neo4j_user"],
                          neo4j_password=os.environ.get("NEO4J_PASSWORD"))

    return create_app(opener)

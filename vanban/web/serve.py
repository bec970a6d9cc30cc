"""`vanban serve`: the web application over a store, served by uvicorn."""

from __future__ import annotations

from pathlib import Path

import click

from vanban.cmd_graph import store_options


@click.command("serve")
@store_options
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
def serve_command(db, neo4j_uri, neo4j_user, neo4j_password, host, port):
    """Serve the graph as a read-only web application: search, document pages with
    their implementers and evidence, coverage by province, a JSON/CSV API."""
    import socket

    import uvicorn

    from graph import open_store
    from graph.store import default_db_path
    from vanban.cmd_graph import _open as open_chosen_store   # the one rule for --db / --neo4j
    from vanban.web import create_app

    if not neo4j_uri:
        db = Path(db) if db else default_db_path()

    def opener():
        return open_store(db=db, neo4j_uri=neo4j_uri, neo4j_user=neo4j_user,
                          neo4j_password=neo4j_password)

    # fail now, with one clear line, rather than on the first request
    open_chosen_store(db, neo4j_uri, neo4j_user, neo4j_password).close()
    try:   # an address in use or no address at all: one line, not uvicorn's log and status 3
        socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET).close()
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: "
                                   f"{(exc.strerror or str(exc)).split(' (while ')[0]}") from None
    click.echo(f"serving on http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(create_app(opener), host=host, port=port, log_level="warning",
                access_log=False)

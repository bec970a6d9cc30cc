"""A first load at import speed: extraction records -> the neo4j-admin CSV files ->
`neo4j-admin database import full` into a new (or stopped) database, instead of
millions of online writes.

The records are resolved by the SQLite store (the same identity rules and facts as every
load), written by the one CSV writer (`export.to_neo4j_csv`, which carries every
property the Neo4j store keeps), then imported: for the embedded Neo4j by one launcher
run that imports with its bundled neo4j-admin, then opens the database once to create
the constraints and indexes, full-text one included (`import_with_launcher`); for a
server the user runs, by the command `admin_command` prints (its constraints and
indexes are created by the first `vanban` command that opens it, as for any store).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from graph.export import NEO4J_ADMIN_IMPORT, to_neo4j_csv
from graph.store import LoadReport

LAUNCHER_TARGET = Path(__file__).resolve().parents[1] / "tools" / "neo4j-launcher" / "target"
LAUNCHER_JAR = LAUNCHER_TARGET / "neo4j-launcher.jar"
_JAVA_OPTS = "-Xms128m -Xmx512m -XX:+UseSerialGC"   # start.sh's default heap
STAGING_NAME = "staging.sqlite"


class ImportFailed(RuntimeError):
    """The import could not run or the tool refused it (message: one line, what to do)."""


def admin_import_args(directory: str | Path, database: str = "neo4j") -> list[str]:
    """The neo4j-admin arguments that import the CSV files in `directory`."""
    directory = str(Path(directory).resolve())
    args = NEO4J_ADMIN_IMPORT.split()
    args[4] = database
    return [a.replace("DIR", directory) if a.startswith("--") else a for a in args]


def admin_command(directory: str | Path, database: str = "neo4j") -> str:
    """`admin_import_args` as one shell command line, quoted."""
    return shlex.join(admin_import_args(directory, database))


def write_import_files(records: Iterable[dict[str, Any]], directory: str | Path,
                       staging: str | Path | None = None, batch_size: int | None = None,
                       progress: Callable[[LoadReport], None] | None = None
                       ) -> tuple[LoadReport, list[Path]]:
    """Resolve `records` in a SQLite store and write the import files into `directory`.
    The store is `staging` when given (kept: a store of record), else a file in
    `directory` deleted afterwards. Returns the load's report and the files written."""
    from graph.sqlite_store import SQLiteStore
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = Path(staging) if staging else directory / STAGING_NAME
    if not staging:
        for leftover in directory.glob(STAGING_NAME + "*"):   # an interrupted run's
            leftover.unlink()
    try:
        with SQLiteStore(path) as store:
            report = store.load_pages(records, batch_size=batch_size, progress=progress)
            files = to_neo4j_csv(store, directory)
    finally:
        if not staging:
            for f in directory.glob(STAGING_NAME + "*"):
                f.unlink()
    return report, files


def _launcher_ready() -> None:
    import shutil
    if not LAUNCHER_JAR.is_file() or not (LAUNCHER_TARGET / "lib").is_dir():
        raise ImportFailed(f"the embedded Neo4j is not built ({LAUNCHER_JAR} missing): run "
                           "bash tools/neo4j-launcher/build.sh")
    if not shutil.which("java"):
        raise ImportFailed("java is not on PATH (the embedded Neo4j needs a JDK 17)")


def _java_opts() -> list[str]:
    return shlex.split(os.environ.get("NEO4J_LAUNCHER_JAVA_OPTS") or _JAVA_OPTS)


def import_with_launcher(directory: str | Path, home: str | Path,
                         launcher_args: tuple[str, ...] = ()) -> str:
    """Import the CSV files in `directory` into the default database of `home` (the
    directory the launcher is started with: `start.sh --data HOME`), which must not be
    running and must not hold that database yet, and create the constraints and indexes
    (`neo4j_store.SCHEMA`, the full-text one too), waiting for them to be online: one
    launcher run (one JVM start: the bundled neo4j-admin, then the database opened
    once). `launcher_args` adds launcher options (`--page-cache 2g`). Returns the import
    tool's summary line."""
    from graph.neo4j_store import SCHEMA
    _launcher_ready()
    home = Path(home).resolve()
    store = home / "data" / "databases" / "neo4j"
    if store.is_dir() and any(store.iterdir()):
        raise ImportFailed(f"{home} holds a database 'neo4j' already: import into a new "
                           "--neo4j-home (or delete its data/databases and data/transactions)")
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    schema = home / "schema.cypher"
    schema.write_text("".join(stmt + "\n" for stmt in SCHEMA), encoding="utf-8")
    try:
        done = subprocess.run(
            ["java", *_java_opts(), "-jar", str(LAUNCHER_JAR), "--data", str(home),
             *launcher_args, "--schema", str(schema), "--exit",
             "--import", *admin_import_args(directory)[1:]],
            cwd=home, env=dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf")),
            capture_output=True, text=True)
    except OSError as exc:
        raise ImportFailed(f"cannot run the import tool: {exc}") from None
    if "IMPORT DONE" not in done.stdout or done.returncode != 0:
        # the tool's own error line: not its stack frames, warnings or --verbose hint
        lines = [ln.strip() for ln in done.stderr.splitlines()
                 if ln.strip() and not ln.strip().startswith(("at ", "WARNING", "Run with"))]
        reason = lines[-1] if lines else f"exit status {done.returncode}"
        step = "neo4j-admin import" if "IMPORT DONE" not in done.stdout else "indexing"
        raise ImportFailed(f"{step} into {home} failed: {reason}")
    return next(ln for ln in done.stdout.splitlines() if "IMPORT DONE" in ln).strip()


def start_launcher(home: str | Path, timeout: float = 180.0, *, java_opts: list[str] | None = None,
                   launcher_args: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    """Start the embedded Neo4j on a free port with its store in `home`; (process, Bolt
    URI). It stops when its standard input closes (`stop_launcher`). `java_opts` replaces
    the JVM options (`NEO4J_LAUNCHER_JAVA_OPTS`), `launcher_args` adds launcher options
    (`--page-cache 32m`). Raises ImportFailed when it cannot start."""
    _launcher_ready()
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "launcher.log", "a") as log:
        proc = subprocess.Popen(
            ["java", *(_java_opts() if java_opts is None else java_opts), "-jar", str(LAUNCHER_JAR),
             "--port", "0", "--data", str(home), *launcher_args, "--stdin"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not line or not line[0].startswith("bolt://"):
        proc.kill()
        proc.wait(10)
        raise ImportFailed(f"the embedded Neo4j did not start within {timeout:.0f} s; see "
                           f"{home / 'launcher.log'}")
    return proc, line[0].strip()


def stop_launcher(proc: subprocess.Popen) -> None:
    """Stop a launcher `start_launcher` started (it exits when its stdin closes)."""
    if proc.poll() is not None:
        return
    proc.stdin.close()
    try:
        proc.wait(120)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


__all__ = ["ImportFailed", "admin_command", "admin_import_args", "import_with_launcher", "start_launcher", "stop_launcher", "write_import_files"]

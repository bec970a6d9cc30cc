"""Benchmark the graph stores on a synthetic graph shaped like the real one
(`bench/synthetic_graph.py`: roots, provincial and district plans; at `--scale 1` 1M
documents, ~5M relations).

One run prints, with the machine and the sizes: the load rate (rows/s: pages + mentions
+ relation statements) of each load path side by side - SQLite (`load_pages`, what
`vanban load` uses), Neo4j online (`load_pages` over Bolt, in a child process: once with
the driver's pure-Python encoding, once with the `neo4j-rust-ext` extension when it is
installed or `--rust-path` names a copy of the driver that has it, once with
`--before-root`'s checkout for a before/after in the same run), and the neo4j-admin
import (`vanban load --neo4j-import`: records -> SQLite -> CSV -> import tool ->
indexes); then p50/p95 latency of `implementers` and `lineage` on each store (Neo4j's
with the one-query walk and with the level-by-level walk it replaced), and the same
traversals on networkx. Prints figures; never fails.

    python bench/bench_graph.py --scale 0.01                 # quick
    python bench/bench_graph.py --scale 1 --stores sqlite    # the full size
    python bench/bench_graph.py --scale 0.05 --stores neo4j,import --before-root ../main
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# a child process that measures another checkout (--before-root) imports graph from it;
# one that measures the pure-Python Bolt encoding hides the Rust extension from the driver
sys.path.insert(0, os.environ.get("VANBAN_BENCH_ROOT") or str(ROOT))
if os.environ.get("VANBAN_BENCH_PURE"):
    sys.modules["neo4j._rust"] = None

from graph import queries  # noqa: E402
from synthetic_graph import query_keys, synthetic_records  # noqa: E402

PAGE_BY_PAGE = False   # --page-by-page: load_records instead of the bulk load_pages


def pct(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def time_queries(label, fn, keys, repeat=1):
    times = []
    for key in keys:
        t0 = time.perf_counter()
        fn(key)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"  {label:38s} n={len(times):4d}  p50 {pct(times, .5):9.2f} ms   "
          f"p95 {pct(times, .95):9.2f} ms")
    return pct(times, .5), pct(times, .95)


def load(store, scale, label):
    t0 = time.perf_counter()
    last = [t0]

    def progress(report):
        now = time.perf_counter()
        if now - last[0] > 30:
            last[0] = now
            print(f"    {label}: {report.pages:,} pages, {report.rows / (now - t0):,.0f} rows/s",
                  flush=True)
    if PAGE_BY_PAGE:
        report = store.load_records(synthetic_records(scale), progress=progress)
    else:
        report = store.load_pages(synthetic_records(scale), progress=progress)
    secs = time.perf_counter() - t0
    c = store.counts()
    print(f"  load: {report.pages:,} pages, {report.rows:,} rows in {secs:,.1f} s = "
          f"{report.rows / secs:,.0f} rows/s ({report.pages / secs:,.0f} pages/s)")
    print(f"  graph: {sum(c['nodes'].values()):,} nodes {c['nodes']}, "
          f"{sum(c['relations'].values()):,} relations {c['relations']}")
    return report


LOADS: list[tuple[str, int, float, str]] = []      # (load path, rows, seconds, note)
QUERIES: list[tuple[str, str, float, float]] = []  # (store, question, p50, p95)


def machine() -> str:
    import platform
    try:
        with open("/proc/meminfo") as f:
            mem = f", {int(f.readline().split()[1]) / 1e6:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        mem = ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    try:
        import neo4j
        driver = f"neo4j driver {neo4j.__version__}"
    except ImportError:
        driver = "no neo4j driver"
    return (f"{platform.machine()}, {os.cpu_count()} cores{mem}, load average {load:.1f} "
            f"at the start; Python {platform.python_version()}, {driver}")


def bench_queries(store, label, nq):
    keys = query_keys(nq)
    for question, fn in (("implementers", lambda k: queries.implementers(store, k)),
                         ("lineage", lambda k: queries.lineage(store, k, max_nodes=2000))):
        for key in keys[:10] + keys[-10:]:   # warm: plans compiled, caches filled
            fn(key)
        p50, p95 = time_queries(f"{question} ({label})", fn, keys)
        QUERIES.append((label, question, p50, p95))


def bench_store(store, label, scale, nq):
    print(f"\n== {label}")
    report = load(store, scale, label)
    LOADS.append((label, report.rows, report.seconds, ""))
    bench_queries(store, label, nq)


def bench_networkx(sqlite_store, nq):
    import networkx as nx
    print("\n== networkx (built from the SQLite store, keys and types only)")
    t0 = time.perf_counter()
    g = nx.MultiDiGraph()
    for s, t, ty in sqlite_store._conn.execute(
            "SELECT DISTINCT s.key, t.key, r.type FROM relations r JOIN nodes s ON s.id=r.src_node "
            "JOIN nodes t ON t.id=r.dst_node"):
        g.add_edge(s, t, key=ty)
    print(f"  build: {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges in "
          f"{time.perf_counter() - t0:,.1f} s")
    keys = query_keys(nq)
    QUERIES.append(("networkx", "implementers", *time_queries(
        "implementers (traverse in)",
        lambda k: queries.traverse_networkx(g, k, direction="in"), keys)))
    QUERIES.append(("networkx", "lineage", *time_queries(
        "lineage (ancestors + descendants)", lambda k: (
            queries.traverse_networkx(g, k, direction="out", types=queries.LINEAGE_TYPES),
            queries.traverse_networkx(g, k, direction="in", types=queries.LINEAGE_TYPES)),
        keys)))


def start_launcher(tmp: Path, heap: str, page_cache: str, name: str = "neo4j"):
    jar = ROOT / "tools" / "neo4j-launcher" / "target" / "neo4j-launcher.jar"
    proc = subprocess.Popen(
        ["java", "-Xms256m", f"-Xmx{heap}", "-jar", str(jar), "--port", "0",
         "--data", str(tmp / name), "--page-cache", page_cache, "--stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=open(tmp / f"{name}.log", "w"), text=True)
    line = []
    t = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    t.start()
    t.join(180)
    if not line or not line[0].startswith("bolt://"):
        proc.kill()
        raise SystemExit(f"the Neo4j launcher did not start; see {tmp / (name + '.log')}")
    return proc, line[0].strip()


def stop(proc) -> None:
    if proc and proc.poll() is None:
        proc.stdin.close()
        proc.wait(120)


def child_load(uri: str, scale: float) -> None:
    """(In a child process) load the synthetic graph into an emptied Neo4j; print JSON."""
    import json
    from graph.neo4j_store import Neo4jStore
    from neo4j._codec.packstream import v1
    if not os.environ.get("VANBAN_BENCH_PURE") and v1._rust_pack is None:
        # the Rust row without the extension: said before the loaded graph is emptied
        print(json.dumps({"rows": 0, "seconds": 0, "rust": False}))
        return
    with Neo4jStore(uri, os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")) as s:
        s.clear()
        report = s.load_pages(synthetic_records(scale))
    print(json.dumps({"rows": report.rows, "seconds": report.seconds,
                      "rust": v1._rust_pack is not None}))


def neo4j_online(uri: str, scale: float, label: str, *, pure: bool, root: str | None = None,
                 rust_path: str | None = None) -> bool:
    """One online load into Neo4j in a child process (its own driver and imports)."""
    import json
    env = dict(os.environ)
    env.pop("VANBAN_BENCH_PURE", None)
    if pure:
        env["VANBAN_BENCH_PURE"] = "1"
    if root:
        env["VANBAN_BENCH_ROOT"] = str(Path(root).resolve())
    if rust_path:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [rust_path, env.get("PYTHONPATH")]))
    print(f"\n== {label}", flush=True)
    done = subprocess.run([sys.executable, __file__, "--child-load", uri, "--scale", str(scale)],
                          env=env, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"  failed: {(done.stderr.strip().splitlines() or ['?'])[-1]}")
        return False
    out = json.loads(done.stdout.strip().splitlines()[-1])
    if not pure and not out["rust"]:
        print("  the Rust extension is not installed (pip install neo4j-rust-ext, or "
              "--rust-path DIR): row skipped")
        return False
    note = "Rust encoding" if out["rust"] else "pure-Python encoding"
    print(f"  load: {out['rows']:,} rows in {out['seconds']:,.1f} s = "
          f"{out['rows'] / out['seconds']:,.0f} rows/s ({note})")
    LOADS.append((label, out["rows"], out["seconds"], note))
    return True


def bench_import(tmp: Path, scale: float) -> None:
    """`vanban load --neo4j-import DIR --neo4j-home HOME`, step by step."""
    from graph import neo4j_import
    print("\n== neo4j-admin import (records -> SQLite -> CSV -> one launcher run: import tool,"
          " then indexes)")
    t0 = time.perf_counter()
    report, files = neo4j_import.write_import_files(synthetic_records(scale), tmp / "csv")
    t1 = time.perf_counter()
    done = neo4j_import.import_with_launcher(tmp / "csv", tmp / "imported")
    t2 = time.perf_counter()
    tool = _seconds_of(done)
    size = sum(f.stat().st_size for f in files) / 1e6
    print(f"  resolve + CSV: {t1 - t0:,.1f} s ({size:,.0f} MB); launcher run: {t2 - t1:,.1f} s"
          f" = import tool's own work {tool:,.1f} s ({done}) + JVM start, database opened,"
          f" constraints and indexes {t2 - t1 - tool:,.1f} s")
    print(f"  end to end: {report.rows:,} rows in {t2 - t0:,.1f} s = "
          f"{report.rows / (t2 - t0):,.0f} rows/s")
    LOADS.append(("neo4j-admin import, end to end", report.rows, t2 - t0,
                  f"import tool's own work {report.rows / tool:,.0f} rows/s" if tool else ""))


def _seconds_of(summary: str) -> float:
    """The duration in the import tool's `IMPORT DONE in 1m 2s 345ms.` line."""
    import re
    units = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    head = summary.split(".")[0]
    return sum(int(n) * units[u] for n, u in re.findall(r"(\d+)(ms|h|m|s)\b", head))


def bench_neo4j_walks(uri: str, nq: int) -> None:
    """Neo4j's questions with the one-query walk and with the level-by-level one."""
    from graph.neo4j_store import Neo4jStore
    from graph.store import Store
    with Neo4jStore(uri, os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")) as s:
        print("\n== Neo4j queries (the graph of the last online load)")
        bench_queries(s, "Neo4j, walk in one query", nq)
        s.walk = lambda *a, **k: Store.walk(s, *a, **k)     # before: one edges() per depth
        bench_queries(s, "Neo4j, walk level by level (before)", nq)


def summary(scale: float) -> None:
    docs = max(2000, int(1_000_000 * scale))
    print(f"\n== summary: {docs:,} documents; {machine()}")
    base = next((r / t for label, r, t, _ in LOADS if label.startswith("SQLite")), None)
    for label, rows, secs, note in LOADS:
        ratio = f"{rows / secs / base:5.2f}x SQLite" if base else ""
        print(f"  {label:44s} {rows:>11,} rows {rows / secs:>9,.0f} rows/s  {ratio}  {note}")
    for label, question, p50, p95 in QUERIES:
        print(f"  {label:44s} {question:12s} p50 {p50:8.2f} ms  p95 {p95:8.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=0.01,
                    help="1.0 = 1M documents / ~5M relations (default 0.01)")
    ap.add_argument("--neo4j-scale", type=float, default=None,
                    help="scale for Neo4j and the import (default: --scale)")
    ap.add_argument("--stores", default="sqlite,networkx,neo4j,import",
                    help="any of sqlite, networkx, neo4j (online loads, queries), import")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--db", default=None, help="SQLite file (default: a temp file)")
    ap.add_argument("--neo4j-heap", default="6g", help="launcher's -Xmx (default 6g)")
    ap.add_argument("--neo4j-page-cache", default="8g",
                    help="launcher's page cache (default 8g)")
    ap.add_argument("--page-by-page", action="store_true",
                    help="load with load_records (small batches) instead of load_pages (bulk)")
    ap.add_argument("--rust-path", default=None,
                    help="a directory holding a neo4j driver package with the Rust extension")
    ap.add_argument("--before-root", default=None,
                    help="another checkout (e.g. main) whose Neo4j online load runs too")
    ap.add_argument("--child-load", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_load:
        return child_load(args.child_load, args.scale)
    global PAGE_BY_PAGE
    PAGE_BY_PAGE = args.page_by_page
    stores = set(args.stores.split(","))
    from graph.sqlite_store import SQLiteStore
    print(machine())
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        print(f"scale {args.scale}: ~{max(2000, int(1_000_000 * args.scale)):,} documents")
        if stores & {"sqlite", "networkx"}:
            db = Path(args.db) if args.db else tmp / "bench.sqlite"
            if db.exists():
                db.unlink()
            with SQLiteStore(db) as s:
                bench_store(s, "SQLite (embedded)", args.scale, args.queries)
                if "networkx" in stores:
                    bench_networkx(s, args.queries)
        scale = args.neo4j_scale or args.scale
        if "import" in stores:
            bench_import(tmp, scale)
        if "neo4j" in stores:
            print(f"\n(neo4j scale {scale}: ~{max(2000, int(1_000_000 * scale)):,} docs)")
            proc = None
            uri = os.environ.get("NEO4J_URI")
            if not uri:
                proc, uri = start_launcher(tmp, args.neo4j_heap, args.neo4j_page_cache)
            try:
                if args.before_root:
                    neo4j_online(uri, scale, "Neo4j online, before (--before-root)", pure=True,
                                 root=args.before_root)
                neo4j_online(uri, scale, "Neo4j online", pure=True)
                neo4j_online(uri, scale, "Neo4j online, Rust extension", pure=False,
                             rust_path=args.rust_path)
                bench_neo4j_walks(uri, args.queries)
            finally:
                stop(proc)
    summary(args.scale)


if __name__ == "__main__":
    main()

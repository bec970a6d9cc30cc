"""Benchmark `vanban serve`: latency of pages and API answers under concurrent requests.

Builds the synthetic graph of bench_graph.py in SQLite (`--docs` documents; or reuses
`--db` if it exists, saying how long building took or would take), starts `vanban serve`
on a free port in a child process, and sends `--requests` requests of each kind from
each number of concurrent clients in `--concurrency` (e.g. `1,8`): search by number and
by words, document pages (central, the most implemented, provincial, district), a
province page, a coverage table, `/api/implementers` and `/api/search`. Prints p50/p95
and throughput per kind, one column per concurrency, side by side; never fails. The
server keeps answers while the store is unchanged (vanban/web/cache.py): the "unseen"
rows ask each page once (a first view), the others ask pages again. Requests start once
the server's reach index is built (`/api/status`; its size and build time are printed).

    python bench/bench_web.py --docs 20000                              # quick
    python bench/bench_web.py --docs 1000000 --db /tmp/bench1m.sqlite   # the 1M store
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bench_graph import pct, synthetic_records  # noqa: E402
from graph.provinces import SUCCESSION  # noqa: E402


# builds measured on the 2-core development machine shared with other jobs: (documents,
# seconds). Loading slows as the store grows, so the estimate printed before a build
# scales the largest measured point not above it (a lower bound beyond the last one).
MEASURED_BUILDS = ((50_000, 22), (200_000, 167), (1_000_000, 3300))


def build_estimate(docs: int) -> float:
    size, seconds = max([m for m in MEASURED_BUILDS if m[0] <= docs] or MEASURED_BUILDS[:1])
    return docs * seconds / size


def build(db: Path, docs: int) -> None:
    from graph.sqlite_store import SQLiteStore
    print(f"building {docs:,} documents into {db}: about {_duration(build_estimate(docs))}"
          f"{' or more' if docs > MEASURED_BUILDS[-1][0] else ''} ...", flush=True)
    t0 = time.perf_counter()
    with SQLiteStore(db) as store:
        report = store.load_pages(synthetic_records(docs / 1_000_000))
    spent = time.perf_counter() - t0
    print(f"built {db}: {report.pages:,} pages in {_duration(spent)} "
          f"({report.pages / spent:,.0f} documents/s), {db.stat().st_size / 1e6:,.0f} MB")


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def sample_keys(db: Path, n: int) -> dict[str, list[str]]:
    import sqlite3
    conn = sqlite3.connect(db)
    rng = random.Random(3)

    def some(where: str) -> list[str]:
        keys = [r[0] for r in conn.execute(
            f"SELECT key FROM nodes WHERE label='Document' AND {where} LIMIT 20000")]
        return rng.sample(keys, min(n, len(keys)))

    # twice as many central documents as asked: the first half for pages asked once each
    central = some("province IS NULL") + some("province IS NULL")
    out = {"central": central[n:], "central_unseen": list(dict.fromkeys(central))[:n],
           "provincial": some("province IS NOT NULL AND locality NOT LIKE '%/%'"),
           "district": some("locality LIKE '%/%'")}
    out["central"] = out["central"] or out["central_unseen"]
    # the documents with the most direct implementers: the heaviest document pages
    out["most_implemented"] = [r[0] for r in conn.execute(
        "SELECT t.key FROM relations r JOIN nodes t ON t.id=r.dst_node "
        "WHERE r.type='IMPLEMENTS' GROUP BY r.dst_node ORDER BY COUNT(*) DESC LIMIT 3")]
    out["numbers"] = [r[0] for r in conn.execute(
        "SELECT number FROM nodes WHERE label='Document' AND number IS NOT NULL LIMIT 5000")]
    conn.close()
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int, workers: int = 1) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", "from vanban.cli import main; main()",
                             "serve", "--db", str(db), "--port", str(port),
                             "--workers", str(workers)],
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    ready: set = set()
    while time.monotonic() < deadline:
        # serving, and its walks answered from the index in memory (graph/reach_index.py)
        try:
            status = json.load(urllib.request.urlopen(
                f"http://127.0.0.1:{port}/api/status", timeout=2))
        except OSError:
            time.sleep(0.3)
            continue
        index = status.get("reach_index") or {}
        # every worker process builds its own index: wait until each has said it is done
        if index.get("state") != "building":
            ready.add(status.get("worker"))
        if len(ready) >= workers:
            print(f"reach index: {index}")
            return proc
        time.sleep(0.3 if not ready else 0.05)
    proc.kill()
    raise SystemExit("vanban serve did not start")


def unseen(paths: list[str], levels: list[int]) -> dict[int, list[str]]:
    """`paths` dealt out to the concurrency levels, none asked twice: the pages a
    server that keeps answers (vanban/web/cache.py) computes anew."""
    share = max(1, len(paths) // len(levels))
    return {c: paths[i * share:(i + 1) * share] for i, c in enumerate(levels)}


def measure(base: str, paths: list[str], concurrency: int) -> dict[str, float]:
    """p50, p95 (ms), requests/s and errors of `paths` sent from `concurrency` clients."""
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def get(path: str) -> None:
        t0 = time.perf_counter()
        try:
            urllib.request.urlopen(base + path, timeout=300).read()
        except OSError:
            with lock:
                errors[0] += 1
            return
        with lock:
            times.append((time.perf_counter() - t0) * 1000)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(get, paths))
    wall = time.perf_counter() - t0
    return {"p50": pct(times, .5), "p95": pct(times, .95), "rate": len(times) / wall,
            "errors": errors[0]}


def print_side_by_side(figures: dict[str, dict[int, dict[str, float]]],
                       levels: list[int]) -> None:
    """One row per kind, one column per concurrency: p50 / p95 ms, requests/s."""
    head = f"{'':34s}" + "".join(f"{f'{c} client' + ('s' if c > 1 else ''):>30s}" for c in levels)
    print(head)
    print(f"{'':34s}" + "".join(f"{'p50 / p95 ms   req/s':>30s}" for _ in levels))
    for label, by_level in figures.items():
        cells = []
        for c in levels:
            f = by_level[c]
            cell = f"{f['p50']:8.1f} / {f['p95']:8.1f} {f['rate']:7.1f}"
            cells.append(cell + (f" e{f['errors']}" if f["errors"] else ""))
        print(f"  {label:32s}" + "".join(f"{cell:>30s}" for cell in cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=20_000,
                    help="documents of the synthetic store (up to 1000000; at least 2000)")
    ap.add_argument("--db", default=None, help="SQLite store (built there if missing)")
    ap.add_argument("--requests", type=int, default=100, help="requests of each kind")
    ap.add_argument("--workers", type=int, default=1,
                    help="vanban serve's worker processes (default 1)")
    ap.add_argument("--concurrency", default="1,8",
                    help="numbers of concurrent clients, comma-separated (default 1,8)")
    args = ap.parse_args()
    levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.sqlite"
        if not db.exists():
            build(db, max(2000, args.docs))
        else:
            print(f"reusing {db} (building {args.docs:,} documents takes about "
                  f"{_duration(build_estimate(args.docs))})")
        keys = sample_keys(db, args.requests)
        rng = random.Random(5)
        n = args.requests
        numbers = [rng.choice(keys["numbers"]) for _ in range(n)]
        doc = lambda k: "/doc/" + quote(k, safe="")   # noqa: E731
        # first the pages asked once each, then pages asked again and again (most
        # implemented, and central documents drawn with repeats): the latter are mostly
        # answers the server kept
        kinds = {
            "document page, central, unseen": unseen([doc(k) for k in keys["central_unseen"]],
                                                     levels),
            "coverage page, central, unseen": unseen(
                [f"/coverage?{urlencode({'q': k})}" for k in keys["central_unseen"]], levels),
            "search page, a number": [f"/search?{urlencode({'q': x})}" for x in numbers],
            "search page, words": [f"/search?{urlencode({'q': w})}" for w in
                                   rng.choices(["ke hoach thuc hien", "uy ban nhan dan tinh",
                                                "huyen uy", "thuc hien 12"], k=n)],
            "document page, central": [doc(k) for k in rng.choices(keys["central"], k=n)],
            "document page, most implemented": [doc(k) for k in
                                                rng.choices(keys["most_implemented"], k=n)],
            "document page, provincial": [doc(k) for k in rng.choices(keys["provincial"], k=n)],
            "document page, district": [doc(k) for k in rng.choices(keys["district"], k=n)],
            "province page": ["/province/" + quote(p, safe="") for p in
                              rng.choices(list(SUCCESSION), k=n)],
            "coverage page, central": [f"/coverage?{urlencode({'q': k})}"
                                       for k in rng.choices(keys["central"], k=n)],
            "/api/implementers (provincial)": [f"/api/implementers?{urlencode({'q': k})}"
                                              for k in rng.choices(keys["provincial"], k=n)],
            "/api/search, a number": [f"/api/search?{urlencode({'q': x})}" for x in numbers],
        }
        port = free_port()
        proc = serve(db, port, args.workers)
        try:
            print(f"vanban serve --workers {args.workers} over {db} "
                  f"({db.stat().st_size / 1e6:,.0f} MB), {n} requests of each kind")
            figures = {label: {c: measure(f"http://127.0.0.1:{port}",
                                          paths[c] if isinstance(paths, dict) else paths, c)
                               for c in levels} for label, paths in kinds.items()}
            print_side_by_side(figures, levels)
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()

"""Benchmark `vanban serve`: latency of pages and API answers under concurrent requests.

Builds the synthetic graph of bench_graph.py in SQLite (or reuses `--db` if it exists),
starts `vanban serve` on a free port in a child process, and sends `--requests` requests
of each kind from `--concurrency` threads at once: search by number, search by words,
document pages (central, provincial and district documents, as bench_graph samples
them), `/api/implementers` and `/api/search`. Prints p50/p95 per kind; never fails.

    python bench/bench_web.py --scale 0.01                       # quick
    python bench/bench_web.py --scale 1 --db /tmp/bench1m.sqlite  # the 1M-document store
"""

from __future__ import annotations

import argparse
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


def build(db: Path, scale: float) -> None:
    from graph.sqlite_store import SQLiteStore
    t0 = time.perf_counter()
    with SQLiteStore(db) as store:
        report = store.load_pages(synthetic_records(scale))
    print(f"built {db}: {report.pages:,} pages in {time.perf_counter() - t0:.0f} s")


def sample_keys(db: Path, n: int) -> dict[str, list[str]]:
    import sqlite3
    conn = sqlite3.connect(db)
    rng = random.Random(3)

    def some(where: str) -> list[str]:
        keys = [r[0] for r in conn.execute(
            f"SELECT key FROM nodes WHERE label='Document' AND {where} LIMIT 20000")]
        return rng.sample(keys, min(n, len(keys)))

    out = {"central": some("province IS NULL"),
           "provincial": some("province IS NOT NULL AND locality NOT LIKE '%/%'"),
           "district": some("locality LIKE '%/%'")}
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


def serve(db: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", "from vanban.cli import main; main()",
                             "serve", "--db", str(db), "--port", str(port)],
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("vanban serve did not start")


def measure(base: str, label: str, paths: list[str], concurrency: int) -> None:
    times: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def get(path: str) -> None:
        t0 = time.perf_counter()
        try:
            urllib.request.urlopen(base + path, timeout=120).read()
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
    print(f"  {label:34s} n={len(times):4d}  p50 {pct(times, .5):8.1f} ms  "
          f"p95 {pct(times, .95):8.1f} ms  {len(times) / wall:6.1f} req/s"
          + (f"  errors {errors[0]}" if errors[0] else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=0.01)
    ap.add_argument("--db", default=None, help="SQLite store (built there if missing)")
    ap.add_argument("--requests", type=int, default=200, help="requests of each kind")
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.sqlite"
        if not db.exists():
            build(db, args.scale)
        keys = sample_keys(db, args.requests)
        rng = random.Random(5)
        n = args.requests
        numbers = [rng.choice(keys["numbers"]) for _ in range(n)]
        doc = lambda k: "/doc/" + quote(k, safe="")   # noqa: E731
        kinds = {
            "search page, a number": [f"/search?{urlencode({'q': x})}" for x in numbers],
            "search page, words": [f"/search?{urlencode({'q': w})}" for w in
                                   rng.choices(["ke hoach thuc hien", "uy ban nhan dan tinh",
                                                "huyen uy", "thuc hien 12"], k=n)],
            "document page, central": [doc(k) for k in rng.choices(keys["central"], k=n)],
            "document page, most implemented": [doc(k) for k in
                                                rng.choices(keys["most_implemented"], k=n)],
            "document page, provincial": [doc(k) for k in rng.choices(keys["provincial"], k=n)],
            "document page, district": [doc(k) for k in rng.choices(keys["district"], k=n)],
            "/api/implementers (provincial)": [f"/api/implementers?{urlencode({'q': k})}"
                                              for k in rng.choices(keys["provincial"], k=n)],
            "/api/search, a number": [f"/api/search?{urlencode({'q': x})}" for x in numbers],
        }
        port = free_port()
        proc = serve(db, port)
        try:
            print(f"vanban serve over {db} ({db.stat().st_size / 1e6:,.0f} MB), "
                  f"{args.concurrency} concurrent clients")
            for label, paths in kinds.items():
                measure(f"http://127.0.0.1:{port}", label, paths, args.concurrency)
        finally:
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()

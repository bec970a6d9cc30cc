"""Distributed crawl through a real redis-server: the frontier's rules, then two `vanban
crawl --redis` worker processes sharing one served portal and one store.

Needs the `redis-server` binary (Debian package). Under CI=true a missing or
unstartable server is a failure, never a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.crawlers import sitekit

pytestmark = pytest.mark.redis

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"redis-server needed in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_redis(tmp_path) -> tuple[subprocess.Popen, str]:
    """A private redis-server on 127.0.0.1 (no persistence): (process, URL)."""
    if not os.path.exists(REDIS_SERVER):
        _unavailable("redis-server is not installed (apt-get install redis-server)")
    import redis

    for _attempt in range(3):
        port = _free_port()
        proc = subprocess.Popen([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", str(tmp_path)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                redis.Redis.from_url(url).ping()
                return proc, url
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        proc.kill()  # the port was taken meanwhile, or the server was slow: try again
        proc.wait()
    _unavailable("redis-server did not start")


def _stop_redis(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def redis_url(tmp_path):
    """A private redis-server's URL, stopped after the test."""
    proc, url = _start_redis(tmp_path)
    try:
        yield url
    finally:
        _stop_redis(proc)


# -- the frontier's rules, script by script ----------------------------------------------

def _frontier(url: str, worker: str, ttl_ms: int = 60_000):
    import redis

    from crawlers.distributed import SharedFrontier, frontier_keys

    return SharedFrontier(redis.Redis.from_url(url), frontier_keys("t", "portal"), worker, ttl_ms)


def test_frontier_seeds_once_waits_for_busy_workers_and_cleans_up(redis_url):
    a, b = _frontier(redis_url, "a"), _frontier(redis_url, "b")
    ja = a.join()
    jb = b.join()
    assert ja["fresh"] and ja["seeder"]
    assert not jb["fresh"] and not jb["seeder"] and jb["live"] == 1
    a.server.lpush(a.keys["queue"], b"req-1")
    # b is idle with an empty queue of its own making, but a holds work (busy since joining)
    assert b.pop() == b"req-1"
    assert a.idle() == (0, 1)          # b popped a request: it counts as busy
    a.server.lpush(a.keys["queue"], b"req-2")   # b's callback enqueued a link, then b went idle
    assert b.idle() == (1, 0)          # queued work keeps everyone open
    assert a.pop() == b"req-2"
    assert b.idle() == (0, 1)
    assert a.idle() == (0, 0)          # done: nothing queued, nobody busy
    assert not a.leave(finished=True)  # b is still registered
    assert b.leave(finished=True)      # last one out clears the run's keys
    assert not a.server.keys("t:*")


def test_frontier_ignores_dead_workers_and_resumes_killed_runs(redis_url):
    dead = _frontier(redis_url, "dead", ttl_ms=200)
    dead.join()
    dead.server.sadd(dead.keys["dupefilter"], "fp")
    dead.server.lpush(dead.keys["queue"], b"left-over")
    time.sleep(0.3)                    # its heartbeat expired without a leave (a killed worker)
    w = _frontier(redis_url, "w")
    joined = w.join()
    # the killed run's queue is continued, not seeded again
    assert not joined["fresh"] and not joined["seeder"] and joined["live"] == 0 and joined["queued"] == 1
    assert w.pop() == b"left-over"
    assert w.idle() == (0, 0)          # the dead worker's busy flag does not hold anyone open
    assert not w.leave(finished=False)  # an interrupted run keeps its keys
    assert w.server.exists(w.keys["dupefilter"])
    again = _frontier(redis_url, "again")
    assert again.join()["fresh"]       # nothing queued, nobody live: stale keys dropped, seed again
    assert not again.server.exists(again.keys["dupefilter"])


# -- two worker processes, one portal, one store ----------------------------------------

ARTICLES_N = 40
DELAY_S = 0.5


def _articles(n: int) -> list[sitekit.Article]:
    """Portal news items in the style of the real ones, each citing a plan by number."""
    out = []
    for i in range(1, n + 1):
        day = 1 + i % 27
        out.append(sitekit.Article(
            f"tin-so-{i:03d}-trien-khai-ke-hoach-{100 + i}-kh-ubnd",
            f"Huyện số {i} triển khai Kế hoạch số {100 + i}/KH-UBND về cải cách hành chính năm 2025",
            f"{day:02d}/04/2025",
            [f"Ngày {day}/4/2025, Ủy ban nhân dân huyện ban hành Kế hoạch số {100 + i}/KH-UBND triển khai "
             f"thực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ tại địa phương.",
             f"Kế hoạch giao {i + 3} nhiệm vụ cụ thể cho các phòng, ban và Ủy ban nhân dân các xã."]))
    return out


def _worker(url: str, redis: str, db: Path, jsonl: Path, name: str, concurrency: int = 2) -> subprocess.Popen:
    args = ["crawl", "--start-url", url, "--province", sitekit.PROVINCE, "--db", str(db), "--redis", redis,
            "--json", "--progress", "0", "--no-warc", "--jsonl", str(jsonl), *sitekit.FAST,
            "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}", "-s", "DOWNLOAD_TIMEOUT=10",
            "-s", "VANBAN_REDIS_POLL=0.3", "-s", f"VANBAN_WORKER={name}"]
    return subprocess.Popen([sys.executable, "-c", "from vanban.cli import main; main()", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _after_workers_joined(redis_url: str, n: int, timeout_s: float = 60.0):
    """A route that serves its file once `n` workers are live on a frontier (or after timeout_s)."""
    import redis

    server = redis.Redis.from_url(redis_url)

    def route(handler):
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if any(server.zcard(key) >= n for key in server.scan_iter("vanban:*:alive")):
                break
            time.sleep(0.1)
        return handler._file_reply()

    return route


def test_two_workers_share_the_frontier_and_fetch_each_page_once(redis_url, tmp_path):
    import redis

    articles = _articles(ARTICLES_N)
    root = sitekit.build_site(tmp_path / "site", articles, per_page=5, faults=False)
    # slow enough that both workers are still needed when the second one has started
    site = sitekit.serve(root, faults=False, delay=DELAY_S)
    # the start page waits until both workers have joined the frontier: on a loaded machine
    # one worker's start-up can otherwise take as long as the whole crawl, and "both did
    # part of the work" would depend on the machine rather than on the frontier
    site.routes["/tin-tuc/index.html"] = _after_workers_joined(redis_url, 2)
    db = tmp_path / "g.sqlite"
    try:
        start = site.url("/tin-tuc/index.html")
        procs = {n: _worker(start, redis_url, db, tmp_path / f"{n}.jsonl", n) for n in ("w1", "w2")}
        reports, errors = {}, {}
        for name, proc in procs.items():
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, f"{name}: {err[-3000:]}"
            reports[name], errors[name] = json.loads(out.strip().splitlines()[-1]), err
    finally:
        site.stop()
        for proc in locals().get("procs", {}).values():
            if proc.poll() is None:
                proc.kill()

    for name, report in reports.items():
        assert report["reason"] == "finished", (name, report, errors[name][-8000:])
    # the menu's "Giới thiệu" page is missing on the test portal: reported once, by one worker
    failures = [f for r in reports.values() for f in r["failures"]]
    assert [(f["url"].rsplit("/", 1)[-1], f["reason"]) for f in failures] == [("gioi-thieu.html", "HTTP 404")]
    # every page fetched exactly once across both workers (robots.txt is each worker's own)
    fetched_twice = {path: n for path, n in site.hits.items() if n != 1 and path != "/robots.txt"}
    assert not fetched_twice
    assert site.hits["/robots.txt"] <= 2
    wanted = {f"/tin-tuc/{a.slug}.html" for a in articles}
    assert wanted <= set(site.hits)
    # every document stored once: one record per article in the union of the workers' output
    records = [json.loads(line) for n in reports for line in (tmp_path / f"{n}.jsonl").read_text().splitlines()]
    urls = [r["url"] for r in records]
    assert len(urls) == len(set(urls)) == ARTICLES_N
    assert {r["subject"]["number"] for r in records if r.get("subject")} <= {f"{100 + i}/KH-UBND"
                                                                             for i in range(1, ARTICLES_N + 1)}
    from graph import open_store

    store = open_store(db=db)
    try:
        assert len(list(store.iter_pages())) == ARTICLES_N
    finally:
        store.close()
    # both did part of the work, and together all of it
    assert all(r["new"] > 0 and r["fetched"] > 0 for r in reports.values()), reports
    assert sum(r["new"] for r in reports.values()) == ARTICLES_N
    # the last worker out cleared the run's keys: the next run starts fresh
    assert not redis.Redis.from_url(redis_url).keys("vanban:*")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_redis_lost_midway_keeps_what_was_stored_and_the_next_run_continues(tmp_path):
    articles = _articles(ARTICLES_N)
    root = sitekit.build_site(tmp_path / "site", articles, per_page=5, faults=False)
    site = sitekit.serve(root, faults=False, delay=DELAY_S)
    db, first_out, second_out = tmp_path / "g.sqlite", tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    redis_proc, url = _start_redis(tmp_path)
    try:
        worker = _worker(site.url("/tin-tuc/index.html"), url, db, first_out, "w1", concurrency=1)
        deadline = time.monotonic() + 60
        while len(_lines(first_out)) < 3 and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.1)
        redis_proc.kill()  # Redis dies mid-crawl, with no data on disk
        redis_proc.wait()
        out, err = worker.communicate(timeout=120)
        first = json.loads(out.strip().splitlines()[-1])
        assert worker.returncode == 1, err[-3000:]
        assert f"lost Redis at {url} midway" in err
        assert first["reason"] == "frontier_lost"
        stored_first = {r["url"] for r in _lines(first_out)}
        assert 3 <= first["new"] == len(stored_first) < ARTICLES_N

        # Redis is back, empty: the same command crawls again and stores only what is missing
        redis_proc, url = _start_redis(tmp_path)
        worker = _worker(site.url("/tin-tuc/index.html"), url, db, second_out, "w1")
        out, err = worker.communicate(timeout=120)
        second = json.loads(out.strip().splitlines()[-1])
        assert worker.returncode == 0, err[-3000:]
        assert second["reason"] == "finished"
    finally:
        site.stop()
        _stop_redis(redis_proc)
    stored_second = {r["url"] for r in _lines(second_out)}
    assert not stored_first & stored_second
    assert {u.rsplit("/", 1)[-1] for u in stored_first | stored_second} == {f"{a.slug}.html" for a in articles}
    from graph import open_store

    store = open_store(db=db)
    try:
        assert len(list(store.iter_pages())) == ARTICLES_N
    finally:
        store.close()


def test_unreachable_redis_is_a_clear_error_before_crawling(tmp_path):
    from tests.crawlers.conftest import run_vanban

    dead = f"redis://127.0.0.1:{_free_port()}/0"  # nothing listens there
    proc = run_vanban("crawl", "--start-url", "http://127.0.0.1:9/", "--db", str(tmp_path / "g.sqlite"),
                      "--redis", dead, "--progress", "0", timeout=60)
    assert proc.returncode == 1
    assert f"cannot reach Redis at {dead}" in proc.stderr
    assert not (tmp_path / "g.sqlite.crawl.sqlite").exists()

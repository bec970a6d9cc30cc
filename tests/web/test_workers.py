"""`vanban serve --workers N`: N processes answer on one port, each with its own index,
and stopping the server stops them all."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


@pytest.mark.timeout(120)
def test_two_workers_answer_with_their_own_index_and_stop_together(web_db, tmp_path):
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from vanban.cli import main; main()", "serve", "--db",
         str(web_db), "--port", str(port), "--workers", "2"],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        ready: set[int] = set()
        deadline = time.monotonic() + 60
        # each request a new connection: the kernel hands them to either worker
        while len(ready) < 2:
            assert proc.poll() is None and time.monotonic() < deadline, \
                (log.seek(0), log.read())[1]
            try:
                status = json.load(urllib.request.urlopen(base + "/api/status", timeout=5))
            except OSError:
                time.sleep(0.2)
                continue
            if status["reach_index"]["state"] == "ready":
                ready.add(status["worker"])
        assert len(ready) == 2 and proc.pid not in ready
        assert set(ready) <= set(_children(proc.pid)) | {
            c for w in _children(proc.pid) for c in _children(w)}
        page = urllib.request.urlopen(base + "/search?q=CT+33", timeout=10).read().decode()
        assert "33/CT-TTg" in page
        answer = json.load(urllib.request.urlopen(base + "/api/implementers?q=CT+33", timeout=10))
        assert answer["results"]
    finally:
        workers = _children(proc.pid)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        log.close()
    assert proc.returncode == 0, (tmp_path / "serve.log").read_text()
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()
                and "zombie" not in Path(f"/proc/{w}/status").read_text().lower()]

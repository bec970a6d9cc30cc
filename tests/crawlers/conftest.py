"""Fixtures: the test portal served on 127.0.0.1, and `vanban crawl` run as a process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.crawlers import sitekit

TIMEOUT_S = 2.0


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    root = sitekit.build_site(tmp_path_factory.mktemp("portal"))
    site = sitekit.serve(root, timeout_s=TIMEOUT_S)
    yield site
    site.stop()


def run_vanban(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run the `vanban` CLI in a fresh process (Scrapy's reactor runs once per process)."""
    return subprocess.run([sys.executable, "-c", "from vanban.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=timeout, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def crawl(db: Path, start_url: str, *extra: str) -> dict:
    """One crawl of `start_url` into `db`; returns the JSON report."""
    proc = run_vanban("crawl", "--start-url", start_url, "--province", sitekit.PROVINCE, "--db", str(db),
                      "--json", "--progress", "0", "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT_S}", *sitekit.FAST, *extra)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])

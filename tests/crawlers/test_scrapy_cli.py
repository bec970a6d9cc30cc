"""Scrapy's own commands from the project root, and `vanban crawl --profile FILE`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from crawlers.profiles import PROFILE_DIR, profile_keys
from tests.crawlers import sitekit
from tests.crawlers.conftest import TIMEOUT_S, run_vanban

ROOT = Path(__file__).resolve().parents[2]


def _scrapy(*args: str, env: dict, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, env=env)


def test_scrapy_list_and_crawl_from_the_root_behave_like_vanban_crawl(portal, tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    listed = _scrapy("list", env=env)
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert set(profile_keys()) <= set(listed.stdout.split())
    out = tmp_path / "items.jsonl"
    proc = _scrapy("crawl", "daklak", "-a", f"start_url={portal.url('/tin-tuc/index.html')}", "-o", str(out),
                   "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT_S}", "-s", "LOG_LEVEL=WARNING", *sitekit.FAST, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # the extraction records of the stored pages, nothing of the bookkeeping
    assert records and all({"url", "subject", "references", "relations", "content_hash"} <= set(r) for r in records)
    assert all(r.get("type") is None for r in records)
    assert any("33/CT-TTg" in {x["number"] for x in r["references"]} for r in records)
    store = tmp_path / "data" / "vanban-graph" / "vanban.sqlite"     # vanban crawl's default store
    assert store.is_file() and list((store.parent / "vanban.sqlite.warc").glob("*.warc.gz"))


def test_crawl_with_a_profile_file_and_its_hosts_overridden(portal, tmp_path):
    profile = tmp_path / "my-portal.json"
    data = json.loads((PROFILE_DIR / "daklak.json").read_text(encoding="utf-8"))
    data["key"] = "my-portal"
    profile.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    host = portal.base.split("://", 1)[1]
    proc = run_vanban("crawl", "--profile", str(profile), "--start-url", portal.url("/tin-tuc/index.html"),
                      "--host", host, "--db", str(tmp_path / "g.sqlite"), "--json", "--progress", "0",
                      "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT_S}", *sitekit.FAST)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["spider"] == "my-portal" and report["new"] >= len(sitekit.ARTICLES)
    bad = run_vanban("crawl", "--profile", str(profile), "--host", "not a host:x", "--db", str(tmp_path / "h.sqlite"),
                     "--progress", "0")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr

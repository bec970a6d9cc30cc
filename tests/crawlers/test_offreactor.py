"""Reading attachments runs off the reactor: a slow parse does not stall the downloads."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_slow_parse_does_not_stall_another_download(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "tests.crawlers.slowparse", str(tmp_path / "g.sqlite")],
                          capture_output=True, text=True, timeout=180, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    # the page asked for once the parse began was downloaded while the parse still ran
    assert out["events"] == ["parse started", "later page served during the parse", "parse ended"], out
    assert out["report"]["new"] == 3, out["report"]  # the article, the attachment and the later page

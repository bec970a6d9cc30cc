"""The sample ships inside the package: a wheel built from the source tree holds it, and
`vanban run` finds it there (so it works after a plain `pip install`, not only in a clone)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("extract", "graph", "crawlers", "vanban")


def test_a_wheel_holds_the_sample_and_run_finds_it_there(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in PACKAGES:   # a copy: building writes build/ and *.egg-info beside the source
        shutil.copytree(ROOT / package, source / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # built as `pip install .` builds it: in an isolated environment with the build backend
    # pyproject.toml names (pip fetches setuptools from the package index)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
         "-w", str(tmp_path / "dist"), str(source)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel, = (tmp_path / "dist").glob("vanban_graph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    sample = {n for n in names if n.startswith("vanban/sample/")}
    on_disk = {str(p.relative_to(ROOT)) for p in (ROOT / "vanban" / "sample").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert on_disk <= sample, sorted(on_disk - sample)
    assert {"vanban/sample/expected.json", "vanban/sample/profiles/backan.json",
            "vanban/sample/sites/ninhthuan/files/112-KH-UBND.pdf",
            "vanban/sample/sites/daklak/files/124-KH-UBND.docx",
            "vanban/sample/sites/backan/robots.txt"} <= sample
    # installed (unpacked) elsewhere, with no source tree around it, `vanban run` finds it
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    found = subprocess.run(
        [sys.executable, "-c", "from vanban.cmd_run import sample_dir, sample_keys; "
                               "print(sample_dir()); print(' '.join(sample_keys(sample_dir())))"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site)})
    assert found.returncode == 0, found.stderr[-2000:]
    where, keys = found.stdout.splitlines()
    assert Path(where) == site / "vanban" / "sample"
    assert "backan" in keys.split()

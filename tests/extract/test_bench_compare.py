"""`bench/bench_extract.py --compare` runs end to end: this checkout against itself, on a
corpus of two invented pages, prints every row and the in-process pairs' median."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PAGES = {
    "a.txt": "UBND tỉnh ban hành Kế hoạch số 124/KH-UBND ngày 12/3/2024 thực hiện "
             "Chỉ thị số 33/CT-TTg ngày 10/12/2023 của Thủ tướng Chính phủ.\n",
    "b.txt": "Số: 21/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc ban hành quy chế làm việc\n"
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n",
}


def test_compare_against_itself_prints_rows_and_pairs(tmp_path):
    for name, text in _PAGES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_extract.py"), "--compare", str(ROOT),
         "--mb", "0.002", "--rounds", "2", "--pairs", "3", "--corpus", str(tmp_path)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("0.0 MB, CPU seconds, 2 rounds")
    assert any(line.startswith("extractor (extract_page)") for line in lines)
    assert any(line.startswith("relations") for line in lines)
    assert lines[-1].startswith("extractor in one process, 3 pairs of passes over the 2 pages")
    assert "median" in lines[-1]

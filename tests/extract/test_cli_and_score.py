"""The command-line contract of `vanban extract` and the scorer on the shared gold corpus."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.textkit import encode_cp1258
from vanban.cli import cli

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

PAGE = ("Ngày 29/05/2025, UBND tỉnh Đắk Lắk ban hành Kế hoạch số 124/KH-UBND về việc triển "
        "khai thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.")


def test_extract_prints_one_record_per_file_and_survives_unreadable_ones(tmp_path):
    good = tmp_path / "page.txt"
    good.write_text(PAGE, encoding="utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(encode_cp1258(PAGE))       # Windows-1258, tones as marks
    result = CliRunner().invoke(cli, ["extract", "--province", "Đắk Lắk", "--url",
                                      "https://daklak.gov.vn/x", str(good),
                                      str(tmp_path / "missing.txt"), str(legacy)])
    assert result.exit_code == 1
    assert "cannot read" in result.stderr and "missing.txt" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["page.txt", "legacy.txt"]
    for rec in records:
        assert set(rec) >= {"path", "subject", "references", "laws", "relations"}
        assert rec["subject"]["number"] == "124/KH-UBND"
        assert rec["subject"]["issuer"] == "Ủy ban nhân dân tỉnh Đắk Lắk"
        ref = rec["references"][0]
        assert (ref["number"], ref["kind"], ref["date"]) == ("33/CT-TTg", "CT", "2021-11-26")
        assert rec["relations"][0]["type"] == "IMPLEMENTS"
        assert set(rec["relations"][0]["evidence"]) >= {"sentence", "start", "end"}
    ref = records[0]["references"][0]
    assert PAGE[ref["start"]:ref["end"]] == "33/CT-TTg"


def test_extract_reads_standard_input():
    result = CliRunner().invoke(cli, ["extract", "-"], input=PAGE.encode("utf-8"))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["path"] == "-"


def _corpus() -> Path:
    if not CORPUS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the gold corpus is missing at {CORPUS}")
        pytest.skip(f"no gold corpus at {CORPUS}")
    return CORPUS


# Floors, not targets: the figures measured on the whole shared corpus (45 pages since
# the guide's version 2 and the e/f pages) when they arrived, rounded down. They catch a
# regression; the quality we aim at is measured by `vanban score` and quoted in the issue
# notes. Raise a floor when a change lifts its figure for good.
CORPUS_FLOORS = {
    # issue 9's bar on the whole shared corpus (measured after it: .997, .968, .956, 1.0, 1.0)
    ("references", "f1"): 0.98,
    ("typed_relations", "f1"): 0.90,
    ("subject_number", "accuracy"): 0.95,
    ("reference_date", "accuracy"): 0.97,
    ("subject_issuer", "accuracy"): 0.93,
    ("reference_issuer", "accuracy"): 0.93,
}


def test_scorer_holds_the_measured_floors_on_the_gold_corpus():
    result = CliRunner().invoke(cli, ["score", str(_corpus()), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    print(CliRunner().invoke(cli, ["score", str(_corpus()), "--no-misses"]).stdout)
    assert figures["pages"] >= 45
    below = {f"{field}.{measure}": (figures[field][measure], floor)
             for (field, measure), floor in CORPUS_FLOORS.items()
             if figures[field][measure] < floor}
    assert not below, below


def test_score_reports_an_empty_folder(tmp_path):
    result = CliRunner().invoke(cli, ["score", str(tmp_path)])
    assert result.exit_code != 0 and "no NAME.txt" in result.output

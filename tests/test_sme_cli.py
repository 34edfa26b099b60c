"""`run_bot.py sme`: the SME eligibility service from the command line, its JSON, its text and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_runner import assert_one_line_error, run_cli
from tests.test_sme import DECREE, INDUSTRY, TRADE


def test_cli_json(data_dir: Path) -> None:
    proc = run_cli("sme", "--sector", TRADE, "--employees", "25", "--revenue", "12", "--json", data=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1
    result = json.loads(proc.stdout)
    assert set(result) == {"size", "sector", "employees", "revenue", "capital", "reasons", "citations", "supports"}
    assert [result[k] for k in ("size", "sector", "employees", "revenue", "capital")] == ["nho", TRADE, 25, 12.0, None]
    assert result["citations"][0] == f"Khoản 2 Điều 5 {DECREE}"
    consulting = [s for s in result["supports"] if s["citation"] == f"Điểm b Khoản 2 Điều 13 {DECREE}"]
    assert consulting and "100 triệu" in consulting[0]["amount"]


def test_cli_text_and_flags(data_dir: Path) -> None:
    proc = run_cli(
        *f"sme --sector {INDUSTRY} --employees 8 --capital 2,5 --nu-lam-chu --khoi-nghiep".split(), data=data_dir
    )
    assert proc.returncode == 0, proc.stderr
    assert "Quy mô: doanh nghiệp siêu nhỏ" in proc.stdout
    assert "70 triệu" in proc.stdout  # Điểm a Khoản 2 Điều 13: the women-owned micro cap
    assert f"Khoản 1 Điều 22 {DECREE}" in proc.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ("--sector ban-le --employees 5 --revenue 1", "unknown sector"),
        (f"--sector {TRADE} --employees 5", "revenue"),  # neither revenue nor capital
        (f"--sector {TRADE} --employees 5 --revenue -2", "negative"),
        (f"--sector {TRADE} --employees nhieu --revenue 2", "expected a number"),
        ("--employees 5 --revenue 2", "--sector"),
    ],
)
def test_cli_bad_arguments(data_dir: Path, args: str, needle: str) -> None:
    assert_one_line_error(run_cli("sme", *args.split(), data=data_dir), needle)

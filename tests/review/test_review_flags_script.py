"""``benchmarks/review_flags.py`` prints both shares per folder, from the measure it shares with the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "review_flags.py"


def test_prints_recall_and_precision_per_folder() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), str(DATA / "real" / "dev")], capture_output=True,
                          text=True, check=True, timeout=300)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("dev ") and lines[-1].startswith("ALL ")
    wrong = [ln for ln in lines if ln.startswith("    wrong: ")]
    recall = "100.0%" if wrong else "  n/a"  # n/a: nothing wrong to flag
    assert f"any flag: recall {recall}" in lines[0] and f"strong: recall {recall}" in lines[0]
    assert "precision" in lines[0]
    assert all(ln.endswith("flagged=strong") for ln in wrong)

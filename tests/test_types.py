"""The domain package type-checks under the project's mypy configuration (strict, see pyproject.toml).

.ci/run checks all three packages before the tests; this keeps the domain's check in the suite
(about 20 s of CPU with a cold cache, 2 s with the one .ci/run leaves).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _mypy(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run([sys.executable, "-m", "mypy", *args], cwd=cwd, capture_output=True, text=True,
                              timeout=600)
    except subprocess.TimeoutExpired:
        pytest.fail("mypy took over 10 minutes")


def test_graphmodel_type_checks_strictly() -> None:
    done = _mypy("graphmodel", cwd=ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Success: no issues found" in done.stdout


def test_the_configuration_is_strict(tmp_path: Path) -> None:
    # A function without annotations passes mypy's default checks and fails its strict ones.
    module = tmp_path / "loose.py"
    module.write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")
    done = _mypy("--config-file", str(ROOT / "pyproject.toml"), str(module), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[no-untyped-def]" in done.stdout

"""Kill tests: a real ``graphmodel`` process stopped by a signal while it writes leaves the old
output whole and no temporary file (SIGTERM, SIGINT), or a temporary that the next run removes
(SIGKILL, which nothing can catch).

The process is paused at the moment of writing by a patched ``os.fsync`` (called once the
temporary file or folder holds everything, just before it is renamed into place), so the
signal lands there every time.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA, SEED

_PAUSED = """
import os, sys, time, pathlib
ready = pathlib.Path(sys.argv[1])
def paused_fsync(fd):
    ready.touch()
    time.sleep(120)
os.fsync = paused_fsync
from graphmodel_cli.main import cli
cli.main(sys.argv[2:], prog_name="graphmodel")
"""


def _run_until_writing(tmp_path: Path, args: list[str]) -> subprocess.Popen[bytes]:
    ready = tmp_path / "ready"
    proc = subprocess.Popen([sys.executable, "-c", _PAUSED, str(ready), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not ready.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"never reached the write: {proc.communicate()}")
        time.sleep(0.05)
    return proc


def _graphmodel(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-c", "from graphmodel_cli.main import cli; cli.main(prog_name='graphmodel')", *args]
    return subprocess.run(command, capture_output=True, timeout=120)


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".graphmodel-" in p.name)


@pytest.mark.parametrize(("sig", "code", "said"), [
    (signal.SIGTERM, 143, "terminated (SIGTERM)"),
    (signal.SIGINT, 130, "interrupted"),
    (signal.SIGHUP, 129, "terminated (SIGHUP)"),
])
def test_a_signal_during_a_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, sig: int, code: int,
                                                                        said: str) -> None:
    out = tmp_path / "out" / "plan.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    proc = _run_until_writing(tmp_path, ["extract", str(SEED), "-o", str(out)])
    assert _temps(out.parent)  # it is writing
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.decode().strip().splitlines()[-1] == f"graphmodel: {said}"
    assert out.read_text(encoding="utf-8") == "old"
    assert _temps(out.parent) == []


def test_a_kill_9_leftover_is_removed_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "out" / "plan.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    proc = _run_until_writing(tmp_path, ["extract", str(SEED), "-o", str(out)])
    proc.kill()
    proc.communicate(timeout=60)
    assert len(_temps(out.parent)) == 1 and out.read_text(encoding="utf-8") == "old"
    done = _graphmodel(["extract", str(SEED), "-o", str(out)])
    assert done.returncode == 0, done.stderr
    assert _temps(out.parent) == [] and out.read_text(encoding="utf-8").startswith("{")


def _export_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_export_leaves_the_earlier_export_whole(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "csv"
    first = _graphmodel(["export", str(out), str(SEED)])
    assert first.returncode == 0, first.stderr
    before = _export_state(out)
    # A different corpus: every file would change, some would appear.
    proc = _run_until_writing(tmp_path, ["export", str(out), str(DATA / "corpus")])
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert _export_state(out) == before  # the old export, whole: no mix of old and new files
    assert len(_temps(tmp_path)) == (0 if sig == signal.SIGTERM else 1)  # kill -9: the temporary folder stays
    again = _graphmodel(["export", str(out), str(DATA / "corpus")])
    assert again.returncode == 0, again.stderr
    assert _temps(tmp_path) == [] and _export_state(out) != before

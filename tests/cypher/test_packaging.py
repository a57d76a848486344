"""The queries and the launcher are package data: a built wheel carries them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_ships_the_cypher_library_and_the_launcher(tmp_path: Path) -> None:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
             str(ROOT)], capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.fail("building the wheel took over 5 minutes")
    assert done.returncode == 0, done.stderr[-2000:]
    wheel = next(tmp_path.glob("graphmodel-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "cypher").glob("*.cypher")}
    assert {"schema.cypher", "counterpart-pairs.cypher"} <= shipped
    assert {f"cypher/{n}" for n in shipped} <= names
    assert {"loaders/server/GraphmodelNeo4j.java", "loaders/server/pom.xml", "loaders/server/shell-pom.xml"} <= names

"""A built wheel carries every file the package reads: data, view templates, queries, the launcher."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graphmodel", "loaders", "graphmodel_cli", "cypher")
NOT_SHIPPED = {"cypher/README.md"}  # documentation for people who write Cypher, read in the repository


def _build_wheel(tmp_path: Path) -> set[str]:
    """The names in a wheel built from a clean copy of the sources.

    The copy keeps a stale ``build/`` or egg-info of the checkout out of the wheel (setuptools
    would ship what is left there), and calling the build backend directly skips pip's isolated
    environment (the test extra pins the setuptools pyproject.toml asks for), which took most of the time.
    """
    source = tmp_path / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", "dist")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, source / package, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    script = "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"
    try:
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "dist")], cwd=source,
                              capture_output=True, text=True, timeout=300)
    except subprocess.TimeoutExpired:
        pytest.fail("building the wheel took over 5 minutes")
    assert done.returncode == 0, done.stderr[-2000:]
    wheel = tmp_path / "dist" / done.stdout.strip().splitlines()[-1]
    return set(zipfile.ZipFile(wheel).namelist())


def test_the_wheel_ships_every_file_of_the_packages(tmp_path: Path) -> None:
    names = _build_wheel(tmp_path)
    files = {p.relative_to(ROOT).as_posix() for package in PACKAGES for p in (ROOT / package).rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert sorted(files - NOT_SHIPPED - names) == []
    # What the package reads at run time, named so that an empty folder cannot pass.
    data = {f"graphmodel/data/{n}" for n in ("grammar.tsv", "regions.tsv", "aliases.tsv", "places.tsv",
                                              "2020-shanghai-dalian-plan.txt")}
    templates = {f"graphmodel/views/templates/{n}" for n in ("scene.html", "scene.js", "canvas.js", "page.html")}
    launcher = {"loaders/server/GraphmodelNeo4j.java", "loaders/server/pom.xml", "loaders/server/shell-pom.xml"}
    assert data | templates | launcher | {"cypher/schema.cypher", "cypher/counterpart-pairs.cypher"} <= names
    assert "graphmodel/py.typed" in names  # type checkers read graphmodel's hints only with this marker
    assert not any(n.startswith(("tests/", "notebooks/", "benchmarks/")) for n in names)

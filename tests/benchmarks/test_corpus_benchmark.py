"""The corpus benchmark times the package as installed: its modules compiled to bytecode."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from corpus import compile_package  # noqa: E402

import graphmodel  # noqa: E402


def test_compile_package_leaves_current_bytecode_for_every_module() -> None:
    top = Path(graphmodel.__file__).resolve().parents[1]
    sources = [p for package in ("graphmodel", "loaders", "graphmodel_cli") for p in (top / package).rglob("*.py")]
    assert compile_package() == len(sources) > 100
    for source in sources:
        compiled = Path(importlib.util.cache_from_source(str(source)))
        assert compiled.is_file(), source
        assert compiled.stat().st_mtime >= source.stat().st_mtime, source

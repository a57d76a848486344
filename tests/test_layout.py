"""The import rules that make the layout the architecture (see DEVELOPERS.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imports(package: str) -> list[tuple[Path, str]]:
    """Every module name imported anywhere in ``package``."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


def top(name: str) -> str:
    return name.split(".")[0]


def test_the_domain_imports_no_io_layer() -> None:
    bad = [(p.relative_to(ROOT), m) for p, m in imports("graphmodel") if top(m) in ("loaders", "graphmodel_cli")]
    assert bad == []


@pytest.mark.parametrize("io_module", ["neo4j", "socket", "urllib", "requests", "http", "subprocess"])
def test_the_domain_does_no_network_or_database_io(io_module: str) -> None:
    bad = [(p.relative_to(ROOT), m) for p, m in imports("graphmodel") if top(m) == io_module]
    assert bad == []


def test_nothing_imports_the_cli() -> None:
    for package in ("graphmodel", "loaders"):
        assert [m for _, m in imports(package) if top(m) == "graphmodel_cli"] == []


def test_public_domain_modules_declare_all() -> None:
    missing = []
    for path in sorted((ROOT / "graphmodel").rglob("*.py")):
        if path.name.startswith("_") and path.name != "__init__.py":
            continue
        source = path.read_text(encoding="utf-8")
        if "def " in source and "__all__" not in source:
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []


def test_no_module_name_is_used_twice() -> None:
    # One name, one meaning: `build.py` in three packages made every traceback and import ambiguous.
    seen: dict[str, list[str]] = {}
    for package in ("graphmodel", "loaders", "graphmodel_cli"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name != "__init__.py":
                seen.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}


def exported(package: str) -> list[tuple[Path, str]]:
    """Every name a module of ``package`` lists in a literal ``__all__``."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets)
                    and isinstance(node.value, ast.List | ast.Tuple)):
                found += [(path, e.value) for e in node.value.elts if isinstance(e, ast.Constant)]
    return found


def test_no_public_name_shadows_a_builtin() -> None:
    # `model.Warning` hid the built-in wherever it was imported; it is `ExtractionWarning` now.
    import builtins

    clash = [(str(p.relative_to(ROOT)), n) for package in ("graphmodel", "loaders")
             for p, n in exported(package) if n in vars(builtins)]
    assert clash == []


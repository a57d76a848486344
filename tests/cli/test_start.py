"""A fast start: --version and --help load no command; analysis commands load no driver or numpy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from graphmodel_cli.main import COMMANDS, cli
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("neo4j", "numpy", "scipy")


def _modules_after(args: list[str], tmp_path: Path) -> set[str]:
    """The top-level modules imported by running ``graphmodel ARGS`` in a fresh interpreter."""
    code = (
        "import sys, json\n"
        "from graphmodel_cli.main import cli\n"
        f"try:\n    cli({args!r}, standalone_mode=False)\n"
        "except SystemExit:\n    pass\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_version_imports_no_command_graph_library_or_driver(tmp_path: Path) -> None:
    loaded = _modules_after(["--version"], tmp_path)
    assert not loaded & {*HEAVY, "networkx", "loaders"}


def test_help_imports_no_command(tmp_path: Path) -> None:
    loaded = _modules_after(["--help"], tmp_path)
    assert not loaded & {*HEAVY, "networkx", "loaders"}


@pytest.mark.parametrize("command", [
    ["build", str(DATA / "corpus"), "-o", "g.gmg"],
    ["pairs", str(DATA / "corpus")],
    ["units", str(DATA / "corpus")],
    ["gaps", str(DATA / "corpus")],
    ["suggest", "大连市发展改革委", str(DATA / "corpus")],
    ["compare", str(DATA / "corpus" / "2020-shanghai-dalian.txt"), str(DATA / "corpus" / "2021-shanghai-dalian.txt")],
    ["stats", str(DATA / "corpus")],
])
def test_analysis_commands_import_neither_the_driver_nor_numpy(tmp_path: Path, command: list[str]) -> None:
    loaded = _modules_after([*command, "--no-cache"], tmp_path)
    assert "networkx" in loaded  # the command ran
    assert not loaded & set(HEAVY)


def test_the_listed_help_is_each_commands_own() -> None:
    assert set(COMMANDS) == set(cli.list_commands(None))  # type: ignore[arg-type]
    for name, (_module, short) in COMMANDS.items():
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None and command.name == name
        assert click.Command(name, help=short).get_short_help_str(1000) == command.get_short_help_str(1000), name

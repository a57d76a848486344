"""Fuzzing the command line's input handling: random commands, options and values (huge and
negative numbers, text that is not UTF-8, missing files, folders, devices, pipes, bad files)
end with exit 0, 1 (``neo4j status``: not running) or 2, never a traceback, and within 2 s.

Nothing here reaches a server: Neo4j commands point at a port nothing listens on, and
``neo4j start``/``stop``/``import`` are left out.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel_cli.main import cli
from tests.conftest import DATA, in_ci

EXAMPLES = int(os.environ.get("GRAPHMODEL_FUZZ_EXAMPLES", "40"))
CASE_SECONDS = 2.0
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=CASE_SECONDS), derandomize=in_ci(),
                database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

NOWHERE = "bolt://127.0.0.1:1"  # refused at once


def _inputs(folder: Path) -> list[str]:
    """Paths a user could give: plans, folders, bad files, special files, missing ones."""
    fifo = folder / "pipe.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    empty = folder / "empty-folder"
    empty.mkdir(exist_ok=True)
    return [
        str(DATA / "corpus" / "2020-shanghai-dalian.txt"), str(DATA / "corpus"), str(DATA / "read" / "binary.txt"),
        str(DATA / "read" / "empty.txt"), str(DATA / "hostile" / "corrupt-deflate.docx"),
        str(DATA / "hostile" / "charset-base64.html"), str(DATA / "read" / "encrypted.pdf"), str(fifo), str(empty),
        "/dev/null", "/dev/zero", str(folder / "missing.txt"), "-", "", "\udcff\udcfe.txt",
    ]


_VALUES = st.one_of(
    st.sampled_from(["0", "-1", "1", "99999999999999999999", "-99999999999999999999", "1e999", "nan", "null",
                     "true", "", " ", "大连市", "大连", "北京市", "大连市科技厅", "\udcff\udcfe", "=", "a=b=c",
                     "top=3", "top=99999999999999999999", "side=\udcff", "unit=大连市发展改革委", "--", "-"]),
    st.text(max_size=12),
)


@st.composite
def command_lines(draw: st.DrawFn, inputs: list[str], out: Path) -> list[str]:
    command = draw(st.sampled_from(["extract", "build", "pairs", "units", "gaps", "suggest", "compare", "stats",
                                    "view", "export", "query", "load", "demo", "neo4j status", "--help", "nosuch"]))
    args = command.split()
    if command == "suggest":
        args.append(draw(_VALUES))
    if command in ("extract", "build", "pairs", "units", "gaps", "suggest", "compare", "stats", "view", "load"):
        args += draw(st.lists(st.sampled_from(inputs), min_size=0, max_size=3))
    if command == "export":
        args += [str(out / "export"), *draw(st.lists(st.sampled_from(inputs), min_size=1, max_size=2))]
    if command == "query":
        args.append(draw(st.sampled_from(["counterpart-pairs", "tasks-of-unit", "nosuch", "--list", "\udcff"])))
    if command in ("query", "load"):
        args += ["--uri", NOWHERE]
    if command == "neo4j status":
        args += ["--home", str(out / "neo4j-home")]
    options = {
        "-o": st.sampled_from([str(out / "o.json"), str(out / "o.html"), str(out / "o.graphml"), "-", "/dev/null",
                               str(out / "missing" / "o.json"), str(out), str(DATA / "corpus" / "2020-shanghai-dalian.txt")]),
        "--top": _VALUES, "--side": _VALUES, "--unit": _VALUES, "--kind": _VALUES, "--format": _VALUES,
        "--min-shared": _VALUES, "--document": _VALUES, "--aliases": st.sampled_from(inputs), "--view": _VALUES,
        "--focus": _VALUES, "-p": _VALUES, "--seed": _VALUES, "--strict": st.just(None), "--compact": st.just(None),
    }
    for name in draw(st.lists(st.sampled_from(sorted(options)), max_size=4)):
        value = draw(options[name])
        args += [name] if value is None else [name, value]
    return args


def test_fuzz_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)  # demo writes graphmodel-demo.html into the working folder
    inputs = _inputs(tmp_path)
    runner = CliRunner()

    @FUZZ
    @given(command_lines(inputs, out))
    def run(args: list[str]) -> None:
        start = time.perf_counter()
        got = runner.invoke(cli, args, catch_exceptions=True)
        elapsed = time.perf_counter() - start
        assert got.exit_code in (0, 1, 2), (args, got.exit_code, got.output)
        assert got.exception is None or isinstance(got.exception, SystemExit), (args, got.exc_info)
        assert "Traceback" not in got.output, (args, got.output)
        if got.exit_code == 2:
            last = got.stderr.strip().splitlines()[-1]
            assert last.startswith("graphmodel: error: "), (args, got.stderr)  # usage errors too
        assert elapsed < CASE_SECONDS, (args, elapsed)

    run()

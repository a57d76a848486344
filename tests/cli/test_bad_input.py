"""Issue 10's command-line reproducers: each gives exit 2 and one line, or the right result."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import DATA, SEED

CORPUS = DATA / "corpus"


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def _one_line_error(got: object, text: str) -> None:
    assert got.exit_code == 2, got.output
    assert got.stderr.count("\n") == 1 and got.stderr.startswith("graphmodel: error: "), got.stderr
    assert text in got.stderr, got.stderr


def test_query_with_an_int_beyond_64_bits() -> None:
    got = _run("query", "counterpart-pairs", "-p", "top=99999999999999999999")
    _one_line_error(got, "parameter top takes an int from -9223372036854775808 to 9223372036854775807, "
                         "not 99999999999999999999")


def test_query_with_a_value_that_is_not_utf8() -> None:
    # Bytes from the command line, as a shell passes them (Python turns them into surrogates).
    script = "from graphmodel_cli.main import cli; cli.main(prog_name='graphmodel')"
    done = subprocess.run([os.fsencode(sys.executable), b"-c", script.encode(), b"query", b"counterpart-pairs",
                           b"-p", b"side=\xff\xfe\xe5"], capture_output=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == b"graphmodel: error: -p side=\\xff\\xfe\\xe5: not valid UTF-8 text; give parameters in UTF-8\n"


def test_no_neo4j_running_hints_at_starting_one() -> None:
    got = _run("query", "counterpart-pairs", "--uri", "bolt://127.0.0.1:1")
    _one_line_error(got, "is Neo4j running? start the local server with: graphmodel neo4j start --port 1")


def test_extract_of_a_graph_file_says_it_is_not_a_plan(tmp_path: Path) -> None:
    graph = tmp_path / "graph.graphml"
    assert _run("build", str(SEED), "-o", str(graph)).exit_code == 0
    _one_line_error(_run("extract", str(graph)), "graph.graphml: a graph file, not a plan document")


def test_demo_to_a_missing_folder_fails_before_printing(tmp_path: Path) -> None:
    got = CliRunner().invoke(cli, ["demo", "-o", str(tmp_path / "missing" / "x.html")])
    assert got.stdout == ""
    _one_line_error(got, "missing/x.html: the folder")


def _no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading, extracting, building and laying out fail the test: a refused output or
    request must be refused before any of them starts."""
    import graphmodel.views.layout
    import loaders.cache
    import loaders.corpus
    import loaders.documents

    def work(*args: object, **kwargs: object) -> None:
        raise AssertionError("work started before the output and the request were checked")

    for module, name in ((loaders.corpus, "read_corpus"), (loaders.corpus, "iter_corpus"),
                         (loaders.corpus, "read_corpus_graph"),
                         (loaders.documents, "read_document"), (loaders.cache.GraphCache, "get"),
                         (graphmodel.views.layout, "fast_spring"), (graphmodel.views.layout, "rings")):
        monkeypatch.setattr(module, name, work)


@pytest.mark.parametrize(("command", "message"), [
    (["view", "{plan}", "-o", "{missing}/x.html"], "/x.html: the folder"),
    (["view", "{plan}", "-o", "{tmp}"], "is a directory"),
    (["view", "{plan}", "-o", "{tmp}/x.html", "--view", "network", "--focus", "大连市发展改革委"],
     "a unit to focus on is for the focus view, not 'network'"),
    (["view", "{plan}", "-o", "{tmp}/x.html", "--view", "focus"], "the focus view needs a unit"),
    (["view", "{graph}", "-o", "{missing}/x.html"], "/x.html: the folder"),
    (["build", "{plan}", "-o", "{missing}/g.gmg"], "/g.gmg: the folder"),
    (["extract", "{plan}", "-o", "{missing}/e.json"], "/e.json: the folder"),
    (["demo", "-o", "{missing}/d.html"], "/d.html: the folder"),
    (["export", "{tmp}", "{plan}"], "holds files graphmodel did not write (g.graphml)"),
])
def test_a_bad_output_or_request_fails_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       command: list[str], message: str) -> None:
    graph = tmp_path / "g.graphml"
    graph.write_text("<graphml/>")  # never read: the output is refused first
    _no_work(monkeypatch)
    args = [a.format(plan=SEED, graph=graph, tmp=tmp_path, missing=tmp_path / "missing") for a in command]
    _one_line_error(_run(*args), message)


@pytest.mark.parametrize("command", [
    ["extract", "{plan}", "-o", "{plan}"],
    ["build", "{plan}", "-o", "{folder}/link.json"],
    ["view", "{plan}", "-o", "{plan}"],
    ["view", "{folder}", "-o", "{folder}/2020-shanghai-dalian.txt"],
])
def test_an_output_never_overwrites_an_input(tmp_path: Path, command: list[str]) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "2020-shanghai-dalian.txt"
    plan.write_bytes((CORPUS / "2020-shanghai-dalian.txt").read_bytes())
    (folder / "link.json").symlink_to(plan)
    before = plan.read_bytes()
    args = [a.format(plan=plan, folder=folder) for a in command]
    got = _run(*args)
    _one_line_error(got, "is one of the inputs")
    assert plan.read_bytes() == before


def test_output_to_dev_null_leaves_the_device() -> None:
    before = os.stat("/dev/null")
    for args in (["extract", str(SEED), "-o", "/dev/null"], ["view", str(SEED), "-o", "/dev/null"],
                 ["demo", "-o", "/dev/null"]):
        got = _run(*args)
        assert got.exit_code == 0, got.output
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_dash_is_standard_output(tmp_path: Path) -> None:
    got = _run("extract", str(SEED), "-o", "-", "--compact")
    assert got.exit_code == 0 and got.stdout.startswith('{"schema": "graphmodel.extraction/1"')
    got = _run("build", str(SEED), "-o", "-")
    assert got.exit_code == 0 and got.stdout.startswith("{") and "Document" in got.stderr
    got = _run("view", str(SEED), "-o", "-")
    assert got.exit_code == 0 and got.stdout.startswith("<!DOCTYPE html>") and got.stderr.startswith("wrote -")
    assert not (tmp_path / "-").exists() and not Path("-").exists()


def test_output_through_dev_stdout_prints(tmp_path: Path) -> None:
    script = "from graphmodel_cli.main import cli; cli.main(prog_name='graphmodel')"
    done = subprocess.run([sys.executable, "-c", script, "extract", str(SEED), "-o", "/dev/stdout", "--compact"],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b'{"schema": "graphmodel.extraction/1"')


def test_a_fifo_input_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    _one_line_error(_run("extract", str(fifo)), "is a named pipe (FIFO), not a document file")
    _one_line_error(_run("pairs", str(fifo)), "is a named pipe (FIFO), not a document file")


def test_dev_zero_is_refused() -> None:
    _one_line_error(_run("extract", "/dev/zero"), "/dev/zero: is a character device, not a document file")


def test_an_unknown_side_is_an_error_not_an_empty_table() -> None:
    for command in (["pairs"], ["units"], ["gaps"]):
        _one_line_error(_run(*command, str(SEED), "--side", "北京市"), "no side '北京市' in the graph (sides: 上海市、大连市)")
    got = _run("pairs", str(SEED), "--side", "大连", "--top", "1")  # the short name works
    assert got.exit_code == 0 and "大连市发展改革委" in got.stdout


def test_a_misspelled_unit_gets_a_did_you_mean() -> None:
    _one_line_error(_run("suggest", "大连市科技厅", str(SEED)), "no unit '大连市科技厅' in the graph (did you mean 大连市科技局?)")


def test_gaps_kind_takes_what_gaps_prints() -> None:
    got = _run("gaps", str(SEED), "--format", "csv")
    kinds = {line.split(",")[0] for line in got.stdout.splitlines()[1:]}
    for kind in kinds:
        again = _run("gaps", str(SEED), "--kind", kind, "--format", "csv")
        assert again.exit_code == 0, again.output
        assert {line.split(",")[0] for line in again.stdout.splitlines()[1:]} == {kind}


def test_stats_csv_keeps_the_documents() -> None:
    got = _run("stats", str(CORPUS), "--format", "csv")
    counts, documents = got.stdout.strip().split("\n\n")
    assert counts.startswith("what,count\n")
    assert documents.splitlines()[0] == "document,date,sides,tasks,pairs" and len(documents.splitlines()) == 4


def test_status_lines_go_to_stderr(tmp_path: Path) -> None:
    got = _run("view", str(SEED), "-o", str(tmp_path / "v.html"))
    assert got.stdout == "" and got.stderr.startswith("wrote ")


def test_help_lists_whole_summaries_and_every_command_has_examples() -> None:
    top = _run("--help").stdout
    assert "Build the responsibility graph of the plans in PATH... and write it to FILE." in " ".join(top.split())
    assert "Examples:" in top
    for command in ("demo", "extract", "build", "pairs", "units", "gaps", "suggest", "compare", "stats", "view",
                    "load", "query", "export", "neo4j"):
        assert "Examples:" in _run(command, "--help").stdout, command


def test_usage_errors_are_one_line_too(tmp_path: Path) -> None:
    for args, text in ((["extract", str(tmp_path)], "is a directory. (see 'graphmodel extract --help')"),
                       (["nosuch"], "No such command 'nosuch'."), (["pairs"], "Missing argument 'PATHS...'."),
                       (["pairs", str(SEED), "--top", "-3"], "-3 is not in the range x>=1.")):
        _one_line_error(_run(*args), text)

"""``--corrections`` and graphmodel.corrections.tsv beside the plans, on every command that reads
plans: applied on every path (one file, folders, --jobs, the caches), errors and warnings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graphmodel.corrections import FILE_NAME, HEADER
from graphmodel_cli.main import cli
from loaders.outcome import CORRECTIONS_FILE
from tests.conftest import DATA

PLAN = DATA / "corrections" / "plan.txt"
OTHER = DATA / "plans" / "2019-beijing-shenyang-plan.txt"
DOC = "doc:2021年上海市与遵义市对口协作工作要点@f87403b5c0"
EDGE = ("unit:遵义市/遵义市教育局", f"{DOC}#二、(二)")
FIX = [f"remove\t{DOC}\t二、(二)\t教育局", f"add\t{DOC}\t二、(二)\t教育局\tsupport\t遵义市"]

COMMANDS = ["extract", "build", "load", "view", "export", "pairs", "units", "gaps", "suggest", "compare",
            "stats"]


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("GRAPHMODEL_CACHE_DIR", str(tmp_path / "cache"))
    return CliRunner()


@pytest.fixture()
def plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PLAN, folder / "zunyi.txt")
    shutil.copy(OTHER, folder / "beijing.txt")
    return folder


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(["# reviewed", HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def _ok(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


def _edges(path: Path) -> dict[tuple[str, str], dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(e["source"], e["target"]): e for e in data["edges"] if e["key"] == "RESPONSIBLE_FOR"}


def test_the_file_names_agree() -> None:
    assert FILE_NAME == CORRECTIONS_FILE == "graphmodel.corrections.tsv"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_that_reads_plans_takes_corrections(runner: CliRunner, command: str) -> None:
    help_text = _ok(runner, command, "--help").output
    assert "--corrections" in help_text and "graphmodel.corrections.tsv" in " ".join(help_text.split())


def test_the_file_beside_the_plans_is_applied_by_default(runner: CliRunner, plans: Path, tmp_path: Path) -> None:
    _write(plans / FILE_NAME, *FIX)
    out = _ok(runner, "build", str(plans), "-o", str(tmp_path / "g.json"))
    edge = _edges(tmp_path / "g.json")[EDGE]
    assert edge["correction"] == f"{plans / FILE_NAME}:4" and edge["role"] == "support"
    assert FILE_NAME not in out.stderr  # not noted as a file that is no plan
    # The folder of a file given.
    single = json.loads(_ok(runner, "extract", str(plans / "zunyi.txt")).stdout)
    units = {r["unit"]: r for t in single["tasks"] for r in t["responsibilities"]}
    assert units["unit:遵义市/遵义市教育局"]["correction"] == f"{plans / FILE_NAME}:4"
    assert "unit:上海市/上海市教育局" not in units


def test_a_named_file_replaces_the_one_beside_the_plans(runner: CliRunner, plans: Path, tmp_path: Path) -> None:
    _write(plans / FILE_NAME, f"role\t{DOC}\t二、(一)\t上海市委组织部\tlead")
    named = _write(tmp_path / "mine.tsv", *FIX)
    _ok(runner, "build", str(plans), "-o", str(tmp_path / "g.json"), "--corrections", str(named))
    edges = _edges(tmp_path / "g.json")
    assert edges[EDGE]["correction"] == f"{named}:4"
    assert "correction" not in edges["unit:上海市/上海市委组织部", f"{DOC}#二、(一)"]


def test_analyses_see_the_corrected_reading(runner: CliRunner, plans: Path, tmp_path: Path) -> None:
    before = json.loads(_ok(runner, "units", str(plans), "--format", "json").stdout)
    _write(plans / FILE_NAME, *FIX)
    after = json.loads(_ok(runner, "units", str(plans), "--format", "json").stdout)
    assert "上海市教育局" in str(before) and "上海市教育局" not in str(after)
    assert "遵义市教育局" not in str(before) and "遵义市教育局" in str(after)


def test_editing_the_corrections_changes_the_result_with_the_cache_on(runner: CliRunner, plans: Path,
                                                                     tmp_path: Path) -> None:
    fixes = _write(plans / FILE_NAME, *FIX)
    _ok(runner, "build", str(plans), "-o", str(tmp_path / "a.json"))
    _ok(runner, "build", str(plans), "-o", str(tmp_path / "b.json"))  # from the graph cache
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert len(list((tmp_path / "cache" / "graphs").glob("*.gmg"))) == 1
    _write(fixes, FIX[0], FIX[1].replace("support", "lead"))
    _ok(runner, "build", str(plans), "-o", str(tmp_path / "c.json"))
    assert _edges(tmp_path / "c.json")[EDGE]["role"] == "lead"
    fixes.unlink()
    _ok(runner, "build", str(plans), "-o", str(tmp_path / "d.json"))
    assert EDGE not in _edges(tmp_path / "d.json")
    assert ("unit:上海市/上海市教育局", f"{DOC}#二、(二)") in _edges(tmp_path / "d.json")


def test_one_or_two_jobs_cached_or_not_give_the_same_output(runner: CliRunner, plans: Path, tmp_path: Path) -> None:
    _write(plans / FILE_NAME, *FIX, f"add\t{DOC}\t九、\t市财政局\tsupport")
    outputs = []
    for n, extra in enumerate([["--jobs", "1", "--no-cache"], ["--jobs", "2", "--no-cache"],
                               ["--jobs", "2"], ["--jobs", "1"]]):
        result = _ok(runner, "build", str(plans), "-o", str(tmp_path / f"g{n}.json"), *extra)
        warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("graphmodel: warning:")]
        outputs.append(((tmp_path / f"g{n}.json").read_bytes(), warnings))
    assert any(":5: the plan has no task 九、" in w for w in outputs[0][1])
    assert _edges(tmp_path / "g0.json")[EDGE]["correction"].endswith(":4")
    assert all(o == outputs[0] for o in outputs)
    pairs = [_ok(runner, "pairs", str(plans), "--format", "json", *extra).stdout
             for extra in (["--jobs", "1", "--no-cache"], ["--jobs", "2", "--no-cache"], ["--jobs", "2"])]
    assert pairs[0] == pairs[1] == pairs[2]


def test_a_correction_of_a_task_the_plan_lacks_is_a_warning_and_nothing_else(runner: CliRunner, plans: Path,
                                                                            tmp_path: Path) -> None:
    _ok(runner, "build", str(plans), "-o", str(tmp_path / "plain.json"), "--no-cache")
    fixes = _write(plans / FILE_NAME, f"add\t{DOC}\t三、(一)\t市财政局\tsupport\t遵义市",
                   f"remove\t{DOC}\t一、(一)\t市财政局")
    result = _ok(runner, "build", str(plans), "-o", str(tmp_path / "fixed.json"), "--no-cache")
    assert f"{fixes}:3: the plan has no task 三、(一)" in result.stderr
    assert f"{fixes}:4: 市财政局 is not responsible for task 一、(一)" in result.stderr
    assert _edges(tmp_path / "plain.json") == _edges(tmp_path / "fixed.json")
    # Shown again when the graph comes from the graph cache.
    _ok(runner, "build", str(plans), "-o", str(tmp_path / "warm.json"))
    again = _ok(runner, "build", str(plans), "-o", str(tmp_path / "warm2.json"))
    assert f"{fixes}:3: the plan has no task 三、(一)" in again.stderr


def test_a_changed_plan_is_named_and_another_plan_of_the_folder_is_not(runner: CliRunner, plans: Path,
                                                                      tmp_path: Path) -> None:
    fixes = _write(plans / FILE_NAME, "remove\tdoc:2021年上海市与遵义市对口协作工作要点@0000000000\t一、(一)\t市商务局",
                   "remove\tdoc:某市另一个计划@0000000000\t一、(一)\t市商务局")
    result = _ok(runner, "pairs", str(plans / "zunyi.txt"))
    assert f"{fixes}:3: no plan read is the document doc:2021年上海市与遵义市对口协作工作要点@0000000000" in result.stderr
    assert f"{fixes}:4" not in result.stderr
    named = _ok(runner, "pairs", str(plans / "zunyi.txt"), "--corrections", str(fixes))
    assert f"{fixes}:4: no plan read is the document doc:某市另一个计划@0000000000" in named.stderr


@pytest.mark.parametrize(("line", "message"), [
    ("merge\tD\t1.\tX", ":3: unknown action 'merge'"),
    ("add\tD\t1.\tX\tboss", ":3: unknown role 'boss'"),
    ("add\tD\t1.\tX\tlead\t遵义市\tmore", ":3: 7 cells"),
    ("remove\tD\t-\tX", ":3: remove needs a task"),
])
@pytest.mark.parametrize("command", ["extract", "build", "pairs"])
def test_a_bad_file_is_a_one_line_error(runner: CliRunner, plans: Path, tmp_path: Path, line: str, message: str,
                                        command: str) -> None:
    bad = _write(plans / FILE_NAME, line)
    target = plans / "zunyi.txt" if command == "extract" else plans
    extra = ["-o", str(tmp_path / "g.json")] if command == "build" else []
    result = runner.invoke(cli, [command, str(target), *extra])
    assert result.exit_code == 2
    assert result.stderr == f"graphmodel: error: {bad}{message}" + result.stderr.split(message, 1)[1]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


def test_a_missing_or_undecodable_file_is_an_error(runner: CliRunner, plans: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["pairs", str(plans), "--corrections", str(tmp_path / "none.tsv")])
    assert result.exit_code == 2 and "none.tsv: no such corrections file" in result.stderr
    (tmp_path / "gbk.tsv").write_bytes((HEADER + "\nplaceholder\t\t-\t各有关单位\n").encode("gbk"))
    result = runner.invoke(cli, ["pairs", str(plans), "--corrections", str(tmp_path / "gbk.tsv")])
    assert result.exit_code == 2 and "gbk.tsv:2: the corrections file is not UTF-8" in result.stderr


def test_corrections_do_not_apply_to_a_built_graph(runner: CliRunner, plans: Path, tmp_path: Path) -> None:
    _ok(runner, "build", str(plans), "-o", str(tmp_path / "g.json"))
    fixes = _write(tmp_path / "fixes.tsv", *FIX)
    result = runner.invoke(cli, ["pairs", str(tmp_path / "g.json"), "--corrections", str(fixes)])
    assert result.exit_code == 2 and "not to a built graph" in result.stderr


def test_view_and_export_carry_the_correction(runner: CliRunner, plans: Path, tmp_path: Path) -> None:
    fixes = _write(plans / FILE_NAME, *FIX)
    _ok(runner, "view", str(plans), "--view", "network", "-o", str(tmp_path / "page.html"))
    assert f"{fixes}:4" in (tmp_path / "page.html").read_text(encoding="utf-8")
    _ok(runner, "export", str(tmp_path / "csv"), str(plans))
    import csv

    with open(tmp_path / "csv" / "relationships-RESPONSIBLE_FOR.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    column = next(i for i, h in enumerate(rows[0]) if h.split(":")[0] == "correction")
    assert [r[column] for r in rows[1:] if r[column]] == [f"{fixes}:4"]


def test_compare_warns_only_of_plans_neither_side_read(runner: CliRunner, plans: Path, tmp_path: Path) -> None:
    fixes = _write(tmp_path / "both.tsv", *FIX, "remove\t北京市与沈阳市对口合作2019年工作要点\t1.\t市发改委",
                   "remove\tdoc:nowhere@0000000000\t1.\tX")
    result = _ok(runner, "compare", str(plans / "zunyi.txt"), str(plans / "beijing.txt"), "--corrections", str(fixes))
    unmatched = [ln for ln in result.stderr.splitlines() if "no plan read is the document" in ln]
    assert unmatched == [f"graphmodel: warning: {fixes}:6: no plan read is the document doc:nowhere@0000000000; "
                         "the correction is not applied"]


def test_a_correction_for_every_plan_that_names_no_unit_is_a_warning(runner: CliRunner, plans: Path,
                                                                    tmp_path: Path) -> None:
    fixes = _write(tmp_path / "global.tsv", "alias\t\t-\t遵义市商务局\t-\t遵义市商务委员会",
                   "placeholder\t\t-\t没有这个单位", "alias\t\t-\t甲单位\t-\t乙单位", "placeholder\t\t-\t各有关单位")
    for args in (["pairs", str(plans)], ["extract", str(plans / "zunyi.txt")],
                 ["compare", str(plans / "zunyi.txt"), str(plans / "beijing.txt")]):
        result = _ok(runner, *args, "--corrections", str(fixes))
        names = [ln for ln in result.stderr.splitlines() if "no plan read names" in ln]
        assert names == [f"graphmodel: warning: {fixes}:4: no plan read names 没有这个单位; the correction changed nothing",
                         f"graphmodel: warning: {fixes}:5: no plan read names 甲单位; the correction changed nothing"], args
    beside = _write(plans / FILE_NAME, "placeholder\t\t-\t没有这个单位")  # may be another plan's: no news
    assert "no plan read names" not in _ok(runner, "pairs", str(plans / "zunyi.txt")).stderr
    assert beside.exists()

"""``graphmodel extract``: the contract's JSON, and one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import DATA, SEED

SCHEMA = json.loads((DATA / "extraction.schema.json").read_text(encoding="utf-8"))


def invoke(*args: str):
    return CliRunner().invoke(cli, ["extract", *args])


def test_prints_json_valid_against_the_contract() -> None:
    result = invoke(str(SEED))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert len([t for t in data["tasks"] if t["responsibilities"]]) == 37


def test_same_bytes_same_json() -> None:
    assert invoke(str(SEED)).stdout == invoke(str(SEED)).stdout


@pytest.mark.parametrize("name", ["utf8.txt", "gb18030.txt", "utf16le-bom.txt", "page-utf8.html", "plan.docx"])
def test_every_supported_format(name: str) -> None:
    result = invoke(str(DATA / "read" / name))
    assert result.exit_code == 0, result.output
    jsonschema.validate(json.loads(result.stdout), SCHEMA)


def test_writes_to_a_file_atomically(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    out.write_text("old", encoding="utf-8")
    result = invoke(str(SEED), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "graphmodel.extraction/1"
    assert [p.name for p in tmp_path.iterdir()] == ["seed.json"]  # no temporary file left


def test_a_failed_run_leaves_an_existing_output_alone(tmp_path: Path) -> None:
    out = tmp_path / "seed.json"
    out.write_text("old", encoding="utf-8")
    result = invoke(str(DATA / "read" / "empty.txt"), "-o", str(out))
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "old"


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    no_ann = tmp / "notes.txt"
    no_ann.write_text("一、今天开会。二、明天落实。", encoding="utf-8")
    return {
        "empty": (DATA / "read" / "empty.txt", "empty"),
        "binary": (DATA / "read" / "binary.txt", "binary"),
        "undecodable": (DATA / "read" / "undecodable.txt", "decode"),
        "no annotations": (no_ann, "no responsibility annotations"),
        "missing": (tmp / "nowhere.txt", "no such file"),
    }


@pytest.mark.parametrize("case", ["empty", "binary", "undecodable", "no annotations", "missing"])
def test_bad_input_is_one_line_exit_2_no_traceback(case: str, tmp_path: Path) -> None:
    path, words = _bad_files(tmp_path)[case]
    result = invoke(str(path))
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("graphmodel: error: ") and path.name in lines[0]
    assert words in lines[0].lower(), lines[0]
    assert "Traceback" not in result.output


def test_a_bracket_left_open_is_read_to_the_end_of_its_line_with_a_warning(tmp_path: Path) -> None:
    plan = tmp_path / "unbalanced.txt"
    plan.write_text("2021年大连市工作方案\n一、推进。(责任单位:市发展改革委、市财政局\n二、落实。(责任单位:市商务局)",
                    encoding="utf-8")
    result = invoke(str(plan))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [[r["mention"] for r in t["responsibilities"]] for t in data["tasks"]] == [
        ["市发展改革委", "市财政局"], ["市商务局"]]
    assert "never closes" in result.stderr and "line 2" in result.stderr


def test_warnings_go_to_stderr_with_position(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("2021年大连市工作方案\n一、甲。(责任单位:市发展改革委会同市财政局研究制定具体方案并报市政府审定后组织实施:年底前完成)",
                    encoding="utf-8")
    result = invoke(str(plan))
    assert result.exit_code == 0
    assert "graphmodel: warning: " in result.stderr and "at characters" in result.stderr


def test_user_alias_file(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("~科创办\t~科技创新办公室\n", encoding="utf-8")
    plan = tmp_path / "plan.txt"
    plan.write_text("2021年上海市工作计划\n一、甲。(责任单位:市科技创新办公室)\n二、乙。(责任单位:市科创办)", encoding="utf-8")
    data = json.loads(invoke(str(plan), "--aliases", str(aliases)).stdout)
    assert [u["name"] for u in data["units"]] == ["上海市科创办"]
    result = invoke(str(plan), "--aliases", str(tmp_path / "none.tsv"))
    assert result.exit_code == 2 and "no such alias file" in result.stderr


def test_a_word_table_of_tasks_gives_one_task_a_row() -> None:
    data = json.loads(invoke(str(DATA / "read" / "plan.docx")).stdout)
    rows = [t for t in data["tasks"] if t["text"] in ("推动高质量发展理念共享", "共建合作产业园区", "推动国资国企合作")]
    assert [t["number"][-1] for t in rows] == ["1", "2", "3"]
    sides = [[r["side"] for r in t["responsibilities"]] for t in rows]
    assert sides == [["上海市", "上海市", "大连市", "大连市"], ["上海市", "大连市"], ["上海市", "大连市"]]


def test_a_long_document_shows_a_progress_bar_on_stderr(monkeypatch: pytest.MonkeyPatch) -> None:
    import graphmodel_cli.extract_command as command

    quiet = CliRunner().invoke(cli, ["extract", str(SEED)])
    assert quiet.exit_code == 0 and "extracting" not in quiet.stderr
    monkeypatch.setattr(command, "LONG_DOCUMENT", 1000)  # the seed counts as long
    shown = CliRunner().invoke(cli, ["extract", str(SEED)])
    assert shown.exit_code == 0, shown.output
    assert f"extracting {SEED.name}" in shown.stderr
    assert json.loads(shown.stdout) == json.loads(quiet.stdout)  # the bar never reaches stdout


def test_a_saved_graph_of_any_format_is_named_as_one(tmp_path: Path) -> None:
    for suffix in (".gmg", ".graphml"):
        saved = tmp_path / f"seed{suffix}"
        assert CliRunner().invoke(cli, ["build", str(SEED), "-o", str(saved)]).exit_code == 0
        got = invoke(str(saved))
        assert got.exit_code == 2 and "a graph file, not a plan document" in got.stderr, (suffix, got.stderr)

"""``graphmodel review``: the list in three formats, its filters, the page, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import DATA
from tests.review import plans

DEV = DATA / "real" / "dev"
GUANGZHOU = DEV / "01_guangzhou-633-talent-gathering-2012.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["review", "--no-cache", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "clean.txt").write_text(plans.CLEAN, encoding="utf-8")
    (folder / "dropped.txt").write_text(plans.DROPPED, encoding="utf-8")
    return folder


def test_json_lists_every_item_flagged_first(corpus: Path) -> None:
    code, out, err = run(str(corpus), "--format", "json")
    assert code == 0, err
    items = json.loads(out)
    assert [(i["number"], i["codes"]) for i in items][:2] == [("一、", ["unsplit", "one-plan"]),
                                                             ("三、", ["no-annotation"])]
    assert len(items) == 5
    first = items[0]
    assert first["annotation"] == "（牵头单位：市委组织部，配合单位：各项目牵头单位，各区、县级市）"
    assert [u["name"] for u in first["units"]] == ["广州市委组织部"]
    assert [u["name"] for u in first["placeholders"]] == ["各区、县级市"]
    assert err.strip().endswith("5 items, 5 flagged")


def test_table_and_csv_hold_the_same_rows(corpus: Path) -> None:
    _, table, _ = run(str(corpus))
    header = table.splitlines()[0].split()
    assert header == ["document", "task", "flags", "annotation", "read", "details"]
    _, text, _ = run(str(corpus), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(table.splitlines()) - 2 == 5
    assert rows[0]["flags"] == "unsplit one-plan" and "各项目" in rows[0]["details"]


def test_filters_by_flag_document_and_unit(corpus: Path) -> None:
    def numbers(*args: str) -> list[tuple[str, str]]:
        code, out, err = run(str(corpus), "--format", "json", *args)
        assert code == 0, err
        return [(i["source"].rsplit("/", 1)[-1], i["number"]) for i in json.loads(out)]

    assert numbers("--flag", "no-annotation") == [("dropped.txt", "三、")]
    assert numbers("--flag", "no-annotation", "--flag", "unsplit") == [("dropped.txt", "一、"), ("dropped.txt", "三、")]
    assert {n for n in numbers("--document", "clean.txt")} == {("clean.txt", "一、"), ("clean.txt", "二、")}
    assert numbers("--unit", "大连市司法局") == [("clean.txt", "二、")]
    assert numbers("--flag", "strong") == [("dropped.txt", "一、"), ("dropped.txt", "三、")]


def test_the_page_is_written_with_every_item(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    code, stdout, err = run(str(corpus), "-o", str(out))
    assert code == 0, err
    assert stdout == "" and f"wrote {out}: 5 items, 5 flagged, 2 documents" in err
    page = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="graphmodel-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["items"]) == 5 and data["corrections"]["file"] == "graphmodel.corrections.tsv"


def test_a_saved_extraction_shows_its_plan_text_while_the_plan_is_unchanged(tmp_path: Path) -> None:
    plan, saved = tmp_path / "plan.txt", tmp_path / "plan.json"
    shutil.copy(GUANGZHOU, plan)
    assert CliRunner().invoke(cli, ["extract", str(plan), "-o", str(saved)]).exit_code == 0

    def annotations() -> list[str | None]:
        code, out, err = run(str(saved), "--format", "json")
        assert code == 0, err
        return [i["annotation"] for i in json.loads(out) if i["units"]]

    assert all(annotations())
    plan.write_text(GUANGZHOU.read_text(encoding="utf-8") + "\n附件", encoding="utf-8")
    assert set(annotations()) == {None}  # edited since: its spans no longer point into it
    plan.unlink()
    assert set(annotations()) == {None}


@pytest.mark.parametrize(("args", "message"), [
    (["--unit", "不存在局"], "no unit '不存在局'"),
    (["--document", "nothing.txt"], "nothing.txt"),
    (["--flag", "nonsense"], "'nonsense' is not one of"),
])
def test_bad_filters_are_one_line_errors(corpus: Path, args: list[str], message: str) -> None:
    code, out, err = run(str(corpus), *args)
    assert code == 2 and out == ""
    last = err.strip().splitlines()[-1]
    assert last.startswith("graphmodel: error:") and message in last and "Traceback" not in err


def test_a_graph_file_is_refused(corpus: Path, tmp_path: Path) -> None:
    graph = tmp_path / "plans.gmg"
    assert CliRunner().invoke(cli, ["build", str(corpus), "-o", str(graph)]).exit_code == 0
    code, out, err = run(str(graph))
    assert code == 2 and out == ""
    assert err.strip() == f"graphmodel: error: {graph}: a graph file holds no plan's reading; review the plans " \
                          "or their saved extractions"


def test_the_page_never_overwrites_a_plan(corpus: Path) -> None:
    plan = corpus / "clean.txt"
    code, _, err = run(str(corpus), "-o", str(plan))
    assert code == 2 and "graphmodel: error:" in err
    assert plan.read_text(encoding="utf-8") == plans.CLEAN

"""``graphmodel compare A B``: what changed from one plan to the next."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphmodel_cli.main import cli
from tests.conftest import DATA
from tests.graph.plans import plan_2020, plan_2021, save


def test_compare_two_years(tmp_path: Path) -> None:
    a, b = str(save(plan_2020(), tmp_path)), str(save(plan_2021(), tmp_path))
    result = CliRunner().invoke(cli, ["compare", a, b, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # By hand (tests/analysis/test_analysis_compare.py): +A–W +C–Z +B–W, −B–Y −A–Y, A–X 2→1.
    assert [(p["a"]["name"], p["b"]["name"]) for p in data["pairs_gained"]] == [
        ("上海市政府合作交流办", "大连市工业和信息化局"), ("上海市教委", "大连市教育局"),
        ("上海市科委", "大连市工业和信息化局")]
    assert [(p["b"]["name"], p["before"]) for p in data["pairs_lost"]] == [("大连市科技局", 2), ("大连市科技局", 1)]
    assert [u["name"] for u in data["units_gained"]] == ["大连市工业和信息化局"]
    assert [u["name"] for u in data["units_lost"]] == ["大连市科技局"]
    table = CliRunner().invoke(cli, ["compare", a, b]).stdout.splitlines()
    assert [line.split()[:2] for line in table[2:]] == [["gained", "pair"]] * 3 + [["lost", "pair"]] * 2 + [
        ["changed", "pair"], ["gained", "unit"], ["lost", "unit"]]


def test_compare_the_corpus_years_from_text() -> None:
    corpus = DATA / "corpus"
    result = CliRunner().invoke(cli, ["compare", str(corpus / "2020-shanghai-dalian.txt"),
                                      str(corpus / "2021-shanghai-dalian.txt"), "--format", "json"])
    data = json.loads(result.stdout)
    # 2020: 教委–教育局 (四)(五); 合作交流办–发展改革委 (一)(二); 合作交流办–教育局 (五); 科委–科技局 (三).
    # 2021 drops education and adds 经济信息化委, 工业和信息化局 and the finance pair.
    assert sorted(u["name"] for u in data["units_lost"]) == ["上海市教委", "大连市教育局"]
    assert [(p["a"]["name"], p["b"]["name"], p["before"]) for p in data["pairs_lost"]] == [
        ("上海市教委", "大连市教育局", 2), ("上海市政府合作交流办", "大连市教育局", 1)]
    assert data["pairs_kept"] == 2 and data["pairs_changed"] == []


def test_compare_matches_the_hand_written_changes_of_the_fixture_plans() -> None:
    plans = DATA / "plans"
    expected = json.loads((plans / "2021-2022-shanghai-dalian.changes.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["compare", str(plans / "2021-shanghai-dalian-plan.txt"),
                                      str(plans / "2022-shanghai-dalian-plan.txt"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted((u["side"], u["name"]) for u in data["units_gained"]) == sorted(map(tuple, expected["gained"]))
    assert sorted((u["side"], u["name"]) for u in data["units_lost"]) == sorted(map(tuple, expected["lost"]))

    # The changes file names each place by the first of its gold names; the graph by its canonical
    # name. Match a place by any of the gold's names for it.
    golds = [json.loads((plans / expected[k]).read_text(encoding="utf-8")) for k in ("old", "new")]
    names = {p["names"][0]: set(p["names"]) for g in golds for p in g["places"]}

    def same(got: list[dict], want: list[list[str]]) -> bool:
        return len(got) == len(want) and all(
            p["a"]["name"] in names[a] | {a} and p["b"]["name"] in names[b] | {b}
            or p["a"]["name"] in names[b] | {b} and p["b"]["name"] in names[a] | {a}
            for p, (a, b) in zip(got, want, strict=True))

    assert same(data["pairings_gained"], expected["pairs_gained"]), data["pairings_gained"]
    assert same(data["pairings_lost"], expected["pairs_lost"]), data["pairings_lost"]

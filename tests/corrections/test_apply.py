"""Applying corrections to an extraction: each action, provenance, and what is never applied."""

from __future__ import annotations

from functools import lru_cache

from graphmodel.corrections import HEADER, apply_corrections, parse_corrections
from graphmodel.extract import extract
from graphmodel.graph import build_graph
from graphmodel.model import Extraction, Task
from tests.conftest import DATA

PLAN = DATA / "corrections" / "plan.txt"
DOC = "doc:2021年上海市与遵义市对口协作工作要点@f87403b5c0"
TITLE = "2021年上海市与遵义市对口协作工作要点"


@lru_cache(maxsize=1)
def _read() -> Extraction:
    return extract(PLAN.read_text(encoding="utf-8"), source="plan.txt")


def _fix(*lines: str) -> Extraction:
    return apply_corrections(_read(), parse_corrections("\n".join([HEADER, *lines]) + "\n", "c.tsv"))


def _task(ex: Extraction, number: str) -> Task:
    return next(t for t in ex.tasks if t.id == f"{DOC}#{number}")


def _resp(ex: Extraction, number: str) -> list[tuple[str, str, str | None]]:
    return [(r.unit, r.role, r.correction) for r in _task(ex, number).responsibilities]


def _corrections_warnings(ex: Extraction) -> list[str]:
    return [w.message for w in ex.warnings if w.message.startswith("c.tsv:")]


def test_the_fixture_has_the_error_the_tests_correct() -> None:
    # 遵义市卫生健康局和教育局: the extractor reads 教育局 on the Shanghai side.
    assert ("unit:上海市/上海市教育局", "support", None) in _resp(_read(), "二、(二)")
    assert _read().document.id == DOC


def test_remove_and_add_fix_a_unit_and_carry_their_lines() -> None:
    ex = _fix(f"remove\t{DOC}\t二、(二)\t教育局",
              f"add\t{TITLE}\t二、（二）\t教育局\tsupport\t遵义市")
    got = _resp(ex, "二、(二)")
    assert ("unit:上海市/上海市教育局", "support", None) not in got
    assert ("unit:遵义市/遵义市教育局", "support", "c.tsv:3") in got
    assert "unit:上海市/上海市教育局" not in {u.id for u in ex.units}  # named nowhere else now
    added = ex.unit("unit:遵义市/遵义市教育局")
    assert added.correction == "c.tsv:3" and added.side == "遵义市"
    assert not _corrections_warnings(ex)
    # The JSON carries the provenance, and reads back.
    data = ex.to_dict()
    resp = next(r for t in data["tasks"] for r in t["responsibilities"] if r["unit"] == "unit:遵义市/遵义市教育局")
    assert resp["correction"] == "c.tsv:3"
    assert Extraction.from_dict(data).to_dict() == data
    assert all("correction" not in r for t in _read().to_dict()["tasks"] for r in t["responsibilities"])


def test_the_extraction_given_is_not_changed() -> None:
    before = _read().to_dict()
    _fix(f"remove\t{DOC}\t二、(二)\t教育局", "placeholder\t\t-\t市商务局", f"sides\t{DOC}\t-\t-\t-\t上海市、贵州省")
    assert _read().to_dict() == before


def test_add_takes_the_side_from_the_value_or_the_name() -> None:
    ex = _fix(f"add\t{DOC}\t二、(一)\t市财政局\tsupport\t遵义",  # a short side name
              f"add\t{DOC}\t二、(一)\t遵义市人社局\tresponsible",  # the name says its side
              f"add\t{DOC}\t二、(一)\t某某局\tresponsible\t北京市")  # not a side of the plan
    got = _resp(ex, "二、(一)")
    assert ("unit:遵义市/遵义市财政局", "support", "c.tsv:2") in got
    assert ("unit:遵义市/遵义市人力资源社会保障局", "responsible", "c.tsv:3") in got  # the alias table's name
    assert not any("某某局" in u for u, _, _ in got)
    assert _corrections_warnings(ex) == [
        "c.tsv:4: 北京市 is none of the plan's sides (上海市、遵义市); the correction is not applied"]


def test_add_of_a_unit_already_there_sets_its_role() -> None:
    ex = _fix(f"add\t{DOC}\t二、(一)\t上海市委组织部\tlead\t上海市")
    assert _resp(ex, "二、(一)")[0] == ("unit:上海市/上海市委组织部", "lead", "c.tsv:2")
    assert len(_resp(ex, "二、(一)")) == 2


def test_role_and_remove_find_a_unit_by_mention_or_canonical_name() -> None:
    ex = _fix(f"role\t{DOC}\t一、(一)\t市发展改革委\tlead",  # the mention
              f"remove\t{DOC}\t一、(一)\t遵义市商务局")  # the canonical name of 市商务局
    got = _resp(ex, "一、(一)")
    assert ("unit:上海市/上海市发展改革委", "lead", "c.tsv:2") in got
    assert all(u != "unit:遵义市/遵义市商务局" for u, _, _ in got)
    assert "unit:遵义市/遵义市商务局" in {u.id for u in ex.units}  # still named in 一、(二)


def test_a_missing_task_or_unit_is_a_warning_and_nothing_else_changes() -> None:
    before = _read().to_dict()
    ex = _fix(f"add\t{DOC}\t三、(一)\t市财政局\tsupport\t遵义市",
              f"remove\t{DOC}\t一、(一)\t市财政局",
              f"role\t{DOC}\t九、\t市财政局\tlead",
              f"split\t{DOC}\t二、(二)\t市财政局\t-\tA局、B局")
    assert _corrections_warnings(ex) == [
        "c.tsv:2: the plan has no task 三、(一) (was it renumbered or removed?); the correction is not applied",
        "c.tsv:3: 市财政局 is not responsible for task 一、(一); the correction is not applied",
        "c.tsv:4: the plan has no task 九、 (was it renumbered or removed?); the correction is not applied",
        "c.tsv:5: 市财政局 is not responsible for task 二、(二); the correction is not applied",
    ]
    after = ex.to_dict()
    assert after.pop("warnings")[len(before["warnings"]):] and before.pop("warnings") is not None
    assert after == before


def test_a_task_of_another_number_is_never_touched() -> None:
    # 一、 is a heading of this plan; its children are not it.
    ex = _fix(f"remove\t{DOC}\t一、\t市商务局")
    assert _resp(ex, "一、(一)") == _resp(_read(), "一、(一)")
    assert _corrections_warnings(ex) == [
        "c.tsv:2: 市商务局 is not responsible for task 一、; the correction is not applied"]


def test_alias_merges_two_units_everywhere_in_the_plan() -> None:
    ex = _fix("alias\t\t-\t遵义市商务局\t-\t遵义市农业农村局")
    ids = {u.id for u in ex.units}
    assert "unit:遵义市/遵义市农业农村局" not in ids
    merged = ex.unit("unit:遵义市/遵义市商务局")
    assert "遵义市农业农村局" in merged.aliases and merged.correction == "c.tsv:2"
    # 一、(二) named both: one responsibility is left, marked.
    got = _resp(ex, "一、(二)")
    assert [u for u, _, _ in got].count("unit:遵义市/遵义市商务局") == 1
    assert ("unit:遵义市/遵义市商务局", "responsible", "c.tsv:2") in got
    assert not _corrections_warnings(ex)
    build_graph([ex])  # a consistent extraction


def test_alias_to_a_new_name_renames_the_unit() -> None:
    ex = _fix(f"alias\t{DOC}\t-\t教育体育局\t-\t教育局")
    got = _resp(ex, "二、(二)")
    # 教育局 was read on the Shanghai side: the new name is on that side too (sides are data).
    assert ("unit:上海市/上海市教育体育局", "support", "c.tsv:2") in got
    assert "unit:上海市/上海市教育局" not in {u.id for u in ex.units}


def test_alias_naming_no_unit_warns_only_when_it_names_the_document() -> None:
    assert not _corrections_warnings(_fix("alias\t\t-\t甲单位\t-\t乙单位"))
    assert _corrections_warnings(_fix(f"alias\t{DOC}\t-\t甲单位\t-\t乙单位")) == [
        "c.tsv:2: neither 甲单位 nor 乙单位 is a unit of this plan; the correction is not applied"]


def test_split_replaces_one_unit_by_several_with_its_role_and_span() -> None:
    old = next(r for r in _task(_read(), "一、(一)").responsibilities if r.mention == "上海市合作交流办")
    ex = _fix(f"split\t{DOC}\t一、(一)\t上海市合作交流办\t-\t上海市合作交流办、上海市国资委")
    got = _task(ex, "一、(一)").responsibilities
    assert [r.unit for r in got[:2]] == ["unit:上海市/上海市政府合作交流办", "unit:上海市/上海市国资委"]
    assert all(r.correction == "c.tsv:2" and r.span == old.span and r.role == old.role for r in got[:2])


def test_placeholder_turns_a_unit_into_a_group() -> None:
    ex = _fix(f"placeholder\t{TITLE}\t-\t市农业农村局")
    got = _resp(ex, "一、(二)")
    assert ("group:遵义市/市农业农村局", "responsible", "c.tsv:2") in got
    assert "unit:遵义市/遵义市农业农村局" not in {u.id for u in ex.units}
    assert ex.unit("group:遵义市/市农业农村局").collective
    assert _corrections_warnings(_fix(f"placeholder\t{DOC}\t-\t没有的单位"))


def test_sides_replace_a_side_and_move_its_units() -> None:
    ex = _fix(f"sides\t{DOC}\t-\t-\t-\t上海市、贵州省")
    assert [(s.name, s.short) for s in ex.document.sides] == [("上海市", "沪"), ("贵州省", "黔")]
    assert ex.document.id == DOC  # the id stays: corrections and the review name the plan by it
    got = _resp(ex, "二、(一)")
    assert ("unit:上海市/上海市委组织部", "responsible", None) in got
    moved = next(r for r in _task(ex, "二、(一)").responsibilities if r.side == "贵州省")
    assert moved.correction == "c.tsv:2" and moved.unit.startswith("unit:贵州省/")
    build_graph([ex])


def test_the_graph_carries_the_correction_on_responsible_for() -> None:
    ex = _fix(f"role\t{DOC}\t二、(一)\t上海市委组织部\tlead")
    graph = build_graph([ex])
    edge = graph.edges["unit:上海市/上海市委组织部", f"{DOC}#二、(一)", "RESPONSIBLE_FOR"]
    assert edge["role"] == "lead" and edge["correction"] == "c.tsv:2"
    plain = build_graph([_read()])
    assert all("correction" not in d for _, _, d in plain.edges(data=True))


def test_no_correction_leaves_a_unit_no_fact_names() -> None:
    ex = _fix(f"placeholder\t{DOC}\t-\t市农业农村局",
              "alias\t\t-\t遵义市商务局\t-\t遵义市发展改革局",
              f"split\t{DOC}\t一、(一)\t上海市合作交流办\t-\t上海市合作交流办、上海市国资委",
              f"remove\t{DOC}\t二、(二)\t教育局",
              f"add\t{DOC}\t二、(二)\t教育局\tsupport\t遵义市",
              f"sides\t{DOC}\t-\t-\t-\t上海市、贵州省")
    named = {r.unit for t in ex.tasks for r in t.responsibilities} | {x for p in ex.pairings for x in (p.a, p.b)}
    assert {u.id for u in ex.units} == named
    assert len({u.id for u in ex.units}) == len(ex.units)
    build_graph([ex])
    # Applying the same corrections again to the extractor's reading gives the same result.
    assert _fix(f"placeholder\t{DOC}\t-\t市农业农村局",
                "alias\t\t-\t遵义市商务局\t-\t遵义市发展改革局",
                f"split\t{DOC}\t一、(一)\t上海市合作交流办\t-\t上海市合作交流办、上海市国资委",
                f"remove\t{DOC}\t二、(二)\t教育局",
                f"add\t{DOC}\t二、(二)\t教育局\tsupport\t遵义市",
                f"sides\t{DOC}\t-\t-\t-\t上海市、贵州省").to_dict() == ex.to_dict()

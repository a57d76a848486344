"""Review items and their flags, on small plans written to raise each flag."""

from __future__ import annotations

import doctest

import pytest

from graphmodel.model import Extraction
from graphmodel.review import (
    FLAGS,
    STRONG,
    ReviewItem,
    checks,
    filter_items,
    flags,
    likeness,
    review_items,
    sentence,
    warning_flag,
)
from graphmodel.review.items import ReadFact
from tests.review import plans
from tests.review.corpus import corrected


def items_of(*texts: str, with_text: bool = True) -> tuple[list[ReviewItem], list[Extraction]]:
    exs = [plans.extraction(t, f"plan{k}.txt") for k, t in enumerate(texts)]
    return review_items(exs, {ex.document.id: t for ex, t in zip(exs, texts, strict=True)} if with_text else None), exs


def by_number(items: list[ReviewItem], number: str) -> ReviewItem:
    return next(it for it in items if it.number == number)


@pytest.mark.parametrize("module", [flags, likeness, sentence])
def test_doctests(module: object) -> None:
    assert doctest.testmod(module).failed == 0


def test_a_clean_plan_alone_has_no_flags_and_every_task_is_an_item() -> None:
    items, ex = items_of(plans.CLEAN)
    assert [it.number for it in items] == ["一、", "二、"]
    assert all(it.flags == [] for it in items)
    first = items[0]
    assert first.annotation == "（牵头单位：市政务服务中心；配合单位：市大数据局）"
    assert [(u.name, u.side, u.role) for u in first.units] == [
        ("大连市政务服务中心", "大连市", "lead"), ("大连市大数据局", "大连市", "support")]
    # The annotation in its sentence, the mentions marked inside it.
    assert first.context[0] == ("一、推进数字政府建设，完善一网通办。", "text")
    assert ("市政务服务中心", "mention") in first.context and ("（牵头单位：", "annotation") in first.context


def test_text_nothing_was_read_from_is_unsplit_and_a_task_without_annotation_is_flagged() -> None:
    items, _ = items_of(plans.DROPPED)
    first = by_number(items, "一、")
    assert "unsplit" in first.codes and "各项目" in next(f.detail for f in first.flags if f.code == "unsplit")
    assert by_number(items, "二、").codes == []
    assert by_number(items, "三、").codes == ["no-annotation"]
    assert items[-1].number == "二、"  # flagged items first


def test_a_role_given_by_a_note_and_not_stated_is_flagged() -> None:
    items, _ = items_of(plans.FIRST_LEADS)
    second = by_number(items, "二、")
    assert second.units[0].role == "lead"
    assert "role-assumed" in second.codes


def test_a_carried_note_the_extractor_did_not_read_flags_the_later_tasks() -> None:
    items, _ = items_of(plans.CARRIED)
    assert "unsplit" in by_number(items, "1.").codes
    assert "carried-note" in by_number(items, "2.").codes


def test_a_carry_note_read_as_a_note_but_not_applied_still_flags_the_later_tasks() -> None:
    # 以下均需P、Q落实,不再列出 (batch9 11) is a note of the grammar; the extractor does not carry P, Q.
    items, _ = items_of(plans.CARRY_NOTE)
    assert [(u.name, u.role) for u in by_number(items, "1.").units] == [("玉林市生态环境局", "responsible")]
    assert "carried-note" in by_number(items, "2.").codes


def test_a_note_that_changes_who_for_later_tasks_flags_them_and_itself() -> None:
    items, _ = items_of(plans.INCLUDES)
    assert "carried-note" in by_number(items, "一、").codes
    second = by_number(items, "二、")
    assert "carried-note" in second.codes and "含开发区管委会" in second.flags[0].detail


def test_a_duty_note_carried_below_changes_nobody_and_raises_nothing(seed_text: str) -> None:
    ex = plans.extraction(seed_text)
    assert not any("carried-note" in it.codes for it in review_items([ex], {ex.document.id: seed_text}))


def test_a_side_not_stated_in_a_plan_of_two_sides_is_flagged() -> None:
    items, _ = items_of(plans.TWO_SIDES)
    assert "side-assumed" not in by_number(items, "一、").codes
    assert "side-assumed" in by_number(items, "二、").codes
    assert "side-assumed" not in by_number(items, "三、").codes  # 浦东新区 says where it is


def test_a_table_rows_roles_and_deadlines_raise_nothing() -> None:
    items, exs = items_of(plans.TABLE)
    assert [[(u.name, u.role) for u in it.units] for it in items][0][:2] == [("宁波市委改革办", "lead"),
                                                                              ("宁波市大数据局", "support")]
    assert [it.codes for it in items] == [[], []]


def test_an_unread_bracket_with_a_unit_like_name_is_flagged() -> None:
    items, _ = items_of(plans.BRACKET)
    assert "unread-bracket" in by_number(items, "1.").codes


def test_corpus_flags_need_several_plans() -> None:
    alone, _ = items_of(plans.CLEAN)
    assert not any("one-plan" in it.codes for it in alone)
    both, _ = items_of(plans.CLEAN, plans.DROPPED)
    assert "one-plan" in by_number([i for i in both if i.title and "大连" in i.title], "一、").codes


def test_close_names_of_one_side_and_not_across_levels() -> None:
    found = likeness.close_names([("a", "上海市经济信息化委", "上海市"), ("b", "上海市经济和信息化委", "上海市"),
                                  ("c", "大连市经济信息化委", "大连市"), ("d", "省发展改革委", None),
                                  ("e", "市发展改革委", None)], {"上海市": "沪"})
    assert [o for o, _ in found["a"]] == ["b"] and "c" not in found
    assert "d" not in found and "e" not in found


def test_without_the_text_items_show_the_task_wording() -> None:
    items, _ = items_of(plans.DROPPED, with_text=False)
    first = by_number(items, "一、")
    assert first.annotation is None and first.context == [("加强组织领导，统筹协调推进。", "text")]
    assert "unsplit" not in first.codes  # the checks that need the text are not made


def test_warnings_map_to_their_flags() -> None:
    assert warning_flag("two annotations in one numbered item, with task text between them") == "several-annotations"
    assert warning_flag("cannot tell which side these units are on; assumed 上海市") == "side-assumed"
    assert warning_flag("a bracket that reads like an annotation was not read as one: 'x'") == "unread-bracket"
    assert set(STRONG) <= set(FLAGS)


def test_filters() -> None:
    items, exs = items_of(plans.CLEAN, plans.DROPPED)
    dropped = exs[1].document.id
    assert {it.document for it in filter_items(items, documents=[dropped])} == {dropped}
    assert [it.number for it in filter_items(items, flags=["no-annotation"])] == ["三、"]
    unit = "unit:大连市/大连市司法局"
    assert [it.number for it in filter_items(items, units=[unit])] == ["二、"]
    assert filter_items(items) == items
    assert filter_items(items, flags=["strong"]) == [it for it in items if it.strong] != []


def test_a_fact_from_a_correction_is_marked_with_its_file_and_line() -> None:
    ex = plans.extraction(plans.FIRST_LEADS)
    corrected(ex, 1, 0, "responsible")
    items = review_items([ex], {ex.document.id: plans.FIRST_LEADS})
    second = by_number(items, "二、")
    fact = second.units[0]
    assert isinstance(fact, ReadFact) and fact.correction == "graphmodel.corrections.tsv:4"
    assert "[from correction graphmodel.corrections.tsv:4]" in second.row()["read"]
    assert second.to_dict()["units"][0]["correction"] == "graphmodel.corrections.tsv:4"
    assert "role-assumed" not in second.codes  # a person said so: no doubt left


def test_the_checks_module_needs_no_text_beyond_spans() -> None:
    ex = plans.extraction(plans.CLEAN)
    assert checks.several_annotations(plans.CLEAN, ex.tasks[0]) == []

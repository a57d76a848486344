"""The outline: which numbers are enumerators, and how items nest."""

from __future__ import annotations

from graphmodel.extract.outline import chinese_numeral, parse_outline
from graphmodel.extract.text import normalize


def styles(text: str) -> list[tuple[int, str, int]]:
    return [(it.depth, it.style, it.value) for it in parse_outline(normalize(text))]


def test_chinese_numerals() -> None:
    assert [chinese_numeral(s) for s in ("一", "十", "十二", "二十", "二十四", "九十九")] == [1, 10, 12, 20, 24, 99]


def test_all_styles_nest_in_order_of_appearance() -> None:
    text = "一、总体要求\n（一）工作目标\n1.推进甲。\n（1）细则一；\n（2）细则二。\n① 要点；② 要点。\n2、推进乙。\n二、保障"
    assert styles(text) == [
        (0, "cn", 1), (1, "pcn", 1), (2, "ar", 1), (3, "par", 1), (3, "par", 2),
        (4, "circ", 1), (4, "circ", 2), (2, "ar", 2), (0, "cn", 2),
    ]


def test_numbers_inside_text_are_not_enumerators() -> None:
    text = "一、目标 2017年以来增长5.5%，新增1.5万人，完成2.3项。二、措施 到2020年底。"
    assert styles(text) == [(0, "cn", 1), (0, "cn", 2)]


def test_enumerator_with_or_without_a_space() -> None:
    assert styles("(一)标题 1.甲 2. 乙 3、丙 4、 丁") == [(0, "pcn", 1), (1, "ar", 1), (1, "ar", 2), (1, "ar", 3), (1, "ar", 4)]


def test_a_number_out_of_sequence_is_text() -> None:
    # "(3)" follows (1) directly: it is a cross-reference, not item 3.
    assert styles("(一)甲。(1)细则;(3)见上 (2)细则") == [(0, "pcn", 1), (1, "par", 1), (1, "par", 2)]


def test_numbering_that_runs_on_across_headings() -> None:
    text = "(一)甲 1.a 2.b (二)乙 3.c 4.d"
    assert styles(text) == [(0, "pcn", 1), (1, "ar", 1), (1, "ar", 2), (0, "pcn", 2), (1, "ar", 3), (1, "ar", 4)]


def test_enumerator_must_follow_a_boundary() -> None:
    assert styles("统一、规范 一、开始") == [(0, "cn", 1)]


def test_an_excerpt_may_start_past_one() -> None:
    assert styles("二、扩大合作\n(四)推动共享\n就两地…\n(五)对标 1.甲 2.乙") == [
        (0, "cn", 2), (1, "pcn", 4), (1, "pcn", 5), (2, "ar", 1), (2, "ar", 2)]


def test_half_bracket_enumerators() -> None:
    assert styles("四、丁\n1）推进A，增长5%）。\n2）推进B。") == [(0, "cn", 4), (1, "rpar", 1), (1, "rpar", 2)]


def test_an_item_may_start_with_a_year_but_not_with_a_decimal() -> None:
    assert styles("(一)甲\n1.2022年组织交流。\n2. 80%以上事项通办。\n12.5%的增长。") == [
        (0, "pcn", 1), (1, "ar", 1), (1, "ar", 2)]

"""Canonical names: the side's region for short names, and one name per unit via aliases."""

from __future__ import annotations

import pytest

from graphmodel.errors import InputError
from graphmodel.extract import extract
from graphmodel.extract.canonical import AliasTable, builtin_aliases, canonical_unit

SIDES = ("上海市", "大连市")


def canon(mention: str, side: str, inherit: str | None = None, sides=SIDES) -> str:
    return canonical_unit(mention, side, sides, inherit, builtin_aliases())[0]


@pytest.mark.parametrize(
    "mention, side, sides, expected",
    [
        ("市统计局", "上海市", SIDES, "上海市统计局"),
        ("市委办公室", "大连市", SIDES, "大连市委办公室"),
        ("省财政厅", "辽宁省", ("辽宁省",), "辽宁省财政厅"),
        ("区发改局", "浦东新区", ("浦东新区",), "浦东新区发改局"),
        ("省发展改革委", "大连市", SIDES, "辽宁省发展改革委"),  # a city's province, from the gazetteer
        ("市市场监管局", "上海市", SIDES, "上海市市场监管局"),
        ("大连银保监局", "大连市", SIDES, "大连银保监局"),
        ("人民银行大连市中心支行", "大连市", SIDES, "人民银行大连市中心支行"),
        ("团市委", "上海市", SIDES, "团市委"),
    ],
)
def test_short_names_take_their_sides_region(mention, side, sides, expected) -> None:
    assert canon(mention, side, sides=sides) == expected


def test_a_second_short_name_keeps_the_first_ones_level() -> None:
    assert canon("商务局", "大连市", inherit="市") == "大连市商务局"
    # ...but a unit's own name is not a generic department: it stays as written.
    assert canon("张江科学城管理局", "上海市", inherit="市") == "张江科学城管理局"
    assert canon("大商所", "大连市", inherit="市") == "大连商品交易所"  # an alias, never 大连市大商所


def test_aliases_give_one_canonical_name() -> None:
    assert canon("上海市合作交流办公室", "上海市") == canon("市政府合作交流办", "上海市") == "上海市政府合作交流办"
    assert canon("市民宗局", "大连市") == canon("市民族和宗教局", "大连市")
    assert canon("省发改委", "辽宁省", sides=("辽宁省",)) == "辽宁省发展改革委"


def test_user_alias_table_wins_and_is_checked() -> None:
    table = AliasTable.from_text("# mine\n~科创办\t~科技创新办公室\n大连大学\t大连大学(本部)\n")
    merged = builtin_aliases().merged(table)
    assert canonical_unit("市科技创新办公室", "上海市", SIDES, None, merged)[0] == "上海市科创办"
    assert canonical_unit("大连大学(本部)", "大连市", SIDES, None, merged)[0] == "大连大学"
    with pytest.raises(InputError, match="line 1 names one unit only"):
        AliasTable.from_text("市发改委\n", "aliases.tsv")
    with pytest.raises(InputError, match="mixes"):
        AliasTable.from_text("~发改委\t上海市发改委\n", "aliases.tsv")


def test_user_aliases_reach_the_extraction() -> None:
    text = "2021年上海市工作计划\n一、甲。(责任单位:市科技创新办公室)\n二、乙。(责任单位:市科创办)"
    plain = extract(text)
    assert len({r.unit for t in plain.tasks for r in t.responsibilities}) == 2
    merged = extract(text, aliases=AliasTable.from_text("~科创办\t~科技创新办公室"))
    assert {r.unit for t in merged.tasks for r in t.responsibilities} == {"unit:上海市/上海市科创办"}


def test_a_level_prefix_is_not_read_as_a_region() -> None:
    assert canon("市城市管理局", "大连市") == "大连市城市管理局"
    assert canon("区县域发展办", "浦东新区", sides=("浦东新区",)) == "浦东新区县域发展办"

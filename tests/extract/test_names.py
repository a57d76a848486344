"""Splitting annotation lists, cleaning mentions, spotting group placeholders."""

from __future__ import annotations

import pytest

from graphmodel.extract.names import Piece, clean_piece, is_collective, split_list


def names(text: str) -> list[str]:
    return [clean_piece(p)[0].text for p in split_list(Piece(text, 0))]


def test_splits_on_both_commas() -> None:
    assert names("市发展改革委、市财政局,市商务局") == ["市发展改革委", "市财政局", "市商务局"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("各区(市、县)政府、市财政局", ["各区(市、县)政府", "市财政局"]),
        ("中英(大连)先进制造产业示范园管委会、市商务局", ["中英(大连)先进制造产业示范园管委会", "市商务局"]),
        ("市营商局,各区、县级市", ["市营商局", "各区、县级市"]),
        ("各区、县(市)政府及开发区管委会、市财政局", ["各区、县(市)政府及开发区管委会", "市财政局"]),
        ("X领导小组成员单位及省地震局", ["X领导小组成员单位", "省地震局"]),
        ("省发改委及各设区市政府", ["省发改委", "各设区市政府"]),
        ("市发改委及有关部门", ["市发改委", "有关部门"]),
        ("各区政府和市财政局", ["各区政府", "市财政局"]),
        # Two groups joined are two when each names its members (各, 有关: grammar kind group-word).
        ("区直有关单位和各街道", ["区直有关单位", "各街道"]),
        ("省直各部门和各市人民政府", ["省直各部门", "各市人民政府"]),
        ("各区县政府及开发区管委会", ["各区县政府及开发区管委会"]),
    ],
)
def test_never_splits_inside_brackets_or_group_placeholders(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize("tail", ["等", "等有关部门", "等部门", "等相关单位"])
def test_trailing_etc_is_not_part_of_a_name(tail: str) -> None:
    assert names(f"市商务局、市税务局{tail}") == ["市商务局", "市税务局"]


def test_notes_are_removed_and_returned() -> None:
    cleaned, notes = clean_piece(Piece("市政府办公室(按职责分工负责,下同)", 10))
    assert (cleaned.text, cleaned.start, notes) == ("市政府办公室", 10, ["按职责分工负责,下同"])
    cleaned, notes = clean_piece(Piece("各市政府<含沈抚示范区管委会,下同>", 0))
    assert (cleaned.text, notes) == ("各市政府", ["含沈抚示范区管委会,下同"])


def test_a_bracket_that_is_part_of_a_name_stays() -> None:
    cleaned, notes = clean_piece(Piece("上海国际港务(集团)股份有限公司", 0))
    assert (cleaned.text, notes) == ("上海国际港务(集团)股份有限公司", [])


@pytest.mark.parametrize(
    "name",
    ["各有关单位", "各相关单位", "各区市县", "开放先导区", "其他在连高校", "市营商环境建设工作领导小组各成员单位",
     "区级相关部门", "各街道", "各区、县级市", "上海市各有关区", "相关区市县", "各设区市政府", "开发区管委会"],
)
def test_group_placeholders(name: str) -> None:
    assert is_collective(name)


@pytest.mark.parametrize(
    "name", ["上海市发展改革委", "团市委", "大连大学", "人民银行大连市中心支行", "金普新区管委会", "浦东新区政府"]
)
def test_units_are_not_placeholders(name: str) -> None:
    assert not is_collective(name)


@pytest.mark.parametrize("name", ["委机关各处室", "委属各单位", "市政府各委办局"])
def test_every_office_of_a_body_is_a_group(name: str) -> None:
    assert is_collective(name)


def test_a_counted_etc_of_divisions_is_not_part_of_a_name() -> None:
    assert names("重大项目处、规划处等5个处室") == ["重大项目处", "规划处"]


def test_a_name_and_a_keyword_broken_across_lines() -> None:
    cleaned, _ = clean_piece(Piece("沈河区政府等部\n门", 5))
    assert (cleaned.text, cleaned.start, cleaned.end) == ("沈河区政府", 5, 10)
    cleaned, _ = clean_piece(Piece("中国铁路沈\n阳局集团有限公司", 0))
    assert (cleaned.text, cleaned.end) == ("中国铁路沈阳局集团有限公司", 14)

"""Districts, parks and the pairings a plan states (graphmodel.extract.places)."""

from __future__ import annotations

import pytest

from graphmodel.extract import extract
from graphmodel.extract.places import PlaceFinder
from graphmodel.extract.text import normalize


def found(text: str, sides: tuple[str, ...] = ("上海市", "大连市")) -> list[tuple[str, str, str | None]]:
    finder = PlaceFinder(list(sides))
    finder.scan_text(normalize(text), 0)
    return sorted((p.kind, p.name, p.side) for p in finder.places.values())


def pairs(text: str, sides: tuple[str, ...] = ("上海市", "大连市")) -> list[tuple[str, str, str]]:
    finder = PlaceFinder(list(sides))
    norm = normalize(text)
    finder.scan_text(norm, 0)
    return [(p.kind, finder.places[p.a].name, finder.places[p.b].name) for p in finder.pairings(norm, 0, "t")]


@pytest.mark.parametrize(
    "text, place",
    [
        ("推动浦东新区与金普新区合作", ("district", "浦东新区", "上海市")),
        ("支持昆山市与海城市结对", ("district", "海城市", None)),  # county-level cities, from the full gazetteer
        ("深化宁海县、象山县合作", ("district", "宁海县", None)),
        ("广州市天河区与齐齐哈尔市龙沙区结对", ("district", "龙沙区", None)),
        ("推动宜兴市与丰县结对帮扶", ("district", "丰县", None)),  # a two-character county, only where paired
    ],
)
def test_districts(text: str, place: tuple[str, str, str | None]) -> None:
    assert place in found(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("鼓励大连高新园区发展", "大连高新园区"),
        ("推进杭州城西科创产业集聚区建设", "杭州城西科创产业集聚区"),  # a region, a name, a park word
        ("支持嘉鱼经济开发区建设", "嘉鱼经济开发区"),  # a county's short name leads
        ("推进沈阳国际软件园与中关村软件园结对共建", "中关村软件园"),  # a known place leads
        ("在昆明高新区共建沪滇合作产业园", "沪滇合作产业园"),  # a pair of the regions' initials
        ("推动中新天津生态城建设", "中新天津生态城"),  # a country pair
        ("鼓励企业参与中英(大连)先进制造产业示范园建设", "中英(大连)先进制造产业示范园"),
        ("推进中国(天津)自由贸易试验区建设", "中国(天津)自由贸易试验区"),
        ("推进沈阳综合保税区桃仙园区建设", "沈阳综合保税区桃仙园区"),  # an area of a zone
        ("合作共建“沪连对口合作产业园”", "沪连对口合作产业园"),
        ("研究长兴岛、花园口等特殊功能区作为飞地", "花园口"),
    ],
)
def test_parks(text: str, name: str) -> None:
    assert name in [n for kind, n, _ in found(text, ("上海市", "大连市", "天津市", "云南省", "沈阳市")) if kind == "park"]


@pytest.mark.parametrize(
    "text",
    ["推广深圳市场化园区运营经验", "共建合作产业园区", "支持在临夏县建设津临现代农业产业园", "推进长白山保护开发区建设"],
)
def test_no_park_where_the_words_are_prose(text: str) -> None:
    names = [n for _, n, _ in found(text, ("天津市", "甘肃省", "吉林省"))]
    assert not any(n.startswith(("深圳市场", "合作", "临夏县建设", "白山")) for n in names), names


def test_a_name_broken_across_lines_is_one_name() -> None:
    assert ("park", "无锡高新区", "无锡市") in found("支持无锡\n高新区与徐州高新区开展园区共建合作。", ("无锡市",))


def test_a_park_also_goes_without_its_city() -> None:
    finder = PlaceFinder(["哈尔滨市", "深圳市"])
    finder.scan_text("复制推广深圳南山科技园管理运营经验", 0)
    park = next(p for p in finder.places.values() if p.kind == "park")
    assert "南山科技园" in [park.name, *park.aliases]


@pytest.mark.parametrize(
    "text, pair",
    [
        ("鼓励并支持大连高新园区与上海张江高新区两地园区探索", ("park", "大连高新园区", "上海张江高新区")),
        ("推动浦东新区与金普新区深化结对合作", ("district", "浦东新区", "金普新区")),
        ("支持广州市天河区与齐齐哈尔市龙沙区结对", ("district", "天河区", "龙沙区")),  # a city between
        ("推动哈尔滨经济技术开发区与龙岗区合作共建", ("park", "哈尔滨经济技术开发区", "龙岗区")),  # park and district
        ("深化苏州工业园区与苏宿工业园区合作共建", ("park", "苏州工业园区", "苏宿工业园区")),
    ],
)
def test_pairings(text: str, pair: tuple[str, str, str]) -> None:
    sides = ("上海市", "大连市", "哈尔滨市", "深圳市", "苏州市", "广东省", "黑龙江省")
    assert pair in pairs(text, sides)


def test_no_pairing_without_a_joining_word_or_inside_one_region() -> None:
    assert pairs("推动浦东新区发展，支持金普新区建设") == []
    assert pairs("推动浦东新区与上海自贸区联动发展") == []  # one inside the other's region


def test_places_of_a_plan_and_of_its_units() -> None:
    ex = extract("2020年上海市与大连市对口合作重点工作计划\n一、甲。推动浦东新区与金普新区合作。"
                 "（责任单位：浦东新区司法局；大连自贸片区管委会）")
    assert sorted(p.name for p in ex.places) == ["大连自贸片区", "浦东新区", "金普新区"]
    units = {u.name: u.district for u in ex.units}
    assert units["大连自贸片区管委会"].startswith("park:")

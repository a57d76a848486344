"""Regions by name: provinces, cities, districts, counties and new areas.

The gazetteer (``graphmodel/data/regions.tsv``) lets the parser tell a region prefix
(大连市…, 上海…, 浦东新区…) from a unit's own words, find districts named in task text, and
name a plan's sides. Where the gazetteer is silent, a suffix pattern (…省/…市/…区/…县) is
the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graphmodel.extract.text import CJK

__all__ = ["Region", "Gazetteer", "gazetteer", "short_name", "side_of_region", "PROVINCE_ABBREVIATIONS"]

PROVINCE_ABBREVIATIONS = {
    "北京市": "京", "天津市": "津", "上海市": "沪", "重庆市": "渝", "河北省": "冀", "山西省": "晋",
    "辽宁省": "辽", "吉林省": "吉", "黑龙江省": "黑", "江苏省": "苏", "浙江省": "浙", "安徽省": "皖",
    "福建省": "闽", "江西省": "赣", "山东省": "鲁", "河南省": "豫", "湖北省": "鄂", "湖南省": "湘",
    "广东省": "粤", "海南省": "琼", "四川省": "川", "贵州省": "黔", "云南省": "滇", "陕西省": "陕",
    "甘肃省": "甘", "青海省": "青", "内蒙古自治区": "蒙", "广西壮族自治区": "桂", "西藏自治区": "藏",
    "宁夏回族自治区": "宁", "新疆维吾尔自治区": "新",
}
_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "朝鲜族自治州", "自治区", "自治州",
             "新区", "省", "市", "区", "县")


@lru_cache(maxsize=4096)
def short_name(name: str) -> str:
    """A region's name without its suffix: 上海市 → 上海, 浦东新区 → 浦东, 内蒙古自治区 → 内蒙古."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Region:
    name: str
    kind: str  # province | city | district | county | county-city | new-area
    parent: str | None


class Gazetteer:
    """Known regions, looked up by full or short name."""

    def __init__(self, regions: list[Region]) -> None:
        self.regions = regions
        self.by_name: dict[str, list[Region]] = {}
        self.by_short: dict[str, list[Region]] = {}
        for r in regions:
            self.by_name.setdefault(r.name, []).append(r)
            short = short_name(r.name)
            if short != r.name:
                self.by_short.setdefault(short, []).append(r)
        names = sorted(self.by_name, key=len, reverse=True)
        self._name_re = re.compile("|".join(map(re.escape, names)))

    def kind(self, name: str) -> str | None:
        found = self.by_name.get(name)
        return found[0].kind if found else None

    def parent(self, name: str) -> str | None:
        found = self.by_name.get(name)
        return found[0].parent if found else None

    def children(self, name: str) -> list[str]:
        """Regions whose parent is ``name`` (the cities of a province, the districts of a city)."""
        return [r.name for r in self.regions if r.parent == name]

    def full_name(self, short: str) -> str | None:
        """The one region whose short name this is (None when unknown or ambiguous)."""
        found = self.by_short.get(short, [])
        names = {r.name for r in found}
        return names.pop() if len(names) == 1 else None

    def prefix(self, text: str) -> str | None:
        """The longest known region name at the start of ``text`` (full names only)."""
        best = None
        for n in range(min(len(text), 9), 1, -1):
            if text[:n] in self.by_name:
                best = text[:n]
                break
        return best

    def find_all(self, text: str) -> list[tuple[str, int, int]]:
        """Known full names of districts, counties, county-level cities and new areas in text."""
        out = []
        for m in self._name_re.finditer(text):
            out.append((m.group(), m.start(), m.end()))
        return out


_PREFIX_RE = re.compile(
    rf"^[{CJK}]{{2,6}}?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|省)"
    rf"|^[{CJK}]{{2,3}}?(?:市|新区|区|县)"
)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The built-in gazetteer (cached)."""
    regions: list[Region] = []
    text = resources.files("graphmodel").joinpath("data/regions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parent, kind, names = line.split("\t")
        for name in names.split():
            regions.append(Region(name, kind, None if parent == "-" else parent))
    return Gazetteer(regions)


def side_of_region(region: str | None, sides: list[str] | tuple[str, ...]) -> str | None:
    """The side ``region`` is, or lies in (浦东新区 → 上海市), following the gazetteer's parents."""
    g = gazetteer()
    seen = 0
    while region and seen < 5:
        if region in sides:
            return region
        region = g.parent(region)
        seen += 1
    return None


def guess_prefix(text: str) -> str | None:
    """A region-looking prefix by suffix alone (…省, …市, …区, …县), for names not in the gazetteer."""
    if text[:1] in "市省区县":
        return None  # 市城市管理局 is 市 + 城市管理局, not a region called 市城市
    m = _PREFIX_RE.match(text)
    return m.group() if m else None

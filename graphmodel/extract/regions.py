"""The gazetteer: the only code that knows regions.

Provinces, cities, districts, counties and new areas come from ``graphmodel/data/regions.tsv``
(parent, kind, names); level words (市/省/区/县 standing for a side's region, and the words that
only look like one) from ``graphmodel/data/levels.tsv``. Everything the extractor asks of a
region goes through `Gazetteer`: the region a name starts with, its parents, which side of a plan
a region lies in, what a level word means on a side. Where the table is silent a suffix pattern
(…省/…市/…区/…县) is the fallback.

>>> g = gazetteer()
>>> g.prefix("浦东新区司法局"), g.side_of("浦东新区", ["上海市", "大连市"])
('浦东新区', '上海市')
>>> g.level_of("市统计局"), g.level_of("市场监管局")
('市', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graphmodel.extract.memo import MISSING, remembered
from graphmodel.extract.text import CJK, word_pattern

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
DISTRICT_KINDS = ("district", "county", "county-city", "new-area")
_GUESS_RE = re.compile(  # never 有关市, 各区, 全市, 甘青两省: words for a group, not a region's name
    rf"^(?!各|有关|相关|其他|其它|全|本|该|外)(?![{CJK}]*?[两三几多]省)"
    rf"(?:[{CJK}]{{2,6}}?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|省)|[{CJK}]{{2,3}}?(?:市|新区|区|县|州))"
)


@lru_cache(maxsize=4096)
def short_name(name: str) -> str:
    """A region's name without its suffix.

    Parameters
    ----------
    name : str
        A region's full name.

    Returns
    -------
    str
        The name without its longest suffix (市, 新区, 自治区, 维吾尔自治区, …), or ``name`` itself
        when fewer than two characters would remain.

    Examples
    --------
    >>> short_name("上海市"), short_name("浦东新区"), short_name("新疆维吾尔自治区"), short_name("和县")
    ('上海', '浦东', '新疆', '和县')
    """
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
    """Known regions, looked up by full or short name, and the level words of unit names."""

    def __init__(self, regions: list[Region], levels: dict[str, tuple[str, ...]] | None = None) -> None:
        levels = levels or {}
        self.regions = regions
        self.by_name: dict[str, list[Region]] = {}
        self.by_short: dict[str, list[Region]] = {}
        self._children: dict[str, list[str]] = {}
        for r in regions:
            self.by_name.setdefault(r.name, []).append(r)
            short = short_name(r.name)
            if short != r.name:
                self.by_short.setdefault(short, []).append(r)
            if r.parent:
                self._children.setdefault(r.parent, []).append(r.name)
        self.levels = tuple(sorted(levels.get("level", ("省", "市", "区", "县")), key=len, reverse=True))
        self.not_levels = levels.get("not-level", ())
        self.group_levels = tuple(sorted(levels.get("group-level", ()), key=len, reverse=True))
        self.group_bodies = levels.get("group-body", ())
        # Names scanned for in text and taken as a prefix: three characters or more (城区, 礼县 and
        # the other two-character counties read as words too often).
        self._scannable = {n for n in self.by_name if len(n) >= 3}
        self._lengths = sorted({len(n) for n in self._scannable}, reverse=True)
        self._scan_re: re.Pattern[str] | None = None
        self._reversed_re: re.Pattern[str] = re.compile("(?!)")  # (the way round `_tails`)
        # The lengths of the scannable names by their last two characters, longest first.
        self._tails: dict[str, tuple[int, ...]] = {}
        self._ancestry: dict[str, frozenset[str]] = {}
        self._prefixes: dict[str, str | None] = {}
        self._named: dict[str, str | None] = {}  # named_region, remembered: units recur
        self._levels: dict[str, str | None] = {}  # level_of, remembered
        self._city_shorts = {short for short, found in self.by_short.items()
                             if any(r.kind in ("province", "city") for r in found)}

    @property
    def scannable(self) -> frozenset[str]:
        """The names `find_all` finds in a text (three characters or more)."""
        return frozenset(self._scannable)

    # -- lookups ----------------------------------------------------------------------------------
    def kind(self, name: str) -> str | None:
        found = self.by_name.get(name)
        return found[0].kind if found else None

    def parent(self, name: str) -> str | None:
        found = self.by_name.get(name)
        return found[0].parent if found else None

    def children(self, name: str) -> list[str]:
        """Regions whose parent is ``name`` (the cities of a province, the districts of a city)."""
        return list(self._children.get(name, ()))

    def ancestors(self, name: str) -> list[str]:
        """``name`` and the regions it lies in, innermost first (浦东新区 → [浦东新区, 上海市]); for a
        name several regions share (和平区), those of the first."""
        out = [name]
        while (parent := self.parent(out[-1])) and parent not in out and len(out) < 6:
            out.append(parent)
        return out

    def all_ancestors(self, name: str) -> frozenset[str]:
        """The regions any region called ``name`` lies in, ``name`` included."""
        cached = self._ancestry.get(name)
        if cached is not None:
            return cached
        out = {name}
        todo = [r.parent for r in self.by_name.get(name, []) if r.parent]
        while todo:
            region = todo.pop()
            if region not in out:
                out.add(region)
                todo += [r.parent for r in self.by_name.get(region, []) if r.parent]
        self._ancestry[name] = frozenset(out)
        return self._ancestry[name]

    def full_name(self, short: str) -> str | None:
        """The one region whose short name this is (None when unknown or ambiguous)."""
        names = {r.name for r in self.by_short.get(short, [])}
        return names.pop() if len(names) == 1 else None

    def is_region_word(self, word: str) -> bool:
        """A full or short name of a known region."""
        return word in self.by_name or word in self.by_short

    # -- names that start with a region ------------------------------------------------------------
    def prefix(self, text: str) -> str | None:
        """The longest known region name at the start of ``text`` (full names of three characters
        or more)."""
        key = text[: self._lengths[0]] if self._lengths else text
        found = self._prefixes.get(key, MISSING)
        if found is MISSING:
            found = remembered(self._prefixes, key, lambda: self._prefix(key))
        return found  # type: ignore[no-any-return]  # (no cast: a call, and this runs very often)

    def _prefix(self, text: str) -> str | None:
        for n in self._lengths:
            if n <= len(text) and text[:n] in self._scannable:
                return text[:n]
        return None

    def guess_prefix(self, text: str) -> str | None:
        """A region-looking prefix by suffix alone (…省, …市, …区, …县), for names not in the table."""
        if text.startswith(self.levels):
            return None  # 市城市管理局 is 市 + 城市管理局, not a region called 市城市
        m = _GUESS_RE.match(text)
        return m.group() if m else None

    def region_prefix(self, name: str, sides: tuple[str, ...] | list[str] = ()) -> str | None:
        """The region a full unit name starts with: a side, a known region, or one by its suffix
        (浦东新区司法局 → 浦东新区; 市统计局 → None)."""
        for s in sides:
            if name.startswith(s):
                return s
        return self.prefix(name) or self.guess_prefix(name)

    def named_region(self, name: str) -> str | None:
        """The province or city a unit's name names at its start, by full or short name
        (上海证券交易所 → 上海市): what tells which side a unit is on."""
        found = self._named.get(name, MISSING)
        if found is MISSING:
            found = remembered(self._named, name, lambda: self._named_region(name))
        return found  # type: ignore[no-any-return]  # (no cast: a call, and this runs very often)

    def _named_region(self, name: str) -> str | None:
        full = self.prefix(name)
        if full:
            return full
        for n in (3, 2):
            region = self.full_name(name[:n])
            if region and self.kind(region) in ("province", "city"):
                return region
        guessed = self.guess_prefix(name)
        return guessed if guessed and guessed.endswith(("省", "市", "州")) else None

    def starts_with_region_word(self, name: str, sides: tuple[str, ...] | list[str] = ()) -> bool:
        """Whether ``name`` opens with a side's or a province's or city's short name (公安局 does not:
        公安 is a county, and a department name often starts like one)."""
        if any(name.startswith(short_name(s)) for s in sides):
            return True
        return any(name[:n] in self._city_shorts for n in (2, 3))

    def _longest_ending(self, text: str, end: int) -> str | None:
        """The longest scannable name ending at ``end``, by the reversed names' trie pattern (the
        way round `find_all`'s look-ups; ``find_all`` compiles the pattern)."""
        hit = self._reversed_re.match(text[::-1], len(text) - end)
        return text[end - (hit.end() - hit.start()) : end] if hit else None

    def find_all(self, text: str) -> list[tuple[str, int, int]]:
        """Known full region names in ``text`` with their offsets, longest first where they
        overlap, left to right; linear in the length of ``text``."""
        # Every scannable name ends with one of a few characters (区县市旗州…): anchor on those.
        # At each, the longest name ending there, by its last two characters and a look-up per
        # length (`_longest_ending`, the reversed names' trie pattern, is the way round: its second
        # branch point, the character before 区, has hundreds of branches the regex engine tries
        # one by one).
        if self._scan_re is None:
            self._scan_re = re.compile("[" + "".join(sorted({n[-1] for n in self._scannable})) + "]")
            self._reversed_re = word_pattern({n[::-1] for n in self._scannable})
            tails: dict[str, set[int]] = {}
            for name in self._scannable:  # (each has three characters or more)
                tails.setdefault(name[-2:], set()).add(len(name))
            self._tails = {tail: tuple(sorted(lengths, reverse=True)) for tail, lengths in tails.items()}
        tails_of, names = self._tails, self._scannable
        found: list[tuple[str, int, int]] = []
        for m in self._scan_re.finditer(text):
            end = m.end()
            lengths = tails_of.get(text[end - 2 : end]) if end >= 2 else None
            if lengths is not None:
                for n in lengths:
                    if n <= end and text[end - n : end] in names:
                        found.append((text[end - n : end], end - n, end))
                        break
        found.sort(key=lambda x: (x[1], -x[2]))
        out: list[tuple[str, int, int]] = []
        reach = 0
        for name, a, b in found:  # left to right, the longer of two that overlap
            if a >= reach:
                out.append((name, a, b))
                reach = b
        return out

    # -- sides -----------------------------------------------------------------------------------
    def side_of(self, region: str | None, sides: list[str] | tuple[str, ...]) -> str | None:
        """The side ``region`` is, or lies in (浦东新区 → 上海市); of a name several regions share
        (和平区), the one side they lie in if only one."""
        if not region:
            return None
        for r in self.ancestors(region):
            if r in sides:
                return r
        found = [s for s in sides if s in self.all_ancestors(region)]
        return found[0] if len(found) == 1 else None

    def label_side(self, label: str, sides: list[str] | tuple[str, ...], suffixes: tuple[str, ...]) -> str | None:
        """The one side a label such as 上海 / 沪方 / 连方 / 大连市方面 names."""
        for suffix in sorted(suffixes, key=len, reverse=True):
            if label.endswith(suffix) and len(label) > len(suffix):
                label = label[: -len(suffix)]
                break
        found = [s for s in sides
                 if label in (s, short_name(s), s[:-1], PROVINCE_ABBREVIATIONS.get(s))
                 or (len(label) == 1 and label in (PROVINCE_ABBREVIATIONS.get(s) or short_name(s)))]
        return found[0] if len(found) == 1 else None

    # -- level words -----------------------------------------------------------------------------
    def level_of(self, mention: str) -> str | None:
        """The level word a short name starts with (市统计局 → 市, 自治区财政厅 → 自治区), or None
        (市场监管局)."""
        found = self._levels.get(mention, MISSING)
        if found is MISSING:
            found = remembered(self._levels, mention, lambda: self._level_of(mention))
        return found  # type: ignore[no-any-return]  # (no cast: a call, and this runs very often)

    def _level_of(self, mention: str) -> str | None:
        if mention.startswith(self.not_levels):
            return None
        return next((lv for lv in self.levels if mention.startswith(lv) and len(mention) > len(lv)), None)

    def level_region(self, level: str, side: str) -> str | None:
        """The region a level character means on ``side``: the side or the ancestor of that level."""
        for region in self.ancestors(side)[:5]:
            if region.endswith(level) or (level == "区" and region.endswith("新区")):
                return region
        return None

    def side_of_level(self, name: str, sides: list[str] | tuple[str, ...]) -> str | None:
        """省人社厅 in a plan of 天津市 and 甘肃省 is the province's: the one side of that level."""
        level = self.level_of(name)
        if level not in ("省", "市", "自治区") or name.startswith("省会"):
            return None
        found = [s for s in sides if s.endswith(level)]
        return found[0] if len(found) == 1 else None

    def continues_group(self, piece: str) -> bool:
        """A list piece made only of levels (县级市, 县(市)政府及开发区管委会): in 各区、县级市 it
        continues the group before it instead of naming a unit."""
        rest = piece
        while rest:
            for word in self.group_levels:
                if rest.startswith(word):
                    rest = rest[len(word):].lstrip("、")
                    break
            else:
                break
        if rest == piece:
            return False
        for body in self.group_bodies:
            if rest.startswith(body):
                rest = rest[len(body):]
                break
        return rest == "" or rest.startswith(("及", "和"))


def _read_levels() -> dict[str, tuple[str, ...]]:
    text = resources.files("graphmodel").joinpath("data/levels.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, words = line.split("\t", 1)
        out[kind] = tuple(words.split())
    return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The built-in gazetteer, read once.

    From ``graphmodel/data/regions.tsv`` (the regions, their kinds and parents) and
    ``graphmodel/data/levels.tsv`` (the level words).

    Returns
    -------
    Gazetteer
        The same object on every call; callers read it and never change it.

    Examples
    --------
    >>> g = gazetteer()
    >>> g.kind("大连市"), g.parent("浦东新区")
    ('city', '上海市')
    """
    regions: list[Region] = []
    text = resources.files("graphmodel").joinpath("data/regions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parent, kind, names = line.split("\t")
        for name in names.split():
            regions.append(Region(name, kind, None if parent == "-" else parent))
    return Gazetteer(regions, _read_levels())


def side_of_region(region: str | None, sides: list[str] | tuple[str, ...]) -> str | None:
    """The side a region is, or lies in, following the gazetteer's parents.

    Parameters
    ----------
    region : str or None
        A region's full name.
    sides : list or tuple of str
        The document's sides, by full name.

    Returns
    -------
    str or None
        The side; None when ``region`` is None or lies in none of ``sides`` (or, for a name
        several regions share, in more than one).

    Examples
    --------
    >>> side_of_region("浦东新区", ["上海市", "大连市"]), side_of_region("甘井子区", ["辽宁省"])
    ('上海市', '辽宁省')
    >>> side_of_region("沈阳市", ["上海市", "大连市"]) is None
    True
    """
    return gazetteer().side_of(region, sides)

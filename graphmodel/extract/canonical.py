"""Canonical unit names and the alias table.

A short name takes its side's region: 市统计局 on the Shanghai side is 上海市统计局, 省财政厅 in
a Liaoning plan is 辽宁省财政厅, 区发改局 in 浦东新区's plan is 浦东新区发改局. A bare department
name after a short one keeps its level (市工业和信息化局、商务局 → 市商务局). The alias table then
maps every name of one unit to one canonical name, so they share one id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from graphmodel.errors import InputError
from graphmodel.extract.regions import gazetteer

__all__ = ["AliasTable", "builtin_aliases", "canonical_unit", "unit_id", "group_id"]


@dataclass
class AliasTable:
    """Names that denote one unit. ``relative`` rows hold for any region (~ in the data file)."""

    relative: dict[str, str] = field(default_factory=dict)  # remainder after the region -> canonical
    absolute: dict[str, str] = field(default_factory=dict)  # full name -> canonical full name
    # canonical_unit's answers with this table (a corpus names the same units in plan after plan);
    # a table is not changed once read (merged() makes a new one).
    answers: dict[tuple[str, str | None, tuple[str, ...], str | None], tuple[str, str, str | None]] = field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_text(cls, text: str, origin: str = "alias file") -> AliasTable:
        """Parse the alias format: one unit a line, tab- or space-separated names, first canonical."""
        table = cls()
        for lineno, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            names = [n for n in re.split(r"[\t ]+|,", line) if n]
            if len(names) < 2:
                raise InputError(f"{origin}: line {lineno} names one unit only; list two or more names")
            relative = [n.startswith("~") for n in names]
            if any(relative) and not all(relative):
                raise InputError(f"{origin}: line {lineno} mixes ~ names with full names")
            target = table.relative if relative[0] else table.absolute
            canonical = names[0].lstrip("~")
            for n in names:
                target[n.lstrip("~")] = canonical
        return table

    def merged(self, other: AliasTable) -> AliasTable:
        """This table with ``other``'s rows added; ``other`` wins where they disagree."""
        return AliasTable({**self.relative, **other.relative}, {**self.absolute, **other.absolute})

    def resolve(self, name: str, region: str | None) -> str:
        """The canonical form of ``name``, whose region prefix (if any) is ``region``."""
        if name in self.absolute:
            return self.absolute[name]
        if region and name.startswith(region):
            rest = name[len(region):]
            if rest in self.relative:
                name = region + self.relative[rest]
        return self.absolute.get(name, name)


@lru_cache(maxsize=1)
def _departments() -> frozenset[str]:
    text = resources.files("graphmodel").joinpath("data/departments.txt").read_text(encoding="utf-8")
    words = {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    return frozenset(words | set(builtin_aliases().relative))


@lru_cache(maxsize=1)
def builtin_aliases() -> AliasTable:
    """The alias table shipped with graphmodel (``graphmodel/data/aliases.tsv``), read once.

    Returns
    -------
    AliasTable
        Shared between callers; `AliasTable.merged` gives a new table with a user's rows.

    Examples
    --------
    >>> builtin_aliases().resolve("上海市发改委", "上海市")
    '上海市发展改革委'
    """
    text = resources.files("graphmodel").joinpath("data/aliases.tsv").read_text(encoding="utf-8")
    return AliasTable.from_text(text, "graphmodel/data/aliases.tsv")


def canonical_unit(
    mention: str,
    side: str | None,
    side_names: tuple[str, ...],
    inherit_level: str | None,
    aliases: AliasTable,
) -> tuple[str, str, str | None]:
    """Canonical name of a unit mention on a side.

    Parameters
    ----------
    mention : str
        The cleaned mention, e.g. 市统计局.
    side : str or None
        The side's full name (上海市), or None when unknown.
    side_names : tuple of str
        All the document's sides, to recognise full names.
    inherit_level : str or None
        The level of the previous mention in the same list, if it had one.
    aliases : AliasTable
        The alias table.

    Returns
    -------
    tuple of (str, str, str or None)
        The canonical name, the full name before the alias table, and the level it used
        (市/省/区/县) for the next mention in the list.

    Examples
    --------
    >>> sides = ("上海市", "大连市")
    >>> canonical_unit("市发改委", "大连市", sides, None, builtin_aliases())
    ('大连市发展改革委', '大连市发改委', '市')
    >>> canonical_unit("商务局", "大连市", sides, "市", builtin_aliases())  # after 市X, 商务局 is the city's
    ('大连市商务局', '大连市商务局', '市')
    """
    g = gazetteer()
    if side is None:
        return aliases.resolve(mention, g.region_prefix(mention)), mention, None
    region = g.region_prefix(mention, side_names)
    if region is not None:
        return aliases.resolve(mention, region), mention, region[-1]
    level = g.level_of(mention)
    if level is not None:
        target = g.level_region(level, side)
        if target is not None:
            full = target + mention[len(level):]
            return aliases.resolve(full, target), full, level
        return aliases.resolve(mention, None), mention, None
    if inherit_level and _department_like(mention) and not g.starts_with_region_word(mention, side_names):
        target = g.level_region(inherit_level, side)
        if target is not None:
            full = target + mention
            return aliases.resolve(full, target), full, inherit_level
    return aliases.resolve(mention, None), mention, None


def _department_like(mention: str) -> bool:
    """A bare government department's name (商务厅, 农委, 金融办) that keeps the level of the short
    name before it in a list: a known department, or a short name ending like one, with no level
    word inside (团市委 is the youth league's, not the city's 团委)."""
    if mention in _departments():
        return True
    if any(c in mention for c in "省市区县"):
        return False
    # 厅, 委 and 办 end department names; a 局 with a longer name is often a unit's own (张江科学城管理局).
    short_bureau = len(mention) <= 5 and mention.endswith("局")
    return short_bureau or (len(mention) <= 10 and mention.endswith(("厅", "委", "办")))


def unit_id(side: str | None, canonical: str) -> str:
    """The id of a unit.

    Parameters
    ----------
    side : str or None
        The unit's side (full name), or None when unknown.
    canonical : str
        The unit's canonical name (`canonical_unit`).

    Returns
    -------
    str
        ``unit:<side>/<canonical name>``, the side ``-`` when unknown.

    Examples
    --------
    >>> unit_id("上海市", "上海市统计局"), unit_id(None, "国家发展改革委")
    ('unit:上海市/上海市统计局', 'unit:-/国家发展改革委')
    """
    return f"unit:{side or '-'}/{canonical}"


def group_id(side: str | None, mention: str) -> str:
    """The id of a group placeholder (各有关单位): one per side and mention.

    Parameters
    ----------
    side : str or None
        The side it is named on (full name), or None when unknown.
    mention : str
        The placeholder as written, cleaned.

    Returns
    -------
    str
        ``group:<side>/<mention>``, the side ``-`` when unknown.

    Examples
    --------
    >>> group_id("大连市", "各有关单位")
    'group:大连市/各有关单位'
    """
    return f"group:{side or '-'}/{mention}"

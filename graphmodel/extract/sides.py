"""A plan's sides, and the side of each part of an annotation.

A counterpart plan has two sides (上海市 and 大连市), in the order its annotations list them; a
single government's plan has one. The sides come from the title (上海市与大连市…), else from the
regions the first and second ``;``-parts of annotations name, else from the issuer. Within an
annotation a part's side is its label (沪方:), else what its units' names say, else its position.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from graphmodel.extract.annotations import Annotation, Part
from graphmodel.extract.document import make_sides, title_regions
from graphmodel.extract.grammar import Grammar
from graphmodel.extract.memo import MISSING
from graphmodel.extract.regions import PROVINCE_ABBREVIATIONS, gazetteer, short_name
from graphmodel.extract.text import normalize
from graphmodel.model import Side, Span

__all__ = ["detect_sides", "part_side"]



def detect_sides(title: str | None, issuers: list[str], annotations: list[Annotation],
                 grammar: Grammar) -> list[Side]:
    """The document's sides, in the order its annotations list them.

    From its title (上海市与大连市…), else the regions the first and second ``;``-parts of its
    annotations name, else its issuers (a placeholder such as 有关市(州)人民政府 names none).

    Parameters
    ----------
    title : str or None
        The document's title (`find_title`).
    issuers : list of str
        Its issuing bodies (`find_issuers`).
    annotations : list of Annotation
        Its annotations, read.
    grammar : Grammar
        Gives the placeholders.

    Returns
    -------
    list of Side
        Each with its full and short name; empty when nothing names a region.

    Examples
    --------
    >>> from graphmodel.examples import EXAMPLE_PAIRED, example_reading
    >>> from graphmodel.extract.grammar import default_grammar
    >>> norm, doc, annotations = example_reading(EXAMPLE_PAIRED)
    >>> detect_sides(None, [], annotations, default_grammar())
    [Side(name='上海市', short='沪'), Side(name='大连市', short='大连')]
    >>> detect_sides("2020年大连市与上海市对口合作计划", [], annotations, default_grammar())
    [Side(name='上海市', short='沪'), Side(name='大连市', short='大连')]
    >>> detect_sides(None, ["辽宁省人民政府办公厅"], [], default_grammar())
    [Side(name='辽宁省', short='辽')]
    """
    g = gazetteer()
    # Listed, then counted by `Counter` (one C loop; its keys in the order first met, as counting
    # one by one gives them).
    first: list[str] = []
    second: list[str] = []
    every: list[str] = []
    level_list: list[str] = []
    known = grammar.memo("side-facts")
    for ann in annotations:
        for part in ann.parts:
            votes = (first if part.position == 0 else second if part.position == 1 else None) if (
                part.siblings >= 2) else None
            for piece, _ in part.mentions:
                # (normalised already; what a name says, remembered by the name: one look-up)
                facts = known.get(piece.text, MISSING)  # (None is an answer: a placeholder)
                if facts is MISSING:
                    facts = grammar.remember("side-facts", piece.text, lambda name: _side_facts(name, grammar))
                if facts is None:
                    continue  # a placeholder
                level, region = facts
                if level:
                    level_list.append(level)
                if not region:
                    continue
                every.append(region)
                if votes is not None:
                    votes.append(region)
    part_votes = [Counter(first), Counter(second)]
    all_votes = Counter(every)
    levels = Counter(level_list)
    sides = make_sides(title_regions(normalize(title) if title else None), part_votes, all_votes, issuers)
    if len(sides) == 1 and levels:
        # 省发展改革委、合肥海关: a plan whose units say 省 is the province's, not 合肥市's.
        level = levels.most_common(1)[0][0]
        if not sides[0].name.endswith(level):
            region = g.level_region(level, sides[0].name)
            if region and region != sides[0].name:
                return [Side(region, PROVINCE_ABBREVIATIONS.get(region) or short_name(region))]
    return sides


def _side_facts(name: str, grammar: Grammar) -> tuple[str | None, str | None] | None:
    """What a mention's name tells `detect_sides`: None for a placeholder, else its level word and
    the region it names."""
    if grammar.is_placeholder(name):
        return None
    g = gazetteer()
    return g.level_of(name), g.named_region(name)


def part_side(part: Part, ann: Annotation, sides: list[Side], grammar: Grammar,
              warnings: list[tuple[str, Span]], names: tuple[str, ...] | None = None) -> str | None:
    """The side a part's units are on.

    Its label (沪方:), else the regions its names say, else its position among the
    ``;``-parts; failing all, the first side, with a warning.

    Parameters
    ----------
    part : Part
        One part of ``ann``.
    ann : Annotation
        The annotation, whose span a warning names.
    sides : list of Side
        The document's sides (`detect_sides`).
    grammar : Grammar
        Gives the side labels' suffixes (方, 方面).
    warnings : list of (str, Span)
        Receives the warning when nothing tells the side.
    names : tuple of str, optional
        The sides' names, when the caller has them (it asks for every part).

    Returns
    -------
    str or None
        The side's full name; None when the document has no side.

    Examples
    --------
    >>> from graphmodel.examples import EXAMPLE_PAIRED, example_reading
    >>> from graphmodel.extract.grammar import default_grammar
    >>> norm, doc, annotations = example_reading(EXAMPLE_PAIRED)
    >>> sides = detect_sides(None, [], annotations, default_grammar())
    >>> warnings = []
    >>> [part_side(p, a, sides, default_grammar(), warnings) for a in annotations for p in a.parts]
    ['上海市', '大连市', '上海市', '大连市']
    >>> warnings
    []
    """
    if not sides:
        return None
    if len(sides) == 1:
        return sides[0].name
    if names is None:
        names = tuple(s.name for s in sides)
    g = gazetteer()
    if part.side_label:
        labelled = g.label_side(part.side_label, names, grammar.side_suffixes)
        if labelled:
            return labelled
    default = None
    if part.siblings >= 2 and part.position is not None and part.position < len(sides):
        default = names[part.position]
    votes: dict[str, int] = {}  # (a dict, not a Counter: this runs for every part of every plan)
    for piece, _ in part.mentions:
        side = _named_side(piece.text, names)
        if side:
            if side == default:
                return default  # a name on its position's side keeps it, whatever the others name
            votes[side] = votes.get(side, 0) + 1
    if votes:  # (none for the position's side)
        # the first of the most voted, as most_common(1) (mostly one side voted: no key function)
        return next(iter(votes)) if len(votes) == 1 else max(votes.items(), key=lambda kv: kv[1])[0]
    if default is not None:
        return default
    warnings.append((f"cannot tell which side these units are on; assumed {names[0]}", ann.span))
    return names[0]


@lru_cache(maxsize=65_536)
def _named_side(text: str, sides: tuple[str, ...]) -> str | None:
    """The side a unit's name says, by its region or its level word (remembered: the gazetteer is
    fixed and a corpus names the same units again and again)."""
    g = gazetteer()
    return g.side_of(g.named_region(text), sides) or g.side_of_level(text, sides)

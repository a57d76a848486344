"""The plan's outline: numbered items (一、 / (一) / 1. / (1) / ①) and their nesting.

A candidate enumerator must stand at an item boundary (start of text, after whitespace or
after 。;:) ) and continue a numbering sequence: the next number of a style already open, or
1 of a new, deeper style. That is what tells 2017年, 5.5% or a stray (2) in a sentence from
an enumerator.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from graphmodel.extract.text import covers

__all__ = ["Item", "parse_outline", "insert_items", "chinese_numeral", "enumerators_in", "enumerator_starts"]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_ENUM = re.compile(
    r"(?=[第一二三四五六七八九十(\d" + _CIRCLED + r"])(?:"  # every branch's first character: skips the rest fast
    r"第(?P<chap>[一二三四五六七八九十]{1,3})章"  # 第一章 … 第一条: chapters and articles of measures
    r"|第(?P<art>[一二三四五六七八九十]{1,3})条"
    r"|(?P<cn>[一二三四五六七八九十]{1,3})、"
    r"|\((?P<pcn>[一二三四五六七八九十]{1,3})\)"
    r"|(?P<ar>\d{1,2})(?:\.(?![\d%])|\.(?=(?:19|20)\d\d年)|、)"  # 1.2022年… is item 1; 1.5万 is a number
    r"|\((?P<par>\d{1,2})\)"
    r"|(?P<circ>[" + _CIRCLED + r"])"
    r"|(?<!\()(?P<rpar>\d{1,2})\)"
    r")"
)
# Any enumerator shape, numbers included (11.121人才梯队项目): only where an item must start.
_LOOSE = re.compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3})、|\((?P<pcn>[一二三四五六七八九十]{1,3})\)"
    r"|(?P<ar>\d{1,2})[.、]|\((?P<par>\d{1,2})\)|(?P<circ>[" + _CIRCLED + r"])"
)
_BOUNDARY = set(" \n。;:)>!?") | {"”"}
# An enumerator after a boundary character, the character included: a pattern that opens with a
# character class is searched by the regex engine's fast skip to that class's characters, where one
# that opens with a lookahead (`_ENUM`) is tried at every character of the text (2.6M instructions
# a generated plan's outline scan took, 1.1M so).
_ENUM_AFTER = re.compile("[" + re.escape("".join(sorted(_BOUNDARY))) + "]" + _ENUM.pattern)


def chinese_numeral(s: str) -> int:
    """Value of a Chinese numeral up to 九十九.

    Parameters
    ----------
    s : str
        The numeral, as an enumerator writes it (一, 十二, 二十四; 两 is 2).

    Returns
    -------
    int
        Its value; -1 when ``s`` is not such a numeral.

    Examples
    --------
    >>> chinese_numeral("一"), chinese_numeral("十二"), chinese_numeral("二十四"), chinese_numeral("百")
    (1, 12, 24, -1)
    """
    if "十" not in s:
        return _CN_DIGITS.get(s, -1) if len(s) == 1 else -1
    tens, _, ones = s.partition("十")
    t = _CN_DIGITS.get(tens, -1) if tens else 1
    o = _CN_DIGITS.get(ones, -1) if ones else 0
    return t * 10 + o if t > 0 and o >= 0 else -1


@dataclass
class Item:
    """One numbered item: its enumerator, nesting and extent in the text."""

    style: str
    value: int
    start: int  # of the enumerator
    body: int  # first character after the enumerator
    end: int = 0  # start of the next item (or end of text)
    depth: int = 0
    parent: int | None = None  # index into the item list
    children: list[int] = field(default_factory=list)
    note: str | None = None  # why the item was accepted out of the ordinary (a skipped number)


def _value(style: str, raw: str) -> int:
    if style in ("cn", "pcn", "chap", "art"):
        return chinese_numeral(raw)
    return _CIRCLED.index(raw) + 1 if style == "circ" else int(raw)


def _line_start(norm: str, at: int) -> bool:
    """Whether only spaces stand between the start of the line and ``at``."""
    line = norm.rfind("\n", 0, at) + 1
    return at > 0 and line > 0 and not norm[line:at].strip()


def enumerators_in(norm: str, start: int, end: int) -> list[tuple[str, int, int, int]]:
    """Enumerator shapes at a line's start or after a sentence's end, sequence or not.

    Numbers followed by digits are included: this is where an item that gathered two
    annotations splits.

    Parameters
    ----------
    norm : str
        Normalised text.
    start, end : int
        The stretch of ``norm`` to look in.

    Returns
    -------
    list of tuple
        ``(style, value, start, body)``: the style (``cn`` 一、, ``pcn`` (一), ``ar`` 1. or 1、,
        ``par`` (1), ``circ`` ①), its value, and the offsets of the enumerator and of what
        follows it.

    Examples
    --------
    >>> enumerators_in("一、甲。2.乙\\n3.丙", 0, 12)
    [('cn', 1, 0, 2), ('ar', 2, 4, 6), ('ar', 3, 8, 10)]
    """
    out = []
    for m in _LOOSE.finditer(norm, start, end):
        at = m.start()
        if at > 0 and not (_line_start(norm, at) or norm[at - 1] in "。;!?"):
            continue
        style = m.lastgroup or ""
        value = _value(style, m.group(style))
        if value > 0:
            out.append((style, value, at, m.end()))
    return out


def enumerator_starts(norm: str) -> list[int]:
    """Where an enumerator may stand (at a boundary), sequence or not.

    This is what ends a keyword line written on one long line with its task
    (责任单位:县财政局 2.落实…).

    Parameters
    ----------
    norm : str
        Normalised text.

    Returns
    -------
    list of int
        The offsets of the enumerators, in order.

    Examples
    --------
    >>> enumerator_starts("责任单位:县财政局 2.落实")
    [10]
    """
    return [start for _style, _value, start, _body in _candidates(norm)]


@lru_cache(maxsize=4)  # enumerator_starts and parse_outline read the same text
def _candidates(norm: str) -> tuple[tuple[str, int, int, int], ...]:
    """The matches of `_ENUM` at the text's start or after a boundary character, in order: those
    of ``_ENUM.finditer(norm)`` that so stand (`_scan_candidates`, the way round), found by
    `_ENUM_AFTER`. No boundary character stands inside a match but at its end (``)``), so a match
    at a boundary is never inside another match: searching again from each match's last
    character finds each of them."""
    out = []
    m = _ENUM.match(norm)
    pos = 0
    start = 0
    while True:
        if m is not None:
            style = m.lastgroup or ""
            raw = m.group(style)
            value = _value(style, raw)
            if value > 0 and not (style == "rpar" and start + len(raw) + 1 < len(norm)
                                  and norm[start + len(raw) + 1] == "%"):
                out.append((style, value, start, m.end()))
            pos = m.end() - 1  # (its last character may be the next one's boundary)
        m = _ENUM_AFTER.search(norm, pos)
        if m is None:
            return tuple(out)
        start = m.start() + 1


def _scan_candidates(norm: str) -> tuple[tuple[str, int, int, int], ...]:
    """`_candidates` by a scan of every match of `_ENUM` (the way round its search after the
    boundaries; `tests/extract/test_shortcuts.py`)."""
    out = []
    for m in _ENUM.finditer(norm):
        start = m.start()
        if start > 0 and norm[start - 1] not in _BOUNDARY:
            continue
        style = m.lastgroup or ""
        raw = m.group(style)
        value = _value(style, raw)
        if style == "rpar" and (start + len(raw) + 1 < len(norm) and norm[start + len(raw) + 1] == "%"):
            continue
        if value <= 0:
            continue
        out.append((style, value, start, m.end()))
    return tuple(out)


def parse_outline(norm: str, exclude: list[tuple[int, int]] | None = None,
                  skip: list[tuple[int, int]] | None = None) -> list[Item]:
    """The accepted items of a text, in document order, with parents.

    Parameters
    ----------
    norm : str
        Normalised text.
    exclude : list of (int, int), optional
        Ranges (tables) whose enumerators are not items; an item ends where one begins.
    skip : list of (int, int), optional
        Ranges (annotations) whose enumerators are not items.

    Returns
    -------
    list of Item
        Each with its style, value, extent (``start`` of its enumerator, ``body``, ``end`` at
        the next item), ``depth``, ``parent`` and ``children`` (indices into the list).

    Examples
    --------
    A year (2017年) is no item, and (一) opens a deeper level under 一、:

    >>> text = "一、总体要求\\n(一)加强领导。\\n1.建立机制。2017年完成。\\n二、重点任务\\n"
    >>> [(it.style, it.value, it.depth, it.parent) for it in parse_outline(text)]
    [('cn', 1, 0, None), ('pcn', 1, 1, 0), ('ar', 1, 2, 1), ('cn', 2, 0, None)]
    >>> [(it.style, it.value, it.depth) for it in parse_outline(text, skip=[(7, 16)])]
    [('cn', 1, 0), ('ar', 1, 1), ('cn', 2, 0)]
    """
    excluded = covers(exclude or [])
    skipped = sorted(skip or [])
    items: list[Item] = []
    stack: list[int] = []  # indices into items, outermost first
    last_value: dict[str, int] = {}
    excerpt = False
    for style, value, start, body in _candidates(norm):
        if excluded(start) or _within(skipped, start):
            continue
        open_styles = [items[i].style for i in stack]
        note = None
        if style in open_styles:
            level = open_styles.index(style)
            expected = items[stack[level]].value + 1
            if value != expected:
                # A number missed (11.121人才… is item 11) must not swallow the items after it: at
                # the start of a line, the number after the expected one continues the sequence.
                if not (value == expected + 1 and _line_start(norm, start)):
                    continue
                note = f"the numbering skips from {expected - 1} to {value}"
            del stack[level:]
        elif value == 1 or value == last_value.get(style, -1) + 1 and value > 1:
            # A new deeper style, or numbering that runs on across headings (4. after (二)).
            pass
        elif value == last_value.get(style, -9) + 2 and _line_start(norm, start):
            note = f"the numbering skips from {value - 2} to {value}"  # one number missed, at a line's start
        elif (not items and style in ("cn", "pcn")) or excerpt:
            # An excerpt (a page of a plan) may start at 二、 and go on with (四).
            excerpt = True
        else:
            continue
        item = Item(style=style, value=value, start=start, body=body, depth=len(stack), note=note)
        if stack:
            item.parent = stack[-1]
            items[stack[-1]].children.append(len(items))
        stack.append(len(items))
        items.append(item)
        last_value[style] = value
    cuts = sorted(a for a, _ in exclude or [])  # an item ends at the first excluded line after its start
    for i, item in enumerate(items):
        item.end = items[i + 1].start if i + 1 < len(items) else len(norm)
        k = bisect.bisect_right(cuts, item.start)
        if k < len(cuts):
            item.end = min(item.end, cuts[k])
    return items


def _within(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether ``at`` lies in one of the sorted, disjoint ``spans``."""
    k = bisect.bisect_right(spans, (at, _FAR)) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


_FAR = 1 << 62


def insert_items(items: list[Item], extra: list[tuple[Item, int | None]]) -> list[Item]:
    """Items with more items added among them, each under a given parent.

    Parameters
    ----------
    items : list of Item
        Items as `parse_outline` gives them; their ``parent`` and ``children`` are changed to
        index the result.
    extra : list of (Item, int or None)
        Each new item with the index in ``items`` of its parent (None: top level).

    Returns
    -------
    list of Item
        All the items sorted by start, with parents and children re-linked.

    Examples
    --------
    >>> items = parse_outline("一、甲\\n二、乙\\n")
    >>> merged = insert_items(items, [(Item("row", 1, start=3, body=4, end=6), 0)])
    >>> [(it.style, it.value, it.parent, it.children) for it in merged]
    [('cn', 1, None, [1]), ('row', 1, 0, []), ('cn', 2, None, [])]
    """
    parents: dict[int, Item | None] = {id(it): (items[it.parent] if it.parent is not None else None) for it in items}
    for item, under in extra:
        parents[id(item)] = items[under] if under is not None else None
    merged = sorted([*items, *(item for item, _ in extra)], key=lambda it: it.start)
    index = {id(it): k for k, it in enumerate(merged)}
    for it in merged:
        it.children = []
    for it in merged:
        parent = parents[id(it)]
        it.parent = index[id(parent)] if parent is not None else None
        if parent is not None:
            parent.children.append(index[id(it)])
    return merged

"""The plan's outline: numbered items (一、 / (一) / 1. / (1) / ①) and their nesting.

A candidate enumerator must stand at an item boundary (start of text, after whitespace or
after 。;:) ) and continue a numbering sequence: the next number of a style already open, or
1 of a new, deeper style. That is what tells 2017年, 5.5% or a stray (2) in a sentence from
an enumerator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Item", "parse_outline", "insert_items", "chinese_numeral"]

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_ENUM = re.compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3})、"
    r"|\((?P<pcn>[一二三四五六七八九十]{1,3})\)"
    r"|(?P<ar>\d{1,2})(?:\.(?![\d%])|\.(?=(?:19|20)\d\d年)|、)"  # 1.2022年… is item 1; 1.5万 is a number
    r"|\((?P<par>\d{1,2})\)"
    r"|(?P<circ>[" + _CIRCLED + r"])"
    r"|(?<!\()(?P<rpar>\d{1,2})\)"
)
_BOUNDARY = set(" \n。;:)>!?") | {"”"}


def chinese_numeral(s: str) -> int:
    """Value of a Chinese numeral up to 九十九 (一 → 1, 十二 → 12, 二十四 → 24)."""
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


def _candidates(norm: str) -> list[tuple[str, int, int, int]]:
    out = []
    for m in _ENUM.finditer(norm):
        start = m.start()
        if start > 0 and norm[start - 1] not in _BOUNDARY:
            continue
        style = m.lastgroup or ""
        raw = m.group(style)
        value = chinese_numeral(raw) if style in ("cn", "pcn") else (
            _CIRCLED.index(raw) + 1 if style == "circ" else int(raw))
        if style == "rpar" and (start + len(raw) + 1 < len(norm) and norm[start + len(raw) + 1] == "%"):
            continue
        if value <= 0:
            continue
        out.append((style, value, start, m.end()))
    return out


def parse_outline(norm: str, exclude: list[tuple[int, int]] | None = None) -> list[Item]:
    """The accepted items of ``norm`` (normalised text), in document order, with parents.

    Enumerators inside the ``exclude`` ranges (tables) are not items, and an item ends where an
    excluded range begins.
    """
    exclude = exclude or []
    items: list[Item] = []
    stack: list[int] = []  # indices into items, outermost first
    last_value: dict[str, int] = {}
    excerpt = False
    for style, value, start, body in _candidates(norm):
        if any(a <= start < b for a, b in exclude):
            continue
        open_styles = [items[i].style for i in stack]
        if style in open_styles:
            level = open_styles.index(style)
            if value != items[stack[level]].value + 1:
                continue
            del stack[level:]
        elif value == 1 or value == last_value.get(style, -1) + 1 and value > 1:
            # A new deeper style, or numbering that runs on across headings (4. after (二)).
            pass
        elif (not items and style in ("cn", "pcn")) or excerpt:
            # An excerpt (a page of a plan) may start at 二、 and go on with (四).
            excerpt = True
        else:
            continue
        item = Item(style=style, value=value, start=start, body=body, depth=len(stack))
        if stack:
            item.parent = stack[-1]
            items[stack[-1]].children.append(len(items))
        stack.append(len(items))
        items.append(item)
        last_value[style] = value
    for i, item in enumerate(items):
        item.end = items[i + 1].start if i + 1 < len(items) else len(norm)
        item.end = min([item.end] + [a for a, _ in exclude if item.start < a])
    return items


def insert_items(items: list[Item], extra: list[tuple[Item, int | None]]) -> list[Item]:
    """``items`` with ``extra`` items added, each under the item at the given index; re-linked."""
    parents: dict[int, Item | None] = {id(it): (items[it.parent] if it.parent is not None else None) for it in items}
    for item, parent in extra:
        parents[id(item)] = items[parent] if parent is not None else None
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

"""Word's automatic list numbers, rendered as the reader sees them.

A .docx paragraph in an automatic list stores no number in its text: Word draws "一、" or
"（二）" from the numbering definitions. Plans use these numbers as their outline, so we render
them: per abstract list, a counter per level, deeper levels restarting when a shallower one
advances, the level's ``lvlText`` (e.g. ``（%1）``) filled with numbers in the level's format.
Bullets and unknown formats give no label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Numbering", "format_number"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _DIGITS, units: str = "十百千") -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    parts: list[str] = []
    thousands, hundreds, tens, ones = n // 1000, n // 100 % 10, n // 10 % 10, n % 10
    zero = False
    for value, unit in ((thousands, units[2]), (hundreds, units[1]), (tens, units[0])):
        if value:
            if zero:
                parts.append(digits[0])
                zero = False
            parts.append(digits[value] + unit)
        elif parts:
            zero = True
    if ones:
        if zero:
            parts.append(digits[0])
        parts.append(digits[ones])
    text = "".join(parts)
    # 十一, not 一十一, when the number starts with the tens (ordinary digits only).
    return text[1:] if digits is _DIGITS and 10 <= n < 20 else text


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz, ...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):  # fmt: skip
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str | None:
    """Write ``n`` in Word's number format ``fmt``; None for bullets, ``none`` and unknown formats."""
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital"):  # fmt: skip
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, _LEGAL, "拾佰仟")
    if fmt in ("ideographTraditional",):
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth"):
        digits = str(n)
        return digits if fmt == "decimalHalfWidth" else "".join(chr(ord(d) + 0xFEE0) for d in digits)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    return None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"
    legal: bool = False
    style: str | None = None


def _val(el: Any, name: str) -> str | None:
    child = el.find(f"{_W}{name}") if el is not None else None
    return child.get(f"{_W}val") if child is not None else None


_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _related_element(part: Any, name: str) -> Any:
    """The XML root of the document part's ``styles`` or ``numbering`` part; None when it has none.

    python-docx parses a part only when ``[Content_Types].xml`` names its type; when the entry
    is missing it loads a plain `Part`, so the bytes are parsed here (with python-docx's own
    parser: no entities resolved, no network).
    """
    from docx.oxml.parser import parse_xml

    try:
        related = part.part_related_by(_RELATIONSHIP + name)
    except KeyError:
        return None
    element = getattr(related, "element", None)
    return element if element is not None else parse_xml(related.blob)


@dataclass
class Numbering:
    """The numbering definitions of one document, and the counters as its paragraphs go by."""

    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → abstract, starts
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    style_links: dict[str, str] = field(default_factory=dict)  # abstractNum → numStyleLink style
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # style → numId, ilvl
    style_parent: dict[str, str] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        """Read the numbering and style definitions of a python-docx ``Document``."""
        self = cls()
        part = document.part
        styles = _related_element(part, "styles")
        for style in styles.findall(f"{_W}style") if styles is not None else []:
            sid = style.get(f"{_W}styleId")
            parent = _val(style, "basedOn")
            if parent:
                self.style_parent[sid] = parent
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                ilvl = _val(num_pr, "ilvl")
                self.style_num[sid] = (_val(num_pr, "numId"), int(ilvl) if ilvl else None)
        root = _related_element(part, "numbering")
        if root is None:
            return self
        for an in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.findall(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = _Level(
                    start=int(_val(lvl, "start") or 0),
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    suffix=_val(lvl, "suff") or "tab",
                    legal=lvl.find(f"{_W}isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false"),
                    style=_val(lvl, "pStyle"),
                )
            aid = an.get(f"{_W}abstractNumId")
            self.abstract[aid] = levels
            link = _val(an, "numStyleLink")
            if link:
                self.style_links[aid] = link
        for num in root.findall(f"{_W}num"):
            starts = {}
            for override in num.findall(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    starts[int(override.get(f"{_W}ilvl", "0"))] = int(start)
            self.nums[num.get(f"{_W}numId")] = (_val(num, "abstractNumId") or "", starts)
        return self

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.style_num:
                return self.style_num[style]
            style = self.style_parent.get(style)
        return None, None

    def _abstract_of(self, num_id: str) -> str | None:
        aid = self.nums.get(num_id, ("", {}))[0]
        link = self.style_links.get(aid)
        if link and not self.abstract.get(aid):  # a list style: follow it to the real definition
            linked_num, _ = self._style_numbering(link)
            aid = self.nums.get(linked_num or "", ("", {}))[0]
        return aid if aid in self.abstract else None

    def label(self, p: Any) -> str:
        """The number Word draws in front of paragraph element ``p`` ('' if none); advances counters."""
        p_pr = p.find(f"{_W}pPr")
        style = _val(p_pr, "pStyle")
        num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
        num_id, ilvl = (_val(num_pr, "numId"), _val(num_pr, "ilvl")) if num_pr is not None else (None, None)
        level = int(ilvl) if ilvl is not None else None
        if num_id is None:
            num_id, level = self._style_numbering(style)
        if not num_id or num_id == "0":
            return ""
        aid = self._abstract_of(num_id)
        if aid is None:
            return ""
        levels = self.abstract[aid]
        if level is None:  # a style's list: the level that names the style, else the first
            level = next((i for i, lv in levels.items() if style and lv.style == style), 0)
        if level not in levels:
            return ""
        counters = self.counters.setdefault(aid, {})
        starts = self.nums[num_id][1]
        if num_id not in self.started:
            self.started.add(num_id)
            for i, start in starts.items():  # an override restarts the shared list
                counters[i] = start - 1
        counters[level] = counters.get(level, levels[level].start - 1) + 1
        for deeper in [i for i in counters if i > level]:
            del counters[deeper]
        text = levels[level].text
        for i in range(9):
            if f"%{i + 1}" not in text:
                continue
            lv = levels.get(i, _Level())
            value = counters.get(i, lv.start)
            number = format_number(value, "decimal" if levels[level].legal else lv.fmt)
            if number is None:
                return ""
            text = text.replace(f"%{i + 1}", number)
        if levels[level].fmt in ("bullet", "none") or not text:
            return ""
        return text + (" " if levels[level].suffix == "space" else "")

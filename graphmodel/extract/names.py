"""Unit mentions inside an annotation: splitting a list, cleaning a name, spotting groups.

A list splits on 、 and , but never inside brackets (各区(市、县), 中英(大连)…) and never
inside a group placeholder (各区、县级市). Notes such as (按职责分工负责,下同) are not part
of a name; nor is a trailing 等 / 等有关部门.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from graphmodel.extract.text import CJK, bracket_depths

__all__ = ["Piece", "split_top", "split_list", "clean_piece", "is_collective", "NOTE_RE", "looks_like_unit"]

# Bracketed text that is a note about the list, not a name.
NOTE_RE = re.compile(
    r"下同|按职责|职责分工|分工负责|^含|牵头|排名|排序|排在|列第|第一位|为主|除外|以下简称|简称|负责"
    r"|^(?:配合|协助|参与|协办)(?:单位)?$"
)
_ETC_RE = re.compile(
    r"等(?:\d+|[一二三四五六七八九十两]+)?个?(?:有关|相关|其他)?(?:部门|单位|单位和部门|部门和单位|机构|处室|科室)?$"
)
_ADMIN_START = re.compile(r"^(?:县级市|县\(市\)|县\(市、区\)|市\(县\)|区\(县\)|县|市|区|镇|乡|街道|开发区|园区)")
_COLLECTIVE_RE = re.compile(
    rf"^(?:[{CJK}]{{0,6}}?[省市区县])?(?:各|其他|其它|相关|有关)"
    r"|(?:成员单位|相关部门|有关部门|相关单位|有关单位|各部门|各单位|各区|各县|所属单位)$"
    r"|各[\u4e00-\u9fff]{0,4}(?:处室|科室|部门|单位|委办局|机构)$"
    r"|^(?:区级|市级|县级|省级)(?:相关|有关|各)"
    # A park word with no name before it is every such park: 开发区管委会.
    r"|^(?:开发区|园区|高新区|功能区|自贸区|保税区|开发园区|开放先导区|先导区)(?:管委会|管理委员会|管理机构)?$"
)
# What a unit's name ends with: an agency, office, company, school, association...
_UNIT_END = re.compile(
    r"(?:局|委|办|厅|部|院|会|中心|公司|集团|政府|管委会|所|行|社|联|署|站|队|校|大学|学院|室|处|科|馆|台"
    r"|团|组|委员会|办公室|海关|集团公司|银行|支行|分行|协会|联盟|基地|总队|支队|大队|园区|机关|专班|机构|指挥部)$"
)


@dataclass
class Piece:
    """A stretch of an annotation: its text and where it starts in the document."""

    text: str
    start: int
    stop: int | None = None  # set when ``text`` lost characters (line breaks) the document has

    @property
    def end(self) -> int:
        return self.stop if self.stop is not None else self.start + len(self.text)


def _strip(piece: Piece, chars: str = " \n,;、。.:") -> Piece:
    text = piece.text
    lead = len(text) - len(text.lstrip(chars))
    text = text.strip(chars)
    return Piece(text, piece.start + lead)


def split_top(piece: Piece, seps: str) -> list[Piece]:
    """Split ``piece`` on any of ``seps`` outside brackets."""
    out: list[Piece] = []
    depths = bracket_depths(piece.text)
    last = 0
    for i, ch in enumerate(piece.text):
        if ch in seps and depths[i] == 0:
            out.append(Piece(piece.text[last:i], piece.start + last))
            last = i + 1
    out.append(Piece(piece.text[last:], piece.start + last))
    return out


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[str]:
    text = resources.files("graphmodel").joinpath("data/placeholders.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def is_collective(name: str) -> bool:
    """True for a placeholder that stands for a group of units (各有关单位, 开放先导区, …)."""
    if name in _placeholders():
        return True
    return bool(_COLLECTIVE_RE.search(name))


def looks_like_unit(name: str) -> bool:
    """True when a name reads like one unit or a group placeholder."""
    return bool(_UNIT_END.search(name)) or is_collective(name)


def split_list(piece: Piece) -> list[Piece]:
    """Split a list of units on 、 and , outside brackets, keeping group placeholders whole."""
    parts = [p for p in (_strip(x) for x in split_top(piece, "、,")) if p.text]
    parts = [r for p in parts for q in _split_spaces(p) for r in _split_and(q)]
    merged: list[Piece] = []
    for p in parts:
        if merged and _continues_group(merged[-1].text, p.text):
            prev = merged[-1]
            merged[-1] = Piece(piece.text[prev.start - piece.start : p.end - piece.start], prev.start)
            continue
        merged.append(p)
    return merged


def _split_and(piece: Piece) -> list[Piece]:
    """市发展改革委和市财政局: two whole units joined by 和/及/与 (市工业和信息化局 stays whole)."""
    if is_collective(piece.text) or not re.search("[和及与]", piece.text):
        return [piece]
    subs = [p for p in (_strip(x) for x in split_top(piece, "和及与")) if p.text]
    if len(subs) > 1 and all(_UNIT_END.search(p.text) and not is_collective(p.text) for p in subs):
        return subs
    return [piece]


def _split_spaces(piece: Piece) -> list[Piece]:
    """市发改委　市财政局: units set apart by spaces (a line break inside a name is not a split)."""
    if not re.search(r"\S +\S", piece.text):
        return [piece]
    subs = [p for p in (_strip(x, " ") for x in split_top(piece, " ")) if p.text]
    if len(subs) > 1 and all(looks_like_unit(re.sub(r"\s+", "", p.text)) for p in subs):
        return subs
    return [piece]


def _continues_group(prev: str, nxt: str) -> bool:
    """各区、县级市 / 各区、县(市)政府及开发区管委会: the second piece extends a group's list of levels."""
    if not re.search(r"^(?:[\u4e00-\u9fff]{0,6}?[省市区县])?各", prev):
        return False
    if not re.search(r"(?:区|县|市|镇|乡|街道|\))$", prev):
        return False
    return bool(_ADMIN_START.match(nxt))


def clean_piece(piece: Piece) -> tuple[Piece, list[str]]:
    """A mention without its notes, line breaks and trailing 等…; returns the notes found.

    A name broken across lines (text copied from a PDF: 沈河区政府等部\n门) is one name.
    """
    text = piece.text
    notes: list[str] = []
    # Keep each kept character's offset in ``text``, so the mention's span stays exact.
    chars: list[str] = []
    where: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "(<[":
            close = {"(": ")", "<": ">", "[": "]"}[ch]
            j = _matching(text, i, ch, close)
            if j is not None and NOTE_RE.search(text[i + 1 : j]):
                notes.append(re.sub(r"\s+", "", text[i + 1 : j]))
                i = j + 1
                continue
        if not ch.isspace():
            chars.append(ch)
            where.append(i)
        i += 1
    cleaned = "".join(chars)
    stripped = cleaned.rstrip(",;、。.:")
    m = _ETC_RE.search(stripped)
    if m and m.start() > 0:
        stripped = stripped[: m.start()]
    lead = len(stripped) - len(stripped.lstrip(",;、。.:"))
    stripped = stripped[lead:]
    if not stripped:
        return Piece("", piece.start + (where[0] if where else 0)), notes
    first, last = where[lead], where[lead + len(stripped) - 1]
    stop = piece.start + last + 1
    return Piece(stripped, piece.start + first, stop if stop - (piece.start + first) != len(stripped) else None), notes


def _matching(text: str, i: int, open_ch: str, close_ch: str) -> int | None:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_ch:
            depth += 1
        elif text[j] == close_ch:
            depth -= 1
            if depth == 0:
                return j
    return None

"""Responsibility annotations in all the genre's forms.

- ``(责任单位:A、B;C、D)``: keyword form; ``;`` may split the sides of a counterpart plan;
- ``(牵头单位:X,配合单位:Y、Z)`` and ``(牵头单位:X;责任单位:Y)``: several keywords in a bracket;
- lines ``牵头单位:X`` / ``配合单位:Y`` / ``牵头领导:王 健`` under a task (a 领导 is a person);
- ``(X牵头,Y、Z配合)``: clause form, roles from the verbs;
- a bare trailing bracketed list of units.

This module finds annotations in one outline item and splits them into parts: the mentions of
one role that share a side. Sides are assigned later, once the document's sides are known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.errors import UnbalancedBracketError
from graphmodel.extract.names import (
    NOTE_RE,
    Piece,
    clean_piece,
    is_collective,
    looks_like_unit,
    split_list,
    split_top,
)
from graphmodel.extract.text import bracket_depths
from graphmodel.model import Role

__all__ = ["Part", "Annotation", "find_annotations", "unit_list", "KEYWORDS", "STOP_KEYWORDS"]

KEYWORDS: dict[str, Role | None] = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "主责单位": "lead", "牵头责任单位": "lead",
    "牵头处室": "lead", "牵头科室": "lead", "责任处室": "responsible", "责任科室": "responsible",
    "配合处室": "support", "配合科室": "support",
    "责任单位": "responsible", "责任部门": "responsible", "负责单位": "responsible", "实施单位": "responsible",
    "承办单位": "responsible", "主要责任单位": "responsible", "责任主体": "responsible", "落实单位": "responsible",
    # Only 配合 makes a unit support: the genre's rule is lead for 牵头, support for 配合,
    # responsible otherwise (协办, 参与, 协助 included).
    "配合单位": "support", "配合部门": "support", "协办单位": "responsible", "参与单位": "responsible",
    "协同单位": "responsible", "协助单位": "responsible", "协作单位": "responsible",
    # People, not units.
    "牵头领导": None, "责任领导": None, "分管领导": None, "联系领导": None, "责任人": None, "牵头市领导": None,
}
# Fields that end a list of units without naming any (完成时限:2021年底).
STOP_KEYWORDS = ("完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "时间要求", "进度安排", "工作目标")
# A keyword may be broken across lines in text copied from a PDF (牵头\n单位:).
_NAMES = "|".join("\n?".join(map(re.escape, k)) for k in sorted([*KEYWORDS, *STOP_KEYWORDS], key=len, reverse=True))
# 责任单位: or 【责任单位】 (normalised to [责任单位]).
# A side's label opens a list of that side's units: 沪方: / 上海方面: / 黑龙江方面:.
_LABEL = r"(?P<label>(?![双各对多地官])[\u4e00-\u9fff]{1,5}?)(?:方面|方)\s*:"
_KEYWORD_RE = re.compile(rf"\[({_NAMES})\]\s*:?|({_NAMES})\s*:|{_LABEL}")
# 上海方面: / 沪方: / 大连: in front of one side's units.
_SIDE_LABEL = re.compile(r"^\s*([\u4e00-\u9fff]{1,5}?)(?:方面|方)?\s*:")
_VERB_ROLE: list[tuple[str, Role]] = [
    ("牵头负责", "lead"), ("牵头", "lead"), ("按职责分工负责", "responsible"), ("按职责负责", "responsible"),
    ("分工负责", "responsible"), ("共同负责", "responsible"), ("具体负责", "responsible"),
    ("负责", "responsible"), ("配合", "support"), ("参与", "responsible"), ("协助", "responsible"),
    ("协同", "responsible"), ("协办", "responsible"),
]
_CLAUSE_RE = re.compile(
    r"^(?:由|请)?(?P<units>.+?)(?P<verb>" + "|".join(v for v, _ in _VERB_ROLE) + r")$"
)
_LIST_NOTE = re.compile(r"下同|排名|排序|排在|列第|第一位|为牵头|按职责|分工负责|以下简称")
_ITEM_START = re.compile(r"[一二三四五六七八九十]+、|\(|\d+[.、]|[①-⑳]")
_TRAILER = re.compile(r"^[\s。;,.、]*$")


@dataclass
class Part:
    """Mentions of one role that share a side."""

    role: Role
    mentions: list[tuple[Piece, list[str]]]  # cleaned mention and the notes removed from it
    position: int | None = None  # index among ;-separated parts of one keyword segment
    siblings: int = 1  # how many ;-separated parts that segment had
    side_label: str | None = None  # 上海方面: / 沪方: written in front of the units


@dataclass
class Annotation:
    start: int
    end: int
    form: str  # keyword | clause | bare | line
    parts: list[Part] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _role(verb: str) -> Role:
    for v, role in _VERB_ROLE:
        if verb == v:
            return role
    return "responsible"


def _mentions(piece: Piece) -> tuple[list[tuple[Piece, list[str]]], list[str]]:
    out = []
    notes: list[str] = []
    for p in split_list(piece):
        cleaned, found = clean_piece(p)
        notes += found
        if cleaned.text and _LIST_NOTE.search(cleaned.text) and not looks_like_unit(cleaned.text):
            notes.append(cleaned.text)  # …、省自然资源厅,排名第一的为牵头单位,下同: a note, not a unit
        elif cleaned.text:
            out.append((cleaned, found))
    return out, notes


def _clauses(piece: Piece) -> list[tuple[Piece, Role, int, int]] | None:
    """``X牵头,Y、Z配合;P牵头,Q配合`` → [(X, lead, 0, 2), (Y、Z, support, 0, 2), (P, lead, 1, 2), ...]:
    each clause's units, role, and which of the ;-separated groups (sides) it is in.
    None when the text is not in that form."""
    groups = [g for g in split_top(piece, ";") if g.text.strip(" \n。")]
    out = []
    for index, group in enumerate(groups):
        for c in split_top(group, ","):
            text = c.text.strip(" \n。")
            if not text:
                continue
            lead = c.text.index(text[0])
            m = _CLAUSE_RE.match(text)
            if not m:
                return None
            units = Piece(m.group("units"), c.start + lead + m.start("units"))
            out.append((units, _role(m.group("verb")), index, len(groups)))
    if not out:
        return None
    names = [clean_piece(p)[0].text for units, *_ in out for p in split_list(units)]
    if not names or not all(n and looks_like_unit(n) for n in names):
        return None
    return out


def _clause_parts(clauses: list[tuple[Piece, Role, int, int]]) -> tuple[list[Part], list[str]]:
    parts, notes = [], []
    for units, role, index, count in clauses:
        ms, ns = _mentions(units)
        parts.append(Part(role, ms, position=index if count > 1 else None, siblings=count))
        notes += ns
    return parts, notes


def _segment_parts(piece: Piece, role: Role) -> tuple[list[Part], list[str]]:
    """Parts of one keyword segment (its content after ``keyword:``)."""
    clauses = _clauses(piece)
    if clauses:
        return _clause_parts(clauses)
    pieces = [p for p in split_top(piece, ";") if p.text.strip(" \n,。")]
    parts = []
    notes = []
    for i, p in enumerate(pieces):
        label = None
        m = _SIDE_LABEL.match(p.text)
        if m:
            label = m.group(1)
            p = Piece(p.text[m.end():], p.start + m.end())
        ms, ns = _mentions(p)
        notes += ns
        if ms:
            parts.append(Part(role, ms, position=i, siblings=len(pieces), side_label=label))
    return parts, notes


def unit_list(piece: Piece, role: Role) -> tuple[list[Part], list[str]]:
    """The parts of a list of units with one role (a table cell, say): sides split by ;."""
    return _segment_parts(piece, role)


def _keyword_segments(piece: Piece) -> list[tuple[str | None, str | None, Piece]]:
    """Split text at each ``keyword:`` (or a side's label) outside brackets."""
    depths = bracket_depths(piece.text)
    hits = [m for m in _KEYWORD_RE.finditer(piece.text) if depths[m.start()] == 0]
    out = []
    for k, m in enumerate(hits):
        end = hits[k + 1].start() if k + 1 < len(hits) else len(piece.text)
        content = Piece(piece.text[m.end():end], piece.start + m.end())
        keyword = m.group(1) or m.group(2)
        out.append((keyword.replace("\n", "") if keyword else None, m.group("label"), content))
    return out


def _parse_keyword_text(piece: Piece, ann: Annotation) -> None:
    role: Role = "responsible"  # a side's label alone lists responsible units
    for keyword, label, content in _keyword_segments(piece):
        if keyword in STOP_KEYWORDS:
            continue
        # A list of units ends at the end of a sentence.
        stop = content.text.find("。")
        if stop >= 0:
            content = Piece(content.text[:stop], content.start)
        if keyword is not None:
            kind = KEYWORDS[keyword]
            if kind is None:
                person = re.sub(r"\s+", "", content.text.strip(" \n,;。"))
                if person:
                    ann.persons += [p for p in re.split("[、,]", person) if p]
                continue
            role = kind
        parts, notes = _segment_parts(content, role)
        if label is not None:
            # 牵头单位:上海方面:X;大连方面:Y and 沪方:X;滇方:Y: the label names the side.
            for part in parts:
                part.side_label = part.side_label or label
                part.position, part.siblings = None, 1
        ann.parts += parts
        ann.notes += notes


def _match_close(norm: str, i: int, end: int) -> int | None:
    """Where the bracket opened at ``i`` (``(`` or ``[``) closes, if it does before ``end``."""
    open_ch = norm[i]
    close_ch = ")" if open_ch == "(" else "]"
    depth = 0
    for j in range(i, end):
        ch = norm[j]
        if ch == open_ch:
            depth += 1
        elif ch == close_ch:
            depth -= 1
            if depth == 0:
                return j
    return None


def _bare_list(piece: Piece) -> list[tuple[Piece, list[str]]] | None:
    text = piece.text
    if "。" in text or len(text) > 400 or not text.strip():
        return None
    if NOTE_RE.search(text) and not re.search("[、,]", text):
        return None
    ms, _ = _mentions(piece)
    if not ms or any(len(p.text) > 40 for p, _ in ms):
        return None
    if not all(looks_like_unit(p.text) for p, _ in ms):
        return None
    if all(is_collective(p.text) for p, _ in ms) and len(ms) == 1 and not text.startswith("各"):
        return None
    return ms


def _line_end(norm: str, at: int, end: int) -> int:
    """End of a keyword line; it runs on to the next line while its last name is cut short
    (宜兴市人 / 民政府 in text copied from a PDF) or it ends with a list separator."""
    stop = norm.find("\n", at, end)
    while stop >= 0:
        line = norm[at:stop].rstrip()
        after = norm.find("\n", stop + 1, end)
        nxt = norm[stop + 1 : after if after >= 0 else end].strip()
        last = re.split("[、,]", line)[-1].strip() if line else ""
        cut = line.endswith(("、", ",")) or (last and not looks_like_unit(last))
        if not nxt or not cut or _KEYWORD_RE.match(nxt) or _ITEM_START.match(nxt):
            return stop
        stop = norm.find("\n", stop + 1, end)
    return end


def find_annotations(norm: str, start: int, end: int) -> list[Annotation]:
    """The responsibility annotations in ``norm[start:end]`` (one outline item)."""
    found: list[Annotation] = []
    brackets: list[tuple[int, int]] = []
    i = start
    square: list[tuple[int, int]] = []  # 【责任单位:X】, normalised to [责任单位:X]
    while i < end:
        ch = norm[i]
        if ch in "([":
            j = _match_close(norm, i, end)
            content = norm[i + 1 : end] if j is None else norm[i + 1 : j]
            if j is None:
                if _KEYWORD_RE.match(content.lstrip()):
                    line = norm.count("\n", 0, i) + 1
                    raise UnbalancedBracketError(
                        f"the bracket opened at line {line}, character {i + 1} never closes", i
                    )
                i += 1
                continue
            (brackets if ch == "(" else square).append((i, j))
            i = j + 1
            continue
        i += 1
    # Keyword and clause forms in brackets, anywhere in the item.
    claimed: set[int] = set()
    for a, b in sorted(brackets + [(a, b) for a, b in square if _KEYWORD_RE.match(norm[a + 1 : b].lstrip())]):
        piece = Piece(norm[a + 1 : b], a + 1)
        if _KEYWORD_RE.match(piece.text.lstrip()):
            ann = Annotation(a, b + 1, "keyword")
            _parse_keyword_text(piece, ann)
            found.append(ann)
            claimed.add(a)
        elif (clauses := _clauses(piece)) is not None:
            ann = Annotation(a, b + 1, "clause")
            ann.parts, ann.notes = _clause_parts(clauses)
            found.append(ann)
            claimed.add(a)
    # Keyword lines outside brackets: 牵头单位:X (to the end of the line or the next keyword).
    inside = brackets + [(a, b) for a, b in square if a in claimed]
    for m in _KEYWORD_RE.finditer(norm, start, end):
        pos = m.start()
        if any(a < pos <= b for a, b in inside):
            continue
        if pos > start and norm[pos - 1] not in " \n。;,:)>":
            continue
        stop = _line_end(norm, m.end(), end)
        nxt = _KEYWORD_RE.search(norm, m.end(), stop)
        if nxt is not None and not any(a < nxt.start() <= b for a, b in inside):
            stop = nxt.start()
        ann = Annotation(pos, stop, "line")
        _parse_keyword_text(Piece(norm[pos:stop], pos), ann)
        if ann.parts or ann.persons:
            found.append(ann)
    # A bare bracketed list of units at the very end of the item.
    if brackets and not found:
        a, b = brackets[-1]
        if a not in claimed and _TRAILER.match(norm[b + 1 : end]):
            ms = _bare_list(Piece(norm[a + 1 : b], a + 1))
            if ms:
                pieces = [p for p in split_top(Piece(norm[a + 1 : b], a + 1), ";") if p.text.strip()]
                ann = Annotation(a, b + 1, "bare")
                for k, p in enumerate(pieces):
                    pm, ns = _mentions(p)
                    ann.notes += ns
                    if pm:
                        ann.parts.append(Part("responsible", pm, position=k, siblings=len(pieces)))
                found.append(ann)
    found.sort(key=lambda x: x.start)
    return found

"""Task tables: 分工方案 laid out as a table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限).

The readers give a table as lines of tab-separated cells. A header line names the columns; each
row under it is a task whose role columns list its units. A row's number cell (1, 2, …) is its
number; a merged cell repeats on every row it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from graphmodel.extract.grammar import Grammar, default_grammar
from graphmodel.extract.names import Piece
from graphmodel.model import Role

__all__ = ["TableRow", "Table", "find_tables", "table_lines"]



@lru_cache(maxsize=4)
def _role_header(grammar: Grammar) -> re.Pattern[str]:
    """牵头单位, 配合单位(部门), 责任单位/部门; 上海市责任单位 or 大连方面责任单位 for one side's column."""
    roles = sorted((k for k, r in grammar.keywords.items() if r in ("lead", "responsible", "support")),
                   key=len, reverse=True)
    suffixes = "|".join(map(re.escape, grammar.side_suffixes))
    return re.compile(rf"^(?:(?P<side>[\u4e00-\u9fff]{{1,5}}?)(?:{suffixes})?)??"
                      "(?P<kw>" + "|".join(map(re.escape, roles)) + r")(?:\(.*\)|/.*)?$")
_TASK_HEADER = re.compile(r"任务|工作|内容|事项|措施|举措|目标")
_NUMBER_HEADER = re.compile(r"^(?:序号|编号|序列)$")
_NUMBER_CELL = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、]?$")


@dataclass
class TableRow:
    """One task of a table: its number, its wording and its units by role."""

    start: int
    end: int
    number: str
    text: Piece
    roles: list[tuple[Role, Piece, str | None]] = field(default_factory=list)  # role, cell, side label


@dataclass
class Table:
    start: int  # of the header line
    header_end: int
    rows: list[TableRow] = field(default_factory=list)
    end: int = 0  # after the last row


def _cells(norm: str, raw: str, start: int, end: int) -> list[Piece]:
    # Cells split at the tabs of the text as read (normalisation turns a tab into a space).
    out = []
    at = start
    for cell in raw[start:end].split("\t"):
        text = norm[at : at + len(cell)]
        lead = len(text) - len(text.lstrip())
        out.append(Piece(text.strip(), at + lead))
        at += len(cell) + 1
    return out


def _lines(norm: str) -> list[tuple[int, int]]:
    out = []
    at = 0
    for line in norm.split("\n"):
        out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def find_tables(norm: str, raw: str, grammar: Grammar | None = None) -> list[Table]:
    """The task tables in ``norm`` (normalised text; ``raw`` is the text as read), in order."""
    if "\t" not in raw:
        return []
    g = grammar or default_grammar()
    role_header = _role_header(g)
    lines = _lines(norm)
    tables: list[Table] = []
    k = 0
    while k < len(lines):
        a, b = lines[k]
        cells = _cells(norm, raw, a, b) if "\t" in raw[a:b] else []
        roles = {i: (g.keyword_role(m.group("kw")), m.group("side")) for i, c in enumerate(cells)
                 if (m := role_header.match(c.text))}
        task_col = next((i for i, c in enumerate(cells) if i not in roles and _TASK_HEADER.search(c.text)), None)
        if not roles or task_col is None:
            k += 1
            continue
        number_col = next((i for i, c in enumerate(cells) if _NUMBER_HEADER.match(c.text)), None)
        table = Table(a, b)
        k += 1
        while k < len(lines):
            line = lines[k]
            if "\t" not in raw[line[0] : line[1]]:
                # A section heading (一、数字化改革) or a blank line between rows stays in the table
                # when rows follow; the heading itself is the outline's.
                after = next((x for x in lines[k + 1 :] if norm[x[0] : x[1]].strip()), None)
                if after is None or "\t" not in raw[after[0] : after[1]]:
                    break
                k += 1
                continue
            row = _row(norm, raw, line, roles, task_col, number_col)
            if row is not None:
                table.rows.append(row)
            table.end = line[1]
            k += 1
        if table.rows:
            tables.append(table)
    return tables


def table_lines(tables: list[Table]) -> list[tuple[int, int]]:
    """The header and row lines of ``tables``: text the outline must not read as items."""
    return [(t.start, t.header_end) for t in tables] + [(r.start, r.end) for t in tables for r in t.rows]


def _row(norm: str, raw: str, line: tuple[int, int], roles: dict[int, tuple[Any, str | None]], task_col: int,
         number_col: int | None) -> TableRow | None:
    cells = _cells(norm, raw, *line)
    if task_col >= len(cells) or not cells[task_col].text:
        return None
    number_cell = cells[number_col] if number_col is not None and number_col < len(cells) else cells[0]
    number = number_cell.text if _NUMBER_CELL.match(number_cell.text) else ""
    row = TableRow(line[0], line[1], number, cells[task_col])
    for i, (role, side) in sorted(roles.items()):
        if role is not None and i < len(cells) and cells[i].text:
            row.roles.append((role, cells[i], side))
    return row

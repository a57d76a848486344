"""Task tables: 分工方案 laid out as a table (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限).

A header names the columns (a number, the task, one or more role columns, maybe others); each
row under it is a task whose role columns list its units. Tables reach the extractor in three
layouts, each read here into the same `Table`:

- **tabs**: a line per row, cells split by tabs (what the readers make of a .docx or .html table);
- **a line per cell**: a table copied from a web page, each cell on its own line (maybe with a
  line holding only a bar between cells), a row opening with a line that holds only its number
  (1, 2, 1*); or, when the rows carry no number (an empty 序号 cell leaves no line), a row is known
  by its role cells: the lines that list units, after the task's cell;
- **spaces**: a line per row, cells split by spaces (``1 地区生产总值增长7%以上. 发改委``), the role
  cells last;
- **labels**: a record per task, a ``label: | value |`` line per field (``重点工作: | 135.统筹… |``,
  ``牵头单位: | 市城管局 |``): a record opens with its task's label, and its role labels give the
  roles. Every line of a record is the table's: an enumerator inside a cell is no item.

Section headings between rows (一、数字化改革) stay the outline's; a merged cell repeats on every
row it covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graphmodel.extract.grammar import Grammar, KeywordKind, default_grammar
from graphmodel.extract.names import Piece
from graphmodel.extract.text import unspaced
from graphmodel.model import Role

__all__ = ["TableRow", "Table", "find_tables", "may_hold_table", "table_lines"]

_NUMBER_HEADER = re.compile(r"^(?:序号|编号|序列)$")
_NUMBER_CELL = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、]?\*?$")
_ROW_NUMBER = re.compile(r"^\s*(\d{1,3})\*?\s*\|?\s*$")
# (compiled once: re's module functions are a Python call and a cache look-up each time)
_CELL_NAME_GAP = re.compile(r"[、,;\s]")
_LINE_END_BAR = re.compile(r"[ \t]*\|[ \t]*$", re.M)  # (`_line_end_bars` finds its matches; the way round it)
_BAR_AT_LINE_END = re.compile(r"\|[ \t]*$", re.M)  # opens with a literal: the engine skips to each bar
_SENTENCE_MARK = re.compile(r"[。,;:]")
_ROLE_CELL_SEPARATOR = re.compile("[、,;]")
_SPACE = re.compile(r"\s")
_FIELD = re.compile(r"\S+")
_SPACE_CELL_SEPARATOR = re.compile("[、,]")
_NUMBERED = re.compile(
    r"^(?:\d{1,3}[.、]|[一二三四五六七八九十]{1,3}、|\(\d{1,2}\)|\([一二三四五六七八九十]{1,3}\)|[①-⑳])\s*")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))")
_HEADER_CELLS = 10  # a header of more columns than this is no task table's
_SPACE_ROW = re.compile(r"^\s*(\d{1,3})\*?[ \u3000]+\S")
_BRACKETED = re.compile(r"^\([^()]{1,8}\)$")


@lru_cache(maxsize=4)
def _role_header(grammar: Grammar) -> re.Pattern[str]:
    """牵头单位, 配合单位(部门), 责任单位/部门; 上海市责任单位 or 大连方面责任单位 for one side's column."""
    roles = sorted((k for k, r in grammar.keywords.items() if r in ("lead", "responsible", "support")),
                   key=len, reverse=True)
    suffixes = "|".join(map(re.escape, grammar.side_suffixes))
    return re.compile(rf"^(?:(?P<side>[\u4e00-\u9fff]{{1,5}}?)(?:{suffixes})?)??"
                      "(?P<kw>" + "|".join(map(re.escape, roles)) + r")(?:\(.*\)|/.*)?$")


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
    start: int  # of the header
    header_end: int
    rows: list[TableRow] = field(default_factory=list)
    end: int = 0  # after the last row


@dataclass(frozen=True)
class _Header:
    """What each column of a header holds."""

    number: int | None
    task: int
    roles: dict[int, tuple[Role, str | None]]  # column -> role, side label
    width: int
    wording: int = 0  # columns right after the task's that hold its wording too (项目 / 重点工作目标任务)


def _header(cells: list[str], g: Grammar) -> _Header | None:
    cells = [unspaced(c) for c in cells]  # 主 要 工 作 任 务: letters spaced out for show
    role_re = _role_header(g)
    roles: dict[int, tuple[Role, str | None]] = {}
    for i, c in enumerate(cells):
        m = role_re.match(c)
        kind: KeywordKind | None = g.keyword_role(m.group("kw")) if m else None
        if m and kind in ("lead", "responsible", "support"):
            roles[i] = (kind, m.group("side"))
    task = next((i for i, c in enumerate(cells) if i not in roles and g.pattern("task-column").search(c)), None)
    if not roles or task is None:
        return None
    number = next((i for i, c in enumerate(cells) if _NUMBER_HEADER.match(c)), None)
    wording = 0
    while task + wording + 1 < len(cells) and task + wording + 1 not in roles and g.pattern("task-column").search(
            cells[task + wording + 1]):
        wording += 1
    return _Header(number, task, roles, len(cells), wording)


@lru_cache(maxsize=4)
def _role_cell_end(grammar: Grammar) -> re.Pattern[str]:
    """The end of a role keyword (its last two characters, maybe spaced out: 单 位) where a cell may
    end after it: whitespace (a line's, a tab's, a space's end), ``(``, ``/``, a bar or the text's
    end. Every header's role cell (`_role_header`, after `unspaced`) ends so."""
    ends = sorted({k[-2:] for k, r in grammar.keywords.items() if r in ("lead", "responsible", "support")})
    return re.compile("(?:" + "|".join(r"\s*".join(map(re.escape, e)) for e in ends) + r")(?=[\s(/|]|$)")


def may_hold_table(norm: str, grammar: Grammar | None = None) -> bool:
    """Whether a text may hold a task table of any layout: a bar (label records, bar tables), or a
    role keyword's end where a header cell may end. False proves `find_tables` finds none (most
    plans: their role keywords are followed by a colon), so it skips every layout's scan.

    Parameters
    ----------
    norm : str
        Normalised text.
    grammar : Grammar, optional
        Gives the role keywords; the built-in grammar by default.

    Returns
    -------
    bool
        False when no table can be found in it.

    Examples
    --------
    >>> may_hold_table("一、推进改革。(牵头单位:市发改委)"), may_hold_table("序号 任务 牵头单位\\n1 推进改革 市发改委")
    (False, True)
    """
    return "|" in norm or _role_cell_end(grammar or default_grammar()).search(norm) is not None


def _lines(norm: str) -> list[tuple[int, int]]:
    out = []
    at = 0
    for line in norm.split("\n"):
        out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def find_tables(norm: str, raw: str, grammar: Grammar | None = None) -> list[Table]:
    """The task tables of a text, in any of the three layouts.

    Parameters
    ----------
    norm : str
        Normalised text.
    raw : str
        The text as read (tabs, which normalising turns into spaces, split its cells).
    grammar : Grammar, optional
        Gives the role keywords of the header; the built-in grammar by default.

    Returns
    -------
    list of Table
        In document order, none overlapping; each with its header's extent and its rows (number,
        task text and the units of each role column).

    Examples
    --------
    >>> from graphmodel.extract.text import normalize
    >>> raw = "序号\\t重点任务\\t牵头单位\\t配合单位\\n1\\t推进改革\\t市发改委\\t市财政局\\n2\\t扩大开放\\t市商务局\\t"
    >>> tables = find_tables(normalize(raw), raw)
    >>> [(row.number, row.text.text, [(role, cell.text) for role, cell, _ in row.roles]) for row in tables[0].rows]
    [('1', '推进改革', [('lead', '市发改委'), ('support', '市财政局')]), ('2', '扩大开放', [('lead', '市商务局')])]
    """
    g = grammar or default_grammar()
    if not may_hold_table(norm, g):
        return []
    return _find_tables(norm, raw, g)


def _find_tables(norm: str, raw: str, g: Grammar) -> list[Table]:
    """`find_tables` without the test that a text may hold one."""
    lines = _lines(norm)
    tables = _tab_tables(norm, raw, lines, g) if "\t" in raw else []
    if "|" in norm:  # a table written with bars (序号 | 任务 | 责任单位 |): one sign per cell, as a tab
        bars = _bars_as_tabs(norm)
        tables += _tab_tables(bars.replace("\t", " "), bars, lines, g)
    taken = [(t.start, t.end) for t in tables]
    full = [(a, b) for a, b in lines if norm[a:b].strip(" |")]  # the lines that hold a cell
    for found in (_label_tables(norm, lines, g), _cell_tables(norm, full, g), _unnumbered_cell_tables(norm, full, g),
                  _space_tables(norm, lines, g)):
        for t in found:
            if not any(a < t.end and t.start < b for a, b in taken):
                tables.append(t)
                taken.append((t.start, t.end))
    return sorted(tables, key=lambda t: t.start)


def table_lines(tables: list[Table]) -> list[tuple[int, int]]:
    """The header and row lines of tables: text the outline must not read as items.

    Parameters
    ----------
    tables : list of Table
        As `find_tables` returns them.

    Returns
    -------
    list of (int, int)
        ``[start, end)`` of each table's header, then of each row.

    Examples
    --------
    >>> from graphmodel.extract.text import normalize
    >>> raw = "序号\\t重点任务\\t牵头单位\\t配合单位\\n1\\t推进改革\\t市发改委\\t市财政局\\n2\\t扩大开放\\t市商务局\\t"
    >>> tables = find_tables(normalize(raw), raw)
    >>> table_lines(tables)
    [(0, 17), (18, 34), (35, 47)]
    """
    return [(t.start, t.header_end) for t in tables] + [(r.start, r.end) for t in tables for r in t.rows]


def _row(start: int, end: int, cells: list[Piece], header: _Header, g: Grammar | None = None) -> TableRow | None:
    g = g or default_grammar()
    if header.task >= len(cells) or not cells[header.task].text:
        return None
    number_cell = cells[header.number] if header.number is not None and header.number < len(cells) else cells[0]
    number = number_cell.text if _NUMBER_CELL.match(number_cell.text) else ""
    row = TableRow(start, end, number, cells[header.task])
    used: set[int] = set()
    for i, (role, side) in sorted(header.roles.items()):
        # A row copied with a cell too many or too few: the role's cell is the one, of its column and
        # the two beside it, that lists units (教育体育局, not a leader's name or a report).
        at = next((k for k in (i, i - 1, i + 1) if k not in used and k != header.task and 0 <= k < len(cells)
                   and _lists_units(cells[k].text, g)), i)
        if at < len(cells) and cells[at].text:
            used.add(at)
            row.roles.append((role, cells[at], side))
    return row


def _lists_units(text: str, g: Grammar) -> bool:
    """Whether a cell's text lists units only (a role column's cell)."""
    names = [n.strip() for n in _CELL_NAME_GAP.split(text) if n.strip()]
    return bool(names) and all(g.looks_like_unit(g.strip_etc(n)) for n in names)


def _bars_as_tabs(norm: str) -> str:
    """``norm`` with each | as a tab (same length, so offsets stay); a bar ending a line closes its
    last cell (it and the spaces around it become spaces: each match of ``_LINE_END_BAR``)."""
    spans = _line_end_bars(norm)
    if not spans:
        return norm.replace("|", "\t")
    pieces = []
    last = 0
    for a, b in spans:
        pieces += [norm[last:a], " " * (b - a)]
        last = b
    pieces.append(norm[last:])
    return "".join(pieces).replace("|", "\t")


def _line_end_bars(norm: str) -> list[tuple[int, int]]:
    """The spans of ``_LINE_END_BAR.finditer(norm)``: a bar that only spaces and tabs follow to its
    line's end, with the spaces and tabs before it. Found from the bar (a pattern opening with a
    repeat gets no skip: it is tried at every character of the text) and widened back."""
    out = []
    for m in _BAR_AT_LINE_END.finditer(norm):
        a = m.start()
        while a > 0 and norm[a - 1] in " \t":
            a -= 1
        out.append((a, m.end()))
    return out


# -- tabs -----------------------------------------------------------------------------------------
def _tab_cells(norm: str, raw: str, start: int, end: int) -> list[Piece]:
    # Cells split at the tabs of the text as read (normalisation turns a tab into a space).
    out = []
    at = start
    for cell in raw[start:end].split("\t"):
        text = norm[at : at + len(cell)]
        lead = len(text) - len(text.lstrip())
        out.append(Piece(text.strip(), at + lead))
        at += len(cell) + 1
    return out


def _tab_tables(norm: str, raw: str, lines: list[tuple[int, int]], g: Grammar) -> list[Table]:
    tables: list[Table] = []
    k = 0
    while k < len(lines):
        a, b = lines[k]
        cells = _tab_cells(norm, raw, a, b) if "\t" in raw[a:b] else []
        header = _header([c.text for c in cells], g) if cells else None
        if header is None:
            k += 1
            continue
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
            cells = _tab_cells(norm, raw, *line)
            if _header([c.text for c in cells], g):
                break  # the header of the next table
            if 0 < header.width - len(cells) < header.width - header.task and not (
                    header.number == 0 and _NUMBER_CELL.match(cells[0].text)):
                # Merged cells of the first columns (类别, a leader) are written on their first row
                # only; a row that opens with its number lacks cells at its end instead (cut, empty).
                cells = [Piece("", line[0])] * (header.width - len(cells)) + cells
            row = _row(line[0], line[1], cells, header, g)
            if row is not None:
                table.rows.append(row)
            table.end = line[1]
            k += 1
        if table.rows:
            tables.append(table)
    return tables


# -- a line per cell ------------------------------------------------------------------------------
def _cell_text(norm: str, a: int, b: int) -> Piece:
    """A line read as a cell: without the spaces and the bar (|) around it."""
    raw = norm[a:b]
    text = raw.strip(" |")
    return Piece(text, a + (raw.index(text) if text else 0))


def _cell_tables(norm: str, full: list[tuple[int, int]], g: Grammar) -> list[Table]:
    """序号 / 重点工作 / 牵头责任单位 / 协同责任单位, each on its own line (maybe closed by a bar);
    then rows, each opening with a line that holds only its number, or, with no 序号 column, with
    a numbered task (1. 生产总值增长7.5%以上。), its other cells on the lines after it. ``full``: the
    text's lines that hold a cell (not empty, not a bar alone)."""
    tables: list[Table] = []
    k = 0
    while k < len(full):
        cells: list[str] = []
        j = k
        a, b = full[k]
        opening = unspaced(norm[a:b].strip(" |"))  # (the cell's text, `_cell_text`, without a Piece)
        task_word = g.pattern("task-column").search(opening)
        if not (_NUMBER_HEADER.match(opening) or task_word or opening.startswith("牵头")):
            k += 1  # a header opens with its number, task or leader column
            continue
        while j < len(full) and j - k < _HEADER_CELLS:
            cell = _cell_text(norm, *full[j]).text
            if len(cell) > 40 or _ROW_NUMBER.match(cell) or _HEADING.match(cell) or _NUMBERED.match(cell):
                break
            if cells and _BRACKETED.match(cell):
                cells[-1] += cell  # 责任股室 / (单位): a header cell over two lines
            else:
                cells.append(cell)
            j += 1
        header = _header(cells, g) if len(cells) >= 2 else None
        before = header.number if header is not None and header.number else 0
        if header is not None and before == 1 and len(cells) > 2 and len(cells[0]) <= _LABEL_CELL and not (
                g.pattern("task-column").search(cells[-1]) or g.pattern("unit-column").search(cells[-1])
                or _role_header(g).match(cells[-1])
                or g.keyword_role(cells[-1])):
            # A column before 序号 (考核项目) holds cells spanning rows: the first row's is the line
            # before its number (农业高质高效), which the header's run took unless it is a column's
            # label (评分部门: then the line before 序号 is a title); the header is 序号 on, the
            # table's start the first column's. (Only one: a title before the header is no column.)
            j -= before
            cells = cells[before : len(cells) - before]
            header = _header(cells, g)
        if header is None or (header.number is not None and header.number != 0):
            k += 1
            continue
        numbered = header.number == 0
        table = Table(full[k][0], full[j - 1][1])
        last = 0
        while j < len(full):
            a, b = full[j]
            first = _cell_text(norm, a, b)
            m = _ROW_NUMBER.match(first.text) if numbered else _NUMBERED.match(first.text)
            merged = _merged_row(norm, full, j, header, g) if numbered and m is None else None
            if merged:
                # A row whose number (and the cells before its task) are merged with the row above:
                # known by its task's enumerator and its role cells.
                number, row_cells = merged
                row = _row(number.start, row_cells[-1].end, [number, *row_cells], _columns(header, row_cells, g), g)
                j += len(row_cells)
                if row is not None and row.roles:
                    table.rows.append(row)
                    table.end = row.end
                continue
            if m is None or (not numbered and _is_heading(norm, full, j, g)):
                if _header([_cell_text(norm, x, y).text for x, y in full[j : j + header.width]], g):
                    break  # the header of the next table
                j += 1  # a section heading between rows, a leader's name: the outline's, or nobody's
                continue
            if numbered:
                value = int(m.group(1))
                if value <= last and value != 1:
                    break  # numbers go up (an excerpt may skip some)
                last = value
                number, j = first, j + 1
            else:
                number = Piece(first.text[: m.end()], first.start)
            cells_at: list[Piece] = []
            more: list[Piece] = []  # lines that run the last role cell on, a unit a line
            role_columns = sum(i > header.task for i in header.roles)
            after_more = 0  # cells of the row after the run of unit lines
            if not numbered:  # the task cell is the numbered line itself, after its number
                cells_at.append(Piece(first.text[m.end():].strip(), first.start + m.end()))
                j += 1
            while j < len(full) and len(cells_at) < header.width - (1 if numbered else 0):
                text = _cell_text(norm, *full[j])
                if (_next_row(text.text, last, _cell_text(norm, *full[j + 1]).text if j + 1 < len(full) else "", g)
                        if numbered else _NUMBERED.match(text.text)) or (cells_at and not _fits(text.text, g)):
                    break  # the next row, or a line that is no cell of this one (a heading, a keyword line)
                if not after_more and len(cells_at) > 1 and _lists_units(text.text, g) and _lists_units(
                        cells_at[-1].text, g) and sum(_lists_units(c.text, g) for c in cells_at[1:]) >= role_columns:
                    # Every role column has its cell and this line lists units too, right after the
                    # last: that cell may run on, a unit a paragraph (县水务局 / 县住建局 / 县护城河指挥部).
                    more.append(text)
                    j += 1
                    continue
                after_more += bool(more)
                cells_at.append(text)
                j += 1
            # The columns after the last role column that list units take the row's last lines:
            # those of the run that no later line fills are theirs (a 评分部门 cell listing units),
            # not the role cell's. A 备注 column lists none.
            trailing = sum(bool(g.pattern("unit-column").search(c)) for c in cells[max(header.roles) + 1:])
            more = more[: max(0, len(more) - max(0, trailing - after_more))]
            if not cells_at:
                continue
            # A cell may run over several lines (a leader a line): while role columns are left
            # unfilled, a line that lists units is the next role cell.
            missing = sum(i > header.task for i in header.roles) - len(_columns(header, cells_at, g).roles)
            while missing > 0 and j < len(full):
                text = _cell_text(norm, *full[j])
                if (_next_row(text.text, last) if numbered else _NUMBERED.match(text.text)) or not _lists_units(
                        text.text, g):
                    break
                cells_at.append(text)
                j, missing = j + 1, missing - 1
            columns = _columns(header, cells_at, g)
            row = _row(number.start, cells_at[-1].end, [number, *cells_at], columns, g)
            first_role = min(columns.roles, default=0)  # its index in [number, *cells_at]
            if row is not None and row.roles and numbered and header.task > 1 and first_role > 2:
                # Columns between the number and the task (指标): their cells may span rows, written
                # once, so which line is the task's is unknown: the task is all of the row's lines
                # before its role cells (the 指标 when written, the task, its 单位 and 目标).
                row.text = Piece(norm[cells_at[0].start : cells_at[first_role - 2].end], cells_at[0].start)
            if row is not None and row.roles and numbered and header.wording:
                # The task's wording runs over the columns after it that the header names as a
                # task's too (项目, then 重点工作目标任务; 目标名称, then 工作标准), never into a role
                # cell. (Rows without a 序号 column open with their numbered task: that line is it.)
                wording_end = cells_at[min(header.wording, first_role - 2)].end
                row.text = Piece(norm[row.text.start : wording_end], row.text.start)
            if row is not None and row.roles:
                role, _, side = row.roles[-1]
                row.roles += [(role, cell, side) for cell in more]
                table.rows.append(row)
                table.end = max(row.end, *(c.end for c in more)) if more else row.end
        if table.rows:
            tables.append(table)
        k = max(j, k + 1)
    return tables


_LABEL_CELL = 10  # characters: a header cell of an unnumbered table is a short label (目标与任务, 责任科室)
_TRAILING_CELL = 20  # characters: a cell after the role cells is a short field (年底前, 持续推进)


def _unnumbered_cell_tables(norm: str, full: list[tuple[int, int]], g: Grammar) -> list[Table]:
    """A table a cell per line whose rows carry no number (序号 cells left empty, or no 序号 column):
    a header of short labels with a task and a role column (目标与任务 / 牵头责任单位 / 责任单位;
    工作任务 / 具体要求 / 责任科室 / 时限要求), then rows known by their role cells. A row is the
    task's cell (the line just before its role cells), its role cells (the lines after it that
    list units, in the order of the role columns) and the short cells of the columns after those; a
    line holding only a number before the task's cell is the row's number. Other lines between rows
    (a merged group cell, a section heading) belong to no row's units. ``full``: the text's lines
    that hold a cell."""
    role_re = _role_header(g)
    tables: list[Table] = []
    k = 0
    while k < len(full):
        a, b = full[k]
        first = norm[a:b].strip(" |") if b - a <= 3 * _LABEL_CELL else ""  # 主 要 任 务: spaced out for show
        first = unspaced(first)
        task_word = g.pattern("task-column").search(first) if first else None
        if not first or len(first) > _LABEL_CELL or not (_NUMBER_HEADER.match(first) or task_word
                                             or role_re.match(first)):
            k += 1  # a header opens with a label: its number, task or a role column
            continue
        j = k
        cells: list[str] = []
        while j < len(full) and j - k < _HEADER_CELLS:
            label = unspaced(_cell_text(norm, *full[j]).text)
            if len(label) > _LABEL_CELL or _SENTENCE_MARK.search(label) or _ROW_NUMBER.match(label) or \
                    _HEADING.match(label) or _NUMBERED.match(label):
                break
            cells.append(label)
            j += 1
        header = _header(cells, g) if len(cells) >= 2 else None
        if header is None or min(header.roles) < header.task:
            k = max(k + 1, j)
            continue
        roles = [header.roles[i] for i in sorted(header.roles)]
        trailing = header.width - 1 - max(header.roles)
        table = Table(full[k][0], full[j - 1][1])
        pending: list[Piece] = []
        while j < len(full):
            cell = _cell_text(norm, *full[j])
            if not _lists_units(cell.text, g) or not pending or _lists_units(pending[-1].text, g):
                if len(pending) > _HEADER_CELLS or _header([_cell_text(norm, *x).text for x in full[j:j + 4]], g):
                    break  # no row for many lines, or the next table's header
                pending.append(cell)
                j += 1
                continue
            task = pending[-1]
            number = next((p for p in reversed(pending[:-1]) if _ROW_NUMBER.match(p.text)), None)
            row = TableRow((number or task).start, task.end, number.text.strip(" |*") if number else "", task)
            while j < len(full) and len(row.roles) < len(roles):
                cell = _cell_text(norm, *full[j])
                if not _lists_units(cell.text, g):
                    break
                role, side = roles[len(row.roles)]
                row.roles.append((role, cell, side))
                row.end = cell.end
                j += 1
            for _ in range(trailing):
                short = _cell_text(norm, *full[j]) if j < len(full) else None
                if short is None or len(short.text) > _TRAILING_CELL or _lists_units(short.text, g) or \
                        _ROW_NUMBER.match(short.text) or _HEADING.match(short.text) or _NUMBERED.match(short.text):
                    break
                row.end = short.end
                j += 1
            table.rows.append(row)
            table.end = row.end
            pending = []
        if table.rows:
            # A row runs to the next one's start: a group cell between rows is no text of the row
            # before. A section heading between them stays the outline's.
            for r, nxt in zip(table.rows, table.rows[1:], strict=False):
                gap = norm[r.end : nxt.start].split("\n")
                if not any(_HEADING.match(x.strip(" |")) or _NUMBERED.match(x.strip(" |")) for x in gap):
                    r.end = max(r.end, nxt.start)
            tables.append(table)
        k = max(j, k + 1)
    return tables


def _merged_row(norm: str, full: list[tuple[int, int]], j: int, header: _Header, g: Grammar
                ) -> tuple[Piece, list[Piece]] | None:
    """A row whose number and first cells are merged with the row above (so left no line): a
    numbered task (2.一般公共预算收入…), at most a line for each column between the task and the
    role columns (a leader), then its role cells. Its number (the task's enumerator) and its cells
    from the task's on; None if the lines at ``j`` are no such row."""
    line = _cell_text(norm, *full[j])
    m = _NUMBERED.match(line.text)
    roles = sum(i > header.task for i in header.roles)
    if m is None or not roles or _HEADING.match(line.text) or _lists_units(line.text, g):
        return None
    between = min(i for i in header.roles if i > header.task) - header.task - 1
    cells = [Piece(line.text[m.end():].strip(), line.start + m.end())]
    found = 0
    for k in range(j + 1, len(full)):
        text = _cell_text(norm, *full[k])
        if _lists_units(text.text, g):
            if found == roles:
                break
            found += 1
        elif found or len(cells) > between or _ROW_NUMBER.match(text.text) or _NUMBERED.match(text.text) or \
                _HEADING.match(text.text):
            break  # after the role cells, or no role cell where one is due
        cells.append(text)
    return (Piece(line.text[: m.end()], line.start), cells) if found else None


def _next_row(cell: str, last: int, after: str = "", g: Grammar | None = None) -> bool:
    """Whether a line holding a number alone opens the next row: its number is above the row's
    (a 年度目标 cell of 0 is a cell of this row); a number that skips some (42 after row 9) and is
    followed by a role cell (``after``, the next line) is a 年度目标 cell too, not a row."""
    m = _ROW_NUMBER.match(cell)
    if m is None or int(m.group(1)) <= last:
        return False
    return int(m.group(1)) == last + 1 or g is None or not _lists_units(after, g)


def _is_heading(norm: str, full: list[tuple[int, int]], j: int, g: Grammar) -> bool:
    """A numbered line followed by another numbered line (一、主要预期指标 / 1. 生产总值…) heads a
    section; it is no row."""
    if j + 1 >= len(full):
        return True
    return bool(_NUMBERED.match(_cell_text(norm, *full[j + 1]).text))


def _fits(cell: str, g: Grammar) -> bool:
    """Whether a line after a row's task cell can be one of its cells: a list of units, or a short
    field (a deadline, a source), never a section heading or a keyword line of its own."""
    if g.pattern("keyword").search(cell) or _HEADING.match(cell):
        return False
    return len(cell) <= 200


def _columns(header: _Header, cells: list[Piece], g: Grammar) -> _Header:
    """Map a row's cells (the task, then the rest) to columns: role columns in order, to the cells
    that read as units; an empty cell leaves no line, so a row may have fewer cells than columns."""
    order = [i for i in sorted(header.roles) if i > header.task]
    roles: dict[int, tuple[Role, str | None]] = {}
    for i, cell in enumerate(cells[1:], 2):  # index 0 is the number, 1 the task
        if not order:
            break
        # A role cell may close with a full stop (区投资促进中心。).
        names = [n for n in _ROLE_CELL_SEPARATOR.split(cell.text.rstrip("。 ")) if n.strip()]
        if names and all(g.looks_like_unit(g.strip_etc(n.strip())) for n in names):
            roles[i] = header.roles[order.pop(0)]
    return _Header(0, 1, roles, len(cells) + 1)


# -- labels ---------------------------------------------------------------------------------------
_LABEL_LINE = re.compile(r"^\s*(?P<label>[^|:\n]{2,30}?)\s*:\s*\|")


def _label_cell(norm: str, a: int, b: int, m: re.Match[str]) -> Piece:
    """The value cell of a ``label: | value |`` line: to the next bar or the line's end."""
    at = a + m.end()
    bar = norm.find("|", at, b)
    stop = bar if bar >= 0 else b
    text = norm[at:stop]
    lead = len(text) - len(text.lstrip())
    return Piece(text.strip(), at + lead)


def _label_tables(norm: str, lines: list[tuple[int, int]], g: Grammar) -> list[Table]:
    """Records of ``label: | value |`` lines: a task's label (重点工作:) opens a record, role labels
    (牵头单位:, 责任单位:) list its units; other lines with a bar (a goal, a progress report, a
    cell's continuation) are the record's too. A line without a bar ends the table."""
    if "|" not in norm:
        return []
    role_re = _role_header(g)
    tables: list[Table] = []
    table: Table | None = None
    row: TableRow | None = None
    opener = ""  # the label that opens the table's records (重点工作); 年度工作目标: is a field of one

    def close() -> None:
        nonlocal table, row
        if row is not None and row.roles and table is not None:
            table.rows.append(row)
            table.end = row.end
        row = None

    for a, b in lines:
        line = norm[a:b]
        if not line.strip():
            continue
        m = _LABEL_LINE.match(line)
        label = unspaced(m.group("label")) if m else ""
        role_m = role_re.match(label) if m else None
        kind = g.keyword_role(role_m.group("kw")) if role_m else None
        if m and kind is None and (label == opener or (table is None and g.pattern("task-column").search(label))):
            cell = _label_cell(norm, a, b, m)
            if cell.text:
                close()
                if table is None:
                    table, opener = Table(a, a), label
                number = _NUMBERED.match(cell.text)
                text = cell.sub(number.end()) if number else cell
                start = cell.start if number else a
                row = TableRow(start, b, number.group().strip() if number else "", text)
                continue
        if row is None or "|" not in line:
            close()
            if table is not None and table.rows:
                tables.append(table)
            table, opener = None, ""
            continue
        if m and kind in ("lead", "responsible", "support"):
            cell = _label_cell(norm, a, b, m)
            if cell.text:
                row.roles.append((kind, cell, role_m.group("side") if role_m else None))
        row.end = b
    close()
    if table is not None and table.rows:
        tables.append(table)
    # A record runs to the next one's start: the next label is no text of the task before it.
    for t in tables:
        for r, nxt in zip(t.rows, t.rows[1:], strict=False):
            r.end = max(r.end, nxt.start)
    return tables


# -- spaces ---------------------------------------------------------------------------------------
def _space_tables(norm: str, lines: list[tuple[int, int]], g: Grammar) -> list[Table]:
    """序号 工作任务 牵头负责部门 on one line, then rows ``1 <task> <units>`` (the role cells last)."""
    tables: list[Table] = []
    k = 0
    while k < len(lines):
        a, b = lines[k]
        text = norm[a:b]
        at = text.find("序号")
        if at < 0 or not _SPACE.search(text[at:]):
            k += 1
            continue
        cells = _space_header(text[at:])
        header = _header(cells, g)
        if header is None or header.number != 0 or not all(i > header.task for i in header.roles):
            k += 1
            continue
        trailing = len(cells) - 1 - header.task  # columns after the task
        table = Table(a + at, b)
        k += 1
        while k < len(lines):
            a2, b2 = lines[k]
            line = norm[a2:b2]
            if not line.strip():
                k += 1
                continue
            m = _SPACE_ROW.match(line)
            if m is None:
                if _HEADING.match(line):
                    k += 1  # a section heading between rows
                    continue
                break
            fields = [(f.group(), f.start()) for f in _FIELD.finditer(line)]
            if len(fields) < 2 + min(trailing, 1):
                break
            tail = fields[-trailing:] if trailing else []
            task = fields[1 : len(fields) - len(tail)] if tail else fields[1:]
            if not task:
                break
            cells_at = [Piece(fields[0][0], a2 + fields[0][1]),
                        Piece(line[task[0][1] : task[-1][1] + len(task[-1][0])], a2 + task[0][1])]
            cells_at += [Piece(f, a2 + s) for f, s in tail]
            roles = {2 + (i - header.task - 1): r for i, r in header.roles.items()}
            row = _row(a2, b2, cells_at, _Header(0, 1, roles, len(cells_at)), g)
            if row is None or not all(g.looks_like_unit(g.strip_etc(n)) for _, c, _ in row.roles
                                      for n in _SPACE_CELL_SEPARATOR.split(c.text) if n):
                break
            table.rows.append(row)
            table.end = b2
            k += 1
        if table.rows:
            tables.append(table)
        else:
            k += 1
    return tables


def _space_header(text: str) -> list[str]:
    """Header cells split by spaces, letters spaced out for show joined again (工 作 任 务)."""
    out: list[str] = []
    run = ""
    for token in text.split():
        if len(token) == 1:
            run += token
            continue
        if run:
            out.append(run)
            run = ""
        out.append(token)
    if run:
        out.append(run)
    return out

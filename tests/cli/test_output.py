"""Tables that read well in a terminal with Chinese text; JSON and CSV kept whole."""

from __future__ import annotations

import csv
import io
import json

from wcwidth import wcswidth

from graphmodel_cli.output import MAX_CELL, render

ROWS = [{"unit": "上海市政府合作交流办", "shared": 7, "jaccard": 0.5384615},
        {"unit": "大连市发展改革委", "shared": 11, "jaccard": 1.0}]


def test_columns_align_by_display_width() -> None:
    lines = render(ROWS, "table").splitlines()
    assert lines[0].startswith("unit")
    # The last column is numeric, so right-aligned: every line ends at the same display column.
    assert len({wcswidth(line) for line in lines}) == 1
    assert lines[2].endswith("7    0.538") and lines[3].endswith("11    1.000")


def test_long_cells_are_cut_in_tables_only() -> None:
    rows = [{"text": "推进" * 100}]
    table = render(rows, "table").splitlines()[2]
    assert MAX_CELL - 2 <= wcswidth(table) <= MAX_CELL and table.endswith("…")
    assert json.loads(render(rows, "json"))[0]["text"] == "推进" * 100
    assert next(csv.reader(io.StringIO(render(rows, "csv").splitlines()[1])))[0] == "推进" * 100


def test_empty_results_say_so() -> None:
    assert "(no rows)" in render([], "table", ["a", "b"])
    assert render([], "json") == "[]"


def _fit_by_characters(text: str) -> str:
    """What `_fit` did a character at a time (before the running widths were summed in C)."""
    from graphmodel_cli.output import _width

    text = " ".join(text.split())
    if _width(text) <= MAX_CELL:
        return text
    out, width = [], 0
    for ch in text:
        w = max(_width(ch), 0)
        if width + w > MAX_CELL - 1:
            break
        out.append(ch)
        width += w
    return "".join(out) + "…"


def test_cells_are_cut_as_a_character_at_a_time() -> None:
    from graphmodel_cli.output import _fit

    zero_width = "\u0301\u200b"  # a combining accent, a zero-width space: no columns
    texts = ["推进" * 100, "a" * 200, "推a" * 50, "e" + zero_width * 100 + "推进" * 40,
             "x\x1b[0m" * 40, "\t ".join(["2018:二、(十)2."] * 30), "短", "", "a" * MAX_CELL,
             "推" * (MAX_CELL // 2) + "a", "\x00" * 100]
    for text in texts:
        assert _fit(text) == _fit_by_characters(text), text


ODD_VALUES = ["%s", "%%d", "中文\"\\\n\t\x1b", 2**70, -0.0, 1e300, float("nan"), float("inf"), None, True,
              False, [], {}, (), {"b": 1, "a": [1, (2, 3)]}, {1: "int key", 2.5: "float", None: 0, False: 1},
              {"set": {3, 1, 2}}, [{"id": "x", "number": "一、"}, {"id": "x", "number": "一、"}],
              [{"%s": "a%sb", "k": "中\n"}, {"%s": "x", "k": ""}], [{"a": "x"}, {"b": "y"}], [{}, {}],
              [{"a": "x"}, {"a": 1}], ({"a": "t"},)]


def test_json_is_json_dumps_indented_text_in_chunks() -> None:
    from graphmodel_cli.output import json_lines

    class Sub(str):
        pass

    class Mapping(dict):  # type: ignore[type-arg]
        pass

    rows = [{"a": {"id": "unit:上海市/x", "name": "x", "side": None}, "tasks": [{"id": v} for v in ODD_VALUES]},
            {"subclasses": [Sub("s"), Mapping(k=Sub("v"))], "%s": "%(a)s"}, *ODD_VALUES, ODD_VALUES]
    expected = json.dumps(rows, ensure_ascii=False, indent=2, default=lambda v: sorted(v))
    for size in (1, 2, 256):
        assert "".join(json_lines(rows, per_chunk=size)) == expected
    assert "".join(json_lines(iter(rows))) == expected  # a generator, rows made as they are written
    assert render(rows, "json") == expected
    assert "".join(json_lines([])) == "[]"


def _table_line_by_line(rows: list[dict[str, object]], columns: list[str] | None = None) -> str:
    """`render_table` as it was written before it went column by column."""
    from graphmodel_cli.output import _cell, _fit, _width

    cols = list(columns or (rows[0].keys() if rows else []))
    if not cols:
        return "(no rows)"
    cells = [[_fit(_cell(r.get(c))) for c in cols] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(cols)]
    numeric = [all(isinstance(r.get(c), (int, float)) for r in rows) and rows for c in cols]

    def line(values: list[str]) -> str:
        out = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - _width(v))
            out.append(pad + v if numeric[i] else v + pad)
        return "  ".join(out).rstrip()

    parts = [line(cols), line(["-" * w for w in widths])] + [line(row) for row in cells]
    if not rows:
        parts.append("(no rows)")
    return "\n".join(parts)


def test_tables_are_the_tables_made_line_by_line() -> None:
    from graphmodel_cli.output import render_table

    rows: list[dict[str, object]] = [
        *ROWS, {"unit": None, "shared": True, "jaccard": 2}, {"unit": ["a", 1.5, None], "extra": "x"},
        {"unit": "推进" * 60, "shared": 3, "jaccard": 0.25, "tasks": ["2018:一、", "2018:二、(十)2."] * 20},
        {"unit": "  spaced\tout  ", "shared": -1, "jaccard": float("nan"), "tasks": []}]
    for columns in (None, ["unit", "shared", "jaccard", "tasks"], ["tasks", "missing", "unit"], ["a side"]):
        for some in (rows, rows[:1], rows[2:], []):
            assert render_table(some, columns) == _table_line_by_line(some, columns), (columns, len(some))

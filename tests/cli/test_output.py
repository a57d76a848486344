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

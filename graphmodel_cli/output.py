"""Rendering rows as an aligned table, JSON or CSV.

Tables are aligned by display width (a Chinese character takes two columns), so they read
well in a terminal.
"""

from __future__ import annotations

import csv
import io
import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

import click
from wcwidth import wcswidth

FORMATS = ("table", "json", "csv")

F = TypeVar("F", bound=Callable[..., Any])

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Output as an aligned table, JSON or CSV.",
)


def output_option(help: str, **settings: Any) -> Callable[[F], F]:
    """``-o/--output FILE``: a file path, ``-`` for standard output (``settings``: ``required``,
    ``default``, … as `click.option` takes them)."""
    return click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
                        help=help, **settings)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, (list, tuple)):
        if set(map(type, value)) <= _STR:  # a list of strings (task labels): joined in C
            return " ".join(value)
        return " ".join(_cell(v) for v in value)
    return str(value)


_STR = {str}


def _width(text: str) -> int:
    w = wcswidth(text)
    return w if w >= 0 else len(text)


MAX_CELL = 72  # display columns; longer cells are cut in tables (JSON and CSV keep them whole)


class _CharWidths(dict[str, int]):
    """Each character's columns in `_fit` (``max(_width(ch), 0)``), found once."""

    def __missing__(self, ch: str) -> int:
        self[ch] = w = max(_width(ch), 0)
        return w


_CHAR_WIDTHS = _CharWidths()


def _fit(text: str) -> str:
    text = " ".join(text.split())
    if _width(text) <= MAX_CELL:
        return text
    # The characters whose running width stays within MAX_CELL - 1 (widths are never negative,
    # so the running sums only grow), summed and searched in C rather than a loop a character.
    # A cut falls within the first MAX_CELL characters unless some have no width: only those
    # are looked at, then (rarely) the whole text.
    ends = list(accumulate(map(_CHAR_WIDTHS.__getitem__, text[:MAX_CELL])))
    if ends[-1] <= MAX_CELL - 1:
        ends = list(accumulate(map(_CHAR_WIDTHS.__getitem__, text)))
    return text[:bisect_right(ends, MAX_CELL - 1)] + "…"


def render_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Rows as a plain-text table with a header, columns padded to equal display width."""
    cols = list(columns or (rows[0].keys() if rows else []))
    if not cols:
        return "(no rows)"
    cells = [[_fit(_cell(r.get(c))) for c in cols] for r in rows]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(cols)]
    numeric = [all(isinstance(r.get(c), (int, float)) for r in rows) and rows for c in cols]

    def line(values: Sequence[str]) -> str:
        out = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - _width(v))
            out.append(pad + v if numeric[i] else v + pad)
        return "  ".join(out).rstrip()

    parts = [line(cols), line(["-" * w for w in widths])]
    parts += [line(row) for row in cells]
    if not rows:
        parts.append("(no rows)")
    return "\n".join(parts)


def render(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Rows in one of `FORMATS`."""
    if fmt == "json":
        return json.dumps(list(rows), ensure_ascii=False, indent=2, default=_json_default)
    if fmt == "csv":
        buf = io.StringIO()
        cols = list(columns or (rows[0].keys() if rows else []))
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        for r in rows:
            writer.writerow([_cell(r.get(c)) if not isinstance(r.get(c), (int, float)) else r.get(c)
                             for c in cols])
        return buf.getvalue().rstrip("\n")
    return render_table(rows, columns)


def _json_default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def echo_rows(rows: Iterable[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> None:
    """Print rows to stdout in the chosen format."""
    click.echo(render(list(rows), fmt, columns))

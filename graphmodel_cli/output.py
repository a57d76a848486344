"""Rendering rows as an aligned table, JSON or CSV.

Tables are aligned by display width (a Chinese character takes two columns), so they read
well in a terminal.
"""

from __future__ import annotations

import csv
import io
import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, chain, islice, repeat
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


class _Memo(dict[Any, Any]):
    """A function's value for each key, found once (``memo[key]``; a look-up in C once found)."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        super().__init__()
        self._function = function

    def __missing__(self, key: Any) -> Any:
        self[key] = value = self._function(key)
        return value


def render_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> str:
    """Rows as a plain-text table with a header, columns padded to equal display width."""
    cols = list(columns or (rows[0].keys() if rows else []))
    if not cols:
        return "(no rows)"
    # Column by column, each text's cut and width found once (names and sides repeat down a
    # column) and the lines joined in C: a corpus's pairs are 14,000 rows of 7 cells.
    width = _Memo(_width).__getitem__
    fit = _Memo(_fit).__getitem__
    padded = []
    for c in cols:
        values = [r.get(c) for r in rows]
        cells = (list(map(fit, values)) if set(map(type, values)) <= _STR
                 else [_fit(_cell(v)) for v in values])
        widths = list(map(width, cells))
        most = max([width(c), *widths])
        numeric = rows and all(isinstance(v, (int, float)) for v in values)
        column = [c, "-" * most, *cells]
        pads = [" " * (most - w) for w in (width(c), most, *widths)]
        padded.append(list(map(str.__add__, pads, column)) if numeric else list(map(str.__add__, column, pads)))
    parts = list(map(str.rstrip, map("  ".join, zip(*padded, strict=True))))
    if not rows:
        parts.append("(no rows)")
    return "\n".join(parts)


def render(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Rows in one of `FORMATS`."""
    if fmt == "json":
        return "".join(json_lines(rows))
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
    """Print rows to stdout in the chosen format.

    JSON is written as the rows come, a few hundred at a time (the text `render` gives, made
    by `json_lines`), so neither the rows nor the text need be held whole: give a generator to
    make each row only when it is written.
    """
    if fmt != "json":
        click.echo(render(list(rows), fmt, columns))
        return
    for chunk in json_lines(rows):
        click.echo(chunk, nl=False)  # each chunk ends between rows: no escape sequence is cut
    click.echo()


def json_lines(rows: Iterable[Any], per_chunk: int = 256) -> Iterator[str]:
    """The text of ``json.dumps(list(rows), ensure_ascii=False, indent=2, default=...)`` (what
    `render` writes as JSON) in pieces of ``per_chunk`` rows.

    json's encoder runs in Python when it indents (only compact output has its C encoder);
    here each string, key and list of strings is encoded by json's C functions and only the
    containers are walked in Python (`_json_text`), anything unusual handed to json itself.
    """
    it = iter(rows)
    first = True
    try:
        while True:
            texts = [_json_text(row, 1) for row in islice(it, per_chunk)]
            if not texts:
                break
            yield ("[\n  " if first else ",\n  ") + ",\n  ".join(texts)
            first = False
            if len(_ENCODED) + len(_LEAVES) > _MAX_ENCODED:
                _ENCODED.clear()
                _LEAVES.clear()
    finally:
        _ENCODED.clear()
        _LEAVES.clear()
    yield "[]" if first else "\n]"


_MAX_ENCODED = 1_000_000  # strings remembered at most (rows of many distinct strings)


_encode_str: Callable[[str], str] = json.encoder.encode_basestring  # json's, in C


class _Encoded(dict[str, str]):
    """Each string's JSON text, made once: rows repeat their strings (a document's id on each of
    its tasks), and escaping a string of Chinese text costs a microsecond, where finding it
    here (its hash kept by the string) costs a twentieth of that. Emptied after each text."""

    def __missing__(self, s: str) -> str:
        self[s] = text = _encode_str(s)
        return text


_ENCODED = _Encoded()


class _Leaves(dict[tuple[str, tuple[str, ...]], str]):
    """A dict of strings' text, by its template and values, made once (a task's row recurs in
    every pair that lists the task)."""

    def __missing__(self, key: tuple[str, tuple[str, ...]]) -> str:
        template, values = key
        self[key] = text = template % tuple(map(_encoded, values))
        return text


_LEAVES = _Leaves()
_leaf = _LEAVES.__getitem__
_encoded = _ENCODED.__getitem__


# A dict's text with %s for its values, by its keys and depth.
_TEMPLATES: dict[tuple[tuple[Any, ...], int], str | None] = {}
_MAX_TEMPLATES = 4096  # rows with keys of their own (rare) are not remembered past this


def _template(keys: tuple[Any, ...], level: int) -> str | None:
    """The text of a dict with these keys at depth ``level``, ``%s`` for each value's text
    (None when a key is not a string: json then writes the dict)."""
    found = _TEMPLATES.get((keys, level), "")
    if found != "":
        return found
    template = None
    if set(map(type, keys)) <= _STR:
        pad = "\n" + "  " * (level + 1)
        template = ("{" + pad + ("," + pad).join([_encode_str(k).replace("%", "%%") + ": %s" for k in keys])
                    + "\n" + "  " * level + "}")
    if len(_TEMPLATES) < _MAX_TEMPLATES:
        _TEMPLATES[keys, level] = template
    return template


def _items(items: list[Any] | tuple[Any, ...], level: int) -> Iterable[str]:
    """The texts of a list's items at depth ``level``: strings, and records of strings with the
    same keys (a pair's tasks), each looked up in C once made; else one by one."""
    types = set(map(type, items))
    if types <= _STR:
        return map(_encoded, items)
    if types == _DICT:
        shapes = set(map(tuple, items))  # each record's keys
        if len(shapes) == 1:
            keys = shapes.pop()
            template = _template(keys, level) if keys else None
            if template is not None:
                values = list(map(tuple, map(dict.values, items)))
                if set(map(type, chain.from_iterable(values))) <= _STR:
                    return map(_leaf, zip(repeat(template), values))
    return [_json_text(v, level) for v in items]


_DICT = {dict}


def _json_text(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2, default=_json_default)``
    writes it at depth ``level``."""
    kind = type(value)
    if kind is str:
        return _encoded(value)
    if kind is dict:
        if not value:
            return "{}"
        template = _template(tuple(value), level)
        if template is not None:
            values = tuple(value.values())
            if set(map(type, values)) <= _STR:  # a record of strings (a task's row): its text remembered
                return _leaf((template, values))
            return template % tuple([_json_text(v, level + 1) for v in values])
    elif kind is list or kind is tuple:
        if not value:
            return "[]"
        pad = "\n" + "  " * (level + 1)
        return "[" + pad + ("," + pad).join(_items(value, level + 1)) + "\n" + "  " * level + "]"
    elif kind is int:
        return int.__repr__(value)
    elif kind is float and value - value == 0:  # finite (NaN and infinities as json writes them, below)
        return float.__repr__(value)
    elif value is None:
        return "null"
    elif value is True:
        return "true"
    elif value is False:
        return "false"
    # Anything else (keys that are not strings, sets, subclasses): json itself, moved to this depth.
    return json.dumps(value, ensure_ascii=False, indent=2, default=_json_default).replace("\n", "\n" + "  " * level)

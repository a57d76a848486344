"""``graphmodel cypher QUERY | -f FILE [-p key=value ...] [--write]``: Cypher of one's own.

The rows of the last statement are printed as every command prints rows (``--format``). Runs
read-only unless ``--write`` is given: the server then refuses any statement that would change
the database. ``-p`` values are data (numbers, true/false/null, quoted strings, JSON lists and
maps, else text), never pasted into the Cypher; a file's ``:param name => value;`` lines (as in
the files of ``cypher/``) give values that ``-p`` overrides.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from graphmodel_cli.neo4j_options import connection_options, settings_from
from graphmodel_cli.output import echo_rows, format_option
from loaders.neo4j.connection import connect
from loaders.neo4j.failures import CypherError
from loaders.neo4j.library import parse_literal, statements
from loaders.neo4j.queries import run_cypher
from loaders.neo4j.values import parse_assignment, parse_value

__all__ = ["cypher"]

_PARAM_LINE = re.compile(r"^\s*:param\s+(\w+)\s*=>\s*(.*?);?\s*$")


def _file_params(text: str, where: str) -> dict[str, object]:
    return {m.group(1): parse_literal(m.group(2), where)
            for m in map(_PARAM_LINE.match, text.splitlines()) if m}


@click.command("cypher")
@click.argument("query", required=False)
@click.option("-f", "--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the statements from this file (statements end with ';' at the end of a line).")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter (may be repeated): 12, 0.5, true, null, 'text', [1, 2], {\"a\": 1}, else text.")
@click.option("--write", "allow_write", is_flag=True, help="Allow the statements to change the database.")
@format_option
@connection_options
def cypher(query: str | None, file: Path | None, params: tuple[str, ...], allow_write: bool, fmt: str, uri: str,
           user: str | None, password: str | None, database: str | None) -> None:
    """Run Cypher QUERY (or the statements of --file) and print the rows it returns."""
    if (query is None) == (file is None):
        raise CypherError("give the Cypher as QUERY or with -f FILE (one of them)")
    values: dict[str, object] = {}
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CypherError(f"{file}: not UTF-8 text") from None
        values.update(_file_params(text, str(file)))
    else:
        text = str(query)
    for option in params:
        key, raw = parse_assignment(option)
        values[key] = parse_value(raw, f"parameter {key}")
    found = statements(text)
    if not found:
        raise CypherError(f"{file or 'QUERY'}: no Cypher statement in it")
    settings = settings_from(uri, user, password, database)
    with connect(settings) as driver:
        (columns, rows), changed = run_cypher(driver, settings, found, values, allow_write)
    if columns:
        echo_rows(rows, fmt, columns)
    else:
        click.echo(changed if allow_write else "(no columns)")

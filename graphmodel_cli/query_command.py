"""``graphmodel query``: the named queries of the Cypher library.

``graphmodel query --list`` shows them; ``graphmodel query NAME -p key=value ...`` runs one.
Values given with ``-p`` are passed to Neo4j as query parameters, never pasted into the Cypher.
"""

from __future__ import annotations

from typing import Any

import click

from graphmodel_cli.neo4j_options import connect_or_hint, connection_options, settings_from
from graphmodel_cli.output import echo_rows, format_option
from loaders.neo4j.failures import CypherError
from loaders.neo4j.library import NamedQuery, find_query, library
from loaders.neo4j.queries import run_query

__all__ = ["query"]


def _signature(q: NamedQuery) -> str:
    parts = []
    for p in q.params:
        text = f"{p.name}:{p.type}"
        parts.append(text if p.required else f"[{text}={'null' if p.default is None else p.default}]")
    return " ".join(parts)


# Neo4j's integers are 64-bit: a larger one cannot be sent (the driver raises OverflowError).
_INT_RANGE = (-(2**63), 2**63 - 1)


def _parse(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            shown = value.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            raise CypherError(f"-p {shown}: not valid UTF-8 text; give parameters in UTF-8") from None
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise CypherError(f"-p {value!r}: write -p key=value")
        out[key.strip()] = text
    return out


def _check_ranges(named: NamedQuery, values: dict[str, Any], given: dict[str, str]) -> None:
    low, high = _INT_RANGE
    for p in named.params:
        value = values.get(p.name)
        if isinstance(value, int) and not isinstance(value, bool) and not low <= value <= high:
            raise CypherError(f"query {named.name}: parameter {p.name} takes an int from {low} to {high}, "
                              f"not {given[p.name]}")


@click.command("query")
@click.argument("name", required=False)
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (may be repeated); passed as data, never as Cypher.")
@format_option
@connection_options
def query(name: str | None, list_queries: bool, params: tuple[str, ...], fmt: str, uri: str,
          user: str | None, password: str | None, database: str | None) -> None:
    """Run the named query NAME of the Cypher library (see --list).

    \b
    Examples:
      graphmodel query --list
      graphmodel query counterpart-pairs -p top=5 -p side=大连市
      graphmodel query tasks-of-unit -p unit=大连市发展改革委 --format csv
    """
    if list_queries or name is None:
        rows = [{"name": q.name, "parameters": _signature(q),
                 "purpose": q.purpose}
                for q in library().values()]
        echo_rows(rows, fmt, ["name", "parameters", "purpose"])
        return
    named = find_query(name)
    given = _parse(params)
    _check_ranges(named, named.parameters(given), given)  # a wrong parameter fails before connecting
    settings = settings_from(uri, user, password, database)
    with connect_or_hint(settings) as driver:
        columns, rows = run_query(driver, settings, named, given)
    echo_rows(rows, fmt, columns)

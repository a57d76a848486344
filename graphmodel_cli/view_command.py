"""``graphmodel view PATH... -o OUT.html``: write an interactive, offline HTML view of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.graph import find_side
from graphmodel.views import VIEWS, build_view, check_request, render_page
from graphmodel_cli.inputs import aliases_option, load, paths_argument
from graphmodel_cli.output import output_option


@click.command()
@paths_argument
@output_option(required=True, help="The HTML file to write (one self-contained UTF-8 page); - for standard output.")
@click.option("--view", "view_name", type=click.Choice(VIEWS), default=None,
              help="network: the whole graph; counterparts: one pair of sides, each side's units "
                   "in a column, linked by shared tasks; matrix: the same pairs as a matrix; "
                   "focus: one unit and its neighbourhood. "
                   "[default: focus with --focus, else network]")
@click.option("--focus", metavar="UNIT", help="The unit to centre on: its name, an alias or its id.")
@click.option("--side", "sides", metavar="SIDE", multiple=True,
              help="network: only this side's units (repeatable); counterparts and matrix: the pair "
                   "of sides shown first (--side A --side B); focus: where to look the unit up.")
@aliases_option
def view(paths: tuple[Path, ...], output: Path, view_name: str | None, focus: str | None,
         sides: tuple[str, ...], aliases_file: Path | None) -> None:
    """Write an HTML view of the plans in PATH... (documents, folders, or one graph file).

    The page needs no network: open it in any browser, search a unit by name, alias, short
    form or part of a name, filter by side, kind, year and document, click a unit or a link
    for the tasks behind it.

    \b
    Examples:
      graphmodel view plans/ --view counterparts -o counterparts.html
      graphmodel view plan.txt --focus 大连市发展改革委 -o focus.html
    """
    from loaders.files import atomic_write_text

    name = view_name or ("focus" if focus else "network")
    check_request(name, focus)  # what needs no graph is refused before one is read and laid out
    graph = load(paths, aliases_file, output=output)  # checks the output before reading the plans
    sides = tuple(find_side(graph, s) for s in sides)
    data = build_view(graph, name, focus, sides)
    atomic_write_text(output, render_page(data))
    click.echo(f"wrote {output}: {name} view, {data.node_count} nodes, {data.edge_count} edges", err=True)

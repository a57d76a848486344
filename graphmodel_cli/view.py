"""``graphmodel view PATH... -o OUT.html``: write an interactive, offline HTML view of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.views import VIEWS, build_view, render_page
from graphmodel_cli.inputs import aliases_option, load, paths_argument


@click.command()
@paths_argument
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The HTML file to write (one self-contained UTF-8 page).")
@click.option("--view", "view_name", type=click.Choice(VIEWS), default=None,
              help="network: the whole graph; counterparts: the units of one side facing the "
                   "other's, linked by shared tasks; focus: one unit and its neighbourhood. "
                   "[default: focus with --focus, else network]")
@click.option("--focus", metavar="UNIT", help="The unit to centre on: its name, an alias or its id.")
@click.option("--side", "sides", metavar="SIDE", multiple=True,
              help="Only this side's units (repeatable); for --focus, where to look the unit up.")
@aliases_option
def view(paths: tuple[Path, ...], output: Path, view_name: str | None, focus: str | None,
         sides: tuple[str, ...], aliases_file: Path | None) -> None:
    """Write an HTML view of the plans in PATH... (documents, folders, or one graph file).

    The page needs no network: open it in any browser, search a unit by name or alias,
    filter by side, kind and document, click a node or an edge for the tasks behind it.
    """
    from loaders.files import atomic_write_text

    graph = load(paths, aliases_file)
    name = view_name or ("focus" if focus else "network")
    data = build_view(graph, name, focus, sides)
    atomic_write_text(output, render_page(data))
    click.echo(f"wrote {output}: {name} view, {len(data.nodes)} nodes, {len(data.edges)} edges")

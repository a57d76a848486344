"""``graphmodel build PATH... -o FILE``: build one graph over plans and write it."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.analysis import graph_stats
from graphmodel_cli.inputs import aliases_option, load, paths_argument
from graphmodel_cli.output import echo_rows, format_option


@click.command()
@paths_argument
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The graph file: .json (node-link), .graphml or .gexf.")
@aliases_option
@format_option
def build(paths: tuple[Path, ...], output: Path, aliases_file: Path | None, fmt: str) -> None:
    """Build the responsibility graph of the plans in PATH... and write it to FILE.

    PATH may be a document (.txt, .html, .docx, .pdf), a folder of them, or a saved
    extraction (.json). Prints what the graph holds.
    """
    from loaders.export import graph_format, write_graph

    kind = graph_format(output)  # a wrong extension fails before the work, not after
    graph = load(paths, aliases_file)
    write_graph(graph, output)
    click.echo(f"graphmodel: wrote {output} ({kind}): {graph.number_of_nodes()} nodes, "
               f"{graph.number_of_edges()} edges", err=True)
    echo_rows([{"what": k, "count": v} for k, v in graph_stats(graph).items()], fmt)

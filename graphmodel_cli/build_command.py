"""``graphmodel build PATH... -o FILE``: build one graph over plans and write it."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel_cli.inputs import (
    CachedPack,
    aliases_option,
    cached_pack,
    graph_summary,
    load,
    load_or_pack,
    paths_argument,
)
from graphmodel_cli.output import echo_rows, format_option, output_option


@click.command()
@paths_argument
@output_option(required=True,
               help="The graph file: .gmg (graphmodel's own, fastest to read), .json (node-link), .graphml or "
                    ".gexf; - writes node-link JSON to standard output (the table then goes to stderr).")
@aliases_option
@format_option
def build(paths: tuple[Path, ...], output: Path, aliases_file: Path | None, fmt: str) -> None:
    """Build the responsibility graph of the plans in PATH... and write it to FILE.

    PATH may be a document (.txt, .html, .docx, .pdf), a folder of them, or a saved
    extraction (.json). Prints what the graph holds.

    \b
    Examples:
      graphmodel build plans/ -o plans.graphml
      graphmodel build 2021.docx 2022.pdf -o both.json --strict
    """
    from loaders.files import STDOUT, atomic_write_bytes
    from loaders.graph_files import graph_format, write_graph

    kind = graph_format(output)  # a wrong extension fails before the work, not after
    if kind == "gmg":  # the graph cache's pack, when it holds this corpus's, is written without reading it
        got = load_or_pack(paths, aliases_file, output=output, write=True)
    else:
        got = load(paths, aliases_file, output=output)
    if isinstance(got, CachedPack):
        if not got.written:  # (a pack just made is written while the graph cache keeps it)
            atomic_write_bytes(output, got.pack)
        summary = got.summary
    else:
        pack = cached_pack(got) if kind == "gmg" else None
        if pack is not None:  # the graph cache holds this graph's pack: the same bytes, not encoded again
            atomic_write_bytes(output, pack)
        else:
            write_graph(got, output)
        summary = graph_summary(got)
    to_stdout = str(output) == STDOUT
    where = "standard output" if to_stdout else str(output)
    click.echo(f"graphmodel: wrote {where} ({kind}): {summary['nodes']} nodes, {summary['edges']} edges", err=True)
    rows = [{"what": k, "count": v} for k, v in summary["stats"]]
    if to_stdout:
        from graphmodel_cli.output import render

        click.echo(render(rows, fmt), err=True)
    else:
        echo_rows(rows, fmt)

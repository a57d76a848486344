"""``graphmodel stats PATH...``: what a graph holds, at a glance."""

from __future__ import annotations

import json
from pathlib import Path

import click

from graphmodel.analysis import graph_stats, pairs_by_document
from graphmodel.graph import document_record, documents, tasks_by_document
from graphmodel_cli.inputs import aliases_option, load, paths_argument
from graphmodel_cli.output import echo_rows, format_option


@click.command()
@paths_argument
@aliases_option
@format_option
def stats(paths: tuple[Path, ...], aliases_file: Path | None, fmt: str) -> None:
    """Count nodes by kind and edges by type, and list the documents with their tasks and pairs.

    Tables and CSV give the counts, a blank line, then the documents; JSON gives both in one
    object.

    \b
    Examples:
      graphmodel stats plans/
      graphmodel stats plans.graphml --format csv
    """
    graph = load(paths, aliases_file)
    counts = graph_stats(graph)
    docs = []
    tasks = tasks_by_document(graph)
    pairs = pairs_by_document(graph)
    for d in documents(graph):
        record = document_record(graph, d)
        docs.append({"document": d, "date": record.date, "sides": list(record.sides), "tasks": len(tasks.get(d, [])),
                     "pairs": pairs.get(d, 0)})
    if fmt == "json":
        click.echo(json.dumps({"counts": counts, "documents": docs}, ensure_ascii=False, indent=2))
        return
    echo_rows([{"what": k, "count": v} for k, v in counts.items()], fmt)
    click.echo()
    echo_rows(docs, fmt, ["document", "date", "sides", "tasks", "pairs"])

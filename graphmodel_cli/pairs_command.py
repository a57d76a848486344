"""``graphmodel pairs PATH...``: counterpart units ranked by the tasks they share."""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel.analysis.pairs import TaskRows, counterpart_pairs
from graphmodel.graph import find_unit
from graphmodel_cli.inputs import TaskLabels, analysis_options, load_selection, paths_argument
from graphmodel_cli.output import echo_rows


@click.command()
@paths_argument
@click.option("--top", type=click.IntRange(min=1), help="At most this many pairs.")
@click.option("--side", help="Only pairs with a unit of this side (e.g. 大连市).")
@click.option("--unit", help="Only pairs with this unit (name, alias or id).")
@click.option("--min-shared", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only pairs sharing at least this many tasks.")
@analysis_options
def pairs(paths: tuple[Path, ...], top: int | None, side: str | None, unit: str | None, min_shared: int,
          documents: tuple[str, ...], aliases_file: Path | None, fmt: str) -> None:
    """Counterpart pairs: units of different sides that share tasks, most shared first.

    Ties are broken by Jaccard (shared tasks over the tasks either unit has). JSON gives each
    pair's units (name, side, id), the count, the Jaccard and the shared tasks.

    \b
    Examples:
      graphmodel pairs plans/ --top 10
      graphmodel pairs plan.txt --side 大连市 --min-shared 2 --format csv
      graphmodel pairs plan.txt --unit 大连市发展改革委
    """
    # Over the whole corpus the answer is the stored COUNTERPART edges: a saved graph's other
    # edges (nineteen in twenty) need not be read, nor its tasks' attributes but their numbers
    # and documents (the tables' labels, JSON's task rows).
    graph, docs, side = load_selection(paths, aliases_file, documents, side, edge_types=("COUNTERPART",),
                                       node_attributes={"Task": ("document", "number")})
    unit_id = find_unit(graph, unit) if unit else None
    found = counterpart_pairs(graph, document=docs, side=side, unit=unit_id, top=top, min_shared=min_shared)
    if fmt == "json":
        rows = TaskRows(graph)  # each task's row made once: tasks recur from pair to pair
        echo_rows((p.to_dict(graph, rows) for p in found), fmt)  # each pair's made as it is written
        return
    labels = TaskLabels(graph, docs)  # the documents counted once, each one's prefix made once
    echo_rows([{"a": p.a.name, "a side": p.a.side, "b": p.b.name, "b side": p.b.side, "shared": p.shared,
                "jaccard": p.jaccard, "tasks": labels(p.tasks)} for p in found], fmt,
              ["a", "a side", "b", "b side", "shared", "jaccard", "tasks"])

"""``graphmodel units PATH...``: each unit's workload and place in the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphmodel.analysis import DEFAULT_SEED, network_metrics, workload
from graphmodel_cli.inputs import analysis_options, load_selection, paths_argument
from graphmodel_cli.output import echo_rows

COLUMNS = ["unit", "side", "tasks", "lead", "support", "documents", "counterparts", "degree", "betweenness",
           "community", "bridges"]


@click.command()
@paths_argument
@click.option("--side", help="Only units of this side.")
@click.option("--top", type=click.IntRange(min=1), help="At most this many units.")
@click.option("--sort", "sort_by", type=click.Choice(["tasks", "lead", "betweenness", "degree"]),
              default="tasks", show_default=True, help="Order by this, highest first.")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Seed of the Louvain communities.")
@analysis_options
def units(paths: tuple[Path, ...], side: str | None, top: int | None, sort_by: str, seed: int,
          documents: tuple[str, ...], aliases_file: Path | None, fmt: str) -> None:
    """Workload (tasks, lead tasks, documents) and co-responsibility network figures per unit.

    degree: units it shares a task with (either side); betweenness: how often it lies on the
    shortest paths between others; community: its Louvain community (0 is the largest);
    bridges: other communities its neighbours belong to.

    \b
    Examples:
      graphmodel units plans/ --top 20
      graphmodel units plan.txt --side 上海市 --sort betweenness
    """
    graph, docs, side = load_selection(paths, aliases_file, documents, side)
    net = {r.unit.id: r for r in network_metrics(graph, document=docs, seed=seed)}
    rows: list[dict[str, Any]] = []
    for w in workload(graph, document=docs, side=side):
        n = net[w.unit.id]
        rows.append({"unit": w.unit.name, "side": w.unit.side, "tasks": w.tasks, "lead": w.lead,
                     "support": w.support, "documents": len(w.documents), "counterparts": w.counterparts,
                     "degree": n.degree, "betweenness": n.betweenness, "community": n.community,
                     "bridges": n.bridges, "_id": w.unit.id, "_documents": list(w.documents)})
    if sort_by != "tasks":
        rows.sort(key=lambda r: -r[sort_by])  # stable: ties keep the workload order
    rows = rows[:top] if top else rows
    if fmt == "json":
        echo_rows([{"unit": {"id": r["_id"], "name": r["unit"], "side": r["side"]},
                    **{c: r[c] for c in COLUMNS[2:] if c != "documents"}, "documents": r["_documents"]}
                   for r in rows], fmt)
        return
    echo_rows(rows, fmt, COLUMNS)

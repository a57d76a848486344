"""``graphmodel demo``: the whole chain on the bundled plan, with no server.

Extracts the bundled 2020 Shanghai–Dalian plan, builds the graph, prints the top counterpart
pairs and writes the counterparts view as one offline HTML page.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from graphmodel.analysis import counterpart_pairs
from graphmodel.extract import extract
from graphmodel.graph import build_graph
from graphmodel.views import build_view, render_page
from graphmodel_cli.inputs import task_labels
from graphmodel_cli.output import format_option, output_option, render

EXAMPLE = "2020-shanghai-dalian-plan.txt"


@click.command()
@output_option(default=Path("graphmodel-demo.html"), show_default=True,
               help="Where to write the HTML view (- for standard output; the table then goes to stderr).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many pairs to list.")
@format_option
def demo(output: Path, top: int, fmt: str) -> None:
    """Run the main job on the bundled example plan: extract, build, pair, view.

    \b
    Examples:
      graphmodel demo
      graphmodel demo --top 3 -o /tmp/demo.html
    """
    from loaders.files import STDOUT, atomic_write_text, check_output

    check_output(output)  # a folder that does not exist fails before anything is printed
    to_stdout = str(output) == STDOUT
    text = (resources.files("graphmodel") / "data" / EXAMPLE).read_text(encoding="utf-8")
    extraction = extract(text, source=EXAMPLE)
    graph = build_graph([extraction])
    annotated = sum(1 for t in extraction.tasks if t.responsibilities)
    units = sum(1 for u in extraction.units if not u.collective)
    click.echo(f"{extraction.document.title}: {annotated} tasks with responsibilities, {units} units, "
               f"sides {' / '.join(s.name for s in extraction.document.sides)}", err=True)
    found = counterpart_pairs(graph, top=top)
    if fmt == "json":
        table = render([p.to_dict(graph) for p in found], fmt)
    else:
        table = render([{"a": p.a.name, "b": p.b.name, "shared": p.shared, "jaccard": p.jaccard,
                         "tasks": task_labels(graph, p.tasks, None)} for p in found], fmt,
                       ["a", "b", "shared", "jaccard", "tasks"])
    click.echo(table, err=to_stdout)
    data = build_view(graph, "counterparts", None, ())
    atomic_write_text(output, render_page(data))
    where = "standard output" if to_stdout else output
    click.echo(f"wrote {where}: counterparts view, {data.node_count} nodes, {data.edge_count} edges "
               "(open it in a browser; it needs no network)", err=True)

"""``graphmodel review PATH... [-o review.html]``: what was read from each plan, flagged items first."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import click

from graphmodel.model import Extraction
from graphmodel.review.flags import FLAGS
from graphmodel_cli.inputs import aliases_option, document_option, load_documents, paths_argument
from graphmodel_cli.output import echo_rows, format_option, output_option

TABLE = ("document", "task", "flags", "annotation", "read", "details")
CSV = ("document", "task", "flags", "annotation", "read", "placeholders", "places", "details")


def _texts(extractions: Sequence[Extraction]) -> dict[str, str]:
    """Each document's text as read, where its source is a document file that still holds the
    text extracted (a saved extraction, a moved or edited file: no text, the items say so)."""
    from loaders.documents import read_document

    texts = {}
    for ex in extractions:
        source = ex.document.source
        if not source or source.lower().endswith(".json") or not Path(source).is_file():
            continue
        text = read_document(source)
        if ex.document.sha256 in (None, hashlib.sha256(text.encode("utf-8")).hexdigest()):
            texts[ex.document.id] = text
    return texts


@click.command()
@paths_argument
@output_option(default=None,
               help="Write the review page (one self-contained, offline UTF-8 HTML file) here instead of "
                    "printing the list; - for standard output.")
@format_option
@click.option("--flag", "flags", multiple=True, type=click.Choice(["strong", *FLAGS]),
              help="Only items with this flag (strong: any flag but one-plan and close-name); "
                   "may be repeated (any of them).")
@document_option
@click.option("--unit", "units", multiple=True, metavar="UNIT",
              help="Only tasks naming this unit (name, alias, end of a name, or id); may be repeated.")
@aliases_option
def review(paths: tuple[Path, ...], output: Path | None, fmt: str, flags: tuple[str, ...],
           documents: tuple[str, ...], units: tuple[str, ...], aliases_file: Path | None) -> None:
    """List every task of the plans in PATH... with its annotation as written and what was read from it.

    Items the extractor was unsure of come first, each with its flags: warnings, annotations it
    could not split, unread brackets, tasks with several annotations or none, sides and roles
    assumed, units only one plan names, names close to another unit's. With -o, a page that
    filters by document, flag and unit and exports a corrections file (graphmodel.corrections.tsv).

    \b
    Examples:
      graphmodel review plans/ -o review.html
      graphmodel review plans/ --flag unsplit --flag no-annotation
      graphmodel review plan.txt --unit 市发展改革委 --format csv
    """
    from graphmodel.errors import InputError
    from graphmodel.graph import build_graph, find_document, find_unit
    from graphmodel.review import filter_items, review_items
    from loaders.corpus import is_graph_file

    for p in paths:
        # A graph merges its documents: what each plan's annotation said is no longer there.
        if is_graph_file(p):
            raise InputError(f"{p}: a graph file holds no plan's reading; review the plans "
                             "or their saved extractions")
    extractions = load_documents(paths, aliases_file, output=output)
    items = review_items(extractions, _texts(extractions))
    if documents or units:
        graph = build_graph(extractions)
        doc_ids = [find_document(graph, d) for d in documents]
        unit_ids = [find_unit(graph, u, groups=True) for u in units]
    else:
        doc_ids, unit_ids = [], []
    items = filter_items(items, flags, doc_ids, unit_ids)
    flagged = sum(1 for it in items if it.flags)
    if output is None:
        if fmt == "json":
            echo_rows([{**it.to_dict(), "codes": it.codes} for it in items], fmt)
        else:
            echo_rows([it.row() for it in items], fmt, TABLE if fmt == "table" else CSV)
        click.echo(f"{len(items)} items, {flagged} flagged", err=True)
        return
    from graphmodel.review.review_page import render_review
    from loaders.files import atomic_write_text

    atomic_write_text(output, render_review(items, extractions))
    plans = f"{len(extractions)} document" + ("" if len(extractions) == 1 else "s")
    click.echo(f"wrote {output}: {len(items)} items, {flagged} flagged, {plans}", err=True)

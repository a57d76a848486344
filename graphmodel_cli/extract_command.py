"""``graphmodel extract FILE``: print one document's extraction as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from graphmodel.errors import InputError
from graphmodel.extract import extract as extract_text
from graphmodel_cli.inputs import CORRECTIONS_HELP, corrected, echo_warning, read_corrections_for
from graphmodel_cli.output import output_option

LONG_DOCUMENT = 200_000  # characters: from here extraction takes seconds, so a bar shows it is alive


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@output_option(help="Write the JSON here (- for standard output, the default).")
@click.option("--aliases", "aliases_file", type=click.Path(path_type=Path, dir_okay=False),
              help="A file of unit aliases (one unit a line, names tab-separated, canonical first).")
@click.option("--corrections", "corrections_file", type=click.Path(path_type=Path, dir_okay=False),
              help=CORRECTIONS_HELP)
@click.option("--compact", is_flag=True, help="One line of JSON instead of indented.")
def extract(file: Path, output: Path | None, aliases_file: Path | None, corrections_file: Path | None,
            compact: bool) -> None:
    """Extract tasks, responsible units, sides, districts, parks and pairings from FILE.

    FILE may be .txt (any common encoding), .html, .docx or .pdf with a text layer. Warnings
    (an annotation that could not be split cleanly) go to stderr with their position.
    Corrections (--corrections, else graphmodel.corrections.tsv beside FILE) are applied to
    the reading; each corrected fact carries "correction": "FILE:LINE".

    \b
    Examples:
      graphmodel extract plan.docx -o plan.json
      graphmodel extract plan.txt --compact | jq '.tasks | length'
    """
    from loaders.aliases import read_aliases
    from loaders.corpus import is_graph_file
    from loaders.documents import read_document
    from loaders.files import atomic_write_text, check_output

    if output is not None:
        check_output(output, [file])
    corrections = read_corrections_for([file], corrections_file)  # a bad file fails before the work
    if file.exists() and is_graph_file(file):
        raise InputError(f"{file}: a graph file, not a plan document; extract reads .txt, .html, .docx and .pdf")
    aliases = read_aliases(aliases_file) if aliases_file else None
    text = read_document(file)
    if len(text) < LONG_DOCUMENT:
        result = extract_text(text, source=str(file), aliases=aliases)
    else:
        with click.progressbar(length=1000, label=f"extracting {file.name}", file=sys.stderr) as bar:
            def advance(share: float) -> None:
                bar.update(int(share * 1000) - bar.pos)

            result = extract_text(text, source=str(file), aliases=aliases, progress=advance)
    for w in result.warnings:
        echo_warning(str(file), w)
    result = corrected(result, file, corrections, aliases)
    data = result.to_dict()
    out = json.dumps(data, ensure_ascii=False, indent=None if compact else 2) + "\n"
    if output is None:
        click.echo(out, nl=False)
    else:
        atomic_write_text(output, out)

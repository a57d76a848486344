"""``graphmodel export [--to neo4j-import] DIR PATH...``: the plans as files for bulk tools.

``neo4j-import`` writes node and relationship CSV files with typed headers, and
``import.args``, for ``neo4j-admin database import full`` (see `loaders.neo4j_import`): the
database `graphmodel load` would write for the same plans. The local server imports them with
``graphmodel neo4j import DIR``.
"""

from __future__ import annotations

from pathlib import Path

import click

from graphmodel_cli.inputs import aliases_option, paths_argument

__all__ = ["export"]

FORMATS = ("neo4j-import",)


def _refuse_format(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    # --format is the table format of the analysis commands; export's file format was called so once.
    if value is not None:
        # The value is echoed only when it is one of the formats: a user's text may hold a line break.
        hint = f" (--to {value})" if value in FORMATS else f" (--to {'|'.join(FORMATS)})"
        raise click.BadOptionUsage("format", f"export takes --to, not --format{hint}; "
                                   "--format is the table format of the analysis commands", ctx)


@click.command("export")
@click.option("--to", "fmt", type=click.Choice(FORMATS), default="neo4j-import", show_default=True,
              help="The file format to write.")
@click.option("--format", hidden=True, expose_value=False, is_eager=True, callback=_refuse_format)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@paths_argument
@aliases_option
def export(fmt: str, directory: Path, paths: tuple[Path, ...], aliases_file: Path | None) -> None:
    """Write the graph of the plans in PATH... into the folder DIRECTORY.

    The folder is written whole or not at all (a temporary folder beside it is swapped in);
    a folder holding other files than an earlier export's is refused.

    \b
    Examples:
      graphmodel export import-csv plans/
      graphmodel export --to neo4j-import import-csv plans/ 2021.txt
      graphmodel neo4j import import-csv
    """
    from graphmodel_cli.load_command import read_parts
    from loaders.files import check_output_folder
    from loaders.neo4j_import import ARGS_FILE, is_export_file, write_import_csvs

    check_output_folder(directory, is_export_file)  # before the work, not after
    files = write_import_csvs(read_parts(paths, aliases_file), directory)
    click.echo(f"wrote {len(files.nodes)} node files and {len(files.relationships)} relationship files "
               f"({files.node_count} nodes, {files.relationship_count} relationships) into {directory}", err=True)
    click.echo(f"import with: cd {directory} && neo4j-admin database import full @{ARGS_FILE} neo4j")

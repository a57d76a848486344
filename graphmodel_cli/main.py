"""The ``graphmodel`` command group and its one error policy.

A `GraphmodelError` (or an OS error such as a missing file) becomes one line on stderr and
exit code 2; nothing else is caught, so a bug still shows its traceback.
"""

from __future__ import annotations

import click

from graphmodel import __version__
from graphmodel.errors import GraphmodelError


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except GraphmodelError as exc:
            click.echo(f"graphmodel: error: {exc}", err=True)
            ctx.exit(2)
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"graphmodel: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("graphmodel: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphmodel")
def cli() -> None:
    """Turn government work plans into a graph of who is responsible for what."""


def _register() -> None:
    # Each command lives in its own module; adding one is one line here.
    from graphmodel_cli import (
        build,
        compare,
        demo,
        export,
        extract,
        gaps,
        load,
        neo4j,
        pairs,
        query,
        stats,
        suggest,
        units,
        view,
    )

    for command in (
        demo.demo,  # the whole chain on the bundled plan
        extract.extract,  # document → extraction JSON
        build.build,  # documents → graph file
        pairs.pairs,  # the analyses
        units.units,
        gaps.gaps,
        suggest.suggest,
        compare.compare,
        stats.stats,
        view.view,  # HTML views
        neo4j.neo4j,  # the local server
        load.load,  # Neo4j
        query.query,
        export.export,
    ):
        cli.add_command(command)


_register()

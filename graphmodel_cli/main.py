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
    from graphmodel_cli import extract

    cli.add_command(extract.extract)
    from graphmodel_cli import export, load, neo4j, query

    cli.add_command(neo4j.neo4j)
    cli.add_command(load.load)
    cli.add_command(query.query)
    cli.add_command(export.export)
    from graphmodel_cli import build, compare, gaps, pairs, stats, suggest, units

    cli.add_command(build.build)
    cli.add_command(pairs.pairs)
    cli.add_command(units.units)
    cli.add_command(gaps.gaps)
    cli.add_command(suggest.suggest)
    cli.add_command(compare.compare)
    cli.add_command(stats.stats)
    from graphmodel_cli import view

    cli.add_command(view.view)
    from graphmodel_cli import demo

    cli.add_command(demo.demo)


_register()

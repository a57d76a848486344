"""The ``graphmodel`` command group and its one error policy.

A `GraphmodelError` (or an OS error such as a missing file) becomes one line on stderr and
exit code 2; nothing else is caught, so a bug still shows its traceback. SIGTERM and SIGHUP
are turned into an exception, as Ctrl-C (SIGINT) is, so every output being written removes its
temporary file on the way out; the exit code is then 128 + the signal's number.

The console script runs `main`: after a command that succeeded (its outputs renamed into place,
its output flushed) the process leaves with ``os._exit``, so it does not spend a quarter of a
second freeing a large graph object by object only to give the memory back to the system.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click

from graphmodel import __version__
from graphmodel.errors import GraphmodelError
from graphmodel_cli.helpformat import FullSummaryGroup


class Terminated(BaseException):
    """A signal asked the process to end (a BaseException, like KeyboardInterrupt: nothing
    catching ``Exception`` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _terminate(signum: int, _frame: object) -> None:
    # Once is enough: a second signal while the first unwinds must not cut the cleanup short.
    for sig in _SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise Terminated(signum)


_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@contextmanager
def _signals_as_exceptions() -> Iterator[None]:
    try:
        previous = {sig: signal.signal(sig, _terminate) for sig in _SIGNALS}
    except ValueError:  # not the main thread: leave the handlers alone
        previous = {}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _remove_temps() -> None:
    from loaders.files import remove_live_temps

    remove_live_temps()


# Each command lives in its own module, imported only when the command runs (or its own help is
# asked for), so ``graphmodel --version`` and ``--help`` load no parser, graph library or driver.
# Each entry: the module (graphmodel_cli.<module> defines the command function of the command's
# name) and the command's one-line help, as its docstring's first sentence says it;
# tests/cli/test_start.py checks that they agree. Adding a command is one line here.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("demo_command", "Run the main job on the bundled example plan: extract, build, pair, view."),
    "extract": ("extract_command", "Extract tasks, responsible units, sides, districts, parks and pairings from FILE."),
    "build": ("build_command", "Build the responsibility graph of the plans in PATH... and write it to FILE."),
    "pairs": ("pairs_command", "Counterpart pairs: units of different sides that share tasks, most shared first."),
    "units": ("units_command",
              "Workload (tasks, lead tasks, documents) and co-responsibility network figures per unit."),
    "gaps": ("gaps_command", "Gaps in the pairing of work."),
    "suggest": ("suggest_command", "Candidate counterparts for UNIT (name, alias, end of a name, or id)."),
    "compare": ("compare_command",
                "Compare plan (or folder, or graph file) BEFORE with AFTER, e.g. last year's with this year's."),
    "stats": ("stats_command",
              "Count nodes by kind and edges by type, and list the documents with their tasks and pairs."),
    "view": ("view_command", "Write an HTML view of the plans in PATH..."),
    "review": ("review_command",
               "List every task of the plans in PATH... with its annotation as written and what was read from it."),
    "neo4j": ("neo4j_command", "Run a local Neo4j server (Bolt and Neo4j Browser on 127.0.0.1, no authentication)."),
    "load": ("load_command", "Load plans, folders of plans, saved extractions or a graph file into Neo4j."),
    "unload": ("load_command", "Take documents (ids or titles) out of Neo4j; what other plans state stays."),
    "query": ("query_command", "Run the named query NAME of the Cypher library (see --list)."),
    "cypher": ("cypher_command", "Run Cypher QUERY (or the statements of --file) and print the rows it returns."),
    "export": ("export_command", "Write the graph of the plans in PATH... into the folder DIRECTORY."),
}


class _Group(FullSummaryGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module = importlib.import_module(f"graphmodel_cli.{COMMANDS[cmd_name][0]}")
            self.add_command(getattr(module, cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.commands:
                rows.append((name, self.commands[name].get_short_help_str(limit=200)))
            else:
                # A stand-in with the same help gives the same line without importing the command.
                rows.append((name, click.Command(name, help=COMMANDS[name][1]).get_short_help_str(limit=200)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **kwargs: Any) -> Any:
        """click's main, with its usage errors as one line too (click prints three)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(f"graphmodel: error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"graphmodel: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("graphmodel: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> object:
        try:
            with _signals_as_exceptions():
                return super().invoke(ctx)
        except GraphmodelError as exc:
            click.echo(f"graphmodel: error: {exc}", err=True)
            ctx.exit(2)
        except BrokenPipeError:
            # The reader went away (`graphmodel pairs … | head`): nothing to report.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(141)
        except OSError as exc:
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"graphmodel: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            _remove_temps()
            click.echo("graphmodel: interrupted", err=True)
            ctx.exit(130)
        except Terminated as exc:
            _remove_temps()
            click.echo(f"graphmodel: terminated ({exc})", err=True)
            ctx.exit(128 + exc.signum)
        finally:
            gc.unfreeze()  # what `inputs.load` froze: collectable again when called in a longer process


@click.group("graphmodel", cls=_Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="graphmodel")
def cli() -> None:
    """Turn government work plans into a graph of who is responsible for what.

    Every command that reads plans takes documents (.txt, .html, .docx, .pdf), folders of them,
    saved extractions or one graph file; files that are not plans are skipped and named
    (--strict makes an unreadable file an error). Errors are one line on stderr, exit code 2.

    \b
    Examples:
      graphmodel demo
      graphmodel pairs plans/ --top 10
      graphmodel build plans/ -o plans.graphml
      graphmodel view plans/ --view counterparts -o view.html
      graphmodel neo4j start && graphmodel load plans/ && graphmodel query --list
    """


# What the command's end must not free when the process leaves right after it (set by `main`).
_QUICK_EXIT = False
_KEPT: list[object] = []


def keep_until_exit(obj: object) -> None:
    """Hold ``obj`` (a command's graph) to the end of the process when `main` leaves with a quick
    exit, so it is not freed object by object as the command returns; otherwise do nothing."""
    if _QUICK_EXIT:
        _KEPT.append(obj)


def main() -> None:
    """The ``graphmodel`` console script: `cli`, then a quick exit after a command that succeeded.

    Every output is complete by then (atomic writes are renamed before the command returns, and
    nothing graphmodel runs registers exit handlers), so only stdout and stderr are flushed; a
    flush that fails (a reader gone away) leaves by the ordinary exit, which reports it. Tests
    that call `cli` in-process (click's CliRunner) are not affected.
    """
    global _QUICK_EXIT
    _QUICK_EXIT = True
    try:
        cli.main()
    except SystemExit as exc:
        if exc.code in (0, None):
            _quick_exit()
        raise


def _quick_exit() -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(0)

"""Help pages that show each command's whole first sentence (click cuts it at 45 characters)."""

from __future__ import annotations

import click

__all__ = ["FullSummaryGroup"]


class FullSummaryGroup(click.Group):
    """A click group whose command list shows each command's first sentence, uncut."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=200)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

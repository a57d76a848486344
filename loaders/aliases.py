"""Reading a user's alias file."""

from __future__ import annotations

import os
from pathlib import Path

from graphmodel.extract.canonical import AliasTable
from loaders.documents.source import read_user_text

__all__ = ["read_aliases", "MAX_ALIAS_BYTES"]

MAX_ALIAS_BYTES = 16 * 2**20  # a table of every office in China is a few megabytes


def read_aliases(path: str | os.PathLike[str]) -> AliasTable:
    """The alias table in ``path`` (UTF-8; one unit a line, names separated by tabs, first canonical).

    Raises
    ------
    InputError
        When the file is missing, not a regular file (a pipe, a device), too large, or not UTF-8.
    """
    p = Path(path)
    text = read_user_text(p, "alias", MAX_ALIAS_BYTES)
    return AliasTable.from_text(text, str(p))

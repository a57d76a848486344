"""Reading a user's alias file."""

from __future__ import annotations

import os
from pathlib import Path

from graphmodel.errors import InputError
from graphmodel.extract.canonical import AliasTable
from loaders.documents.read_error import ReadError
from loaders.documents.source import read_bytes

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
    try:
        data = read_bytes(p, limit=MAX_ALIAS_BYTES)
    except ReadError as exc:
        reason = "no such alias file" if exc.reason == "no such file" else f"alias file: {exc.reason}"
        raise InputError(f"{p}: {reason}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{p}: the alias file is not UTF-8") from None
    return AliasTable.from_text(text, str(p))

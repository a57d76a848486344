"""Reading a user's alias file."""

from __future__ import annotations

import os
from pathlib import Path

from graphmodel.errors import InputError
from graphmodel.extract.units import AliasTable

__all__ = ["read_aliases"]


def read_aliases(path: str | os.PathLike[str]) -> AliasTable:
    """The alias table in ``path`` (UTF-8; one unit a line, names separated by tabs, first canonical)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{p}: no such alias file") from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: the alias file is not UTF-8") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read the alias file ({exc.strerror})") from None
    return AliasTable.from_text(text, str(p))

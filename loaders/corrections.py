"""Reading corrections files, and finding the one beside the plans.

`read_corrections` reads one file (UTF-8, at most `MAX_CORRECTIONS_BYTES`) and parses it with
`graphmodel.corrections.parse_corrections`; `find_corrections` lists the
``graphmodel.corrections.tsv`` files beside the inputs (in a folder given, or in the folder of a
file given); `corrections_for` is what commands use: the file named with ``--corrections``,
else those found beside the plans, else none.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from graphmodel.corrections import FILE_NAME, Corrections, CorrectionsError, apply_corrections, parse_corrections
from loaders.documents.source import read_user_text

if TYPE_CHECKING:
    from graphmodel.extract.canonical import AliasTable
    from graphmodel.model import Extraction

__all__ = ["MAX_CORRECTIONS_BYTES", "read_corrections", "find_corrections", "corrections_for", "correct"]

MAX_CORRECTIONS_BYTES = 64 * 2**20  # a reviewed corpus of thousands of plans is a few megabytes


def read_corrections(path: str | os.PathLike[str]) -> Corrections:
    """The corrections in ``path``.

    Raises
    ------
    CorrectionsError
        When the file is missing, not a regular file, too large, not UTF-8, or a line is not a
        correction (the message names ``FILE:LINE``).
    """
    p = Path(path)
    text = read_user_text(p, "corrections", MAX_CORRECTIONS_BYTES, CorrectionsError)
    return parse_corrections(text, str(p))


def find_corrections(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The ``graphmodel.corrections.tsv`` files beside ``paths``: in each folder given, and in
    the folder of each file given; each once, in the order found."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        folder = p if p.is_dir() else p.parent
        candidate = folder / FILE_NAME
        if candidate.is_file() and candidate not in found:
            found.append(candidate)
    return found


def corrections_for(paths: Iterable[str | os.PathLike[str]], named: str | os.PathLike[str] | None = None
                    ) -> Corrections | None:
    """The corrections a run on ``paths`` uses: the file ``named`` (``--corrections``), else the
    files found beside the plans (`find_corrections`), else None.

    Raises
    ------
    CorrectionsError
        A file cannot be read or parsed.
    """
    if named is not None:
        return read_corrections(named)
    files = find_corrections(paths)
    if not files:
        return None
    total = Corrections(named=False)
    for f in files:
        got = read_corrections(f)
        total = total + Corrections(got.items, got.texts, named=False)
    return total


def correct(extraction: Extraction, path: str | os.PathLike[str], corrections: Corrections | None,
            aliases: AliasTable | None = None) -> Extraction:
    """``extraction`` of the document at ``path`` with ``corrections`` applied.

    A saved extraction (``.json``) is taken as it was saved: `graphmodel extract` writes the
    corrected reading, which must not be corrected twice.
    """
    if corrections is None or not len(corrections) or Path(path).suffix.lower() == ".json":
        return extraction
    return apply_corrections(extraction, corrections, aliases)

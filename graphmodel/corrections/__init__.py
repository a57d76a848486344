"""Corrections as data: a person's decisions about a plan's reading, applied on every build.

`parse_corrections` reads the text of a ``graphmodel.corrections.tsv`` file (see
`graphmodel.corrections.parse` for the format) into `Corrections`; `apply_corrections` applies
those that name a document to its extraction, marking each corrected fact with ``FILE:LINE``.
Reading the file and finding it beside the plans is `loaders.corrections`' work.
"""

from graphmodel.corrections.apply import apply_corrections
from graphmodel.corrections.parse import (
    COLUMNS,
    FILE_NAME,
    HEADER,
    Correction,
    Corrections,
    CorrectionsError,
    format_corrections,
    parse_corrections,
)

__all__ = [
    "COLUMNS",
    "FILE_NAME",
    "HEADER",
    "Correction",
    "Corrections",
    "CorrectionsError",
    "apply_corrections",
    "format_corrections",
    "parse_corrections",
]

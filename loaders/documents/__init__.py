"""Documents into text: ``read_document(path)`` for .txt, .html/.htm, .docx and .pdf.

The text is what the extraction reads and what its character spans point into: as written,
except that a byte-order mark is dropped and line ends become ``\\n``. Each format's reader
lives in its own module and imports its parser only when called, so importing this package
is cheap. Every problem a user can cause is a `ReadError` naming the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from loaders.documents.read_error import ReadError
from loaders.documents.source import check_file

__all__ = ["read_document", "ReadError", "SUPPORTED"]

SUPPORTED = ".txt (or other plain text), .html/.htm, .docx and .pdf"

# Formats people hand in that we do not read, with what to do instead.
_UNSUPPORTED = {
    ".doc": "old binary Word: save it as .docx",
    ".wps": "WPS: save it as .docx",
    ".rtf": "save it as .docx",
    ".odt": "save it as .docx",
    ".ofd": "save it as PDF",
    ".caj": "save it as PDF",
    ".mht": "save the page as .html",
    ".mhtml": "save the page as .html",
    ".xls": "a spreadsheet",
    ".xlsx": "a spreadsheet",
    ".et": "a spreadsheet",
    ".ppt": "a presentation",
    ".pptx": "a presentation",
    ".dps": "a presentation",
    ".zip": "an archive: unpack it",
    ".rar": "an archive: unpack it",
    ".7z": "an archive: unpack it",
    ".gz": "an archive: unpack it",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".gif": "an image",
    ".bmp": "an image",
    ".tif": "an image",
    ".tiff": "an image",
}


def _read_plain(path: str | os.PathLike[str]) -> str:
    from loaders.documents.encoding import decode_text, normalise_newlines
    from loaders.documents.source import read_bytes

    return normalise_newlines(decode_text(read_bytes(path), path))


def _read_html(path: str | os.PathLike[str]) -> str:
    from loaders.documents.webpage import read_webpage

    return read_webpage(path)


def _read_docx(path: str | os.PathLike[str]) -> str:
    from loaders.documents.word import read_docx

    return read_docx(path)


def _read_pdf(path: str | os.PathLike[str]) -> str:
    from loaders.documents.pdf import read_pdf

    return read_pdf(path)


_READERS: dict[str, Callable[[str | os.PathLike[str]], str]] = {
    ".html": _read_html,
    ".htm": _read_html,
    ".shtml": _read_html,
    ".xhtml": _read_html,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}


def read_document(path: str | os.PathLike[str]) -> str:
    """Read a document's text, ready for extraction.

    The format follows the suffix: .html/.htm/.shtml/.xhtml are web pages (the article only),
    .docx Word, .pdf PDF with a text layer; any other suffix not known to be a binary format
    (.txt, .md, none...) is plain text in UTF-8, GB18030/GBK or UTF-16, detected.

    Parameters
    ----------
    path
        The document.

    Returns
    -------
    str
        The text, with ``\\n`` line ends and no byte-order mark.

    Raises
    ------
    ReadError
        With a one-line message naming the file and the problem: missing, a folder, empty,
        binary, undecodable, an unsupported format, a corrupt or encrypted file, a PDF without
        a text layer.
    """
    check_file(path)
    suffix = Path(path).suffix.lower()
    if suffix in _UNSUPPORTED:
        raise ReadError(path, f"unsupported format {suffix} ({_UNSUPPORTED[suffix]}); graphmodel reads {SUPPORTED}")
    text = _READERS.get(suffix, _read_plain)(path)
    return text[1:] if text.startswith("\ufeff") else text

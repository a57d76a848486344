"""Getting a document's bytes, with the user's mistakes (no file, a folder) as `ReadError`."""

from __future__ import annotations

import os
from pathlib import Path

from loaders.documents.errors import ReadError

__all__ = ["check_file", "read_bytes", "sniff_format"]

# Magic numbers of the binary formats people most often hand us by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .docx, .xlsx)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (e.g. .doc, .xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)


def check_file(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` as a `Path` once it is known to be an existing regular file.

    Raises
    ------
    ReadError
        When nothing is there, or a folder is.
    """
    p = Path(path)
    if p.is_dir():
        raise ReadError(path, "is a folder, not a file")
    if not p.exists():
        raise ReadError(path, "no such file")
    return p


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read the whole file, turning OS errors the user can cause into `ReadError`."""
    p = check_file(path)
    try:
        return p.read_bytes()
    except PermissionError:
        raise ReadError(path, "permission denied") from None
    except OSError as exc:
        raise ReadError(path, f"cannot be read ({exc.strerror or exc})") from None


def sniff_format(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, if it is a well-known one."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None

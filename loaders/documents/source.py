"""Getting a document's bytes, with the user's mistakes (no file, a folder, a device, a pipe, a
file too large to be a plan) as `ReadError`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from graphmodel.errors import InputError
from loaders.documents.read_error import ReadError

__all__ = ["MAX_DOCUMENT_BYTES", "check_file", "read_bytes", "read_bytes_and_status", "sniff_format", "special_kind"]

# Plans are kilobytes to a few megabytes (a PDF with images some tens); past this a file is no
# plan, and reading it whole would only exhaust memory.
MAX_DOCUMENT_BYTES = 256 * 2**20

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


def special_kind(mode: int) -> str | None:
    """What a file of this ``st_mode`` is when it is neither a regular file nor a folder."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return "not a regular file"
    return None


def _refuse_mode(path: str | os.PathLike[str], mode: int) -> None:
    """Refuse anything but a regular file: a folder, a device, a pipe, a socket."""
    if stat.S_ISDIR(mode):
        raise ReadError(path, "is a folder, not a file")
    kind = special_kind(mode)
    if kind is not None:
        raise ReadError(path, f"is {kind}, not a document file")


def _read_error(path: str | os.PathLike[str], exc: OSError) -> ReadError:
    """An OS error a user can cause, as the `ReadError` naming ``path`` (raised ``from None``).
    Not a context manager: entering and leaving one cost more than the read of a small plan's
    status (`read_bytes_and_status` runs for every plan, twice in a build)."""
    if isinstance(exc, FileNotFoundError):
        return ReadError(path, "no such file")
    if isinstance(exc, PermissionError):
        return ReadError(path, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return ReadError(path, "is a folder, not a file")
    return ReadError(path, f"cannot be read ({exc.strerror or exc})")


def check_file(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` as a `Path` once it is known to be an existing regular file.

    Raises
    ------
    ReadError
        When nothing is there, or a folder, a device, a pipe or a socket is.
    """
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except OSError as exc:
        raise _read_error(path, exc) from None
    _refuse_mode(path, mode)
    return p


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Read the whole file, turning OS errors the user can cause into `ReadError`.

    The file is opened without blocking and checked to be a regular file on the open handle, so
    a pipe or a device put in its place after `check_file` is refused, not read forever; at most
    ``limit`` bytes are read.
    """
    return read_bytes_and_status(path, limit)[0]


def read_bytes_and_status(path: str | os.PathLike[str], limit: int = MAX_DOCUMENT_BYTES
                          ) -> tuple[bytes, os.stat_result]:
    """`read_bytes`, and the status of the file read (taken on the open handle before reading)."""
    p = check_file(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(p, flags)
    except OSError as exc:
        raise _read_error(path, exc) from None
    try:
        info = os.fstat(fd)
        _refuse_mode(path, info.st_mode)
        if info.st_size > limit:
            size, most = _megabytes(info.st_size), _megabytes(limit)
            raise ReadError(path, f"is {size}; graphmodel reads documents up to {most}")
        try:
            data = _read_to_end(fd, info.st_size, limit)
        except OSError as exc:
            raise _read_error(path, exc) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # a file that grew, or one whose size the system does not report (/proc)
        raise ReadError(path, f"is larger than {_megabytes(limit)}; graphmodel reads documents up to that size")
    return data, info


def _read_to_end(fd: int, size: int, limit: int) -> bytes:
    """The bytes of ``fd`` to its end, or its first ``limit + 1``. Asked for the ``size`` its
    status gives and one byte more, then on to the end (the file may have grown, or its size
    may be unknown: 0 under /proc): a buffered read of ``limit + 1`` bytes at once made a
    buffer of that size first, half the time of reading a plan of 22 KB (38 of 77 us)."""
    chunks: list[bytes] = []
    total = 0
    want = min(size, limit) + 1
    while total <= limit:
        chunk = os.read(fd, min(want, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = max(want, 1 << 16)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_user_text(path: str | os.PathLike[str], what: str, limit: int,
                   error: type[InputError] = InputError) -> str:
    """A file the user writes for graphmodel (an alias table, corrections), as UTF-8 text.

    ``what`` names it in the one-line ``error`` raised when it is missing, not a regular file,
    over ``limit`` bytes, or not UTF-8 (then with the line: ``FILE:LINE: the WHAT file is not
    UTF-8``).
    """
    try:
        data = read_bytes(path, limit=limit)
    except ReadError as exc:
        reason = f"no such {what} file" if exc.reason == "no such file" else f"{what} file: {exc.reason}"
        raise error(f"{path}: {reason}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"{path}:{line}: the {what} file is not UTF-8") from None


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def sniff_format(data: bytes) -> str | None:
    """Name the binary format ``data`` starts with, if it is a well-known one."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    return None

"""Writing outputs so that a failure, a signal or a mistake never destroys anything.

- A regular file is written to a temporary file beside it, then renamed over it: readers see
  the old file or the whole new one. A symlink is written through (its target is replaced, the
  link stays).
- A character device or a pipe (``/dev/null``, ``/dev/stdout``, a FIFO, ``>(cmd)``) is written
  through, never replaced by a file; so is anything under ``/dev`` or ``/proc``. ``-`` is
  standard output. A block device or a socket is refused.
- A folder of several files (`atomic_folder`) is written as a temporary folder beside it and
  swapped in whole, so it never holds a mix of old and new files.
- Temporary files and folders are named ``.<name>.graphmodel-<pid>-<random>.tmp``. Those still
  open when the process ends by an exception or a signal the CLI turns into one (SIGTERM,
  SIGINT, SIGHUP) are removed on the way out (`remove_live_temps` removes whatever is left);
  those a ``kill -9`` left behind are removed by the next write of the same output once their
  process is gone (`remove_stale_temps`).
- `check_output` refuses, before any work, an output that is one of the inputs, a folder, or
  in a folder that does not exist.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from graphmodel.errors import InputError

__all__ = [
    "STDOUT",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "atomic_folder",
    "check_output",
    "check_output_folder",
    "is_stream",
    "remove_live_temps",
    "remove_stale_temps",
]

STDOUT = "-"  # the output path that means standard output
_MARK = ".graphmodel-"  # in every temporary name: ``.<name>.graphmodel-<pid>-<random>.tmp``
_SUFFIX = ".tmp"
# A leftover whose process id is in use again (pids are reused) is removed once it is this old.
STALE_SECONDS = 24 * 3600

_LIVE: set[str] = set()  # temporary files and folders this process is writing


def is_stream(path: str | os.PathLike[str]) -> bool:
    """Whether writing ``path`` must write through instead of replacing a file.

    True for ``-``, character devices and pipes (also behind symlinks, such as ``/dev/stdout``)
    and anything under ``/dev`` or ``/proc``.
    """
    text = os.fspath(path)
    if text == STDOUT:
        return True
    absolute = os.path.abspath(text)
    if absolute.startswith(("/dev/", "/proc/")):
        return True
    try:
        mode = os.stat(text).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _refuse_special(path: str | os.PathLike[str]) -> None:
    if os.fspath(path) == STDOUT:
        return
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a folder; give a file name")
    if stat.S_ISBLK(mode):
        raise InputError(f"{path}: is a block device; graphmodel writes files, character devices and pipes")
    if stat.S_ISSOCK(mode):
        raise InputError(f"{path}: is a socket; graphmodel writes files, character devices and pipes")


def check_output(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Refuse an output path before any work is done.

    Parameters
    ----------
    path
        Where the command will write (``-`` for standard output).
    inputs
        The files the command reads; the output must be none of them (compared by inode, so a
        symlink or a hard link to an input counts).

    Raises
    ------
    InputError
        The output is an input, a folder, a block device or a socket, or its folder does not
        exist.
    """
    if os.fspath(path) == STDOUT:
        return
    _refuse_special(path)
    if not is_stream(path):
        folder = Path(os.path.realpath(path)).parent
        if not folder.is_dir():
            raise InputError(f"{path}: the folder {Path(path).parent} does not exist")
    try:  # `os.path.samefile` with each input, the output's status taken once
        out = os.stat(path)
    except OSError:
        return  # nothing there yet: no input is it
    for source in inputs:
        with contextlib.suppress(OSError):
            if os.path.samestat(out, os.stat(source)):
                raise InputError(f"{path}: is one of the inputs ({source}); write the output to another file")


def _write_through(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> None:
    if os.fspath(path) == STDOUT:
        out = sys.stdout.buffer
        write(out)
        out.flush()
        return
    # O_APPEND, no O_TRUNC, no O_CREAT: a device or pipe is not truncated, a file a shell
    # redirect opened (reached through /dev/stdout) keeps what is already in it.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as fh:
            write(fh)
    except OSError as exc:  # /dev/full: ENOSPC; name the output in the message
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None


def atomic_writer(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it over ``path``.

    The rename is atomic on POSIX, so readers see the old file or the whole new one. On any
    error (or a signal turned into an exception) the temporary file is removed and ``path`` is
    untouched. Streams (see `is_stream`) are written through; a symlink is followed and its
    target replaced.

    Raises
    ------
    InputError
        ``path`` is a folder, a block device or a socket, or its folder does not exist.
    """
    _refuse_special(path)
    if is_stream(path):
        _write_through(path, write)
        return
    target = Path(os.path.realpath(path))
    directory = target.parent
    if not directory.is_dir():
        raise InputError(f"{path}: the folder {Path(path).parent} does not exist")
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=_SUFFIX, dir=directory)
    _LIVE.add(tmp)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would, or keep
        # the mode of the file it replaces.
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        _LIVE.discard(tmp)


def _temp_prefix(target: Path) -> str:
    return f".{target.name}{_MARK}{os.getpid()}-"


def _mode_for(target: Path, folder: bool = False) -> int:
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return (0o777 if folder else 0o666) & ~umask


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes | memoryview) -> None:
    """Write ``data`` to ``path`` atomically."""
    atomic_writer(path, lambda fh: fh.write(data))


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically, always as UTF-8 (never the platform encoding)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def check_output_folder(path: str | os.PathLike[str], replaceable: Callable[[str], bool]) -> None:
    """Refuse, before any work, a folder `atomic_folder` would not replace (see there).

    Raises
    ------
    InputError
        ``path`` is a file, or a folder holding a file ``replaceable`` does not accept.
    """
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_dir():
        raise InputError(f"{path}: is a file, not a folder")
    if target.is_dir():
        try:
            names = os.listdir(target)
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        foreign = sorted(name for name in names if not replaceable(name))
        if foreign:
            more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
            raise InputError(f"{path}: holds files graphmodel did not write ({foreign[0]}{more}); "
                             "give a new or empty folder")


@contextlib.contextmanager
def atomic_folder(path: str | os.PathLike[str], replaceable: Callable[[str], bool]) -> Iterator[Path]:
    """A temporary folder to fill, swapped in for ``path`` whole when the block ends without error.

    Parameters
    ----------
    path
        The folder to write (created with its parents when missing).
    replaceable
        Whether a file name in an existing ``path`` is one a former run wrote: a folder holding
        any other file is refused rather than replaced, so no user file is ever deleted.

    Yields
    ------
    pathlib.Path
        The temporary folder, beside ``path``.

    Raises
    ------
    InputError
        ``path`` is a file, or a folder with files this output did not write.
    """
    check_output_folder(path, replaceable)
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(target)
    tmp = tempfile.mkdtemp(prefix=_temp_prefix(target), suffix=_SUFFIX, dir=target.parent)
    _LIVE.add(tmp)
    try:
        os.chmod(tmp, _mode_for(target, folder=True))
        yield Path(tmp)
        _sync_folder(Path(tmp))
        if target.is_dir():
            _swap(Path(tmp), target)  # tmp now holds the old folder
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        _LIVE.discard(tmp)


def _sync_folder(folder: Path) -> None:
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False):
            fd = os.open(entry.path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _swap(a: Path, b: Path) -> None:
    """Exchange two folders: atomically with Linux's renameat2, else with two renames."""
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None) if libc_name else None
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code), str(b))
    # No atomic exchange here: the old folder steps aside under a temporary name first (a
    # later write removes it if we are killed in between).
    aside = Path(tempfile.mkdtemp(prefix=_temp_prefix(b), suffix=_SUFFIX, dir=b.parent))
    os.rmdir(aside)
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_stale_temps(target: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary files and folders of ``target`` that no running process is writing.

    A temporary whose process id is not running, or that is older than `STALE_SECONDS`
    (its id may have been reused), is a leftover of a killed run.

    Returns
    -------
    list of pathlib.Path
        What was removed.
    """
    target = Path(target)
    prefix = f".{target.name}{_MARK}"
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(_SUFFIX)):
            continue
        pid_text = entry.name[len(prefix):].split("-", 1)[0]
        if not pid_text.isdigit() or entry.path in _LIVE:
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid = int(pid_text)
        if age < STALE_SECONDS and (pid == os.getpid() or _pid_alive(pid)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def remove_live_temps() -> None:
    """Remove every temporary file and folder this process is still writing (on a signal)."""
    for tmp in list(_LIVE):
        with contextlib.suppress(OSError):
            if os.path.isdir(tmp) and not os.path.islink(tmp):
                shutil.rmtree(tmp)
            else:
                os.unlink(tmp)
        _LIVE.discard(tmp)

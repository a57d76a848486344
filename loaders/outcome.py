"""What became of each file of a corpus run, and the policy for the files that are skipped.

A corpus run reads every file it is given and builds from those that are plans. A file that
fails does not stop the run; it is recorded as `Skipped`, with its reason, as one of two kinds:

- **not a plan** (a note): a file of a type graphmodel does not read (an image, a spreadsheet,
  a ``.doc``), or a document with no responsibility annotation at all (a ``README.txt`` beside
  the plans). Such files are expected in a folder of plans.
- **bad** (a warning; with ``strict`` an error): a file that should be a plan but could not be
  read: corrupt, undecodable, unreadable, a pipe or a device, a folder that cannot be listed.

`CorpusReport` collects them and says how the run went (``3 of 500 files skipped``); its
`check` raises `CorpusError` when the run must fail: nothing could be read, or ``strict`` and
a bad file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from graphmodel.errors import InputError, NoAnnotationsError
from loaders.documents.read_error import ReadError

__all__ = ["Skipped", "CorpusReport", "CorpusError", "attempt", "classify", "scan_folder"]

T = TypeVar("T")


@dataclass(frozen=True)
class Skipped:
    """A file (or folder) a corpus run did not build from.

    Attributes
    ----------
    path : Path
        The file or folder, as the run named it.
    reason : str
        Why, one line, without the path.
    bad : bool
        True for a file that should have been a plan and could not be read; False for one that
        is not a plan (a note).
    error : InputError or None
        The error that skipped it, when there was one.
    """

    path: Path
    reason: str
    bad: bool
    error: InputError | None = field(default=None, compare=False, repr=False)

    def line(self) -> str:
        """``<path>: skipped, <reason>``, for a warning or a note."""
        return f"{self.path}: skipped, {self.reason}"


class CorpusError(InputError):
    """A corpus run that must fail: no file could be read, or bad files under ``strict``."""


@dataclass
class CorpusReport:
    """The outcome of a corpus run: how many files it met, and those it skipped."""

    files: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def bad(self) -> list[Skipped]:
        """The skipped files that should have been plans."""
        return [s for s in self.skipped if s.bad]

    @property
    def not_plans(self) -> list[Skipped]:
        """The skipped files that are not plans."""
        return [s for s in self.skipped if not s.bad]

    def add(self, skipped: Skipped) -> None:
        """Record a skipped file."""
        self.skipped.append(skipped)

    def summary(self) -> str | None:
        """``3 of 500 files skipped (2 unreadable, 1 not a plan)``; None when none was."""
        if not self.skipped:
            return None
        parts = []
        if self.bad:
            parts.append(f"{len(self.bad)} unreadable")
        if self.not_plans:
            parts.append(f"{len(self.not_plans)} not a plan" if len(self.not_plans) == 1
                         else f"{len(self.not_plans)} not plans")
        noun = "file" if self.files == 1 else "files"
        return f"{len(self.skipped)} of {self.files} {noun} skipped ({', '.join(parts)})"

    def check(self, read: int, strict: bool = False) -> None:
        """Raise when the run must fail.

        Parameters
        ----------
        read
            How many files were read as plans.
        strict
            Any bad file is an error.

        Raises
        ------
        CorpusError
            ``strict`` and a bad file; or no plan read: with one file met, its own error.
        """
        if strict and self.bad:
            noun = "file" if len(self.bad) == 1 else "files"
            raise CorpusError(f"{len(self.bad)} bad {noun} (--strict): "
                              + "; ".join(f"{s.path}: {s.reason}" for s in self.bad[:3])
                              + (" …" if len(self.bad) > 3 else ""))
        if read:
            return
        if len(self.skipped) == 1 and self.skipped[0].error is not None:
            raise self.skipped[0].error
        if not self.skipped:
            raise CorpusError("no document given")
        raise CorpusError(f"no plan could be read: {self.summary()}")


def classify(path: str | os.PathLike[str], error: InputError) -> Skipped:
    """The `Skipped` record for a file that raised ``error`` (see the module notes for the kinds)."""
    p = Path(path)
    if isinstance(error, NoAnnotationsError):
        return Skipped(p, "not a plan (no responsibility annotation such as (责任单位:…))", bad=False, error=error)
    if isinstance(error, ReadError):
        if error.reason.startswith("unsupported format"):
            return Skipped(p, f"not a document type graphmodel reads ({error.reason})", bad=False, error=error)
        return Skipped(p, error.reason, bad=True, error=error)
    message = str(error)
    prefix = f"{p}: "
    reason = message[len(prefix):] if message.startswith(prefix) else message
    return Skipped(p, reason, bad=True, error=error)


def attempt(path: str | os.PathLike[str], read: Callable[[], T]) -> T | Skipped:
    """``read()``, or the `Skipped` record of ``path`` when it raises an `InputError`.

    Only errors a user's file can cause are caught; anything else is a bug and propagates.
    """
    try:
        return read()
    except InputError as exc:
        return classify(path, exc)


# graphmodel.corrections.FILE_NAME, spelt out: this module stays free of the extractor's imports.
CORRECTIONS_FILE = "graphmodel.corrections.tsv"


def scan_folder(folder: str | os.PathLike[str], suffixes: Iterable[str], report: CorpusReport) -> list[Path]:
    """The documents under ``folder`` (recursively, hidden files and folders left out, sorted).

    Files of other types are recorded in ``report`` as not plans; folders that cannot be listed
    as bad, by name (a plain ``rglob`` skips them in silence).
    """
    wanted = {s.lower() for s in suffixes}
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else Path(folder)
        report.files += 1
        report.add(Skipped(where, f"the folder cannot be read ({exc.strerror or exc})", bad=True))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if name == CORRECTIONS_FILE and Path(dirpath) == Path(folder):
                continue  # the folder's corrections: read as such (loaders.corrections), no plan
            if path.suffix.lower() in wanted:
                found.append(path)
            else:
                report.files += 1
                what = path.suffix.lower() or "no extension"
                report.add(Skipped(path, f"not a document type graphmodel reads ({what})", bad=False))
    return sorted(found)

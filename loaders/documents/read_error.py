"""The one error every document reader raises."""

from __future__ import annotations

import os

from graphmodel.errors import InputError

__all__ = ["ReadError"]


class ReadError(InputError):
    """A document that cannot be turned into text.

    The message is one line, ``"<path>: <reason>"``, so the CLI can print it as it is.

    Parameters
    ----------
    path
        The file as the user named it.
    reason
        What is wrong with it, e.g. ``"the file is empty"``.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = " ".join(reason.split())  # one line, whatever a library's message held
        super().__init__(f"{self.path}: {self.reason}")

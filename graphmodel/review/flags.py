"""The flags a review item can carry: what made the extractor unsure of a task's reading.

A flag is *strong* when the extraction itself saw trouble (a warning, an annotation it could not
split, a bracket it did not read, a task with several annotations or none, a side it assumed) and
*weak* when it comes from comparing the corpus (a unit only one plan names, a name close to another
unit's). Strong-flagged items come first in a review.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphmodel.model import Span

__all__ = ["FLAGS", "STRONG", "WEAK", "Flag", "warning_flag"]

# code -> what the flag means, in the order a review lists them.
FLAGS: dict[str, str] = {
    "warning": "the extraction reported a warning here",
    "unsplit": "an annotation it could not split cleanly",
    "unread-bracket": "a bracket with unit-like text that was not read",
    "several-annotations": "a task with several annotations",
    "no-annotation": "a task with no annotation",
    "side-assumed": "a side assumed, not stated",
    "role-assumed": "a lead or support role the annotation does not state",
    "carried-note": "an earlier annotation's note (下同) may apply here: was it applied as meant?",
    "one-plan": "a unit that appears in one plan only",
    "close-name": "a name close to another unit's (a possible alias)",
}
STRONG = ("warning", "unsplit", "unread-bracket", "several-annotations", "no-annotation", "side-assumed",
          "role-assumed", "carried-note")
WEAK = ("one-plan", "close-name")

# The extractor's warnings, by how their message begins, when they say more than "a warning".
_MESSAGES: tuple[tuple[str, str], ...] = (
    ("could not split the annotation cleanly", "unsplit"),
    ("not read as a unit", "unsplit"),
    ("unknown keyword", "unsplit"),
    ("text after a full stop in an annotation was not read", "unsplit"),
    ("a bracket that reads like an annotation was not read", "unread-bracket"),
    ("two annotations in one numbered item", "several-annotations"),
    ("cannot tell which side these units are on", "side-assumed"),
)


@dataclass(frozen=True)
class Flag:
    """One reason to look at a review item.

    Attributes
    ----------
    code : str
        One of `FLAGS`.
    detail : str
        What exactly, in a line (a warning's message, the close name, ...).
    span : tuple of int, optional
        Where in the document text, when known.
    names : tuple of str
        The names it is about, where a correction would name them (close-name: the unit's name,
        then the close one).
    """

    code: str
    detail: str
    span: Span | None = None
    names: tuple[str, ...] = ()

    @property
    def strong(self) -> bool:
        return self.code in STRONG

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "detail": self.detail, "span": list(self.span) if self.span else None,
                "names": list(self.names)}


def warning_flag(message: str) -> str:
    """The flag code of an extraction warning: a specific one where its message says which, else
    ``warning``.

    >>> warning_flag("unknown keyword '数据提供单位': read as a list of responsible units")
    'unsplit'
    >>> warning_flag("the numbering skips from 10 to 12")
    'warning'
    """
    for start, code in _MESSAGES:
        if message.startswith(start):
            return code
    return "warning"

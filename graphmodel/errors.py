"""The exception taxonomy.

Every error a user can cause is a `GraphmodelError`; the CLI turns one into a single line on
stderr and exit code 2. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

__all__ = [
    "GraphmodelError",
    "InputError",
    "ExtractionError",
    "NoAnnotationsError",
    "GraphError",
]


class GraphmodelError(Exception):
    """Base of every error graphmodel reports to a user."""


class InputError(GraphmodelError):
    """Input that cannot be used: missing, empty, binary, undecodable, malformed."""


class ExtractionError(InputError):
    """The text was read but holds no plan graphmodel can extract."""


class NoAnnotationsError(ExtractionError):
    """The document names no responsible units anywhere."""


class GraphError(GraphmodelError):
    """A graph that is not one graphmodel built, or a node the graph does not hold."""

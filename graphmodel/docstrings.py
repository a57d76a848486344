"""Parameter and error descriptions written once, for the docstrings of the graph's readers.

The accessors of `graphmodel.graph` and the analyses take the same few parameters (``graph``, a
node id, a document filter) and raise the same errors. A module calls `document_functions` once,
after its functions, and each function of its ``__all__`` gets a numpydoc ``Parameters`` section
built from its signature, in order, with the description `PARAMETERS` holds for each name; a
docstring that writes a ``Parameters`` section lists there only the parameters it describes its
own way. ``raises`` adds the ``Raises`` section of `RAISES` to the functions it names. So the
source of a docstring holds the summary, ``Returns`` and ``Examples``; ``help()``, the doctests
and ``tests/docs`` see the whole.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

__all__ = ["PARAMETERS", "RAISES", "document_functions", "parameters_section"]

# The shared entries, written as in a Parameters section (read by `_entries` into PARAMETERS).
_SHARED = """
graph : networkx.MultiDiGraph
    A graph from `graphmodel.graph.build_graph`.
node : str
    A node id of ``graph``.
task : str
    A task id of ``graph``.
doc : str
    A Document node's id.
unit : str
    A Unit (or Group) node's id.
place : str
    A District or Park node's id.
kind : str
    A node kind (see `NODE_KINDS`): ``Unit``, ``Task``, ``Side``, ….
source, target : str
    The edge's ends.
key : str
    The edge's type (``RESPONSIBLE_FOR``, ``IN``, …).
a, b : str
    The two ends, in the edge's direction.
ref : str
    What the user typed.
documents : collection of str, optional
    Only tasks of these document ids; every task when None.
document : str or collection of str, optional
    Only tasks of these document ids; the whole corpus when None.
side : str, optional
    Only units of this side (its full name).
groups : bool
    Also group placeholders (kind ``Group``), not only real units.
name : str
    A unit's name.
seed : int
    The Louvain seed; the same seed gives the same communities.
table : mapping, optional
    A function table (`parse_function_table`); the built-in one by default.
"""

RAISES: dict[str, str] = {
    "graph": "GraphError\n    When ``graph`` is not a graphmodel graph.",
    "scope": "GraphError\n    When ``graph`` is not a graphmodel graph, or ``document`` names a document it does "
             "not hold.",
}

_SECTION = re.compile(r"^([ \t]*)(\w[\w ]*)\n[ \t]*-{3,}\n", re.M)


def _sections(doc: str) -> dict[str, tuple[int, int, str]]:
    """Section title -> (start, end, indent) in ``doc``."""
    marks = list(_SECTION.finditer(doc))
    return {m.group(2): (m.start(), marks[k + 1].start() if k + 1 < len(marks) else len(doc), m.group(1))
            for k, m in enumerate(marks)}


def _entries(body: str, indent: str = "") -> dict[str, list[str]]:
    """The entries of a Parameters section's body: each name to its entry's lines (dedented; one
    list for ``a, b : type``)."""
    entries: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in body.splitlines():
        if not line.strip():
            continue
        text = line.removeprefix(indent)
        if not text[0].isspace():
            lines = [text]
            for name in text.split(" : ")[0].split(", "):
                entries[name.lstrip("*")] = lines
        else:
            lines.append(text)
    return entries


PARAMETERS: dict[str, list[str]] = _entries(_SHARED)


def parameters_section(function: Callable[..., Any], own: Mapping[str, list[str]] | None = None) -> list[str]:
    """The lines of a function's Parameters section, from its signature.

    Parameters
    ----------
    function : callable
        The function.
    own : mapping, optional
        Parameter name to the lines of an entry written for this function (``name : type``, then
        its description indented); `PARAMETERS` gives the others.

    Returns
    -------
    list of str
        Unindented; empty for a function without parameters. Parameters alike in a row share an
        entry (``a, b : str``).

    Raises
    ------
    KeyError
        For a parameter neither ``own`` nor `PARAMETERS` describes, or an entry of ``own`` the
        signature does not have.

    Examples
    --------
    >>> def label(graph, node, flag=False): ...
    >>> lines = parameters_section(label, {"flag": ["flag : bool", "    Say it twice."]})
    >>> [line for line in lines if not line.startswith(" ")]
    ['Parameters', '----------', 'graph : networkx.MultiDiGraph', 'node : str', 'flag : bool']
    >>> lines[-1]
    '    Say it twice.'
    """
    own = dict(own or {})
    names = list(inspect.signature(function).parameters)
    if unknown := sorted(set(own) - set(names)):
        raise KeyError(f"{function.__qualname__} has no parameter {unknown[0]!r}")
    entries: list[tuple[list[str], list[str]]] = []  # the names, the entry's lines
    for name in names:
        lines = own.get(name) or PARAMETERS.get(name)
        if lines is None:
            raise KeyError(f"{function.__qualname__}: no description of the parameter {name!r}")
        if entries and entries[-1][1] is lines:  # one entry for a, b
            entries[-1][0].append(name)
        else:
            entries.append(([name], lines))
    for group, lines in entries:
        if [n.lstrip("*") for n in lines[0].split(" : ")[0].split(", ")] != group:
            raise KeyError(f"{function.__qualname__}: the entry {lines[0]!r} does not fit the parameters {group}")
    out = ["Parameters", "----------"] if entries else []
    for _, lines in entries:
        out += lines
    return out


def _complete(function: Callable[..., Any], raises: str | None) -> str | None:
    doc = function.__doc__
    if doc is None:  # python -OO
        return None
    found = _sections(doc)
    own: dict[str, list[str]] = {}
    if "Parameters" in found:
        start, end, indent = found["Parameters"]
        own = _entries(doc[start:end].split("\n", 2)[2], indent)
        doc = doc[:start] + doc[end:]
        found = _sections(doc)
    inserts = []
    if raises is not None and "Raises" not in found:
        inserts.append(("Examples", ["Raises", "------", *RAISES[raises].splitlines()]))
    if lines := parameters_section(function, own):
        inserts.append(("Yields" if "Yields" in found else "Returns", lines))
    for before, lines in inserts:
        start, _, indent = _sections(doc)[before]
        doc = doc[:start] + "".join(f"{indent}{line}\n" if line else "\n" for line in lines) + "\n" + doc[start:]
    return doc


def document_functions(namespace: dict[str, Any], *, raises: Mapping[str, Collection[str]] | None = None) -> None:
    """Complete the docstrings of the functions a module names in its ``__all__``.

    Parameters
    ----------
    namespace : dict
        The module's ``globals()``.
    raises : mapping, optional
        A key of `RAISES` to the names of the functions that raise it.

    Returns
    -------
    None
        Each function's ``__doc__`` is set (and a ``functools`` wrapper's with it).

    Examples
    --------
    >>> def label(graph, node):
    ...     '''A label.
    ...
    ...     Returns
    ...     -------
    ...     str
    ...     '''
    >>> document_functions({"__all__": ["label"], "__name__": __name__, "label": label})
    >>> label.__doc__.split("Returns")[0].split()
    ['A', 'label.', 'Parameters', '----------', 'graph', ':', 'networkx.MultiDiGraph', 'A', 'graph', 'from',
     '`graphmodel.graph.build_graph`.', 'node', ':', 'str', 'A', 'node', 'id', 'of', '``graph``.']
    """
    by_function = {name: key for key, names in (raises or {}).items() for name in names}
    for name in namespace["__all__"]:
        obj = namespace[name]
        function = inspect.unwrap(obj) if callable(obj) else obj
        if not inspect.isfunction(function) or function.__module__ != namespace["__name__"]:
            continue
        doc = _complete(function, by_function.pop(name, None))
        function.__doc__ = doc
        if obj is not function:
            obj.__doc__ = doc
    if by_function:
        raise KeyError(f"raises names {sorted(by_function)[0]!r}, not a function of __all__")

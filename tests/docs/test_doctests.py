"""The docstrings of `graphmodel.analysis`, `graphmodel.graph` and `graphmodel.extract`.

Every module's examples run as doctests, and every public function (a function named in its
module's ``__all__``) has a numpydoc docstring: a Parameters section naming each of its
parameters (when it takes any), a Returns or Yields section, and an Examples section whose
examples ran here.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from graphmodel.examples import example_graph

PACKAGES = ("graphmodel.analysis", "graphmodel.graph", "graphmodel.extract")
# The helpers the packages' docstrings are written with, checked alike.
HELPERS = ("graphmodel.docstrings", "graphmodel.examples")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
_SECTION = re.compile(r"^(\w[\w ]*)\n-{3,}$", re.M)
_USES_G = re.compile(r"\bG\b")
_PARAMETER = re.compile(r"^(\*{0,2}\w+(?:, \*{0,2}\w+)*)(?: :.*)?$")


def module_names() -> list[str]:
    names = []
    for package in PACKAGES:
        names.append(package)
        names += [m.name for m in pkgutil.walk_packages(importlib.import_module(package).__path__, package + ".")]
    return sorted(names + list(HELPERS))


MODULES = module_names()


def public_functions() -> dict[str, Callable[..., Any]]:
    """Qualified name -> function, for every function in a module's ``__all__`` (once each,
    under the module that defines it; ``lru_cache`` and ``contextmanager`` wrappers unwrapped)."""
    found: dict[str, Callable[..., Any]] = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            obj = getattr(module, attr)
            function = inspect.unwrap(obj) if callable(obj) else obj
            if inspect.isfunction(function) and function.__module__.startswith(PACKAGES + HELPERS):
                found[f"{function.__module__}.{function.__qualname__}"] = obj
    return dict(sorted(found.items()))


FUNCTIONS = public_functions()


def sections(doc: str) -> dict[str, str]:
    """A numpydoc docstring's sections by title (``Parameters``, ``Returns``, …)."""
    marks = list(_SECTION.finditer(doc))
    return {m.group(1): doc[m.end():marks[k + 1].start() if k + 1 < len(marks) else len(doc)]
            for k, m in enumerate(marks)}


def documented_parameters(section: str) -> list[str]:
    """The names a Parameters section lists: its unindented lines (``a, b : type``)."""
    names = []
    for line in section.strip("\n").splitlines():
        if line and not line[0].isspace():
            match = _PARAMETER.match(line)
            assert match, f"not a parameter line: {line!r}"
            names += [n.lstrip("*") for n in match.group(1).split(", ")]
    return names


@cache
def run_doctests(name: str) -> tuple[doctest.TestResults, list[str], str]:
    """Run every docstring example of a module (once a session); the results, the names of the
    docstrings with examples, and the runner's report of failures. ``G``, where an example uses
    it, is a new `example_graph` for each docstring."""
    module = importlib.import_module(name)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    tests = [t for t in doctest.DocTestFinder().find(module, name) if t.examples]
    for test in tests:
        if any(_USES_G.search(example.source) for example in test.examples):
            test.globs["G"] = example_graph()
        runner.run(test, out=report.append, clear_globs=True)
    return runner.summarize(verbose=False), [t.name for t in tests], "".join(report)


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_of_each_module_run(name: str) -> None:
    results, _, report = run_doctests(name)
    assert results.failed == 0, report


def test_every_public_function_has_run_examples() -> None:
    ran = {t for name in MODULES for t in run_doctests(name)[1]}
    missing = [name for name in FUNCTIONS if name not in ran]
    assert not missing, f"public functions without examples that ran: {missing}"
    assert len(FUNCTIONS) >= 80  # the walk found the packages' functions, not an empty list


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_each_public_function_has_a_numpydoc_docstring(name: str) -> None:
    function = FUNCTIONS[name]
    doc = inspect.getdoc(function) or ""
    found = sections(doc)
    parameters = [p for p in inspect.signature(function).parameters]
    if parameters:
        assert "Parameters" in found, f"{name}: no Parameters section"
        assert documented_parameters(found["Parameters"]) == parameters, \
            f"{name}: the Parameters section does not list the signature's parameters in order"
    assert "Returns" in found or "Yields" in found, f"{name}: no Returns (or Yields) section"
    assert ">>> " in found.get("Examples", ""), f"{name}: no Examples section with an example"


def test_the_checks_catch_a_missing_section() -> None:
    # The section parser on a docstring that lacks Returns and lists a parameter twice.
    doc = "Do it.\n\nParameters\n----------\na, b : int\n    Numbers.\n\nExamples\n--------\n>>> 1\n1\n"
    found = sections(doc)
    assert set(found) == {"Parameters", "Examples"}
    assert documented_parameters(found["Parameters"]) == ["a", "b"]

"""`graphmodel.docstrings`: Parameters and Raises sections completed from the shared descriptions."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from graphmodel.docstrings import PARAMETERS, document_functions, parameters_section


def _module(*functions: Any) -> dict[str, Any]:
    return {"__name__": __name__, "__all__": [f.__name__ for f in functions], **{f.__name__: f for f in functions}}


def test_a_written_entry_replaces_the_shared_one_and_the_rest_follow_the_signature() -> None:
    def edge(graph: Any, source: str, target: str, key: str, node: str = "") -> None:
        """An edge.

        Parameters
        ----------
        node : str
            Its own words.

        Returns
        -------
        None

        Examples
        --------
        >>> 1
        1
        """

    document_functions(_module(edge), raises={"graph": ["edge"]})
    doc = inspect.getdoc(edge) or ""
    assert doc.index("Parameters") < doc.index("Returns") < doc.index("Raises") < doc.index("Examples")
    assert "source, target : str\n    The edge's ends.\nkey : str" in doc
    assert doc.count("node : str") == 1 and "node : str\n    Its own words." in doc
    assert "When ``graph`` is not a graphmodel graph." in doc


def test_a_parameter_without_a_description_or_an_entry_for_no_parameter_is_an_error() -> None:
    def undocumented(colour: str) -> None: ...

    with pytest.raises(KeyError, match="colour"):
        parameters_section(undocumented)
    with pytest.raises(KeyError, match="no parameter 'flag'"):
        parameters_section(undocumented, {"colour": ["colour : str", "    A colour."], "flag": ["flag : bool"]})


def test_a_shared_entry_for_two_names_fits_only_both() -> None:
    def one_end(graph: Any, source: str) -> None: ...

    assert PARAMETERS["source"] is PARAMETERS["target"]
    with pytest.raises(KeyError, match="does not fit"):
        parameters_section(one_end)


def test_raises_must_name_a_function_of_all() -> None:
    def f(graph: Any) -> None:
        """F.

        Returns
        -------
        None
        """

    with pytest.raises(KeyError, match="'g'"):
        document_functions(_module(f), raises={"graph": ["g"]})

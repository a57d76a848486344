"""The Cypher library files: headers, parameters, one statement each, shipped as package data."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from loaders.neo4j.failures import CypherError
from loaders.neo4j.library import SCHEMA_FILE, find_query, library, parse_literal, parse_query, statements

REQUIRED = {"counterpart-pairs", "tasks-of-unit", "shared-tasks", "counterparts-of-unit", "one-sided-tasks",
            "district-pairings", "park-pairings", "central-units", "shortest-path", "plans-of-unit"}


def test_the_library_has_every_query_the_analysts_need() -> None:
    assert set(library()) >= REQUIRED


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_each_file_is_named_documented_and_pastes_into_the_browser(name: str) -> None:
    q = library()[name]
    assert q.file == f"{name}.cypher"
    assert len(q.purpose) > 20
    text = (resources.files("cypher") / q.file).read_text(encoding="utf-8")
    # Every $parameter the statement uses is documented and has a :param line for the Browser.
    used = set(re.findall(r"\$(\w+)", q.cypher))
    assert used == {p.name for p in q.params}
    for p in q.params:
        assert re.search(rf"^:param {p.name} => .+;$", text, re.M), p.name
        assert p.doc
    # User values only ever arrive as parameters.
    assert "+ $" not in q.cypher and "$" + "{" not in q.cypher


def test_schema_statements_are_idempotent_and_cover_every_label() -> None:
    text = (resources.files("cypher") / SCHEMA_FILE).read_text(encoding="utf-8")
    found = statements(text)
    assert all("IF NOT EXISTS" in s for s in found)
    # Each names what it creates: a load runs only the ones the database lacks.
    from loaders.neo4j.load import _SCHEMA_NAME

    assert all(_SCHEMA_NAME.match(s) for s in found)
    assert {"unit_names", "task_text", "counterpart_document"} <= {_SCHEMA_NAME.match(s).group(1) for s in found}
    for label in ("Document", "Side", "Task", "Unit", "Group", "District", "Park"):
        assert any(f"(n:{label}) REQUIRE n.id IS UNIQUE" in s for s in found), label
    for label in ("Unit", "District", "Park"):
        assert any(f"FOR (n:{label}) ON (n.name)" in s for s in found), label


def test_parameters_are_converted_to_their_types() -> None:
    q = find_query("counterpart-pairs")
    nothing = {"side": None, "document": None, "year": None}
    assert q.parameters({}) == {"top": 10, **nothing}
    assert q.parameters({"top": "3", "side": "大连市"}) == {"top": 3, **nothing, "side": "大连市"}
    assert q.parameters({"side": "null", "year": "2021"}) == {"top": 10, **nothing, "year": 2021}
    with pytest.raises(CypherError, match="parameter top takes an int, not 'ten'"):
        q.parameters({"top": "ten"})
    with pytest.raises(CypherError, match="parameter top takes an int from -9223372036854775808 to 9223372036854775807, "
                                          "not 99999999999999999999"):
        q.parameters({"top": "99999999999999999999"})
    with pytest.raises(CypherError, match="parameter side: not valid UTF-8 text"):
        q.parameters({"side": b"\xb4\xf3\xc1\xac".decode("utf-8", "surrogateescape")})
    with pytest.raises(CypherError, match="has no parameter 'unit' \\(it takes: top, side, document, year\\)"):
        q.parameters({"unit": "x"})
    with pytest.raises(CypherError, match="needs -p unit="):
        find_query("tasks-of-unit").parameters({})
    quoted = "x' OR 1=1 //"
    assert find_query("tasks-of-unit").parameters({"unit": quoted}) == {"unit": quoted}


def test_an_unknown_query_lists_the_names() -> None:
    with pytest.raises(CypherError, match="no query 'nope'; the library has: .*counterpart-pairs"):
        find_query("nope")


@pytest.mark.parametrize(("text", "value"), [("10", 10), ("-2", -2), ("0.5", 0.5), ("null", None),
                                             ("true", True), ("'上海市'", "上海市"), ('"a\\"b"', 'a"b')])
def test_param_literals(text: str, value: object) -> None:
    assert parse_literal(text, "f") == value


@pytest.mark.parametrize(("text", "message"), [
    ("// purpose: p\nRETURN 1", "needs '// name:'"),
    ("// name: x\n// purpose: p\n// param a (string): doc\nRETURN $a", "needs both"),
    ("// name: x\n// purpose: p\n:param a => 1;\nRETURN $a", "needs both"),
    ("// name: x\n// purpose: p\n// param a (date): doc\n:param a => 1;\nRETURN $a", "has the type 'date'"),
    ("// name: x\n// purpose: p\nRETURN 1;\nRETURN 2;", "exactly one statement, not 2"),
    ("// name: x\n// purpose: p\n// param a (int): d\n:param a => nope;\nRETURN $a", "cannot read the :param value"),
])
def test_malformed_files_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(CypherError, match=message):
        parse_query(text, "bad.cypher")

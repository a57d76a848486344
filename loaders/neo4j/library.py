"""The Cypher library: reading the ``.cypher`` files shipped in the ``cypher`` package.

A query file starts with a header of ``//`` comments, then one ``:param`` line per parameter
(so it runs as it is when pasted into Neo4j Browser), then one statement::

    // name: tasks-of-unit
    // purpose: The tasks a unit is responsible for, in document order.
    // param unit (string, required): the unit's id, name or alias
    :param unit => '上海市发展改革委';

    MATCH (u:Unit) WHERE u.id = $unit ...

A parameter's type is ``int``, ``float``, ``string`` or ``bool``; ``required`` means the command
line must give it (the ``:param`` value is only an example for the Browser), ``optional`` that
``null`` is allowed. Values given on the command line are converted to the type and passed as
query parameters, never pasted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from loaders.neo4j.failures import CypherError
from loaders.neo4j.values import checked

__all__ = ["Param", "NamedQuery", "PACKAGE", "SCHEMA_FILE", "statements", "library", "find_query",
           "parse_query", "parse_literal"]

PACKAGE = "cypher"
SCHEMA_FILE = "schema.cypher"
TYPES = ("int", "float", "string", "bool")

_PARAM_DOC = re.compile(r"^//\s*param\s+(\w+)\s*\(([^)]*)\)\s*:\s*(.*)$")
_PARAM_SET = re.compile(r"^:param\s+(\w+)\s*=>\s*(.*?);?\s*$")
_FIELD = re.compile(r"^//\s*(name|purpose|parameters)\s*:\s*(.*)$")


@dataclass(frozen=True)
class Param:
    """One parameter of a named query."""

    name: str
    type: str
    required: bool
    optional: bool
    default: Any
    doc: str

    def convert(self, text: str, query: str) -> Any:
        """The command-line text as a value of this parameter's type.

        Raises
        ------
        CypherError
            The text is not of the type, an integer does not fit in 64 bits, or the text is not
            valid Unicode.
        """
        where = f"query {query}: parameter {self.name}"
        checked(text, where)
        if self.optional and text.strip().lower() == "null":
            return None
        try:
            if self.type == "int":
                return checked(int(text), where)
            if self.type == "float":
                return checked(float(text), where)
            if self.type == "bool":
                lowered = text.strip().lower()
                if lowered not in ("true", "false"):
                    raise ValueError(text)
                return lowered == "true"
        except ValueError:
            raise CypherError(f"query {query}: parameter {self.name} takes a{'n' if self.type == 'int' else ''} "
                              f"{self.type}, not {text!r}") from None
        return text


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: its header and its one statement."""

    name: str
    purpose: str
    params: tuple[Param, ...]
    cypher: str
    file: str

    def parameters(self, given: dict[str, str]) -> dict[str, Any]:
        """The query's parameters: the given text values converted, defaults for the others.

        Raises
        ------
        CypherError
            An unknown parameter, a missing required one, or a value of the wrong type.
        """
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            names = ", ".join(known) or "none"
            raise CypherError(f"query {self.name} has no parameter {unknown[0]!r} (it takes: {names})")
        out: dict[str, Any] = {}
        for p in self.params:
            if p.name in given:
                out[p.name] = p.convert(given[p.name], self.name)
            elif p.required:
                raise CypherError(f"query {self.name} needs -p {p.name}=... ({p.doc})")
            else:
                out[p.name] = p.default
        return out


def parse_literal(text: str, where: str) -> Any:
    """A Cypher literal as Neo4j Browser reads it after ``:param name =>``: a number, a string,
    ``true``, ``false`` or ``null``."""
    t = text.strip()
    if t.lower() == "null":
        return None
    if t.lower() in ("true", "false"):
        return t.lower() == "true"
    if re.fullmatch(r"-?\d+", t):
        return int(t)
    if re.fullmatch(r"-?\d+\.\d*(e-?\d+)?", t, re.I):
        return float(t)
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "'\"":
        return re.sub(r"\\(.)", r"\1", t[1:-1])
    raise CypherError(f"{where}: cannot read the :param value {t!r}")


def statements(text: str) -> list[str]:
    """The statements of a ``.cypher`` text: comment and ``:param`` lines dropped, split at ``;``
    that ends a line."""
    body = [ln for ln in text.splitlines() if not ln.strip().startswith(("//", ":param"))]
    out, current = [], []
    for line in body:
        current.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(current).strip().rstrip(";").strip())
            current = []
    tail = "\n".join(current).strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def parse_query(text: str, file: str) -> NamedQuery:
    """Read one query file.

    Raises
    ------
    CypherError
        A header without name or purpose, a parameter without its ``:param`` line (or the other
        way round), or not exactly one statement.
    """
    fields: dict[str, str] = {}
    docs: dict[str, tuple[str, str]] = {}
    defaults: dict[str, Any] = {}
    last = None
    for raw in text.splitlines():
        line = raw.strip()
        m = _PARAM_DOC.match(line)
        if m:
            docs[m.group(1)] = (m.group(2), m.group(3).strip())
            last = ("param", m.group(1))
            continue
        m = _FIELD.match(line)
        if m:
            fields[m.group(1)] = m.group(2).strip()
            last = ("field", m.group(1))
            continue
        m = _PARAM_SET.match(line)
        if m:
            defaults[m.group(1)] = parse_literal(m.group(2), file)
            continue
        if line.startswith("//") and last is not None and raw.startswith("//  "):
            more = line[2:].strip()  # an indented continuation of the line before
            if last[0] == "field":
                fields[last[1]] += " " + more
            else:
                kind, doc = docs[last[1]]
                docs[last[1]] = (kind, f"{doc} {more}")
            continue
        if not line.startswith("//"):
            last = None
    if "name" not in fields or "purpose" not in fields:
        raise CypherError(f"{file}: the header needs '// name:' and '// purpose:' lines")
    if set(docs) != set(defaults):
        odd = sorted(set(docs) ^ set(defaults))[0]
        raise CypherError(f"{file}: parameter {odd!r} needs both a '// param' line and a ':param' line")
    params = []
    for name, (kind, doc) in docs.items():
        words = [w.strip() for w in kind.split(",")]
        if words[0] not in TYPES or any(w not in ("required", "optional") for w in words[1:]):
            raise CypherError(f"{file}: parameter {name!r} has the type {kind!r}; use one of "
                              f"{', '.join(TYPES)}, then optionally 'required' or 'optional'")
        params.append(Param(name, words[0], "required" in words, "optional" in words, defaults[name], doc))
    body = statements(text)
    if len(body) != 1:
        raise CypherError(f"{file}: a named query holds exactly one statement, not {len(body)}")
    return NamedQuery(fields["name"], fields["purpose"], tuple(params), body[0], file)


def library() -> dict[str, NamedQuery]:
    """Every named query shipped in the ``cypher`` package, by name.

    Raises
    ------
    CypherError
        A file is malformed, or two files give the same name.
    """
    out: dict[str, NamedQuery] = {}
    for entry in sorted(resources.files(PACKAGE).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".cypher") or entry.name == SCHEMA_FILE:
            continue
        query = parse_query(entry.read_text(encoding="utf-8"), entry.name)
        if query.name in out:
            raise CypherError(f"{entry.name}: the query name {query.name!r} is taken by {out[query.name].file}")
        out[query.name] = query
    return out


def find_query(name: str) -> NamedQuery:
    """The named query ``name``; a `CypherError` listing the names when there is none."""
    queries = library()
    if name not in queries:
        raise CypherError(f"no query {name!r}; the library has: {', '.join(queries)}")
    return queries[name]

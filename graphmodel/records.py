"""Dataclass records that turn into JSON and back by their fields.

A `Record` subclass is a dataclass whose ``to_dict`` and ``from_dict`` follow from its fields'
types: a span (``tuple[int, int]``) is a two-item list, a list of records a list of objects, a
nested record an object, anything else as it is. A field's JSON rules are its metadata, set
with `json_field`: another key, or leaving the key out when the value is None (``omit="none"``)
or empty (``omit="empty"``). An optional field that the JSON leaves out when unset is one line::

    correction: str | None = omit_none()

Reading (``from_dict``): a key that is missing takes the field's default; without a default, an
optional field is None, a list is empty and a span is ``(0, 0)``; any other missing key is a
``KeyError``. Keys the record does not know are ignored.

``to_row``/``from_row`` are a compact form that is not the contract's JSON: a list of every
field's value in field order, nested records as rows (the extraction cache keeps it). A row of
the wrong length, or not a list, is a ``ValueError``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, TypeVar

__all__ = ["Record", "json_field", "omit_none", "omit_empty"]

_R = TypeVar("_R", bound="Record")
_MISSING: Any = dataclasses.MISSING
_META = "graphmodel.json"
_SPAN = tuple[int, int]

Omit = Literal["none", "empty"] | None


def json_field(*, name: str | None = None, omit: Omit = None, default: Any = _MISSING,
               default_factory: Any = _MISSING) -> Any:
    """A dataclass field with JSON rules: its key (``name``, default the field's name) and when
    the key is left out (``omit``: ``"none"`` when the value is None, ``"empty"`` when it is
    empty or false)."""
    return dataclasses.field(default=default, default_factory=default_factory,
                             metadata={_META: (name, omit)})


def omit_none(default: Any = None) -> Any:
    """An optional field whose key the JSON leaves out while it is None."""
    return json_field(omit="none", default=default)


def omit_empty() -> Any:
    """A list field whose key the JSON leaves out while it is empty."""
    return json_field(omit="empty", default_factory=list)


def _span(value: Any) -> tuple[int, int]:
    return (int(value[0]), int(value[1])) if value is not None else (0, 0)


def _codec(tp: Any, ns: dict[str, Any], rows: bool = False, depth: int = 0) -> tuple[str | None, str | None]:
    """How to write and read a value of the type ``tp``: expressions of a variable ``{0}``
    (None: the value as it is). Names they use are put into ``ns``. With ``rows``, a nested
    record is a row (``to_row``), not an object, written in line (`_row_display`)."""
    args = typing.get_args(tp)
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        inner = [a for a in args if a is not type(None)]
        encode, decode = _codec(inner[0], ns, rows, depth) if len(inner) == 1 else (None, None)
        return (f"(None if {{0}} is None else {encode})" if encode else None,
                f"(None if {{0}} is None else {decode})" if decode else None)
    if tp == _SPAN:
        return "list({0})", "_span({0})"
    if isinstance(tp, type) and issubclass(tp, Record):
        ns[tp.__name__] = tp
        if rows:
            return _row_display(tp, ns, depth), f"{tp.__name__}.from_row({{0}})"
        return "{0}.to_dict()", f"{tp.__name__}.from_dict({{0}})"
    if tp is bool:
        return None, "bool({0})"
    if typing.get_origin(tp) is list:
        encode, decode = _codec(args[0], ns, rows, depth + 1)
        item = f"x{depth}"  # a name of its own at each depth: comprehensions nest
        return (f"[{encode.format(item)} for {item} in {{0}}]" if encode else "list({0})",
                f"[{decode.format(item)} for {item} in {{0}}]" if decode else "list({0})")
    return None, None


def _row_display(tp: type[Record], ns: dict[str, Any], depth: int) -> str:
    """The row of a nested record ``{0}`` as one list display of its fields, nested records in
    line too, rather than a call of its ``to_row`` for each: an extraction's row holds hundreds
    of responsibilities and tasks, and the calls were a third of making it. A class that writes
    its own ``to_row`` is called."""
    if "to_row" in tp.__dict__ and tp.__dict__["to_row"] is not tp.__dict__.get("_to_row"):
        return "{0}.to_row()"
    hints = typing.get_type_hints(tp)
    values = []
    for f in dataclasses.fields(tp):  # type: ignore[arg-type]
        encode, _ = _codec(hints[f.name], ns, True, depth + 1)
        values.append(encode.format(f"{{0}}.{f.name}") if encode else f"{{0}}.{f.name}")
    return f"[{', '.join(values)}]"


def _missing(f: dataclasses.Field[Any], tp: Any, ns: dict[str, Any]) -> str | None:
    """An expression for the value of a missing key; None: the key is required."""
    if f.default is not _MISSING:
        ns[f"_default_{f.name}"] = f.default
        return f"_default_{f.name}"
    if f.default_factory is not _MISSING:
        ns[f"_factory_{f.name}"] = f.default_factory
        return f"_factory_{f.name}()"
    if type(None) in typing.get_args(tp):
        return "None"
    if typing.get_origin(tp) is list:
        return "[]"
    if tp == _SPAN:
        return "(0, 0)"
    return None


def _compile(cls: type[Record]) -> None:
    """Write ``cls``'s converters as code, once, as dataclasses writes ``__init__``: a loop
    over the fields costs several times more, and a corpus reads thousands of records."""
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    order = cls.json_order or tuple(fields)
    if sorted(order) != sorted(fields):
        raise TypeError(f"{cls.__name__}.json_order must name each field once")
    ns: dict[str, Any] = {"_span": _span, "cls": cls}
    literal: list[str] = []  # the keys before the first that may be left out, as one dict display
    write: list[str] = []
    read = ["def from_dict(data):", "    return cls("]
    for name in order:
        f = fields[name]
        key, omit = f.metadata.get(_META, (None, None))
        key = key or name
        encode, decode = _codec(hints[name], ns)
        got = decode.format(f"data[{key!r}]") if decode else f"data[{key!r}]"
        missing = _missing(f, hints[name], ns)
        read.append(f"        {name}={got}," if missing is None else
                    f"        {name}=({got} if {key!r} in data else {missing}),")
        if omit is None and not write:
            literal.append(f"{key!r}: {encode.format(f'self.{name}') if encode else f'self.{name}'}")
            continue
        write.append(f"    v = self.{name}")
        value = encode.format("v") if encode else "v"
        if omit == "none":
            write.append(f"    if v is not None: out[{key!r}] = {value}")
        elif omit == "empty":
            write.append(f"    if v: out[{key!r}] = {value}")
        else:
            write.append(f"    out[{key!r}] = {value}")
    write = ["def to_dict(self):", f"    out = {{{', '.join(literal)}}}", *write, "    return out"]
    read.append("    )")
    exec("\n".join(write + read), ns)  # noqa: S102 - code made above from the fields, no input
    cls._to_dict, cls._from_dict = ns["to_dict"], ns["from_dict"]
    # Called directly from then on, unless the class wraps them (Extraction adds its schema).
    if "to_dict" not in cls.__dict__:
        cls.to_dict = ns["to_dict"]  # type: ignore[method-assign]
    if "from_dict" not in cls.__dict__:
        cls.from_dict = staticmethod(ns["from_dict"])  # type: ignore[method-assign]


def _compile_rows(cls: type[Record]) -> None:
    """Write ``cls``'s row converters as code, once (see `Record.to_row`)."""
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    ns: dict[str, Any] = {"_span": _span, "cls": cls, "_new": object.__new__}
    write, read = [], []
    for at, name in enumerate(names):
        encode, decode = _codec(hints[name], ns, rows=True)
        write.append(encode.format(f"self.{name}") if encode else f"self.{name}")
        read.append(f"{name!r}: {decode.format(f'row[{at}]') if decode else f'row[{at}]'},")
    # Made as `__init__` would make it (every field set, in field order) without calling it:
    # a dataclass's keyword arguments cost a fifth of reading a row. Not for a class whose
    # `__init__` does more (`__post_init__`) or whose instances refuse a new `__dict__` (frozen).
    plain = (not hasattr(cls, "__post_init__") and not cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
             and "__slots__" not in cls.__dict__)
    make = (["    self = _new(cls)", "    self.__dict__ = {", *(f"        {r}" for r in read), "    }",
             "    return self"] if plain else
            ["    return cls(**{", *(f"        {r}" for r in read), "    })"])
    code = ["def to_row(self):", f"    return [{', '.join(write)}]",
            "def from_row(row):",
            f"    if type(row) is not list or len(row) != {len(names)}:",
            f"        raise ValueError('not a row of {len(names)} values')",
            *make]
    exec("\n".join(code), ns)  # noqa: S102 - code made above from the fields, no input
    cls._to_row, cls._from_row = ns["to_row"], ns["from_row"]
    cls.to_row = ns["to_row"]  # type: ignore[method-assign]
    cls.from_row = staticmethod(ns["from_row"])  # type: ignore[method-assign]


class Record:
    """A dataclass base whose ``to_dict``/``from_dict`` follow from its fields.

    ``json_order`` (a class attribute) gives the JSON's key order by field name when it is not
    the order of the fields (which positional arguments keep).
    """

    json_order: ClassVar[tuple[str, ...]] = ()
    _to_dict: ClassVar[Callable[[Any], dict[str, Any]]]
    _from_dict: ClassVar[Callable[[dict[str, Any]], Any]]
    _to_row: ClassVar[Callable[[Any], list[Any]]]
    _from_row: ClassVar[Callable[[list[Any]], Any]]

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data."""
        cls = type(self)
        if "_to_dict" not in cls.__dict__:
            _compile(cls)
        return cls._to_dict(self)

    @classmethod
    def from_dict(cls: type[_R], data: dict[str, Any]) -> _R:
        """The record that `to_dict` gave ``data``."""
        if "_from_dict" not in cls.__dict__:
            _compile(cls)
        return cls._from_dict(data)  # type: ignore[no-any-return]

    def to_row(self) -> list[Any]:
        """The record as a JSON-ready list of its fields' values, in field order, every field
        present, nested records as rows too: a compact form for the extraction cache (no keys
        to write, read or compress), read back by `from_row`; not the contract's JSON."""
        cls = type(self)
        if "_to_row" not in cls.__dict__:
            _compile_rows(cls)
        return cls._to_row(self)

    @classmethod
    def from_row(cls: type[_R], row: list[Any]) -> _R:
        """The record that `to_row` gave ``row``.

        Raises
        ------
        ValueError
            When ``row`` (or a nested row) is not a list of as many values as the record has
            fields.
        """
        if "_from_row" not in cls.__dict__:
            _compile_rows(cls)
        return cls._from_row(row)  # type: ignore[no-any-return]

"""Records whose JSON follows from their dataclass fields (graphmodel.records)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from graphmodel.model import DocumentInfo, Extraction, Responsibility, Side, Task
from graphmodel.records import Record, json_field, omit_empty, omit_none


@dataclass(frozen=True)
class _Leaf(Record):
    name: str
    short: str | None = json_field(name="abbr", omit="empty", default=None)


@dataclass
class _Tree(Record):
    json_order = ("id", "leaves", "span", "spans", "flag", "note", "tags")

    id: str
    span: tuple[int, int]
    note: str | None = omit_none()
    leaves: list[_Leaf] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    flag: bool = False
    tags: list[str] = omit_empty()


def test_keys_follow_json_order_with_rules_for_empty_values() -> None:
    tree = _Tree("t", (1, 2), leaves=[_Leaf("a", "A"), _Leaf("b")], spans=[(3, 4)])
    assert tree.to_dict() == {"id": "t", "leaves": [{"name": "a", "abbr": "A"}, {"name": "b"}], "span": [1, 2],
                              "spans": [[3, 4]], "flag": False}
    assert list(tree.to_dict()) == ["id", "leaves", "span", "spans", "flag"]
    full = _Tree("t", (1, 2), note="n", tags=["x"])
    assert list(full.to_dict()) == ["id", "leaves", "span", "spans", "flag", "note", "tags"]


def test_reading_back_gives_the_record_again() -> None:
    tree = _Tree("t", (1, 2), note="n", leaves=[_Leaf("a", "A")], spans=[(3, 4)], flag=True, tags=["x"])
    assert _Tree.from_dict(tree.to_dict()) == tree
    back = _Tree.from_dict({"id": "t", "span": [5, 6], "spans": [[1, 2]], "flag": 1, "extra": "ignored"})
    assert back == _Tree("t", (5, 6), spans=[(1, 2)], flag=True)
    assert isinstance(back.span, tuple) and back.flag is True


def test_missing_keys_take_defaults_and_required_ones_are_a_key_error() -> None:
    assert _Tree.from_dict({"id": "t"}).span == (0, 0)  # a span without a default
    with pytest.raises(KeyError):
        _Tree.from_dict({"span": [0, 1]})


def test_a_json_order_must_name_every_field() -> None:
    @dataclass
    class Bad(Record):
        json_order = ("a",)
        a: str
        b: str

    with pytest.raises(TypeError, match="json_order"):
        Bad("x", "y").to_dict()


def test_the_model_keeps_the_contract_s_shapes() -> None:
    resp = Responsibility("市科委", "unit:上海市/上海市科委", "上海市")
    assert resp.to_dict() == {"mention": "市科委", "unit": "unit:上海市/上海市科委", "side": "上海市",
                              "role": "responsible", "collective": False}
    assert Side("上海市", "").to_dict() == {"name": "上海市"}
    task = Task("d#1", "1", "推进", (0, 5), lead_officials=["张三"])
    assert list(task.to_dict()) == ["id", "number", "parent", "title", "text", "span", "responsibilities",
                                    "places", "lead_officials"]
    doc = DocumentInfo("d", None, [Side("上海市", "沪")], source="a.txt")
    assert list(doc.to_dict()) == ["id", "title", "date", "issuers", "sides", "source"]
    ex = Extraction(doc, [task])
    assert list(ex.to_dict())[0] == "schema"
    assert Extraction.from_dict(ex.to_dict()) == ex


def test_a_row_holds_every_field_in_field_order_and_reads_back() -> None:
    tree = _Tree("t", (1, 2), note="n", leaves=[_Leaf("a", "A"), _Leaf("b")], spans=[(3, 4)], flag=True, tags=["x"])
    assert tree.to_row() == ["t", [1, 2], "n", [["a", "A"], ["b", None]], [[3, 4]], True, ["x"]]
    assert _Tree.from_row(tree.to_row()) == tree
    empty = _Tree("e", (0, 0))
    assert _Tree.from_row(empty.to_row()) == empty
    back = _Tree.from_row(["t", [5, 6], None, [], [[1, 2]], 1, []])
    assert isinstance(back.span, tuple) and isinstance(back.spans[0], tuple) and back.flag is True
    for bad in (["t", [1, 2]], [*tree.to_row(), 0], {"id": "t"}, "t"):
        with pytest.raises(ValueError):
            _Tree.from_row(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):  # a nested row cut short
        _Tree.from_row(["t", [1, 2], None, [["a"]], [], False, []])


def test_an_extraction_reads_back_from_its_row() -> None:
    task = Task("d#1", "1", "推进", (0, 5), lead_officials=["张三"],
                responsibilities=[Responsibility("市科委", "u", "上海市", "lead", span=(1, 3))])
    ex = Extraction(DocumentInfo("d", None, [Side("上海市", "沪")], source="a.txt"), [task])
    back = Extraction.from_row(json.loads(json.dumps(ex.to_row())))
    assert back == ex and back.tasks[0].responsibilities[0].span == (1, 3)


@dataclass
class _Checked(Record):
    name: str
    size: int = 0

    def __post_init__(self) -> None:
        if self.size < 0:
            raise ValueError("a negative size")


def test_a_row_makes_the_record_init_would_make() -> None:
    tree = _Tree("t", (1, 2), note="n", leaves=[_Leaf("a", "A")], spans=[(3, 4)], flag=True, tags=["x"])
    back = _Tree.from_row(tree.to_row())
    assert type(back) is _Tree and vars(back) == vars(tree)
    assert list(vars(back)) == list(vars(tree))  # every field, in field order
    assert type(back.leaves[0]) is _Leaf and back.leaves[0] == _Leaf("a", "A")  # frozen: made by __init__
    with pytest.raises(Exception, match="cannot assign"):
        back.leaves[0].name = "b"  # type: ignore[misc]
    with pytest.raises(ValueError, match="negative"):  # a class with __post_init__ still runs it
        _Checked.from_row(["x", -1])


@dataclass
class _Own(Record):
    name: str

    def to_row(self) -> list[object]:
        return [self.name.upper()]


@dataclass
class _Holder(Record):
    own: _Own
    maybe: _Leaf | None
    nested: list[_Tree]


def test_nested_rows_are_written_in_line_unless_a_record_writes_its_own() -> None:
    # The row of a nested record is one list display of its fields (no call of its to_row),
    # at every depth; a record with a to_row of its own is still called.
    tree = _Tree("t", (1, 2), leaves=[_Leaf("a", "A")], spans=[(3, 4)])
    holder = _Holder(_Own("x"), None, [tree, tree])
    assert holder.to_row() == [["X"], None, [tree.to_row(), tree.to_row()]]
    assert _Holder(_Own("y"), _Leaf("b"), []).to_row() == [["Y"], ["b", None], []]

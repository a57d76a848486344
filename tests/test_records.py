"""Records whose JSON follows from their dataclass fields (graphmodel.records)."""

from __future__ import annotations

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

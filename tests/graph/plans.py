"""Hand-made extractions for the graph and analysis tests.

`plan` writes a small plan's text itself (number, wording, then the annotation
``(责任单位:A、B;C、D)``) and returns the `Extraction` with ids and spans as DEVELOPERS.md
prescribes, so the tests know every answer without running the extractor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from graphmodel.model import (
    DocumentInfo,
    Extraction,
    Pairing,
    Place,
    Responsibility,
    Side,
    Task,
    Unit,
)

GROUP_WORDS = ("各", "其他", "相关")


@dataclass
class T:
    """A task: its number, and per side (in document order) the names annotated.

    A name ending in ``*`` is the lead, in ``+`` a supporting unit; a name starting with a
    word of `GROUP_WORDS` is a group placeholder.
    """

    number: str
    sides: list[list[str]]
    text: str = "推进合作"
    parent: str | None = None
    places: list[str] = field(default_factory=list)  # place names, each must appear in text
    leads: list[str] = field(default_factory=list)


def _split(name: str) -> tuple[str, str]:
    if name.endswith("*"):
        return name[:-1], "lead"
    if name.endswith("+"):
        return name[:-1], "support"
    return name, "responsible"


def plan(
    title: str,
    sides: list[str],
    tasks: list[T],
    *,
    date: str | None = None,
    aliases: dict[str, str] | None = None,
    places: dict[str, tuple[str, str | None]] | None = None,
    pairings: list[tuple[str, str, str]] | None = None,
) -> Extraction:
    """The extraction of a plan made of ``tasks``.

    ``aliases`` maps a mention to its canonical name; ``places`` maps a place name to
    ``(kind, side)``; ``pairings`` lists ``(kind, name, name)`` of units or places.
    """
    aliases = aliases or {}
    places = places or {}
    doc_id = f"doc:{title}"
    text = title + "\n"
    units: dict[str, Unit] = {}
    place_objs: dict[str, Place] = {
        name: Place(id=f"{kind}:{side or '-'}/{name}", kind=kind, name=name, side=side)  # type: ignore[arg-type]
        for name, (kind, side) in places.items()
    }
    out_tasks: list[Task] = []
    for t in tasks:
        start = len(text)
        text += t.number + t.text
        for name in t.places:
            at = text.index(name, start)
            place_objs[name].spans.append((at, at + len(name)))
        resps: list[Responsibility] = []
        parts = []
        ann_start = len(text)
        text += "(责任单位:"
        for i, names in enumerate(t.sides):
            if i:
                text += ";"
            parts.append(names)
            for j, raw in enumerate(names):
                if j:
                    text += "、"
                mention, role = _split(raw)
                side = sides[i]
                collective = mention.startswith(GROUP_WORDS)
                canonical = aliases.get(mention, mention)
                uid = f"{'group' if collective else 'unit'}:{side}/{canonical}"
                unit = units.setdefault(uid, Unit(id=uid, name=canonical, side=side, collective=collective))
                if mention != canonical and mention not in unit.aliases:
                    unit.aliases.append(mention)
                at = len(text)
                text += mention
                resps.append(Responsibility(mention=mention, unit=uid, side=side, role=role,  # type: ignore[arg-type]
                                            collective=collective, span=(at, at + len(mention))))
        text += ")\n" if t.sides else "\n"
        out_tasks.append(Task(
            id=f"{doc_id}#{t.number}",
            number=t.number,
            text=t.text,
            span=(start, len(text)),
            parent=f"{doc_id}#{t.parent}" if t.parent else None,
            responsibilities=resps,
            places=[place_objs[n].id for n in t.places],
            lead_officials=list(t.leads),
            annotation_span=(ann_start, len(text) - 1) if t.sides else None,
        ))
    place_ids = {p.name: p.id for p in place_objs.values()}
    unit_ids = {u.name: u.id for u in units.values()}
    out_pairings = [
        Pairing(kind=kind, a=(place_ids | unit_ids)[a], b=(place_ids | unit_ids)[b])  # type: ignore[arg-type]
        for kind, a, b in (pairings or [])
    ]
    return Extraction(
        document=DocumentInfo(id=doc_id, title=title, sides=[Side(s) for s in sides], date=date,
                              source=f"{title}.txt"),
        tasks=out_tasks,
        units=sorted(units.values(), key=lambda u: u.id),
        places=sorted(place_objs.values(), key=lambda p: p.id),
        pairings=out_pairings,
    )


SH, DL = "上海市", "大连市"
A, B, C = "unit:上海市/上海市政府合作交流办", "unit:上海市/上海市科委", "unit:上海市/上海市教委"
X, Y, Z = "unit:大连市/大连市发展改革委", "unit:大连市/大连市科技局", "unit:大连市/大连市教育局"
W = "unit:大连市/大连市工业和信息化局"
P2020 = "doc:2020年上海市与大连市对口合作重点工作计划"
P2021 = "doc:2021年上海市与大连市对口合作重点工作计划"


def plan_2020() -> Extraction:
    """The small plan most analysis tests use.

    Task sets: A {1,2,4,8}, B {1,3}, C {6}, X {1,2}, Y {1,3}, Z {7}. Task 2 names A by its
    alias 上海市合作交流办公室; 5 names placeholders only; 4, 6, 7 and 8 name one side only
    (8 names 各有关单位 for Dalian).
    """
    return plan(P2020[4:], [SH, DL], [
        T("1", [["上海市政府合作交流办*", "上海市科委"], ["大连市发展改革委", "大连市科技局+"]]),
        T("2", [["上海市合作交流办公室"], ["大连市发展改革委"]]),
        T("3", [["上海市科委"], ["大连市科技局", "各有关单位"]]),
        T("4", [["上海市政府合作交流办"], []]),
        T("5", [["各相关单位"], ["各有关单位"]]),
        T("6", [["上海市教委"], []]),
        T("7", [[], ["大连市教育局"]]),
        T("8", [["上海市政府合作交流办"], ["各有关单位"]]),
    ], date="2020-05-11", aliases={"上海市合作交流办公室": "上海市政府合作交流办"})


def plan_2021() -> Extraction:
    """The next year's plan: Y drops out, W comes in. Task sets: A {1}, B {1}, C {2}, X {1}, W {1}, Z {2}."""
    return plan(P2021[4:], [SH, DL], [
        T("1", [["上海市政府合作交流办", "上海市科委"], ["大连市发展改革委", "大连市工业和信息化局"]]),
        T("2", [["上海市教委"], ["大连市教育局"]]),
    ], date="2021-04-01")


def network_plan() -> Extraction:
    """Two triangles of units joined by one shared task: 甲乙丙 (Shanghai) and 丁戊己 (Dalian), 丙–丁."""
    return plan("两个三角形的计划", [SH, DL], [
        T("1", [["上海市甲局", "上海市乙局", "上海市丙局"], []]),
        T("2", [["上海市丙局"], ["大连市丁局"]]),
        T("3", [[], ["大连市丁局", "大连市戊局", "大连市己局"]]),
    ])


def save(ex: Extraction, folder: Path) -> Path:
    """Write ``ex`` as a saved extraction (what ``graphmodel extract -o`` writes) into ``folder``."""
    path = folder / f"{ex.document.title}.json"
    path.write_text(json.dumps(ex.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path

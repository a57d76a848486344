"""Small hand-made plans for the Neo4j tests, built into graphs with `build_graph`.

A task is ``(number, {side: [unit names]}, [place names])``; a unit name ending in ``*`` is the
lead, one starting with 各 is a group placeholder. Ids follow DEVELOPERS.md.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphmodel.graph import build_graph
from graphmodel.model import DocumentInfo, Extraction, Pairing, Place, Responsibility, Side, Task, Unit

SIDES = ("上海市", "大连市")


def unit_id(side: str, name: str) -> str:
    return f"{'group' if name.startswith('各') else 'unit'}:{side}/{name}"


def plan(
    title: str,
    tasks: list[tuple[str, dict[str, list[str]], list[str]]],
    *,
    sides: tuple[str, ...] = SIDES,
    places: dict[str, tuple[str, str]] | None = None,
    pairings: list[tuple[str, str, str, str]] | None = None,
    unit_district: dict[str, str] | None = None,
    date: str | None = "2020-05-01",
    aliases: dict[str, list[str]] | None = None,
) -> Extraction:
    """One plan's extraction.

    ``places`` maps a place name to ``(kind, side)``; ``pairings`` lists
    ``(kind, name a, name b, task number)``; ``unit_district`` maps a unit name to its district.
    """
    doc_id = f"doc:{title}"
    places = places or {}
    aliases = aliases or {}
    unit_district = unit_district or {}
    place_objs = {n: Place(id=f"{k}:{s}/{n}", kind=k, name=n, side=s) for n, (k, s) in places.items()}  # type: ignore[arg-type]
    units: dict[str, Unit] = {}
    out_tasks = []
    pos = len(title) + 1
    for number, by_side, task_places in tasks:
        text = "推进" + "".join(task_places) + "合作"
        task = Task(id=f"{doc_id}#{number}", number=number, text=text, span=(pos, pos + len(number) + len(text)))
        pos = task.span[1] + 1
        for place in task_places:
            task.places.append(place_objs[place].id)
            at = task.span[0] + len(number) + text.index(place)
            place_objs[place].spans.append((at, at + len(place)))
        for side, names in by_side.items():
            for raw in names:
                name = raw.rstrip("*")
                uid = unit_id(side, name)
                collective = name.startswith("各")
                district = unit_district.get(name)
                units.setdefault(uid, Unit(id=uid, name=name, side=side, collective=collective,
                                           aliases=list(aliases.get(name, [])),
                                           district=place_objs[district].id if district else None))
                task.responsibilities.append(Responsibility(
                    mention=name, unit=uid, side=side, role="lead" if raw.endswith("*") else "responsible",
                    collective=collective))
        out_tasks.append(task)
    by_name = {u.name: u.id for u in units.values()} | {n: p.id for n, p in place_objs.items()}
    pairs = [Pairing(kind=k, a=by_name[a], b=by_name[b], task=f"{doc_id}#{t}")  # type: ignore[arg-type]
             for k, a, b, t in pairings or []]
    doc = DocumentInfo(id=doc_id, title=title, sides=[Side(s) for s in sides], date=date,
                       source=f"{title}.txt", sha256="0" * 64)
    return Extraction(document=doc, tasks=out_tasks, units=list(units.values()),
                      places=list(place_objs.values()), pairings=pairs)


def graph(*plans: Extraction) -> nx.MultiDiGraph:
    return build_graph(list(plans))


PLACES = {"浦东新区": ("district", "上海市"), "金州区": ("district", "大连市"),
          "张江高科技园区": ("park", "上海市"), "大连高新园区": ("park", "大连市")}


def plan_a(**changes: Any) -> Extraction:
    """Three tasks, two pairs of units, a district and a park pairing."""
    tasks = changes.pop("tasks", [
        ("一、1.", {"上海市": ["上海市发展改革委*", "上海市商务委"], "大连市": ["大连市发展改革委"]}, ["浦东新区"]),
        ("一、2.", {"上海市": ["上海市发展改革委"], "大连市": ["大连市发展改革委", "各有关单位"]}, []),
        ("二、1.", {"上海市": ["上海市商务委"], "大连市": ["大连市商务局"]}, ["张江高科技园区"]),
        ("二、2.", {"上海市": ["上海市科委"]}, []),
    ])
    return plan("2020年沪连合作计划", tasks, places=changes.pop("places", PLACES),
                pairings=changes.pop("pairings", [("district", "浦东新区", "金州区", "一、1."),
                                                  ("park", "张江高科技园区", "大连高新园区", "二、1.")]),
                unit_district=changes.pop("unit_district", {"上海市商务委": "浦东新区"}),
                aliases={"上海市发展改革委": ["上海市发改委"]}, **changes)


def plan_b() -> Extraction:
    """Another plan sharing 上海市发展改革委 with `plan_a`."""
    return plan("2021年沪连合作计划", [
        ("1.", {"上海市": ["上海市发展改革委"], "大连市": ["大连市工信局"]}, []),
        ("2.", {"上海市": ["上海市文旅局"], "大连市": ["大连市文旅局"]}, []),
    ], date="2021-03-01")

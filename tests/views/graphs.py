"""Small graphs built by hand per DEVELOPERS.md ("The graph"), with answers known in advance."""

from __future__ import annotations

import networkx as nx

SH, DL = "上海市", "大连市"
DOC20 = "doc:2020年上海市与大连市对口合作重点工作计划"
DOC21 = "doc:2021年上海市与大连市对口合作重点工作计划"
SH_OFFICE = f"unit:{SH}/上海市政府合作交流办"
SH_NDRC = f"unit:{SH}/上海市发展改革委"
DL_NDRC = f"unit:{DL}/大连市发展改革委"
DL_PARTY = f"unit:{DL}/大连市委办公室"
DL_GROUP = f"group:{DL}/各有关单位"
PUDONG = f"district:{SH}/浦东新区"
DL_PARK = f"park:{DL}/大连高新园区"
SH_PARK = f"park:{SH}/上海张江高新区"


class Plan:
    """Adds a plan's nodes and edges to a graph, the way build_graph lays them out."""

    def __init__(self, graph: nx.MultiDiGraph, doc: str, date: str, sides: list[str]) -> None:
        self.g, self.doc, self.pos = graph, doc, 0
        graph.add_node(doc, kind="Document", title=doc.removeprefix("doc:"), date=date,
                       source=f"{date[:4]}.txt", sha256="0" * 64, sides=list(sides))
        for side in sides:
            graph.add_node(f"side:{side}", kind="Side", name=side, short=side[:2])

    def unit(self, node: str, aliases: tuple[str, ...] = ()) -> str:
        kind = "Group" if node.startswith("group:") else "Unit"
        side, name = node.split(":", 1)[1].split("/", 1)
        attrs = {"kind": kind, "name": name, "side": side}
        if kind == "Unit":
            attrs["aliases"] = [name, *aliases]
        self.g.add_node(node, **attrs)
        if kind == "Unit":
            self.g.add_edge(node, f"side:{side}", key="IN")
        return node

    def task(self, number: str, text: str, parent: str | None = None, title: str = "",
             units: tuple[tuple[str, str], ...] = (), mentions: tuple[str, ...] = ()) -> str:
        task = f"{self.doc}#{number}"
        start, self.pos = self.pos, self.pos + len(text) + 10
        self.g.add_node(task, kind="Task", document=self.doc, number=number, title=title, text=text,
                        start=start, end=self.pos, lead_officials=[])
        self.g.add_edge(task, parent or self.doc, key="PART_OF", document=self.doc)
        for unit, role in units:
            mention = self.g.nodes[unit]["name"]
            self.g.add_edge(unit, task, key="RESPONSIBLE_FOR", role=role, mention=mention,
                            document=self.doc, start=start + 1, end=start + 1 + len(mention))
        for place in mentions:
            self.g.add_edge(task, place, key="MENTIONS", document=self.doc, start=start, end=start + 2)
        return task

    def place(self, node: str, within: str) -> str:
        kind = "District" if node.startswith("district:") else "Park"
        side, name = node.split(":", 1)[1].split("/", 1)
        self.g.add_node(node, kind=kind, name=name, side=side, aliases=[name])
        self.g.add_edge(node, within, key="IN")
        return node


def counterparts(graph: nx.MultiDiGraph, first_side: str) -> None:
    """Add COUNTERPART edges the way the schema defines them: units of different sides sharing tasks."""
    units = {}
    for u, t, k in graph.edges(keys=True):
        if k == "RESPONSIBLE_FOR" and graph.nodes[u]["kind"] == "Unit":
            units.setdefault(u, set()).add(t)
    for a, ta in sorted(units.items()):
        for b, tb in sorted(units.items()):
            sa, sb = graph.nodes[a]["side"], graph.nodes[b]["side"]
            shared = sorted(ta & tb)
            if sa == first_side and sb != first_side and shared:
                graph.add_edge(a, b, key="COUNTERPART", count=len(shared), tasks=shared,
                               jaccard=len(shared) / len(ta | tb))


def hand_graph(two_years: bool = True) -> nx.MultiDiGraph:
    """Two plans (2020, 2021) of 上海市 and 大连市: 4 units, a group, a district, two parks."""
    g = nx.MultiDiGraph(schema="graphmodel.graph/1")
    p = Plan(g, DOC20, "2020-05-11", [SH, DL])
    p.unit(SH_OFFICE, ("上海市合作交流办公室",))
    p.unit(SH_NDRC)
    p.unit(DL_NDRC, ("大连市发改委",))
    p.unit(DL_PARTY)
    p.unit(DL_GROUP)
    p.place(PUDONG, f"side:{SH}")
    p.place(DL_PARK, f"side:{DL}")
    p.place(SH_PARK, PUDONG)
    one = p.task("一、", "", title="强化两地对口合作工作机制")
    p.task("一、(一)", "适时召开上海·大连对口合作座谈会。", parent=one,
           units=((SH_OFFICE, "responsible"), (DL_NDRC, "responsible"), (DL_PARTY, "responsible")))
    p.task("一、(二)", "年度工作计划分解到各责任单位。", parent=one,
           units=((SH_OFFICE, "responsible"), (DL_NDRC, "lead")))
    two = p.task("二、", "", title="推进园区合作")
    t3 = p.task("二、(三)", "推进浦东新区与大连高新园区合作。", parent=two,
                units=((SH_NDRC, "responsible"), (DL_NDRC, "responsible"), (DL_GROUP, "support")),
                mentions=(PUDONG, DL_PARK))
    g.add_edge(DL_PARK, SH_PARK, key="PAIRED_WITH", kind="park", document=DOC20, task=t3, start=5, end=9)
    if two_years:
        q = Plan(g, DOC21, "2021-04-02", [SH, DL])
        q.task("一、", "深化两地发展改革部门合作。", units=((SH_NDRC, "lead"), (DL_NDRC, "responsible")))
    counterparts(g, SH)
    return g


INJECTIONS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
)


def injection_graph() -> nx.MultiDiGraph:
    """A plan whose unit, alias, task, title and document hold markup that must stay text."""
    g = nx.MultiDiGraph(schema="graphmodel.graph/1")
    doc = "doc:</script><script>window.__pwned=1</script>计划"
    p = Plan(g, doc, "2020-01-01", [SH, DL])
    bad_unit = p.unit(f"unit:{SH}/{INJECTIONS[0]}", (INJECTIONS[1], "&lt;b&gt;粗&lt;/b&gt;"))
    bad_group = p.unit(f"group:{DL}/{INJECTIONS[1]}")
    p.unit(DL_NDRC)
    p.task(INJECTIONS[1], f"{INJECTIONS[0]}{INJECTIONS[1]}\u2028<!-- 注释 -->&amp;",
           title=INJECTIONS[0], units=((bad_unit, "lead"), (DL_NDRC, "responsible"), (bad_group, "support")))
    counterparts(g, SH)
    return g

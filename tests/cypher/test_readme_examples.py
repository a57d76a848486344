"""The example questions of ``cypher/README.md``, run against a real Neo4j holding the test corpus
and checked against what Python says of the same plans."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx
import pytest

from graphmodel.graph import build_graph, counterpart_edges, nodes_of_kind, task_order, unit_tasks
from loaders.neo4j.connection import Neo4jSettings
from loaders.neo4j.queries import run_cypher

pytestmark = pytest.mark.neo4j

README = Path(__file__).resolve().parents[2] / "cypher" / "README.md"


def examples() -> dict[str, str]:
    """Each example's question (its heading) and its Cypher."""
    text = README.read_text(encoding="utf-8")
    part = text.split("## Example questions", 1)[1]
    return {m.group(1).strip(): m.group(2).strip()
            for m in re.finditer(r"^### (.+?)\n\n```cypher\n(.*?)```", part, re.M | re.S)}


EXAMPLES = examples()


def ask(db: tuple[neo4j.Driver, Neo4jSettings], start: str) -> list[dict[str, Any]]:
    (question,) = [q for q in EXAMPLES if q.startswith(start)]
    driver, settings = db
    (_, rows), _ = run_cypher(driver, settings, [EXAMPLES[question]], {})
    return rows


def test_the_readme_has_its_diagram_and_examples() -> None:
    text = README.read_text(encoding="utf-8")
    assert "```mermaid\ngraph LR" in text
    assert len(EXAMPLES) == 8
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    for label in ("Document", "Task", "Unit", "Group", "Side", "District", "Park"):
        assert any(f"`{label}`" in row.split("|")[1] for row in rows), label


def _docs(corpus: nx.MultiDiGraph) -> list[str]:
    return nodes_of_kind(corpus, "Document")


def test_shanghai_units_with_the_dalian_ndrc_on_industrial_parks(db, corpus) -> None:  # noqa: ANN001
    ndrc = "unit:大连市/大连市发展改革委"
    found: dict[str, list[str]] = defaultdict(list)
    def when(t: str) -> tuple:
        date = corpus.nodes[corpus.nodes[t]["document"]].get("date")
        return (date is None, date or "", corpus.nodes[t]["start"])  # undated plans last, as Cypher orders

    for t in sorted(unit_tasks(corpus)[ndrc], key=when):
        data = corpus.nodes[t]
        if "园区" not in data.get("title", "") + data.get("text", ""):
            continue
        for u, _, k in corpus.in_edges(t, keys=True):
            if k == "RESPONSIBLE_FOR" and corpus.nodes[u]["kind"] == "Unit" and corpus.nodes[u]["side"] == "上海市":
                year = corpus.nodes[data["document"]].get("date", "-")[:4]
                found[corpus.nodes[u]["name"]].append(f"{year} {data['number']}")
    want = sorted(((u, len(w), w) for u, w in found.items()), key=lambda r: (-r[1], r[0]))
    rows = ask(db, "Which Shanghai units work with 大连市发展改革委")
    assert len(want) >= 3
    assert [(r["unit"], r["tasks"], r["which"]) for r in rows] == want


def test_units_in_both_years_of_the_shanghai_dalian_plans(db, corpus) -> None:  # noqa: ANN001
    years: dict[str, set[str]] = defaultdict(set)
    for unit, tasks in unit_tasks(corpus).items():
        for t in tasks:
            doc = corpus.nodes[corpus.nodes[t]["document"]]
            if "上海市与大连市" in doc["title"] and doc.get("date", "")[:4] in ("2021", "2022"):
                years[unit].add(doc["date"][:4])
    want = sorted((corpus.nodes[u]["side"], corpus.nodes[u]["name"]) for u, y in years.items() if len(y) == 2)
    rows = ask(db, "Which units have tasks in both")
    assert len(want) > 20 and [(r["side"], r["unit"]) for r in rows] == want


def test_counterparts_of_2022_plan_by_plan(db, corpus) -> None:  # noqa: ANN001
    pairs = []
    for doc in _docs(corpus):
        if corpus.nodes[doc].get("date", "").startswith("2022"):
            for a, b, attrs in counterpart_edges(corpus, documents=[doc]):
                pairs.append((corpus.nodes[doc]["title"], corpus.nodes[a]["name"], corpus.nodes[b]["name"],
                              attrs["count"], attrs["jaccard"]))
    want = sorted(pairs, key=lambda p: (-p[3], -p[4], p[0], p[1], p[2]))[:10]
    rows = ask(db, "Which counterparts share the most tasks in the plans of 2022")
    assert [(r["plan"], r["a"], r["b"], r["shared"], r["jaccard"]) for r in rows] == want


def test_the_tasks_of_a_plan_in_order_with_their_leads(db, corpus) -> None:  # noqa: ANN001
    (doc,) = [d for d in _docs(corpus) if corpus.nodes[d]["title"] == "2022年上海市与大连市对口合作工作要点"]
    tasks = sorted((t for t, d in corpus.nodes(data=True) if d["kind"] == "Task" and d["document"] == doc),
                   key=lambda t: task_order(corpus, t))
    want = [(corpus.nodes[t]["number"], sorted(corpus.nodes[u]["name"] for u, _, k, e in
                                               corpus.in_edges(t, keys=True, data=True)
                                               if k == "RESPONSIBLE_FOR" and e["role"] == "lead")) for t in tasks]
    rows = ask(db, "Which tasks does the 2022 Shanghai–Dalian plan have")
    assert [(r["number"], sorted(r["leads"])) for r in rows] == want and len(want) > 20


def test_pairings_several_plans_state(db, corpus) -> None:  # noqa: ANN001
    want = sorted((d["kind"], corpus.nodes[u]["name"], corpus.nodes[v]["name"],
                   [corpus.nodes[x]["title"] for x in d["documents"]])
                  for u, v, k, d in corpus.edges(keys=True, data=True)
                  if k == "PAIRED_WITH" and len(d["documents"]) > 1)
    rows = ask(db, "Which pairings do several plans state")
    assert len(want) >= 5 and [(r["kind"], r["a"], r["b"], r["plans"]) for r in rows] == want


def test_plans_of_the_first_half_of_2021(db, corpus) -> None:  # noqa: ANN001
    want = sorted((corpus.nodes[d]["date"], corpus.nodes[d]["title"]) for d in _docs(corpus)
                  if "2021-01-01" <= corpus.nodes[d].get("date", "") < "2021-07-01")
    rows = ask(db, "Which plans were issued in the first half of 2021")
    assert len(want) >= 8 and [(r["date"], r["plan"]) for r in rows] == want


def test_the_names_each_plan_uses_for_a_unit(db, extractions) -> None:  # noqa: ANN001
    unit = "unit:上海市/上海市政府合作交流办"
    want = []
    for ex in extractions:
        alone = build_graph([ex])
        if unit in alone:
            want.append((ex.document.date[:4], ex.document.title, sorted(alone.nodes[unit].get("aliases", [])),
                         ex.document.id))
    rows = ask(db, "By which names does each plan call")
    assert len(want) >= 4 and any(w[2] for w in want)
    assert [(str(r["year"]), r["plan"], r["names"], r["document"]) for r in rows] == sorted(want)


def test_units_with_finance_in_a_name(db, corpus) -> None:  # noqa: ANN001
    want = sorted(d["name"] for _, d in corpus.nodes(data=True)
                  if d["kind"] == "Unit" and any("金融" in n for n in [d["name"], *d.get("aliases", [])]))
    rows = ask(db, "Which units have 金融")
    assert len(want) >= 4 and [r["unit"] for r in rows] == want

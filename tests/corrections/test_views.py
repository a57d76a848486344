"""The views show which facts come from a correction: in tooltips, and in the page data."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graphmodel.corrections import HEADER, apply_corrections, parse_corrections
from graphmodel.extract import extract
from graphmodel.graph import build_graph
from graphmodel.views import build_view, render_html
from graphmodel.views.facts import edge_record, responsibility_rows, tooltip
from graphmodel.views.network_view import network_view
from tests.conftest import DATA
from tests.views.browser import Browser

DOC = "doc:2021年上海市与遵义市对口协作工作要点@f87403b5c0"
UNIT = "unit:遵义市/遵义市教育局"
TASK = f"{DOC}#二、(二)"
# A file name that is markup: shown as text, never run.
SOURCE = "<img src=x onerror=window.__pwned=1>.tsv"


def _graph(source: str = "c.tsv") -> nx.MultiDiGraph:
    ex = extract((DATA / "corrections" / "plan.txt").read_text(encoding="utf-8"), source="plan.txt")
    fixes = parse_corrections(f"{HEADER}\nremove\t{DOC}\t二、(二)\t教育局\n"
                              f"add\t{DOC}\t二、(二)\t教育局\tsupport\t遵义市\n", source)
    return build_graph([apply_corrections(ex, fixes)])


def test_tooltips_and_records_name_the_correction() -> None:
    graph = _graph()
    assert "corrected: c.tsv:3" in tooltip(graph, UNIT).splitlines()
    assert "corrected" not in tooltip(graph, "unit:遵义市/遵义市卫生健康局")
    assert edge_record(graph, UNIT, TASK, "RESPONSIBLE_FOR")["correction"] == "c.tsv:3"
    assert responsibility_rows(graph, UNIT) == [{"task": TASK, "role": "support", "mention": "教育局", "correction": "c.tsv:3"}]


def test_the_focus_view_edge_title_names_it() -> None:
    data = build_view(_graph(), "focus", focus=UNIT).to_dict()
    edge = next(e for e in data["edges"] if e["from"] == UNIT and e["type"] == "RESPONSIBLE_FOR")
    assert edge["title"].endswith("corrected: c.tsv:3")
    node = next(n for n in data["nodes"] if n["id"] == UNIT)
    assert "corrected: c.tsv:3" in node["title"]


def test_canvas_data_carries_it_only_when_there_is_one() -> None:
    data = network_view(_graph()).data
    i = data["nodes"]["id"].index(UNIT)
    assert data["nodes"]["correction"][i] == "c.tsv:3"
    fixed = [c for c in data["edges"]["correction"] if c]
    assert fixed == ["c.tsv:3"]
    plain = build_graph([extract((DATA / "corrections" / "plan.txt").read_text(encoding="utf-8"))])
    plain_data = network_view(plain).data
    assert "correction" not in plain_data["nodes"] and "correction" not in plain_data["edges"]
    counterparts = build_view(_graph(), "counterparts").data
    assert "c.tsv:3" in counterparts["nodes"]["correction"]


@pytest.mark.browser
@pytest.mark.parametrize("view", ["network", "counterparts"])
def test_hovering_a_corrected_unit_shows_the_line_as_text(browser: Browser, view: str) -> None:
    loaded = browser.open(render_html(_graph(SOURCE), view))
    page = loaded.page
    at = loaded.evaluate("(id) => graphmodelView.screenOf(id)", UNIT)
    page.mouse.move(at["x"], at["y"])
    page.wait_for_selector("#tip", state="visible")
    lines = page.text_content("#tip").splitlines()
    assert lines[0] == "遵义市教育局" and f"corrected: {SOURCE}:3" in lines
    page.wait_for_timeout(300)
    assert loaded.evaluate("() => window.__pwned") is None
    assert "img" not in loaded.evaluate("() => [...document.querySelectorAll('*')].map(e => e.tagName.toLowerCase())")
    assert loaded.errors == [] and loaded.blocked == [] and loaded.requests == [loaded.url]
    assert json.dumps(SOURCE)[1:-1] not in page.content()  # the data escapes < and >
    page.close()

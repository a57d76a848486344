"""The focus view (vis-network) and the inline notebook frame in a real headless Chromium.

The focus page loads without a console error or any request but the page itself, holds the
unit's neighbourhood, opens on its unit, and keeps injected markup as text. The canvas views
are tested in test_view_canvas.py. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pytest

from graphmodel.views import render_html, show
from loaders.corpus import read_corpus_graph
from tests.conftest import ARTIFACTS, SEED
from tests.views.browser import Browser, Loaded
from tests.views.graphs import INJECTIONS, SH, hand_graph, injection_graph

pytestmark = pytest.mark.browser

DL_NDRC = "unit:大连市/大连市发展改革委"
SH_OFFICE = "unit:上海市/上海市政府合作交流办"
VIEWS = (("focus", "大连市发展改革委"),)


@pytest.fixture(scope="module")
def seed() -> nx.MultiDiGraph:
    return read_corpus_graph([SEED])


@pytest.fixture(scope="module")
def pages(browser: Browser, seed: nx.MultiDiGraph) -> Iterator[dict[str, Loaded]]:
    opened = {name: browser.open(render_html(seed, name, focus)) for name, focus in VIEWS}
    yield opened
    for loaded in opened.values():
        loaded.page.close()


def expected(graph: nx.MultiDiGraph, view: str) -> tuple[set[str], int]:
    """The node ids and edge count a view of ``graph`` must hold, computed from the graph alone."""
    edges = list(graph.edges(keys=True))
    if view == "network":
        return set(graph.nodes), sum(1 for *_, k in edges if k != "COUNTERPART")
    if view == "counterparts":
        pairs = [(u, v) for u, v, k in edges if k == "COUNTERPART"]
        return {n for pair in pairs for n in pair}, len(pairs)
    tasks = {t for u, t, k in edges if u == DL_NDRC and k == "RESPONSIBLE_FOR"}
    responsible = [(u, t) for u, t, k in edges if t in tasks and k == "RESPONSIBLE_FOR"]
    counterpart = [(u, v) for u, v, k in edges if k == "COUNTERPART" and DL_NDRC in (u, v)]
    nodes = {DL_NDRC} | tasks | {u for u, _ in responsible} | {n for pair in counterpart for n in pair}
    return nodes, len(responsible) + len(counterpart)


def visible(loaded: Loaded) -> dict[str, int]:
    return loaded.evaluate("""() => ({
        nodes: graphmodelView.nodes.get({filter: n => !n.hidden}).length,
        edges: graphmodelView.edges.get({filter: e => !e.hidden}).length,
        drawn: graphmodelView.network.body.nodeIndices.length})""")


def node_on_screen(loaded: Loaded, node: str) -> dict[str, float]:
    """Where a node is drawn, in page coordinates."""
    return loaded.evaluate("""(id) => {
        const v = graphmodelView.network, box = document.getElementById('network').getBoundingClientRect();
        const p = v.canvasToDOM(v.getPositions([id])[id]);
        return {x: box.left + p.x, y: box.top + p.y, left: box.left, top: box.top,
                width: box.width, height: box.height};
    }""", node)


@pytest.mark.parametrize("view", [v for v, _ in VIEWS])
def test_seed_views_load_offline_and_hold_the_graph(pages: dict[str, Loaded], seed: nx.MultiDiGraph,
                                                      view: str) -> None:
    loaded = pages[view]
    assert loaded.errors == []
    assert loaded.blocked == [] and loaded.requests == [loaded.url]
    nodes, edge_count = expected(seed, view)
    held = loaded.evaluate("() => [graphmodelView.nodes.getIds(), graphmodelView.edges.length]")
    assert set(held[0]) == nodes and len(held[0]) == len(nodes)
    assert held[1] == edge_count
    assert visible(loaded) == {"nodes": len(nodes), "edges": edge_count, "drawn": len(nodes)}
    assert loaded.page.text_content("#counts") == \
        f"{len(nodes)} of {len(nodes)} nodes · {edge_count} of {edge_count} edges"
    # Opens still: physics is off, and the nodes sit where Python put them.
    assert loaded.evaluate("() => graphmodelView.network.physics.options.enabled") is False
    placed = loaded.evaluate("""() => { const drawn = graphmodelView.network.body.nodes;
        return graphmodelView.data.nodes.every(n => drawn[n.id].x === n.x && drawn[n.id].y === n.y); }""")
    assert placed is True
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.page.screenshot(path=str(ARTIFACTS / f"view-{view}.png"))


def test_focus_view_opens_on_its_unit(pages: dict[str, Loaded]) -> None:
    loaded = pages["focus"]
    assert loaded.evaluate("() => graphmodelView.network.getSelectedNodes()") == [DL_NDRC]
    assert loaded.page.text_content("#details-body h3") == "大连市发展改革委"
    where = node_on_screen(loaded, DL_NDRC)
    assert where["left"] < where["x"] < where["left"] + where["width"]


def test_physics_is_off_until_toggled(browser: Browser) -> None:
    loaded = browser.open(render_html(hand_graph(), "focus", "大连市发展改革委"))
    page = loaded.page
    before = loaded.evaluate("() => graphmodelView.network.getPositions()")
    page.wait_for_timeout(300)
    assert loaded.evaluate("() => graphmodelView.network.getPositions()") == before
    page.click("#physics")
    assert loaded.evaluate("() => graphmodelView.network.physics.options.enabled") is True
    page.wait_for_timeout(800)
    assert loaded.evaluate("() => graphmodelView.network.getPositions()") != before
    assert loaded.errors == []
    page.close()


@pytest.mark.parametrize("view,focus", [("focus", INJECTIONS[0])])
def test_injected_markup_never_runs_and_shows_as_text(browser: Browser, view: str, focus: str | None) -> None:
    graph = injection_graph()
    loaded = browser.open(render_html(graph, view, focus))
    page = loaded.page
    unit = f"unit:{SH}/{INJECTIONS[0]}"
    assert page.title().endswith("</script><script>window.__pwned=1</script>计划")
    assert page.text_content("#title") == page.title()
    # Hover the unit: its tooltip is text.
    where = node_on_screen(loaded, unit)
    page.mouse.move(where["x"], where["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tip = page.eval_on_selector("div.vis-tooltip", "e => [e.innerText, [...e.children].map(c => c.tagName)]")
    # innerText turns the line breaks into <br>, and that is all the markup there is.
    assert tip[0].startswith(INJECTIONS[0]) and INJECTIONS[1] in tip[0] and set(tip[1]) <= {"BR"}
    # Search the markup: it finds the task numbered so, the group of that name and the unit of
    # that alias (the focus view on the unit holds all three), and lists them as text.
    page.fill("#search", INJECTIONS[1])
    page.press("#search", "Enter")
    found = page.eval_on_selector_all("#matches button", "els => els.map(e => e.textContent)")
    wanted = [INJECTIONS[1], f"{INJECTIONS[1]} · 大连市", f"{INJECTIONS[0]} · {SH}"]
    assert sorted(found) == sorted(wanted)
    page.get_by_role("button", name=f"{INJECTIONS[0]} · {SH}", exact=True).click()
    assert loaded.evaluate("() => graphmodelView.network.getSelectedNodes()") == [unit]
    assert page.text_content("#details-body h3") == INJECTIONS[0]
    body = page.text_content("#details-body")
    assert INJECTIONS[1] in body and "<!-- 注释 -->&amp;" in body
    page.wait_for_timeout(300)  # an onerror would fire by now
    assert loaded.evaluate("() => window.__pwned") is None
    tags = loaded.evaluate("() => [...document.querySelectorAll('*')].map(e => e.tagName.toLowerCase())")
    assert "img" not in tags and tags.count("script") == 3
    assert loaded.errors == [] and loaded.blocked == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"view-injection-{view}.png"))
    page.close()


def test_inline_notebook_frame_runs_the_page(browser: Browser) -> None:
    graph = injection_graph()
    page = browser.blank()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content(show(graph, "network")._repr_html_())
    frame = page.frames[1]
    frame.wait_for_function("() => window.graphmodelView !== undefined")
    assert frame.evaluate("() => graphmodelView.data.nodes.id.length") == graph.number_of_nodes()
    assert frame.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => window.__pwned") is None
    assert errors == []
    page.close()


def test_an_empty_view_says_so(browser: Browser) -> None:
    graph = nx.MultiDiGraph(schema="graphmodel.graph/1")
    loaded = browser.open(render_html(graph, "counterparts"))
    assert loaded.page.text_content("p.empty") == \
        "This view is empty: the graph holds no units of two sides that share a task."
    assert loaded.evaluate("() => graphmodelView.visibleNodes().length") == 0
    assert loaded.errors == [] and loaded.blocked == []
    loaded.page.close()

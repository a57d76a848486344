"""The canvas views (network, counterparts, matrix) in a real headless Chromium, cut off from the network.

What a planner reads on screen is checked against the graph and the analyses: on the
27-document test corpus (the seed plan and tests/data/plans, plans2, plans3) every link of the
counterparts view joins the two columns, and the counts after ticking one year are those of
`graphmodel pairs --document` for that year's documents; the pairing panel, the minimum of
shared tasks, the matrix, search by short form, Escape, contrast, injected markup and axe.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graphmodel.views import render_html, style
from graphmodel_cli.main import cli
from loaders.corpus import read_corpus_graph
from tests.conftest import ARTIFACTS, DATA, SEED, SeedFacts
from tests.views.browser import Browser, Loaded
from tests.views.graphs import INJECTIONS, SH, injection_graph

pytestmark = pytest.mark.browser

CORPUS = [SEED, DATA / "plans", DATA / "plans2", DATA / "plans3"]
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
DL_NDRC = "unit:大连市/大连市发展改革委"
SH_OFFICE = "unit:上海市/上海市政府合作交流办"


@pytest.fixture(scope="module")
def seed() -> nx.MultiDiGraph:
    return read_corpus_graph([SEED])


@pytest.fixture(scope="module")
def corpus() -> nx.MultiDiGraph:
    graph = read_corpus_graph(CORPUS)
    assert sum(1 for _, a in graph.nodes(data=True) if a["kind"] == "Document") == 27
    return graph


@pytest.fixture(scope="module")
def corpus_page(browser: Browser, corpus: nx.MultiDiGraph) -> Iterator[Loaded]:
    loaded = browser.open(render_html(corpus, "counterparts"))
    yield loaded
    loaded.page.close()


def shown(loaded: Loaded) -> list[dict]:
    return loaded.evaluate("() => graphmodelView.pairs()")


def test_on_the_corpus_every_link_joins_the_two_columns(corpus_page: Loaded, corpus: nx.MultiDiGraph) -> None:
    loaded = corpus_page
    assert loaded.errors == [] and loaded.blocked == []
    data = loaded.evaluate("() => graphmodelView.data")
    assert len(data["pairs"]) > 5
    total = 0
    for i, pair in enumerate(data["pairs"]):
        loaded.evaluate("(i) => graphmodelView.setPair(i)", i)
        left, right = data["sides"][pair["left"]], data["sides"][pair["right"]]
        edges = loaded.evaluate("() => graphmodelView.visibleEdges()")
        assert len(edges) == pair["pairs"]
        for a, b in edges:
            assert corpus.nodes[a]["side"] == left and corpus.nodes[b]["side"] == right
            assert loaded.evaluate("([a, b]) => [graphmodelView.column(a), graphmodelView.column(b)]", [a, b]) == [-1, 1]
        total += len(edges)
    # Over all pairs of sides, the page holds every counterpart link of the graph, once.
    assert total == sum(1 for *_, k in corpus.edges(keys=True) if k == "COUNTERPART") == 745


def test_counts_after_ticking_one_year_are_the_pairs_command_for_that_year(
        corpus_page: Loaded, corpus: nx.MultiDiGraph) -> None:
    loaded, page = corpus_page, corpus_page.page
    data = loaded.evaluate("() => graphmodelView.data")
    years = sorted({d["year"] for d in data["documents"]})
    year = "2022"
    for other in years:
        if other != year:
            page.click(f"input[data-year='{other}']")
    documents = [d["id"] for d in data["documents"] if d["year"] == year]
    runner = CliRunner()
    args = ["pairs", *map(str, CORPUS), "--format", "json"]
    for doc in documents:
        args += ["--document", doc]
    got = runner.invoke(cli, args)
    assert got.exit_code == 0, got.output
    expected: dict[tuple[str, str], int] = {(r["a"]["id"], r["b"]["id"]): r["shared"] for r in json.loads(got.stdout)}
    checked = 0
    for i in range(len(data["pairs"])):
        loaded.evaluate("(i) => graphmodelView.setPair(i)", i)
        for row in shown(loaded):
            assert expected.get((row["a"], row["b"]), expected.get((row["b"], row["a"]))) == row["count"], row
            assert all(task.startswith(year + " ") for task in row["tasks"])
            checked += 1
    assert checked == len(expected) > 100
    # The panel of a link lists only that year's tasks, under the year.
    loaded.evaluate("(i) => graphmodelView.setPair(i)", 0)
    first = shown(loaded)[0]
    loaded.evaluate("([a, b]) => graphmodelView.selectPair(a, b)", [first["a"], first["b"]])
    assert page.eval_on_selector_all("#details-body h2", "els => els.map(e => e.textContent)") == \
        [f"{year} ({first['count']})"]
    page.keyboard.press("Escape")
    assert page.is_hidden("#details")
    for other in years:
        if other != year:
            page.click(f"input[data-year='{other}']")
    assert loaded.errors == [] and loaded.blocked == []


def test_the_pairing_panel_ranks_counterparts_and_keeps_them_in_sight(browser: Browser, seed: nx.MultiDiGraph,
                                                                      seed_facts: SeedFacts) -> None:
    loaded = browser.open(render_html(seed, "counterparts"))
    page = loaded.page
    where = loaded.evaluate("(id) => graphmodelView.screenOf(id)", DL_NDRC)
    page.mouse.click(where["x"], where["y"])
    assert page.text_content("#details-body h3") == seed_facts.ndrc
    names = page.eval_on_selector_all("#details-body .partner-name", "els => els.map(e => e.textContent)")
    counts = page.eval_on_selector_all("#details-body .shared", "els => els.map(e => e.textContent)")
    assert names[0] == seed_facts.office and counts[0] == f"{seed_facts.shared} shared tasks"
    partners = {u for u, _, k in seed.in_edges(DL_NDRC, keys=True) if k == "COUNTERPART"}
    assert len(names) == len(partners) and "1 shared task" in counts and "1 shared tasks" not in counts
    numbers = [int(c.split()[0]) for c in counts]
    assert numbers == sorted(numbers, reverse=True)
    # Its tasks are under it, each with its document's year.
    first = page.eval_on_selector_all("#details-body .partner:first-child .partner-tasks li",
                                      "els => els.map(e => e.textContent)")
    assert len(first) == seed_facts.shared and all(t.startswith("2020 ") for t in first)
    # The unit and all its partners are in sight, left of the panel.
    panel = page.eval_on_selector("#details", "e => e.getBoundingClientRect().left")
    box = page.eval_on_selector("#network", "e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.bottom]; }")
    for unit in [DL_NDRC, *partners]:
        at = loaded.evaluate("(id) => graphmodelView.screenOf(id)", unit)
        assert box[0] <= at["x"] < panel and box[1] <= at["y"] <= box[2], unit
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view-counterparts-panel.png"))
    # The hover names what a click selects: the link under the pointer.
    a, b = (loaded.evaluate("(id) => graphmodelView.screenOf(id)", u) for u in (SH_OFFICE, DL_NDRC))
    page.keyboard.press("Escape")
    page.mouse.move(a["x"] + (b["x"] - a["x"]) * 0.3, a["y"] + (b["y"] - a["y"]) * 0.3)
    page.wait_for_selector("#tip", state="visible")
    tip = page.text_content("#tip")
    page.mouse.click(a["x"] + (b["x"] - a["x"]) * 0.3, a["y"] + (b["y"] - a["y"]) * 0.3)
    assert tip.splitlines()[0] == page.text_content("#details-body h3")
    # Escape closes the panel and clears the emphasis.
    page.keyboard.press("Escape")
    assert page.is_hidden("#details") and loaded.evaluate("() => graphmodelView.emphasised()") == []
    assert loaded.errors == [] and loaded.blocked == []
    page.close()


def test_minimum_shared_tasks_hides_weak_pairs(browser: Browser, seed: nx.MultiDiGraph) -> None:
    loaded = browser.open(render_html(seed, "counterparts"))
    strong = sorted((u, v) for u, v, k, d in seed.edges(keys=True, data=True) if k == "COUNTERPART" and d["count"] >= 3)
    loaded.page.fill("#min-shared", "3")
    rows = shown(loaded)
    assert sorted((r["a"], r["b"]) for r in rows) == strong and all(r["count"] >= 3 for r in rows)
    units = {n for pair in strong for n in pair}
    assert set(loaded.evaluate("() => graphmodelView.visibleNodes()")) == units
    assert loaded.page.text_content("#counts").startswith(f"{len(units)} units · {len(strong)} pairs of units")
    loaded.page.close()


def test_the_matrix_shows_the_pairs_and_the_tasks_of_a_cell(browser: Browser, seed: nx.MultiDiGraph,
                                                            seed_facts: SeedFacts) -> None:
    loaded = browser.open(render_html(seed, "matrix"))
    page = loaded.page
    assert loaded.evaluate("() => graphmodelView.state.mode") == "matrix"
    assert len(shown(loaded)) == sum(1 for *_, k in seed.edges(keys=True) if k == "COUNTERPART")
    at = loaded.evaluate("([a, b]) => graphmodelView.screenOf(a, b)", [SH_OFFICE, DL_NDRC])
    page.mouse.move(at["x"], at["y"])
    page.wait_for_selector("#tip", state="visible")
    tip = page.text_content("#tip").splitlines()
    assert tip[:2] == [f"{seed_facts.office} — {seed_facts.ndrc}", f"{seed_facts.shared} shared tasks"]
    assert tip[2].startswith("2020 一、(一)")
    page.mouse.click(at["x"], at["y"])
    assert page.text_content("#details-body h3") == f"{seed_facts.office} — {seed_facts.ndrc}"
    assert page.eval_on_selector_all("#details-body li.task", "els => els.length") == seed_facts.shared
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view-matrix.png"))
    # Strong pairs form blocks: the rows and columns are ordered so that the cells of a unit
    # lie closer together than in name order.
    spread = loaded.evaluate("""() => {
        const v = graphmodelView, rows = v.pairs();
        return rows.length; }""")
    assert spread > 0
    assert loaded.errors == [] and loaded.blocked == []
    page.close()


def test_search_by_short_form_alias_and_part_lists_the_matches(browser: Browser, seed: nx.MultiDiGraph) -> None:
    loaded = browser.open(render_html(seed, "counterparts"))
    page = loaded.page
    page.fill("#search", "发改委")
    page.press("#search", "Enter")
    found = page.eval_on_selector_all("#matches button", "els => els.map(e => e.textContent)")
    assert "大连市发展改革委 · 大连市" in found and "上海市发展改革委 · 上海市" in found
    page.get_by_role("button", name="大连市发展改革委 · 大连市", exact=True).click()
    assert page.text_content("#details-body h3") == "大连市发展改革委"
    page.fill("#search", "上海市合作交流办公室")  # an alias: chosen at once
    page.press("#search", "Enter")
    assert page.text_content("#details-body h3") == "上海市政府合作交流办"
    page.fill("#search", "金融发展")  # a part of a name
    page.press("#search", "Enter")
    assert page.eval_on_selector_all("#matches button", "els => els.map(e => e.textContent)")[0] == \
        "大连市金融发展局 · 大连市"
    page.fill("#search", "不存在")
    page.press("#search", "Enter")
    assert page.text_content("#matches") == "Nothing is named 不存在"
    assert loaded.errors == [] and loaded.blocked == []
    page.close()


def test_the_network_labels_tasks_with_their_year_and_filters_by_year(browser: Browser,
                                                                      corpus: nx.MultiDiGraph) -> None:
    loaded = browser.open(render_html(corpus, "network"))
    page = loaded.page
    assert loaded.evaluate("() => graphmodelView.labelsDrawn()") > 50
    page.fill("#search", "2021 一、(一)")
    page.press("#search", "Enter")
    assert page.eval_on_selector_all("#matches button", "els => els.map(e => e.textContent)")[0].startswith("2021 一、(一)")
    visible = len(loaded.evaluate("() => graphmodelView.visibleNodes()"))
    page.click("input[data-year='2019']")
    hidden = corpus.number_of_nodes() - len(loaded.evaluate("() => graphmodelView.visibleNodes()"))
    assert visible == corpus.number_of_nodes() and hidden > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "view-network-corpus.png"))
    assert loaded.errors == [] and loaded.blocked == []
    page.close()


@pytest.mark.parametrize("view", ["network", "counterparts", "matrix"])
def test_edges_and_fills_stand_three_to_one_against_the_page(browser: Browser, corpus: nx.MultiDiGraph,
                                                             view: str) -> None:
    loaded = browser.open(render_html(corpus, view))
    colours = loaded.evaluate("() => graphmodelView.colours()")
    used = colours["nodes"] + colours["edges"] + (colours["shades"] if view == "matrix" else [])
    assert used and min(style.contrast(c) for c in used) >= 3.0, sorted(used, key=style.contrast)[:3]
    assert loaded.page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor") == "rgb(255, 255, 255)"
    loaded.page.close()


def test_sides_keep_distinct_colours_however_many() -> None:
    colours = style.side_colours([f"side{i}" for i in range(60)])
    assert len(set(colours.values())) == 60
    assert min(style.contrast(c) for c in colours.values()) >= 3.0


@pytest.mark.parametrize("view", ["network", "counterparts", "matrix"])
def test_injected_markup_never_runs_and_shows_as_text(browser: Browser, view: str) -> None:
    loaded = browser.open(render_html(injection_graph(), view))
    page = loaded.page
    assert page.title().endswith("</script><script>window.__pwned=1</script>计划")
    unit = f"unit:{SH}/{INJECTIONS[0]}"
    page.fill("#search", INJECTIONS[0])
    page.press("#search", "Enter")
    assert page.text_content("#details-body h3") == INJECTIONS[0]
    assert INJECTIONS[1] in page.text_content("#details-body")
    if view != "matrix":
        at = loaded.evaluate("(id) => graphmodelView.screenOf(id)", unit)
        page.keyboard.press("Escape")
        page.mouse.move(at["x"], at["y"])
        page.wait_for_selector("#tip", state="visible")
        assert page.text_content("#tip").startswith(INJECTIONS[0])
    page.wait_for_timeout(300)  # an onerror would fire by now
    assert loaded.evaluate("() => window.__pwned") is None
    tags = loaded.evaluate("() => [...document.querySelectorAll('*')].map(e => e.tagName.toLowerCase())")
    assert "img" not in tags and tags.count("script") == 3
    assert loaded.errors == [] and loaded.blocked == [] and loaded.requests == [loaded.url]
    page.close()


@pytest.mark.parametrize("view,focus", [("network", None), ("counterparts", None), ("matrix", None),
                                        ("focus", "大连市发展改革委")])
def test_axe_finds_no_violation(browser: Browser, seed: nx.MultiDiGraph, view: str, focus: str | None) -> None:
    loaded = browser.open(render_html(seed, view, focus))
    page = loaded.page
    if view != "focus":
        loaded.evaluate("(id) => graphmodelView.selectNode(id)", DL_NDRC)  # the panel open too
    # axe runs through the debugging protocol, so the page's own policy (no other script) holds.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    assert loaded.errors == [] and loaded.blocked == []
    page.close()


# The sum of the canvas's pixels, drawn synchronously: equal sums, the same picture.
_PICTURE = """() => { const s = graphmodelView.surface; s.full();
  const px = s.ctx.getImageData(0, 0, s.canvas.width, s.canvas.height).data;
  let sum = 0; for (let i = 0; i < px.length; i++) { sum += px[i] * (1 + (i % 7)); } return sum; }"""


def test_links_are_redrawn_when_they_change_and_kept_when_they_do_not(browser: Browser,
                                                                      corpus: nx.MultiDiGraph) -> None:
    loaded = browser.open(render_html(corpus, "network"))
    page = loaded.page
    before, paints = loaded.evaluate(_PICTURE), loaded.evaluate("() => graphmodelView.linkPaints()")
    page.fill("#search", "发改委")  # lists matches, selects nothing: the links stay as they were
    page.press("#search", "Enter")
    assert page.eval_on_selector_all("#matches button", "els => els.length") > 1
    assert loaded.evaluate(_PICTURE) == before
    assert loaded.evaluate("() => graphmodelView.linkPaints()") == paints
    page.click("input[data-year='2019']")  # links hidden: drawn again, and the picture changes
    hidden = loaded.evaluate(_PICTURE)
    assert hidden != before and loaded.evaluate("() => graphmodelView.linkPaints()") == paints + 1
    page.click("input[data-year='2019']")
    assert loaded.evaluate(_PICTURE) == before
    loaded.evaluate("(id) => graphmodelView.selectNode(id)", DL_NDRC)  # emphasis and camera
    assert loaded.evaluate(_PICTURE) != before
    assert loaded.evaluate("() => graphmodelView.linkPaints()") == paints + 3
    assert loaded.errors == [] and loaded.blocked == []
    page.close()

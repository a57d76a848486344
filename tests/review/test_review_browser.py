"""The review page in a real headless Chromium: offline, injected markup inert, filters that change
the rows shown, and corrections exported as the TSV the corrections reader takes.
Screenshots go to tests/artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graphmodel.extract import extract
from graphmodel.model import Extraction
from graphmodel.review import ReviewItem, filter_items, review_items
from graphmodel.review.review_page import render_review
from tests.conftest import ARTIFACTS, DATA
from tests.extract.helpers import gold_files
from tests.review.corpus import CORRECTION, review_corpus
from tests.views.browser import Browser, Loaded

pytestmark = pytest.mark.browser

HEADER = "action\tdocument\ttask\tunit\trole\tvalue"
AXE = DATA.parent / "views" / "vendor" / "axe-4.14.1.min.js"


@pytest.fixture(scope="module")
def corpus() -> tuple[list[ReviewItem], list[Extraction]]:
    return review_corpus()


@pytest.fixture()
def loaded(browser: Browser, corpus: tuple[list[ReviewItem], list[Extraction]]) -> Iterator[Loaded]:
    page = browser.open(render_review(*corpus))
    yield page
    page.page.close()


def doc_id(corpus: tuple[list[ReviewItem], list[Extraction]], source: str) -> str:
    return next(ex.document.id for ex in corpus[1] if ex.document.source == source)


def row(loaded: Loaded, document: str, number: str) -> object:
    task = f"{document}#{number}"
    return loaded.page.locator(f'tr[data-task="{task}"]')


def visible(loaded: Loaded) -> list[tuple[str, str]]:
    return [(r["document"], r["task"]) for r in loaded.evaluate("() => graphmodelView.visibleRows()")]


def test_loads_offline_and_injected_markup_stays_text(loaded: Loaded,
                                                      corpus: tuple[list[ReviewItem], list[Extraction]]) -> None:
    assert loaded.errors == []
    assert loaded.blocked == [] and loaded.requests == [loaded.url]
    items, _ = corpus
    assert len(visible(loaded)) == len(items)
    # Hover and click everything the payloads could have become: nothing of theirs exists to run.
    for cell in loaded.page.locator("td.context").all():
        cell.hover()
    state = loaded.evaluate("""() => ({pwned: window.__pwned,
        tags: document.querySelectorAll('#rows img, #rows svg, #rows b, #rows script').length,
        text: document.getElementById('rows').textContent, title: document.title})""")
    assert state["pwned"] is None and state["tags"] == 0
    for payload in ('<img src=x onerror="window.__pwned=1">', "</script><script>window.__pwned=2</script>",
                    "<script>window.__pwned=3</script>", '<svg onload="window.__pwned=4">'):
        assert payload in state["text"]
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=True)


def test_filters_change_the_rows_shown(loaded: Loaded, corpus: tuple[list[ReviewItem], list[Extraction]]) -> None:
    items, _ = corpus
    every = visible(loaded)
    dropped = doc_id(corpus, "dropped.txt")

    def expect(found: list[ReviewItem]) -> list[tuple[str, str]]:
        return [(it.document, it.task or "") for it in found]

    loaded.page.select_option("#filter-document", dropped)
    assert visible(loaded) == expect(filter_items(items, documents=[dropped])) != every
    loaded.page.select_option("#filter-flag", "no-annotation")
    assert visible(loaded) == expect(filter_items(items, flags=["no-annotation"], documents=[dropped]))
    loaded.page.select_option("#filter-document", "")
    loaded.page.select_option("#filter-flag", "close-name")
    shown = visible(loaded)
    assert shown == expect(filter_items(items, flags=["close-name"])) and 0 < len(shown) < len(every)
    loaded.page.select_option("#filter-flag", "strong")
    assert visible(loaded) == expect(filter_items(items, flags=["strong"])) != every
    loaded.page.select_option("#filter-flag", "")
    unit = "unit:大连市/大连市司法局"
    loaded.page.select_option("#filter-unit", unit)
    assert visible(loaded) == expect(filter_items(items, units=[unit])) == [(doc_id(corpus, "clean.txt"),
                                                                              f"{doc_id(corpus, 'clean.txt')}#二、")]
    loaded.page.select_option("#filter-unit", "")
    assert visible(loaded) == every
    counts = loaded.page.locator("#counts").text_content()
    assert counts.startswith(f"{len(items)} of {len(items)} items match;")


def test_corrections_are_exported_as_tsv(loaded: Loaded, corpus: tuple[list[ReviewItem], list[Extraction]],
                                         tmp_path: Path) -> None:
    clean, dropped, close = (doc_id(corpus, s) for s in ("clean.txt", "dropped.txt", "close.txt"))
    page = loaded.page
    # A read unit marked wrong, a role changed, a unit added, a split, two names merged, sides set.
    row(loaded, dropped, "一、").locator('li[data-unit="unit:广州市/广州市委组织部"] .mark-wrong').check()
    row(loaded, clean, "二、").locator('li[data-unit="unit:大连市/大连市司法局"] .change-role').select_option("lead")
    third = row(loaded, dropped, "三、")
    third.locator(".add-unit").fill("市人社局")
    third.locator(".add-role").select_option("lead")
    third.locator(".add-side").select_option("广州市")
    third.locator(".add-button").click()
    split = row(loaded, clean, "一、").locator('li[data-unit="unit:大连市/大连市政务服务中心"] .split')
    split.fill("大连市政务服务中心、大连市政务办")
    split.dispatch_event("change")
    row(loaded, close, "一、").locator(".mark-alias").first.click()
    sides = page.locator(f'input.set-sides[data-document="{clean}"]')
    sides.fill("大连市、上海市")
    sides.dispatch_event("change")
    # Changing a role back and unticking take their lines out again.
    role = row(loaded, clean, "二、").locator('li[data-unit="unit:大连市/大连市公安局"] .change-role')
    role.select_option("lead")
    role.select_option("support")

    text = loaded.evaluate("() => graphmodelView.correctionsText()")
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    assert lines == [
        HEADER,
        f"remove\t{dropped}\t一、\t广州市委组织部\t-\t-",
        f"role\t{clean}\t二、\t大连市司法局\tlead\t-",
        f"add\t{dropped}\t三、\t市人社局\tlead\t广州市",
        f"split\t{clean}\t一、\t大连市政务服务中心\t-\t大连市政务服务中心、大连市政务办",
        f"alias\t{close}\t-\t大连市工业和信息化局\t-\t大连市工业信息化局",
        f"sides\t{clean}\t-\t-\t-\t大连市、上海市",
    ]
    assert page.locator("#corrections-text").input_value() == text
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename == "graphmodel.corrections.tsv"
    saved = tmp_path / "graphmodel.corrections.tsv"
    download.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == text
    assert loaded.errors == [] and loaded.blocked == []


def test_a_fact_from_a_correction_says_so(loaded: Loaded,
                                          corpus: tuple[list[ReviewItem], list[Extraction]]) -> None:
    fact = row(loaded, doc_id(corpus, "first-leads.txt"), "二、").locator("li.fact").first
    assert f"from correction {CORRECTION}" in fact.text_content()
    assert fact.locator(".change-role").input_value() == "responsible"


def test_axe_finds_no_violation(loaded: Loaded) -> None:
    # axe runs through the debugging protocol, so the page's own policy (no other script) holds.
    loaded.page.evaluate(AXE.read_text(encoding="utf-8"))
    result = loaded.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    assert loaded.errors == [] and loaded.blocked == []


def test_a_long_review_is_shown_a_hundred_rows_at_a_time(browser: Browser) -> None:
    # The tuned real plans (not the holdout, which may hold a document the extractor rejects).
    texts = {p.name: p.read_text(encoding="utf-8") for p in gold_files() if p.parent.parent == DATA / "real"}
    exs = [extract(t, source=name) for name, t in texts.items()]
    items = review_items(exs, {ex.document.id: t for ex, t in zip(exs, texts.values(), strict=True)})
    assert len(items) > 200
    loaded = browser.open(render_review(items, exs))
    expected = [(it.document, it.task or "") for it in items]
    assert visible(loaded) == expected[:100]
    loaded.page.click("#more")
    assert visible(loaded) == expected[:200]
    assert loaded.page.locator("#counts").text_content().startswith(f"{len(items)} of {len(items)} items match (200 shown)")
    loaded.page.select_option("#filter-flag", "no-annotation")
    assert visible(loaded) == [(it.document, it.task or "") for it in filter_items(items, flags=["no-annotation"])]
    assert loaded.page.locator("#more").is_hidden()
    assert loaded.errors == [] and loaded.blocked == []
    loaded.page.close()

"""The review page as a string: the views' safety rules, its data, the corrections format."""

from __future__ import annotations

import base64
import hashlib
import json
import re

from graphmodel.review.review_page import ACTIONS, CORRECTIONS_HEADER, render_review, review_data
from tests.review.corpus import review_corpus


def test_the_page_loads_nothing_and_runs_only_its_own_script() -> None:
    items, exs = review_corpus()
    page = render_review(items, exs)
    assert page.startswith("<!DOCTYPE html>")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src &#x27;none&#x27;" in policy
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert f"sha256-{digest}" in policy and policy.count("sha256-") == 1
    assert re.search(r"<[a-zA-Z][^>]*\s(src|href)\s*=", page) is None
    # Markup from the plan stays inside the JSON, escaped: no tag, handler or script of its own.
    assert len(re.findall(r"<script", page)) == 2
    assert re.search(r"<(img|svg|b)\b", page) is None
    assert "window.__pwned" in page and "<script>window.__pwned" not in page


def test_the_data_round_trips_and_keeps_the_plans_markup_as_text() -> None:
    items, exs = review_corpus()
    page = render_review(items, exs)
    data = json.loads(re.search(r'id="graphmodel-data">(.*?)</script>', page, re.S).group(1))
    assert data == json.loads(json.dumps(review_data(items, exs)))
    names = {u["name"] for u in data["units"]}
    assert any("<script>window.__pwned=3</script>" in n for n in names)
    assert [it["task"] for it in data["items"]] == [it.task for it in items]


def test_every_action_names_cells_of_the_header() -> None:
    assert CORRECTIONS_HEADER == ("action", "document", "task", "unit", "role", "value")
    assert set(ACTIONS) == {"add", "remove", "role", "alias", "split", "placeholder", "sides"}
    for cells in ACTIONS.values():
        assert set(cells) <= set(CORRECTIONS_HEADER[1:])

"""The page as a string: self-contained, every document text escaped, the data recoverable exactly."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from graphmodel.views import InlinePage, build_view, render_html, render_page, show
from graphmodel.views.escape import attribute, check_inline, script_json
from tests.views.graphs import INJECTIONS, hand_graph, injection_graph


class Parsed(HTMLParser):
    """Every tag with its attributes, the text of each script element, and the title."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._title = False
        self.title = ""
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))
        self._title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        self._title = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._title:
            self.title += data


def page_data(page: str) -> dict:
    parsed = Parsed(page)
    [(_, text)] = [(a, t) for a, t in parsed.scripts if a.get("type") == "application/json"]
    return json.loads(text)


def test_script_json_leaves_nothing_an_html_parser_would_see() -> None:
    data = {"a": "</script><script>alert(1)</script>", "b": "<!-- x -->", "c": "a & b > c",
            "d": "line\u2028sep\u2029par", "e": ["引号\"'", 1, None, 2.5]}
    text = script_json(data)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == data


def test_check_inline_refuses_code_that_would_end_its_element() -> None:
    assert check_inline("var a = 1 < 2;", "x") == "var a = 1 < 2;"
    for bad in ("a='</script>'", "a='</STYLE'", "<!-- b"):
        with pytest.raises(ValueError, match="cannot be inlined"):
            check_inline(bad, "asset")


def test_attribute_escapes_quotes_and_markup() -> None:
    assert attribute('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"


def test_page_embeds_the_view_data_exactly() -> None:
    view = build_view(injection_graph(), "network")
    assert page_data(render_page(view)) == view.to_dict()


def test_injected_markup_stays_inside_the_json_as_text() -> None:
    for name, focus in (("network", None), ("counterparts", None), ("focus", INJECTIONS[0])):
        page = render_html(injection_graph(), name, focus)
        parsed = Parsed(page)
        # Only our three scripts, no image, no element the data could have opened.
        assert [a.get("type") for a, _ in parsed.scripts] == ["application/json", None, None]
        assert not [t for t, _ in parsed.tags if t in ("img", "iframe", "object", "embed")]
        assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)
        for markup in (*INJECTIONS, "<script>window", "<img"):
            assert markup not in page
        assert parsed.title.startswith(name.capitalize() if name != "focus" else INJECTIONS[0])
        assert INJECTIONS[0] in json.dumps(page_data(page), ensure_ascii=False)


def test_page_loads_nothing_from_anywhere() -> None:
    page = render_html(hand_graph(), "network")
    parsed = Parsed(page)
    assert not [(t, a) for t, a in parsed.tags if "src" in a or "href" in a]
    assert not re.search(r"@import|url\((?!\"?data:)", page)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


@pytest.mark.parametrize("view,focus,first", [("focus", "大连市发展改革委", "vis-network"),
                                               ("counterparts", None, "GraphmodelSurface")])
def test_content_security_policy_allows_exactly_the_inline_scripts(view: str, focus: str | None, first: str) -> None:
    page = render_html(hand_graph(), view, focus)
    parsed = Parsed(page)
    [policy] = [a["content"] for t, a in parsed.tags
                if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in policy
    hashes = set(re.findall(r"'sha256-([^']+)'", policy))
    code = [t for a, t in parsed.scripts if a.get("type") is None]
    assert hashes == {base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() for c in code}
    assert first in code[0] and "graphmodelView" in code[1]


def test_inline_page_puts_the_whole_page_in_srcdoc() -> None:
    page = render_html(injection_graph(), "network")
    shown = show(injection_graph(), "network", height=500)
    assert isinstance(shown, InlinePage) and shown.html == page
    frame = shown._repr_html_()
    parsed = Parsed(frame)
    assert [t for t, _ in parsed.tags] == ["iframe"]
    attrs = parsed.tags[0][1]
    assert attrs["srcdoc"] == page
    assert attrs["sandbox"] == "allow-scripts"
    assert "height: 500px" in attrs["style"]
    assert '"' not in frame[frame.index('srcdoc="') + 8: frame.index('" sandbox')]


def test_the_pages_share_their_head_and_helpers_through_includes() -> None:
    from graphmodel.views import assets
    from graphmodel.views.page import content_security_policy

    for page, script in (("page.html", "page.js"), ("scene.html", "scene.js")):
        html_text, js = assets.template(page), assets.template(script)
        assert "@include" not in html_text and "@include" not in js
        assert html_text.startswith("<!DOCTYPE html>") and html_text.count('<header id="bar">') == 1
        assert "{{STYLES}}" in html_text  # filled by render_page like any slot
        assert js.count("function el(") == 1 and js.count("function byId(") == 1
    # The policy's hash is of the script as the page holds it, parts included.
    page = render_html(hand_graph(), "focus", "大连市发展改革委")
    assert content_security_policy(assets.vis_network_js(), assets.template("page.js")).split("; ")[1] in \
        page.replace("&#x27;", "'")

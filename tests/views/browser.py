"""A real headless Chromium (Debian's) driven by Playwright, with the page cut off from any network.

`Browser.open(html)` loads a page from a file:// URL; every request other than the page itself
is aborted and recorded, console errors and uncaught exceptions are recorded too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import find_chromium

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class Loaded:
    """A page and what it did while loading and since."""

    page: object
    url: str
    blocked: list[str] = field(default_factory=list)  # requests aborted: anything but the page
    requests: list[str] = field(default_factory=list)  # every request the page made
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions

    def evaluate(self, script: str, arg: object = None) -> object:
        return self.page.evaluate(script, arg)


class Browser:
    """Opens pages in one persistent Chromium context with a fresh profile."""

    def __init__(self, context: object, folder: Path) -> None:
        self.context = context
        self.folder = folder
        self.count = 0

    def open(self, html: str, width: int = 1400, height: int = 900) -> Loaded:
        self.count += 1
        path = self.folder / f"page-{self.count}.html"
        path.write_text(html, encoding="utf-8")
        page = self.context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        loaded = Loaded(page, path.as_uri())

        def route(r: object) -> None:
            if r.request.url == loaded.url:
                r.continue_()
            else:
                loaded.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("request", lambda req: loaded.requests.append(req.url))
        page.on("console", lambda msg: loaded.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: loaded.errors.append(str(exc)))
        page.goto(loaded.url, wait_until="load")
        page.wait_for_function("() => window.graphmodelView !== undefined", timeout=15000)
        return loaded

    def blank(self) -> object:
        """A page with nothing loaded, its requests blocked (for set_content)."""
        page = self.context.new_page()
        page.route("**/*", lambda r: r.abort())
        return page


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory, playwright_session: Any) -> Iterator[Browser]:
    chromium = find_chromium()
    assert chromium is not None
    profile = tmp_path_factory.mktemp("chromium-profile")
    pages = tmp_path_factory.mktemp("pages")
    context = playwright_session.chromium.launch_persistent_context(
        str(profile), executable_path=str(chromium), headless=True, args=ARGS,
        offline=True, locale="zh-CN",
    )
    try:
        yield Browser(context, pages)
    finally:
        context.close()

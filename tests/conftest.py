"""Shared test policy: a test that needs a real service skips locally when it is missing and
fails under ``CI=true``, so CI never goes green without having run it."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "2020-shanghai-dalian-plan.txt"
SEED_GOLD = DATA / "2020-shanghai-dalian-plan.gold.json"
ARTIFACTS = Path(__file__).parent / "artifacts"

# The commands the tests run keep their extraction cache here, not in the user's ~/.cache.
os.environ.setdefault("GRAPHMODEL_CACHE_DIR", tempfile.mkdtemp(prefix="graphmodel-test-cache-"))


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(available: bool, what: str) -> None:
    """Fail (under CI) or skip (elsewhere) when a service a test needs is not available."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{what} is not available, and CI=true requires it", pytrace=False)
    pytest.skip(f"{what} is not available")


# A system browser, never one `playwright install` downloads: $GRAPHMODEL_CHROMIUM, else the
# usual names on PATH (Debian's chromium, Ubuntu's chromium-browser, Chrome), else macOS's apps.
_CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
_CHROMIUM_APPS = ("/Applications/Chromium.app/Contents/MacOS/Chromium",
                  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome")


def find_chromium() -> Path | None:
    """The Chromium (or Chrome) to drive, or None when the machine has none."""
    override = os.environ.get("GRAPHMODEL_CHROMIUM")
    if override:
        return Path(override) if shutil.which(override) else None
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((Path(app) for app in _CHROMIUM_APPS if os.access(app, os.X_OK)), None)


def tool_missing(tool: str) -> str | None:
    """Why an outside tool the tests use is not here, or None when it is.

    Parameters
    ----------
    tool : {"java", "maven", "chromium"}
        A JDK 17 or 21 (as the local Neo4j server finds it: ``JAVA_HOME``, then ``PATH``),
        Maven (``mvn`` on ``PATH``), or a Chromium or Chrome (`find_chromium`).
    """
    if tool == "java":
        from loaders.neo4j.failures import LocalServerError
        from loaders.server.jars import find_java

        try:
            find_java()
        except LocalServerError as exc:
            return f"a JDK 17 or 21 ({exc})"
        return None
    if tool == "maven":
        return None if shutil.which("mvn") else "Maven (mvn on PATH)"
    if tool == "chromium":
        return None if find_chromium() else ("Chromium or Chrome (on PATH as chromium, chromium-browser or "
                                             "google-chrome, or named by GRAPHMODEL_CHROMIUM)")
    raise ValueError(f"no such tool: {tool!r}")


def require_tool(*tools: str) -> None:
    """Skip (fail under CI) the test unless every tool is here (see `tool_missing`)."""
    for tool in tools:
        missing = tool_missing(tool)
        require(missing is None, missing or "")


def require_local_neo4j() -> None:
    """Skip (fail under CI) a test that starts its own local Neo4j server when it cannot: it
    needs a JDK 17 or 21, and Maven unless an earlier run already built the server."""
    from loaders.server.jars import is_built

    require_tool("java")
    if not is_built():
        require_tool("maven")


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Any]:
    """One Playwright for the whole run. Its sync API runs an event loop of its own, and a second
    `sync_playwright()` while one is open fails ("Sync API inside the asyncio loop"): every test
    that drives Chromium launches its browser from this one."""
    require_tool("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        require(False, "Playwright (pip install -e '.[test]')")
        raise
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@dataclass(frozen=True)
class SeedFacts:
    """What the seed plan holds, stated once for every test that checks it.

    Counted by hand in the plan's text: 上海市政府合作交流办 (also named 上海市合作交流办公室, in
    (十六)) is responsible for 9 tasks, 大连市发展改革委 for 11, and 7 of them are the same tasks:
    the first pair of counterparts. The next two pairs share 4 tasks each.
    """

    title: str = "2020年上海市与大连市对口合作重点工作计划"
    date: str = "2020-05-11"
    office: str = "上海市政府合作交流办"
    office_side: str = "上海市"
    office_alias: str = "上海市合作交流办公室"
    office_tasks: int = 9
    ndrc: str = "大连市发展改革委"
    ndrc_side: str = "大连市"
    ndrc_tasks: int = 11  # the most of any unit
    shared: int = 7
    top_three: tuple[int, int, int] = (7, 4, 4)  # shared tasks of the first three pairs

    @property
    def top_pair(self) -> tuple[str, str, int]:
        """The first counterpart pair: its two units' names and its shared tasks."""
        return (self.office, self.ndrc, self.shared)

    @property
    def jaccard(self) -> float:
        """Shared tasks over the tasks of either unit."""
        return self.shared / (self.office_tasks + self.ndrc_tasks - self.shared)


SEED_FACTS = SeedFacts()


@pytest.fixture(scope="session")
def seed_facts() -> SeedFacts:
    """The seed plan's known facts (`SeedFacts`)."""
    return SEED_FACTS

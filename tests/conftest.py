"""Shared test policy: a test that needs a real service skips locally when it is missing and
fails under ``CI=true``, so CI never goes green without having run it."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

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


def local_neo4j_missing() -> str | None:
    """Why the local Neo4j server cannot be started here (None when it can): it needs a JDK 17
    or 21, and Maven unless an earlier run already built it."""
    from loaders.neo4j.failures import LocalServerError
    from loaders.server.jars import find_java, is_built

    try:
        find_java()
    except LocalServerError as exc:
        return f"a JDK 17 or 21 for the local Neo4j server ({exc})"
    built = is_built()
    if not built and shutil.which("mvn") is None:
        return "Maven (mvn) to build the local Neo4j server on first use"
    return None


def require_local_neo4j() -> None:
    """Skip (fail under CI) a test that starts its own local Neo4j server when it cannot."""
    missing = local_neo4j_missing()
    require(missing is None, missing or "")


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

"""Shared test policy: a test that needs a real service skips locally when it is missing and
fails under ``CI=true``, so CI never goes green without having run it."""

from __future__ import annotations

import os
import shutil
import tempfile
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

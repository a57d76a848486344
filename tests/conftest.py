"""Shared test policy: a test that needs a real service skips locally when it is missing and
fails under ``CI=true``, so CI never goes green without having run it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "2020-shanghai-dalian-plan.txt"
SEED_GOLD = DATA / "2020-shanghai-dalian-plan.gold.json"
ARTIFACTS = Path(__file__).parent / "artifacts"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require(available: bool, what: str) -> None:
    """Fail (under CI) or skip (elsewhere) when a service a test needs is not available."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{what} is not available, and CI=true requires it", pytrace=False)
    pytest.skip(f"{what} is not available")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")

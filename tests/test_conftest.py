"""The shared test helpers: whether an outside tool is here is asked in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import find_chromium, tool_missing


def test_a_missing_tool_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on it
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    monkeypatch.setenv("GRAPHMODEL_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert tool_missing("maven") == "Maven (mvn on PATH)"
    assert find_chromium() is None
    assert "GRAPHMODEL_CHROMIUM" in (tool_missing("chromium") or "")
    assert (tool_missing("java") or "").startswith("a JDK 17 or 21 (")


def test_a_tool_on_path_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("mvn", "chromium"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GRAPHMODEL_CHROMIUM", raising=False)
    assert tool_missing("maven") is None
    assert tool_missing("chromium") is None and find_chromium() == tmp_path / "chromium"


def test_an_unknown_tool_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="no such tool"):
        tool_missing("jdk")

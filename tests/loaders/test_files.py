"""Atomic writes: all or nothing, with the permissions a plain write would give."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from graphmodel.errors import InputError
from loaders.files import atomic_write_text, atomic_writer


def test_writes_utf8_whatever_the_locale(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    atomic_write_text(out, "上海市政府合作交流办")
    assert out.read_bytes() == "上海市政府合作交流办".encode()


def test_a_new_file_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        out = tmp_path / "new.json"
        atomic_write_text(out, "{}")
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        atomic_write_text(out, "[]")
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(umask)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "graph.json"
    out.write_text("old", encoding="utf-8")

    def half(fh) -> None:  # noqa: ANN001
        fh.write(b"half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        atomic_writer(out, half)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the folder .* does not exist"):
        atomic_write_text(tmp_path / "nowhere" / "x.html", "x")

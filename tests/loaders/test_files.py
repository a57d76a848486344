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


# -- streams, links, special files -------------------------------------------------------------


def test_dev_null_stays_a_device() -> None:
    before = os.stat("/dev/null")
    atomic_write_text("/dev/null", "上海市")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_dev_full_gives_an_os_error_and_stays_a_device() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with pytest.raises(OSError):
        atomic_write_text("/dev/full", "x" * 100_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write_text(fifo, "上海市")
    reader.join(10)
    assert got == ["上海市".encode()] and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_stdout_by_dash(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    atomic_write_text("-", "上海市\n")
    assert capfdbinary.readouterr().out == "上海市\n".encode()


def test_a_socket_and_a_folder_are_refused(tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(tmp_path / "s"))
        with pytest.raises(InputError, match="is a socket"):
            atomic_write_text(tmp_path / "s", "x")
    with pytest.raises(InputError, match="is a folder"):
        atomic_write_text(tmp_path, "x")


def test_check_output_refuses_an_input_by_inode(tmp_path: Path) -> None:
    from loaders.files import check_output

    plan = tmp_path / "plan.txt"
    plan.write_text("x", encoding="utf-8")
    (tmp_path / "hard.txt").hardlink_to(plan)
    (tmp_path / "soft.json").symlink_to(plan)
    for out in (plan, tmp_path / "hard.txt", tmp_path / "soft.json"):
        with pytest.raises(InputError, match="is one of the inputs"):
            check_output(out, [plan])
    check_output(tmp_path / "other.json", [plan])
    with pytest.raises(InputError, match="does not exist"):
        check_output(tmp_path / "missing" / "x.html")


# -- temporary files left by a killed run ------------------------------------------------------


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_leftover_of_a_dead_process_is_removed_by_the_next_write(tmp_path: Path) -> None:
    out = tmp_path / "graph.json"
    leftover = tmp_path / f".graph.json.graphmodel-{_dead_pid()}-abc123.tmp"
    leftover.write_text("half", encoding="utf-8")
    alive = tmp_path / f".graph.json.graphmodel-{os.getppid()}-def456.tmp"  # a running process's
    alive.write_text("half", encoding="utf-8")
    other = tmp_path / f".view.html.graphmodel-{_dead_pid()}-abc123.tmp"  # another output's
    other.write_text("half", encoding="utf-8")
    atomic_write_text(out, "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["graph.json", alive.name, other.name])


def test_a_leftover_older_than_a_day_is_removed_whatever_its_pid(tmp_path: Path) -> None:
    from loaders.files import STALE_SECONDS, remove_stale_temps

    old = tmp_path / f".graph.json.graphmodel-{os.getppid()}-abc123.tmp"
    old.write_text("half", encoding="utf-8")
    past = old.stat().st_mtime - STALE_SECONDS - 60
    os.utime(old, (past, past))
    assert remove_stale_temps(tmp_path / "graph.json") == [old]


# -- folders swapped in whole ------------------------------------------------------------------


def test_a_folder_is_swapped_in_whole(tmp_path: Path) -> None:
    from loaders.files import atomic_folder

    out = tmp_path / "export"
    with atomic_folder(out, lambda name: name.endswith(".csv")) as tmp:
        (tmp / "a.csv").write_text("1", encoding="utf-8")
        (tmp / "b.csv").write_text("1", encoding="utf-8")
    with atomic_folder(out, lambda name: name.endswith(".csv")) as tmp:
        (tmp / "a.csv").write_text("2", encoding="utf-8")
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == {"a.csv": "2"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


def test_a_failed_folder_write_leaves_the_old_folder(tmp_path: Path) -> None:
    from loaders.files import atomic_folder

    out = tmp_path / "export"
    out.mkdir()
    (out / "a.csv").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_folder(out, lambda name: name.endswith(".csv")) as tmp:
        (tmp / "a.csv").write_text("new", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert (out / "a.csv").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export"]


def test_a_folder_with_other_files_is_refused(tmp_path: Path) -> None:
    from loaders.files import atomic_folder

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match=r"holds files graphmodel did not write \(notes.txt\)"), \
            atomic_folder(tmp_path, lambda name: name.endswith(".csv")):
        pass
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_check_output_takes_the_output_s_status_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A new output is none of the inputs: not compared with each of them.
    import loaders.files
    from loaders.files import check_output

    inputs = [tmp_path / f"{n}.txt" for n in range(5)]
    for p in inputs:
        p.write_text("x", encoding="utf-8")
    calls: list[str] = []
    real = os.stat
    monkeypatch.setattr(loaders.files.os, "stat", lambda p, *a, **k: calls.append(str(p)) or real(p, *a, **k))
    check_output(tmp_path / "new.gmg", inputs)
    assert calls and not set(calls) & {str(p) for p in inputs}
    (tmp_path / "old.gmg").write_text("x", encoding="utf-8")
    check_output(tmp_path / "old.gmg", inputs)  # there: each input compared, none is it
    with pytest.raises(InputError, match="is one of the inputs"):
        check_output(inputs[3], inputs)

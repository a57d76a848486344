"""A corpus with bad files in it: one run reads every file, names every bad one with its reason,
builds from the rest and says how many it skipped; --strict makes a bad file an error."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.errors import InputError, NoAnnotationsError
from graphmodel_cli.main import cli
from loaders.corpus import expand_paths, read_corpus, read_extractions
from loaders.outcome import CorpusError, CorpusReport, Skipped, classify
from tests.conftest import DATA

CORPUS = DATA / "corpus"
READ = DATA / "read"
HOSTILE = DATA / "hostile"


def _corpus_with_bad_files(folder: Path) -> Path:
    """The three corpus plans, three bad files, a README and an image, and a subfolder of plans."""
    plans = folder / "plans"
    shutil.copytree(CORPUS, plans)
    shutil.copy(READ / "binary.txt", plans / "bad-binary.txt")
    shutil.copy(HOSTILE / "corrupt-deflate.docx", plans / "bad-corrupt.docx")
    shutil.copy(READ / "encrypted.pdf", plans / "bad-encrypted.pdf")
    (plans / "README.txt").write_text("These are the 2020 and 2021 plans.\n", encoding="utf-8")
    (plans / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return plans


def test_one_run_names_every_bad_file_and_builds_from_the_rest(tmp_path: Path) -> None:
    plans = _corpus_with_bad_files(tmp_path)
    corpus = read_corpus([plans])
    assert len(corpus.extractions) == 3
    report = corpus.report
    assert report.files == 8
    assert [(s.path.name, s.bad) for s in sorted(report.skipped, key=lambda s: s.path.name)] == [
        ("README.txt", False), ("bad-binary.txt", True), ("bad-corrupt.docx", True),
        ("bad-encrypted.pdf", True), ("scan.png", False)]
    assert report.summary() == "5 of 8 files skipped (3 unreadable, 2 not plans)"
    corpus.check()  # builds from the rest
    with pytest.raises(CorpusError, match=r"^3 bad files \(--strict\): .*bad-binary.txt: the file is binary"):
        corpus.check(strict=True)


def test_the_cli_names_all_three_in_one_run_with_a_summary(tmp_path: Path) -> None:
    plans = _corpus_with_bad_files(tmp_path)
    out = tmp_path / "graph.json"
    got = CliRunner().invoke(cli, ["build", str(plans), "-o", str(out)])
    assert got.exit_code == 0, got.output
    lines = got.stderr.splitlines()
    warnings = [ln for ln in lines if ln.startswith("graphmodel: warning: ")]
    assert [ln.split(": ")[2].rsplit("/", 1)[-1] for ln in warnings] == [
        "bad-binary.txt", "bad-corrupt.docx", "bad-encrypted.pdf"]
    assert all(", skipped, " not in ln and ": skipped, " in ln for ln in warnings)
    notes = [ln for ln in lines if ln.startswith("graphmodel: note: ")]
    assert [ln.split(": ")[2].rsplit("/", 1)[-1] for ln in notes] == ["README.txt", "scan.png"]
    assert "graphmodel: 5 of 8 files skipped (3 unreadable, 2 not plans)" in lines
    assert out.is_file() and "Document             3" in got.stdout

    strict = CliRunner().invoke(cli, ["build", str(plans), "-o", str(tmp_path / "strict.json"), "--strict"])
    assert strict.exit_code == 2
    assert strict.stderr.splitlines()[-1].startswith("graphmodel: error: 3 bad files (--strict): ")
    assert not (tmp_path / "strict.json").exists()


def test_a_readme_beside_the_plans_does_not_fail_the_run(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "plans")
    (tmp_path / "plans" / "README.txt").write_text("说明:本文件夹存放对口合作计划。\n", encoding="utf-8")
    got = CliRunner().invoke(cli, ["stats", str(tmp_path / "plans"), "--strict"])
    assert got.exit_code == 0, got.output
    assert "graphmodel: note: " in got.stderr and "README.txt: skipped, not a plan" in got.stderr


def test_an_unreadable_subfolder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(CORPUS, tmp_path / "plans")
    locked = tmp_path / "plans" / "locked"
    locked.mkdir()
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads any folder: make listing this one fail as it would for a user
        real = os.scandir

        def scandir(path: object = ".") -> object:
            if Path(os.fsdecode(path)) == locked:
                raise PermissionError(13, "Permission denied", os.fsdecode(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    try:
        report = CorpusReport()
        files = expand_paths([tmp_path / "plans"], report)
    finally:
        locked.chmod(0o755)
    assert len(files) == 3
    assert report.skipped == [Skipped(locked, "the folder cannot be read (Permission denied)", bad=True)]


def test_one_bad_file_alone_is_its_own_one_line_error(tmp_path: Path) -> None:
    got = CliRunner().invoke(cli, ["pairs", str(READ / "binary.txt")])
    assert got.exit_code == 2
    assert got.stderr == f"graphmodel: error: {READ / 'binary.txt'}: the file is binary, not text (it looks like a PNG image)\n"


def test_nothing_readable_among_several_is_an_error_after_naming_them(tmp_path: Path) -> None:
    got = CliRunner().invoke(cli, ["pairs", str(READ / "binary.txt"), str(READ / "empty.txt")])
    assert got.exit_code == 2
    lines = got.stderr.splitlines()
    assert len([ln for ln in lines if ln.startswith("graphmodel: warning: ")]) == 2
    assert lines[-1] == "graphmodel: error: no plan could be read: 2 of 2 files skipped (2 unreadable)"


def test_the_library_calls_still_fail_on_a_bad_file(tmp_path: Path) -> None:
    plans = _corpus_with_bad_files(tmp_path)
    with pytest.raises(CorpusError, match="3 bad files"):
        read_extractions([plans])
    (plans / "bad-binary.txt").unlink()
    (plans / "bad-corrupt.docx").unlink()
    (plans / "bad-encrypted.pdf").unlink()
    assert len(read_extractions([plans])) == 3  # the README and the image are left out


def test_classify() -> None:
    assert not classify("x.txt", NoAnnotationsError("x.txt: no annotations")).bad
    from loaders.documents import ReadError

    assert not classify("x.doc", ReadError("x.doc", "unsupported format .doc (save it as .docx)")).bad
    assert classify("x.txt", ReadError("x.txt", "the file is empty")).bad
    skipped = classify("x.json", InputError("x.json: not a JSON file"))
    assert skipped.bad and skipped.reason == "not a JSON file"

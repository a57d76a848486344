"""Fuzzing every reader: mutated documents of each format give text or a `ReadError`, never any
other exception, and none takes more than 2 s.

Bounded for CI: a fixed number of examples per reader (``GRAPHMODEL_FUZZ_EXAMPLES``, 40), a 2 s deadline per example (hypothesis
fails a test whose example runs over it), derandomised under ``CI=true`` so CI runs the same
cases every time, no example database written into the tree.
"""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphmodel.errors import GraphError, InputError
from loaders.documents import ReadError, read_document
from tests.conftest import DATA, in_ci

READ = DATA / "read"
HOSTILE = DATA / "hostile"
CASE_SECONDS = 2.0

# More on demand: GRAPHMODEL_FUZZ_EXAMPLES=1000 python -m pytest tests/loaders/test_fuzz_readers.py
EXAMPLES = int(os.environ.get("GRAPHMODEL_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=CASE_SECONDS), derandomize=in_ci(), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _seeds(*patterns: str) -> list[Path]:
    return sorted(p for pattern in patterns for folder in (READ, HOSTILE) for p in folder.glob(pattern))


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few byte edits: flips, insertions, deletions, a truncation, a repeated chunk."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        if not out:
            out += draw(st.binary(min_size=1, max_size=16))
            continue
        at = draw(st.integers(0, len(out) - 1))
        if kind == "flip":
            out[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del out[at:]
        else:
            chunk = out[at : at + draw(st.integers(1, 256))]
            out[at:at] = chunk * draw(st.integers(1, 50))
    return bytes(out)


def _read_within_limits(path: Path) -> None:
    start = time.perf_counter()
    try:
        text = read_document(path)
    except ReadError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(f"{path}: ")
    else:
        assert isinstance(text, str) and text
    assert time.perf_counter() - start < CASE_SECONDS


def _fuzz_suffix(tmp_path: Path, seeds: list[Path], suffix: str) -> None:
    @FUZZ
    @given(st.data())
    def run(data: st.DataObject) -> None:
        seed = data.draw(st.sampled_from(seeds))
        path = tmp_path / f"case{suffix}"
        path.write_bytes(data.draw(mutated(seed.read_bytes())))
        _read_within_limits(path)

    run()


def test_fuzz_plain_text(tmp_path: Path) -> None:
    _fuzz_suffix(tmp_path, _seeds("*.txt"), ".txt")


def test_fuzz_web_pages(tmp_path: Path) -> None:
    _fuzz_suffix(tmp_path, _seeds("*.html", "*.htm"), ".html")


def test_fuzz_docx_bytes(tmp_path: Path) -> None:
    _fuzz_suffix(tmp_path, _seeds("*.docx"), ".docx")


def test_fuzz_pdf_bytes(tmp_path: Path) -> None:
    _fuzz_suffix(tmp_path, _seeds("*.pdf"), ".pdf")


def test_fuzz_docx_parts(tmp_path: Path) -> None:
    # Mutating inside the package (a valid ZIP around damaged XML) reaches python-docx and lxml.
    with zipfile.ZipFile(READ / "plan.docx") as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    names = [n for n in members if n.endswith((".xml", ".rels"))]

    @FUZZ
    @given(st.data())
    def run(data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(names))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for member, content in members.items():
                out.writestr(member, data.draw(mutated(content)) if member == name else content)
        path = tmp_path / "case.docx"
        path.write_bytes(buf.getvalue())
        _read_within_limits(path)

    run()


_TAGS = ["p", "div", "span", "font", "table", "tr", "td", "br", "a", "h1", "title", "script", "ul", "li", "pre",
         "nav", "article", "center", "b"]
_ATTRS = ['', ' id="zoom"', ' class="TRS_Editor"', ' class="content"', ' style="display:none"', ' hidden',
          ' class="share print"', ' href="#"']


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    """A page of random tags, unclosed and misnested as old pages are, around plan text."""
    parts = ["<html><head>", draw(st.sampled_from(["", '<meta charset="gbk">', '<meta charset="base64">',
                                                    '<meta charset="utf-8">', '<meta charset="x-nonsense">']))]
    parts.append("<title>" + draw(st.text(alphabet="-_|计划 政府网站", max_size=200)) + "</title></head><body>")
    for _ in range(draw(st.integers(1, 300))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            parts.append(f"<{draw(st.sampled_from(_TAGS))}{draw(st.sampled_from(_ATTRS))}>")
        elif choice == 1:
            parts.append(f"</{draw(st.sampled_from(_TAGS))}>")
        else:
            parts.append(draw(st.sampled_from(["一、强化两地对口合作工作机制。", "(责任单位:上海市发展改革委;大连市发展改革委)",
                                               "打印  ", "  \n  ", "上一篇:", "&nbsp;", "<!--", "-->", "字体 大 中 小"])))
    return "".join(parts)


def test_fuzz_generated_tag_soup(tmp_path: Path) -> None:
    @FUZZ
    @given(tag_soup())
    def run(page: str) -> None:
        path = tmp_path / "case.html"
        path.write_text(page, encoding="utf-8")
        _read_within_limits(path)

    run()


def test_fuzz_graph_files(tmp_path: Path) -> None:
    from loaders.corpus import read_corpus_graph
    from loaders.graph_files import read_graph, write_graph

    graph = read_corpus_graph([DATA / "corpus" / "2020-shanghai-dalian.txt"])
    seeds = {}
    for suffix in (".gmg", ".json", ".graphml", ".gexf"):
        write_graph(graph, tmp_path / f"seed{suffix}")
        seeds[suffix] = (tmp_path / f"seed{suffix}").read_bytes()

    @FUZZ
    @given(st.sampled_from(sorted(seeds)), st.data())
    def run(suffix: str, data: st.DataObject) -> None:
        path = tmp_path / f"case{suffix}"
        path.write_bytes(data.draw(mutated(seeds[suffix])))
        start = time.perf_counter()
        try:
            read_graph(path)
        except (InputError, GraphError) as exc:
            assert "\n" not in str(exc)
        assert time.perf_counter() - start < CASE_SECONDS

    run()


def test_the_mutator_changes_its_input() -> None:
    # The fuzz tests above are only as good as their mutations: check they mutate at all.
    @settings(max_examples=20, database=None, derandomize=True)
    @given(mutated(b"abcdefgh" * 8))
    def run(out: bytes) -> None:
        assert isinstance(out, bytes)

    run()
    seen = set()

    @settings(max_examples=30, database=None, derandomize=True)
    @given(mutated(json.dumps({"a": 1}).encode()))
    def collect(out: bytes) -> None:
        seen.add(out)

    collect()
    assert len(seen) > 10


@pytest.mark.parametrize("path", [p for p in _seeds("*") if p.suffix != ".py"], ids=lambda p: p.name)
def test_every_seed_reads_or_fails_cleanly(path: Path) -> None:
    _read_within_limits(path)


def test_fuzz_cache_entries(tmp_path: Path) -> None:
    # The worst case: damaged or forged entry files (as anyone who can write the cache folder
    # could write them): the entry is a miss or an extraction, never an error, within the
    # deadline. Entries are in marshal's format, which a forged item count can stall for over a
    # minute: none of these may reach it unless the cache's own secret authenticates it.
    from graphmodel.extract import extract
    from graphmodel.model import Extraction
    from loaders.cache import ExtractionCache

    cache = ExtractionCache(tmp_path / "cache")
    key = cache.key(b"plan", "plan.txt")
    cache.put(key, extract((DATA / "corpus" / "2020-shanghai-dalian.txt").read_text(encoding="utf-8")))
    seed = cache.path(key).read_bytes()

    @FUZZ
    @given(st.data())
    def run(data: st.DataObject) -> None:
        cache.path(key).write_bytes(data.draw(mutated(seed)))
        start = time.perf_counter()
        got = cache.get(key)
        assert got is None or isinstance(got, Extraction)
        assert time.perf_counter() - start < CASE_SECONDS

    run()

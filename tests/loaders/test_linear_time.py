"""Each reader takes time linear in its input's length: timed at n and 8n characters, the ratio
must stay near 8 (a quadratic stage gives about 64).

No absolute time is asserted (speed targets live in benchmarks/); each size is timed a few
times in CPU time (the readers run in this process), with the collector off, and the fastest
run counts, so a busy machine does not fail the test (wall time counted the waiting too). The shapes are
the ones that were quadratic or worse before: deep nesting, a <title> of dashes, runs of
boilerplate words and line breaks, long lines, many paragraphs and table rows.
"""

from __future__ import annotations

import gc
import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from loaders.documents import read_document
from tests.conftest import DATA

# Linear gives 8; allow for constant costs and noise, stay far below quadratic's 64.
MAX_RATIO = 20.0
PLAN = "一、强化两地对口合作工作机制。(责任单位:上海市发展改革委;大连市发展改革委)"


def _fastest(run: Callable[[], object], repeats: int = 3) -> float:
    best = float("inf")
    was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            start = time.process_time()
            run()
            best = min(best, time.process_time() - start)
    finally:
        if was:
            gc.enable()
    return best


def _ratio(tmp_path: Path, suffix: str, make: Callable[[int], bytes], n: int) -> float:
    small, large = tmp_path / f"small{suffix}", tmp_path / f"large{suffix}"
    small.write_bytes(make(n))
    large.write_bytes(make(8 * n))
    read_document(small)  # imports and caches warm
    return _fastest(lambda: read_document(large)) / _fastest(lambda: read_document(small))


def _page(body: str, head: str = "<title>计划</title>") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


SHAPES: dict[str, tuple[str, Callable[[int], bytes], int]] = {
    "text, many lines": (".txt", lambda n: (PLAN + "\n").encode() * (n // len(PLAN)), 40_000),
    "text, one long line": (".txt", lambda n: (PLAN * (n // len(PLAN))).encode(), 40_000),
    "text, GB18030": (".txt", lambda n: (PLAN + "\n").encode("gb18030") * (n // len(PLAN)), 40_000),
    "html, paragraphs": (".html", lambda n: _page(f"<p>{PLAN}</p>" * (n // len(PLAN))), 8_000),
    "html, unclosed <p><font>": (".html", lambda n: _page(f"<p><font>{PLAN}" * (n // len(PLAN))), 10_000),
    "html, unclosed <div><span>": (".html", lambda n: _page(f"<div><span>{PLAN}" * (n // len(PLAN))), 10_000),
    "html, <title> of dashes": (".html", lambda n: _page(f"<p>{PLAN}</p>", "<title>" + "-" * n + "</title>"), 100_000),
    "html, <title> of spaces": (".html", lambda n: _page(f"<p>{PLAN}</p>", "<title>计" + " " * n + "x</title>"),
                                100_000),
    "html, repeated boilerplate words": (".html", lambda n: _page(f"<p>{PLAN}</p><p>" + "打印  " * (n // 4) + "x</p>"),
                                         40_000),
    "html, runs of line breaks": (".html", lambda n: _page("<p>计" + "<b>\n</b>" * (n // 8) + "x</p>" + f"<p>{PLAN}</p>"),
                                  8_000),
    "html, table rows": (".html", lambda n: _page("<table>" + f"<tr><td>1</td><td>{PLAN}</td></tr>" * (n // len(PLAN))
                                                  + "</table>"), 6_000),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_readers_are_linear(tmp_path: Path, shape: str) -> None:
    suffix, make, n = SHAPES[shape]
    ratio = _ratio(tmp_path, suffix, make, n)
    print(f"{shape}: 8x the input, {ratio:.1f}x the time")
    assert ratio < MAX_RATIO, f"{shape}: 8x the input took {ratio:.1f}x the time"


def _docx(paragraphs: int) -> bytes:
    with zipfile.ZipFile(DATA / "read" / "plan.docx") as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    para = f'<w:p><w:r><w:t>{PLAN}</w:t></w:r></w:p>'.encode()
    body = members["word/document.xml"]
    members["word/document.xml"] = body.replace(b"<w:body>", b"<w:body>" + para * paragraphs, 1)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in members.items():
            out.writestr(name, content)
    return buf.getvalue()


def test_docx_reader_is_linear(tmp_path: Path) -> None:
    ratio = _ratio(tmp_path, ".docx", lambda n: _docx(n // len(PLAN)), 60_000)
    assert ratio < MAX_RATIO, f"docx: 8x the input took {ratio:.1f}x the time"

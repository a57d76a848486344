"""Regenerate the hostile inputs of tests/loaders/test_hostile_inputs.py (run from anywhere).

    python tests/data/hostile/make_fixtures.py

Each file reproduces one report of issue 10 (a crash, a hang, a blow-up) in a few kilobytes,
made from the readers' own fixtures in tests/data/read/. The generated files are committed.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
READ = HERE.parent / "read"

PLAN = "一、强化两地对口合作工作机制。(责任单位:上海市发展改革委;大连市发展改革委)"


def _page(body: str, head: str = "<title>2020年上海市与大连市对口合作重点工作计划</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def html_fixtures() -> None:
    # An old page that never closes its <p> and <font> tags: the tree nests ~1,000 deep.
    (HERE / "deep-nesting.html").write_text(_page(f"<p><font>{PLAN}" * 496), encoding="utf-8")
    # A charset Python knows as a codec, but one from bytes to bytes.
    (HERE / "charset-base64.html").write_text(
        _page(f"<p>{PLAN}</p>", '<meta charset="base64"><title>计划</title>'), encoding="utf-8")
    # A <title> of dashes: the site-name suffix regex backtracked on it (20 KB took 10 s).
    (HERE / "title-dashes.html").write_text(
        _page(f"<p>{PLAN}</p>", "<title>" + "-" * 20000 + "</title>"), encoding="utf-8")
    # A line of repeated boilerplate words and double spaces that does not end as boilerplate:
    # the boilerplate regex backtracked exponentially (14 repeats never finished).
    (HERE / "boilerplate-repeat.html").write_text(
        _page(f"<p>{PLAN}</p><p>{'打印  ' * 40}x</p>"), encoding="utf-8")


def _rewrite_docx(source: Path, target: Path, change: dict[str, bytes | None]) -> None:
    """Copy a .docx, replacing (or, for None, leaving out) the named members."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change.get(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    target.write_bytes(out.getvalue())


def docx_fixtures() -> None:
    plan = READ / "plan.docx"
    with zipfile.ZipFile(plan) as z:
        types = z.read("[Content_Types].xml").decode("utf-8")
    for part in ("numbering", "styles"):
        # The part is there, its content type is not: python-docx loads it as a plain Part.
        without = re.sub(f'<Override PartName="/word/{part}.xml"[^>]*/>', "", types)
        assert without != types
        _rewrite_docx(plan, HERE / f"no-{part}-type.docx", {"[Content_Types].xml": without.encode("utf-8")})

    # Damage the deflate stream of word/document.xml: zlib.error, not BadZipFile.
    data = bytearray(plan.read_bytes())
    with zipfile.ZipFile(plan) as z:
        info = z.getinfo("word/document.xml")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 40, start + 80):
        data[i] = 0xFF
    (HERE / "corrupt-deflate.docx").write_bytes(bytes(data))

    # A member that says it unpacks to 3 GB (the header's size; the data is a few bytes). A real
    # bomb of that kind grew past 6 GB of memory before failing.
    out = io.BytesIO()
    with zipfile.ZipFile(plan) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item.filename))
        zout.writestr("word/media/padding.bin", b"\0" * 1000)
    data = bytearray(out.getvalue())
    huge = struct.pack("<I", 3_000_000_000)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        item = z.getinfo("word/media/padding.bin")
    data[item.header_offset + 22 : item.header_offset + 26] = huge  # local header: uncompressed size
    central = bytes(data).rindex(b"PK\x01\x02" + bytes(data[data.rindex(b"PK\x01\x02") + 4 :])[:0])
    # The central directory entry of the last member (written last) carries the size too.
    entry = bytes(data).rindex(b"PK\x01\x02")
    assert central == entry
    data[entry + 24 : entry + 28] = huge
    (HERE / "bomb-declared.docx").write_bytes(bytes(data))


def pdf_fixtures() -> None:
    # Encryption V=9 does not exist: pypdf raises NotImplementedError. Same length, so the
    # cross-reference offsets stay right.
    data = (READ / "encrypted.pdf").read_bytes()
    assert data.count(b"/V 2\n") == 1
    (HERE / "encryption-v9.pdf").write_bytes(data.replace(b"/V 2\n", b"/V 9\n"))
    # A content stream with a filter pypdf does not know (NotImplementedError when its page
    # is read). Same length again.
    data = (READ / "plan-tounicode.pdf").read_bytes()
    assert b"/Filter /FlateDecode\n/Length 413" in data
    (HERE / "unknown-filter.pdf").write_bytes(
        data.replace(b"/Filter /FlateDecode\n/Length 413", b"/Filter /JBIG9Decode\n/Length 413"))


if __name__ == "__main__":
    html_fixtures()
    docx_fixtures()
    pdf_fixtures()
    for path in sorted(HERE.iterdir()):
        if path.suffix != ".py":
            print(f"{path.name}: {path.stat().st_size} bytes")

"""Issue 10's reproducers against the readers: each gives a one-line `ReadError` or the right
text, never a traceback, a hang or a blow-up. Fixtures: tests/data/hostile/ (see make_fixtures.py)."""

from __future__ import annotations

import io
import os
import socket
import stat
import zipfile
from pathlib import Path

import pytest

from graphmodel.extract import extract
from loaders.documents import ReadError, read_document
from loaders.documents.source import read_bytes
from tests.conftest import DATA

HOSTILE = DATA / "hostile"
READ = DATA / "read"


def _one_line(exc: pytest.ExceptionInfo[ReadError], path: Path) -> str:
    message = str(exc.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message


def test_html_nested_a_thousand_deep_is_read_without_recursion() -> None:
    text = read_document(HOSTILE / "deep-nesting.html")
    assert text.count("一、强化两地对口合作工作机制") == 496
    assert extract(text, source="deep").tasks  # and the extractor gets a plan out of it


def test_html_nested_far_deeper_still_reads(tmp_path: Path) -> None:
    # 20,000 open <div><span> pairs: far past Python's recursion limit.
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div><span>一、强化两地对口合作工作机制" * 20000 + "</body></html>", encoding="utf-8")
    assert read_document(p).count("强化两地") == 20000


def test_tables_nested_in_tables_do_not_recurse_without_bound(tmp_path: Path) -> None:
    page = "<html><body>" + "<table><tr><td>上海市发展改革委" * 600 + "</body></html>"
    p = tmp_path / "tables.html"
    p.write_text(page, encoding="utf-8")
    assert read_document(p).count("上海市发展改革委") == 600


def test_a_bytes_to_bytes_charset_is_ignored() -> None:
    assert "一、强化两地对口合作工作机制" in read_document(HOSTILE / "charset-base64.html")


@pytest.mark.parametrize("charset", ["zlib", "hex", "uu", "rot13", "idna", "punycode", "nonsense"])
def test_any_declared_charset_gives_text_or_a_read_error(tmp_path: Path, charset: str) -> None:
    p = tmp_path / "page.html"
    p.write_bytes(f'<meta charset="{charset}"><p>一、强化两地对口合作工作机制和长效合作</p>'.encode())
    assert "强化两地" in read_document(p)


def test_a_title_of_dashes_is_read_at_once() -> None:
    assert "一、强化两地对口合作工作机制" in read_document(HOSTILE / "title-dashes.html")


def test_repeated_boilerplate_words_do_not_backtrack() -> None:
    text = read_document(HOSTILE / "boilerplate-repeat.html")
    assert "打印 打印" in text and text.endswith("x")  # not boilerplate: it ends in something else


@pytest.mark.parametrize("name", ["no-numbering-type.docx", "no-styles-type.docx"])
def test_docx_parts_without_their_content_type_are_read(name: str) -> None:
    assert read_document(HOSTILE / name) == read_document(READ / "plan.docx")


def test_docx_with_corrupt_compressed_data() -> None:
    path = HOSTILE / "corrupt-deflate.docx"
    with pytest.raises(ReadError) as exc:
        read_document(path)
    assert "corrupt compressed data" in _one_line(exc, path)


def test_docx_declaring_gigabytes_is_refused_before_unpacking() -> None:
    path = HOSTILE / "bomb-declared.docx"
    with pytest.raises(ReadError) as exc:
        read_document(path)
    assert "unpacks to 2862 MB" in _one_line(exc, path)


def test_docx_member_inflating_past_its_declared_size_is_refused(tmp_path: Path) -> None:
    # The header says 1 KB, the stream inflates to 50 MB: zipfile stops at 1 KB, the CRC fails.
    buf = io.BytesIO()
    with zipfile.ZipFile(READ / "plan.docx") as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"<!--" + b" " * 50_000_000 + b"--></w:body>")
            zout.writestr(item.filename, data)
    raw = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as z:
        info = z.getinfo("word/document.xml")
    small = (1024).to_bytes(4, "little")
    raw[info.header_offset + 22 : info.header_offset + 26] = small
    central = bytes(raw).index(b"PK\x01\x02")
    while True:  # patch the central directory entry of word/document.xml
        name_len = int.from_bytes(raw[central + 28 : central + 30], "little")
        extra_len = int.from_bytes(raw[central + 30 : central + 32], "little")
        comment_len = int.from_bytes(raw[central + 32 : central + 34], "little")
        if bytes(raw[central + 46 : central + 46 + name_len]) == b"word/document.xml":
            raw[central + 24 : central + 28] = small
            break
        central += 46 + name_len + extra_len + comment_len
    path = tmp_path / "inflates.docx"
    path.write_bytes(bytes(raw))
    with pytest.raises(ReadError) as exc:
        read_document(path)
    assert "is not a valid .docx file" in _one_line(exc, path)


def test_docx_with_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import loaders.documents.word as word

    monkeypatch.setattr(word, "MAX_MEMBERS", 5)
    with pytest.raises(ReadError, match="holds 17 files"):
        read_document(READ / "plan.docx")


@pytest.mark.parametrize(("name", "words"), [
    ("encryption-v9.pdf", "Encryption V=9 NOT supported"),
    ("unknown-filter.pdf", "Unsupported filter /JBIG9Decode"),
])
def test_pdf_features_pypdf_does_not_implement(name: str, words: str) -> None:
    path = HOSTILE / name
    with pytest.raises(ReadError) as exc:
        read_document(path)
    assert words in _one_line(exc, path)


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError) as exc:
        read_document(fifo)
    assert _one_line(exc, fifo).endswith("is a named pipe (FIFO), not a document file")


def test_a_fifo_swapped_in_after_the_check_is_refused_on_the_open_handle(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    import loaders.documents.source as source

    monkeypatch.setattr(source, "check_file", lambda p: Path(p))  # as if it was a file when checked
    with pytest.raises(ReadError, match="named pipe"):
        source.read_bytes(fifo)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    with pytest.raises(ReadError, match="is a character device, not a document file"):
        read_document(device)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        assert stat.S_ISSOCK(path.stat().st_mode)
        with pytest.raises(ReadError, match="is a socket"):
            read_document(path)


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("上海市发展改革委\n".encode() * 1000)
    with pytest.raises(ReadError, match="graphmodel reads documents up to 0 MB"):
        read_bytes(path, limit=1000)
    assert len(read_bytes(path, limit=25_000)) == 25_000


def test_a_file_whose_size_the_system_does_not_report_is_still_bounded() -> None:
    # /proc files say 0 bytes and hold more.
    path = Path("/proc/self/status")
    if not path.exists():
        pytest.skip("no /proc here")
    with pytest.raises(ReadError, match="larger than"):
        read_bytes(path, limit=10)


def test_a_file_holding_more_than_its_status_said_is_read_to_its_end(tmp_path: Path) -> None:
    # Read in the size its status gave, then on to the end (a file that grew, or /proc's).
    from loaders.documents.source import _read_to_end

    path = tmp_path / "grew.txt"
    data = "上海市发展改革委\n".encode() * 10_000  # 250 KB: past the first read and the next
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_to_end(fd, 10, len(data)) == data
        os.lseek(fd, 0, os.SEEK_SET)
        assert _read_to_end(fd, 10, 1000) == data[:1001]  # one byte past the limit: refused by the caller
        os.lseek(fd, 0, os.SEEK_SET)
        assert _read_to_end(fd, len(data), len(data)) == data
    finally:
        os.close(fd)
    proc = Path("/proc/self/cmdline")  # says 0 bytes
    if proc.exists():
        assert read_bytes(proc) == proc.read_bytes()

"""Word documents (.docx), through python-docx.

The body in order: one line per paragraph, and for a table one line per row with its cells
joined by tabs (a cell's own paragraphs joined by spaces; a vertically merged cell repeated in
each row it spans). Automatic list numbers (一、 （一） 1. ① ...) that Word draws but does
not store in the text are rendered and put back in front of their paragraphs. Tracked deletions,
field codes, tables of contents and text boxes are left out; headers, footers and footnotes too.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from loaders.documents.numbering import Numbering
from loaders.documents.read_error import ReadError
from loaders.documents.source import read_bytes, sniff_format

__all__ = ["read_docx", "MAX_UNPACKED_BYTES", "MAX_MEMBERS"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not the paragraph's text as printed.
_SKIP = {
    f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delInstrText", f"{_W}txbxContent",
    f"{_W}footnoteReference", f"{_W}endnoteReference", f"{_MC}Fallback", f"{_W}pPr", f"{_W}rPr",
}  # fmt: skip
# Entries of a table of contents field repeat headings with page numbers.
_TOC_STYLE = re.compile(r"(?i)^toc ?\d$")
# Limits of a package we unpack: Word documents of plans hold a few dozen members and unpack to
# a few megabytes (with images, some tens).
MAX_UNPACKED_BYTES = 256 * 2**20
MAX_MEMBERS = 10_000
_CHARS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-", f"{_W}softHyphen": ""}


def read_docx(path: str | os.PathLike[str]) -> str:
    """Return the text of a .docx document's body.

    Raises
    ------
    ReadError
        When the file is missing, empty, not a valid .docx, or holds no text.
    """
    data = read_bytes(path)
    if not data.strip():
        raise ReadError(path, "the file is empty")
    if not data.startswith(b"PK"):
        what = sniff_format(data)
        hint = f"; it looks like {what}" if what else ""
        raise ReadError(path, f"is not a valid .docx file (not a ZIP package{hint})")
    _check_package(data, path)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        try:
            document = docx.Document(io.BytesIO(data))
        # python-docx on a content-types part in another namespace (AttributeError), or on a
        # relationship with no target (TypeError from joining its path to None).
        except (AttributeError, TypeError) as exc:
            raise ValueError(f"unreadable package parts ({exc})") from None
        numbering = Numbering.of(document)
        lines = list(_body_lines(document, numbering))
    # What a damaged package raises from zipfile, zlib, lxml and python-docx.
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, LxmlError, EOFError,
            zlib.error) as exc:  # fmt: skip
        what = "corrupt compressed data" if isinstance(exc, zlib.error) else type(exc).__name__
        raise ReadError(path, f"is not a valid .docx file ({what}: {exc})") from None
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "the document holds no text")
    return text


def _check_package(data: bytes, path: str | os.PathLike[str]) -> None:
    """Refuse a package before unpacking it: too large unpacked, too many members, encrypted
    members, or compression zipfile cannot undo.

    zipfile never hands out more than a member's declared size (a stream that inflates further
    fails its check), so the declared sizes bound the memory unpacking takes.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise ReadError(path, f"is not a valid .docx file ({type(exc).__name__}: {exc})") from None
    if len(members) > MAX_MEMBERS:
        raise ReadError(path, f"is not a plan .docx: it holds {len(members)} files (at most {MAX_MEMBERS})")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise ReadError(path, f"unpacks to {unpacked / 2**20:.0f} MB, more than the {MAX_UNPACKED_BYTES // 2**20} MB "
                              "a .docx may (a ZIP bomb?)")
    for m in members:
        if m.flag_bits & 0x1:
            raise ReadError(path, "the .docx is encrypted (password-protected)")
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadError(path, f"is not a valid .docx file ({m.filename} uses compression method "
                                  f"{m.compress_type}; Word writes deflate only)")


def _body_lines(document: Any, numbering: Numbering) -> Iterator[str]:
    yield from _block_lines(document.element.body, document, numbering)


def _block_lines(parent: Any, document: Any, numbering: Numbering) -> Iterator[str]:
    from docx.table import Table

    for child in parent.iterchildren():
        if child.tag == f"{_W}p":
            if _TOC_STYLE.match(_style_of(child)):
                continue
            line = numbering.label(child) + _paragraph_text(child)
            if line.strip():
                yield line
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(Table(child, document))
        elif child.tag == f"{_W}sdt":  # a content control: its content, unless it is a table of contents
            gallery = child.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
            content = child.find(f"{_W}sdtContent")
            if content is not None and (gallery is None or "contents" not in (gallery.get(f"{_W}val") or "").lower()):
                yield from _block_lines(content, document, numbering)
        elif child.tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
            yield from _block_lines(child, document, numbering)


def _style_of(p: Any) -> str:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return (style.get(f"{_W}val") or "") if style is not None else ""


def _table_lines(table: Any) -> Iterator[str]:
    from docx.table import _Cell

    above: dict[int, str] = {}  # grid column → text of the cell that a vertical merge continues
    for tr in table._tbl.tr_lst:
        cells, column = [], tr.grid_before
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":  # a merged cell applies to every row it spans
                text = above.get(column, "")
            else:
                text = _cell_text(_Cell(tc, table))
                above[column] = text
            cells.append(text)
            column += tc.grid_span
        line = "\t".join(cells).rstrip("\t")
        if line.strip():
            yield line


def _cell_text(cell: Any) -> str:
    from docx.table import Table

    parts = []
    for block in cell.iter_inner_content():
        parts += list(_table_lines(block)) if isinstance(block, Table) else [_paragraph_text(block._p)]
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def _paragraph_text(p: Any) -> str:
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}t":
                out.append(child.text or "")
            elif tag in _CHARS:
                out.append(_CHARS[tag])
            else:
                walk(child)

    walk(p)
    return "".join(out)

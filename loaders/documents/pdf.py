"""PDF files with a text layer, through pypdf.

Pages' text is joined with line breaks; lines that are only a page number (``— 3 —``,
``- 3 -``, ``第 3 页 共 9 页``) are dropped. Radicals and compatibility ideographs that some PDF
producers map their glyphs to (``⾏`` U+2F8F for 行) are folded to the ordinary characters.
A PDF whose pages hold no text is reported as scanned; one whose text does not decode to
readable characters (fonts without a usable Unicode map) is reported rather than returned.
"""

from __future__ import annotations

import io
import logging
import os
import re
import struct
import unicodedata
import zlib
from typing import TYPE_CHECKING

from loaders.documents.encoding import assess
from loaders.documents.read_error import ReadError
from loaders.documents.source import read_bytes

if TYPE_CHECKING:
    from pypdf import PdfReader

__all__ = ["read_pdf"]

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)\s*$"
)
# Kangxi radicals, CJK radicals supplement, CJK compatibility ideographs: artefacts of PDF fonts.
_FOLD = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff]")
# Rare characters (see `encoding.Assessment`) beyond which text is garbage from unmapped glyphs.
_MAX_RARE = 20


def read_pdf(path: str | os.PathLike[str]) -> str:
    """Return the text of a PDF's pages.

    Raises
    ------
    ReadError
        When the file is missing, empty, not a readable PDF, encrypted, has no text layer, or
        its text layer does not decode to readable characters.
    """
    data = read_bytes(path)
    if not data.strip():
        raise ReadError(path, "the file is empty")
    import pypdf
    from pypdf.errors import DependencyError, PyPdfError

    # pypdf logs every oddity it tolerates; they are no news for the user.
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _open_without_password(reader):
            raise ReadError(path, "the PDF is encrypted (password-protected)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DependencyError as exc:
        raise ReadError(path, f"the PDF cannot be decrypted here ({exc})") from None
    except NotImplementedError as exc:  # an encryption scheme or a filter pypdf does not implement
        raise ReadError(path, f"the PDF uses a feature graphmodel's PDF reader does not support ({exc})") from None
    # A malformed file surfaces from pypdf's parser as any of these.
    except (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, zlib.error,
            struct.error, RecursionError) as exc:  # fmt: skip
        raise ReadError(path, f"is not a readable PDF ({type(exc).__name__}: {exc})") from None
    finally:
        logger.setLevel(level)

    lines = []
    for page in pages:
        lines += [line for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
                  if not _PAGE_NUMBER.match(line)]  # fmt: skip
    text = _FOLD.sub(lambda m: unicodedata.normalize("NFKC", m.group()), "\n".join(lines))
    if not text.strip():
        raise ReadError(path, "the PDF has no text layer (scanned?)")
    verdict = assess(text)
    rare = verdict.non_ascii - verdict.common
    if verdict.binary or (rare >= _MAX_RARE and rare > verdict.non_ascii / 2):
        raise ReadError(path, "the PDF's text layer does not decode to readable text (fonts without a Unicode map?)")
    return text


def _open_without_password(reader: PdfReader) -> bool:
    # Many PDFs are encrypted only to restrict printing, with an empty user password.
    from pypdf import PasswordType

    return reader.decrypt("") != PasswordType.NOT_DECRYPTED

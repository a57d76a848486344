"""Bytes to text for plain-text documents: which encoding, decided without guessing wildly.

Chinese plans reach us as UTF-8 (with or without a byte-order mark), GB18030/GBK or UTF-16.
The order of trials is fixed, so the same bytes always give the same text:

1. A byte-order mark names the encoding outright (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).
2. Strict UTF-8 next: text in any other encoding is almost never valid UTF-8, while much UTF-8
   *also* decodes as GBK (into nonsense), so UTF-8 must be tried before GBK.
3. Otherwise GB18030 (a superset of GBK and GB2312) and, for an even number of bytes, UTF-16
   without a mark. Each strict decoding is kept only if it reads like Chinese text: no control
   or private-use characters, and nine in ten non-ASCII characters among the ~7,500 common ones
   of GB2312 (garbage decodings land mostly on GBK's rare extension characters). Of those kept,
   the one with the most common Chinese characters wins; ties go to the earlier trial.
4. Nothing kept: the bytes are binary (NUL bytes, or a known file signature) or undecodable,
   and we say which. Latin-1 and friends, which decode anything, are never tried.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from loaders.documents.read_error import ReadError
from loaders.documents.source import sniff_format

__all__ = ["decode_text", "normalise_newlines", "Assessment", "assess"]

# Longest marks first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)

_WHITESPACE = frozenset(" \t\n\r\f\v\u3000\xa0\u2028\u2029\x85")
# Characters never counted bad (`_kind` below 4, or whitespace): printable ASCII, general and CJK
# punctuation, common hanzi, full-width forms. A text of these alone is not binary, with no count
# (a tenth of a millisecond where counting a plan took half a millisecond). The tests check each.
_NEVER_BAD = re.compile("[\t\n\r\f\v -~\xa0\u2010-\u2027\u2030-\u205e\u3000-\u303f\u4e00-\u9fa5\uff01-\uff5e]*")
# Share of characters that may be control or private-use before text counts as binary / garbage.
_MAX_BAD_SHARE = 0.01
# Share of non-ASCII characters that must be common Chinese for a GB18030/UTF-16 decoding to stand.
_MIN_COMMON_SHARE = 0.9


@dataclass(frozen=True)
class Assessment:
    """How much a decoded text looks like (Chinese) text.

    Attributes
    ----------
    total : int
        Characters other than whitespace.
    bad : int
        Control, private-use, unassigned and replacement characters.
    non_ascii : int
        Characters outside ASCII.
    common : int
        Non-ASCII characters in GB2312 (common hanzi, CJK and full-width punctuation) or in the
        general / CJK punctuation blocks.
    hanzi : int
        Common hanzi (GB2312 characters in the CJK Unified Ideographs block).
    """

    total: int
    bad: int
    non_ascii: int
    common: int
    hanzi: int

    @property
    def binary(self) -> bool:
        """Too many control or private-use characters to be text."""
        return self.bad > self.total * _MAX_BAD_SHARE

    @property
    def chinese(self) -> bool:
        """Plausible as text in a Chinese document (or as ASCII text)."""
        if self.total == 0 or self.binary:
            return False
        return self.common >= self.non_ascii * _MIN_COMMON_SHARE

    @property
    def hanzi_share(self) -> float:
        """Common hanzi per non-whitespace character."""
        return self.hanzi / self.total if self.total else 0.0


@lru_cache(maxsize=65536)
def _kind(ch: str) -> int:
    """0 ASCII, 1 common non-ASCII, 2 common hanzi, 3 rare, 4 bad (control, private use...)."""
    cp = ord(ch)
    if cp < 0x80:
        return 0 if ch.isprintable() else 4
    if cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn"):
        return 4
    try:
        code = ch.encode("gbk")
    except UnicodeEncodeError:
        code = b""
    # GB2312's rows within GBK (GBK, not Python's gb2312 codec, maps A1A4 to · U+00B7 as texts use it).
    if not (len(code) == 2 and 0xA1 <= code[0] <= 0xF7 and code[1] >= 0xA1):
        # Punctuation blocks hold nothing GBK garbage lands on, and texts use them freely.
        if 0x2000 <= cp <= 0x206F or 0x3000 <= cp <= 0x303F or 0xFF01 <= cp <= 0xFF5E:
            return 1
        return 3
    return 2 if 0x4E00 <= cp <= 0x9FFF else 1


def assess(text: str) -> Assessment:
    """Count what kinds of characters ``text`` holds (see `Assessment`)."""
    counts = [0, 0, 0, 0, 0]
    for ch, n in Counter(text).items():
        if ch in _WHITESPACE:
            continue
        counts[_kind(ch)] += n
    _ascii, common, hanzi, rare, bad = counts
    total = sum(counts)
    return Assessment(total=total, bad=bad, non_ascii=common + hanzi + rare, common=common + hanzi, hanzi=hanzi)


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF, and nothing else."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _empty(text: str) -> bool:
    return not text.replace("\ufeff", "").strip()


def _binary_reason(data: bytes) -> str:
    what = sniff_format(data)
    return f"the file is binary, not text (it looks like {what})" if what else "the file is binary, not text"


def decode_text(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode the bytes of a text document (see the module notes for the order of trials).

    The byte-order mark, if any, is dropped; nothing else is changed (line ends included).

    Parameters
    ----------
    data
        The file's bytes.
    path
        The file, for error messages.

    Raises
    ------
    ReadError
        When the file is empty (or only whitespace), binary, or decodes as none of the
        encodings above.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    path,
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(bad bytes at offset {exc.start + len(bom)})",
                ) from None
            return _checked(text, data, path)

    if not data.strip():
        raise ReadError(path, "the file is empty")

    utf8_error: UnicodeDecodeError | None = None
    if b"\x00" not in data:  # NUL never occurs in UTF-8 text
        try:
            return _checked(data.decode("utf-8"), data, path)
        except UnicodeDecodeError as exc:
            utf8_error = exc

    best: tuple[float, int, str] | None = None
    for order, codec in enumerate(_fallbacks(data)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        verdict = assess(text)
        if not verdict.chinese:
            continue
        key = (verdict.hanzi_share, -order, text)
        if best is None or key[:2] > best[:2]:
            best = key
    if best is not None:
        return _checked(best[2], data, path)

    if b"\x00" in data or sniff_format(data) or _control_bytes(data) > len(data) * _MAX_BAD_SHARE:
        raise ReadError(path, _binary_reason(data))
    where = f"invalid UTF-8 at byte {utf8_error.start}; " if utf8_error else ""
    raise ReadError(
        path, f"cannot decode the text as UTF-8, GB18030/GBK or UTF-16 ({where}the others give no readable Chinese)"
    )


def _control_bytes(data: bytes) -> int:
    # C0 controls other than whitespace and ESC: rare in any text encoding we read.
    return sum(data.count(b) for b in range(32) if b not in b"\t\n\r\f\v\x1b")


def _fallbacks(data: bytes) -> list[str]:
    codecs = [] if b"\x00" in data else ["gb18030", "gbk"]
    if len(data) % 2 == 0:
        codecs += ["utf-16-le", "utf-16-be"]
    return codecs


def _checked(text: str, data: bytes, path: str | os.PathLike[str]) -> str:
    if _empty(text):
        raise ReadError(path, "the file is empty")
    if not _NEVER_BAD.fullmatch(text) and assess(text).binary:
        raise ReadError(path, _binary_reason(data))
    return text

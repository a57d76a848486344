"""Character-for-character normalisation, so offsets into the normalised text are offsets
into the text as read.

Most published plans use full-width punctuation (（）：；，) and some half-width; the parser
sees one form. Only one-to-one replacements are allowed here: spans must stay valid.
"""

from __future__ import annotations

import re

__all__ = ["normalize", "OPEN", "CLOSE", "bracket_depths", "CJK", "is_cjk"]

_PAIRS = {
    "（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "【": "[", "】": "]",
    "〈": "<", "〉": ">", "＜": "<", "＞": ">", "．": ".", "　": " ", "\u00a0": " ",
    "\t": " ", "！": "!", "？": "?", "％": "%", "～": "~", "\r": "\n",
    "∶": ":", "﹕": ":", "﹔": ";", "﹐": ",", "﹙": "(", "﹚": ")",
}
_TABLE = {ord(k): v for k, v in _PAIRS.items()}
_TABLE.update({0xFF10 + i: str(i) for i in range(10)})  # full-width digits
_TABLE.update({0xFF21 + i: chr(0x41 + i) for i in range(26)})  # full-width A-Z
_TABLE.update({0xFF41 + i: chr(0x61 + i) for i in range(26)})  # full-width a-z

OPEN = "([<《“‘〔{"
CLOSE = ")]>》”’〕}"

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{CJK}]")


def normalize(text: str) -> str:
    """Full-width punctuation, digits and letters to half-width; same length as ``text``."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


def bracket_depths(s: str) -> list[int]:
    """Depth of bracket nesting before each character of ``s`` (quotes count as brackets)."""
    depth = 0
    out = []
    for ch in s:
        if ch in CLOSE and depth > 0:
            depth -= 1
            out.append(depth)
            continue
        out.append(depth)
        if ch in OPEN:
            depth += 1
    return out

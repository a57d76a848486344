"""Putting text into a page so that it stays text: JSON in a script element, srcdoc attributes."""

from __future__ import annotations

import html
import json
import re
from typing import Any

__all__ = ["script_json", "check_inline", "attribute"]

# Characters that could end the script element or confuse an HTML parser, and the two line
# separators older JavaScript parsers reject inside strings; JSON escapes keep their meaning.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")
_CLOSERS = re.compile(r"</(script|style)|<!--", re.IGNORECASE)


def script_json(data: Any) -> str:
    """``data`` as JSON safe to place between ``<script type="application/json">`` tags.

    No ``<``, ``>`` or ``&`` is left, so ``</script>`` or ``<!--`` in the data cannot end the
    element; ``JSON.parse`` of the element's text gives ``data`` back exactly.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group(0)], text)


def check_inline(code: str, what: str) -> str:
    """``code`` unchanged, after checking it cannot end its ``<script>``/``<style>`` element early.

    Raises
    ------
    ValueError
        If the code holds ``</script``, ``</style`` or ``<!--`` (an asset this module would
        corrupt by rewriting, so it refuses it).
    """
    found = _CLOSERS.search(code)
    if found:
        raise ValueError(f"{what} holds {found.group(0)!r} at {found.start()} and cannot be inlined")
    return code


def attribute(value: str) -> str:
    """``value`` escaped for a double-quoted HTML attribute (``&``, ``<``, ``>``, quotes)."""
    return html.escape(value, quote=True)

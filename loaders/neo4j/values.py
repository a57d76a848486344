"""Parameter values from the command line, checked before they reach the driver.

The driver cannot send an integer outside 64 bits or text that is not Unicode (a file name or
argument in another encoding reaches Python as lone surrogates); both would fail deep inside it
with a traceback. Here they are one-line `CypherError`\\ s naming the parameter.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from loaders.neo4j.failures import CypherError

__all__ = ["INT_MIN", "INT_MAX", "checked", "parse_value", "parse_assignment"]

INT_MIN, INT_MAX = -(2**63), 2**63 - 1


def checked(value: Any, where: str) -> Any:
    """``value`` when Neo4j can take it as a parameter; else a `CypherError` saying why."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            raise CypherError(f"{where} takes an int from {INT_MIN} to {INT_MAX}, not {value}")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CypherError(f"{where}: {value} is not a finite number")
        return value
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates
            shown = value.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            raise CypherError(f"{where}: not valid UTF-8 text ({shown}); give parameters in UTF-8") from None
        return value
    if isinstance(value, list):
        return [checked(v, where) for v in value]
    if isinstance(value, dict):
        return {checked(k, where): checked(v, where) for k, v in value.items()}
    raise CypherError(f"{where}: a {type(value).__name__} cannot be a parameter")


def parse_value(text: str, where: str) -> Any:
    """A ``-p`` value as data: ``null``, ``true``/``false``, an integer, a decimal number, a
    quoted string ('…' or "…"), a JSON list or map (``[1, 2]``, ``{"a": 1}``); anything else is
    the text itself (checked to be UTF-8 by `parse_assignment`).
    """
    t = text.strip()
    lowered = t.lower()
    if lowered == "null":
        return None
    if lowered in ("true", "false"):
        return lowered == "true"
    if re.fullmatch(r"-?\d+", t):
        return checked(int(t), where)
    if re.fullmatch(r"-?\d+\.\d*(?:e[-+]?\d+)?|-?\d+e[-+]?\d+", t, re.I):
        return checked(float(t), where)
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "'\"":
        return re.sub(r"\\(.)", r"\1", t[1:-1])
    if t[:1] in "[{":
        try:
            return checked(json.loads(t), where)
        except json.JSONDecodeError as exc:
            raise CypherError(f"{where}: not a JSON list or map ({exc.msg} at character {exc.pos + 1})") from None
    return text


def parse_assignment(option: str) -> tuple[str, str]:
    """``key=value`` of a ``-p`` option, as text."""
    try:
        option.encode("utf-8")
    except UnicodeEncodeError:
        shown = option.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
        raise CypherError(f"-p {shown}: not valid UTF-8 text; give parameters in UTF-8") from None
    key, sep, text = option.partition("=")
    if not sep or not key.strip():
        raise CypherError(f"-p {option!r}: write -p key=value")
    return key.strip(), text

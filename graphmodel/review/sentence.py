"""An annotation in its sentence: the text around a span, cut into marked segments for a page."""

from __future__ import annotations

import re
from collections.abc import Sequence

from graphmodel.model import Span

__all__ = ["Segment", "annotation_context", "plain_context"]

Segment = tuple[str, str]  # (text, kind): kind is "text", "annotation" or "mention"

_ENDS = "。;；!！?？\n"
_END = re.compile(f"[{_ENDS}]")
_WORDY = re.compile(r"\w")
BEFORE = 240  # characters of the sentence before an annotation, at most
AFTER = 80


def _sentence_start(text: str, at: int, floor: int) -> int:
    """Where the sentence holding ``at`` starts, never before ``floor``."""
    return max([text.rfind(c, floor, at) for c in _ENDS] + [floor - 1]) + 1


def _sentence_end(text: str, at: int, ceiling: int) -> int:
    m = _END.search(text, at, ceiling)
    return m.end() if m else ceiling


def annotation_context(text: str, task: Span, annotation: Span, marks: Sequence[Span] = ()) -> list[Segment]:
    """The sentence an annotation closes, as segments: text before, the annotation (the spans in
    ``marks`` inside it as ``mention`` segments), text after.

    An annotation standing on lines of its own (牵头单位:X) gets the sentence before it, so the
    reader sees what it annotates. Long context is cut with an ellipsis.

    >>> t = "一、做好甲。推进乙工作(责任单位:市发改委)。二、"
    >>> annotation_context(t, (0, 23), (11, 22), [(17, 21)])
    [('推进乙工作', 'text'), ('(责任单位:', 'annotation'), ('市发改委', 'mention'), (')', 'annotation'), ('。', 'text')]
    """
    a, b = annotation
    lo, hi = max(0, min(task[0], a)), min(len(text), max(task[1], b))
    start = _sentence_start(text, a, lo)
    for _ in range(3):  # nothing but punctuation before it: take the sentence before too
        if _WORDY.search(text, start, a) or start <= lo:
            break
        start = _sentence_start(text, start - 1, lo)
    before = text[start:a].lstrip()
    if len(before) > BEFORE:
        before = "…" + before[-BEFORE:]
    after = text[b:_sentence_end(text, b, hi)].rstrip()
    if len(after) > AFTER:
        after = after[:AFTER] + "…"
    out: list[Segment] = []
    if before:
        out.append((before, "text"))
    at = a
    for m0, m1 in sorted(s for s in marks if a <= s[0] and s[1] <= b):
        if m0 < at:
            continue  # overlapping marks: the first wins
        if m0 > at:
            out.append((text[at:m0], "annotation"))
        out.append((text[m0:m1], "mention"))
        at = m1
    if at < b:
        out.append((text[at:b], "annotation"))
    if after:
        out.append((after, "text"))
    return out


def plain_context(text: str, limit: int = 300) -> list[Segment]:
    """Text with no annotation to mark (a task that has none), cut at ``limit`` characters."""
    text = text.strip()
    return [(text[:limit] + ("…" if len(text) > limit else ""), "text")] if text else []

"""Which task each annotation belongs to, with errors kept local.

The outline's items partition the text (an item runs to the next item's start), so an annotation
belongs to the item its text lies in: the deepest item it closes. Then:

- an item that gathered several annotations with task text between them (a number the outline
  missed, 11.121人才梯队项目) splits at the enumerator before each later annotation's text, or
  is reported; a numbering glitch never merges tasks;
- ``(二)… (1)… (2)… (责任单位:X)``: an annotation after the last of several children none of
  which carries its own belongs to their parent (and never to a heading whose items carry their own);
- a heading that names whose work its items are (``(一)省监察厅牵头的工作``, form ``heading``):
  its units hold for every item beneath it that has no items of its own (the heading itself when
  it has none), beside what each item carries;
- an annotation outside every item becomes an unnumbered task of its paragraph;
- the closing paragraph, signature and date after the last task are not task text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphmodel.extract.annotations import Annotation
from graphmodel.extract.outline import Item, enumerators_in, insert_items
from graphmodel.extract.recognisers import item_at
from graphmodel.model import Span

__all__ = ["Attached", "attach"]

_TEXT = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
_DATE_LINE = re.compile(r"^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,6}月.{1,6}日\s*$", re.M)


@dataclass
class Attached:
    """Items and, per item, the annotations its task carries and those written in its text."""

    items: list[Item]
    carried: list[list[Annotation]]
    within: list[list[Annotation]]  # includes annotations lifted to a parent, so they are not task text
    warnings: list[tuple[str, Span]] = field(default_factory=list)


def attach(norm: str, items: list[Item], annotations: list[Annotation]) -> Attached:
    """Give each annotation its task (see the module's docstring).

    Parameters
    ----------
    norm : str
        Normalised text.
    items : list of Item
        Its outline (`parse_outline`, table rows inserted).
    annotations : list of Annotation
        Its annotations, settled (no overlaps), in document order.

    Returns
    -------
    Attached
        The items (with those added for unnumbered paragraphs and splits), and for each the
        annotations its task carries (``carried``) and those written in its text (``within``),
        and the warnings.

    Examples
    --------
    The bracket after (二) closes all of 二、's children, none of which carries its own, so it
    is lifted to 二、:

    >>> from graphmodel.examples import example_reading
    >>> norm, doc, annotations = example_reading()
    >>> attached = attach(norm, doc.items, annotations)
    >>> [[norm[a.start:a.end] for a in anns] for anns in attached.carried]
    [['(牵头单位:市发改委;配合单位:市财政局)'], ['(市商务局、市外办)'], [], []]
    >>> [len(anns) for anns in attached.within], attached.warnings
    ([1, 0, 0, 1], [])
    """
    warnings: list[tuple[str, Span]] = []
    items = _paragraph_items(norm, items, annotations, warnings)
    items = _split_items(norm, items, annotations, warnings)
    carried: list[list[Annotation]] = [[] for _ in items]
    starts = [it.start for it in items]
    for ann in annotations:
        k = item_at(items, ann.start, starts)
        if k is not None:
            carried[k].append(ann)
        else:
            warnings.append(("an annotation outside every task was not read", ann.span))
    within = [list(c) for c in carried]
    _lift_trailing(items, carried)
    _carry_headings(items, carried)
    _cut_closing(norm, items, carried)
    for it in items:
        if it.note:
            warnings.append((it.note, (it.start, it.body)))
    return Attached(items, carried, within, warnings)


def _paragraph_items(norm: str, items: list[Item], annotations: list[Annotation],
                     warnings: list[tuple[str, Span]]) -> list[Item]:
    """An unnumbered task for each annotation outside every item (a plan without an outline)."""
    extra: list[tuple[Item, int | None]] = []
    taken = -1
    starts = [it.start for it in items]
    for ann in annotations:
        if item_at(items, ann.start, starts) is not None or ann.start < taken:
            continue
        first = items[0].start if items else len(norm)
        if ann.start >= first:
            continue
        start = norm.rfind("\n", 0, ann.start) + 1
        while start < ann.start and norm[start] in " \n":
            start += 1
        # The paragraph may hold the annotation's own lines only (牵头单位:X): take the paragraph before.
        if not _TEXT.search(norm[start : ann.start]):
            start = norm.rfind("\n", 0, max(start - 1, 0)) + 1
        start = max(start, taken)
        item = Item("para", len(extra) + 1, start, start, first, 0)
        extra.append((item, None))
        taken = ann.end
        warnings.append(("an annotation outside every numbered item was read as an unnumbered task", ann.span))
    if not extra:
        return items
    for k, (item, _) in enumerate(extra):  # each runs to the next one, the last to the first item
        item.end = extra[k + 1][0].start if k + 1 < len(extra) else (items[0].start if items else len(norm))
    return insert_items(items, extra)


def _split_items(norm: str, items: list[Item], annotations: list[Annotation],
                 warnings: list[tuple[str, Span]]) -> list[Item]:
    """Split an item at the enumerator before each annotation that follows task text of its own."""
    by_item: dict[int, list[Annotation]] = {}
    starts = [it.start for it in items]
    for ann in annotations:
        if ann.form == "heading":
            continue  # the item's title, not an annotation that closes task text
        k = item_at(items, ann.start, starts)
        if k is not None:
            by_item.setdefault(k, []).append(ann)
    extra: list[tuple[Item, int | None]] = []
    for k, anns in by_item.items():
        anns.sort(key=lambda a: a.start)
        item = items[k]
        for prev, ann in zip(anns, anns[1:], strict=False):
            gap = norm[prev.end : ann.start]
            if len(_TEXT.findall(gap)) < 4:
                continue  # adjacent annotations (牵头单位:X / 责任单位:Y lines) close one task
            found = enumerators_in(norm, prev.end, ann.start)
            if not found:
                lines, under = _unnumbered_lines(norm, item, anns)
                if lines:
                    extra += [(line, k if under else item.parent) for line in lines]
                    break
                warnings.append(("two annotations in one numbered item, with task text between them",
                                 (prev.start, ann.end)))
                continue
            style, value, start, body = found[0]
            new = Item(style, value, start, body, item.end, item.depth,
                       note=f"an item the numbering did not continue was read at {norm[start:body]!r}")
            extra.append((new, item.parent))
    if not extra:
        return items
    merged = insert_items(items, extra)
    for it, nxt in zip(merged, merged[1:], strict=False):  # an item now ends where the split one starts
        it.end = min(it.end, nxt.start)
    return merged


def _unnumbered_lines(norm: str, item: Item, anns: list[Annotation]) -> tuple[list[Item], bool]:
    """Lines or sentences each closed by an annotation and numbered by none: under a heading
    (耕地保有量保持在2000.9万亩。(市国土局牵头)), each is a task of its own under the heading; after
    a numbered line that carries its own (⑤…(责任单位:X); 新增…(责任单位:Y)), each is a task beside
    it. Targets run together in one paragraph (甲。(X牵头)乙。(Y牵头)) are tasks each: an annotation
    closes at most the text since the one before it. Returns the items and whether they go under
    ``item``."""
    body_line_end = norm.find("\n", item.body)
    if body_line_end < 0:
        return [], False
    under = anns[0].start >= body_line_end  # the heading's own line carries no annotation
    closing = anns if under else anns[1:]
    before = [None] + closing[:-1] if under else anns[:-1]
    out = []
    open_line = False  # the annotation before left text on its line, which this one must close
    for k, (prev, ann) in enumerate(zip(before, closing, strict=True), 1):
        start = norm.rfind("\n", item.body, ann.start) + 1
        if start > item.body and not _TEXT.search(norm[start : ann.start]):
            start = norm.rfind("\n", item.body, start - 1) + 1  # (X牵头) opening a line closes the one before
        if prev is not None and start <= prev.end:
            start = prev.end  # run together: the text since the annotation before
        elif open_line:
            return [], False  # text after an annotation that no annotation closes
        line_end = norm.find("\n", ann.end) if "\n" in norm[ann.end : item.end] else item.end
        open_line = bool(_TEXT.search(norm[ann.end : line_end]))
        while start < ann.start and norm[start] in " \n":
            start += 1
        if start <= item.body or not _TEXT.search(norm[start : ann.start]):
            return [], False
        out.append(Item("line", k, start, start, item.end, item.depth + (1 if under else 0)))
    if open_line:
        return [], False  # the last annotation does not close its line
    return out, under


def _annotated(items: list[Item], carried: list[list[Annotation]], k: int) -> bool:
    """Whether item ``k`` or any item under it carries an annotation."""
    return bool(carried[k]) or any(_annotated(items, carried, c) for c in items[k].children)


def _lift_trailing(items: list[Item], carried: list[list[Annotation]]) -> None:
    """(二)… (1)… (2)… (责任单位:X): an annotation after the last of several unannotated children
    belongs to their parent."""
    for k, it in enumerate(items):
        kids = it.children
        if len(kids) < 2 or carried[k] or items[kids[-1]].children:
            continue
        if carried[kids[-1]] and not any(_annotated(items, carried, c) for c in kids[:-1]):
            carried[k] = carried[kids[-1]]
            carried[kids[-1]] = []


def _carry_headings(items: list[Item], carried: list[list[Annotation]]) -> None:
    """A heading's units (form ``heading``) go to the items beneath it that have none of their own
    (the leaves), each first among what it carries; a heading without items keeps them."""
    for k, it in enumerate(items):
        heads = [a for a in carried[k] if a.form == "heading"]
        if not heads or not it.children:
            continue
        carried[k] = [a for a in carried[k] if a.form != "heading"]
        stack = list(reversed(it.children))
        while stack:
            c = stack.pop()
            if items[c].children:
                stack += reversed(items[c].children)
            else:
                carried[c] = heads + carried[c]


def _cut_closing(norm: str, items: list[Item], carried: list[list[Annotation]]) -> None:
    """The last item ends with its last annotation when a new paragraph or a date follows it (the
    closing paragraph, the signature): that text is no task's."""
    if not items:
        return
    last = items[-1]
    anns = carried[-1]
    if anns:
        end = max(a.end for a in anns)
        tail = norm[end : last.end]
        before = norm[last.body : min(a.start for a in anns)]
        if _TEXT.search(before) and _TEXT.search(tail) and ("\n" in tail or _DATE_LINE.search(tail)):
            last.end = end
        return
    # No annotation: drop a trailing signature (issuer lines, then a date line) from its text.
    lines = norm[last.body : last.end].rstrip().split("\n")
    if len(lines) >= 3 and _DATE_LINE.match(lines[-1]):
        cut = len("\n".join(lines[:-2]))
        last.end = last.body + cut

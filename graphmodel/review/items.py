"""Review items: every task with its annotation as written beside what was read from it, and the
flags that say where the extractor was unsure.

`review_items` computes them from extractions (and the documents' texts, when known, for the
annotation in its sentence and the checks that need the text); the page and the ``review``
command show them, flagged items first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphmodel.extract.grammar import Grammar, default_grammar
from graphmodel.extract.text import normalize
from graphmodel.model import Extraction, Responsibility, Span, Task
from graphmodel.review.checks import (
    assumed_roles,
    assumed_sides,
    carried_rule,
    carrying_note,
    header_roles,
    odd_names,
    several_annotations,
    unread_brackets,
    unread_rest,
    unread_text,
)
from graphmodel.review.flags import FLAGS, STRONG, Flag, warning_flag
from graphmodel.review.likeness import close_names
from graphmodel.review.sentence import Segment, annotation_context, plain_context

__all__ = ["ReadFact", "ReviewItem", "review_items", "filter_items", "task_number_of"]


@dataclass(frozen=True)
class ReadFact:
    """One responsibility as read: the unit (or placeholder), its side and role.

    ``correction`` is ``"FILE:LINE"`` when the fact comes from a corrections file, not the text.
    """

    unit: str
    name: str
    mention: str
    side: str | None
    role: str
    collective: bool
    span: Span | None = None
    correction: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "name": self.name, "mention": self.mention, "side": self.side,
                "role": self.role, "collective": self.collective,
                "span": list(self.span) if self.span else None, "correction": self.correction}

    def label(self) -> str:
        """``name (side, role)``, with the correction it comes from."""
        where = ", ".join(p for p in (self.side, self.role) if p)
        text = f"{self.name} ({where})"
        return f"{text} [from correction {self.correction}]" if self.correction else text


@dataclass
class ReviewItem:
    """A task (or, with ``task`` None, a document's warnings outside every task) to review."""

    document: str
    title: str | None
    source: str | None
    task: str | None
    number: str | None  # the task number in its normal form (as in the task id)
    annotation: str | None  # as written in the plan; None when the task has none or the text is unknown
    context: list[Segment] = field(default_factory=list)
    units: list[ReadFact] = field(default_factory=list)
    placeholders: list[ReadFact] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    position: tuple[int, int] = (0, 0)  # (document, task) in corpus order

    @property
    def codes(self) -> list[str]:
        """The item's flag codes, each once, in `FLAGS` order."""
        have = {f.code for f in self.flags}
        return [c for c in FLAGS if c in have]

    @property
    def strong(self) -> int:
        return sum(1 for f in self.flags if f.code in STRONG)

    @property
    def weak(self) -> int:
        return len(self.flags) - self.strong

    def sort_key(self) -> tuple[int, int, int, int]:
        return (-self.strong, -self.weak, *self.position)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document, "title": self.title, "source": self.source,
            "task": self.task, "number": self.number, "annotation": self.annotation,
            "context": [list(s) for s in self.context],
            "units": [u.to_dict() for u in self.units],
            "placeholders": [u.to_dict() for u in self.placeholders],
            "places": list(self.places),
            "flags": [f.to_dict() for f in self.flags],
        }

    def row(self) -> dict[str, Any]:
        """One line for a table or CSV: the read facts and flags as text."""
        return {
            "document": self.title or self.source or self.document,
            "task": self.number or "",
            "flags": " ".join(self.codes),
            "annotation": " ".join((self.annotation or "").split()),
            "read": "、".join(u.label() for u in self.units),
            "placeholders": "、".join(u.label() for u in self.placeholders),
            "places": "、".join(self.places),
            "details": "; ".join(f.detail for f in self.flags),
        }


def task_number_of(task: Task, document: str) -> str:
    """The task number in its normal form: the task id after ``<document id>#``."""
    prefix = document + "#"
    return task.id[len(prefix):] if task.id.startswith(prefix) else task.number


def _fact(r: Responsibility, names: Mapping[str, str]) -> ReadFact:
    # `correction` exists once corrections are applied (graphmodel.corrections); read it if there.
    return ReadFact(r.unit, names.get(r.unit, r.mention), r.mention, r.side, r.role, r.collective, r.span,
                    getattr(r, "correction", None))


def _owner(tasks: Sequence[Task], at: int) -> int | None:
    """The innermost task whose span holds ``at``."""
    best = None
    for k, t in enumerate(tasks):
        if t.span[0] <= at < t.span[1] and (best is None or t.span[0] >= tasks[best].span[0]):
            best = k
    return best


def _side_words(ex: Extraction) -> list[str]:
    words = []
    for s in ex.document.sides:
        words += [s.name, s.short or ""]
        if len(s.name) > 2 and s.name[-1] in "市省":
            words.append(s.name[:-1])
    return [w for w in words if w]


def review_items(extractions: Iterable[Extraction], texts: Mapping[str, str] | None = None,
                 grammar: Grammar | None = None) -> list[ReviewItem]:
    """Every annotated or leaf task of the corpus as a review item, flagged items first.

    Parameters
    ----------
    extractions : iterable of Extraction
        The corpus, in order; one plan alone gets no ``one-plan`` flags.
    texts : mapping, optional
        Document id → the document's text as read (what the spans point into). Without it an
        item shows the task's own wording, and the checks that need the text (several
        annotations, unread brackets and text, sides and roles assumed, carried notes) are not
        made.
    grammar : Grammar, optional
        For what reads like a unit; the built-in grammar by default.

    Returns
    -------
    list of ReviewItem
        Most strong flags first, then most weak flags, then corpus order. A task is listed when
        it has responsibilities, has no numbered children, or carries a warning; a document's
        warnings outside every task make an item of their own.
    """
    g = grammar or default_grammar()
    texts = texts or {}
    corpus = list(extractions)
    documents_of: dict[str, set[str]] = defaultdict(set)
    real: dict[str, tuple[str, str, str | None]] = {}
    shorts: dict[str, str] = {}
    for ex in corpus:
        for s in ex.document.sides:
            if s.short:
                shorts.setdefault(s.name, s.short)
        for u in ex.units:
            if not u.collective:
                documents_of[u.id].add(ex.document.id)
                real.setdefault(u.id, (u.id, u.name, u.side))
    close = close_names(real.values(), shorts)
    several_plans = len({ex.document.id for ex in corpus}) > 1
    items: list[ReviewItem] = []
    for d, ex in enumerate(corpus):
        items += _document_items(ex, d, texts.get(ex.document.id), g, close, real,
                                 documents_of if several_plans else None)
    items.sort(key=ReviewItem.sort_key)
    return items


def _document_items(ex: Extraction, d: int, text: str | None, g: Grammar,
                    close: Mapping[str, list[tuple[str, float]]], real: Mapping[str, tuple[str, str, str | None]],
                    documents_of: Mapping[str, set[str]] | None) -> list[ReviewItem]:
    doc = ex.document
    names = {u.id: u.name for u in ex.units}
    place_names = {p.id: p.name for p in ex.places}
    parents = {t.parent for t in ex.tasks}
    norm = normalize(text, g) if text is not None else None
    headers = header_roles(text, g) if text is not None else []
    words = _side_words(ex) if len(doc.sides) > 1 else []
    warned: dict[int | None, list[Flag]] = defaultdict(list)
    for w in ex.warnings:
        k = _owner(ex.tasks, w.span[0]) if w.span else None
        warned[k].append(Flag(warning_flag(w.message), w.message, w.span))
    known = {f.span for fl in warned.values() for f in fl if f.code == "unread-bracket" and f.span}
    out = []
    carried: list[tuple[str, str]] = []  # notes of earlier annotations that hold below (下同)
    for k, t in enumerate(ex.tasks):
        if not (t.responsibilities or t.id not in parents or warned.get(k)):
            continue
        facts = [_fact(r, names) for r in t.responsibilities]
        flags = list(warned.get(k, []))
        if not t.responsibilities:
            flags.append(Flag("no-annotation", "no annotation was read for this task"))
        flags += odd_names(facts)
        if norm is not None:
            flags += several_annotations(norm, t)
            flags += unread_brackets(norm, t, g, known)
            rest = unread_rest(norm, t, facts, g)
            flags += unread_text(rest, t)
            flags += assumed_sides(norm, t, facts, words)
            span = t.annotation_span or (0, 0)
            row = text is not None and "\t" in text[span[0]:span[1]]  # a table row: roles by column
            flags += assumed_roles(norm, t, facts, g, headers, row)
            if carried and t.responsibilities:
                flags.append(Flag("carried-note", f"an earlier annotation says: {carried[-1][1]!r}"))
            if (note := carrying_note(rest)) is not None:
                carried.append((t.id, note))
            elif (rule := carried_rule(norm, t, g)) is not None:
                flags.append(Flag("carried-note", f"this annotation's note holds below too: {rule!r}"))
                carried.append((t.id, rule))
        for f in facts:
            if f.collective:
                continue
            if documents_of is not None and len(documents_of.get(f.unit, ())) == 1:
                flags.append(Flag("one-plan", f"{f.name} appears in this plan only", f.span))
            for other, likeness in close.get(f.unit, [])[:3]:
                flags.append(Flag("close-name", f"{f.name} is close to {real[other][1]} ({likeness:.2f})", f.span,
                                  (f.name, real[other][1])))
        if text is not None and t.annotation_span is not None:
            a, b = t.annotation_span
            annotation: str | None = text[a:b]
            context = annotation_context(text, t.span, t.annotation_span, [f.span for f in facts if f.span])
        else:
            annotation = None
            context = plain_context(text[t.span[0]:t.span[1]] if text is not None else t.text)
        out.append(ReviewItem(
            document=doc.id, title=doc.title, source=doc.source, task=t.id, number=task_number_of(t, doc.id),
            annotation=annotation, context=context,
            units=[f for f in facts if not f.collective], placeholders=[f for f in facts if f.collective],
            places=[place_names.get(p, p) for p in t.places], flags=flags, position=(d, k)))
    if warned.get(None):
        out.append(ReviewItem(document=doc.id, title=doc.title, source=doc.source, task=None, number=None,
                              annotation=None, flags=warned[None], position=(d, len(ex.tasks))))
    return out


def filter_items(items: Iterable[ReviewItem], flags: Sequence[str] = (), documents: Sequence[str] = (),
                 units: Sequence[str] = ()) -> list[ReviewItem]:
    """The items with any of ``flags`` (a code of `FLAGS`, or ``strong``: any flag the extraction
    raised), in any of ``documents`` (ids), naming any of ``units`` (ids, placeholders included);
    an empty filter keeps everything.
    """
    out = []
    for it in items:
        if flags and not (set(flags) & set(it.codes) or ("strong" in flags and it.strong)):
            continue
        if documents and it.document not in documents:
            continue
        if units and not {f.unit for f in it.units + it.placeholders} & set(units):
            continue
        out.append(it)
    return out

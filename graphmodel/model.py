"""The extraction model: what one work plan says about who is responsible for what.

These are plain, typed records. `Extraction.to_dict` gives the JSON of the contract
``graphmodel.extraction/1`` (see ``DEVELOPERS.md``); `Extraction.from_dict` reads it back, so a
saved extraction can be built into a graph without parsing the document again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "SCHEMA",
    "Role",
    "PlaceKind",
    "Span",
    "Side",
    "DocumentInfo",
    "Responsibility",
    "Task",
    "Unit",
    "Place",
    "Pairing",
    "ExtractionWarning",
    "Extraction",
]

SCHEMA = "graphmodel.extraction/1"

Role = Literal["lead", "responsible", "support"]
PlaceKind = Literal["district", "park"]
PairingKind = Literal["district", "park", "unit"]
Span = tuple[int, int]


def _span(value: Any) -> Span | None:
    return (int(value[0]), int(value[1])) if value is not None else None


@dataclass(frozen=True)
class Side:
    """A region whose units share the work, e.g. 上海市 (short 沪 or 上海)."""

    name: str
    short: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name}
        if self.short:
            d["short"] = self.short
        return d


@dataclass
class DocumentInfo:
    """A document's identity and front matter."""

    id: str
    title: str | None
    sides: list[Side]
    source: str | None = None
    date: str | None = None  # YYYY-MM-DD
    issuers: list[str] = field(default_factory=list)
    sha256: str | None = None  # of the text as read; changes with every revision

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "issuers": list(self.issuers),
            "sides": [s.to_dict() for s in self.sides],
        }
        if self.source is not None:
            d["source"] = self.source
        if self.sha256 is not None:
            d["sha256"] = self.sha256
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentInfo:
        return cls(
            id=d["id"],
            title=d.get("title"),
            sides=[Side(s["name"], s.get("short")) for s in d.get("sides", [])],
            source=d.get("source"),
            date=d.get("date"),
            issuers=list(d.get("issuers", [])),
            sha256=d.get("sha256"),
        )


@dataclass
class Responsibility:
    """One unit (or group placeholder) named in a task's responsibility annotation."""

    mention: str  # as written, notes such as (按职责分工负责,下同) removed
    unit: str  # id of a `Unit`
    side: str | None  # name of a document side
    role: Role = "responsible"
    collective: bool = False  # a placeholder for a group, e.g. 各有关单位
    span: Span | None = None  # of the mention in the document text
    correction: str | None = None  # FILE:LINE of the correction(s) that made or changed it

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "mention": self.mention,
            "unit": self.unit,
            "side": self.side,
            "role": self.role,
            "collective": self.collective,
        }
        if self.span is not None:
            d["span"] = list(self.span)
        if self.correction is not None:
            d["correction"] = self.correction
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Responsibility:
        return cls(
            mention=d["mention"],
            unit=d["unit"],
            side=d.get("side"),
            role=d.get("role", "responsible"),
            collective=bool(d.get("collective", False)),
            span=_span(d.get("span")),
            correction=d.get("correction"),
        )


@dataclass
class Task:
    """A numbered item of the plan's outline.

    A task that carries responsibilities is a leaf of the work; a heading whose numbered
    children carry them is their parent.
    """

    id: str  # unique in the corpus: "<document id>#<number>"
    number: str  # enumerators as written, outermost first, e.g. "二、(五)1."
    text: str  # own wording: no enumerator, no annotation
    span: Span  # [start, end) of the whole item in the document text
    parent: str | None = None
    title: str | None = None
    responsibilities: list[Responsibility] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # ids of `Place`
    lead_officials: list[str] = field(default_factory=list)  # 牵头领导: persons, not units
    annotation_span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "number": self.number,
            "parent": self.parent,
            "title": self.title,
            "text": self.text,
            "span": list(self.span),
            "responsibilities": [r.to_dict() for r in self.responsibilities],
            "places": list(self.places),
        }
        if self.lead_officials:
            d["lead_officials"] = list(self.lead_officials)
        if self.annotation_span is not None:
            d["annotation_span"] = list(self.annotation_span)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Task:
        return cls(
            id=d["id"],
            number=d["number"],
            text=d["text"],
            span=_span(d.get("span")) or (0, 0),
            parent=d.get("parent"),
            title=d.get("title"),
            responsibilities=[Responsibility.from_dict(r) for r in d.get("responsibilities", [])],
            places=list(d.get("places", [])),
            lead_officials=list(d.get("lead_officials", [])),
            annotation_span=_span(d.get("annotation_span")),
        )


@dataclass
class Unit:
    """One real unit (agency, office, company), or a group placeholder when `collective`.

    The id is derived from side and canonical name, so the same unit gets the same id in
    every document, and same-named units of different sides get different ids.
    """

    id: str
    name: str  # canonical full name, e.g. 上海市发展改革委
    side: str | None
    aliases: list[str] = field(default_factory=list)
    collective: bool = False
    district: str | None = None  # id of the `Place` the unit belongs to, e.g. 浦东新区
    correction: str | None = None  # FILE:LINE of the correction(s) that made, merged or renamed it

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "side": self.side,
            "aliases": list(self.aliases),
            "collective": self.collective,
        }
        if self.district is not None:
            d["district"] = self.district
        if self.correction is not None:
            d["correction"] = self.correction
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Unit:
        return cls(
            id=d["id"],
            name=d["name"],
            side=d.get("side"),
            aliases=list(d.get("aliases", [])),
            collective=bool(d.get("collective", False)),
            district=d.get("district"),
            correction=d.get("correction"),
        )


@dataclass
class Place:
    """A district (…区, …县, county-level …市, 新区) or a park/zone (…园区, 高新区, 自贸区, …)."""

    id: str
    kind: PlaceKind
    name: str
    side: str | None = None
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # where the text names it
    parent: str | None = None  # id of the district a park lies in, where known

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "side": self.side,
            "aliases": list(self.aliases),
            "spans": [list(s) for s in self.spans],
        }
        if self.parent is not None:
            d["parent"] = self.parent
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            id=d["id"],
            kind=d["kind"],
            name=d["name"],
            side=d.get("side"),
            aliases=list(d.get("aliases", [])),
            spans=[_span(s) or (0, 0) for s in d.get("spans", [])],
            parent=d.get("parent"),
        )


@dataclass
class Pairing:
    """A pairing the text states outright: twinned parks, paired (结对) districts or units."""

    kind: PairingKind
    a: str  # id of a Place or Unit
    b: str
    task: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "a": self.a, "b": self.b, "task": self.task}
        if self.span is not None:
            d["span"] = list(self.span)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Pairing:
        return cls(kind=d["kind"], a=d["a"], b=d["b"], task=d.get("task"), span=_span(d.get("span")))


@dataclass
class ExtractionWarning:
    """Something the extraction could not do cleanly, with where it happened."""

    message: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "span": list(self.span) if self.span else None}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ExtractionWarning:
        return cls(message=d["message"], span=_span(d.get("span")))


@dataclass
class Extraction:
    """Everything extracted from one document."""

    document: DocumentInfo
    tasks: list[Task] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    pairings: list[Pairing] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": self.document.to_dict(),
            "tasks": [t.to_dict() for t in self.tasks],
            "units": [u.to_dict() for u in self.units],
            "places": [p.to_dict() for p in self.places],
            "pairings": [p.to_dict() for p in self.pairings],
            "warnings": [w.to_dict() for w in self.warnings],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Extraction:
        if d.get("schema") != SCHEMA:
            from graphmodel.errors import InputError

            raise InputError(f"not a {SCHEMA} extraction (schema is {d.get('schema')!r})")
        return cls(
            document=DocumentInfo.from_dict(d["document"]),
            tasks=[Task.from_dict(t) for t in d.get("tasks", [])],
            units=[Unit.from_dict(u) for u in d.get("units", [])],
            places=[Place.from_dict(p) for p in d.get("places", [])],
            pairings=[Pairing.from_dict(p) for p in d.get("pairings", [])],
            warnings=[ExtractionWarning.from_dict(w) for w in d.get("warnings", [])],
        )

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id; KeyError when there is none."""
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

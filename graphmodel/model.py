"""The extraction model: what one work plan says about who is responsible for what.

These are plain, typed records. `Extraction.to_dict` gives the JSON of the contract
``graphmodel.extraction/1`` (see ``DEVELOPERS.md``); `Extraction.from_dict` reads it back, so a
saved extraction can be built into a graph without parsing the document again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from graphmodel.errors import InputError
from graphmodel.records import Record, json_field, omit_empty, omit_none

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


@dataclass(frozen=True)
class Side(Record):
    """A region whose units share the work, e.g. 上海市 (short 沪 or 上海)."""

    name: str
    short: str | None = json_field(omit="empty", default=None)


@dataclass
class DocumentInfo(Record):
    """A document's identity and front matter."""

    json_order = ("id", "title", "date", "issuers", "sides", "source", "sha256")

    id: str
    title: str | None
    sides: list[Side]
    source: str | None = omit_none()
    date: str | None = None  # YYYY-MM-DD
    issuers: list[str] = field(default_factory=list)
    sha256: str | None = omit_none()  # of the text as read; changes with every revision


@dataclass
class Responsibility(Record):
    """One unit (or group placeholder) named in a task's responsibility annotation."""

    mention: str  # as written, notes such as (按职责分工负责,下同) removed
    unit: str  # id of a `Unit`
    side: str | None  # name of a document side
    role: Role = "responsible"
    collective: bool = False  # a placeholder for a group, e.g. 各有关单位
    span: Span | None = omit_none()  # of the mention in the document text
    correction: str | None = omit_none()  # FILE:LINE of the correction(s) that made or changed it


@dataclass
class Task(Record):
    """A numbered item of the plan's outline.

    A task that carries responsibilities is a leaf of the work; a heading whose numbered
    children carry them is their parent.
    """

    json_order = ("id", "number", "parent", "title", "text", "span", "responsibilities", "places",
                  "lead_officials", "annotation_span")

    id: str  # unique in the corpus: "<document id>#<number>"
    number: str  # enumerators as written, outermost first, e.g. "二、(五)1."
    text: str  # own wording: no enumerator, no annotation
    span: Span  # [start, end) of the whole item in the document text
    parent: str | None = None
    title: str | None = None
    responsibilities: list[Responsibility] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # ids of `Place`
    lead_officials: list[str] = omit_empty()  # 牵头领导: persons, not units
    annotation_span: Span | None = omit_none()


@dataclass
class Unit(Record):
    """One real unit (agency, office, company), or a group placeholder when `collective`.

    The id is derived from side and canonical name, so the same unit gets the same id in
    every document, and same-named units of different sides get different ids.
    """

    id: str
    name: str  # canonical full name, e.g. 上海市发展改革委
    side: str | None
    aliases: list[str] = field(default_factory=list)
    collective: bool = False
    district: str | None = omit_none()  # id of the `Place` the unit belongs to, e.g. 浦东新区
    correction: str | None = omit_none()  # FILE:LINE of the correction(s) that made, merged or renamed it


@dataclass
class Place(Record):
    """A district (…区, …县, county-level …市, 新区) or a park/zone (…园区, 高新区, 自贸区, …)."""

    id: str
    kind: PlaceKind
    name: str
    side: str | None = None
    aliases: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # where the text names it
    parent: str | None = omit_none()  # id of the district a park lies in, where known


@dataclass
class Pairing(Record):
    """A pairing the text states outright: twinned parks, paired (结对) districts or units."""

    kind: PairingKind
    a: str  # id of a Place or Unit
    b: str
    task: str | None = None
    span: Span | None = omit_none()


@dataclass
class ExtractionWarning(Record):
    """Something the extraction could not do cleanly, with where it happened."""

    message: str
    span: Span | None = None


@dataclass
class Extraction(Record):
    """Everything extracted from one document."""

    document: DocumentInfo
    tasks: list[Task] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    pairings: list[Pairing] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON of the contract, ``schema`` first."""
        return {"schema": SCHEMA, **super().to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Extraction:
        """The extraction `to_dict` gave ``d``.

        Raises
        ------
        InputError
            When ``d`` is not of the schema `SCHEMA`.
        """
        if d.get("schema") != SCHEMA:
            raise InputError(f"not a {SCHEMA} extraction (schema is {d.get('schema')!r})")
        return super().from_dict(d)

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id; KeyError when there is none."""
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

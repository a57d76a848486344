"""The corrections file: what a person decided about a plan's reading, as data.

``graphmodel.corrections.tsv`` is UTF-8 and tab-separated; lines starting with ``#`` and blank
lines are ignored; the first other line is the header ``action document task unit role value``.
Empty trailing cells may be left out, and ``-`` or an empty cell means "not used".

========== ======== ====== ====== ====== ===================================================
action     document task   unit   role   value
========== ======== ====== ====== ====== ===================================================
add        DOC      TASK   UNIT   ROLE   [SIDE]: UNIT is responsible for TASK with ROLE
remove     DOC      TASK   UNIT          UNIT (mention or canonical name) is not responsible
role       DOC      TASK   UNIT   ROLE   UNIT's role in TASK is ROLE
alias      [DOC]    -      UNIT   -      OTHER: another name of UNIT (in DOC, else everywhere)
split      DOC      TASK   UNIT   -      NAMES (separated by 、): UNIT as read is these units
placeholder [DOC]   -      NAME          NAME is a group placeholder (各有关单位), not a unit
sides      DOC      -      -      -      SIDES (separated by 、): the plan's sides, in order
========== ======== ====== ====== ====== ===================================================

DOC is a document id (``doc:<title>@<digest>``) or its exact title; TASK a task number in the
normal form of task ids (``identity.task_number``, applied here too). Parsing is pure: the text
comes in, `Corrections` come out; `loaders.corrections` reads the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, cast

from graphmodel.errors import InputError
from graphmodel.identity import task_number
from graphmodel.model import Role

__all__ = [
    "ACTIONS",
    "COLUMNS",
    "FILE_NAME",
    "HEADER",
    "ROLES",
    "Action",
    "Correction",
    "Corrections",
    "CorrectionsError",
    "parse_corrections",
    "format_corrections",
    "unmatched_names",
]

FILE_NAME = "graphmodel.corrections.tsv"
COLUMNS = ("action", "document", "task", "unit", "role", "value")
HEADER = "\t".join(COLUMNS)
ROLES: tuple[Role, ...] = ("lead", "responsible", "support")
Action = Literal["add", "remove", "role", "alias", "split", "placeholder", "sides"]
LIST_SEPARATOR = "、"


class CorrectionsError(InputError):
    """A corrections file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class _Rule:
    document: bool  # the document cell is required (else optional: empty means every document)
    task: bool  # the task cell is required (else it must be empty)
    unit: bool
    role: bool
    value: bool
    role_unused: bool = True  # the role cell must be empty


# What each action needs; a cell that is neither required nor allowed must be empty or '-'.
ACTIONS: dict[str, _Rule] = {
    "add": _Rule(document=True, task=True, unit=True, role=True, value=False, role_unused=False),
    "remove": _Rule(document=True, task=True, unit=True, role=False, value=False),
    "role": _Rule(document=True, task=True, unit=True, role=True, value=False, role_unused=False),
    "alias": _Rule(document=False, task=False, unit=True, role=False, value=True),
    "split": _Rule(document=True, task=True, unit=True, role=False, value=True),
    "placeholder": _Rule(document=False, task=False, unit=True, role=False, value=False),
    "sides": _Rule(document=True, task=False, unit=False, role=False, value=True),
}


@dataclass(frozen=True)
class Correction:
    """One line of a corrections file. Unused cells are None."""

    action: Action
    document: str | None
    task: str | None  # in the normal form of task ids
    unit: str | None
    role: Role | None
    value: str | None
    source: str  # the file, as named
    line: int

    @property
    def where(self) -> str:
        """``FILE:LINE``: the provenance a corrected fact carries."""
        return f"{self.source}:{self.line}"

    @property
    def names(self) -> list[str]:
        """The value as a list (split's names, sides' sides)."""
        return [n.strip() for n in (self.value or "").split(LIST_SEPARATOR) if n.strip()]

    def row(self) -> list[str]:
        """The line's cells as written back (``-`` for unused ones, trailing ones left out)."""
        cells = [self.action, self.document or "", self.task or "-", self.unit or "-", self.role or "-",
                 self.value or ""]
        while cells and cells[-1] in ("", "-"):
            cells.pop()
        return cells


@dataclass(frozen=True)
class Corrections:
    """The corrections of one or more files, in file and line order.

    ``texts`` keeps each file's name and text, so `digest` changes with any edit (and with the
    name, which corrected facts carry).
    """

    items: tuple[Correction, ...] = ()
    texts: tuple[tuple[str, str], ...] = ()
    named: bool = True  # given by the user (else found beside the plans): see `unmatched_documents`

    def __iter__(self) -> Iterator[Correction]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __add__(self, other: Corrections) -> Corrections:
        return Corrections(self.items + other.items, self.texts + other.texts, self.named or other.named)

    def digest(self) -> str:
        """A SHA-256 of the files' names and texts: part of the graph cache's key."""
        h = hashlib.sha256(b"graphmodel.corrections/1")
        for source, text in self.texts:
            h.update(b"\0" + source.encode("utf-8") + b"\0" + text.encode("utf-8"))
        return h.hexdigest()

    @cached_property
    def _by_document(self) -> dict[str | None, list[int]]:
        # Positions by document cell: a corpus of many plans looks each one's up, not all lines.
        index: dict[str | None, list[int]] = {}
        for i, c in enumerate(self.items):
            index.setdefault(c.document, []).append(i)
        return index

    def for_document(self, document_id: str, title: str | None) -> list[Correction]:
        """The corrections that name this document (by id or exact title) or every document,
        in file order."""
        index = self._by_document
        keys = [None, document_id] + ([title] if title is not None and title != document_id else [])
        return [self.items[i] for i in sorted(i for k in keys for i in index.get(k, []))]

    def unmatched_documents(self, documents: Iterable[tuple[str, str | None]]) -> list[Correction]:
        """Corrections naming a document none of ``documents`` (id, title) is.

        When the corrections were found beside the plans rather than named, a correction whose
        document is simply not among those read (another plan of the folder) is not listed; one
        whose title matches a document read under another id (the plan changed) always is.
        """
        docs = list(documents)
        ids = {d for d, _ in docs}
        titles = {t for _, t in docs if t is not None}
        out = []
        for c in self.items:
            if c.document is None or c.document in ids or c.document in titles:
                continue
            title = _title_of(c.document)
            if self.named or title in titles:
                out.append(c)
        return out


def unmatched_names(corrections: Iterable[Correction], names: Iterable[str]) -> list[Correction]:
    """The corrections for every plan (``alias``, ``placeholder`` without a document) whose unit
    is none of ``names`` (the corpus's unit and group names and aliases, after the corrections):
    they changed nothing anywhere. Names compare normalised (half-width, no spaces)."""
    from graphmodel.extract.text import normalize  # here: parsing a file needs no extractor

    def key(name: str) -> str:
        return "".join(normalize(name).split())

    known = {key(n) for n in names}
    return [c for c in corrections if c.document is None and c.unit is not None and key(c.unit) not in known]


def _title_of(document: str) -> str | None:
    if document.startswith("doc:") and "@" in document:
        return document[4:].rsplit("@", 1)[0]
    return None


def _cell(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


def parse_corrections(text: str, source: str = "corrections") -> Corrections:
    """Parse a corrections file's text.

    Parameters
    ----------
    text : str
        The file's text.
    source : str
        The file's name: in error messages and in each correction's provenance.

    Raises
    ------
    CorrectionsError
        No header, a wrong header, an unknown action or role, too many cells, a missing cell
        the action needs or a cell it does not use: one line naming ``source:LINE``.
    """
    items: list[Correction] = []
    header_seen = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{source}:{number}"
        if not header_seen:
            names = [c.strip().lower() for c in cells]
            while names and names[-1] == "":
                names.pop()
            if tuple(names) != COLUMNS:
                raise CorrectionsError(f"{where}: the first line must be the header "
                                       f"{' '.join(COLUMNS)} (tab-separated), not {line.strip()[:60]!r}")
            header_seen = True
            continue
        items.append(_parse_line(cells, source, number, where))
    if not header_seen:
        raise CorrectionsError(f"{source}: no header line ({' '.join(COLUMNS)}, tab-separated)")
    return Corrections(tuple(items), ((source, text),))


def _parse_line(cells: list[str], source: str, number: int, where: str) -> Correction:
    if len(cells) > len(COLUMNS):
        raise CorrectionsError(f"{where}: {len(cells)} cells; a line has at most {len(COLUMNS)} "
                               f"({', '.join(COLUMNS)}), separated by tabs")
    cells = cells + [""] * (len(COLUMNS) - len(cells))
    action = cells[0].strip().lower()
    rule = ACTIONS.get(action)
    if rule is None:
        raise CorrectionsError(f"{where}: unknown action {cells[0].strip()!r}; one of {', '.join(ACTIONS)}")
    document, task, unit, role, value = (_cell(c) for c in cells[1:])
    for name, cell, required, allowed in (
        ("document", document, rule.document, True),
        ("task", task, rule.task, rule.task),
        ("unit", unit, rule.unit, rule.unit),
        ("role", role, rule.role, not rule.role_unused),
        ("value", value, rule.value, rule.value or action == "add"),
    ):
        if required and cell is None:
            raise CorrectionsError(f"{where}: {action} needs a {name}")
        if not allowed and cell is not None:
            raise CorrectionsError(f"{where}: {action} takes no {name} (found {cell!r}; write - or leave it empty)")
    if role is not None and role not in ROLES:
        raise CorrectionsError(f"{where}: unknown role {role!r}; one of {', '.join(ROLES)}")
    if action in ("split", "sides") and not [n for n in (value or "").split(LIST_SEPARATOR) if n.strip()]:
        raise CorrectionsError(f"{where}: {action} needs names separated by {LIST_SEPARATOR}")
    return Correction(action=cast(Action, action), document=document,  # one of ACTIONS, checked above
                      task=task_number(task) if task is not None else None, unit=unit,
                      role=role, value=value, source=source, line=number)


def format_corrections(rows: Iterable[Iterable[str]], comments: Iterable[str] = ()) -> str:
    """A corrections file's text: comment lines, the header, then one line per row of cells
    (``[action, document, task, unit, role, value]``, trailing ones optional).

    Raises
    ------
    ValueError
        A cell holds a tab or a line break, which the format cannot carry.
    """
    out = [f"# {c}" for c in comments]
    out.append(HEADER)
    for row in rows:
        cells = list(row)
        for cell in cells:
            if "\t" in cell or "\n" in cell or "\r" in cell:
                raise ValueError(f"a corrections cell cannot hold a tab or a line break: {cell!r}")
        out.append("\t".join(cells))
    return "\n".join(out) + "\n"

"""Applying corrections to one document's extraction.

`apply_corrections` returns a corrected copy; the extraction given is left as it is (the
extraction cache keeps what the extractor read). The corrections that name the document (by id
or title) or every document are applied in phases, so that one line's effect does not depend on
where it stands: ``sides``, then ``placeholder``, ``alias``, ``split``, then ``remove``, ``role``
and ``add`` in file order. A unit named in a correction is made canonical on its side exactly as
a mention in the text is (`graphmodel.extract.canonical`), so a correction's unit and the
extractor's meet on one id.

Each fact a correction makes or changes carries ``FILE:LINE`` in its ``correction`` field
(`Responsibility.correction`, `Unit.correction`; several joined by ``; ``). A correction that
cannot be applied here (its task, unit or side is not in this document) adds a warning to the
extraction naming ``FILE:LINE`` and changes nothing else: it is never applied to another task.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from graphmodel.corrections.parse import Correction, Corrections
from graphmodel.extract.canonical import AliasTable, builtin_aliases, canonical_unit, group_id, unit_id
from graphmodel.extract.grammar import Grammar, default_grammar
from graphmodel.extract.regions import PROVINCE_ABBREVIATIONS, gazetteer, short_name
from graphmodel.extract.text import normalize
from graphmodel.identity import task_number
from graphmodel.model import Extraction, ExtractionWarning, Responsibility, Role, Side, Task, Unit

__all__ = ["apply_corrections", "PHASES"]

PHASES: tuple[tuple[str, ...], ...] = (("sides",), ("placeholder",), ("alias",), ("split",),
                                       ("remove", "role", "add"))
_RANK = {"lead": 0, "responsible": 1, "support": 2}


def apply_corrections(extraction: Extraction, corrections: Corrections | Iterable[Correction],
                      aliases: AliasTable | None = None, grammar: Grammar | None = None) -> Extraction:
    """A copy of ``extraction`` with the corrections that name its document applied.

    Parameters
    ----------
    extraction : Extraction
        One document's extraction; not changed.
    corrections : Corrections or iterable of Correction
        Every correction at hand: those for other documents are left out here.
    aliases : AliasTable, optional
        The user's alias table the extraction was made with (merged over the built-in one).
    grammar : Grammar, optional
        The grammar the extraction was made with (it says which names are placeholders).

    Returns
    -------
    Extraction
        The corrected copy, with a warning for each correction that could not be applied.
    """
    doc = extraction.document
    if isinstance(corrections, Corrections):
        mine = corrections.for_document(doc.id, doc.title)
    else:
        mine = [c for c in corrections if c.document is None or c.document in (doc.id, doc.title)]
    if not mine:
        return extraction
    fixer = _Fixer(copy.deepcopy(extraction), aliases, grammar or default_grammar())
    for phase in PHASES:
        for c in mine:
            if c.action in phase:
                getattr(fixer, f"_{c.action}")(c)
    return fixer.finish()


def _key(name: str) -> str:
    """A name as compared: normalised (half-width), without spaces."""
    return "".join(normalize(name).split())


def _mark(thing: Responsibility | Unit, where: str) -> None:
    if thing.correction is None:
        thing.correction = where
    elif where not in thing.correction.split("; "):
        thing.correction = f"{thing.correction}; {where}"


class _Fixer:
    """One document's extraction being corrected."""

    def __init__(self, ex: Extraction, aliases: AliasTable | None, grammar: Grammar) -> None:
        self.ex = ex
        self.aliases = builtin_aliases().merged(aliases) if aliases else builtin_aliases()
        self.grammar = grammar
        self.units = {u.id: u for u in ex.units}
        self.tasks: dict[str, Task] = {}
        for t in ex.tasks:
            self.tasks.setdefault(task_number(t.id.rsplit("#", 1)[-1]), t)
            self.tasks.setdefault(task_number(t.number), t)
        # Units the extractor listed but named in no fact stay; any other unit no fact names goes.
        self.idle_before = set(self.units) - self._used()
        self.warnings: list[tuple[int, str, ExtractionWarning]] = []  # (line, file, warning): reported in file order

    # -- helpers ---------------------------------------------------------------------------------
    def _warn(self, c: Correction, message: str, applied: bool = False) -> None:
        tail = "" if applied else "; the correction is not applied"
        self.warnings.append((c.line, c.source, ExtractionWarning(f"{c.where}: {message}{tail}")))

    @property
    def side_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.ex.document.sides)

    def _task(self, c: Correction) -> Task | None:
        task = self.tasks.get(c.task or "")
        if task is None:
            self._warn(c, f"the plan has no task {c.task} (was it renumbered or removed?)")
        return task

    def _names_of(self, uid: str) -> set[str]:
        unit = self.units.get(uid)
        if unit is None:
            return {uid}
        return {uid, _key(unit.name), *(_key(a) for a in unit.aliases)}

    def _matches(self, r: Responsibility, name: str) -> bool:
        key = _key(name)
        if key in (_key(r.mention), r.unit) or key in self._names_of(r.unit):
            return True
        if self.grammar.is_placeholder(key):
            return False
        return self._canonical(key, r.side)[0] in self._names_of(r.unit)

    def _canonical(self, key: str, side: str | None) -> tuple[str, str]:
        """Canonical and full name of ``key`` on ``side``. A bare department (教育局) is the
        side's own, as after a short name in a list."""
        level = side[-1] if side and side[-1] in "省市区县" else None
        canonical, full, _ = canonical_unit(key, side, self.side_names, level, self.aliases)
        return canonical, full

    def _find(self, task: Task, c: Correction) -> Responsibility | None:
        found = next((r for r in task.responsibilities if self._matches(r, c.unit or "")), None)
        if found is None:
            self._warn(c, f"{c.unit} is not responsible for task {c.task}")
        return found

    def _side_cell(self, c: Correction, value: str | None, name: str) -> tuple[bool, str | None]:
        """The side a correction's cell names, else the side the name says; (False, _) when the
        cell names no side of the plan."""
        names = self.side_names
        if value:
            key = _key(value)
            for s in self.ex.document.sides:
                if key in (s.name, s.short):
                    return True, s.name
            g = gazetteer()
            found = g.label_side(key, names, self.grammar.side_suffixes)
            if found is None:
                self._warn(c, f"{value} is none of the plan's sides ({'、'.join(names) or 'none'})")
                return False, None
            return True, found
        return True, self._infer_side(name)

    def _infer_side(self, name: str) -> str | None:
        names = self.side_names
        if len(names) <= 1:
            return names[0] if names else None
        g = gazetteer()
        key = _key(name)
        return g.side_of(g.named_region(key), names) or g.side_of_level(key, names)

    def _unit(self, name: str, side: str | None, where: str) -> Unit:
        """The unit (or group) ``name`` denotes on ``side``, added to the extraction if new."""
        key = _key(name)
        if self.grammar.is_placeholder(key):
            return self._group(key, side, where)
        canonical, full = self._canonical(key, side)
        uid = unit_id(side, canonical)
        unit = self.units.get(uid)
        if unit is None:
            unit = self.units[uid] = Unit(uid, canonical, side)
            self.ex.units.append(unit)
            _mark(unit, where)
        for alias in (full, key):
            if alias != unit.name and alias not in unit.aliases:
                unit.aliases.append(alias)
        return unit

    def _group(self, name: str, side: str | None, where: str) -> Unit:
        """The group placeholder ``name`` on ``side``, added to the extraction if new."""
        uid = group_id(side, name)
        group = self.units.get(uid)
        if group is None:
            group = self.units[uid] = Unit(uid, name, side, collective=True)
            self.ex.units.append(group)
            _mark(group, where)
        return group

    def _repoint(self, old: str, new: str, where: str) -> None:
        """Every responsibility and pairing of unit ``old`` moved to ``new``; a task naming both
        keeps one responsibility, with the stronger role."""
        for task in self.ex.tasks:
            for r in task.responsibilities:
                if r.unit == old:
                    r.unit = new
                    r.collective = new.startswith("group:")
                    _mark(r, where)
            self._dedupe(task, where)
        for p in self.ex.pairings:
            p.a = new if p.a == old else p.a
            p.b = new if p.b == old else p.b

    def _used(self) -> set[str]:
        used = {r.unit for t in self.ex.tasks for r in t.responsibilities}
        return used | {x for p in self.ex.pairings for x in (p.a, p.b)}

    def finish(self) -> Extraction:
        """The extraction, without the units corrections left unnamed."""
        keep = self._used() | self.idle_before
        self.ex.units = [u for u in self.units.values() if u.id in keep]
        self.ex.warnings += [w for *_, w in sorted(self.warnings, key=lambda x: (x[1], x[0]))]
        return self.ex

    # -- actions, one method each ----------------------------------------------------------------
    def _sides(self, c: Correction) -> None:
        g = gazetteer()
        new: list[Side] = []
        for name in c.names:
            full = name if g.kind(name) else (g.full_name(name) or name)
            new.append(Side(full, PROVINCE_ABBREVIATIONS.get(full) or short_name(full)))
        old = list(self.side_names)
        names = [s.name for s in new]
        # A side read wrong is replaced by the side in its place; the others stay.
        moved = {o: n for o, n in zip(old, names, strict=False) if o != n and o not in names}
        self.ex.document.sides = new
        for task in self.ex.tasks:
            for r in list(task.responsibilities):
                side = moved.get(r.side or "", r.side)
                if side is None:  # a unit of no side: the one side, or the side its name says
                    side = self._infer_side(r.mention)
                if side == r.side:
                    continue
                unit = self._unit(r.mention, side, c.where)
                r.side = side
                r.unit, r.collective = unit.id, unit.collective
                _mark(r, c.where)
            self._dedupe(task, c.where)

    def _placeholder(self, c: Correction) -> None:
        key = _key(c.unit or "")
        hit = False
        for task in self.ex.tasks:
            for r in task.responsibilities:
                if r.collective or not (_key(r.mention) == key or key in self._names_of(r.unit)):
                    continue
                group = self._group(key, r.side, c.where)
                r.unit, r.collective = group.id, True
                _mark(r, c.where)
                hit = True
            self._dedupe(task, c.where)
        if not hit and c.document is not None:
            self._warn(c, f"no unit of this plan is read as {c.unit}")

    def _dedupe(self, task: Task, where: str) -> None:
        kept: list[Responsibility] = []
        for r in task.responsibilities:
            same = next((k for k in kept if k.unit == r.unit), None)
            if same is None:
                kept.append(r)
                continue
            if _RANK[r.role] < _RANK[same.role]:  # the stronger role stays
                same.role = r.role
            _mark(same, where)  # it stands for the one merged into it
        task.responsibilities = kept

    def _lookup(self, name: str) -> list[Unit]:
        key = _key(name)
        found = [u for u in self.units.values() if key in self._names_of(u.id)]
        if not found:
            mentioned = {r.unit for t in self.ex.tasks for r in t.responsibilities if _key(r.mention) == key}
            found = [self.units[u] for u in sorted(mentioned) if u in self.units]
        return found

    def _alias(self, c: Correction) -> None:
        primary = self._lookup(c.unit or "")
        others = [u for u in self._lookup(c.value or "") if u not in primary]
        if not primary and not others:
            if c.document is not None:
                self._warn(c, f"neither {c.unit} nor {c.value} is a unit of this plan")
            return
        sides = list(dict.fromkeys(u.side for u in primary + others))
        for side in sides:
            mine = [u for u in primary if u.side == side]
            target = mine[0] if mine else self._unit(c.unit or "", side, c.where)
            for u in [*mine[1:], *(u for u in others if u.side == side)]:
                if u.id == target.id:
                    continue
                for alias in [u.name, *u.aliases]:
                    if alias != target.name and alias not in target.aliases:
                        target.aliases.append(alias)
                self._repoint(u.id, target.id, c.where)
                del self.units[u.id]
                self.ex.units.remove(u)
            for alias in (_key(c.value or ""), _key(c.unit or "")):
                if alias != target.name and alias not in target.aliases:
                    target.aliases.append(alias)
            _mark(target, c.where)

    def _split(self, c: Correction) -> None:
        task = self._task(c)
        found = self._find(task, c) if task is not None else None
        if task is None or found is None:
            return
        at = task.responsibilities.index(found)
        new: list[Responsibility] = []
        for name in c.names:
            side = self._infer_side(name) if len(self.side_names) > 1 else found.side
            unit = self._unit(name, side or found.side, c.where)
            if any(r.unit == unit.id for r in task.responsibilities if r is not found) or any(
                    r.unit == unit.id for r in new):
                continue
            new.append(Responsibility(name, unit.id, unit.side, found.role, unit.collective, found.span, c.where))
        task.responsibilities[at:at + 1] = new

    def _remove(self, c: Correction) -> None:
        task = self._task(c)
        found = self._find(task, c) if task is not None else None
        if task is not None and found is not None:
            task.responsibilities.remove(found)

    def _role(self, c: Correction) -> None:
        task = self._task(c)
        found = self._find(task, c) if task is not None else None
        if found is not None and c.role is not None:
            found.role = c.role
            _mark(found, c.where)

    def _add(self, c: Correction) -> None:
        task = self._task(c)
        if task is None:
            return
        ok, side = self._side_cell(c, c.value, c.unit or "")
        if not ok:
            return
        if side is None and self.side_names:
            side = self.side_names[0]
            self._warn(c, f"cannot tell which side {c.unit} is on; assumed {side} (name the side in the "
                          "value cell)", applied=True)
        unit = self._unit(c.unit or "", side, c.where)
        role: Role = c.role or "responsible"
        same = next((r for r in task.responsibilities if r.unit == unit.id), None)
        if same is not None:
            same.role = role
            _mark(same, c.where)
            return
        task.responsibilities.append(Responsibility(c.unit or "", unit.id, side, role, unit.collective, None,
                                                    c.where))

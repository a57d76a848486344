"""Districts and parks named in task texts and unit names, and the pairings the text states.

Districts come from the gazetteer (…区, …县, county-level …市, 新区). Parks are found by
shape: a region or district name followed by a park word (大连高新园区, 上海化学工业区,
浦东软件园), 中英(大连)…园, a quoted name (“沪连对口合作产业园”), the items of a list that
ends in 等…功能区, and the place in a unit's name (大连自贸片区管委会). Known aliases
(``graphmodel/data/places.tsv``) merge 大连高新区 into 大连高新园区.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from graphmodel.extract.regions import gazetteer, short_name
from graphmodel.extract.text import CJK
from graphmodel.model import Pairing, Place, PlaceKind, Span

__all__ = ["PlaceFinder", "place_id"]

_PARK_WORDS = (
    "经济技术开发区|高新技术产业开发区|高新技术产业园区|综合保税区|特殊综保区|综保区|保税区|自由贸易试验区"
    "|自贸试验区|自贸区|自贸片区|新片区|片区|高新园区|高新区|开发区|经济区|工业区|产业园区|产业园|科技园"
    "|软件园|示范园区|示范园|园区|合作区|商务区|科学城"
)
_STOP = "与和及的在为将把赴到、,。;:等或向从对由以并同"
_MIDDLE = rf"[^{_STOP}\s\"“”()《》<>\[\]a-zA-Z0-9]"
_SINO_FOREIGN = re.compile(rf"中[英日韩德法俄新以瑞奥意荷欧美澳加]\(([{CJK}]{{2,6}})\)[{CJK}]{{2,24}}?(?:园区|园)")
_QUOTED = re.compile(rf"“([{CJK}]{{2,20}}(?:{_PARK_WORDS}))”")
_LIST_ETC = re.compile(rf"((?:[{CJK}]{{2,12}}[、或和]){{1,8}}[{CJK}]{{2,12}})等[{CJK}]{{0,6}}(?:功能区|园区|开发区)")
_UNIT_SUFFIX = re.compile(r"(?:管理委员会|管委会|管委|管理局|管理办公室|政府|区委|党工委)$")
_CONNECT = re.compile(r"^\s*(?:与|和|同|及)\s*$")
_COOPERATE = re.compile(r"合作|共建|结对|对接|共同|联动|携手|协作|对口")


def place_id(kind: str, side: str | None, name: str) -> str:
    return f"{kind}:{side or '-'}/{name}"


@lru_cache(maxsize=1)
def _known_places() -> dict[str, tuple[PlaceKind, str, str]]:
    """name → (kind, side, canonical name) from places.tsv."""
    out: dict[str, tuple[PlaceKind, str, str]] = {}
    text = resources.files("graphmodel").joinpath("data/places.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, side, *names = line.split("\t")
        for n in names:
            out[n] = (kind, side, names[0])  # type: ignore[assignment]
    return out


@dataclass
class _Hit:
    kind: PlaceKind
    name: str  # canonical
    written: str
    side: str | None
    span: Span


@dataclass
class PlaceFinder:
    """Collects places over one document and hands out their ids."""

    sides: list[str]
    places: dict[str, Place] = field(default_factory=dict)

    def _side_of_region(self, region: str | None) -> str | None:
        g = gazetteer()
        seen = 0
        while region and seen < 5:
            if region in self.sides:
                return region
            region = g.parent(region)
            seen += 1
        return None

    def _add(self, hit: _Hit) -> str:
        pid = place_id(hit.kind, hit.side, hit.name)
        place = self.places.get(pid)
        if place is None:
            place = self.places[pid] = Place(pid, hit.kind, hit.name, hit.side)
        if hit.written != hit.name and hit.written not in place.aliases:
            place.aliases.append(hit.written)
        if hit.span not in place.spans:
            place.spans.append(hit.span)
        return pid

    def _resolve(self, written: str, kind: PlaceKind, side: str | None, span: Span) -> _Hit | None:
        known = _known_places().get(written)
        if known:
            k, s, canonical = known
            return _Hit(k, canonical, written, s, span)
        g = gazetteer()
        if g.kind(written) in ("district", "county", "county-city", "new-area"):
            return _Hit("district", written, written, side or self._side_of_region(g.parent(written)), span)
        if kind == "park" and re.fullmatch(f"(?:{_PARK_WORDS})", written):
            return None  # a bare park word (保税区) names no place
        return _Hit(kind, written, written, side, span)

    def _prefixes(self, text: str) -> list[tuple[str, str | None]]:
        """Names that can lead a park's name, with the side they say."""
        out: list[tuple[str, str | None]] = []
        for s in self.sides:
            out += [(s, s), (short_name(s), s)]
        for place in self.places.values():
            if place.kind == "district":
                out += [(place.name, place.side), (short_name(place.name), place.side)]
        return sorted({p for p in out if len(p[0]) >= 2}, key=lambda p: -len(p[0]))

    def scan_text(self, text: str, offset: int) -> list[str]:
        """Places named in a task's text (``text`` starts at ``offset`` in the document)."""
        hits: list[_Hit] = []
        g = gazetteer()
        for name, a, b in g.find_all(text):
            if g.kind(name) in ("district", "county", "county-city", "new-area"):
                h = self._resolve(name, "district", None, (offset + a, offset + b))
                if h:
                    hits.append(h)
        for name, (kind, side, _canonical) in _known_places().items():
            for m in re.finditer(re.escape(name), text):
                h = self._resolve(name, kind, side, (offset + m.start(), offset + m.end()))
                if h:
                    hits.append(h)
        for m in _SINO_FOREIGN.finditer(text):
            side = self._side_of_region(g.prefix(m.group(1)) or g.full_name(m.group(1)))
            h = self._resolve(m.group(), "park", side, (offset + m.start(), offset + m.end()))
            if h:
                hits.append(h)
        for m in _QUOTED.finditer(text):
            h = self._resolve(m.group(1), "park", None, (offset + m.start(1), offset + m.end(1)))
            if h:
                hits.append(h)
        for prefix, side in self._prefixes(text):
            pattern = re.compile(re.escape(prefix) + rf"{_MIDDLE}{{0,10}}?(?:{_PARK_WORDS})")
            for m in pattern.finditer(text):
                h = self._resolve(m.group(), "park", side, (offset + m.start(), offset + m.end()))
                if h:
                    hits.append(h)
        for m in _LIST_ETC.finditer(text):
            start = m.start(1)
            for item in re.finditer(r"[^、或和]+", m.group(1)):
                word = item.group()
                if len(word) > 6 or re.search(f"(?:{_PARK_WORDS})$", word):
                    continue  # a longer item is prose; a park-worded one is found by its shape
                span = (offset + start + item.start(), offset + start + item.end())
                h = self._resolve(word, "park", None, span)
                if h:
                    hits.append(h)
        hits = _longest(hits)
        return sorted({self._add(h) for h in hits})

    def scan_unit(self, name: str, side: str | None, span: Span | None) -> str | None:
        """The district or park a unit's name places it in (浦东新区司法局 → 浦东新区)."""
        g = gazetteer()
        region = g.prefix(name)
        if region and g.kind(region) in ("district", "county", "county-city", "new-area"):
            sp = (span[0], span[0] + len(region)) if span else (0, 0)
            h = self._resolve(region, "district", side, sp)
            return self._add(h) if h else None
        stem = _UNIT_SUFFIX.sub("", name)
        if stem != name and re.search(f"(?:{_PARK_WORDS})$", stem):
            sp = (span[0], span[0] + len(stem)) if span else (0, 0)
            h = self._resolve(stem, "park", side, sp)
            return self._add(h) if h else None
        return None

    def pairings(self, text: str, offset: int, task: str) -> list[Pairing]:
        """Pairings stated in a task's text: 大连高新园区与上海张江高新区…, A和B结对."""
        spans = []
        for p in self.places.values():
            for a, b in p.spans:
                if offset <= a and b <= offset + len(text):
                    spans.append((a, b, p))
        spans.sort(key=lambda x: (x[0], -x[1]))
        out: list[Pairing] = []
        seen: set[tuple[str, str]] = set()
        for i, (a1, b1, p1) in enumerate(spans):
            for a2, _b2, p2 in spans[i + 1 :]:
                if a2 < b1:
                    continue
                between = text[b1 - offset : a2 - offset]
                if "。" in between or ";" in between:
                    break
                if p1.kind != p2.kind or not p1.side or not p2.side or p1.side == p2.side:
                    continue
                sentence = _sentence(text, b1 - offset)
                joined = _CONNECT.match(between) or (
                    re.search(r"(?:与|同)$", between) and _COOPERATE.search(sentence)
                )
                if joined and (p1.id, p2.id) not in seen:
                    seen.add((p1.id, p2.id))
                    out.append(Pairing(p1.kind, p1.id, p2.id, task, (a1, _b2)))
                break
        return out


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind("。", 0, at), text.rfind(";", 0, at)) + 1
    ends = [e for e in (text.find("。", at), text.find(";", at)) if e >= 0]
    return text[start : min(ends) if ends else len(text)]


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Drop hits inside a longer hit of the same kind (上海自贸区 inside 上海自贸区临港新片区)."""
    hits = sorted(hits, key=lambda h: (h.span[0], -(h.span[1] - h.span[0])))
    out: list[_Hit] = []
    for h in hits:
        if any(o.kind == h.kind and o.span[0] <= h.span[0] and h.span[1] <= o.span[1] for o in out):
            continue
        out.append(h)
    return out

"""Districts and parks named in task texts and unit names, and the pairings the text states.

Districts come from the gazetteer (…区, …县, county-level …市, 新区). Parks are found by shape,
anchored on a park word (``graphmodel/data/place_words.tsv``: 高新区, 经开区, 产业园, …) and read
back to where the name starts:

- a region, district or known place, then at most ten characters of name: 大连高新园区,
  浦东软件园, 杭州城西科创产业集聚区, 中关村软件园;
- a pair of regions' initials (the genre's way of naming a cooperation park): 沪滇合作产业园,
  津兰产业合作园, 苏宿工业园区;
- a country pair, with or without its host in brackets: 中英(大连)先进制造产业示范园,
  中新天津生态城; 中国(天津)自由贸易试验区 and its 片区;
- a quoted name (“沪连对口合作产业园”) and the items of a list closed by 等…功能区.

Known places with several names (``graphmodel/data/places.tsv``) merge 大连高新区 into 大连高新园区.
Every scan is linear in the length of the text: dictionaries and anchored patterns, no pattern
tried at every offset.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, cast

from graphmodel.extract.memo import remembered
from graphmodel.extract.regions import DISTRICT_KINDS, PROVINCE_ABBREVIATIONS, gazetteer, short_name
from graphmodel.extract.text import CJK, word_pattern
from graphmodel.model import Pairing, Place, PlaceKind, Span

__all__ = ["PlaceFinder", "may_name_place", "may_place", "place_id"]

_CJK_RE = re.compile(f"[{CJK}]")
_ZONE_SEPARATOR = re.compile("[、或和]")  # (compiled once: re's module functions are a call and a look-up)
_WITH_END = re.compile(r"(?:与|同)$")
_FTZ = re.compile(rf"中国\(([{CJK}]{{2,4}})\)(?:自由贸易试验区|自贸试验区)(?:[{CJK}]{{2,6}}?(?:新片区|片区))?")
_CONNECTORS = set("与和及、同在赴到对把将为由从向,;:。 \n")
# A line break between two Chinese characters, with the spaces around it: ``(?<=[CJK]) *\n[ \n]*(?=[CJK])``
# (`_WRAP_AROUND`), written to open with a space or a line break, each branch its own look-behind:
# the regex engine skips to those characters, where a pattern opening with a look-behind is tried
# at every character.
_WRAP = re.compile(rf"(?: (?<=[{CJK}] ) *\n|\n(?<=[{CJK}]\n))[ \n]*(?=[{CJK}])")
_WRAP_AROUND = re.compile(rf"(?<=[{CJK}]) *\n[ \n]*(?=[{CJK}])")
_AFTER_CITY = set("与和及、,。;:)人政委党")
_GENERIC_AREA = re.compile(
    r"(?:地区|对口区|结对区|城区|市区|郊区|园区|片区|自贸区|自创区|高新区|开发区|保税区|综保区|经济区|示范区|试验区"
    r"|功能区|先导区|合作区|商务区|核心区|中心区|景区|社区|辖区|小区|街区|山区|矿区|牧区|产业区|工业区|集聚区|新区)$"
)
_QUOTED = re.compile(rf"“([{CJK}]{{2,20}})”")
_LIST_END = re.compile(rf"等[{CJK}]{{0,6}}?(?:功能区|园区|开发区)")
_UNIT_SUFFIX = re.compile(r"(?:管理委员会|管委会|管委|管理局|管理办公室|政府|区委|党工委)$")
_CONNECT = re.compile(r"^\s*(?:与|和|同|及)\s*$")
_SHORT_FORMS = (
    ("综合保税区", "综保区"), ("自由贸易试验区", "自贸区"), ("自贸试验区", "自贸区"), ("高新技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"), ("高新园区", "高新区"), ("经济技术开发区", "经开区"),
)
_COOPERATION_PARK = re.compile(rf"[{CJK}]{{2}}对口合作(?:产业园区|产业园)")
_COOPERATE = re.compile(r"合作|共建|结对|对接|共同|联动|携手|协作|对口")
# Compiled once (they were built and looked up in re's cache on every call of a scan).
_FTZ_NAME = re.compile(r"中国\([^()]+\)(?:自由贸易试验区|自贸试验区)(.+)")
_PAIRED_COUNTY = re.compile(rf"(?<=[市县区][与和、及同])([{CJK}]县)(?![{CJK}]{{0,1}}[县区市])")
_AFTER_CITY_DISTRICT = re.compile(rf"[{CJK}]{{2,3}}?(?:新区|区|县)")
_NOT_A_DISTRICT = re.compile("[各区市县镇乡两全本该]")
_ZONE_AREA = re.compile(rf"[{CJK}]{{2,4}}?(?:园区|片区)")
_HOST = re.compile(rf"\(([{CJK}]{{2,6}})\)")
_HOSTED_TAIL = re.compile(rf"[{CJK}]{{0,24}}?(?:产业园区|园区|园|合作区|示范区)")
_MIDDLE_MAX = 10
# Characters that never stand inside a place's name: connectors, prepositions, punctuation.
_STOP_CHARS = set("与和及的在为将把赴到、,。;:等或向从对由以并同")


@dataclass(frozen=True)
class _Words:
    park: tuple[str, ...]
    inner: tuple[str, ...]
    new_area: tuple[str, ...]
    countries: frozenset[str]
    stops: tuple[str, ...]
    common: frozenset[str]
    park_re: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    rows: dict[str, list[str]] = {}
    text = resources.files("graphmodel").joinpath("data/place_words.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, words = line.split("\t", 1)
            rows.setdefault(kind, []).extend(words.split())
    park = tuple(sorted(set(rows["park"]), key=len, reverse=True))
    return _Words(park, tuple(rows["inner"]), tuple(rows["new-area"]), frozenset(rows["country"]),
                  tuple(rows["stop"]), frozenset(rows.get("common", ())),
                  word_pattern(frozenset(park + tuple(rows["new-area"]))))  # longest first, as a trie


@lru_cache(maxsize=1)
def _inner_re() -> re.Pattern[str]:
    """A zone word inside a park (综合保税区 in 无锡高新区综合保税区)."""
    return re.compile("|".join(map(re.escape, _words().inner)))


@lru_cache(maxsize=1)
def _park_word_re() -> re.Pattern[str]:
    """Any park word (the words as the data file writes them)."""
    return re.compile("|".join(_words().park))


@lru_cache(maxsize=1)
def _long_park_word_re() -> re.Pattern[str]:
    """A park word of three characters or more, anywhere (one search instead of a loop over the words)."""
    return re.compile("|".join(re.escape(w) for w in _words().park if len(w) >= 3) or "(?!)")


def place_id(kind: str, side: str | None, name: str) -> str:
    """The id of a district or park.

    Parameters
    ----------
    kind : str
        ``district`` or ``park``.
    side : str or None
        The side it lies in (full name), or None when unknown.
    name : str
        Its key: what its spellings share (see DEVELOPERS.md, "Identifiers").

    Returns
    -------
    str
        ``<kind>:<side>/<key>``, the side ``-`` when unknown.

    Examples
    --------
    >>> place_id("park", "大连市", "高新区"), place_id("district", None, "浦东新区")
    ('park:大连市/高新区', 'district:-/浦东新区')
    """
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
            out[n] = (cast(PlaceKind, kind), side, names[0])  # places.tsv is ours: district or park
    return out


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    return frozenset(_known_places())


@lru_cache(maxsize=1)
def _base_prefixes() -> tuple[dict[str, tuple[str | None, str | None]], tuple[int, ...]]:
    """Names that can lead a park's name, the same for every plan → (the region they name, or for a
    known place none and its side as places.tsv gives it): regions full and short (an everyday word
    such as 合作 excepted), and known places that are no park themselves (中关村, 花园口)."""
    g = gazetteer()
    out: dict[str, tuple[str | None, str | None]] = {}
    common = _words().common
    for r in g.regions:
        for name in (r.name, short_name(r.name)):
            if len(name) >= 2 and name not in out and not (name in common and r.kind in DISTRICT_KINDS):
                out[name] = (r.name, None)
    for name, (_kind, side, _canonical) in _known_places().items():
        if not name.endswith(_words().park):
            out.setdefault(name, (None, side))
    return out, tuple(sorted({len(n) for n in out}, reverse=True))


@lru_cache(maxsize=1)
def _base_prefix_index() -> re.Pattern[str]:
    """`_base_prefixes` as a trie pattern: the longest of them at a place, in one match (the way
    round `_base_prefix_end`)."""
    return word_pattern(set(_base_prefixes()[0]))


@lru_cache(maxsize=1)
def _base_prefix_heads() -> dict[str, tuple[int, ...]]:
    """The lengths of `_base_prefixes` by their first two characters (each has two or more),
    longest first."""
    heads: dict[str, set[int]] = {}
    for name in _base_prefixes()[0]:
        heads.setdefault(name[:2], set()).add(len(name))
    return {head: tuple(sorted(lengths, reverse=True)) for head, lengths in heads.items()}


def _base_prefix_end(text: str, start: int, stop: int) -> int:
    """Where the longest of `_base_prefixes` starting at ``start`` (and ending by ``stop``) ends;
    ``start`` for none: ``_base_prefix_index().match(text, start, stop)``'s end, by the names'
    first two characters and a look-up per length. (The trie pattern's first branch point has
    some 900 branches, which the regex engine tries one by one: about 5 µs a failed match.)"""
    return _prefix_end(text, start, stop, _base_prefix_heads(), _base_prefixes()[0])


def _prefix_end(text: str, start: int, stop: int, heads: dict[str, tuple[int, ...]], names: Container[str]) -> int:
    """`_base_prefix_end` given its tables (`_name_at` is given them once a park word)."""
    lengths = heads.get(text[start : start + 2])
    if lengths is not None:
        stop = min(stop, len(text))  # (as a pattern's end past the text's)
        for n in lengths:
            if start + n <= stop and text[start : start + n] in names:
                return start + n
    return start


@lru_cache(maxsize=1)
def _known_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(n) for n in _known_places()}, reverse=True))


@lru_cache(maxsize=1)
def _region_words() -> tuple[frozenset[str], tuple[int, ...]]:
    """Province and city names, full and short: what a district name must not cut into."""
    g = gazetteer()
    words = {w for r in g.regions if r.kind in ("province", "city") for w in (r.name, short_name(r.name))}
    words = {w for w in words if len(w) >= 2}
    return frozenset(words), tuple(sorted({len(w) for w in words}, reverse=True))


@lru_cache(maxsize=1)
def _initials() -> frozenset[str]:
    """The characters a region may go by in a pair (沪滇, 津兰): abbreviations and first characters
    of provinces and cities."""
    g = gazetteer()
    out = set(PROVINCE_ABBREVIATIONS.values())
    out |= {r.name[0] for r in g.regions if r.kind in ("province", "city")}
    return frozenset(out)


@lru_cache(maxsize=1)
def _sign_words() -> frozenset[str]:
    """Every word a hit of `PlaceFinder._districts`, `_city_districts`, `_known` or `_parks` holds
    (the region names the gazetteer scans for, provinces' and cities' names, known places, park
    words)."""
    words = _words()
    return (gazetteer().scannable | _region_words()[0] | _known_names() | frozenset(words.park)
            | frozenset(words.new_area))


@lru_cache(maxsize=1)
def _signs() -> re.Pattern[str]:
    """`_sign_words` reversed: a trie pattern searched in the reversed text (the words end in far
    fewer characters than they start with, and the regex engine tries a trie's branches one by one
    at every character that may open a match)."""
    return word_pattern(frozenset(w[::-1] for w in _sign_words()))


@lru_cache(maxsize=1)
def _split_at_clauses() -> bool:
    """Whether no word of `_sign_words` holds a clause's or a sentence's end (, ; 。): a text's words
    of those then lie between two of them."""
    return not any(c in w for w in _sign_words() for c in ",;。")


# Whether a clause holds a word of `_signs`, by the clause (a bounded memo, `graphmodel.extract.memo`):
# plans write the same clauses again and again (按季度报送进展情况), and the trie's search of a clause
# costs about 400 instructions a character.
_CLAUSE_SIGNS: dict[str, bool] = {}


def may_name_place(text: str) -> bool:
    """Whether the districts, known places or parks of `PlaceFinder.scan_text` may find something
    in ``text``: it holds a word of `_signs` or a 县 (a paired county, 宜兴市与丰县). Where it holds
    neither, none of those scans finds anything, whatever the plan.

    Parameters
    ----------
    text : str
        A task's text (normalised, its line breaks between Chinese characters removed).

    Returns
    -------
    bool
        False when those scans find nothing in ``text``.

    Examples
    --------
    >>> may_name_place("推进数字经济人才培训,落实年度工作任务清单"), may_name_place("支持浦东新区建设")
    (False, True)
    """
    if "县" in text:
        return True
    if not _split_at_clauses():
        return _holds_sign(text)
    known = _CLAUSE_SIGNS
    # (str methods: a pattern's split tests every character against its class, at a cost near the search's)
    for clause in text.replace(";", ",").replace("。", ",").split(","):
        found = known.get(clause)
        if found is None:
            found = remembered(known, clause, lambda: _signs().search(clause[::-1]) is not None)  # noqa: B023
        if found:
            return True
    return False


def _holds_sign(text: str) -> bool:
    """`may_name_place` by one search of the whole text (the way round its clauses' memo;
    `tests/extract/test_shortcuts.py`)."""
    return "县" in text or _signs().search(text[::-1]) is not None


def _scan(text: str, words: frozenset[str], lengths: tuple[int, ...]) -> list[tuple[str, int, int]]:
    """Longest words of ``words`` in ``text``, left to right: one pass of a trie-shaped pattern."""
    del lengths  # the pattern knows them
    return list(_scan_once(text, words))


@lru_cache(maxsize=4)
def _scan_once(text: str, words: frozenset[str]) -> tuple[tuple[str, int, int], ...]:
    """`_scan`, remembered for the last texts: districts and districts after their city scan one
    text for the same words."""
    return tuple((m.group(), m.start(), m.end()) for m in _pattern(words).finditer(text) if m.group() in words)


@lru_cache(maxsize=8)
def _pattern(words: frozenset[str]) -> re.Pattern[str]:
    return word_pattern(words)


@dataclass
class _Hit:
    kind: PlaceKind
    name: str  # canonical
    written: str
    side: str | None
    span: Span
    region: str | None = None  # the region it lies in, a side of this plan or not (徐州市 for 徐州高新区)


@dataclass
class PlaceFinder:
    """Collects places over one document and hands out their ids."""

    sides: list[str]
    places: dict[str, Place] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)  # place id → the region it lies in
    _found: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)
    _prefix_cache: tuple[int, dict[str, tuple[str | None, str | None]]] | None = None
    _places_seen: int = -1  # len(places) when _prefix_cache was last checked: places are only added
    _lengths_cache: tuple[dict[str, tuple[str | None, str | None]], list[int]] | None = None
    _sides_of: dict[str | None, str | None] = field(default_factory=dict)
    _spans_of: dict[str, set[Span]] = field(default_factory=dict)  # place id → its spans, as in `places`

    def _side_of_region(self, region: str | None) -> str | None:
        if region not in self._sides_of:
            self._sides_of[region] = gazetteer().side_of(region, self.sides)
        return self._sides_of[region]

    # -- ids and merging -------------------------------------------------------------------------
    def _key(self, hit: _Hit) -> str:
        """What two spellings of one place share: no side prefix, short park words."""
        name = hit.name
        if hit.side:
            for prefix in (hit.side, short_name(hit.side)):
                if name.startswith(prefix) and len(name) > len(prefix) + 1:
                    name = name[len(prefix):]
                    break
        m = _FTZ_NAME.fullmatch(name)
        if m:
            name = m.group(1)
        for long, short in _SHORT_FORMS:
            name = name.replace(long, short)
        return name

    def _add(self, hit: _Hit) -> str:
        key = self._key(hit)
        pid = place_id(hit.kind, hit.side, key)
        place = self.places.get(pid)
        if place is None:
            place = self.places[pid] = Place(pid, hit.kind, hit.name, hit.side)
        elif hit.name != place.name and _known_places().get(hit.name) and not _known_places().get(place.name):
            # A name from the table of known places is the canonical one.
            place.aliases.append(place.name)
            place.name = hit.name
        for written in (hit.name, hit.written, self._without_region(hit.name)):
            if written and written != place.name and written not in place.aliases:
                place.aliases.append(written)
        spans = self._spans_of.setdefault(pid, set())  # a set beside the list: a place met n times is n² in a list
        if hit.span not in spans:
            spans.add(hit.span)
            place.spans.append(hit.span)
        where = hit.side or hit.region
        if where and pid not in self.regions:
            self.regions[pid] = where
        return pid

    @staticmethod
    def _without_region(name: str) -> str | None:
        """深圳南山科技园 → 南山科技园: a park's name also goes without its city."""
        words, lengths = _region_words()
        for n in lengths:
            rest = name[n:]
            if name[:n] in words and len(rest) >= 4 and not _park_word_re().fullmatch(rest):
                return rest
        return None

    def _resolve(self, written: str, kind: PlaceKind, side: str | None, span: Span,
                 region: str | None = None) -> _Hit | None:
        known = _known_places().get(written)
        if known:
            k, s, canonical = known
            return _Hit(k, canonical, written, s, span, s)
        g = gazetteer()
        if g.kind(written) in DISTRICT_KINDS:  # the gazetteer says where it lies, whoever names it
            return _Hit("district", written, written, self._side_of_region(written), span, g.parent(written) or region)
        if kind == "park" and written in _words().park:
            return None  # a bare park word (保税区) names no place
        return _Hit(kind, written, written, side, span, region)

    def _hit(self, written: str, kind: PlaceKind, side: str | None, a: int, b: int,
             region: str | None = None) -> list[_Hit]:
        h = self._resolve(written, kind, side, (a, b), region)
        return [h] if h else []

    # -- what leads a park's name ----------------------------------------------------------------
    def _prefix(self, name: str) -> tuple[str | None, str | None] | None:
        """If ``name`` can lead a park's name: (the side it says, the region it names)."""
        overlay = self._overlay()
        if name in overlay:
            return overlay[name]
        base, _ = _base_prefixes()
        if name not in base:
            return None
        region, side = base[name]
        if region is not None:
            side = self._side_of_region(region)
        elif side not in self.sides:
            side = None
        return side, region or base[name][1]

    def _overlay(self) -> dict[str, tuple[str | None, str | None]]:
        """The plan's sides and the districts found so far, which lead park names too."""
        if self._prefix_cache is not None and self._places_seen == len(self.places):
            return self._prefix_cache[1]  # no place added since: the count of districts is the same
        self._places_seen = len(self.places)
        districts = sum(1 for p in self.places.values() if p.kind == "district")
        if self._prefix_cache is None or self._prefix_cache[0] != districts:
            out: dict[str, tuple[str | None, str | None]] = {}
            for s in self.sides:
                out[s] = out[short_name(s)] = (s, s)
            for place in self.places.values():
                if place.kind == "district":
                    out[place.name] = out[short_name(place.name)] = (place.side, place.name)
            self._prefix_cache = (districts, out)
        return self._prefix_cache[1]

    def _overlay_lengths(self) -> list[int]:
        """The lengths of the overlay's names (the plan's sides and districts), longest first."""
        overlay = self._overlay()
        if self._lengths_cache is None or self._lengths_cache[0] is not overlay:
            self._lengths_cache = (overlay, sorted({len(n) for n in overlay}, reverse=True))
        return self._lengths_cache[1]

    # -- scans -----------------------------------------------------------------------------------
    def scan_text(self, text: str, offset: int) -> list[str]:
        """Places named in a task's text (``text`` starts at ``offset`` in the document). A line
        break between two Chinese characters (text copied from a PDF: 无锡\n高新区) is read as
        nothing."""
        if not text or text.isspace():
            return []  # a task's text after its annotation is often a line break: no place to find
        # (The offsets of the joined text's characters are only made when it has a line break and
        # a place: most texts have neither; most line breaks are between a text and its end.)
        joined = _WRAP.sub("", text) if "\n" in text else text  # (`_join_lines` without the offsets)
        # The first four scans each find a word of `_signs` (or a 县): one scan for them all says
        # whether to run them (most of a plan's texts name no place).
        named = (self._districts(joined, 0) + self._city_districts(joined, 0) + self._known(joined, 0)
                 + self._parks(joined, 0)) if may_name_place(joined) else []
        hits = named  # (_hosted and _listed_zones each need a sign most texts lack: asked first)
        if _may_host(joined):
            hits = hits + self._hosted(joined, 0)
        if "等" in joined:
            hits = hits + self._listed_zones(joined, 0)
        if not hits:
            self._found[(offset, offset + len(text))] = []
            return []
        where = _join_lines(text)[1] if joined is not text else None
        for h in hits:
            h.span = ((offset + h.span[0], offset + h.span[1]) if where is None else
                      (offset + where[h.span[0]], offset + where[h.span[1] - 1] + 1))
        kept = _longest(hits)
        ids = [self._add(h) for h in kept]
        self._found[(offset, offset + len(text))] = [(h.span[0], h.span[1], pid) for h, pid in zip(kept, ids,
                                                                                                      strict=True)]
        return sorted(set(ids))

    def _districts(self, text: str, offset: int) -> list[_Hit]:
        g = gazetteer()
        names = [(name, a, b) for name, a, b in g.find_all(text) if g.kind(name) in DISTRICT_KINDS]
        # Where each character is covered by a province's or city's name (上海 in 上海城市); only
        # asked where a district is named (most of a plan's texts name none).
        covered: dict[int, tuple[int, int]] = {}
        if names:
            words, lengths = _region_words()
            for _w, x, y in _scan(text, words, lengths):
                for i in range(x, y):
                    covered[i] = (x, y)
        out = []
        for name, a, b in names:
            crossing = [c for c in {covered.get(a), covered.get(b - 1)} if c is not None]
            if any(x < a < y < b or a < x < b < y for x, y in crossing):
                continue  # 海城市 inside 上海城市: the text names 上海, not 海城市
            if name.endswith("市") and text[b : b + 1] == "场":
                continue  # 义乌市场: a market
            after = text[b : b + 1]
            if name.endswith("城市") and a > 0 and text[a - 1] not in _CONNECTORS and after not in _AFTER_CITY:
                continue  # 沿海城市间 is "between coastal cities"; 支持海城市与昆山市 names 海城市
            out += self._hit(name, "district", None, offset + a, offset + b)
        # A two-character county (丰县) only where a pairing names it: 宜兴市与丰县.
        for m in _PAIRED_COUNTY.finditer(text) if "县" in text else ():  # (its match holds 县)
            if g.kind(m.group(1)) in DISTRICT_KINDS:
                out += self._hit(m.group(1), "district", None, offset + m.start(1), offset + m.end(1))
        return out

    def _city_districts(self, text: str, offset: int) -> list[_Hit]:
        """深圳市福田区, 齐齐哈尔市龙沙区: a name after its city is a district of that city."""
        if "区" not in text and "县" not in text:
            return []  # (what follows the city ends with 新区, 区 or 县)
        g = gazetteer()
        words, lengths = _region_words()
        out = []
        for city, _a, b in _scan(text, words, lengths):
            m = _AFTER_CITY_DISTRICT.match(text[b : b + 5])
            if not m or (g.kind(city) not in ("province", "city") and city not in g.by_short):
                continue
            district = m.group()
            if _NOT_A_DISTRICT.search(district[:-1]) or _GENERIC_AREA.search(district):
                continue
            if not city.endswith("市") and district not in g.by_name:
                continue  # after a short city name (沈阳浑南区) only a known district counts
            full_city = city if city.endswith("市") else (g.full_name(city) or city)
            side = self._side_of_region(full_city)
            out += self._hit(district, "district", side, offset + b, offset + b + len(district))
        return out

    def _known(self, text: str, offset: int) -> list[_Hit]:
        out = []
        for name, a, b in _scan(text, _known_names(), _known_lengths()):
            kind, side, _canonical = _known_places()[name]
            out += self._hit(name, kind, side, offset + a, offset + b)
        return out

    def _parks(self, text: str, offset: int) -> list[_Hit]:
        """A park word, and the name before it: a region or place and up to ten characters, or a
        pair of regions' initials (沪滇合作产业园)."""
        words = _words()
        lengths: list[int] | None = None  # (asked at the first park word: most texts hold none)
        out = []
        for m in words.park_re.finditer(text):
            end = m.end()
            if lengths is None:
                lengths = self._overlay_lengths()
            found = self._name_start(text, m.start(), lengths)
            if found is None:
                continue
            start, side, region = found
            inner = _inner_re().match(text, end)  # at ``end``, without copying the rest of the text
            if inner and m.group() not in words.inner:
                end = inner.end()  # 无锡高新区综合保税区: a zone inside a park is the zone
            sub = _ZONE_AREA.match(text, end)
            if sub and m.group() in words.inner and not _STOP_CHARS & set(sub.group()):
                end = sub.end()  # 沈阳综合保税区桃仙园区: an area of a zone
            kind: PlaceKind = "district" if m.group() in words.new_area else "park"
            if kind == "park" and _ends_with_district(text[start:end]):
                continue  # 长春市绿园区: a district whose name ends like a park's
            out += self._hit(text[start:end], kind, side, offset + start, offset + end, region)
        return out

    def _name_start(self, text: str, word_at: int, lengths: list[int]) -> tuple[int, str | None, str | None] | None:
        """Where the name ending in the park word at ``word_at`` starts, with its side and region:
        the first place, from the left, of the run of Chinese characters before the park word
        (no stop character, at most ``_MIDDLE_MAX`` + 6 long) where a name may start
        (`_name_at`). Each place is judged alone, so the first from the left is the last a walk
        back from the park word finds, without judging the places inside the name (tested
        against that walk in ``tests/extract/test_shortcuts.py``)."""
        floor = max(word_at - _MIDDLE_MAX - 6, 0)
        first = word_at
        while first > floor and text[first - 1] not in _STOP_CHARS and _CJK_RE.match(text[first - 1]):
            first -= 1
        # What _prefix knows, the longest before the park word: the names every plan shares (a trie
        # pattern) and the plan's overlay (a few names: by their lengths).
        known = (_words(), self._overlay(), (_base_prefix_heads(), _base_prefixes()[0]), _initials(),
                 self._side_initials(), lengths)
        for start in range(first, word_at):
            found = self._name_at(text, start, word_at, known)
            if found is not None:
                return found
        return None

    def _name_at(self, text: str, start: int, word_at: int, known: tuple[Any, ...]
                 ) -> tuple[int, str | None, str | None] | None:
        """Whether a name ending in the park word at ``word_at`` may start at ``start`` (a place of
        the run before it, `_name_start`, whose ``known`` it is given): (start, its side, its
        region), or None."""
        words, overlay, (heads, names), initials, side_initials, lengths = known
        middle_from = None
        side = region = None
        longest = _prefix_end(text, start, word_at, heads, names)
        for n in lengths:
            if start + n <= longest:
                break  # no longer than what the shared names give
            if start + n <= word_at and text[start : start + n] in overlay:
                longest = start + n
                break
        if longest > start or "" in overlay:
            lead = self._prefix(text[start:longest])
            if lead is not None:
                middle_from = longest
                side, region = lead
        pair = text[start : start + 2]
        if (middle_from is None and len(pair) == 2 and pair[0] != pair[1] and pair[0] in initials
                and pair[1] in initials and (pair[0] in side_initials or pair[1] in side_initials)
                and not _starts_region(text, start + 1)):
            if pair[0] == "中" and pair[1] not in words.countries:
                return None
            middle_from, side, region = start + 2, None, None  # 沪滇…, 中新… (not 广 + 深圳…)
        if middle_from is None and text[start] == "中" and text[start + 1 : start + 2] in words.countries:
            middle_from = start + 2
            host = _region_at(text, start + 2)  # 中新天津生态城 lies in 天津
            if host:
                side, region = self._side_of_region(host), host
        if middle_from is None:
            return None
        middle = text[middle_from:word_at]
        if len(middle) > _MIDDLE_MAX or _has_stop(text, start, word_at, words.stops):
            return None
        if _long_park_word_re().search(middle):
            return None  # 上海张江高新区两地园区: a name holds one park word, at its end
        market = text[middle_from - 1] == "市" and middle.startswith("场")
        if middle.startswith(("市场", "市内", "市域")) or market:
            return None  # 深圳市场化园区: "market-run parks of Shenzhen"
        return start, side, region

    def _side_initials(self) -> frozenset[str]:
        """The characters the plan's sides, the regions around them and in them go by (沪, 津, 兰)."""
        return _initials_of(tuple(self.sides))

    def _hosted(self, text: str, offset: int) -> list[_Hit]:
        """中英(大连)…园, 深圳(哈尔滨)产业园区, 中国(广东)自由贸易试验区南沙片区, “沪连对口合作产业园”."""
        g = gazetteer()
        words = _words()
        out: list[_Hit] = []
        # Each pattern below needs a sign the text seldom holds: asked first, so a task's text is not
        # run through all four.
        for m in _HOST.finditer(text) if "(" in text else ():
            a = m.start()
            guest = next((text[a - n : a] for n in (4, 3, 2) if a >= n and (
                text[a - n : a] in g.by_short or text[a - n : a] in g.by_name
                or (n == 2 and text[a - 2] == "中" and text[a - 1] in words.countries))), None)
            if guest is None or guest == "中国":
                continue
            tail = _HOSTED_TAIL.match(text, m.end())
            if not tail:
                continue
            host = g.prefix(m.group(1)) or g.full_name(m.group(1))
            start, end = a - len(guest), tail.end()
            out += self._hit(text[start:end], "park", self._side_of_region(host), offset + start, offset + end, host)
        for m in _FTZ.finditer(text) if "中国(" in text else ():
            province = g.full_name(m.group(1)) or m.group(1)
            out += self._hit(m.group(), "park", self._side_of_region(province), offset + m.start(), offset + m.end(),
                             province)
        for m in _COOPERATION_PARK.finditer(text) if "对口合作" in text else ():
            out += self._hit(m.group(), "park", None, offset + m.start(), offset + m.end())
        for m in _QUOTED.finditer(text) if "“" in text else ():
            if m.group(1).endswith(words.park):
                out += self._hit(m.group(1), "park", None, offset + m.start(1), offset + m.end(1))
        return out

    def _listed_zones(self, text: str, offset: int) -> list[_Hit]:
        """长兴岛、花园口等特殊功能区: the items of a list of zones."""
        out: list[_Hit] = []
        for m in _LIST_END.finditer(text) if "等" in text else ():
            begin = m.start()
            while begin > 0 and (_CJK_RE.match(text[begin - 1]) or text[begin - 1] in "、或和"):
                begin -= 1
                if m.start() - begin > 100:
                    break
            items = _ZONE_SEPARATOR.split(text[begin : m.start()])
            if len(items) < 2:
                continue
            at = begin
            for k, word in enumerate(items):
                a = at
                at += len(word) + 1
                if k == 0 or len(word) > 6 or len(word) < 2 or word.endswith(_words().park):
                    continue  # the first item runs back into prose; a park-worded one is found by its shape
                out += self._hit(word, "park", None, offset + a, offset + a + len(word))
        return out

    def scan_unit(self, name: str, side: str | None, span: Span | None) -> str | None:
        """The district or park a unit's name places it in (浦东新区司法局 → 浦东新区,
        广州南沙新区管委会 → 南沙新区, 大连自贸片区管委会 → 大连自贸片区)."""
        if not may_place(name):
            return None  # most units' names (市财政局) name no place: known from the name alone
        g = gazetteer()
        base = span[0] if span else 0
        rest, skipped = name, 0
        city = g.prefix(name)
        if city and g.kind(city) in ("province", "city"):
            rest, skipped = name[len(city):], len(city)
        else:
            for n in (4, 3, 2):
                if name[:n] in g.by_short and g.kind(g.full_name(name[:n]) or "") in ("province", "city"):
                    rest, skipped = name[n:], n
                    break
        region = g.prefix(rest)
        if region and g.kind(region) in DISTRICT_KINDS:
            h = self._resolve(region, "district", side, (base + skipped, base + skipped + len(region)))
            return self._add(h) if h else None
        stem = _UNIT_SUFFIX.sub("", name)
        if stem.endswith(_words().park):  # 大连自贸片区管委会, and a unit named as its park (嘉鱼经济开发区)
            hits = self._parks(stem, base) + self._known(stem, base) + self._hosted(stem, base)
            whole = [h for h in hits if h.span == (base, base + len(stem))]
            if whole:
                return self._add(whole[0])
            lead = next((found for n in (4, 3, 2) if len(stem) > n and (found := self._prefix(stem[:n]))), None)
            side_of, region_of = lead if lead else (side, None)
            h = self._resolve(stem, "park", side_of, (base, base + len(stem)), region_of)
            return self._add(h) if h else None
        return None

    # -- pairings ----------------------------------------------------------------------------------
    def _apart(self, a: str, b: str) -> bool:
        """Whether two places lie in different regions, neither inside the other (where a region is
        unknown, whether neither name holds the other)."""
        ra, rb = self.regions.get(a), self.regions.get(b)
        if not ra or not rb:
            na, nb = self.places[a].name, self.places[b].name
            return na not in nb and nb not in na
        g = gazetteer()
        return ra not in g.all_ancestors(rb) and rb not in g.all_ancestors(ra)

    def pairings(self, text: str, offset: int, task: str) -> list[Pairing]:
        """Pairings stated in a task's text: 大连高新园区与上海张江高新区…, A和B结对 (text scanned by
        `scan_text` at the same offset).

        Each place pairs with the first place after it in its sentence that lies apart from it
        (`_apart`), when the words between join them. Linear in the places of the text: a place
        met again (大连高新区、大连高新区、…) reuses what its last span found, the words
        between two places far apart are never copied, and each sentence is searched once."""
        listed = self._found.get((offset, offset + len(text)))
        if not listed or len(listed) < 2:
            return []  # (a pairing names two places: most texts name none)
        spans = sorted(listed, key=lambda x: (x[0], -x[1]))
        out: list[Pairing] = []
        if len(spans) < 2:
            return out
        seen: set[tuple[str, str]] = set()
        stops = [m.start() for m in _STOP.finditer(text)]  # where the text's sentences end
        starts = [a - offset for a, _, _ in spans]
        # A place id -> (the end of the candidates, where its scan began, the index found or -1),
        # for its last span: a later span of it in the same sentence, past that beginning, finds
        # the same (every place scanned between was not apart from it).
        found: dict[str, tuple[int, int, int]] = {}
        cooperate: dict[int, bool] = {}
        for a1, b1, id1 in spans:
            gap = b1 - offset
            k = bisect_left(stops, gap)
            # The candidates begin at or after this place's end, and before the sentence's end.
            hi = bisect_right(starts, stops[k]) if k < len(stops) else len(spans)
            lo = bisect_left(starts, gap)
            last = found.get(id1)
            if last is not None and last[0] == hi and last[1] <= lo and (last[2] < 0 or last[2] >= lo):
                j = last[2]
            else:
                j = self._first_apart(spans, id1, lo, hi)
                found[id1] = (hi, lo, j)
            if j < 0:
                continue
            a2, b2, id2 = spans[j]
            joined = _connects(text, gap, a2 - offset, self.sides)
            if not joined and _WITH_END.search(text[max(gap, a2 - offset - 2) : a2 - offset]):
                if k not in cooperate:  # the sentence (the k-th) speaks of working together
                    cooperate[k] = bool(_COOPERATE.search(_sentence(text, gap, stops)))
                joined = cooperate[k]
            if joined and (id1, id2) not in seen:
                seen.add((id1, id2))
                p1, p2 = self.places[id1], self.places[id2]
                kind = p1.kind if p1.kind == p2.kind else "park"  # 哈尔滨经开区 与 龙岗区: park and district
                out.append(Pairing(kind, id1, id2, task, (a1, b2)))
        return out

    def _first_apart(self, spans: list[tuple[int, int, str]], pid: str, lo: int, hi: int) -> int:
        """The index of the first of ``spans[lo:hi]`` whose place lies apart from ``pid``'s, or -1."""
        rejected = {pid}
        for j in range(lo, hi):
            other = spans[j][2]
            if other in rejected:
                continue
            if self._apart(pid, other):
                return j
            rejected.add(other)
        return -1


_LONG_GAP = 64  # characters between two places past which `_connects` counts before it copies
_NON_SPACE = re.compile(r"\S")


def _connects(text: str, start: int, end: int, sides: list[str]) -> bool:
    """``_CONNECT.match(_drop_region(text[start:end], sides))``: the words between two places are
    a connector (与, 和), maybe before a region's name. A long stretch is first counted: with more
    than ten characters other than spaces (a connector and a name of nine at most) it cannot be
    one, and copying it for each place before it was n²."""
    if end - start > _LONG_GAP:
        for count, _ in enumerate(_NON_SPACE.finditer(text, start, end), 1):
            if count > 10:
                return False
    return bool(_CONNECT.match(_drop_region(text[start:end], sides)))


_MAY_PLACE: dict[str, bool] = {}  # a bounded memo (`graphmodel.extract.memo`): unit names recur across plans


def may_place(name: str) -> bool:
    """Whether `PlaceFinder.scan_unit` may find a place in a unit's name: its name after a province
    or city starts with a district's, or it ends with a park word once a body's word is cut
    (浦东新区司法局, 大连自贸片区管委会). Where not, it finds none whatever the plan (the steps of
    `scan_unit` that tell read the name and the built-in data only), so a caller with many
    responsibilities of one unit asks once per unit. Remembered by name.

    Parameters
    ----------
    name : str
        A unit's canonical name.

    Returns
    -------
    bool
        False when ``scan_unit`` finds no place in it.

    Examples
    --------
    >>> may_place("上海市财政局"), may_place("上海市浦东新区司法局")
    (False, True)
    """
    found = _MAY_PLACE.get(name)
    return found if found is not None else remembered(_MAY_PLACE, name, lambda: _could_place(name))


def _could_place(name: str) -> bool:
    g = gazetteer()
    rest = name
    city = g.prefix(name)
    if city and g.kind(city) in ("province", "city"):
        rest = name[len(city):]
    else:
        for n in (4, 3, 2):
            if name[:n] in g.by_short and g.kind(g.full_name(name[:n]) or "") in ("province", "city"):
                rest = name[n:]
                break
    region = g.prefix(rest)
    if region and g.kind(region) in DISTRICT_KINDS:
        return True
    return _UNIT_SUFFIX.sub("", name).endswith(_words().park)


@lru_cache(maxsize=64)
def _initials_of(sides: tuple[str, ...]) -> frozenset[str]:
    """`PlaceFinder._side_initials` of these sides, worked out once (a province has many children)."""
    g = gazetteer()
    regions = {r for s in sides for r in g.all_ancestors(s)} | {c for s in sides for c in g.children(s)}
    return frozenset({PROVINCE_ABBREVIATIONS.get(r, "") for r in regions} - {""} | {r[0] for r in regions})


def _ends_with_district(name: str) -> bool:
    g = gazetteer()
    return any(g.kind(name[-n:]) in DISTRICT_KINDS for n in range(3, min(len(name), 9) + 1))


def _join_lines(text: str) -> tuple[str, list[int]]:
    """``text`` without the line breaks (and the spaces around them) that fall between two Chinese
    characters, and for each character kept its offset in ``text``."""
    if "\n" not in text:
        return text, list(range(len(text)))
    keep: list[int] = []
    kept: list[str] = []  # the stretches kept, whole (not a character at a time)
    last = 0
    for m in _WRAP.finditer(text):
        keep += range(last, m.start())
        kept.append(text[last : m.start()])
        last = m.end()
    keep += range(last, len(text))
    kept.append(text[last:])
    return "".join(kept), keep


def _region_at(text: str, at: int) -> str | None:
    """The province or city whose name (full or short) starts at ``at``, by its full name."""
    g = gazetteer()
    words, lengths = _region_words()
    for n in lengths:
        word = text[at : at + n]
        if word in words:
            return word if word in g.by_name else g.full_name(word)
    return None


def _may_host(text: str) -> bool:
    """Whether `PlaceFinder._hosted` may find a park in ``text``: each of its patterns needs ``(``,
    对口合作 or “ (`tests/extract/test_shortcuts.py`); as `_listed_zones` needs 等."""
    return "(" in text or "对口合作" in text or "“" in text


def _starts_region(text: str, at: int) -> bool:
    """Whether a province's or city's name (full or short) starts at ``at``."""
    words, lengths = _region_words()
    return any(text[at : at + n] in words for n in lengths)


@lru_cache(maxsize=4)
def _stops_pattern(stops: tuple[str, ...]) -> re.Pattern[str]:
    return word_pattern(set(stops))


def _has_stop(text: str, start: int, end: int, stops: tuple[str, ...]) -> bool:
    """Whether a stop word (建设, 推广) lies in ``text[start:end]`` or runs into it from before:
    a name never starts inside a word like 推广 (推广长白山…)."""
    if all(stops):  # one trie pattern: a stop word inside, or the longest one starting just before
        pattern = _stops_pattern(stops)
        if pattern.search(text, start, end):
            return True
        return any((m := pattern.match(text, at, end)) is not None and m.end() > start
                   for at in range(max(start - 3, 0), start))
    window = text[max(start - 3, 0) : end]
    offset = max(start - 3, 0)
    for s in stops:
        at = window.find(s)
        while at >= 0:
            if offset + at + len(s) > start:
                return True
            at = window.find(s, at + 1)
    return False


def _drop_region(between: str, sides: list[str]) -> str:
    """与大连市 / 与沈阳 / 与齐齐哈尔市 → 与: a region's name between two places does not separate them."""
    rest = between.rstrip()
    g = gazetteer()
    for n in range(min(len(rest) - 1, 9), 1, -1):
        tail = rest[-n:]
        if tail in g.by_name or tail in g.by_short or tail in sides:
            return rest[:-n]
    return between


_STOP = re.compile("[。;]")


def _sentence(text: str, at: int, stops: list[int]) -> str:
    """The sentence of ``text`` around ``at``, ``stops`` being where its sentences end (`_STOP`):
    looked up rather than searched for, which cost the length of the text at each call."""
    k = bisect_left(stops, at)
    return text[stops[k - 1] + 1 if k else 0 : stops[k] if k < len(stops) else len(text)]


def _longest(hits: list[_Hit]) -> list[_Hit]:
    """Drop hits inside a longer hit (上海自贸区 inside 上海自贸区临港新片区), whatever their kinds."""
    hits = sorted(hits, key=lambda h: (h.span[0], -(h.span[1] - h.span[0])))
    out: list[_Hit] = []
    reach = -1
    for h in hits:
        if h.span[1] <= reach:
            continue
        out.append(h)
        reach = max(reach, h.span[1])
    return out

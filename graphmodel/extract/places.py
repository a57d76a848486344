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

from graphmodel.extract.regions import gazetteer, short_name, side_of_region
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
_FTZ = re.compile(rf"中国\(([{CJK}]{{2,4}})\)(?:自由贸易试验区|自贸试验区)[{CJK}]{{2,6}}?(?:新片区|片区)")
_INNER_ZONES = "综合保税区|综保区|保税区|片区"
_DISTRICT_KINDS = ("district", "county", "county-city", "new-area")
_CONNECTORS = set("与和及、同在赴到对把将为由从向,;:。 \n")
_GENERIC_AREA = re.compile(
    r"(?:地区|对口区|结对区|城区|市区|郊区|园区|片区|自贸区|自创区|高新区|开发区|保税区|综保区|经济区|示范区|试验区"
    r"|功能区|先导区|合作区|商务区|核心区|中心区|景区|社区|辖区|小区|街区|山区|矿区|牧区|产业区|工业区|集聚区|新区)$"
)
_QUOTED = re.compile(rf"“([{CJK}]{{2,20}}(?:{_PARK_WORDS}))”")
_LIST_ETC = re.compile(rf"((?:[{CJK}]{{2,12}}[、或和]){{1,8}}[{CJK}]{{2,12}})等[{CJK}]{{0,6}}(?:功能区|园区|开发区)")
_UNIT_SUFFIX = re.compile(r"(?:管理委员会|管委会|管委|管理局|管理办公室|政府|区委|党工委)$")
_CONNECT = re.compile(r"^\s*(?:与|和|同|及)\s*$")
_SHORT_FORMS = (
    ("综合保税区", "综保区"), ("自由贸易试验区", "自贸区"), ("自贸试验区", "自贸区"), ("高新技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"), ("高新园区", "高新区"), ("经济技术开发区", "经开区"),
)
_COOPERATION_PARK = re.compile(rf"[{CJK}]{{2}}对口合作(?:产业园区|产业园)")
_COOPERATE = re.compile(r"合作|共建|结对|对接|共同|联动|携手|协作|对口")


@lru_cache(maxsize=8)
def _cached_union(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


@lru_cache(maxsize=1)
def _region_words() -> re.Pattern[str]:
    """Province and city names, full and short: what a district name must not cut into."""
    g = gazetteer()
    words = {short_name(r.name) for r in g.regions if r.kind in ("province", "city")}
    words |= {r.name for r in g.regions if r.kind in ("province", "city")}
    return _cached_union(frozenset(w for w in words if len(w) >= 2))


@lru_cache(maxsize=16)
def _shaped_re(prefixes: frozenset[str]) -> re.Pattern[str]:
    union = "|".join(sorted(map(re.escape, prefixes), key=len, reverse=True))
    return re.compile(rf"({union})({_MIDDLE}{{0,10}}?)(?:{_PARK_WORDS})")


@lru_cache(maxsize=1)
def _hosted_re() -> re.Pattern[str]:
    """<guest>(<host>)…园: the guest is a country (中英 = China-UK) or a region by its short name."""
    shorts = sorted((s for s in gazetteer().by_short if len(s) >= 2), key=len, reverse=True)
    guest = "中[英日韩德法俄新以瑞奥意荷欧美澳加]|" + "|".join(map(re.escape, shorts))
    return re.compile(rf"({guest})\(([{CJK}]{{2,6}})\)[{CJK}]{{0,24}}?(?:产业园区|园区|园|合作区)")


@lru_cache(maxsize=1)
def _city_district_re() -> re.Pattern[str]:
    g = gazetteer()
    cities = {r.name for r in g.regions if r.kind == "city" or r.name in ("北京市", "天津市", "上海市", "重庆市")}
    names = cities | {short_name(c) for c in cities if len(short_name(c)) >= 2}
    union = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"({union})([{CJK}]{{2,3}}?(?:新区|区|县))")


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
    region: str | None = None  # the region it lies in, a side of this plan or not (徐州市 for 徐州高新区)


@dataclass
class PlaceFinder:
    """Collects places over one document and hands out their ids."""

    sides: list[str]
    places: dict[str, Place] = field(default_factory=dict)
    regions: dict[str, str] = field(default_factory=dict)  # place id → the region it lies in
    _prefix_cache: tuple[tuple[tuple[str, str | None], ...], dict[str, tuple[str | None, str]]] | None = None

    def _side_of_region(self, region: str | None) -> str | None:
        return side_of_region(region, self.sides)

    def _key(self, hit: _Hit) -> str:
        """What two spellings of one place share: no side prefix, short park words."""
        name = hit.name
        if hit.side:
            for prefix in (hit.side, short_name(hit.side)):
                if name.startswith(prefix) and len(name) > len(prefix) + 1:
                    name = name[len(prefix):]
                    break
        m = re.fullmatch(r"中国\([^()]+\)(?:自由贸易试验区|自贸试验区)(.+)", name)
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
        for written in (hit.name, hit.written):
            if written != place.name and written not in place.aliases:
                place.aliases.append(written)
        if hit.span not in place.spans:
            place.spans.append(hit.span)
        where = hit.side or hit.region
        if where and pid not in self.regions:
            self.regions[pid] = where
        return pid

    def _resolve(
        self, written: str, kind: PlaceKind, side: str | None, span: Span, region: str | None = None
    ) -> _Hit | None:
        known = _known_places().get(written)
        if known:
            k, s, canonical = known
            return _Hit(k, canonical, written, s, span, s)
        g = gazetteer()
        if g.kind(written) in _DISTRICT_KINDS:
            return _Hit("district", written, written, self._side_of_region(written) or side, span,
                        g.parent(written) or region)
        if kind == "park" and re.fullmatch(f"(?:{_PARK_WORDS})", written):
            return None  # a bare park word (保税区) names no place
        return _Hit(kind, written, written, side, span, region)

    def _prefixes(self) -> dict[str, tuple[str | None, str]]:
        """Names that can lead a park's name → (the side they say, or None; the region they name)."""
        districts = tuple(sorted((p.name, p.side) for p in self.places.values() if p.kind == "district"))
        if self._prefix_cache is None or self._prefix_cache[0] != districts:
            self._prefix_cache = (districts, self._compute_prefixes())
        return self._prefix_cache[1]

    def _compute_prefixes(self) -> dict[str, tuple[str | None, str]]:
        g = gazetteer()
        out: dict[str, tuple[str | None, str]] = {}
        for r in g.regions:
            if r.kind in ("province", "city"):
                side = self._side_of_region(r.name)
                out.setdefault(r.name, (side, r.name))
                out.setdefault(short_name(r.name), (side, r.name))
        for s in self.sides:
            # The cities of a province side and the districts of a city side lead park names too.
            for child in g.children(s):
                out[child] = out[short_name(child)] = (s, child)
            out[s] = out[short_name(s)] = (s, s)
        for place in self.places.values():
            if place.kind == "district":
                out[place.name] = out[short_name(place.name)] = (place.side, place.name)
        return {k: v for k, v in out.items() if len(k) >= 2}

    def scan_text(self, text: str, offset: int) -> list[str]:
        """Places named in a task's text (``text`` starts at ``offset`` in the document)."""
        hits = [
            h
            for finder in (
                self._gazetteer_districts,
                self._city_districts,
                self._known,
                self._hosted_parks,
                self._free_trade_zones,
                self._shaped_parks,
                self._listed_zones,
            )
            for h in finder(text, offset)
        ]
        return sorted({self._add(h) for h in _longest(hits)})

    def _hit(
        self, written: str, kind: PlaceKind, side: str | None, a: int, b: int, region: str | None = None
    ) -> list[_Hit]:
        h = self._resolve(written, kind, side, (a, b), region)
        return [h] if h else []

    def _gazetteer_districts(self, text: str, offset: int) -> list[_Hit]:
        g = gazetteer()
        region_words = [(m.start(), m.end()) for m in self._region_word_re().finditer(text)]
        out = []
        for name, a, b in g.find_all(text):
            if g.kind(name) not in _DISTRICT_KINDS:
                continue
            if any(x < a < y < b or a < x < b < y for x, y in region_words):
                continue  # 海城市 inside 上海城市: the text names 上海, not 海城市
            if name.endswith("城市") and a > 0 and text[a - 1] not in _CONNECTORS:
                continue  # 沿海城市 is "coastal cities"
            out += self._hit(name, "district", None, offset + a, offset + b)
        return out

    def _region_word_re(self) -> re.Pattern[str]:
        return _region_words()

    def _city_districts(self, text: str, offset: int) -> list[_Hit]:
        """深圳市福田区, 齐齐哈尔市龙沙区: a name after its city is a district of that city."""
        out = []
        for m in _city_district_re().finditer(text):
            city, district = m.group(1), m.group(2)
            if re.search("[各区市县镇乡两全本该]", district[:-1]) or _GENERIC_AREA.search(district):
                continue
            if not m.group(1).endswith("市") and district not in gazetteer().by_name:
                continue  # after a short city name (沈阳浑南区) only a known district counts
            full_city = city if city.endswith("市") else (gazetteer().full_name(city) or city)
            side = self._side_of_region(full_city)
            out += self._hit(district, "district", side, offset + m.start(2), offset + m.end(2))
        return out

    def _known(self, text: str, offset: int) -> list[_Hit]:
        out = []
        for name, (kind, side, _canonical) in _known_places().items():
            for m in re.finditer(re.escape(name), text):
                out += self._hit(name, kind, side, offset + m.start(), offset + m.end())
        return out

    def _hosted_parks(self, text: str, offset: int) -> list[_Hit]:
        """中英(大连)…园, 深圳(哈尔滨)产业园区, “沪连对口合作产业园”, 沪连对口合作产业园."""
        g = gazetteer()
        out = []
        for m in _hosted_re().finditer(text):
            host = g.prefix(m.group(2)) or g.full_name(m.group(2))
            out += self._hit(m.group(), "park", self._side_of_region(host), offset + m.start(), offset + m.end(), host)
        for m in _COOPERATION_PARK.finditer(text):
            out += self._hit(m.group(), "park", None, offset + m.start(), offset + m.end())
        for m in _QUOTED.finditer(text):
            out += self._hit(m.group(1), "park", None, offset + m.start(1), offset + m.end(1))
        return out

    def _free_trade_zones(self, text: str, offset: int) -> list[_Hit]:
        """中国(广东)自由贸易试验区南沙片区: a 片区 of a province's free-trade zone."""
        g = gazetteer()
        out = []
        for m in _FTZ.finditer(text):
            province = g.full_name(m.group(1)) or m.group(1)
            out += self._hit(m.group(), "park", self._side_of_region(province), offset + m.start(), offset + m.end(),
                             province)
        return out

    def _shaped_parks(self, text: str, offset: int) -> list[_Hit]:
        """A region or district name, then a park word: 大连高新园区, 上海化学工业区, 浦东软件园."""
        prefixes = self._prefixes()
        pattern = _shaped_re(frozenset(prefixes))
        out = []
        for start in range(len(text)):
            m = pattern.match(text, start)
            if m is None:
                continue
            if m.group(2).startswith(("市场", "市内", "市域")):
                continue  # 深圳市场化园区 is "market-run parks of Shenzhen"
            end = m.end()
            # 无锡高新区综合保税区: a zone inside a park is the zone.
            inner = re.match(f"(?:{_INNER_ZONES})", text[end:])
            if inner:
                end += inner.end()
            side, region = prefixes[m.group(1)]
            out += self._hit(text[start:end], "park", side, offset + start, offset + end, region)
        return out

    def _listed_zones(self, text: str, offset: int) -> list[_Hit]:
        """长兴岛、花园口等特殊功能区: the items of a list of zones."""
        out = []
        for m in _LIST_ETC.finditer(text):
            start = m.start(1)
            for item in re.finditer(r"[^、或和]+", m.group(1)):
                word = item.group()
                if len(word) > 6 or re.search(f"(?:{_PARK_WORDS})$", word):
                    continue  # a longer item is prose; a park-worded one is found by its shape
                a = offset + start + item.start()
                out += self._hit(word, "park", None, a, a + len(word))
        return out

    def scan_unit(self, name: str, side: str | None, span: Span | None) -> str | None:
        """The district or park a unit's name places it in (浦东新区司法局 → 浦东新区,
        广州南沙新区管委会 → 南沙新区, 大连自贸片区管委会 → 大连自贸片区)."""
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
        if region and g.kind(region) in _DISTRICT_KINDS:
            h = self._resolve(region, "district", side, (base + skipped, base + skipped + len(region)))
            return self._add(h) if h else None
        stem = _UNIT_SUFFIX.sub("", name)
        if stem != name and re.search(f"(?:{_PARK_WORDS})$", stem):
            region = None
            for prefix, (prefix_side, prefix_region) in self._prefixes().items():
                if stem.startswith(prefix) and len(stem) > len(prefix):
                    side, region = prefix_side, prefix_region  # 沈阳高新区 lies in 沈阳, whoever runs it
                    break
            h = self._resolve(stem, "park", side, (base, base + len(stem)), region)
            return self._add(h) if h else None
        return None

    def _apart(self, a: str, b: str) -> bool:
        """Whether two places lie in different regions, neither inside the other."""
        ra, rb = self.regions.get(a), self.regions.get(b)
        if not ra or not rb:
            return False
        g = gazetteer()

        def chain(region: str) -> set[str]:
            out = {region}
            while (parent := g.parent(region)) and parent not in out:
                out.add(parent)
                region = parent
            return out

        return ra not in chain(rb) and rb not in chain(ra)

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
                if p1.kind != p2.kind or not self._apart(p1.id, p2.id):
                    continue
                sentence = _sentence(text, b1 - offset)
                joined = _CONNECT.match(_drop_region(between, self.sides)) or (
                    re.search(r"(?:与|同)$", between) and _COOPERATE.search(sentence)
                )
                if joined and (p1.id, p2.id) not in seen:
                    seen.add((p1.id, p2.id))
                    out.append(Pairing(p1.kind, p1.id, p2.id, task, (a1, _b2)))
                break
        return out


def _drop_region(between: str, sides: list[str]) -> str:
    """与大连市 / 与沈阳 → 与: a region's name between two places does not separate them."""
    rest = between.rstrip()
    g = gazetteer()
    for n in (4, 3, 2):
        tail = rest[-n:]
        if len(rest) > n and (tail in g.by_name or tail in g.by_short or tail in sides):
            return rest[:-n]
    return between


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

"""The shortcuts the extractor takes for speed find what the plain scans find (issue 11)."""

from __future__ import annotations

import random

import pytest

from graphmodel.extract.grammar import default_grammar
from graphmodel.extract.text import covers, normalize
from tests.extract.helpers import DATA

NAMES = ("keyword", "keyword-like")


def _texts() -> list[str]:
    out = []
    for path in sorted(DATA.rglob("*.txt")):
        try:
            out.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    return out


def _same(name: str, text: str) -> None:
    g = default_grammar()
    fast = [(m.span(), m.groupdict()) for m in g.find_all(name, text)]
    plain = [(m.span(), m.groupdict()) for m in g.pattern(name).finditer(text)]
    assert fast == plain


@pytest.mark.parametrize("name", NAMES)
def test_find_all_is_finditer_on_every_plan(name: str) -> None:
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        _same(name, normalize(text, default_grammar()))


@pytest.mark.parametrize("name", NAMES)
def test_find_all_is_finditer_on_random_text(name: str) -> None:
    g = default_grammar()
    words = [*g.keywords, *g.side_suffixes, *g.not_sides, "沪", "市", "上海", "单位", "部门", "负责人", "[", "]", ":",
             " ", "\n", "\n\n", "   ", "、", "。", "(", ")", "发改委"]
    rng = random.Random(11)
    for _ in range(3000):
        _same(name, "".join(rng.choice(words) for _ in range(rng.randint(0, 30))))


def _same_short(name: str, text: str) -> None:
    g = default_grammar()
    fast = [(m.span(), m.groupdict()) for m in g.find_in_short(name, text)]
    plain = [(m.span(), m.groupdict()) for m in g.pattern(name).finditer(text)]
    assert fast == plain


@pytest.mark.parametrize("name", NAMES)
def test_find_in_short_is_finditer_on_every_line(name: str) -> None:
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        norm = normalize(text, default_grammar())
        for line in norm.split("\n"):
            _same_short(name, line)
        for k in range(0, len(norm), 97):  # stretches over several lines too
            _same_short(name, norm[k : k + 120])


@pytest.mark.parametrize("name", NAMES)
def test_find_in_short_is_finditer_on_random_text(name: str) -> None:
    g = default_grammar()
    words = [*g.keywords, *g.side_suffixes, *g.not_sides, "沪", "市", "上海", "单位", "部门", "负责人", "[", "]", ":",
             " ", "\n", "\n\n", "   ", "、", "。", "(", ")", "发改委"]
    rng = random.Random(12)
    for _ in range(3000):
        _same_short(name, "".join(rng.choice(words) for _ in range(rng.randint(0, 30))))


def test_covers_is_any() -> None:
    rng = random.Random(5)
    for _ in range(500):
        spans = [(a, a + rng.randint(0, 8)) for a in (rng.randint(0, 40) for _ in range(rng.randint(0, 6)))]
        inside = covers(spans)
        assert [inside(at) for at in range(-2, 52)] == [any(a <= at < b for a, b in spans) for at in range(-2, 52)]


def test_has_stop_is_a_search_of_every_stop_word() -> None:
    from graphmodel.extract.places import _has_stop, _words

    stops = _words().stops

    def plain(text: str, start: int, end: int) -> bool:
        offset = max(start - 3, 0)
        window = text[offset:end]
        return any(offset + at + len(s) > start for s in stops for at in range(len(window)) if window.startswith(s, at))

    rng = random.Random(3)
    pieces = [*stops, "上海", "园区", "合作", "建", "设", "推", "广", "市"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        start = rng.randint(0, len(text) - 1)
        end = rng.randint(start + 1, len(text))
        assert _has_stop(text, start, end, stops) == plain(text, start, end)


def test_region_names_found_are_the_longest_ending_at_each_place() -> None:
    from graphmodel.extract.regions import gazetteer

    g = gazetteer()
    names = sorted(g._scannable)
    rng = random.Random(9)
    for _ in range(300):
        text = "".join(rng.choice([*rng.sample(names, 5), "市", "区", "县", "新", "和", "的"]) for _ in range(12))
        found = []
        for end in range(1, len(text) + 1):
            n = next((n for n in g._lengths if end - n >= 0 and text[end - n : end] in g._scannable), None)
            if n:
                found.append((text[end - n : end], end - n, end))
        found.sort(key=lambda x: (x[1], -x[2]))
        out, reach = [], 0
        for name, a, b in found:
            if a >= reach:
                out.append((name, a, b))
                reach = b
        assert g.find_all(text) == out


def test_normalize_replaces_as_the_table_translates() -> None:
    from graphmodel.extract.text import _table

    g = default_grammar()
    table = _table(g)
    rng = random.Random(2)
    alphabet = [chr(k) for k in table] + list("市发改委(牵头)、:; \n\tａ１")
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert normalize(text, g) == text.translate(table)


def test_park_words_trie_is_the_longest_first_alternation() -> None:
    import re

    from graphmodel.extract.places import _words

    words = _words()
    every = (*words.park, *words.new_area)
    plain = re.compile("|".join(map(re.escape, every)))  # (the park words longest first, then the new areas')
    texts = [normalize(t, default_grammar()) for t in _texts()]
    rng = random.Random(4)
    pieces = [*every, "高新", "新", "区", "园", "城", "产业", "开发", "上海", "、", "。"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in texts:
        assert [m.span() for m in words.park_re.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize("name", NAMES)
def test_find_all_is_finditer_on_keywords_broken_over_lines(name: str) -> None:
    # Keywords with line breaks and spaces inside, side labels, keyword-like words, far apart and close.
    g = default_grammar()
    rng = random.Random(13)
    words = [*g.keywords, "沪方", "上海方面", "黑龙江省方面", "双方", "数据提供单位", "督办部门", "市发改委", "推进改革"]
    for _ in range(2000):
        parts = []
        for _ in range(rng.randint(1, 12)):
            word = rng.choice(words)
            if rng.random() < 0.4:  # broken over lines at some characters
                word = "".join(ch + ("\n" if rng.random() < 0.3 else "") for ch in word)
            parts.append(rng.choice(["", "\n", " ", "(", "[", "市", "。", "各方:"]) + word
                         + rng.choice([":", " :", "\n:", "]", "]:", "", "、", ":\n"]) + "x" * rng.randint(0, 25))
        _same(name, "".join(parts))


def _same_untaken(text: str) -> None:
    """find_all("keyword-like") with the known keywords' spans taken gives every match the whole
    scan gives that overlaps none of them (what `_keyword_lines` keeps)."""
    g = default_grammar()
    taken = [m.span() for m in g.find_all("keyword", text)]
    fast = [(m.span(), m.groupdict()) for m in g.find_all("keyword-like", text, taken)]
    plain = [(m.span(), m.groupdict()) for m in g.pattern("keyword-like").finditer(text)
             if not any(a < m.end() and m.start() < b for a, b in taken)]
    assert fast == plain


def test_find_all_with_taken_spans_is_finditer_less_the_overlapping_on_every_plan() -> None:
    texts = _texts()
    assert len(texts) > 100
    for text in texts:
        _same_untaken(normalize(text, default_grammar()))


def test_find_all_with_taken_spans_is_finditer_less_the_overlapping_on_random_text() -> None:
    g = default_grammar()
    words = [*g.keywords, *g.side_suffixes, "沪", "市", "单位", "部门", "负责人", "数据提供单位", "督办", "[", "]", ":",
             " ", "\n", "、", "。", "(", ")", "发改委"]
    rng = random.Random(13)
    for _ in range(3000):
        _same_untaken("".join(rng.choice(words) for _ in range(rng.randint(0, 30))))

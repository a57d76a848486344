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


def test_covers_is_any() -> None:
    rng = random.Random(5)
    for _ in range(500):
        spans = [(a, a + rng.randint(0, 8)) for a in (rng.randint(0, 40) for _ in range(rng.randint(0, 6)))]
        inside = covers(spans)
        assert [inside(at) for at in range(-2, 52)] == [any(a <= at < b for a, b in spans) for at in range(-2, 52)]

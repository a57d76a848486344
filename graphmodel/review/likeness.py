"""Names close to another unit's name: possible aliases the alias tables do not know yet."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

__all__ = ["bigram_dice", "close_names", "CLOSE"]

CLOSE = 0.7  # bigram Dice at or above which two names of one side are worth a look


def _bigrams(name: str) -> set[str]:
    return {name[k:k + 2] for k in range(len(name) - 1)} or {name}


def bigram_dice(a: str, b: str) -> float:
    """Dice coefficient of the two names' character bigrams (sets).

    >>> round(bigram_dice("市商务局", "市商务委"), 2)
    0.67
    """
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y))


_LEVEL = re.compile(r"^(国家|自治区|省|市|州|盟|区|县|旗)")
_RANK_END = "部厅局"  # a ministry, a provincial department, a bureau: never one another's alias


def _different_levels(a: str, b: str) -> bool:
    """Names of two levels of government (省发展改革委, 市发展改革委; 住房城乡建设厅, …局)."""
    la, lb = _LEVEL.match(a), _LEVEL.match(b)
    if la and lb and la.group() != lb.group():
        return True
    return a[-1:] != b[-1:] and a[-1:] in _RANK_END and b[-1:] in _RANK_END


def _core(name: str, side: str | None, shorts: Mapping[str, str]) -> str:
    """The name without its side's prefix (上海市发展改革委 → 发展改革委): same-side names differ
    in what follows it."""
    for prefix in (side, shorts.get(side or ""), (side or "")[:-1] if side and len(side) > 2 else None):
        if prefix and name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix):]
    return name


def close_names(units: Iterable[tuple[str, str, str | None]], shorts: Mapping[str, str] | None = None,
                threshold: float = CLOSE) -> dict[str, list[tuple[str, float]]]:
    """For each unit, the other units of its side whose names are close to its name.

    Parameters
    ----------
    units : iterable of (id, name, side)
        Real units (no placeholders), each id once.
    shorts : mapping, optional
        A side's short name (上海市 → 沪), also stripped before comparing.
    threshold : float
        Bigram Dice of the names without their side's prefix; a name that ends with the other
        (发展改革委, 市发展改革委 of one side) counts as close too. Names of two levels of
        government (省…, 市…; …厅, …局) are never close.

    Returns
    -------
    dict
        unit id → [(other unit id, likeness)], most alike first; units with none are left out.
        Candidates come from a bigram index, so names sharing no bigram are never compared.
    """
    shorts = shorts or {}
    by_side: dict[str | None, list[tuple[str, str]]] = defaultdict(list)
    for uid, name, side in units:
        by_side[side].append((uid, _core(name, side, shorts)))
    out: dict[str, list[tuple[str, float]]] = {}
    for members in by_side.values():
        index: dict[str, list[int]] = defaultdict(list)
        grams = [_bigrams(core) for _, core in members]
        for k, g in enumerate(grams):
            for gram in g:
                index[gram].append(k)
        for k, (uid, core) in enumerate(members):
            seen: set[int] = set()
            for gram in grams[k]:
                seen.update(index[gram])
            for j in sorted(seen - {k}):
                other_id, other = members[j]
                if _different_levels(core, other):
                    continue
                likeness = bigram_dice(core, other)
                ends = len(min(core, other, key=len)) >= 3 and (core.endswith(other) or other.endswith(core))
                if likeness >= threshold or ends:
                    out.setdefault(uid, []).append((other_id, round(max(likeness, 0.0), 3)))
    for found in out.values():
        found.sort(key=lambda p: (-p[1], p[0]))
    return out

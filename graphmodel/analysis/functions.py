"""What a unit's name says of its function, and how alike two names are.

The function table is data (`graphmodel/data/functions.tsv`): a function and the words that
name it. Two units whose names share a function are plausible counterparts even when their
names differ (市科技局 and 市科委 both do 科技).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

from graphmodel.errors import InputError

__all__ = ["FunctionTable", "parse_function_table", "default_function_table", "function_labels",
           "name_core", "name_similarity"]

FunctionTable = Mapping[str, tuple[str, ...]]

# Level words that open a short name once the region is gone (上海市委组织部 -> 委组织部 keeps 委).
_LEVELS = ("市", "省", "区", "县")


def parse_function_table(text: str, where: str = "the function table") -> dict[str, tuple[str, ...]]:
    """Read a table of ``function<TAB>word|word|…`` lines; ``#`` starts a comment line.

    Raises
    ------
    InputError
        When a line does not have exactly two tab-separated fields or names no word.
    """
    table: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.rstrip("\n").split("\t")
        words = tuple(w.strip() for w in fields[1].split("|") if w.strip()) if len(fields) == 2 else ()
        if len(fields) != 2 or not fields[0].strip() or not words:
            raise InputError(f"{where}, line {number}: expected 'function<TAB>word|word', got {line!r}")
        table[fields[0].strip()] = table.get(fields[0].strip(), ()) + words
    return table


@lru_cache(maxsize=1)
def default_function_table() -> dict[str, tuple[str, ...]]:
    """The built-in table shipped in ``graphmodel/data/functions.tsv``."""
    text = resources.files("graphmodel").joinpath("data/functions.tsv").read_text(encoding="utf-8")
    return parse_function_table(text, "graphmodel/data/functions.tsv")


def function_labels(name: str, table: FunctionTable | None = None) -> frozenset[str]:
    """The functions whose words occur in ``name``."""
    table = default_function_table() if table is None else table
    return frozenset(f for f, words in table.items() if any(w in name for w in words))


def name_core(name: str, regions: Iterable[str] = ()) -> str:
    """A unit name without its region and level prefix: 上海市科委 -> 科委 (given 上海市)."""
    for region in sorted(regions, key=len, reverse=True):
        if region and name.startswith(region):
            name = name[len(region):]
            break
    else:
        if name.startswith(_LEVELS):
            name = name[1:]
    return name


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def name_similarity(a: str, b: str, regions: Iterable[str] = ()) -> float:
    """Dice similarity of the character bigrams of two names without their region prefixes.

    1.0 for 上海市发展改革委 and 大连市发展改革委 (given both regions), 0.0 for names with no
    two characters in a row in common.
    """
    regions = tuple(regions)
    x, y = _bigrams(name_core(a, regions)), _bigrams(name_core(b, regions))
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))

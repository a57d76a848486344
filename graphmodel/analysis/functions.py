"""What a unit's name says of its function, and how alike two names are.

The function table is data (`graphmodel/data/functions.tsv`): a function and the words that
name it. Two units whose names share a function are plausible counterparts even when their
names differ (市科技局 and 市科委 both do 科技).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources

from graphmodel.docstrings import document_functions
from graphmodel.errors import InputError

__all__ = ["FunctionTable", "parse_function_table", "default_function_table", "function_labels",
           "name_core", "name_similarity"]

FunctionTable = Mapping[str, tuple[str, ...]]

# Level words that open a short name once the region is gone (上海市委组织部 -> 委组织部 keeps 委).
_LEVELS = ("市", "省", "区", "县")


def parse_function_table(text: str, where: str = "the function table") -> dict[str, tuple[str, ...]]:
    """Read a table of ``function<TAB>word|word|…`` lines; ``#`` starts a comment line.

    Parameters
    ----------
    text : str
        The table's text (the format of ``graphmodel/data/functions.tsv``).
    where : str
        Names the table in error messages (its file).

    Returns
    -------
    dict
        Function to its words, in the order given; a function listed twice has the words of
        both lines.

    Raises
    ------
    InputError
        When a line does not have exactly two tab-separated fields or names no word.

    Examples
    --------
    >>> parse_function_table("# function, words\\n科技\\t科技|科委\\n人社\\t人力资源|人社")
    {'科技': ('科技', '科委'), '人社': ('人力资源', '人社')}
    >>> parse_function_table("科技\\t科技\\n人社", "my-functions.tsv")
    Traceback (most recent call last):
    ...
    graphmodel.errors.InputError: my-functions.tsv, line 2: expected 'function<TAB>word|word', got '人社'
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
    """The built-in function table, ``graphmodel/data/functions.tsv`` (read once).

    Returns
    -------
    dict
        As `parse_function_table` returns it; shared between callers, so not to be changed.

    Examples
    --------
    >>> default_function_table()["科技"]
    ('科技', '科委', '科学技术', '科创办')
    """
    text = resources.files("graphmodel").joinpath("data/functions.tsv").read_text(encoding="utf-8")
    return parse_function_table(text, "graphmodel/data/functions.tsv")


def function_labels(name: str, table: FunctionTable | None = None) -> frozenset[str]:
    """The functions whose words occur in ``name``.

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> function_labels("上海市科委") == function_labels("大连市科技局") == {"科技"}
    True
    >>> function_labels("上海市科委", {"科研": ("科委", "研究院")})
    frozenset({'科研'})
    """
    table = default_function_table() if table is None else table
    return frozenset(f for f, words in table.items() if any(w in name for w in words))


def name_core(name: str, regions: Iterable[str] = ()) -> str:
    """A unit name without its region and level prefix.

    Parameters
    ----------
    regions : iterable of str
        Region names to take off its start (the longest that matches); without one, a level
        word (市, 省, 区, 县) at its start goes.

    Returns
    -------
    str

    Examples
    --------
    >>> name_core("上海市科委", ["上海市"]), name_core("市科委")
    ('科委', '科委')
    """
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

    Parameters
    ----------
    a, b : str
        Two unit names.
    regions : iterable of str
        Region names to take off their starts (see `name_core`).

    Returns
    -------
    float
        From 0.0 (no two characters in a row in common) to 1.0.

    Examples
    --------
    >>> name_similarity("上海市发展改革委", "大连市发展改革委", ["上海市", "大连市"])
    1.0
    >>> name_similarity("上海市科委", "大连市科技局", ["上海市", "大连市"])
    0.0
    >>> round(name_similarity("市商务委", "市商务局"), 3)
    0.5
    """
    regions = tuple(regions)
    x, y = _bigrams(name_core(a, regions)), _bigrams(name_core(b, regions))
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


document_functions(globals())

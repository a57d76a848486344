"""Character-for-character normalisation, and the bracket pairs of a whole text.

Most published plans use full-width punctuation (（）：；，) and some half-width; the parser sees
one form. Only one-to-one replacements are allowed: offsets into the normalised text are offsets
into the text as read, so every span stays valid. Each bracket family of the grammar
(``graphmodel/data/grammar.tsv``: （）〔〕 → (), 【】〖〗 → [], 〈〉＜＞ → <>) becomes one pair.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from graphmodel.extract.grammar import Grammar, default_grammar

__all__ = ["covers", "normalize", "OPEN", "CLOSE", "bracket_depths", "CJK", "is_cjk", "BracketPairs", "pair_brackets",
           "word_pattern", "unspaced"]

_PAIRS = {
    "：": ":", "；": ";", "，": ",", "．": ".", "　": " ", "\u00a0": " ",
    "\t": " ", "！": "!", "？": "?", "％": "%", "～": "~", "\r": "\n",
    "∶": ":", "﹕": ":", "﹔": ";", "﹐": ",", "﹒": ".", "﹑": "、", "︰": ":",
}

OPEN = "([<《“‘{"
CLOSE = ")]>》”’}"

_BRACKET_RE = re.compile(f"[{re.escape(OPEN + CLOSE)}]")

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{CJK}]")


@lru_cache(maxsize=4)
def _table(grammar: Grammar) -> dict[int, str]:
    table = {ord(k): v for k, v in _PAIRS.items()}
    table.update({0xFF10 + i: str(i) for i in range(10)})  # full-width digits
    table.update({0xFF21 + i: chr(0x41 + i) for i in range(26)})  # full-width A-Z
    table.update({0xFF41 + i: chr(0x61 + i) for i in range(26)})  # full-width a-z
    table.update(grammar.normalisation())
    return table


def normalize(text: str, grammar: Grammar | None = None) -> str:
    """Full-width punctuation, digits and letters to half-width, each bracket family to one pair.

    Parameters
    ----------
    text : str
        A document's text as read.
    grammar : Grammar, optional
        Gives the bracket families; the built-in grammar by default.

    Returns
    -------
    str
        Of the length of ``text``, one character for one, so offsets into it are offsets into
        ``text``.

    Examples
    --------
    >>> normalize("（责任单位：市发改委；〔大连〕）")
    '(责任单位:市发改委;(大连))'
    >>> normalize("２０２０年【重点】")
    '2020年[重点]'
    """
    pattern, table = _replacer(grammar or default_grammar())
    # The characters to replace are few in a text: a pattern finds them (str.translate looks every
    # character of the text up in the table, several times slower).
    out = pattern.sub(lambda m: table[m.group()], text)
    assert len(out) == len(text)
    return out


@lru_cache(maxsize=4)
def _replacer(grammar: Grammar) -> tuple[re.Pattern[str], dict[str, str]]:
    """`_table` as a pattern of the characters it replaces and a map from each to its replacement."""
    table = {chr(k): v for k, v in _table(grammar).items() if chr(k) != v}
    assert all(len(v) == 1 for v in table.values()), "normalisation is one character for one"
    return re.compile("[" + "".join(re.escape(c) for c in sorted(table)) + "]" if table else "(?!)"), table


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a CJK unified ideograph (the basic block or extension A).

    Parameters
    ----------
    ch : str
        One character (a longer string is judged by its first).

    Returns
    -------
    bool
        False for punctuation, full-width forms and every other script.

    Examples
    --------
    >>> is_cjk("市"), is_cjk("a"), is_cjk("、")
    (True, False, False)
    """
    return bool(_CJK_RE.match(ch))


def bracket_depths(s: str) -> list[int]:
    """Depth of bracket nesting at each character of ``s``.

    Parameters
    ----------
    s : str
        Normalised text; the brackets are those of `OPEN` and `CLOSE` (quotes and 《》 count).

    Returns
    -------
    list of int
        One depth per character: an opening bracket has the depth outside it, a closing one the
        depth after it; a close with nothing open is depth 0.

    Examples
    --------
    >>> bracket_depths("a(b《c》)d")
    [0, 0, 1, 1, 2, 1, 0, 0]
    """
    depth = 0
    out: list[int] = []
    last = 0
    for m in _BRACKET_RE.finditer(s):  # only the brackets; the runs between keep their depth
        at = m.start()
        out += [depth] * (at - last)
        last = at + 1
        if s[at] in CLOSE and depth > 0:
            depth -= 1
            out.append(depth)
            continue
        out.append(depth)
        if s[at] in OPEN:
            depth += 1
    out += [depth] * (len(s) - last)
    return out


@dataclass(frozen=True)
class BracketPairs:
    """Where each bracket of a normalised text closes, found in one pass."""

    close: dict[int, int]  # offset of an open bracket -> offset of its close
    unclosed: tuple[int, ...]  # open brackets that never close, in order

    def inside(self, at: int) -> bool:
        """Whether ``at`` lies strictly inside some closed pair (slow path; for tests and warnings)."""
        return any(a < at < b for a, b in self.close.items())


_CLOSE_OF = {"(": ")", "[": "]", "<": ">"}
_OPEN_OF = {v: k for k, v in _CLOSE_OF.items()}
_Trie = dict[str, "_Trie"]  # a character to the trie of what may follow it; "" marks a word's end


def _bracket_positions(norm: str) -> list[int]:
    """The offsets of the text's brackets ``()[]<>``, in order: ``[m.start() for m in
    re.finditer(r"[()\\[\\]<>]", norm)]`` by str.find (a pattern's scan tests every character of the
    text against its class: 0.35M instructions a generated plan, this a tenth of that)."""
    found: list[int] = []
    for ch in "()[]<>":
        at = norm.find(ch)
        while at >= 0:
            found.append(at)
            at = norm.find(ch, at + 1)
    found.sort()
    return found


def pair_brackets(norm: str) -> BracketPairs:
    """The pairs of (), [] and <> in a text.

    A close pairs with the nearest open of its family still open (opens left between them stay
    unclosed); a close with no open is ignored. Linear in the length of the text.

    Parameters
    ----------
    norm : str
        Normalised text (`normalize`: one bracket pair per family).

    Returns
    -------
    BracketPairs
        ``close``: the offset of each open bracket that closes to the offset of its close;
        ``unclosed``: the offsets of those that never close.

    Examples
    --------
    >>> p = pair_brackets("a(b[c)d(e")
    >>> sorted(p.close.items()), p.unclosed
    ([(1, 5)], (3, 7))
    """
    stack: list[int] = []
    open_count = {"(": 0, "[": 0, "<": 0}
    close: dict[int, int] = {}
    unclosed: list[int] = []
    for at in _bracket_positions(norm):
        ch = norm[at]
        if ch in open_count:
            stack.append(at)
            open_count[ch] += 1
            continue
        want = _OPEN_OF[ch]
        if not open_count[want]:
            continue
        while stack:
            top = stack.pop()
            open_count[norm[top]] -= 1
            if norm[top] == want:
                close[top] = at
                break
            unclosed.append(top)
    unclosed.extend(stack)
    return BracketPairs(close, tuple(sorted(unclosed)))


def word_pattern(words: frozenset[str] | set[str]) -> re.Pattern[str]:
    """A pattern matching any of ``words``, longest first.

    It is built as a trie (上(?:海(?:市)?)?…), so that finding every name of a large gazetteer
    in a text is one pass of the regex engine.

    Parameters
    ----------
    words : set of str
        The words; none may be empty.

    Returns
    -------
    re.Pattern
        Matches nothing when ``words`` is empty.

    Examples
    --------
    >>> [m.group() for m in word_pattern({"上海", "上海市", "大连"}).finditer("上海市与大连")]
    ['上海市', '大连']
    >>> word_pattern(set()).search("上海") is None
    True
    """
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(build(trie) or "(?!)")


def unspaced(text: str) -> str:
    """``text`` without its whitespace: ``re.sub(r"\\s+", "", text)``, without a pattern (str.split
    and the pattern's ``\\s`` know the same characters as whitespace; this runs for every cell,
    sentence and note).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str

    Examples
    --------
    >>> unspaced("主 要 任 务\\n(单位)")
    '主要任务(单位)'
    """
    return "".join(text.split())


def covers(spans: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset lies in any of ``spans``: ``any(a <= at < b for a, b in spans)`` in
    logarithmic time, for checks made at many offsets of a long text.

    Parameters
    ----------
    spans : iterable of (int, int)
        ``[start, end)`` ranges, in any order, overlapping or not; empty ones hold nothing.

    Returns
    -------
    callable
        Given an offset, whether some span holds it.

    Examples
    --------
    >>> inside = covers([(10, 20), (0, 3), (15, 30)])
    >>> [at for at in (0, 2, 3, 9, 10, 25, 29, 30) if inside(at)]
    [0, 2, 10, 25, 29]
    """
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if a >= b:
            continue  # empty: holds nothing
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)

    def inside(at: int) -> bool:
        k = bisect.bisect_right(starts, at) - 1
        return k >= 0 and at < ends[k]

    return inside


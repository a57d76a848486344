"""Unit mentions inside an annotation: splitting a list, cleaning a name, spotting groups.

A list splits on 、 and , but never inside brackets (各区(市、县), 中英(大连)…) and never inside a
group placeholder (各区、县级市). Notes such as (按职责分工负责,下同) are not part of a name; nor
is a trailing 等 / 等有关部门. What counts as a note, a placeholder or a unit's ending is the
grammar's (``graphmodel/data/grammar.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from graphmodel.extract.grammar import Grammar, default_grammar
from graphmodel.extract.regions import gazetteer
from graphmodel.extract.text import _BRACKET_RE, CLOSE, OPEN, bracket_depths, unspaced

__all__ = ["Piece", "split_top", "split_list", "split_item", "clean_piece", "is_collective", "looks_like_unit",
           "strip_piece", "list_items"]


@dataclass(slots=True)  # slots: pieces are made and read by the thousand in a plan
class Piece:
    """A stretch of an annotation: its text and where it starts in the document."""

    text: str
    start: int
    stop: int | None = None  # set when ``text`` lost characters (line breaks) the document has

    @property
    def end(self) -> int:
        return self.stop if self.stop is not None else self.start + len(self.text)

    def sub(self, a: int, b: int | None = None) -> Piece:
        """The piece's text from ``a`` to ``b`` (offsets into ``text``), with its own start."""
        return Piece(self.text[a:b], self.start + a)


def strip_piece(piece: Piece, chars: str = " \n,;、。.:|") -> Piece:
    """A piece without the separators at its ends, its start moved past those it lost.

    Parameters
    ----------
    piece : Piece
        A stretch of normalised text.
    chars : str
        The characters to strip: by default spaces, line breaks, list punctuation and a table's
        cell bar (|).

    Returns
    -------
    Piece

    Examples
    --------
    >>> strip_piece(Piece("、市财政局;", 10))
    Piece(text='市财政局', start=11, stop=None)
    """
    text = piece.text
    lead = len(text) - len(text.lstrip(chars))
    return Piece(text.strip(chars), piece.start + lead)


def split_top(piece: Piece, seps: str) -> list[Piece]:
    """Split ``piece`` on any of ``seps`` outside brackets.

    Parameters
    ----------
    piece : Piece
        A stretch of normalised text.
    seps : str
        The separator characters.

    Returns
    -------
    list of Piece
        The stretches between separators (empty ones too), each with its own start.

    Examples
    --------
    >>> split_top(Piece("市发改委、各区(市、县)", 0), "、")
    [Piece(text='市发改委', start=0, stop=None), Piece(text='各区(市、县)', start=5, stop=None)]
    """
    out: list[Piece] = []
    text = piece.text
    last = 0
    marks = _separators_or_brackets(seps)
    if marks is None:  # (a bracket among the separators: the depths worked out first)
        depths: list[int] | None = None
        for m in _separators(seps).finditer(text):  # only the separators, not every character
            i = m.start()
            if depths is None:  # (no bracket in the text, the common case: every separator splits)
                depths = bracket_depths(text) if _BRACKET_RE.search(text) else []
            if not depths or depths[i] == 0:
                out.append(Piece(text[last:i], piece.start + last))
                last = i + 1
    else:
        # One scan for the separators and the brackets, the depth kept as `bracket_depths` keeps it
        # (a close with nothing open leaves it at 0): one pattern's call where there were two.
        depth = 0
        for m in marks.finditer(text):
            i = m.start()
            ch = text[i]
            if ch in seps:
                if depth == 0:
                    out.append(Piece(text[last:i], piece.start + last))
                    last = i + 1
            elif ch in CLOSE:
                if depth > 0:
                    depth -= 1
            else:
                depth += 1
    out.append(Piece(text[last:], piece.start + last))
    return out


@lru_cache(maxsize=64)
def _separators_or_brackets(seps: str) -> re.Pattern[str] | None:
    """A class of ``seps`` and the brackets, for `split_top`; None where a separator is a bracket."""
    if not seps or any(c in OPEN or c in CLOSE for c in seps):
        return None
    return re.compile(f"[{re.escape(seps + OPEN + CLOSE)}]")


_ITEM_SEPARATORS = re.compile("[、,|]")
_SPACED = re.compile(r"\S +\S")  # (these compiled once: re's module functions are a Python call and a cache look-up)
_END_NOTE = re.compile(r"[(<\[]([^()<>\[\]]*)[)>\]]\s*$")
_GROUP_START = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?[省市区县])?各")
_LEVEL_END = re.compile(r"(?:区|县|市|州|旗|镇|乡|街道|\))$")
_ITEM_STRIP = " \n,;、。.:|"  # what `strip_piece` strips by default


def list_items(piece: Piece) -> list[tuple[str, int]]:
    """The items of a list, split at 、 , and | outside brackets and stripped, empty ones left out:
    ``[(p.text, p.start) for p in map(strip_piece, split_top(piece, "、,|")) if p.text]``, without
    a piece for each (a text with no bracket, the common case, is split by one pattern).

    Parameters
    ----------
    piece : Piece
        A list of units in normalised text.

    Returns
    -------
    list of (str, int)
        Each item's text and start.

    Examples
    --------
    >>> list_items(Piece("市发改委、 市财政局,,各区(市、县)", 3))
    [('市发改委', 3), ('市财政局', 9), ('各区(市、县)', 15)]
    """
    text = piece.text
    if _BRACKET_RE.search(text):
        return [(p.text, p.start) for p in (strip_piece(x) for x in split_top(piece, "、,|")) if p.text]
    out = []
    at = piece.start
    for part in _ITEM_SEPARATORS.split(text):
        item = part.strip(_ITEM_STRIP)
        if item:
            out.append((item, at + len(part) - len(part.lstrip(_ITEM_STRIP))))
        at += len(part) + 1  # (each separator is one character)
    return out


@lru_cache(maxsize=64)
def _separators(seps: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(seps)}]" if seps else "(?!)")


def is_collective(name: str, grammar: Grammar | None = None) -> bool:
    """Whether a name is a placeholder that stands for a group of units (各有关单位, 开放先导区, …).

    Parameters
    ----------
    name : str
        A cleaned mention.
    grammar : Grammar, optional
        Gives the placeholders; the built-in grammar by default.

    Returns
    -------
    bool
        True when the grammar's placeholder patterns match the whole name.

    Examples
    --------
    >>> is_collective("各有关单位"), is_collective("市财政局")
    (True, False)
    """
    return (grammar or default_grammar()).is_placeholder(name)


def looks_like_unit(name: str, grammar: Grammar | None = None) -> bool:
    """Whether a name reads like one unit or a group placeholder.

    Parameters
    ----------
    name : str
        A mention as `clean_piece` leaves it: notes, brackets and joiners taken off.
    grammar : Grammar, optional
        Gives the unit endings and placeholders; the built-in grammar by default.

    Returns
    -------
    bool
        False for a phrase (a verb or a task's wording), a bare region or a person's post.

    Examples
    --------
    >>> looks_like_unit("市财政局"), looks_like_unit("各有关单位"), looks_like_unit("推进改革")
    (True, True, False)
    """
    return (grammar or default_grammar()).looks_like_unit(name)


def split_list(piece: Piece, grammar: Grammar | None = None) -> list[Piece]:
    """Split a list of units into its mentions.

    It splits on 、 and , (and a table's cell bar |) outside brackets, on spaces between whole names, and on joiners
    between two whole units (市发改委和市财政局), and keeps group placeholders whole (各区、县级市).

    Parameters
    ----------
    piece : Piece
        A list of units in normalised text.
    grammar : Grammar, optional
        Gives the joiners, unit endings and placeholders; the built-in grammar by default.

    Returns
    -------
    list of Piece
        The mentions, stripped, each with its own start.

    Examples
    --------
    >>> [p.text for p in split_list(Piece("市发改委、市财政局和市商务局、各区、县级市", 0))]
    ['市发改委', '市财政局', '市商务局', '各区、县级市']
    """
    g = grammar or default_grammar()
    found = g.remember("split_list", piece.text,
                       lambda t: tuple((p.text, p.start, p.stop) for p in _split_list(Piece(t, 0), g)))
    return [Piece(text, piece.start + a, None if b is None else piece.start + b) for text, a, b in found]


def _split_list(piece: Piece, g: Grammar) -> list[Piece]:
    # A table's cell bar (|) is a boundary too: a cell is never part of a name.
    parts = [p for p in (strip_piece(x) for x in split_top(piece, "、,|")) if p.text]
    if "各" not in piece.text:
        # No group (各…) whose levels the next part could continue: each part's splits at once,
        # remembered by its text (a list is new, its names seldom are).
        return [q for p in parts for q in split_item(p, g)]
    # Each part's own splits, remembered by its text.
    parts = [q for p in parts for q in _remember_split(g, "split_part", p, _split_part)]
    merged: list[Piece] = []
    for p in parts:
        if merged and _continues_group(merged[-1].text, _without_notes(p.text, g), g):
            prev = merged[-1]
            merged[-1] = Piece(piece.text[prev.start - piece.start : p.end - piece.start], prev.start)
            continue
        merged.append(p)
    # Joiners split after a group's levels are gathered (各区、县(市)政府及开发区管委会 stays one group).
    return [r for p in merged for r in _remember_split(g, "split_joined", p, _split_joined)]


def split_item(piece: Piece, grammar: Grammar | None = None) -> list[Piece]:
    """Split one item of a list that no group runs through (no 各 in the list) into its mentions.

    Parameters
    ----------
    piece : Piece
        One item of a list split at 、 , and | (`split_top`), stripped (`strip_piece`).
    grammar : Grammar, optional
        Gives the joiners, unit endings and sections; the built-in grammar by default.

    Returns
    -------
    list of Piece
        The mentions: the item split at spaces between whole names and at sections (…股), each
        split at its joiners; remembered by the item's text.

    Examples
    --------
    >>> [p.text for p in split_item(Piece("市财政局和市商务局", 0))]
    ['市财政局', '市商务局']
    """
    g = grammar or default_grammar()
    return _remember_split(g, "split_item", piece, _split_item)


def _split_item(piece: Piece, g: Grammar) -> list[Piece]:
    return [r for q in _split_part(piece, g) for r in _split_joined(q, g)]


def _split_part(piece: Piece, g: Grammar) -> list[Piece]:
    """One item of a list split at spaces between whole names, then at sections (…股) run into the
    next unit's name."""
    return [q for p in _split_spaces(piece, g) for q in _split_sections(p, g)]


def _remember_split(g: Grammar, what: str, piece: Piece, split: Callable[[Piece, Grammar], list[Piece]]
                    ) -> list[Piece]:
    """``split(piece, g)`` for a piece with no ``stop``, remembered by its text (offsets from its
    start): ``split`` must read the piece's text only."""
    found = g.remember(what, piece.text, lambda t: tuple((p.text, p.start, p.stop) for p in split(Piece(t, 0), g)))
    at = piece.start
    return [Piece(text, at + a, None if b is None else at + b) for text, a, b in found]


def _split_joined(piece: Piece, g: Grammar, joiners: tuple[str, ...] | None = None) -> list[Piece]:
    """市发展改革委和市财政局 / A会同B: two whole units, or a group and a unit (X成员单位及省地震局),
    joined by a joiner (市工业和信息化局 stays whole);
    市总工会等部门和14个乡镇人民政府: a list closed by 等… and a group joined to it. The longer joiner
    is tried first (A会同B和C's 会同 before 和)."""
    joiners = tuple(sorted(g.joiners, key=len, reverse=True)) if joiners is None else joiners
    if not any(j in piece.text for j in joiners):
        return [piece]
    closed = g.pattern("etc-joiner").search(piece.text)
    if closed:
        head, tail = piece.sub(0, closed.start("joiner")), piece.sub(closed.end("joiner"))
        return [head, *_split_joined(strip_piece(tail), g, joiners)]
    for k, joiner in enumerate(joiners):
        if joiner not in piece.text:
            continue
        subs = _whole_sides(piece, [p for p in (strip_piece(x) for x in _split_words(
            piece, re.compile(re.escape(joiner)))) if p.text], g)
        # Whole names on both sides: units, or a group and a unit either way round (…领导小组成员单位
        # 及省地震局, 市发改委及有关部门); groups only when each names its members (省直各部门和各市
        # 人民政府), never else (各区县政府及开发区管委会 is one group). A side after the first that is
        # a unit ending alone (高新区党工委和管委会: 管委会) names no body of its own: one unit, unsplit.
        if len(subs) > 1 and all(g.has_unit_end(p.text) or g.is_placeholder(p.text) for p in subs) and (
                any(not g.is_placeholder(p.text) for p in subs)
                or all(any(w in p.text for w in g.group_words) for p in subs)) and not any(
                p.text in g.unit_ends for p in subs[1:]):
            # Each side may hold another joiner, one tried before this one too (A和B及相关盟市).
            return [r for p in subs for r in _split_joined(p, g, joiners[:k] + joiners[k + 1 :])]
    return [piece]


def _whole_sides(piece: Piece, subs: list[Piece], g: Grammar) -> list[Piece]:
    """The pieces between joiners, a joiner inside a name kept (市人力资源和社会保障局和市教育局:
    市人力资源 is no whole name, so its 和 stays): each side runs on until it ends as a unit or a
    placeholder; a rest that never does joins the side before it."""
    if len(subs) < 3:
        return subs  # two sides: regrouping could only join them again
    out: list[Piece] = []
    first = 0
    for k, p in enumerate(subs):
        whole = piece.sub(subs[first].start - piece.start, p.end - piece.start)
        if g.has_unit_end(whole.text) or g.is_placeholder(whole.text) or k == len(subs) - 1:
            out.append(whole)
            first = k + 1
    if len(out) > 1 and not (g.has_unit_end(out[-1].text) or g.is_placeholder(out[-1].text)):
        last = out.pop()
        out[-1] = piece.sub(out[-1].start - piece.start, last.end - piece.start)
    return out


def _split_words(piece: Piece, pattern: re.Pattern[str]) -> list[Piece]:
    """Split at matches of ``pattern`` outside brackets."""
    depths = bracket_depths(piece.text)
    out, last = [], 0
    for m in pattern.finditer(piece.text):
        if depths[m.start()] == 0 and m.start() >= last:
            out.append(piece.sub(last, m.start()))
            last = m.end()
    out.append(piece.sub(last))
    return out


def _split_spaces(piece: Piece, g: Grammar) -> list[Piece]:
    """市发改委　市财政局: units set apart by spaces (a line break inside a name is not a split)."""
    if not _SPACED.search(piece.text):
        return [piece]
    subs = [p for p in (strip_piece(x, " ") for x in split_top(piece, " ")) if p.text]
    if len(subs) > 1 and all(g.looks_like_unit(unspaced(p.text)) for p in subs):
        return subs
    return [piece]


def _split_sections(piece: Piece, g: Grammar) -> list[Piece]:
    """文化宣传股文化馆: a section (…股, a body's smallest, under which no unit sits) run together with
    the next unit's name; split where both sides are whole units (股份有限公司, 投资控股有限公司 stay whole)."""
    for m in g.pattern("section-end").finditer(piece.text):
        left, right = piece.sub(0, m.start()), piece.sub(m.start())
        if g.looks_like_unit(left.text) and g.looks_like_unit(right.text) and right.text not in g.unit_ends:
            return [left, *_split_sections(right, g)]
    return [piece]


def _without_notes(text: str, g: Grammar) -> str:
    """``text`` without a note bracket at its end (县级市人民政府<含开发区管委会,下同>)."""
    m = _END_NOTE.search(text)
    return text[: m.start()] if m and g.is_note(unspaced(m.group(1))) else text


def _continues_group(prev: str, nxt: str, grammar: Grammar) -> bool:
    """各区、县级市 / 各区、县(市)政府及开发区管委会 / 各乡镇人民政府、街道办事处: the second piece
    extends a group's list of levels; 各街道、区市场局 is a group and a unit."""
    if "各" not in prev or not _GROUP_START.search(prev):
        return False
    g = gazetteer()
    # 各乡镇人民政府、街道办事处: the group's levels may be followed by their body (group-body); then
    # a piece that is a group on its own (各县市区政府、开发区管委会) is a second group, not more levels.
    body = next((b for b in g.group_bodies if prev.endswith(b)), "")
    if not _LEVEL_END.search(prev[: len(prev) - len(body)]):
        return False
    nxt = unspaced(nxt)
    if body and grammar.is_placeholder(nxt):
        return False
    if g.continues_group(nxt):
        return True
    # 各市(州)、贵安新区数据管理部门: a region joins the group, and the department is all of theirs.
    region = g.region_prefix(nxt)
    return region is not None and region.endswith(("新区", "区", "县", "市", "州")) and len(nxt) > len(region) and \
        nxt[len(region):].endswith(("部门", "机构"))


_NOTE_LONGEST = 80  # characters: a longer bracket inside a name is no note (and reading stays linear)


def clean_piece(piece: Piece, grammar: Grammar | None = None) -> tuple[Piece, list[str]]:
    """A mention without its notes, line breaks and trailing 等….

    A name broken across lines (text copied from a PDF: 沈河区政府等部\\n门) is one name.

    Parameters
    ----------
    piece : Piece
        One mention of a list (`split_list`), in normalised text.
    grammar : Grammar, optional
        Gives the notes and the trailing words; the built-in grammar by default.

    Returns
    -------
    tuple of (Piece, list of str)
        The cleaned mention (its span still that of the text, ``stop`` set when it lost
        characters inside), and the notes it held.

    Examples
    --------
    >>> clean_piece(Piece("市财政局(按职责分工负责)等", 3))
    (Piece(text='市财政局', start=3, stop=None), ['按职责分工负责'])
    >>> clean_piece(Piece("沈河区政府等部\\n门", 0))[0].text
    '沈河区政府'
    >>> clean_piece(Piece("★区发改委", 0))
    (Piece(text='区发改委', start=1, stop=None), ['★'])
    """
    g = grammar or default_grammar()
    text, first, stop, notes = g.remember("clean_piece", piece.text, lambda t: _clean(t, g))
    return Piece(text, piece.start + first, None if stop is None else piece.start + stop), list(notes)


def _clean(text: str, g: Grammar) -> tuple[str, int, int | None, tuple[str, ...]]:
    """`clean_piece` of a piece starting at 0: the text, its start and stop, the notes."""
    notes: list[str] = []
    # Keep each kept character's offset in ``text``, so the mention's span stays exact.
    chars: list[str] = []
    where: list[int] = []
    closes = _closes(text)
    i = 0
    for o in sorted(closes):  # the brackets in order; one inside a note already skipped is passed
        j = closes[o]
        if o < i or j - o > _NOTE_LONGEST:
            continue
        note = unspaced(text[o + 1 : j])
        if g.is_note(note):
            _keep(text, i, o, chars, where)
            notes.append(note)
            i = j + 1
    _keep(text, i, len(text), chars, where)
    cleaned = "".join(chars)
    stripped = g.strip_etc(cleaned.rstrip(",;、。.:"))
    lead = len(stripped) - len(stripped.lstrip(",;、。.:"))
    stripped = stripped[lead:]
    # A mark before the name (★区发改委: the lead) is the mention's note, not its name.
    mark = next((m for m in g.marks if stripped.startswith(m)), None) if stripped.startswith(g.marks) else None
    if mark and len(stripped) > len(mark):
        notes.append(mark)
        lead, stripped = lead + len(mark), stripped[len(mark):]
    if not stripped:
        return "", where[0] if where else 0, None, tuple(notes)
    first, last = where[lead], where[lead + len(stripped) - 1]
    stop = last + 1
    return stripped, first, stop if stop - first != len(stripped) else None, tuple(notes)


def _keep(text: str, a: int, b: int, chars: list[str], where: list[int]) -> None:
    """Add the characters of ``text[a:b]`` but spaces to ``chars``, their offsets to ``where``."""
    run = text[a:b]
    if run.split() == [run]:  # no space in it: the whole run at once
        chars.append(run)
        where.extend(range(a, b))
        return
    for k in range(a, b):
        if not text[k].isspace():
            chars.append(text[k])
            where.append(k)


_BRACKET = re.compile(r"[()<>\[\]]")


def _closes(text: str) -> dict[int, int]:
    """Where each (, < and [ of ``text`` closes (nearest first), in one pass."""
    pairs = {"(": ")", "<": ">", "[": "]"}
    stacks: dict[str, list[int]] = {"(": [], "<": [], "[": []}
    opener = {v: k for k, v in pairs.items()}
    out: dict[int, int] = {}
    for m in _BRACKET.finditer(text):  # only the brackets, not every character
        i, ch = m.start(), m.group()
        if ch in stacks:
            stacks[ch].append(i)
        elif stacks[opener[ch]]:
            out[stacks[opener[ch]].pop()] = i
    return out

"""What one responsibility annotation says: its parts (units of one role and one side) and notes.

The recognisers (`graphmodel.extract.recognisers`) find annotations; this module reads their text
with the grammar's vocabulary:

- keyword segments: ``牵头单位:X;配合单位:Y``, ``[责任单位]X``, side labels ``沪方:X;滇方:Y``;
- clauses: ``X牵头,Y、Z配合``, ``由X牵头``, ``A会同B负责`` (a clause without a verb takes the
  verb of the next clause that has one: ``X牵头,Y等部门,Z配合``);
- within a segment, ``;`` splits the sides of a counterpart plan.

Sides are assigned later, once the document's sides are known. What cannot be read cleanly is
kept as a warning with its span, never dropped in silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import methodcaller

from graphmodel.extract.grammar import Grammar
from graphmodel.extract.memo import MISSING
from graphmodel.extract.names import Piece, clean_piece, list_items, split_item, split_list, split_top
from graphmodel.extract.text import _BRACKET_RE, bracket_depths, unspaced
from graphmodel.model import Role, Span

_MATCH_START = methodcaller("start")
_PERSON_SEPARATOR = re.compile("[、,;]")

__all__ = ["Part", "Annotation", "read_keyword_text", "read_clauses", "reads_as_clauses", "read_list", "mentions",
           "mention_names", "clause_parts"]


@dataclass
class Part:
    """Mentions of one role that share a side."""

    role: Role
    mentions: list[tuple[Piece, list[str]]]  # cleaned mention and the notes removed from it
    position: int | None = None  # index among ;-separated parts of one segment
    siblings: int = 1  # how many ;-separated parts that segment had
    side_label: str | None = None  # 上海方面: / 沪方: written in front of the units


@dataclass
class Annotation:
    """One annotation: where it is, its form, and what it says."""

    start: int
    end: int
    form: str  # the recogniser's name: keyword | table | clause | line | bare | clause-line | heading
    parts: list[Part] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[tuple[str, Span]] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def mentions(piece: Piece, g: Grammar) -> tuple[list[tuple[Piece, list[str]]], list[str]]:
    """The unit mentions of a list, cleaned, and the list's notes.

    Parameters
    ----------
    piece : Piece
        A list of units in normalised text.
    g : Grammar
        Gives the separators, notes and unit endings.

    Returns
    -------
    tuple of (list, list of str)
        Each mention (`clean_piece`) with the notes removed from it; and every note of the list:
        those removed from mentions, and a list item that is a note (…、省财政厅,排名第一的为牵头单位)
        or a deadline (…、省财政厅,2020年底前完成).

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> from graphmodel.extract.names import Piece
    >>> found, notes = mentions(Piece("市发改委(按职责分工负责)、市财政局,排名第一的为牵头单位", 0), default_grammar())
    >>> [(p.text, p.start, own) for p, own in found]
    [('市发改委', 0, ['按职责分工负责']), ('市财政局', 14, [])]
    >>> notes
    ['按职责分工负责', '排名第一的为牵头单位']
    """
    found, notes = _remembered_mentions(piece.text, g)
    at = piece.start
    return [(Piece(text, at + a, None if b is None else at + b), [*own]) for text, a, b, own in found], list(notes)


def mention_names(text: str, g: Grammar) -> list[str]:
    """The cleaned names of `mentions` of a list, without its pieces and notes: for a caller that
    asks only what the names are (whether a bracket lists units), so no piece is made for them.

    Parameters
    ----------
    text : str
        A list of units in normalised text.
    g : Grammar
        Gives the separators, notes and unit endings.

    Returns
    -------
    list of str
        ``[p.text for p, _ in mentions(Piece(text, 0), g)[0]]``, from the same memo.

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> mention_names("市发改委(按职责分工负责)、市财政局,排名第一的为牵头单位", default_grammar())
    ['市发改委', '市财政局']
    """
    return [name for name, _, _, _ in _remembered_mentions(text, g)[0]]


def _remembered_mentions(text: str, g: Grammar) -> tuple[tuple[tuple[str, int, int | None, tuple[str, ...]], ...],
                                                          tuple[str, ...]]:
    """`_mentions` of ``text``, remembered by text, with offsets from its start: the recognisers
    read one bracket in several forms, and a corpus lists the same units again and again."""
    hit = g.memo("mentions").get(text)  # (a hit without the call: asked for every list)
    return hit if hit is not None else g.remember("mentions", text, lambda t: _mentions(Piece(t, 0), g))


def _mentions(piece: Piece, g: Grammar) -> tuple[tuple[tuple[str, int, int | None, tuple[str, ...]], ...],
                                                  tuple[str, ...]]:
    """`mentions` of a piece starting at 0, as tuples."""
    out = []
    notes: list[str] = []
    if "各" not in piece.text:
        # No group whose levels the next item could continue (`split_list`): item by item, each
        # read at once and remembered by its text (a list is new, its items seldom are).
        items = g.memo("mention_item")
        for item, at in list_items(piece):
            read = items.get(item)
            if read is None:
                read = g.remember("mention_item", item, lambda t: _mention_item(t, g))
            for held, text, a, b in read:
                notes += held
                if b == -1:
                    notes.append(text)
                elif text:
                    out.append((text, at + a, None if b is None else at + b, held))
        return tuple(out), tuple(notes)
    return _mentions_by_list(piece, g)


def _mentions_by_list(piece: Piece, g: Grammar) -> tuple[tuple[tuple[str, int, int | None, tuple[str, ...]], ...],
                                                          tuple[str, ...]]:
    """`_mentions` of any list, through `split_list` (the way for a list a group runs through)."""
    out = []
    notes: list[str] = []
    for p in split_list(piece, g):
        cleaned, found = clean_piece(p, g)
        notes += found
        # (A name's unit ending, the cheapest question, first: most mentions have one.)
        if cleaned.text and not g.has_unit_end(cleaned.text) and (
                g.is_note(cleaned.text) or g.is_deadline(cleaned.text)):
            notes.append(cleaned.text)  # a note or a deadline (…,2020年底前完成) as a list item
        elif cleaned.text:
            out.append((cleaned.text, cleaned.start, cleaned.stop, tuple(found)))
    return tuple(out), tuple(notes)


def _mention_item(text: str, g: Grammar) -> tuple[tuple[tuple[str, ...], str, int, int | None], ...]:
    """The mentions of one item of a list no group runs through (`split_item`), read as `_mentions`
    reads them: for each, the notes it held, and its cleaned text with its start and stop (a stop
    of -1: the text is a note or a deadline, not a mention)."""
    out: list[tuple[tuple[str, ...], str, int, int | None]] = []
    for p in split_item(Piece(text, 0), g):
        cleaned, found = clean_piece(p, g)
        if cleaned.text and not g.has_unit_end(cleaned.text) and (
                g.is_note(cleaned.text) or g.is_deadline(cleaned.text)):
            out.append((tuple(found), cleaned.text, cleaned.start, -1))
        else:
            out.append((tuple(found), cleaned.text, cleaned.start, cleaned.stop))
    return tuple(out)


def read_clauses(piece: Piece, g: Grammar) -> list[tuple[Piece, Role, int, int]] | None:
    """Read text written as clauses closed by verbs: ``X牵头,Y、Z配合;P牵头,Q配合``.

    A clause with no verb (``Y等部门``) takes the role of the next clause that has one.

    Parameters
    ----------
    piece : Piece
        An annotation's text (or part of it), normalised.
    g : Grammar
        Gives the verbs and their roles, clause openers (由) and unit endings.

    Returns
    -------
    list of tuple or None
        ``(units, role, group, groups)`` for each clause: its units (a list still), its role, and
        which of the ``;``-separated groups (sides) it is in, of how many. None when the text is
        not in this form (a clause ends with no verb at all, or a name does not read as a unit).

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> from graphmodel.extract.names import Piece
    >>> clauses = read_clauses(Piece("市发改委牵头,市财政局、市商务局配合", 0), default_grammar())
    >>> [(units.text, role, group, groups) for units, role, group, groups in clauses]
    [('市发改委', 'lead', 0, 1), ('市财政局、市商务局', 'support', 0, 1)]
    >>> read_clauses(Piece("加快推进改革", 0), default_grammar()) is None
    True
    """
    found = g.memo("read_clauses").get(piece.text, MISSING)  # (None is an answer: not clauses)
    if found is MISSING:
        if not g.pattern("verb").search(piece.text):
            return None  # no clause closes with a verb (a keyword's list, the common case): not clauses
        found = g.remember("read_clauses", piece.text, lambda t: _read_clauses(Piece(t, 0), g))
    if found is None:
        return None
    at = piece.start
    return [(Piece(text, at + a), role, index, count) for text, a, role, index, count in found]


def reads_as_clauses(text: str, g: Grammar) -> bool:
    """Whether `read_clauses` reads ``text`` (its answer is not None), from the same memo, with no
    piece made for its clauses: for a caller that asks only whether (a sentence's form).

    Parameters
    ----------
    text : str
        An annotation's text (or part of it), normalised.
    g : Grammar
        Gives the verbs and their roles, clause openers (由) and unit endings.

    Returns
    -------
    bool
        ``read_clauses(Piece(text, 0), g) is not None``.

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> g = default_grammar()
    >>> reads_as_clauses("市发改委牵头,市财政局配合", g), reads_as_clauses("加快推进改革", g)
    (True, False)
    """
    found = g.memo("read_clauses").get(text, MISSING)
    if found is MISSING:
        if not g.pattern("verb").search(text):
            return False  # (not remembered: the memo holds the texts with a verb)
        found = g.remember("read_clauses", text, lambda t: _read_clauses(Piece(t, 0), g))
    return found is not None


def _read_clauses(piece: Piece, g: Grammar) -> tuple[tuple[str, int, Role, int, int], ...] | None:
    """`read_clauses` of a piece starting at 0, as tuples (remembered by text)."""
    groups = [grp for grp in split_top(piece, ";") if grp.text.strip(" \n。")]
    verb_end = g.pattern("verb-end")
    start_re = g.pattern("clause-start")
    out: list[tuple[Piece, Role, int, int]] = []
    for index, group in enumerate(groups):
        pending: list[Piece] = []
        for c in split_top(group, ","):
            text = c.text.strip(" \n。")
            if not text:
                continue
            lead = c.text.index(text[0])
            m = verb_end.search(text)
            if not m or m.start() == 0:
                pending.append(Piece(text, c.start + lead))
                continue
            units_text = text[: m.start()]
            opener = start_re.match(units_text)
            skip = opener.end() if opener else 0
            role = g.verb_role(m.group("verb"))
            for p in pending:
                out.append((p, role, index, len(groups)))
            pending = []
            out.append((Piece(units_text[skip:], c.start + lead + skip), role, index, len(groups)))
        if pending:
            return None
    if not out:
        return None
    known = g.memo("clause_names")
    names = [n for units, *_ in out
             for n in (known.get(units.text) or g.remember("clause_names", units.text, lambda t: _clause_names(t, g)))]
    if not names or not all(n and (g.looks_like_unit(n) or g.is_person(n)) for n in names):
        return None
    if all(g.is_person(n) for n in names):
        return None  # people only: no unit is responsible here
    return tuple((units.text, units.start, role, index, count) for units, role, index, count in out)


def _clause_names(text: str, g: Grammar) -> tuple[str, ...]:
    """The cleaned names of one clause's units (`split_list`, then `clean_piece`), remembered by
    text: a corpus names the same units in its clauses again and again. A list no group runs
    through is split and cleaned item by item through the items `mentions` remembers (the same
    splits: `split_list` splits such a list item by item too)."""
    piece = Piece(text, 0)
    if "各" in text:
        return tuple(clean_piece(p, g)[0].text for p in split_list(piece, g))
    names: list[str] = []
    for item, _ in list_items(piece):
        names += [name for _, name, _, _ in g.remember("mention_item", item, lambda t: _mention_item(t, g))]
    return tuple(names)


def clause_parts(clauses: list[tuple[Piece, Role, int, int]], g: Grammar, ann: Annotation | None = None
                 ) -> tuple[list[Part], list[str]]:
    """The parts of clauses (see `read_clauses`).

    Parameters
    ----------
    clauses : list of tuple
        As `read_clauses` returns them.
    g : Grammar
        Gives the separators, notes and person titles.
    ann : Annotation, optional
        Receives in ``persons`` the people a clause names (由杨志武副市长负责).

    Returns
    -------
    tuple of (list of Part, list of str)
        One part per clause that names a unit, and the notes of the lists.

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> from graphmodel.extract.names import Piece
    >>> g = default_grammar()
    >>> parts, notes = clause_parts(read_clauses(Piece("市发改委牵头,市财政局、市商务局配合", 0), g), g)
    >>> [(p.role, [m.text for m, _ in p.mentions]) for p in parts]
    [('lead', ['市发改委']), ('support', ['市财政局', '市商务局'])]
    """
    parts, notes = [], []
    for units, role, index, count in clauses:
        ms, ns = mentions(units, g)
        people = [p.text for p, _ in ms if g.is_person(p.text)]
        if people:
            if ann is not None:
                ann.persons += people
            ms = [(p, n) for p, n in ms if not g.is_person(p.text)]
        if ms:
            parts.append(Part(role, ms, position=index if count > 1 else None, siblings=count))
        notes += ns
    return parts, notes


def read_list(piece: Piece, role: Role, g: Grammar, ann: Annotation | None = None) -> tuple[list[Part], list[str]]:
    """The parts of a list of units with one role (a segment after its keyword, a table cell).

    Clauses if it is written as clauses (`read_clauses`), else ``;`` splits it into sides,
    each maybe labelled (沪方:).

    Parameters
    ----------
    piece : Piece
        The list, in normalised text.
    role : str
        The role its keyword gives (``lead``, ``responsible``, ``support``).
    g : Grammar
        Gives the vocabulary.
    ann : Annotation, optional
        Receives the people clauses name.

    Returns
    -------
    tuple of (list of Part, list of str)
        The parts, with their position among the ``;``-parts (``position``, ``siblings``) and
        label; and the notes of the list.

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> from graphmodel.extract.names import Piece
    >>> parts, _ = read_list(Piece("上海市发改委;大连市发改委", 0), "responsible", default_grammar())
    >>> [([m.text for m, _ in p.mentions], p.position, p.siblings) for p in parts]
    [(['上海市发改委'], 0, 2), (['大连市发改委'], 1, 2)]
    >>> parts, _ = read_list(Piece("沪方:市发改委;连方:市发改委", 0), "lead", default_grammar())
    >>> [(p.role, p.side_label) for p in parts]
    [('lead', '沪'), ('lead', '连')]
    """
    clauses = read_clauses(piece, g)
    if clauses:
        return clause_parts(clauses, g, ann)
    pieces = [p for p in split_top(piece, ";") if p.text.strip(" \n,。")]
    label_re = g.pattern("side-label")
    parts = []
    notes = []
    for i, p in enumerate(pieces):
        label = None
        m = label_re.match(p.text) if ":" in p.text else None  # (a label ends with its colon)
        if m:
            label = m.group("label")
            p = p.sub(m.end())
        ms, ns = mentions(p, g)
        notes += ns
        if ms:
            parts.append(Part(role, ms, position=i, siblings=len(pieces), side_label=label))
    return parts, notes


def _segments(piece: Piece, g: Grammar) -> list[tuple[str | None, str | None, Piece, Span]]:
    """Split text at each ``keyword:`` (or a side's label) outside brackets: (keyword, label,
    content, the keyword's span). A word shaped like a keyword that the grammar does not know
    (数据提供单位:) splits too; `read_keyword_text` reports it. (Not remembered on its own: the
    reading of the whole text is, `read_keyword_text`.)"""
    return _split_segments(piece, g)


def _split_segments(piece: Piece, g: Grammar) -> list[tuple[str | None, str | None, Piece, Span]]:
    """`_segments`, worked out."""
    # (`Grammar.find_in_short`: the patterns' matches, found up to the last colon or closing
    # bracket, which every match holds, not in the list of units after it.)
    text = piece.text
    depths = bracket_depths(text) if _BRACKET_RE.search(text) else None  # (None: depth 0 everywhere)
    hits = [m for m in g.find_in_short("keyword", text) if depths is None or depths[m.start()] == 0]
    taken = [(m.start(), m.end()) for m in hits]
    # Every match of keyword-like holds a mark (a colon, a closing square bracket): where each of the
    # text's marks is inside a known keyword's match, each match overlaps one and is left out (the
    # common case: no scan).
    marks = text.count(":") + text.count("]")
    if marks > sum(text.count(":", a, b) + text.count("]", a, b) for a, b in taken):
        for m in g.find_in_short("keyword-like", text):  # (most are known keywords: asked first)
            if (depths is None or depths[m.start()] == 0) and g.unknown_keyword(m.group("word")) and not any(
                    a < m.end() and m.start() < b for a, b in taken):
                hits.append(m)
        hits.sort(key=_MATCH_START)
    out: list[tuple[str | None, str | None, Piece, Span]] = []
    if hits and hits[0].start() > 0 and piece.text[: hits[0].start()].strip(" \n,;。"):
        out.append((None, None, piece.sub(0, hits[0].start()), (piece.start, piece.start)))
    for k, m in enumerate(hits):
        end = hits[k + 1].start() if k + 1 < len(hits) else len(piece.text)
        groups = m.groupdict()
        keyword = groups.get("bracketed") or groups.get("keyword") or groups.get("word")
        out.append((keyword.replace("\n", "") if keyword else None, groups.get("label"), piece.sub(m.end(), end),
                    (piece.start + m.start(), piece.start + m.end())))
    return out


def read_keyword_text(piece: Piece, ann: Annotation, g: Grammar) -> None:
    """Read an annotation's text, keyword segments (牵头单位:X;配合单位:Y), into the annotation.

    A keyword the grammar does not know (数据提供单位:) is read by its shape, with a warning.

    Parameters
    ----------
    piece : Piece
        The annotation's text inside its bracket, normalised.
    ann : Annotation
        Receives the parts, persons, notes and warnings.
    g : Grammar
        Gives the keywords and their roles.

    Returns
    -------
    None

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> from graphmodel.extract.names import Piece
    >>> ann = Annotation(0, 30, "keyword")
    >>> read_keyword_text(Piece("牵头单位:市发改委;配合单位:市财政局、市商务局", 1), ann, default_grammar())
    >>> [(p.role, [(m.text, m.start) for m, _ in p.mentions]) for p in ann.parts]
    [('lead', [('市发改委', 6)]), ('support', [('市财政局', 16), ('市商务局', 21)])]
    >>> ann = Annotation(0, 13, "keyword")
    >>> read_keyword_text(Piece("数据提供单位:市统计局", 1), ann, default_grammar())
    >>> ann.warnings
    [("unknown keyword '数据提供单位': read as a list of responsible units", (1, 8))]
    """
    if piece.stop is not None:  # (never so from the recognisers: a reading is remembered by text alone)
        _read_keyword_text(piece, ann, g)
        return
    # Remembered whole by text, offsets from the piece's start: a corpus writes the same
    # annotations again and again, and one bracket is read by several recognisers. A text met for
    # the first time is read where it stands and its reading put into ``ann`` as read (what a replay
    # of its record would put there).
    known = g.memo("keyword_text").get(piece.text)
    if known is not None:  # (a hit without the call and the closure)
        _replay(known, piece.start, ann)
        return
    fresh: list[Annotation] = []

    def read(text: str) -> _Reading:
        new = Annotation(0, 0, "")
        _read_keyword_text(Piece(text, piece.start), new, g)
        fresh.append(new)
        return _record(new, piece.start)

    reading = g.remember("keyword_text", piece.text, read)
    if not fresh:
        _replay(reading, piece.start, ann)
        return
    new = fresh[0]
    ann.parts += new.parts
    ann.persons += new.persons
    ann.notes += new.notes
    ann.warnings += new.warnings


# What reading a text puts into an annotation, offsets from the text's start: the parts (role,
# mentions as (text, start, stop, notes), position, siblings, label), persons, notes, warnings.
_Reading = tuple[
    tuple[tuple[Role, tuple[tuple[str, int, int | None, tuple[str, ...]], ...], int | None, int, str | None], ...],
    tuple[str, ...], tuple[str, ...], tuple[tuple[str, Span], ...]]


def _record(ann: Annotation, at: int) -> _Reading:
    """What an annotation read from a text starting at ``at`` holds, as tuples, offsets from ``at``."""
    # (tuples of lists made by comprehensions: cheaper than of generators)
    parts = tuple([(part.role, tuple([(p.text, p.start - at, None if p.stop is None else p.stop - at, tuple(notes))
                                      for p, notes in part.mentions]),
                    part.position, part.siblings, part.side_label) for part in ann.parts])
    return parts, tuple(ann.persons), tuple(ann.notes), tuple([(m, (a - at, b - at)) for m, (a, b) in ann.warnings])


def _replay(reading: _Reading, at: int, ann: Annotation) -> None:
    """Put a recorded reading (`_record`) of a text starting at ``at`` into ``ann``."""
    parts, persons, notes, warnings = reading
    for role, found, position, siblings, label in parts:
        ann.parts.append(Part(role, [(Piece(text, at + a, None if b is None else at + b), [*own])
                                     for text, a, b, own in found], position, siblings, label))
    ann.persons += persons
    ann.notes += notes
    ann.warnings += [(message, (at + a, at + b)) for message, (a, b) in warnings]


def _read_keyword_text(piece: Piece, ann: Annotation, g: Grammar) -> None:
    """`read_keyword_text`, worked out."""
    role: Role = "responsible"  # a side's label alone lists responsible units
    for keyword, label, content, where in _segments(piece, g):
        kind = g.keyword_role(keyword) if keyword else None
        if keyword is not None and kind is None and label is None:
            # A keyword this grammar does not know: never part of a unit's name; what it lists is
            # read by its shape (…单位: units, responsible; …领导: people).
            kind = g.unknown_keyword(keyword) or "responsible"
            what = "people" if kind == "person" else f"{kind} units"
            ann.warnings.append((f"unknown keyword {keyword!r}: read as a list of {what}", where))
        if kind == "field":
            continue
        content = _sentence(content, ann, g)
        if kind == "person":
            person = unspaced(content.text.strip(" \n,;。"))
            ann.persons += [p for p in _PERSON_SEPARATOR.split(person) if p]
            continue
        if kind is not None:
            role = kind
        parts, notes = read_list(content, role, g, ann)
        if label is not None:
            # 牵头单位:上海方面:X;大连方面:Y and 沪方:X;滇方:Y: the label names the side.
            for part in parts:
                part.side_label = part.side_label or label
                part.position, part.siblings = None, 1
        ann.parts += parts
        ann.notes += notes


def _sentence(content: Piece, ann: Annotation, g: Grammar) -> Piece:
    """A list of units ends at the end of a sentence; what follows is a note, or is reported."""
    stop = content.text.find("。")
    if stop < 0:
        return content
    rest = content.sub(stop + 1)
    tail = unspaced(rest.text).strip("。,;")
    if tail:
        if g.is_note(tail):
            ann.notes.append(tail)
        else:
            span = (rest.start, rest.end)
            ann.warnings.append((f"text after a full stop in an annotation was not read: {tail[:20]!r}", span))
    return content.sub(0, stop)

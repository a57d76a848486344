"""Where the annotations are: one recogniser per form, registered in one list.

Each recogniser scans the whole document once and proposes annotations (`Annotation`, read with
the grammar); `graphmodel.extract.policy` then settles overlaps. The forms:

- ``sentences``: a bracket of several sentences (split at ``。``; a sentence no form reads whole is
  split at ``;``), each read by the form that reads it (a keyword, clauses, a bare list, a note), one
  of them by a keyword or clauses: ``(A、B等按职责分工负责。责任单位:P、Q。以下均需P、Q落实,不再列出)``;
- ``keyword``: a bracket that opens with a keyword or a side label: ``(责任单位:A;B)``,
  ``【牵头单位:X】``, ``(沪方:X;滇方:Y)``;
- ``table``: a row of a task table (序号 / 任务 / 牵头单位 / 配合单位 columns);
- ``clause``: a bracket of clauses closed by verbs: ``(X牵头,Y、Z配合)``, ``(由X牵头)``, ``(A会同B负责)``;
- ``line``: a keyword outside brackets, to the end of its line or the next keyword: ``牵头单位:X``,
  ``【配合单位】Y``, ``沪方:X``;
- ``bare``: a bracketed list of units, no keyword, that ends its paragraph or item: ``(A、B、各区县)``;
- ``clause-line``: clauses opening a line, no bracket: ``由X副市长负责,市发改委牵头,相关部门配合,…``;
- ``heading``: a heading that names whose work the items under it are: ``(一)省监察厅牵头的工作``
  (its units hold for every item beneath it, `graphmodel.extract.attach`).

A recogniser that needs the outline (``bare``, ``clause-line``, ``heading``) runs after the others,
whose spans the outline skips. A bracket left open is read to the end of its line, with a warning.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import methodcaller

from graphmodel.extract.annotations import (
    Annotation,
    Part,
    clause_parts,
    mention_names,
    mentions,
    read_clauses,
    read_keyword_text,
    read_list,
    reads_as_clauses,
)
from graphmodel.extract.grammar import Grammar
from graphmodel.extract.names import Piece, split_top
from graphmodel.extract.outline import Item
from graphmodel.extract.tables import Table, table_lines
from graphmodel.extract.text import BracketPairs, covers, unspaced

__all__ = ["Doc", "Recogniser", "RECOGNISERS", "recognise", "item_at"]

_BOUNDARY = set(" \n。;,:)>]")
_LONGEST = 400  # characters: a bracket longer than this holds prose, never an annotation
_ADDRESSEE = re.compile(r"(?:各|有关|相关|其他|其它|全体)")  # 各有关单位: a notice's addressee, not a keyword
_TRAILER = re.compile(r"[\s。;,.、|]*")
_LIST_SEPARATOR = re.compile("[、,]")
_MATCH_START = methodcaller("start")
_PROSE_MARK = re.compile(r"[。:!?]")  # a mention holding one is a sentence, not a unit's name
_LINE_START = re.compile(r"\n[ ]*")
_CLAUSE = re.compile(r"[^,;]+")
_ITEM_START = re.compile(r"[一二三四五六七八九十]+、|\(|\d+[.、]|[①-⑳]")


@dataclass
class Doc:
    """What the recognisers read: the text as read and normalised, the grammar, brackets, tables,
    and (for the recognisers that need it) the outline."""

    raw: str
    norm: str
    grammar: Grammar
    brackets: BracketPairs
    tables: list[Table]
    items: list[Item] = field(default_factory=list)
    enumerators: list[int] = field(default_factory=list)  # where an enumerator may stand, in order
    _inside: Callable[[int], bool] | None = None
    _pairs: list[tuple[int, int]] | None = None

    def bracket_pairs(self) -> list[tuple[int, int]]:
        """The closed bracket pairs (open, close), in the order of their openings (sorted once)."""
        if self._pairs is None:
            self._pairs = sorted(self.brackets.close.items())
        return self._pairs

    def inside_bracket(self, at: int) -> bool:
        """Whether ``at`` lies strictly inside a closed bracket pair (by bisection over the pairs'
        insides, made once: no array as long as the text)."""
        if self._inside is None:
            self._inside = covers((a + 1, b) for a, b in self.bracket_pairs())
        return self._inside(at)

    def line_of(self, at: int) -> int:
        return self.norm.count("\n", 0, at) + 1


Recogniser = Callable[[Doc, list[Annotation]], Iterable[Annotation]]


def _keyword_brackets(doc: Doc, found: list[Annotation]) -> Iterable[Annotation]:
    g, norm = doc.grammar, doc.norm
    keyword = g.pattern("keyword")
    for a, b in doc.bracket_pairs():
        at = a + 1
        while at < b and norm[at] in " \n":
            at += 1
        if _may_open_keyword(norm, at, b) and (keyword.match(norm, at, b) or _unknown_keyword_at(doc, at, b)):
            ann = Annotation(a, b + 1, "keyword")
            read_keyword_text(Piece(norm[a + 1 : b], a + 1), ann, g)
            yield ann
    unclosed = doc.brackets.unclosed
    for k, a in enumerate(unclosed):
        if not keyword.match(norm, a + 1):
            continue
        # To the end of its line, or to the next bracket left open: an annotation never runs into
        # another (and reading stays linear however many brackets are left open).
        stop = norm.find("\n", a)
        stop = len(norm) if stop < 0 else stop
        if k + 1 < len(unclosed):
            stop = min(stop, unclosed[k + 1])
        ann = Annotation(a, stop, "keyword")
        ann.warnings.append((f"the bracket opened at line {doc.line_of(a)} never closes; read to the end of "
                             "its line", (a, stop)))
        read_keyword_text(Piece(norm[a + 1 : stop], a + 1), ann, g)
        yield ann


def _may_open_keyword(text: str, at: int, end: int) -> bool:
    """Whether a keyword (known or not: 督办单位:) may open ``text[at:end]``: every match of the
    keyword patterns holds a colon or opens with a square bracket, and most texts asked about
    (enumerators, clauses) hold neither, so the patterns are not tried on them."""
    return text.startswith("[", at) or text.find(":", at, end) >= 0


def _body(doc: Doc, a: int, b: int) -> tuple[Piece, list[str]]:
    """A bracket's content, cut at a full stop that a note follows (…配合。下同) and before the
    deadlines that close it (…分别负责,年内持续推进): the list, and the notes."""
    content = doc.norm[a + 1 : b] if b - a <= _LONGEST else ""
    notes: list[str] = []
    stop = content.find("。")
    if stop >= 0:
        tail = unspaced(content[stop + 1 :]).strip("。,;")
        if tail and doc.grammar.is_note(tail):
            content, notes = content[:stop], [tail]
    while True:
        cut = max(content.rfind(","), content.rfind(";"))
        tail = unspaced(content[cut + 1 :]).strip("。")
        if cut <= 0 or not tail or not doc.grammar.is_deadline(tail):
            break
        content, notes = content[:cut], [tail, *notes]
    return Piece(content, a + 1), notes


def _unknown_keyword_at(doc: Doc, at: int, end: int) -> bool:
    """Whether a keyword the grammar does not know (督办单位:) opens the text at ``at``."""
    m = doc.grammar.pattern("keyword-like").match(doc.norm, at, end)
    if m is None:
        return False
    return bool(doc.grammar.unknown_keyword(m.group("word"))) and not _ADDRESSEE.match(m.group("word"))


def _sentence_brackets(doc: Doc, found: list[Annotation]) -> Iterable[Annotation]:
    """A bracket of several sentences, each read by its own form, so that one sentence's form
    (A、B等按职责分工负责。) does not keep another's (责任单位:P、Q。) from being read. A bracket that
    one sentence fills is left to the other forms."""
    norm = doc.norm
    for a, b in doc.bracket_pairs():
        if norm[a] not in "([" or b - a > _LONGEST:
            continue
        content = norm[a + 1 : b]
        if "。" not in content and ";" not in content:
            continue  # one sentence: the cheap test first, as most brackets are
        ann = Annotation(a, b + 1, "sentences")
        if _read_sentences(doc, Piece(content, a + 1), ann):
            yield ann


def _read_sentences(doc: Doc, piece: Piece, ann: Annotation) -> bool:
    """Read ``piece`` sentence by sentence into ``ann``: whether it has two sentences or more, each
    read, one of them by a keyword or by clauses, and some unit named. Each sentence's form is
    found first and the sentences read only when the bracket is kept (most brackets of one
    sentence are not: another form reads them)."""
    opens = _opens_with_keyword(doc, piece)
    if "。" not in piece.text and opens:
        return False  # one sentence, a keyword's: the keyword form reads it, ;-parts and all (the common case)
    sentences = split_top(piece, "。")
    if opens and sum(1 for s in sentences if s.text.strip(" \n,;")) < 2:
        return False
    plan: list[tuple[Piece, str | None]] = []
    for sentence in sentences:
        form = _sentence_form(doc, sentence)
        halves = split_top(sentence, ";") if form is None else []
        if len(halves) > 1:  # X等按职责分工负责;责任单位:P: each part by its form
            plan += [(half, _sentence_form(doc, half) or _note_form(doc, half)) for half in halves]
        else:  # a note is the last reading tried: its words (负责) are found in most annotations
            plan.append((sentence, form or _note_form(doc, sentence)))
    read = [form for _, form in plan]
    if None in read:
        return False
    read = [form for form in read if form != "empty"]
    if len(read) < 2 or not {"keyword", "clause"} & set(read):
        return False
    for sentence, form in plan:
        _read_as(doc, sentence, ann, form)
    return bool(ann.parts)


def _sentence_form(doc: Doc, piece: Piece) -> str | None:
    """The first form that reads one sentence of a bracket whole, a note aside: its name
    (``empty`` for nothing but spaces), or None when none does. Reads nothing into an annotation."""
    g = doc.grammar
    if not unspaced(piece.text).strip(",;"):
        return "empty"
    if _opens_with_keyword(doc, piece):
        return "keyword"
    if reads_as_clauses(piece.text, g):  # (no pieces made: only whether)
        return "clause"
    # A note whose words end like a unit's name (列第一位的为牵头部门) is not a list of units.
    if _bare_list(piece, g) and not any(g.is_note(name) for name in mention_names(piece.text, g)):
        return "bare"
    return None


def _note_form(doc: Doc, piece: Piece) -> str | None:
    """``note`` when a sentence no other form reads is a note or a deadline, else None."""
    g = doc.grammar
    flat = unspaced(piece.text).strip("。,;")
    return "note" if g.is_note(flat) or g.is_deadline(flat) else None


def _read_as(doc: Doc, piece: Piece, ann: Annotation, form: str | None) -> None:
    """Read one sentence of a bracket into ``ann`` by its form (`_sentence_form`, `_note_form`)."""
    g = doc.grammar
    if form == "keyword":
        read_keyword_text(piece, ann, g)
    elif form == "clause":
        clauses = read_clauses(piece, g)
        assert clauses is not None  # (its form says so)
        parts, notes = clause_parts(clauses, g, ann)
        ann.parts += parts
        ann.notes += notes
    elif form == "bare":
        parts, notes = read_list(piece, "responsible", g)
        ann.parts += parts
        ann.notes += notes
    elif form == "note":
        ann.notes.append(unspaced(piece.text).strip("。,;"))


def _opens_with_keyword(doc: Doc, piece: Piece) -> bool:
    """Whether a keyword (or one the grammar does not know, 督办单位:) opens ``piece``."""
    at = piece.start + len(piece.text) - len(piece.text.lstrip(" \n"))
    if not _may_open_keyword(doc.norm, at, piece.end):
        return False
    keyword = doc.grammar.pattern("keyword").match(doc.norm, at, piece.end)
    return keyword is not None or _unknown_keyword_at(doc, at, piece.end)


def _clause_brackets(doc: Doc, found: list[Annotation]) -> Iterable[Annotation]:
    g, norm = doc.grammar, doc.norm
    verb = g.pattern("verb-end")
    any_verb = g.pattern("verb")
    keyword_brackets = {a.start for a in found if a.form == "keyword"}
    lengths = g.verb_lengths()
    shortest = lengths[-1] if lengths else 0
    for a, b in doc.bracket_pairs():
        if norm[a] != "(" or b - a > _LONGEST or a in keyword_brackets:
            continue  # a keyword bracket is read already; the policy would keep it over a clause
        if b - a - 1 < shortest:
            continue  # (shorter than any verb, (一): no pattern's call to find none)
        if not any_verb.search(norm, a + 1, b):
            continue  # no verb in the bracket (an enumerator, a name): none closes its body's last clause
        piece, notes = _body(doc, a, b)
        if not verb.search(piece.text.rstrip(" \n。;,")):  # the last clause must close with a verb
            continue
        clauses = read_clauses(piece, g)
        if clauses is None:
            continue
        ann = Annotation(a, b + 1, "clause", notes=notes)
        ann.parts, more = clause_parts(clauses, g, ann)
        ann.notes += more
        yield ann


def _line_end(doc: Doc, at: int) -> int:
    """End of a keyword line: the end of its line or an enumerator, whichever comes first (a plan on
    one long line: 责任单位:县财政局 2.落实…); it runs on to the next line while its last name is cut
    short (宜兴市人 / 民政府 in text copied from a PDF) or it ends with a list separator."""
    norm, g = doc.norm, doc.grammar
    k = bisect.bisect_right(doc.enumerators, at)
    end = doc.enumerators[k] if k < len(doc.enumerators) else len(norm)
    stop = norm.find("\n", at)
    keyword = g.pattern("keyword")
    if stop >= end:
        return end
    while stop >= 0:
        line = norm[at:stop].rstrip()
        after = norm.find("\n", stop + 1)
        nxt = norm[stop + 1 : after if after >= 0 else end].strip()
        last = _LIST_SEPARATOR.split(line)[-1].strip() if line else ""
        cut = line.endswith(("、", ",")) or (last and not g.looks_like_unit(last))
        if not nxt or not cut or (_may_open_keyword(nxt, 0, len(nxt)) and keyword.match(nxt)) or _ITEM_START.match(nxt):
            return stop
        stop = norm.find("\n", stop + 1, end)
    return end


def _cell_end(norm: str, at: int, end: int) -> int:
    """Where a keyword's value ends in a row of a table written with bars (牵头单位: | X |): at the
    bar closing its cell; ``end`` when the value has no bar after it."""
    k = at
    while k < end and norm[k] in " |":
        k += 1  # the bar opening the value's cell
    bar = norm.find("|", k, end)
    return bar if bar > k else end


def _keyword_lines(doc: Doc, found: list[Annotation]) -> Iterable[Annotation]:
    g, norm = doc.grammar, doc.norm
    in_table = covers(table_lines(doc.tables))
    known = g.find_all("keyword", norm)
    # The keywords' ends, in order (the matches of one scan neither overlap nor go back).
    ends = [m.end() for m in known]

    def clashes(m: re.Match[str]) -> bool:  # overlaps a known keyword
        k = bisect.bisect_right(ends, m.start())
        return k < len(known) and known[k].start() < m.end()

    # A keyword this grammar does not know (数据提供单位:) opens a line too; reading it warns.
    # (no window at a colon inside a known keyword: a match there clashes)
    unknown = [m for m in g.find_all("keyword-like", norm, [m.span() for m in known])
               if g.unknown_keyword(m.group("word")) and not _ADDRESSEE.match(m.group("word")) and not clashes(m)]
    hits = [m for m in (sorted(known + unknown, key=_MATCH_START) if unknown else known)  # (known: in order)
            if not doc.inside_bracket(m.start()) and (m.start() == 0 or norm[m.start() - 1] in _BOUNDARY)
            and not in_table(m.start())]
    for k, m in enumerate(hits):
        pos = m.start()
        stop = _cell_end(norm, m.end(), _line_end(doc, m.end()))
        if k + 1 < len(hits) and hits[k + 1].start() < stop:
            stop = hits[k + 1].start()
        ann = Annotation(pos, stop, "line")
        read_keyword_text(Piece(norm[pos:stop], pos), ann, g)
        _drop_prose(ann, g)
        if ann.parts or ann.persons:
            yield ann


def _drop_prose(ann: Annotation, g: Grammar) -> None:
    """A keyword line in prose (…牵头单位:要加强…) names no units: a mention that is a long phrase
    or a sentence is not a unit; it is reported, not kept."""
    for part in ann.parts:
        kept = []
        for piece, notes in part.mentions:
            # (the shape first: most names are short and hold no mark; looks_like_unit is a call)
            if (len(piece.text) > 25 or _PROSE_MARK.search(piece.text)) and not g.looks_like_unit(piece.text):
                ann.warnings.append((f"not read as a unit: {piece.text[:20]!r}", (piece.start, piece.end)))
                continue
            kept.append((piece, notes))
        part.mentions = kept
    ann.parts = [p for p in ann.parts if p.mentions]


def _table_rows(doc: Doc, found: list[Annotation]) -> Iterable[Annotation]:
    for table in doc.tables:
        for row in table.rows:
            ann = Annotation(row.text.end, row.end, "table")
            for role, cell, label in row.roles:
                parts, notes = read_list(cell, role, doc.grammar)
                for part in parts:
                    part.side_label = part.side_label or label
                ann.parts += parts
                ann.notes += notes
            if ann.parts:
                yield ann


def item_at(items: list[Item], at: int, starts: list[int] | None = None) -> int | None:
    """The item whose text holds an offset.

    Parameters
    ----------
    items : list of Item
        Items in document order (`parse_outline`), each running to its ``end``.
    at : int
        An offset of the text.
    starts : list of int, optional
        ``[it.start for it in items]``, made once by a caller that asks for many offsets.

    Returns
    -------
    int or None
        The index of the last item starting at or before ``at``, if ``at`` is before its end;
        None otherwise (before the first item, or after the end of the last).

    Examples
    --------
    >>> from graphmodel.extract.outline import parse_outline
    >>> items = parse_outline("前言\\n一、甲。\\n二、乙。")
    >>> item_at(items, 0), item_at(items, 4), item_at(items, 9)
    (None, 0, 1)
    """
    k = (bisect.bisect_right(items, at, key=_start) if starts is None else bisect.bisect_right(starts, at)) - 1
    return k if k >= 0 and at < items[k].end else None


def _start(item: Item) -> int:
    return item.start


def _bare_brackets(doc: Doc, found: list[Annotation]) -> Iterable[Annotation]:
    """A bracketed list of units that ends its paragraph or its item, in an item with no other
    annotation."""
    g, norm = doc.grammar, doc.norm
    starts = [it.start for it in doc.items]
    claimed_items = {item_at(doc.items, a.start, starts) for a in found}
    for a, b in doc.bracket_pairs():
        if norm[a] != "(" or b - a > _LONGEST:
            continue
        k = item_at(doc.items, a, starts)
        if k in claimed_items:
            continue
        end = doc.items[k].end if k is not None else len(norm)
        after = _TRAILER.match(norm, b + 1, end)
        tail_end = after.end() if after else b + 1
        if not (tail_end >= end or "\n" in norm[b + 1 : tail_end]):
            continue
        piece, notes = _body(doc, a, b)
        if not _bare_list(piece, g):
            continue
        ann = Annotation(a, b + 1, "bare", notes=notes)
        pieces = [p for p in split_top(piece, ";") if p.text.strip()]
        for i, p in enumerate(pieces):
            ms, ns = mentions(p, g)
            ann.notes += ns
            if ms:
                ann.parts.append(Part("responsible", ms, position=i, siblings=len(pieces)))
        claimed_items.add(k)
        yield ann


def _bare_list(piece: Piece, g: Grammar) -> bool:
    text = piece.text
    if "。" in text or len(text) > 400 or not text.strip():
        return False
    if g.is_note(unspaced(text)) and not _LIST_SEPARATOR.search(text):
        return False
    names = mention_names(text, g)  # (the names only: no pieces made)
    if not names or any(len(name) > 40 for name in names):
        return False
    if not all(g.looks_like_unit(name) for name in names):
        return False
    return not (len(names) == 1 and g.is_placeholder(names[0]) and not text.startswith("各"))


def _clause_lines(doc: Doc, found: list[Annotation]) -> Iterable[Annotation]:
    """Clauses opening a line of an item with no other annotation: 由杨志武副市长负责,市发改委牵头,
    相关部门配合,尽快完成…; the annotation is the run of clauses that close with a verb."""
    g, norm = doc.grammar, doc.norm
    verb = g.pattern("verb-end")
    starts = [it.start for it in doc.items]
    claimed = {item_at(doc.items, a.start, starts) for a in found}
    for k, it in enumerate(doc.items):
        if k in claimed or it.style == "row":
            continue
        starts = [it.body] + [m.end() for m in _LINE_START.finditer(norm[it.body : it.end])]
        for start in starts:
            at = start if start == it.body else it.body + start
            while at < it.end and norm[at] == " ":
                at += 1
            stop = min(x for x in (norm.find("。", at, it.end), norm.find("\n", at, it.end), it.end) if x >= 0)
            end = at
            for clause in _CLAUSE.finditer(norm[at:stop]):
                if not verb.search(clause.group().strip()):
                    break
                end = at + clause.end()
            if end == at:
                continue
            piece = Piece(norm[at:end], at)
            clauses = read_clauses(piece, g)
            if clauses is None:
                continue
            ann = Annotation(at, end, "clause-line")
            ann.parts, ann.notes = clause_parts(clauses, g, ann)
            if ann.parts:
                yield ann
                break


_HEADING_LONGEST = 60  # characters: a longer first line is a sentence, not a heading


def _heading_leads(doc: Doc, found: list[Annotation]) -> Iterable[Annotation]:
    """An item's heading line that is a clause and a heading tail (省监察厅牵头的工作): whose work
    the items under it are. A heading has text or items beneath it and no full stop; one naming
    people only (孟学农省长负责的工作) names no unit."""
    g, norm = doc.grammar, doc.norm
    tail = g.pattern("heading-tail")
    for it in doc.items:
        if it.style in ("row", "para", "line"):
            continue
        at = it.body
        while at < it.end and norm[at] == " ":
            at += 1
        stop = norm.find("\n", at, it.end)
        if stop < 0 and not it.children:
            continue  # nothing beneath it: a sentence, not a heading
        line = norm[at : stop if stop >= 0 else it.end].rstrip(" :")
        m = tail.search(line) if len(line) <= _HEADING_LONGEST else None
        if m is None or m.start() == 0:
            continue
        clauses = read_clauses(Piece(line[: m.start()], at), g)
        if clauses is None:
            continue
        ann = Annotation(at, at + len(line), "heading")
        ann.parts, ann.notes = clause_parts(clauses, g, ann)
        if ann.parts:
            yield ann


# The registry: (name, recogniser, needs the outline). For annotations with the same span, the
# earlier entry wins (see `graphmodel.extract.policy`).
RECOGNISERS: list[tuple[str, Recogniser, bool]] = [
    ("sentences", _sentence_brackets, False),  # before keyword: a keyword opening one sentence of several
    ("keyword", _keyword_brackets, False),
    ("table", _table_rows, False),
    ("clause", _clause_brackets, False),
    ("line", _keyword_lines, False),
    ("bare", _bare_brackets, True),
    ("clause-line", _clause_lines, True),
    ("heading", _heading_leads, True),
]


def recognise(doc: Doc, *, outline: bool, prior: list[Annotation] | None = None) -> list[Annotation]:
    """Every annotation that the recognisers of one kind propose.

    Parameters
    ----------
    doc : Doc
        The document; ``doc.items`` must hold the outline when ``outline`` is True.
    outline : bool
        Run the recognisers that need the outline (``bare``, ``clause-line``), or the others.
    prior : list of Annotation, optional
        Annotations already accepted, which a later recogniser may defer to (an item that has
        one gets no bare bracket).

    Returns
    -------
    list of Annotation
        The proposals, which may overlap (`graphmodel.extract.policy.settle` settles them).

    Examples
    --------
    >>> from graphmodel.extract.grammar import default_grammar
    >>> from graphmodel.extract.outline import parse_outline
    >>> from graphmodel.extract.recognisers import Doc, recognise
    >>> from graphmodel.extract.text import normalize, pair_brackets
    >>> text = ("一、推进改革。（牵头单位：市发改委；配合单位：市财政局）\\n"
    ...         "二、扩大开放\\n（一）引进外资。\\n（二）发展外贸。\\n（市商务局、市外办）")
    >>> norm = normalize(text)
    >>> doc = Doc(text, norm, default_grammar(), pair_brackets(norm), [])
    >>> early = recognise(doc, outline=False)
    >>> doc.items = parse_outline(norm, skip=[a.span for a in early])
    >>> annotations = early + recognise(doc, outline=True, prior=early)
    >>> [(a.form, norm[a.start:a.end]) for a in annotations]
    [('keyword', '(牵头单位:市发改委;配合单位:市财政局)'), ('bare', '(市商务局、市外办)')]
    >>> [(p.role, [m.text for m, _ in p.mentions]) for p in annotations[0].parts]
    [('lead', ['市发改委']), ('support', ['市财政局'])]
    """
    found: list[Annotation] = list(prior or [])
    for _name, recogniser, needs_outline in RECOGNISERS:
        if needs_outline == outline:
            found += list(recogniser(doc, found))
    return found[len(prior or []) :]

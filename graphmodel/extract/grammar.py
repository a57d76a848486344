"""The annotation grammar: its vocabulary as data, validated when loaded.

Every word the extractor reads an annotation by (role keywords, verbs, notes, brackets, side
labels, placeholders, unit endings) lives in ``graphmodel/data/grammar.tsv``. `load_grammar` parses
and checks that file and compiles what the recognisers match with; nothing else in the extractor
spells a keyword. Adding a keyword or a bracket pair is a line in the data file.

>>> g = default_grammar()
>>> g.keyword_role("牵头单位"), g.keyword_role("主责部门"), g.keyword_role("牵头领导")
('lead', 'lead', 'person')
>>> g.is_placeholder("各有关单位"), g.is_placeholder("市财政局")
(True, False)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, TypeVar, cast

from graphmodel.errors import InputError
from graphmodel.extract.memo import LIMIT, MISSING
from graphmodel.model import Role

__all__ = [
    "Grammar",
    "GrammarError",
    "KeywordKind",
    "NoteMeaning",
    "BracketFamily",
    "load_grammar",
    "default_grammar",
]

KeywordKind = Literal["lead", "responsible", "support", "person", "field"]
NoteMeaning = Literal["carry", "duty", "short", "includes", "lead", "support", "first-leads", "other"]
BracketFamily = Literal["round", "square", "angle", "quote"]

ROLES: tuple[Role, ...] = ("lead", "responsible", "support")
_T = TypeVar("_T")
# Every match of the keyword patterns holds a colon or a closing square bracket (`Grammar.find_all`).
# A keyword-like word's ends:
_KEYWORD_LIKE_ENDS = ("单位", "部门", "处室", "科室", "领导", "负责人", "责任人", "联系人")
_KEYWORD_LIKE_LONGEST = 6  # characters of a keyword-like word before its end (…单位)
_LABEL_LONGEST = 5  # characters of a side's label before its suffix (黑龙江方面)
_NO_MEMO: dict[str, Any] = {}  # (never written)
_KEYWORD_KINDS = (*ROLES, "person", "field")
_NOTE_MEANINGS = ("carry", "duty", "short", "includes", "lead", "support", "first-leads", "other")
_FAMILY_PAIR = {"round": "()", "square": "[]", "angle": "<>"}

# Every kind of line grammar.tsv may hold, in the order its header documents them.
_KINDS = ("bracket", "role", "head", "keyword", "verb", "clause-start", "joiner", "side-suffix", "not-side",
          "note", "note-start", "note-whole", "first-leads", "deadline", "etc", "placeholder", "placeholder-pattern",
          "unit-end", "person-end", "keyword-shape", "mark", "heading-tail", "group-word", "column",
          "section-end", "not-section")
# The values a kind's third column takes; a kind not listed takes none.
_VALUES: dict[str, tuple[str, ...]] = {
    "bracket": ("round", "square", "angle", "quote"),
    "role": ROLES, "verb": ROLES, "keyword": _KEYWORD_KINDS, "keyword-shape": (*ROLES, "person"),
    "note": _NOTE_MEANINGS, "note-start": _NOTE_MEANINGS, "note-whole": _NOTE_MEANINGS,
    "mark": ("lead", "support"),
    "column": ("task", "units"),
}
# The kinds whose entries are regular expressions (one a line, not split on spaces).
_PATTERN_KINDS = frozenset({"first-leads", "deadline", "etc", "placeholder-pattern", "keyword-shape"})
# Full-width to half-width, as `graphmodel.extract.text.normalize` does for the text; entries are
# compared with normalised text. (Kept here too: text.py builds its table from this grammar.)
_WIDTH = {ord(a): b for a, b in zip("（）：；，、．　", "():;,、. ", strict=True)}


class GrammarError(InputError):
    """A grammar file that cannot be used: a bad line, an unknown kind or value, a clash."""


@dataclass(frozen=True, eq=False)  # hashed by identity: caches key on the grammar
class Grammar:
    """The vocabulary of responsibility annotations, and the patterns compiled from it."""

    brackets: dict[str, tuple[str, BracketFamily]]  # open char as written -> (close char, family)
    keywords: dict[str, KeywordKind]  # every keyword, role + head included
    verbs: dict[str, Role]
    clause_starts: tuple[str, ...]
    joiners: tuple[str, ...]
    side_suffixes: tuple[str, ...]
    not_sides: frozenset[str]
    notes: tuple[tuple[str, NoteMeaning, str], ...]  # (word, meaning, where: any | start | whole | mark)
    first_leads: re.Pattern[str]
    deadline: re.Pattern[str]
    etc: re.Pattern[str]
    placeholders: frozenset[str]
    placeholder_patterns: tuple[re.Pattern[str], ...]
    unit_ends: tuple[str, ...]
    person_ends: tuple[str, ...]
    keyword_shapes: tuple[tuple[re.Pattern[str], KeywordKind], ...]
    marks: tuple[str, ...] = ()  # signs written before a unit's name that give it a role (★X leads)
    heading_tails: tuple[str, ...] = ()  # after a heading's clause: 省监察厅牵头的工作
    group_words: tuple[str, ...] = ()  # the word a group names its members by: 各, 有关
    task_columns: tuple[str, ...] = ()  # words of a table header's task column (任务, 项目)
    unit_columns: tuple[str, ...] = ()  # words of a header column that names units (单位, 部门)
    section_ends: tuple[str, ...] = ()  # a body's smallest section, ending its name (股)
    not_sections: tuple[str, ...] = ()  # words holding a section end that end no section (控股, 股份)
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)
    _memo: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False, repr=False)  # what → memo
    _compiled_words: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)  # word lengths
    # The last text `find_all` read and its marks with the whitespace around them: the keyword
    # lines ask for two patterns' matches in one plan's text, one after the other.
    # (a tuple in a list, read once by each call: threads sharing the grammar see a whole pair)
    _marks: list[tuple[str, list[tuple[int, int, bool, int]]]] = field(default_factory=lambda: [("", [])],
                                                                       compare=False, repr=False)

    def remember(self, what: str, text: str, compute: Callable[[str], _T]) -> _T:
        """``compute(text)``, remembered on this grammar under ``what``: for a pure function of a
        string and the grammar (cleaning a unit's name), which a corpus calls on the same strings
        again and again. ``compute`` must return a value nobody changes (a tuple, a string). One
        bounded memo per ``what`` (`graphmodel.extract.memo`), looked up inline: this is called
        tens of thousands of times a plan."""
        memo = self._memo.get(what)
        if memo is None:
            memo = self._memo[what] = {}
        found = memo.get(text, MISSING)
        if found is MISSING:
            if len(memo) >= LIMIT:
                memo.clear()
            found = memo[text] = compute(text)
        return found  # type: ignore[no-any-return]  # (no cast: a call, and this runs very often)

    _remember = remember  # (the name the grammar's own predicates use)

    def memo(self, what: str) -> dict[str, Any]:
        """The memo `remember` keeps under ``what``, for a caller that runs for every mention: it
        looks a hit up itself (``memo.get(text, MISSING)``, with `graphmodel.extract.memo.MISSING`:
        no call, no closure made) and calls `remember` on a miss. Read it only: `remember` fills
        and empties it."""
        memo = self._memo.get(what)
        if memo is None:
            memo = self._memo[what] = {}
        return memo

    # -- brackets -------------------------------------------------------------------------------
    def normalisation(self) -> dict[int, str]:
        """Character map that turns every bracket of a family into that family's pair."""
        out: dict[int, str] = {}
        for open_ch, (close_ch, family) in self.brackets.items():
            pair = _FAMILY_PAIR.get(family)
            if pair:
                out[ord(open_ch)] = pair[0]
                out[ord(close_ch)] = pair[1]
        return out

    def quote_pairs(self) -> dict[str, str]:
        """Open -> close of the pairs that only protect their content (《》, “”)."""
        return {o: c for o, (c, family) in self.brackets.items() if family == "quote"}

    # -- keywords -------------------------------------------------------------------------------
    def keyword_role(self, word: str) -> KeywordKind | None:
        """What a keyword lists (a role, people, or a field of no units); None if not a keyword."""
        return self.keywords.get(word.replace("\n", ""))

    def pattern(self, name: str) -> re.Pattern[str]:
        """A compiled pattern built from the vocabulary (cached on the grammar)."""
        found = self._compiled.get(name)
        if found is None:
            found = self._compiled[name] = re.compile(_BUILDERS[name](self))
        return found

    def find_all(self, name: str, text: str, taken: list[tuple[int, int]] | None = None) -> list[re.Match[str]]:
        """``list(self.pattern(name).finditer(text))`` for the patterns every match of which holds a
        colon or a closing square bracket (``keyword``, ``keyword-like``), found without running
        the pattern at every character of a long text: only in windows around those marks.

        Every match of these patterns is the mark, whitespace before it and at most `_reach`
        characters before that, and whitespace and one character after it: the windows around
        the marks (merged where they meet) hold every match, and the pattern run on each window
        (``finditer(text, a, b)``: lookbehinds still see the text before ``a``) finds each match
        the whole text's scan finds, in the same order. A window is as wide as the line breaks
        before its mark allow (a keyword broken over lines is longer); a mark no match can end
        at opens none (a keyword-like word's colon follows one of its ends, …单位:), and a window
        whose colons follow no side's suffix (沪方:) is scanned without the side label's branch,
        which no match there takes (``keyword-unlabelled``: the same groups, the label's never
        matching; tried at every character, the branch cost most of the scan).

        ``taken`` (``keyword-like`` only): spans in order, not overlapping (a text's known keywords'
        matches), whose colons open no window: each match of ``keyword-like`` holds one colon, its
        last character but spaces, so a match at a colon inside a span overlaps that span, and a
        caller that leaves out the matches overlapping the spans loses none it keeps (the matches at
        the other colons are the same: none of them can hold a colon it skipped).

        >>> g = default_grammar()
        >>> text = "一、推进改革。牵头单位:市发改委\\n配合单位: 市财政局" * 3
        >>> [m.span() for m in g.find_all("keyword", text)] == [m.span() for m in g.pattern("keyword").finditer(text)]
        True
        """
        pattern = self.pattern(name)
        narrow, breaks = self.remember("find_all-reach", name, self._reach)  # (fixed numbers: worked out once)
        keyword = name == "keyword"
        ends = self.side_suffixes if keyword else _KEYWORD_LIKE_ENDS  # (what a colon a match ends at follows)
        size = len(text)
        last, extents = self._marks[0]
        if last is not text:
            extents = []
            # The marks in order, found by str.find (a pattern's scan tests every character against
            # its class: 0.35M instructions a generated plan, str.find a tenth of that).
            colon, bracket = text.find(":"), text.find("]")
            while colon >= 0 or bracket >= 0:
                is_colon = bracket < 0 or 0 <= colon < bracket
                if is_colon:
                    a, colon = colon, text.find(":", colon + 1)
                else:
                    a, bracket = bracket, text.find("]", bracket + 1)
                mark = a
                b = a + 1
                while a > 0 and text[a - 1].isspace():
                    a -= 1
                while b < size and text[b].isspace():
                    b += 1
                extents.append((a, b, is_colon, mark))
            self._marks[0] = (text, extents)
        assert not (keyword and taken), "taken: for keyword-like only (a keyword's match may hold two marks)"
        starts = [x for x, _ in taken] if taken else None
        found: list[list[int]] = []  # [start, end, whether the side label may match in it]
        for a, b, colon, at in extents:
            follows = colon and text.endswith(ends, 0, a)
            if not keyword and not follows:
                continue  # no keyword-like word ends here
            if starts is not None:
                k = bisect.bisect_right(starts, at) - 1
                if k >= 0 and at < taken[k][1]:  # type: ignore[index]  # (starts is made from taken)
                    continue  # a match here overlaps a taken span: the caller leaves it out
            reach = narrow
            if breaks and a > narrow:
                reach += min(breaks, text.count("\n", max(0, a - narrow - breaks), a))
            found.append([max(0, a - reach), min(size, b + 1), follows])
        found.sort()  # (merged in order of their starts: a wider window may start before the one before it)
        windows: list[list[int]] = []
        for window in found:
            if windows and window[0] <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], window[1])
                windows[-1][2] = windows[-1][2] or window[2]
            else:
                windows.append(window)
        if not keyword:
            return [m for a, b, _ in windows for m in pattern.finditer(text, a, b)]
        unlabelled = self.pattern("keyword-unlabelled")
        return [m for a, b, labelled in windows for m in (pattern if labelled else unlabelled).finditer(text, a, b)]

    def find_in_short(self, name: str, text: str) -> list[re.Match[str]]:
        """`find_all` for a short text (an annotation's): one scan that stops after the text's last
        colon or closing square bracket, with the whitespace and the character after it (every
        match holds one, see `find_all`), so a list of units after its keyword is not scanned.

        >>> g = default_grammar()
        >>> text = "牵头单位:市发改委;配合单位:市财政局、市商务局、市统计局"
        >>> [m.span() for m in g.find_in_short("keyword", text)]
        [(0, 5), (10, 15)]

        Where no colon follows a side's suffix (沪方:), ``keyword`` is run without the side label's
        branch, as `find_all` runs it.
        """
        last = max(text.rfind(":"), text.rfind("]"))
        if last < 0:
            return []
        size = len(text)
        end = last + 1
        while end < size and text[end].isspace():
            end += 1
        pattern = self.pattern(name)
        if name == "keyword":
            pattern = self.pattern("keyword-unlabelled")
            colon = text.find(":")
            while colon >= 0:
                a = colon
                while a > 0 and text[a - 1].isspace():
                    a -= 1
                if text.endswith(self.side_suffixes, 0, a):
                    pattern = self.pattern(name)  # a side label may end here
                    break
                colon = text.find(":", colon + 1)
        return list(pattern.finditer(text, 0, min(size, end + 1)))

    def _reach(self, name: str) -> tuple[int, int]:
        """How many characters (whitespace before the mark aside) a match of ``name`` may hold before
        its colon or closing bracket, with a margin of two, when none of them is a line break; and
        how many line breaks it may hold. A keyword, with its level (市) or bracket, broken over lines
        at every character at most; a side's label and suffix; a keyword-like word. (Every character
        of the reach is a position the pattern is tried at, around every colon: a wide margin cost a
        third of the scan.)"""
        if name != "keyword":
            return _KEYWORD_LIKE_LONGEST + max(len(w) for w in _KEYWORD_LIKE_ENDS) + 2, 0
        longest = max([len(w) for w in self.keywords] or [1])
        label = _LABEL_LONGEST + max([len(w) for w in self.side_suffixes] or [0])
        return max(1 + longest, label) + 2, longest - 1

    def verb_lengths(self) -> tuple[int, ...]:
        """The verbs' lengths, longest first: a text shorter than the last holds no verb."""
        return self._lengths("verb", self.verbs)

    def _lengths(self, what: str, words: Any) -> tuple[int, ...]:
        """The lengths of ``words``, longest first (worked out once per grammar)."""
        found = self._compiled_words.get(what)
        if found is None:
            found = self._compiled_words[what] = tuple(sorted({len(w) for w in words if w}, reverse=True))
        return found

    def verb_role(self, verb: str) -> Role:
        return self.verbs.get(verb, "responsible")

    # -- notes ----------------------------------------------------------------------------------
    def note_meanings(self, text: str) -> list[NoteMeaning]:
        """The meanings of a bracketed note (empty when ``text`` is not a note)."""
        return list(self._remember("note_meanings", text, self._note_meanings))

    def _note_meanings(self, text: str) -> list[NoteMeaning]:
        found: list[NoteMeaning] = []
        for word, meaning, where in self.notes:
            hit = (
                (where == "any" and word in text)
                or (where == "start" and text.startswith(word) and len(text) > len(word))
                or (where in ("whole", "mark") and text == word)
            )
            if hit and meaning not in found:
                found.append(meaning)
        if self.first_leads.search(text) and "first-leads" not in found:
            found.append("first-leads")
        return found

    def is_note(self, text: str) -> bool:
        return bool(self.note_meanings(text))

    def is_deadline(self, text: str) -> bool:
        """A time limit or schedule (年内持续推进, 2020年底前完成): a note that names no unit.

        >>> g = default_grammar()
        >>> g.is_deadline("年内持续推进"), g.is_deadline("2020年底前完成"), g.is_deadline("市发改委")
        (True, True, False)
        """
        return bool(self.deadline.search(text))

    # -- names ----------------------------------------------------------------------------------
    def is_placeholder(self, name: str) -> bool:
        """A name that stands for a group of units (各有关单位, 开放先导区, 区级相关部门)."""
        found = self._memo.get("is_placeholder", _NO_MEMO).get(name)  # a hit without a call: called for every mention
        return found if found is not None else self._remember("is_placeholder", name, self._is_placeholder)

    def _is_placeholder(self, name: str) -> bool:
        return name in self.placeholders or any(p.search(name) for p in self.placeholder_patterns)

    def is_person(self, name: str) -> bool:
        """A name ending with a person's title (杨志武副市长): a person, never a unit."""
        found = self._memo.get("is_person", _NO_MEMO).get(name)  # a hit without a call: called for every mention
        return found if found is not None else self._remember("is_person", name, self._is_person)

    def _is_person(self, name: str) -> bool:
        return name.endswith(self.person_ends) and len(name) > max(
            (len(e) for e in self.person_ends if name.endswith(e)), default=0)

    def has_unit_end(self, name: str) -> bool:
        """Whether ``name`` ends like a unit's name; a bracket at its end (机关党委(人事司),
        哈尔滨工业大学(深圳)) is read past."""
        found = self._memo.get("has_unit_end", _NO_MEMO).get(name)  # a hit without a call: called for every mention
        return found if found is not None else self._remember("has_unit_end", name, self._has_unit_end)

    def _has_unit_end(self, name: str) -> bool:
        if name.endswith(")") and "(" in name[:-1]:
            bare = name[: name.rindex("(")]
            if bare and bare.endswith(self.unit_ends):
                return True
        return name.endswith(self.unit_ends)

    def looks_like_unit(self, name: str) -> bool:
        """A name that reads like one unit or a group placeholder."""
        found = self._memo.get("looks_like_unit", _NO_MEMO).get(name)  # a hit without a call: called for every mention
        return found if found is not None else self._remember("looks_like_unit", name, self._looks_like_unit)

    def _looks_like_unit(self, name: str) -> bool:
        return (self.has_unit_end(name) or self.is_placeholder(name)) and not self.is_person(name)

    def strip_etc(self, name: str) -> str:
        """``name`` without a trailing 等 / 等部门 / 等18个部门 (never the whole name)."""
        m = self.etc.search(name)
        return name[: m.start()] if m and m.start() > 0 else name

    def unknown_keyword(self, text: str) -> KeywordKind | None:
        """For text shaped like a keyword (…单位, …领导) that this grammar does not know, what such a
        keyword lists (a role, or person); None for a known keyword or other text."""
        word = text.replace("\n", "")
        if word in self.keywords:
            return None
        return next((kind for p, kind in self.keyword_shapes if p.search(word)), None)


def _alternation(words: list[str], breakable: bool = False) -> str:
    """Longest first; with ``breakable`` a line break may fall between any two characters (PDF text).

    Built as a trie (牵头(?:单位|部门)…): the regex engine then tries one branch per character
    instead of every word at every position of a document.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    gap = "\n?" if breakable else ""

    def build(node: dict[str, Any], first: bool) -> str:
        branches = [re.escape(ch) + build(sub, False) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        body = body if first else gap + body
        return f"(?:{body})?" if "" in node else body

    return build(trie, True)


def _side_label(g: Grammar) -> str:
    # 沪方: / 上海方面: / 黑龙江方面: — a short name, then a side suffix, then a colon.
    not_side = "|".join(re.escape(w) for w in sorted(g.not_sides, key=len, reverse=True))
    suffix = _alternation(list(g.side_suffixes))
    return rf"(?P<label>(?!(?:{not_side})\s*:)[\u4e00-\u9fff]{{1,{_LABEL_LONGEST}}}?)(?:{suffix})\s*:"


_BUILDERS: dict[str, Callable[[Grammar], str]] = {
    # 责任单位: / [责任单位] / 沪方: — the start of a keyword segment (keywords may break across lines)
    "keyword": lambda g: (
        rf"\[(?P<bracketed>{_alternation(list(g.keywords), True)})\]\s*:?"
        rf"|(?:[省市区县州])?(?P<keyword>{_alternation(list(g.keywords), True)})\s*:"
        rf"|{_side_label(g)}"
    ),
    # `keyword` where no side label can match (`Grammar.find_all`): its groups, the label's never matching
    "keyword-unlabelled": lambda g: (
        rf"\[(?P<bracketed>{_alternation(list(g.keywords), True)})\]\s*:?"
        rf"|(?:[省市区县州])?(?P<keyword>{_alternation(list(g.keywords), True)})\s*:"
        r"|\[(?P<label>(?!))"  # (behind a literal: the engine skips the branch at every other character)
    ),
    "side-label": lambda g: rf"^\s*{_side_label(g)}",
    # 等部门和…: a list closed by an etc, then a joiner (the etc pattern without its end anchor)
    "etc-joiner": lambda g: rf"(?:{g.etc.pattern.replace('$', '')})(?P<joiner>{_alternation(list(g.joiners))})",
    "verb-end": lambda g: rf"(?P<verb>{_alternation(list(g.verbs))})$",
    "verb": lambda g: _alternation(list(g.verbs)),  # a verb anywhere (none: no clause closes with one)
    # 省监察厅牵头的工作: what follows the clause of a heading that names whose work its items are
    "heading-tail": lambda g: rf"(?:{_alternation(list(g.heading_tails))})$" if g.heading_tails else "(?!)",
    "clause-start": lambda g: rf"^(?:{_alternation(list(g.clause_starts))})",
    "joiner": lambda g: _alternation(list(g.joiners)),
    # Any sign of the vocabulary: a keyword, or a verb inside a bracket ((X牵头), (由X牵头实施)).
    "any-keyword": lambda g: (rf"{_alternation(list(g.keywords))}"
                              rf"|[(\[<][^()\[\]<>]*?(?:{_alternation(list(g.verbs))})[^()\[\]<>]*[)\]>]"),
    # A table header's task column and a column naming units (评分部门): anywhere in the cell.
    "task-column": lambda g: _alternation(list(g.task_columns)) or "(?!)",
    "unit-column": lambda g: _alternation(list(g.unit_columns)) or "(?!)",
    "section-end": lambda g: _section_end(g),
    # Keyword-shaped words followed by a colon: the recogniser warns of those it does not know.
    "keyword-like": lambda g: (rf"(?P<word>[\u4e00-\u9fff]{{2,{_KEYWORD_LIKE_LONGEST}}}"
                               rf"(?:{'|'.join(_KEYWORD_LIKE_ENDS)}))\s*:"),
}


def load_grammar(text: str, origin: str = "grammar file") -> Grammar:
    """Parse and validate a grammar file (the format of ``graphmodel/data/grammar.tsv``).

    Parameters
    ----------
    text : str
        The file's lines: ``kind<TAB>value[<TAB>meaning]``, ``#`` comments and blank lines skipped.
    origin : str
        Names the file in error messages.

    Returns
    -------
    Grammar
        Every kind's words and patterns, checked; its compiled patterns are built on first use.

    Raises
    ------
    GrammarError
        A line with an unknown kind, a missing or unknown value, a pattern that does not compile,
        a bracket that is not two characters, or a word given two meanings.

    Examples
    --------
    >>> g = load_grammar("role\\t牵头\\tlead\\nhead\\t单位\\nbracket\\t()\\tround")
    >>> g.keyword_role("牵头单位")
    'lead'
    >>> try:
    ...     load_grammar("role\\t牵头\\tleader")
    ... except GrammarError as exc:
    ...     print(exc)
    grammar file, line 1: role takes lead, responsible or support, not 'leader'
    """
    rows: dict[str, list[tuple[int, str, str]]] = {k: [] for k in _KINDS}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        where = f"{origin}, line {lineno}"
        kind = cells[0].strip()
        if kind not in _KINDS:
            raise GrammarError(f"{where}: unknown kind {kind!r} (one of {', '.join(_KINDS)})")
        if len(cells) < 2 or not cells[1].strip():
            raise GrammarError(f"{where}: {kind} needs an entry")
        allowed, is_pattern = _VALUES.get(kind, ()), kind in _PATTERN_KINDS
        value = cells[2].strip() if len(cells) > 2 else ""
        if allowed:
            if value not in allowed:
                raise GrammarError(f"{where}: {kind} takes {_or(allowed)}, not {value!r}")
        elif value:
            raise GrammarError(f"{where}: {kind} takes no value, got {value!r}")
        if len(cells) > 3:
            raise GrammarError(f"{where}: more than three columns")
        entries = [cells[1].strip()] if is_pattern or kind == "bracket" else cells[1].split()
        for entry in entries:
            if is_pattern:
                try:
                    re.compile(entry)
                except re.error as exc:
                    raise GrammarError(f"{where}: the pattern does not compile ({exc})") from None
            elif kind == "bracket" and len(entry) != 2:
                raise GrammarError(f"{where}: a bracket is an open and a close character, got {entry!r}")
            rows[kind].append((lineno, entry if is_pattern or kind == "bracket" else entry.translate(_WIDTH), value))
    return _build(rows, origin)


def _or(values: tuple[str, ...]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]


def _unique(rows: list[tuple[int, str, str]], origin: str, what: str) -> dict[str, str]:
    """entry -> value; the same entry twice with two values is an error."""
    out: dict[str, str] = {}
    for lineno, entry, value in rows:
        if entry in out and out[entry] != value:
            raise GrammarError(f"{origin}, line {lineno}: {what} {entry!r} is given two meanings")
        out[entry] = value
    return out


def _build(rows: dict[str, list[tuple[int, str, str]]], origin: str) -> Grammar:
    for needed in ("role", "head", "bracket"):
        if not rows[needed]:
            raise GrammarError(f"{origin}: no {needed} entries")
    # load_grammar checked each value against _KINDS: the casts below hold.
    brackets: dict[str, tuple[str, BracketFamily]] = {}
    seen_chars: dict[str, int] = {}
    for lineno, entry, family in rows["bracket"]:
        for ch in entry:
            if ch in seen_chars:
                raise GrammarError(f"{origin}, line {lineno}: {ch!r} is already a bracket (line {seen_chars[ch]})")
            seen_chars[ch] = lineno
        brackets[entry[0]] = (entry[1], cast(BracketFamily, family))
    _unique(rows["role"], origin, "role word")
    heads = [e for _, e, _ in rows["head"]]
    generated = [(lineno, word + head, role) for lineno, word, role in rows["role"] for head in heads]
    keywords = _unique(generated + rows["keyword"], origin, "keyword")
    verbs = _unique(rows["verb"], origin, "verb")
    notes: list[tuple[str, NoteMeaning, str]] = []
    for kind, where in (("note", "any"), ("note-start", "start"), ("note-whole", "whole"), ("mark", "mark")):
        for _lineno, word, meaning in rows[kind]:
            notes.append((word, cast(NoteMeaning, meaning), where))
    return Grammar(
        brackets=brackets,
        keywords=cast("dict[str, KeywordKind]", keywords),
        verbs=cast("dict[str, Role]", verbs),
        clause_starts=tuple(e for _, e, _ in rows["clause-start"]),
        joiners=tuple(e for _, e, _ in rows["joiner"]),
        side_suffixes=tuple(e for _, e, _ in rows["side-suffix"]),
        not_sides=frozenset(e for _, e, _ in rows["not-side"]),
        notes=tuple(notes),
        first_leads=_union(rows["first-leads"]),
        deadline=_union(rows["deadline"]),
        etc=_union(rows["etc"]),
        placeholders=frozenset(e for _, e, _ in rows["placeholder"]),
        placeholder_patterns=tuple(re.compile(e) for _, e, _ in rows["placeholder-pattern"]),
        unit_ends=tuple(sorted({e for _, e, _ in rows["unit-end"]}, key=len, reverse=True)),
        person_ends=tuple(sorted({e for _, e, _ in rows["person-end"]}, key=len, reverse=True)),
        keyword_shapes=tuple((re.compile(e), cast(KeywordKind, v)) for _, e, v in rows["keyword-shape"]),
        marks=tuple(sorted({e for _, e, _ in rows["mark"]}, key=len, reverse=True)),
        heading_tails=tuple(e for _, e, _ in rows["heading-tail"]),
        group_words=tuple(e for _, e, _ in rows["group-word"]),
        task_columns=tuple(e for _, e, v in rows["column"] if v == "task"),
        unit_columns=tuple(e for _, e, v in rows["column"] if v == "units"),
        section_ends=tuple(e for _, e, _ in rows["section-end"]),
        not_sections=_not_sections(rows, origin),
    )


def _not_sections(rows: dict[str, list[tuple[int, str, str]]], origin: str) -> tuple[str, ...]:
    """The not-section words, each starting or ending with a section end (控股, 股份): the only
    places where `_section_end` can look for them."""
    ends = [e for _, e, _ in rows["section-end"]]
    for lineno, word, _ in rows["not-section"]:
        if not any(word != e and (word.startswith(e) or word.endswith(e)) for e in ends):
            raise GrammarError(f"{origin}, line {lineno}: not-section {word!r} neither starts nor ends "
                               "with a section end")
    return tuple(e for _, e, _ in rows["not-section"])


def _section_end(g: Grammar) -> str:
    """Where a section's name (文化宣传股) ends and the next unit's begins, two characters or more on
    each side, except inside a not-section word (投资控股有限公司, 股份)."""
    branches = []
    for end in g.section_ends:
        before = "".join(f"(?<!{re.escape(w)})" for w in g.not_sections if w.endswith(end))
        after = _alternation([w[len(end):] for w in g.not_sections if w.startswith(end) and w != end])
        branches.append(rf"(?<=[\u4e00-\u9fff]{{2}}{re.escape(end)}){before}" + (f"(?!{after})" if after else ""))
    return rf"(?:{'|'.join(branches)})(?=[\u4e00-\u9fff]{{2}})" if branches else "(?!)"


def _union(rows: list[tuple[int, str, str]]) -> re.Pattern[str]:
    """One pattern for the rows' patterns; one that never matches when there are none."""
    return re.compile("|".join(f"(?:{e})" for _, e, _ in rows) or "(?!)")


@lru_cache(maxsize=1)
def default_grammar() -> Grammar:
    """The grammar shipped with graphmodel (``graphmodel/data/grammar.tsv``), loaded once.

    Returns
    -------
    Grammar
        Shared between callers.

    Examples
    --------
    >>> g = default_grammar()
    >>> g.keyword_role("牵头单位"), g.keyword_role("配合单位"), g.is_placeholder("各有关单位")
    ('lead', 'support', True)
    """
    text = resources.files("graphmodel").joinpath("data/grammar.tsv").read_text(encoding="utf-8")
    return load_grammar(text, "graphmodel/data/grammar.tsv")

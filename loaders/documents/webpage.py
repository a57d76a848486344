"""Web pages saved from government sites: the article's text, without the site around it.

Steps: decode (byte-order mark, then a declared ``<meta charset>`` / ``http-equiv`` / XML
encoding when it decodes cleanly, else the detection of `loaders.documents.encoding`); drop what
is never text (scripts, styles, forms' controls, hidden elements, ``nav``/``header``/``footer``);
pick the article's container — a known one of the CMSs government sites run on (``div#zoom``,
``div.TRS_Editor``, ``div#UCAP-CONTENT``...), else the smallest block that holds at least half of
the page's CJK text outside links; render it with one line per paragraph (``p``, ``br``, ``div``,
list items, table rows with cells joined by tabs); drop boilerplate lines (上一篇/下一篇,
打印本页, 字体 大 中 小, 分享到...); put the article's title first if the body does not start
with it.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from loaders.documents.encoding import assess, decode_text
from loaders.documents.read_error import ReadError
from loaders.documents.source import read_bytes

if TYPE_CHECKING:  # bs4 is imported only when a page is read
    from bs4 import BeautifulSoup, Tag

__all__ = ["read_webpage", "decode_html"]

_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Pages that declare GB2312 routinely hold GBK characters: read every GB name as GB18030.
_GB_NAMES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "gb18030", "euc-cn", "x-euc-cn", "936"}
_UNICODE_CODECS = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}

_NEVER_TEXT = [
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "map",
    "input", "select", "option", "button", "textarea", "nav", "header", "footer", "aside", "head",
]  # fmt: skip
_BLOCKS = frozenset([
    "address", "article", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "html", "li", "main", "ol", "p",
    "section", "table", "tbody", "tfoot", "thead", "ul",
])  # fmt: skip
_CELLS = frozenset({"td", "th"})
_MAX_TABLE_DEPTH = 20  # tables in table cells deeper than this are read as blocks
_BLOCKS_AND_CELLS = sorted(_BLOCKS | _CELLS)

# Known article containers, most specific first: (attribute, lower-cased value).
_KNOWN: tuple[tuple[str, str], ...] = (
    ("id", "zoom"),
    ("id", "fontzoom"),
    ("id", "ucap-content"),
    ("id", "ivs_content"),
    ("id", "maintext"),
    ("id", "js_content"),
    ("class", "trs_editor"),
    ("class", "trs_ueditor"),
    ("class", "pages_content"),
    ("class", "article-content"),
    ("class", "article_content"),
    ("class", "articlecontent"),
    ("class", "content_text"),
)
# Generic names that often but not always hold the article: they must hold half its text.
_GENERIC: tuple[tuple[str, str], ...] = (("tag", "article"), ("class", "content"), ("id", "content"), ("tag", "main"))
_MIN_CJK = 20

# Class/id words of page furniture inside an article container.
_JUNK_PART = re.compile(
    r"share|fenxiang|print|dayin|qrcode|erweima|breadcrumb|crumb|pagination|prevnext|xgwz|xgxx|related|"
    r"fontsize|font-size|zihao",
    re.IGNORECASE,
)
_JUNK_WORD = frozenset([
    "close", "copyright", "dqwz", "ewm", "foot", "footer", "header", "location", "menu", "nav", "next",
    "position", "prev", "sidebar", "sxp", "toolbar", "tools", "weizhi",
])  # fmt: skip
# Matched against a line with its whitespace removed (see `_boilerplate`), so no alternative has
# two ways to spend a run of spaces: with them, "打印  打印  …x" backtracked exponentially.
_BOILERPLATE = re.compile(
    r"""^(?:
        (?:上一篇|下一篇|上一条|下一条|上一页|下一页)[:：].*
      | (?:[【\[（(]?(?:打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|返回顶部|收藏本页|收藏|我要纠错|纠错|保存本页)
           [】\]）)]?)+
      | .{0,12}(?:字体|字号)[:：]?[【\[]?大中小[】\]]?.{0,40}
      | 分享到[:：]?.{0,40}
      | 扫一扫.{0,30}
      | (?:当前位置|您的位置|你的位置|所在位置|您现在的位置)[:：].{0,80}
      | 首页[>›»＞].{0,80}
      | (?:责任编辑|编辑|来源|信息来源|发布时间|发布日期|浏览次数|访问次数|点击数)[:：].{0,60}
    )$""",
    re.VERBOSE,
)
_WHITESPACE = re.compile(r"\s+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_SOFT_BREAK = "\x1f"  # a source line break inside text, removed between CJK characters
_CJK_CHAR = re.compile(f"[{_CJK}]")
_RUN = re.compile(f"[ {_SOFT_BREAK}]+")
_HANZI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")  # what "CJK text" counts


def read_webpage(path: str | os.PathLike[str]) -> str:
    """Return the article text of a saved web page (see the module notes).

    Raises
    ------
    ReadError
        When the file is missing, empty, undecodable, or the page holds no text.
    """
    data = read_bytes(path)
    html = decode_html(data, path)
    soup = _parse(html)
    title = _title(soup)
    for tag in soup.find_all(_NEVER_TEXT):
        tag.decompose()
    for tag in soup.find_all(_hidden):
        tag.decompose()
    container = _container(soup)
    for tag in container.find_all(_junk):
        tag.decompose()
    lines = [line for line in _render(container) if not _boilerplate(line)]
    if not lines:
        raise ReadError(path, "the page holds no text")
    if title and not _has_title(lines, title):
        lines.insert(0, title)
    return "\n".join(lines)


# Start tags before which a browser closes an open <p> (HTML's "close a p element" rule), and the
# elements that bound the search for it ("button scope"). html.parser does not do this, so an old
# page of unclosed <p><font>... nests a thousand deep instead of listing its paragraphs.
_CLOSES_P = frozenset([
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
])  # fmt: skip
_P_SCOPE = frozenset(["applet", "button", "caption", "html", "marquee", "object", "table", "td", "template", "th"])
_P_SEARCH = 200  # open elements looked through for the <p> to close (bounded: linear time)


def _parse(html: str) -> BeautifulSoup:
    """The page's tree, parsed by html.parser with a browser's <p> closing (see `_CLOSES_P`)."""
    from bs4 import BeautifulSoup

    class _Soup(BeautifulSoup):
        def handle_starttag(self, name: str, *args: Any, **kwargs: Any) -> Any:
            if name in _CLOSES_P and self.open_tag_counter.get("p"):
                for tag in reversed(self.tagStack[-_P_SEARCH:]):
                    if tag.name in _P_SCOPE:
                        break
                    if tag.name == "p":
                        self._popToTag("p")
                        break
            return super().handle_starttag(name, *args, **kwargs)

    return _Soup(html, "html.parser")


def _boilerplate(line: str) -> bool:
    return _BOILERPLATE.match(_WHITESPACE.sub("", line)) is not None


def decode_html(data: bytes, path: str | os.PathLike[str]) -> str:
    """Decode a page: a byte-order mark, else its declared charset if that reads, else detection."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _declared_codec(data[:32768])
        if declared:
            try:
                text = data.decode(declared)
            except (UnicodeError, LookupError):  # UnicodeError: idna, punycode... fail without a position
                text = None  # the declaration lies (it often does): detect instead
            if text is not None and (declared in _UNICODE_CODECS or assess(text).chinese):
                if not text.strip():
                    raise ReadError(path, "the file is empty")
                return text
    return decode_text(data, path)


def _declared_codec(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    if name in _GB_NAMES:
        return "gb18030"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # base64, zlib, hex... are codecs too, but bytes to bytes: no page is written in them.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _hidden(tag: Tag) -> bool:
    style = str(tag.get("style") or "").replace(" ", "").lower()  # one string: bs4 splits class-like values only
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style


def _words(tag: Tag) -> list[str]:
    values = list(tag.get("class") or [])
    if tag.get("id"):
        values.append(str(tag["id"]))
    return [v.lower() for v in values]


def _junk(tag: Tag) -> bool:
    for word in _words(tag):
        if _JUNK_PART.search(word) or any(w in _JUNK_WORD for w in re.split(r"[_\-\s]+", word)):
            return True
    return False


def _keys(tag: Tag) -> set[tuple[str, str]]:
    """The (attribute, lower-cased value) pairs of `_KNOWN` and `_GENERIC` a tag could match."""
    keys = {("tag", tag.name)}
    if tag.get("id"):
        keys.add(("id", str(tag["id"]).lower()))
    keys.update(("class", c.lower()) for c in tag.get("class") or [])
    return keys


def _cjk_counts(root: Tag) -> dict[int, tuple[int, int]]:
    """Per element (by id()): CJK characters in its text, and of those the ones inside links.

    A walk with its own stack, not recursion: old pages nest unclosed tags a thousand deep.
    """
    from bs4.element import NavigableString, PreformattedString, Tag

    counts: dict[int, tuple[int, int]] = {}
    # (element, inside a link, [total, linked]) for the elements whose children are being counted
    stack: list[tuple[Tag, bool, list[int]]] = []

    def enter(tag: Tag, in_link: bool) -> None:
        here_link = in_link or tag.name == "a"
        sums = [0, 0]
        for child in tag.children:
            if isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                n = len(_HANZI.findall(child))
                sums[0] += n
                sums[1] += n if here_link else 0
        stack.append((tag, here_link, sums))

    enter(root, False)
    pending: list[Iterator[Any]] = [iter(root.children)]
    while pending:
        child = next(pending[-1], None)
        if child is None:
            pending.pop()
            tag, _, (total, linked) = stack.pop()
            counts[id(tag)] = (total, linked)
            if stack:
                stack[-1][2][0] += total
                stack[-1][2][1] += linked
        elif isinstance(child, Tag):
            enter(child, stack[-1][1])
            pending.append(iter(child.children))
    return counts


def _container(soup: BeautifulSoup) -> Tag:
    root = soup.body or soup
    counts = _cjk_counts(root)

    def own(tag: Tag) -> int:
        total, linked = counts.get(id(tag), (0, 0))
        return total - linked

    def linky(tag: Tag) -> bool:
        total, linked = counts.get(id(tag), (0, 0))
        return linked > 0.5 * total

    page = own(root)
    # One pass over the tags, not one per key: pages of thousands of tags are common.
    by_key: dict[tuple[str, str], list[Tag]] = {}
    wanted = set(_KNOWN + _GENERIC)
    for tag in root.find_all(True):
        for key in _keys(tag) & wanted:
            by_key.setdefault(key, []).append(tag)
    for key in _KNOWN + _GENERIC:
        found = [t for t in by_key.get(key, []) if not linky(t)]
        floor = _MIN_CJK if key in _KNOWN else max(_MIN_CJK, page / 2)
        found = [t for t in found if own(t) >= floor]
        if found:
            return max(found, key=own)  # nested matches: the outer one holds at least as much

    # No known container: the smallest block holding half of the text outside links.
    best, best_size = root, counts[id(root)][0]
    for tag in root.find_all(_BLOCKS_AND_CELLS):
        total, linked = counts.get(id(tag), (0, 0))
        if own(tag) >= page / 2 and linked <= 0.3 * total and total <= best_size:
            best, best_size = tag, total  # later (deeper) ties win: fewer wrappers
    # Climb back out of a chain of unclosed blocks (<div><div>… never closed): a parent that
    # adds text of its own and hardly any links holds more of the article, not site furniture.
    # Pure wrappers (adding nothing) are passed through but kept only if something above adds text.
    node = best
    while node is not root and node.parent is not None:
        parent = node.parent
        added_total = counts.get(id(parent), (0, 0))[0] - counts[id(best)][0]
        added_linked = counts.get(id(parent), (0, 0))[1] - counts[id(best)][1]
        node = parent
        if added_total == 0:
            continue
        if added_linked > 0.1 * added_total:
            break
        best = parent
    return best


def _render(root: Tag, depth: int = 0) -> list[str]:
    """Lines of text under ``root``: one per paragraph, table rows with tab-joined cells.

    Walked with an explicit stack of child iterators. Only a table row's cells are rendered by a
    call of their own; past `_MAX_TABLE_DEPTH` nested tables, rows are plain blocks, so the
    recursion stays bounded whatever the nesting.
    """
    from bs4.element import NavigableString, PreformattedString, Tag

    out: list[str] = []

    def brk() -> None:
        if out and not out[-1].endswith("\n"):
            out.append("\n")

    # Each frame: the children still to render, and whether a line ends after them (a block).
    frames: list[tuple[Iterator[Any], bool]] = [(iter(root.children), False)]
    while frames:
        children, block = frames[-1]
        child = next(children, None)
        if child is None:
            frames.pop()
            if block:
                brk()
            continue
        if isinstance(child, PreformattedString):
            continue
        if isinstance(child, NavigableString):
            out.append(_collapse(str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            out.append("\n")
        elif name == "pre":
            brk()
            out.append(child.get_text())
            brk()
        elif name == "tr" and depth < _MAX_TABLE_DEPTH:
            brk()
            cells = [_lines(_render(c, depth + 1)) for c in child.find_all(["td", "th"], recursive=False)]
            if all(len(c) <= 1 for c in cells):
                out.append("\t".join(c[0] if c else "" for c in cells).strip())
            else:  # a layout table: its cells are blocks, not columns
                out.append("\n".join(line for c in cells for line in c))
            brk()
        elif name in _BLOCKS or name in _CELLS or name == "tr":
            brk()
            frames.append((iter(child.children), True))
        else:
            frames.append((iter(child.children), False))

    return _lines([_join_soft_breaks("".join(out))])


def _join_soft_breaks(text: str) -> str:
    """A run of spaces holding a source line break is nothing between two CJK characters, else
    one space. One pass over the runs (a regex with look-arounds backtracks on long runs)."""

    def repl(m: re.Match[str]) -> str:
        if _SOFT_BREAK in m.group():
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if before and after and _CJK_CHAR.match(before) and _CJK_CHAR.match(after):
                return ""
        return " "

    return _RUN.sub(repl, text)


def _lines(chunks: list[str]) -> list[str]:
    lines = (line.strip() for chunk in chunks for line in chunk.split("\n"))
    return [line for line in lines if line]


def _collapse(text: str) -> str:
    text = text.replace("\xa0", " ")
    return re.sub(r"[ \t\n\r\f]+", lambda m: _SOFT_BREAK if "\n" in m.group() or "\r" in m.group() else " ", text)


def _has_title(lines: list[str], title: str) -> bool:
    # The title as a line of its own near the top, not merely quoted in a sentence (《…》).
    key = _squash(title)
    return any(key in _squash(line) and len(line) <= len(title) + 10 for line in lines[:5])


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


_TITLE_SEP = re.compile(r"\s+[-–—|｜]\s+|\s*[_｜|]\s*|\s+-\s*|\s*-\s+")
_TITLE_WORDS = re.compile(r"title|biaoti", re.IGNORECASE)
# A <title> that is only the site's name is no article title.
_SITE_WORDS = "(?:人民政府|政府|门户网站|网站|政府网|政务网|政务服务网|官网|首页)"
_SITE_NAME = re.compile(f"{_SITE_WORDS}$")
_SITE_END = re.compile(f"{_SITE_WORDS}\\s*$")
_SITE_SEPARATORS = frozenset("-_|｜—–－")
_SITE_NAME_MAX = 30  # characters of a site's name before its 政府/网站 word


def _strip_site(title: str) -> str:
    """``title`` less trailing ``<separators> <site name>政府`` parts, e.g. "…的通知-大连市人民政府".

    Scans back from the end instead of a regex, which backtracked quadratically on a title of
    dashes.
    """
    while True:
        m = _SITE_END.search(title)
        if m is None:
            return title
        i = m.start()
        while i > 0 and m.start() - i <= _SITE_NAME_MAX and title[i - 1] not in _SITE_SEPARATORS:
            i -= 1
        if i == 0 or m.start() - i > _SITE_NAME_MAX:
            return title
        while i > 0 and title[i - 1] in _SITE_SEPARATORS:
            i -= 1
        title = title[:i].rstrip()


def _title(soup: BeautifulSoup) -> str | None:
    """The article's title: a heading that the <title> element confirms, else <title> minus the site."""
    # Whitespace collapsed first: the separators' \s+ would backtrack on long runs of spaces.
    page_title = " ".join(soup.title.get_text(" ", strip=True).split()) if soup.title else ""
    page_title = _strip_site(page_title)
    parts = [p.strip() for p in _TITLE_SEP.split(page_title) if p and p.strip()]
    segment = max(parts, key=len) if parts else ""
    truncated = segment.endswith(("...", "…", "……"))
    if truncated:
        segment = segment.rstrip(".…").strip()

    candidates = [
        tag
        for tag in soup.find_all(
            lambda t: t.name in ("h1", "h2", "h3") or any(_TITLE_WORDS.search(w) for w in _words(t))
        )
        if tag.name != "title" and not tag.find_parent(["nav", "header", "footer", "head"])
    ]
    headings = [(tag.name, " ".join(tag.get_text(" ", strip=True).split())) for tag in candidates]
    headings = [(name, text) for name, text in headings if len(text) >= 4]
    if segment:
        key = _squash(segment)
        for _name, text in headings:
            if len(key) >= 4 and (key in _squash(text) or (_squash(text) in key and len(text) >= 6)):
                return text
        if not truncated and len(segment) >= 4 and not _SITE_NAME.search(segment):
            return segment
    return next((text for name, text in headings if name == "h1"), None)

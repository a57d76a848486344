"""A document's front matter: title, date of issue, issuing bodies and sides."""

from __future__ import annotations

import re
from collections import Counter, deque

from graphmodel.extract.regions import PROVINCE_ABBREVIATIONS, gazetteer, short_name
from graphmodel.extract.text import CJK
from graphmodel.model import Side

__all__ = ["find_title", "find_date", "find_issuers", "title_regions", "make_sides", "mention_region"]

_PLAN_WORDS = r"(?:计划|方案|要点|安排|清单|分工|任务|意见|措施|规划|任务书|分解表|台账)"
# (compiled once: the module functions of re look each pattern up in their cache, a Python call a time)
_CHUNK_GAP = re.compile(r"\n|  *")  # (a line break or spaces: literals first, which the regex engine skips to)
_HEAD_END = re.compile(r"[。:]")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_SENTENCE_MARK = re.compile(r"[。,:;]")
_QUOTED_TITLE = re.compile(rf"《([^《》]{{4,70}}{_PLAN_WORDS})》")
_SPACES = re.compile(r"\s+")
_ISSUER_MARK = re.compile(r"[。,:;《》]")
_TITLE_YEAR = re.compile(r"^\d{4}(?:—|-|～|~|至)?(?:\d{4})?年(?:度)?")
_TITLE_CHUNK = re.compile(rf"^[{CJK}\d()《》“”\-—·]{{6,70}}{_PLAN_WORDS}$")
_NOTICE = re.compile(r"关于印发(.+?)的通知")
# A date's year opens with one character of its class, then the three others (\d{4} as \d\d{3}): a
# pattern whose first item is a character class (not a repeat) is scanned by the regex engine
# skipping to the characters that class allows, not tried at every character of the text.
_DATE = re.compile(r"(\d\d{3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DIGIT, _CN_NUMBER = "[〇零一二三四五六七八九]", "[一二三四五六七八九十]{1,3}"
_CN_DATE = re.compile(f"({_CN_DIGIT}{_CN_DIGIT}{{3}})年({_CN_NUMBER})月({_CN_NUMBER})日")
_ISSUER_END = re.compile(r"(?:办公室|办公厅|人民政府|政府|委员会|领导小组|小组|局|委|厅|部|指挥部)$")
_REGION = rf"[{CJK}]{{2,8}}?(?:省|市|自治区|自治州|州|新区|区|县)"
_PAIR = re.compile(
    rf"({_REGION})\s*(?:与|和|同|、|对口支援|对口帮扶|对口协作|对口合作|帮扶|支援|协作)\s*({_REGION})"
)
_MORE = re.compile(rf"\s*[、和及与]\s*({_REGION})(?=[、和及与]|共同|联合|合作|携手|协同|对口)")


def find_title(front: str) -> str | None:
    """The plan's title in its front matter.

    The title of the plan a notice issues (关于印发X的通知) wins, even wrapped over lines; else
    a line that ends like a plan's name (…计划, …方案); else a quoted plan name; else a short
    line among the first three.

    Parameters
    ----------
    front : str
        The normalised text before the first numbered item or table.

    Returns
    -------
    str or None
        None when nothing reads as a title.

    Examples
    --------
    >>> front = ("大连市人民政府办公厅\\n2020年3月5日\\n"
    ...          "关于印发2020年上海市与大连市对口合作重点工作计划的通知\\n各有关单位:\\n")
    >>> find_title(front)
    '2020年上海市与大连市对口合作重点工作计划'
    >>> find_title("一") is None
    True
    """
    chunks = [c.strip() for c in _CHUNK_GAP.split(front) if c.strip()]
    # The notice's own title heads the document, maybe wrapped over lines (关于印发实施《西部大开发
    # “十三五”\n规划》…的通知); a notice cited further down (根据《…关于印发…的通知》) is not it.
    head = _HEAD_END.split(front, maxsplit=1)[0][:400]
    m = _NOTICE.search(_LINE_BREAK.sub("", head))
    if m and len(m.group(1)) <= 80:
        return m.group(1).strip("《》")
    for chunk in chunks:
        m = _NOTICE.search(chunk)
        if m:
            return m.group(1).strip("《》")
    for chunk in chunks:
        if _TITLE_CHUNK.match(chunk) and not _SENTENCE_MARK.search(chunk):
            return chunk.strip("《》")
    m = _QUOTED_TITLE.search(front)
    if m:
        return m.group(1)
    for chunk in chunks[:3]:
        if 4 <= len(chunk) <= 60 and not _SENTENCE_MARK.search(chunk):
            return chunk
    return None


def _cn_int(s: str) -> int:
    digits = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    return int("".join(str(digits[c]) for c in s))


def find_date(front: str, back: str) -> tuple[str | None, int | None]:
    """The date of issue: in the front matter first, then in the signature at the end.

    Parameters
    ----------
    front : str
        The normalised text before the first numbered item or table (its first date counts).
    back : str
        The end of the text (its last date counts).

    Returns
    -------
    tuple of (str or None, int or None)
        ``YYYY-MM-DD`` (also from Chinese numerals, 二〇二〇年三月五日), and its offset in
        ``front`` (None when it was found in ``back``, or not at all).

    Examples
    --------
    >>> front = ("大连市人民政府办公厅\\n2020年3月5日\\n"
    ...          "关于印发2020年上海市与大连市对口合作重点工作计划的通知\\n各有关单位:\\n")
    >>> find_date(front, "")
    ('2020-03-05', 11)
    >>> find_date("", "大连市人民政府\\n二〇二〇年三月五日")
    ('2020-03-05', None)
    """
    for text, is_front in ((front, True), (back, False)):
        # The front's first date, the back's last; the Chinese numerals' only where no date in
        # digits is found (the front may be most of a plan: one search, not a list of every date).
        m = _DATE.search(text) if is_front else _last(_DATE, text)
        if m is not None:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            m = _CN_DATE.search(text) if is_front else _last(_CN_DATE, text)
            if m is None:
                continue
            y, mo, d = _cn_int(m.group(1)), _cn_int(m.group(2)), _cn_int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}", (m.start() if is_front else None)
    return None, None


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of ``pattern`` in ``text`` (a scan's, left to right), or None."""
    last = deque(pattern.finditer(text), maxlen=1)  # (keeps the last only)
    return last[0] if last else None


def find_issuers(front: str, date_at: int | None) -> list[str]:
    """The issuing bodies.

    Parameters
    ----------
    front : str
        The normalised text before the first numbered item or table.
    date_at : int or None
        The offset of the date of issue in ``front`` (`find_date`), if it is there.

    Returns
    -------
    list of str
        The names signed just before the date, in order; else the body that heads the document
        (四川省人民政府办公厅 on its first line); else none.

    Examples
    --------
    >>> front = ("大连市人民政府办公厅\\n2020年3月5日\\n"
    ...          "关于印发2020年上海市与大连市对口合作重点工作计划的通知\\n各有关单位:\\n")
    >>> find_issuers(front, find_date(front, "")[1])
    ['大连市人民政府办公厅']
    >>> find_issuers("关于印发计划的通知\\n", None)
    []
    """
    out: list[str] = []
    if date_at is not None:
        chunks = [c for c in _SPACES.split(front[:date_at]) if c]
        for chunk in reversed(chunks):
            if _is_issuer(chunk):
                out.append(chunk)
            else:
                break
    if not out:
        first = front.lstrip().split("\n", 1)[0].strip()
        if _is_issuer(first) and not first.startswith("关于"):
            out.append(first)
    return list(reversed(out))


def _is_issuer(chunk: str) -> bool:
    return bool(_ISSUER_END.search(chunk)) and not _ISSUER_MARK.search(chunk) and len(chunk) <= 40


def mention_region(name: str) -> str | None:
    """The province or city a unit's name starts with; see `Gazetteer.named_region`.

    Parameters
    ----------
    name : str
        A unit's name as written.

    Returns
    -------
    str or None
        The region's full name; None when the name starts with none (市发改委).

    Examples
    --------
    >>> mention_region("上海市发改委"), mention_region("市发改委")
    ('上海市', None)
    """
    return gazetteer().named_region(name)


def title_regions(title: str | None) -> list[str]:
    """The regions a title names, in order.

    Parameters
    ----------
    title : str or None
        A normalised title.

    Returns
    -------
    list of str
        Full names: two or more for a counterpart plan (上海市与大连市…, 海东市与兰州市、临夏州…),
        one for a single government's plan (辽宁省…), none when it names no region.

    Examples
    --------
    >>> title_regions("2020年上海市与大连市对口合作重点工作计划")
    ['上海市', '大连市']
    >>> title_regions("辽宁省2021年重点工作"), title_regions(None)
    (['辽宁省'], [])
    """
    if not title:
        return []
    body = _TITLE_YEAR.sub("", title)
    m = _PAIR.search(body)
    g = gazetteer()
    if m:
        raws = [m.group(1), m.group(2)]
        at = m.end()
        while more := _MORE.match(body, at):  # 海东市与兰州市、临夏州共同推进…: three sides
            raws.append(more.group(1))
            at = more.end()
        pair = []
        for raw in raws:
            known = [n for n, _, _ in g.find_all(raw)]
            pair.append(known[-1] if known and raw.endswith(known[-1]) else raw)
        return pair
    known = [n for n, _, _ in g.find_all(body) if g.kind(n) in ("province", "city", "district", "new-area")]
    if known:
        return [known[0]]
    guessed = g.guess_prefix(body)
    if guessed:
        return [guessed]
    # 陕西《政府工作报告》…: a province's or city's short name opening the title.
    for n in (4, 3, 2):
        region = g.full_name(body[:n])
        if region and g.kind(region) in ("province", "city"):
            return [region]
    return []


def make_sides(
    title_names: list[str],
    part_votes: list[Counter[str]],
    all_votes: Counter[str],
    issuers: list[str],
) -> list[Side]:
    """The document's sides, in the order its annotations list them.

    Parameters
    ----------
    title_names : list of str
        The regions the title names (`title_regions`).
    part_votes : list of Counter
        For the first and second ``;``-parts of annotations, the regions their units name.
    all_votes : Counter
        The regions named by all units.
    issuers : list of str
        The issuing bodies, whose region names a single government's side.

    Returns
    -------
    list of Side
        Two or more when the title names them (in the order the parts name them) or the first
        and second parts name two regions; else one, from the title, the issuers or the most
        named region; else none.

    Examples
    --------
    >>> from collections import Counter
    >>> make_sides(["上海市", "大连市"], [Counter({"大连市": 2}), Counter({"上海市": 2})], Counter(), [])
    [Side(name='大连市', short='大连'), Side(name='上海市', short='沪')]
    >>> make_sides([], [Counter(), Counter()], Counter(), ["大连市人民政府"])
    [Side(name='大连市', short='大连')]
    """
    first = part_votes[0].most_common(1)[0][0] if part_votes and part_votes[0] else None
    second = part_votes[1].most_common(1)[0][0] if len(part_votes) > 1 and part_votes[1] else None
    if len(title_names) > 2:
        names = title_names  # three or more parties, in the title's order
    elif len(title_names) == 2:
        names = title_names[:2]
        if first == names[1] or second == names[0]:
            names = [names[1], names[0]]
    elif first and second and first != second:
        names = [first, second]
    elif title_names:
        names = title_names[:1]
    else:
        names = []
        for issuer in issuers:
            region = mention_region(issuer)
            if region:
                names = [region]
                break
        if not names and all_votes:
            names = [all_votes.most_common(1)[0][0]]
    return [Side(n, PROVINCE_ABBREVIATIONS.get(n) or short_name(n)) for n in names]

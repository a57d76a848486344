"""A document's front matter: title, date of issue, issuing bodies and sides."""

from __future__ import annotations

import re
from collections import Counter

from graphmodel.extract.regions import PROVINCE_ABBREVIATIONS, gazetteer, short_name
from graphmodel.extract.text import CJK
from graphmodel.model import Side

__all__ = ["find_title", "find_date", "find_issuers", "title_regions", "make_sides", "mention_region"]

_PLAN_WORDS = r"(?:计划|方案|要点|安排|清单|分工|任务|意见|措施|规划|任务书|分解表|台账)"
_TITLE_CHUNK = re.compile(rf"^[{CJK}\d()《》“”\-—·]{{6,70}}{_PLAN_WORDS}$")
_NOTICE = re.compile(r"关于印发(.+?)的通知")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CN_DATE = re.compile(r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_ISSUER_END = re.compile(r"(?:办公室|办公厅|人民政府|政府|委员会|领导小组|小组|局|委|厅|部|指挥部)$")
_REGION = rf"[{CJK}]{{2,8}}?(?:省|市|自治区|自治州|州|新区|区|县)"
_PAIR = re.compile(
    rf"({_REGION})\s*(?:与|和|同|、|对口支援|对口帮扶|对口协作|对口合作|帮扶|支援|协作)\s*({_REGION})"
)
_MORE = re.compile(rf"\s*[、和及与]\s*({_REGION})(?=[、和及与]|共同|联合|合作|携手|协同|对口)")


def find_title(front: str) -> str | None:
    """The plan's title in the front matter (the text before the first numbered item)."""
    chunks = [c.strip() for c in re.split(r"[\n]| {1,}", front) if c.strip()]
    # The notice's own title heads the document, maybe wrapped over lines (关于印发实施《西部大开发
    # “十三五”\n规划》…的通知); a notice cited further down (根据《…关于印发…的通知》) is not it.
    head = re.split(r"[。:]", front, maxsplit=1)[0][:400]
    m = _NOTICE.search(re.sub(r"\s*\n\s*", "", head))
    if m and len(m.group(1)) <= 80:
        return m.group(1).strip("《》")
    for chunk in chunks:
        m = _NOTICE.search(chunk)
        if m:
            return m.group(1).strip("《》")
    for chunk in chunks:
        if _TITLE_CHUNK.match(chunk) and not re.search(r"[。,:;]", chunk):
            return chunk.strip("《》")
    m = re.search(rf"《([^《》]{{4,70}}{_PLAN_WORDS})》", front)
    if m:
        return m.group(1)
    for chunk in chunks[:3]:
        if 4 <= len(chunk) <= 60 and not re.search(r"[。,:;]", chunk):
            return chunk
    return None


def _cn_int(s: str) -> int:
    digits = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    return int("".join(str(digits[c]) for c in s))


def find_date(front: str, back: str) -> tuple[str | None, int | None]:
    """YYYY-MM-DD of issue (front matter first, then the signature at the end) and its offset in front."""
    for text, is_front in ((front, True), (back, False)):
        found = list(_DATE.finditer(text)) or []
        cn = list(_CN_DATE.finditer(text))
        if found:
            m = found[0] if is_front else found[-1]
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        elif cn:
            m = cn[0] if is_front else cn[-1]
            y, mo, d = _cn_int(m.group(1)), _cn_int(m.group(2)), _cn_int(m.group(3))
        else:
            continue
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}", (m.start() if is_front else None)
    return None, None


def find_issuers(front: str, date_at: int | None) -> list[str]:
    """Issuing bodies: the names signed just before the date in the front matter, else the body
    that heads the document (四川省人民政府办公厅 on its first line)."""
    out: list[str] = []
    if date_at is not None:
        chunks = [c for c in re.split(r"\s+", front[:date_at]) if c]
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
    return bool(_ISSUER_END.search(chunk)) and not re.search(r"[。,:;《》]", chunk) and len(chunk) <= 40


def mention_region(name: str) -> str | None:
    """The province or city a unit's name starts with (上海… → 上海市); see `Gazetteer.named_region`."""
    return gazetteer().named_region(name)


def title_regions(title: str | None) -> list[str]:
    """Regions the title names, in order (two for 上海市与大连市…, one for 辽宁省…)."""
    if not title:
        return []
    body = re.sub(r"^\d{4}(?:—|-|～|~|至)?(?:\d{4})?年(?:度)?", "", title)
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
    title_names : regions named by the title
    part_votes : for the first and second ;-parts of annotations, the regions their units name
    all_votes : the regions named by all units
    issuers : issuing bodies, whose region names a single-government plan's side
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

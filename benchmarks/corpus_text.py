"""Plan texts in the genre's forms, with the answer each one should give.

Used by ``benchmarks/corpus.py`` (which times the CLI over a folder of them) and by its test. A
plan is one of

- a cooperation plan between two real paired regions (上海市–大连市, 江苏省–辽宁省, …) for a
  year: front matter (notice, issuers, date), a title, 一、 sections, (一) tasks, sometimes 1.
  sub-items, each task ending with its responsibilities in one of the two-side forms:
  ``(责任单位:A、市B;C、市D)``, ``(A牵头,B配合;C牵头,D配合)``, ``牵头单位:A;C`` / ``配合单位:B;D``
  lines;
- a work division of one region: ``(牵头单位:X,配合单位:Y)``, ``牵头单位:``/``配合单位:`` lines,
  ``(X牵头,Y配合)``, a bare bracketed list.

Units are the regions' departments, written in full the first time in a list and short
(市统计局, 省科技厅) after, as plans do; each pair of regions draws its units from a fixed pool
that changes a little from year to year, so units recur across a pair's plans. Group
placeholders (各有关单位) and notes ((按职责分工负责,下同)) appear now and then. Everything is
drawn from a `random.Random` seeded per plan, so plan ``i`` of a seed is always the same text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["PAIRS", "SINGLE", "Plan", "Expected", "make_plan"]

# Real pairs of the 东北–东部 cooperation and of aid programmes; the first side is listed first.
PAIRS = [
    ("上海市", "大连市"), ("北京市", "沈阳市"), ("天津市", "长春市"), ("江苏省", "辽宁省"),
    ("浙江省", "吉林省"), ("广东省", "黑龙江省"), ("深圳市", "哈尔滨市"), ("广州市", "齐齐哈尔市"),
    ("南京市", "沈阳市"), ("苏州市", "大连市"), ("宁波市", "吉林市"), ("杭州市", "长春市"),
    ("东莞市", "牡丹江市"), ("天津市", "甘肃省"), ("上海市", "云南省"), ("北京市", "吉林省"),
]
# Regions that issue work divisions of their own.
SINGLE = ["大连市", "沈阳市", "辽宁省", "吉林省", "长春市", "哈尔滨市", "黑龙江省", "江苏省", "苏州市", "宁波市"]

YEARS = list(range(2018, 2026))
TOPICS = ["对口合作", "科技创新合作", "产业合作", "文化旅游合作", "人才交流合作", "园区共建", "营商环境交流",
          "教育合作", "卫生健康合作", "农业合作", "金融合作", "国资国企合作", "商贸流通合作", "生态环境合作",
          "干部人才交流", "开放平台合作", "民生领域合作", "数字经济合作", "体育交流合作", "港口物流合作"]
KINDS = ["重点工作计划", "工作要点", "实施方案", "重点任务分工方案", "行动计划", "年度工作安排"]

# Departments: (name after a province's 省, after a city's 市). Municipalities use the city form.
DEPARTMENTS = [
    ("发展改革委", "发展改革委"), ("科技厅", "科技局"), ("教育厅", "教育局"), ("工业和信息化厅", "工业和信息化局"),
    ("商务厅", "商务局"), ("财政厅", "财政局"), ("人力资源社会保障厅", "人力资源社会保障局"),
    ("文化和旅游厅", "文化和旅游局"), ("卫生健康委", "卫生健康委"), ("农业农村厅", "农业农村局"),
    ("交通运输厅", "交通运输局"), ("生态环境厅", "生态环境局"), ("国资委", "国资委"), ("地方金融监管局", "金融局"),
    ("市场监管局", "市场监管局"), ("自然资源厅", "自然资源局"), ("住房城乡建设厅", "住房城乡建设局"),
    ("民政厅", "民政局"), ("体育局", "体育局"), ("统计局", "统计局"), ("委组织部", "委组织部"),
    ("委宣传部", "委宣传部"), ("总工会", "总工会"), ("审计厅", "审计局"), ("司法厅", "司法局"),
    ("应急管理厅", "应急局"), ("退役军人事务厅", "退役军人局"), ("医疗保障局", "医疗保障局"),
    ("大数据局", "大数据局"), ("营商局", "营商局"), ("外办", "外办"), ("供销社", "供销社"),
    ("政府合作交流办", "政府合作交流办"), ("知识产权局", "知识产权局"), ("粮食和储备局", "粮食和储备局"),
    ("贸促会", "贸促会"), ("工商联", "工商联"), ("妇联", "妇联"), ("水利厅", "水务局"),
]
PLACEHOLDERS = ["各有关单位", "各相关单位", "有关部门"]

FIELDS = ["科技创新", "产业链协同", "文化旅游", "教育培训", "医疗卫生", "现代农业", "金融服务", "国资国企改革",
          "商贸流通", "生态环境保护", "人才交流", "开放平台建设", "营商环境", "数字经济", "港口物流", "体育赛事",
          "养老服务", "知识产权保护", "招商引资", "干部挂职"]
VERBS = ["推动", "深化", "加强", "拓展", "支持", "组织", "推进", "共同开展", "积极探索", "持续完善"]
OBJECTS = ["交流合作", "对接活动", "合作机制", "项目落地", "经验互鉴", "人才培训", "平台共建", "政策协同",
           "考察学习", "联合攻关", "资源共享", "品牌推广"]
CLAUSES = [
    "年内举办{n}场专题对接活动,推动一批合作项目签约落地",
    "围绕重点领域开展务实合作,形成可复制可推广的经验做法",
    "组织{n}批次业务骨干赴对方地区学习考察,提升工作水平",
    "建立定期会商机制,及时协调解决合作中的困难和问题",
    "全年新增合作项目{n}个以上,完成投资额{m}亿元",
    "鼓励企业、高校和科研院所加强合作,促进创新资源跨区域流动",
    "发挥双方比较优势,推动产业链上下游协同发展",
    "加大宣传推介力度,营造全社会支持合作的良好氛围",
    "落实年度工作任务清单,按季度报送进展情况",
    "力争合作规模较上年增长{p}%以上",
]
SECTIONS = ["完善合作工作机制", "推动产业协同发展", "深化科技创新合作", "加强人才交流培训", "推进民生领域合作",
            "扩大对外开放合作", "促进文化旅游融合", "强化要素保障", "优化营商环境", "共建合作园区平台"]
NUMERALS = "一二三四五六七八九"


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 24 → 二十四 (up to 99)."""
    tens, ones = divmod(n, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (NUMERALS[ones - 1] if ones else "")


def _level(region: str) -> str:
    return "省" if region.endswith("省") else "市"


def _department(region: str, k: int) -> str:
    """The remainder of department ``k`` after the region (省科技厅 → 科技厅)."""
    province, city = DEPARTMENTS[k]
    return province if region.endswith("省") else city


@dataclass(frozen=True, order=True)
class Expected:
    """One responsibility a plan states: the unit's full name, its side and its role."""

    side: str
    unit: str
    role: str


@dataclass
class Plan:
    """A generated plan: file name, text, title, sides and the responsibilities of each task."""

    name: str
    text: str
    title: str
    sides: tuple[str, ...]
    tasks: dict[str, set[Expected]] = field(default_factory=dict)  # task number as written → answer


class _Writer:
    """Writes one side's list of units: full name first, short (市X) after, and the answer."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def names(self, region: str, picks: list[int], role: str, out: set[Expected]) -> list[str]:
        written = []
        for j, k in enumerate(picks):
            rest = _department(region, k)
            full = region + rest
            short = _level(region) + rest
            written.append(full if j == 0 or self.rng.random() < 0.25 else short)
            out.add(Expected(region, full, role))
        return written


def _task_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(2, 4)):
        clause = rng.choice(CLAUSES).format(n=rng.randint(2, 20), m=rng.randint(1, 50), p=rng.randint(5, 30))
        parts.append(f"{rng.choice(VERBS)}{rng.choice(FIELDS)}{rng.choice(OBJECTS)},{clause}")
    return ";".join(parts) + "。"


def _pool(rng: random.Random, size: int) -> list[int]:
    return rng.sample(range(len(DEPARTMENTS)), size)


def _pick(rng: random.Random, pool: list[int], low: int, high: int) -> list[int]:
    return rng.sample(pool, rng.randint(low, min(high, len(pool))))


def _two_side_annotation(form: str, rng: random.Random, writer: _Writer, sides: tuple[str, str],
                         pools: dict[str, list[int]], out: set[Expected]) -> tuple[str, str]:
    """(trailing text, lines after the paragraph) of one task's annotation in ``form``."""
    if form == "duty":
        lists = []
        for side in sides:
            names = writer.names(side, _pick(rng, pools[side], 1, 4), "responsible", out)
            if rng.random() < 0.08:
                names.append(rng.choice(PLACEHOLDERS))
            lists.append("、".join(names))
        return f"(责任单位:{';'.join(lists)})", ""
    if form == "clause":
        halves = []
        for side in sides:
            picks = _pick(rng, pools[side], 2, 4)
            lead = writer.names(side, picks[:1], "lead", out)
            support = writer.names(side, picks[1:], "support", out)
            halves.append(f"{'、'.join(lead)}牵头,{'、'.join(support)}配合")
        return f"({';'.join(halves)})", ""
    # lines: 牵头单位:A;C then 配合单位:B;D
    leads, supports = [], []
    for side in sides:
        picks = _pick(rng, pools[side], 2, 4)
        leads.append("、".join(writer.names(side, picks[:1], "lead", out)))
        supports.append("、".join(writer.names(side, picks[1:], "support", out)))
    return "", f"\n牵头单位:{';'.join(leads)}\n配合单位:{';'.join(supports)}"


def _one_side_annotation(form: str, rng: random.Random, writer: _Writer, region: str, pool: list[int],
                         out: set[Expected]) -> tuple[str, str]:
    picks = _pick(rng, pool, 1, 5)
    if form == "bare":
        return f"({'、'.join(writer.names(region, picks, 'responsible', out))})", ""
    lead = "、".join(writer.names(region, picks[:1], "lead", out))
    support = "、".join(writer.names(region, picks[1:], "support", out)) if len(picks) > 1 else ""
    if form == "lead-support":
        return (f"(牵头单位:{lead},配合单位:{support})" if support else f"(牵头单位:{lead})"), ""
    if form == "clause":
        return (f"({lead}牵头,{support}配合)" if support else f"({lead}牵头)"), ""
    return "", f"\n牵头单位:{lead}" + (f"\n配合单位:{support}" if support else "")


def _front(rng: random.Random, title: str, issuers: list[str], year: int) -> tuple[str, str]:
    month, day = rng.randint(1, 6), rng.randint(1, 28)
    notice = (f"各有关单位:\n《{title}》已经研究同意,现印发给你们,请结合各自职责分工,认真抓好贯彻落实。\n"
              + "\n".join(issuers) + f"\n{year}年{month}月{day}日\n\n")
    return notice, f"{year}年{month}月{day}日"


def make_plan(i: int, seed: int = 1) -> Plan:
    """Plan ``i`` of the corpus drawn with ``seed`` (the same text every time).

    Titles are unique within a corpus: plan ``i`` takes the ``i``-th combination of region(s),
    year, topic and kind in an order shuffled by ``seed``.
    """
    combos = _combos(seed)
    kind_of_plan, region_key, year, topic, kind = combos[i % len(combos)]
    rng = random.Random(f"{seed}/{i}")
    writer = _Writer(rng)
    series = f"(第{i // len(combos) + 1}批)" if i >= len(combos) else ""
    if kind_of_plan == "pair":
        a, b = PAIRS[region_key]
        title = f"{year}年{a}与{b}{topic}{kind}{series}"
        sides: tuple[str, ...] = (a, b)
        issuers = [f"{a}对口合作工作领导小组办公室", f"{b}对口合作工作领导小组办公室"]
        forms = rng.sample(["duty", "clause", "lines"], rng.choice([1, 1, 2, 3]))
    else:
        region = SINGLE[region_key]
        title = f"{region}{year}年{topic}{kind}{series}"
        sides = (region,)
        issuers = [f"{region}人民政府办公厅"]
        forms = rng.sample(["lead-support", "lines", "clause", "bare"], rng.choice([1, 2, 2, 3]))
    pools = {s: _pool(random.Random(f"{seed}/{s}/{'-'.join(sides)}"), 24) for s in sides}
    for s in sides:  # a year's plan keeps most of the pair's units and swaps a few
        year_rng = random.Random(f"{seed}/{s}/{year}")
        for k in year_rng.sample(range(len(pools[s])), 3):
            pools[s][k] = year_rng.randrange(len(DEPARTMENTS))
        pools[s] = list(dict.fromkeys(pools[s]))

    notice, _date = _front(rng, title, issuers, year)
    plan = Plan(name="", text="", title=title, sides=sides)
    lines = [notice, title, "", f"为深入推进{topic},落实年度目标任务,特制定本{kind}如下:", ""]
    n_tasks = rng.randint(20, 60)
    n_sections = rng.randint(3, min(8, len(SECTIONS)))
    per = [n_tasks // n_sections + (1 if s < n_tasks % n_sections else 0) for s in range(n_sections)]
    task_no = 0
    for s, section in enumerate(rng.sample(SECTIONS, n_sections)):
        lines.append(f"{chinese(s + 1)}、{section}")
        for _ in range(per[s]):
            task_no += 1
            head = f"({chinese(task_no)})"
            subs = rng.randint(2, 3) if rng.random() < 0.12 else 0
            if subs:  # a heading whose numbered items carry the responsibilities
                lines.append(f"{head}{rng.choice(VERBS)}{rng.choice(FIELDS)}{rng.choice(OBJECTS)}")
                items = [(f"{chinese(s + 1)}、{head}{k}.", f"{k}.") for k in range(1, subs + 1)]
            else:
                items = [(f"{chinese(s + 1)}、{head}", head)]
            for number, enumerator in items:
                answer: set[Expected] = set()
                form = rng.choice(forms)
                if len(sides) == 2:
                    trailing, after = _two_side_annotation(form, rng, writer, (sides[0], sides[1]), pools, answer)
                else:
                    trailing, after = _one_side_annotation(form, rng, writer, sides[0], pools[sides[0]], answer)
                lines.append(f"{enumerator}{_task_text(rng)}{trailing}{after}")
                plan.tasks[number] = answer
        lines.append("")
    lines += issuers
    lines.append(_date)
    plan.text = "\n".join(lines) + "\n"
    slug = "-".join(sides)
    plan.name = f"{i:05d}-{year}-{slug}.txt"
    return plan


_COMBOS: dict[int, list[tuple[str, int, int, str, str]]] = {}


def _combos(seed: int) -> list[tuple[str, int, int, str, str]]:
    if seed not in _COMBOS:
        out = [("pair", p, y, t, k) for p in range(len(PAIRS)) for y in YEARS for t in TOPICS for k in KINDS]
        out += [("single", r, y, t, k) for r in range(len(SINGLE)) for y in YEARS for t in TOPICS[:10]
                for k in KINDS[3:]]
        random.Random(seed).shuffle(out)
        _COMBOS[seed] = out
    return _COMBOS[seed]

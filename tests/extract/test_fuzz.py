"""Fuzzing the extractor: whatever text comes in, an Extraction or an error of the taxonomy, soon.

Hypothesis mutates real plans (deletes, duplicates and swaps stretches, drops in the genre's
punctuation, keywords and brackets) and writes text from the genre's alphabet. Bounded in examples
and time so that the suite stays fast; the reproducers issue 10 names are fixed examples.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graphmodel.errors import GraphmodelError
from graphmodel.extract import extract
from graphmodel.model import Extraction
from tests.extract.helpers import DATA

PLANS = [DATA / "2020-shanghai-dalian-plan.txt", DATA / "plans" / "2021-wuxi-key-tasks.txt",
         DATA / "plans2" / "2021-ningbo-reform-task-table.txt", DATA / "real" / "batch1" / "05_chongqing-shapingba-2022-gov-work-report-targets-PARTIAL.txt",
         DATA / "real" / "dev" / "01_guangzhou-633-talent-gathering-2012.txt",
         DATA / "real" / "batch8" / "07_jiangsu-suzhou-wujiang-2024-key-work-targets-table-PARTIAL.txt",
         DATA / "real" / "batch8" / "01_shanxi-2008-provincial-government-work-targets-responsibility-PARTIAL.txt"]
TEXTS = [p.read_text(encoding="utf-8")[:6000] for p in PLANS]
PIECES = ["（", "）", "(", ")", "【", "】", "〔", "〕", "〈", "〉", "《", "》", "“", "”", "、", "，", "；", "：", "。", "\n", "\t",
          " ", "一、", "（一）", "1.", "11.121", "①", "第一条", "责任单位：", "牵头单位:", "配合单位：", "主责部门：",
          "数据提供单位:", "牵头", "配合", "负责", "按职责分工负责", "下同", "含", "以下简称", "排名第一的为牵头单位",
          "各有关单位", "市发改委", "上海市", "大连市", "浦东新区", "高新区", "沪方:", "序号", "等", "和", "会同",
          "—" * 50, "(" * 30, ")" * 30, "2021年3月20日", "关于印发", "的通知", "|", "\n|\n", "★", "牵头的工作"]
LIMIT = 2.0  # seconds a case may take


def _check(text: str) -> None:
    start = time.perf_counter()
    try:
        result = extract(text, source="fuzz.txt")
    except GraphmodelError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(result, Extraction)
        result.to_dict()
        for task in result.tasks:
            for r in task.responsibilities:
                assert r.span is None or 0 <= r.span[0] <= r.span[1] <= len(text)
    assert time.perf_counter() - start < LIMIT


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 300)))
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "swap"]))
        if op == "delete":
            text = text[:a] + text[b:]
        elif op == "insert":
            text = text[:a] + draw(st.sampled_from(PIECES)) * draw(st.integers(1, 20)) + text[a:]
        elif op == "duplicate":
            text = text[:b] + text[a:b] * draw(st.integers(1, 4)) + text[b:]
        else:
            c = draw(st.integers(0, len(text)))
            text = text[:a] + text[c : c + (b - a)] + text[b:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
@example("2020年上海市与大连市对口合作重点工作计划\n一、支持昆山市发展。(责任单位:昆山市政府;大连市发展改革委)")
@example("关于印发2021年工作要点的通知\n一、支持昆山市发展。(责任单位:昆山市政府;大连市发展改革委)")
@example("一、甲。" + "（责任单位：市发改委" * 2000)
@example("一、甲。（责任单位：市发改委" + "（" * 5000 + "）" * 5000 + "）")
@example("—" * 20000 + "\n一、甲。（责任单位：市发改委）")
def test_mutated_plans(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES + list("市区县局委办厅甲乙丙丁发改财政商务一二三四五")), max_size=200).map("".join))
def test_text_of_the_genres_alphabet(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_any_text(text: str) -> None:
    _check(text)

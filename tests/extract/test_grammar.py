"""The grammar as data: validation when loaded, and that adding vocabulary is a data change."""

from __future__ import annotations

from importlib import resources

import pytest

from graphmodel.extract import extract
from graphmodel.extract.annotations import Annotation
from graphmodel.extract.grammar import GrammarError, default_grammar, load_grammar
from graphmodel.extract.policy import POLICIES, outermost_first
from graphmodel.extract.recognisers import RECOGNISERS

BUILTIN = resources.files("graphmodel").joinpath("data/grammar.tsv").read_text(encoding="utf-8")
ONE = "2021年大连市重点工作任务分工方案\n"


@pytest.mark.parametrize(
    "line, message",
    [
        ("rule\t牵头\tlead", "unknown kind 'rule'"),
        ("role\t牵头\tleader", "role takes lead, responsible or support, not 'leader'"),
        ("role\t\tlead", "role needs an entry"),
        ("head\t单位\tlead", "head takes no value"),
        ("bracket\t(\tround", "a bracket is an open and a close character"),
        ("bracket\t（）\tround", "is already a bracket"),
        ("etc\t等(\t", "the pattern does not compile"),
        ("verb\t牵头\tsupport", "verb '牵头' is given two meanings"),
        ("role\t牵头\tlead\tmore", "more than three columns"),
        ("mark\t☆\tresponsible", "mark takes lead or support, not 'responsible'"),
        ("column\t任务\trole", "column takes task or units, not 'role'"),
        ("not-section\t控股长", "neither starts nor ends with a section end"),
    ],
)
def test_a_bad_line_is_one_error_naming_the_line(line: str, message: str) -> None:
    text = BUILTIN + line + "\n"
    lineno = text.count("\n")
    with pytest.raises(GrammarError) as info:
        load_grammar(text, "grammar.tsv")
    assert str(info.value).startswith(f"grammar.tsv, line {lineno}: ") and message in str(info.value)


def test_keywords_are_role_words_with_their_heads() -> None:
    g = default_grammar()
    assert [g.keyword_role(k) for k in ("牵头单位", "主责部门", "协同责任单位", "配合处室", "牵头领导", "完成时限")] == [
        "lead", "lead", "responsible", "support", "person", "field"]
    assert g.keyword_role("牵\n头单位") == "lead"  # broken across lines in text copied from a PDF
    assert g.keyword_role("数据提供单位") is None and g.unknown_keyword("数据提供单位") == "responsible"
    assert g.unknown_keyword("分管副市长领导") == "person"


def test_notes_and_names() -> None:
    g = default_grammar()
    assert g.note_meanings("按职责分工负责,下同") == ["carry", "duty", "other"]
    assert "first-leads" in g.note_meanings("排名第一的为牵头单位") and "first-leads" in g.note_meanings("首位单位为牵头单位")
    assert g.note_meanings("含开发区管委会,下同")[:2] == ["carry", "includes"]
    assert g.note_meanings("以下均需各县(市、区)人民政府落实,不再列出") == ["carry"]  # batch9 11
    assert g.is_placeholder("各有关单位") and g.is_placeholder("14个乡镇人民政府") and not g.is_placeholder("市财政局")
    assert g.is_placeholder("区属各重点国企") and g.is_placeholder("省直有关部门") and not g.is_placeholder("市属机关事务局")
    assert g.is_person("杨志武副市长") and not g.looks_like_unit("杨志武副市长") and g.looks_like_unit("机关党委(人事司)")
    assert g.strip_etc("州交通运输局等州级有关部门") == "州交通运输局"


@pytest.mark.parametrize("text", ["年内持续推进", "2020年底前完成", "2021年12月31日前完成", "今年内完成", "长期坚持",
                                  "2020-2022年", "第三季度", "6月底前"])
def test_deadlines_are_recognised(text: str) -> None:
    assert default_grammar().is_deadline(text)


@pytest.mark.parametrize("text", ["市发改委", "各区政府", "内蒙古自治区", "底线", "市场监管局", "年度考核办"])
def test_names_are_no_deadlines(text: str) -> None:
    assert not default_grammar().is_deadline(text)


def test_a_new_deadline_is_a_line_of_data() -> None:
    text = ONE + "一、甲。（市发改委牵头,市财政局配合,分批次推进）"
    ex = extract(text)  # the last clause has no verb: not read, but reported, never rejected
    assert not ex.tasks[0].responsibilities and any("分批次推进" in w.message for w in ex.warnings)
    g = load_grammar(BUILTIN + "deadline\t^分批次推进$\n")
    assert [r.mention for r in extract(text, grammar=g).tasks[0].responsibilities] == ["市发改委", "市财政局"]


def test_a_new_keyword_is_a_line_of_data() -> None:
    text = ONE + "一、甲。（督办单位：市发改委、市财政局）"
    assert [u.name for u in extract(text).units] == ["大连市发展改革委", "大连市财政局"]  # read, by its shape
    assert any("督办单位" in w.message for w in extract(text).warnings)
    g = load_grammar(BUILTIN + "role\t督办\tlead\n")
    ex = extract(text, grammar=g)
    assert [r.role for r in ex.tasks[0].responsibilities] == ["lead", "lead"] and not ex.warnings


def test_a_new_bracket_pair_is_a_line_of_data() -> None:
    text = ONE + "一、甲。⦅责任单位：市发改委、市财政局⦆"
    assert not any(t.responsibilities for t in extract(text).tasks)
    ex = extract(text, grammar=load_grammar(BUILTIN + "bracket\t⦅⦆\tround\n"))
    assert [r.mention for r in ex.tasks[0].responsibilities] == ["市发改委", "市财政局"]


def test_a_new_mark_is_a_line_of_data() -> None:
    text = ONE + "一、甲。（责任单位：▲市发改委、市财政局）"
    assert [r.mention for r in extract(text).tasks[0].responsibilities] == ["▲市发改委", "市财政局"]
    ex = extract(text, grammar=load_grammar(BUILTIN + "mark\t▲\tlead\n"))
    assert [(r.mention, r.role) for r in ex.tasks[0].responsibilities] == [("市发改委", "lead"), ("市财政局", "responsible")]
    assert [(r.mention, r.role) for r in extract(text.replace("▲", "★")).tasks[0].responsibilities] == [
        ("市发改委", "lead"), ("市财政局", "responsible")]  # the built-in mark


def test_sections_run_together_split_by_data() -> None:
    g = default_grammar()
    assert [m.start() for m in g.pattern("section-end").finditer("文化宣传股文化馆")] == [5]
    assert list(g.pattern("section-end").finditer("市投资控股有限公司")) == []  # 控股 is a not-section
    assert list(g.pattern("section-end").finditer("某某股份有限公司")) == []
    extra = load_grammar(BUILTIN + "not-section\t宣传股\n")
    assert list(extra.pattern("section-end").finditer("文化宣传股文化馆")) == []
    no_sections = load_grammar("".join(line for line in BUILTIN.splitlines(keepends=True)
                                       if not line.startswith(("section-end", "not-section"))))
    assert list(no_sections.pattern("section-end").finditer("文化宣传股文化馆")) == []


def test_table_column_words_are_data() -> None:
    g = default_grammar()
    assert g.pattern("task-column").search("重点任务") and not g.pattern("task-column").search("牵头单位")
    assert g.pattern("unit-column").search("评分部门") and not g.pattern("unit-column").search("备注")
    g2 = load_grammar(BUILTIN + "column\t备注\tunits\n")
    assert g2.pattern("unit-column").search("备注")


def test_a_new_heading_tail_is_a_line_of_data() -> None:
    text = ONE + "一、市发改委牵头的重点工作\n(一)推进改革。(配合单位:市财政局)\n(二)扩大开放。(配合单位:市商务局)"
    assert [[r.mention for r in t.responsibilities] for t in extract(text).tasks] == [[], ["市财政局"], ["市商务局"]]
    ex = extract(text, grammar=load_grammar(BUILTIN + "heading-tail\t的重点工作\n"))
    assert [[(r.mention, r.role) for r in t.responsibilities] for t in ex.tasks] == [
        [], [("市发改委", "lead"), ("市财政局", "support")], [("市发改委", "lead"), ("市商务局", "support")]]


def test_every_registered_form_has_a_name_the_policy_orders() -> None:
    names = [name for name, _, _ in RECOGNISERS]
    assert names == ["sentences", "keyword", "table", "clause", "line", "bare", "clause-line", "heading"]
    assert "outermost-first" in POLICIES


def test_the_overlap_policy_keeps_the_outer_and_reports_a_crossing() -> None:
    outer, inner, crossing, later = (Annotation(0, 20, "line"), Annotation(5, 10, "clause"),
                                     Annotation(15, 30, "keyword"), Annotation(30, 40, "bare"))
    kept, warnings = outermost_first([inner, later, crossing, outer], ["keyword", "clause", "line", "bare"])
    assert kept == [outer, later]
    assert [span for _, span in warnings] == [(15, 30)]
    same = [Annotation(0, 10, "bare"), Annotation(0, 10, "keyword")]
    assert [a.form for a in outermost_first(same, ["keyword", "bare"])[0]] == ["keyword"]

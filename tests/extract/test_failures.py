"""The failures issue 9 names, each a fixture under tests/data/failures/: what each must give.

Every fixture also has a gold annotation (scored with the rest in test_fixture_plans_scores.py);
these tests check the behaviour the failure was about.
"""

from __future__ import annotations

from pathlib import Path

from graphmodel.extract import extract
from graphmodel.model import Extraction, Task
from tests.extract.helpers import DATA, run

FAILURES = DATA / "failures"


def annotated(ex: Extraction) -> list[Task]:
    return [t for t in ex.tasks if t.responsibilities]


def names(task: Task) -> list[tuple[str, str, bool]]:
    return [(r.mention, r.role, r.collective) for r in task.responsibilities]


def test_a_numbering_glitch_stays_inside_its_item() -> None:
    glitched = (FAILURES / "number-glitch.txt").read_text(encoding="utf-8")
    clean = glitched.replace("10.121人才梯队项目", "10.人才梯队项目")
    a, b = extract(glitched), extract(clean)
    assert len(annotated(a)) == len(annotated(b)) == 30
    shift = len("121")
    for ta, tb in zip(annotated(a), annotated(b), strict=True):
        assert ta.number == tb.number
        assert names(ta) == names(tb)
        if int(ta.number.rstrip(".").split("、")[-1]) < 10:
            assert (ta.title, ta.text, ta.span) == (tb.title, tb.text, tb.span)
        elif int(ta.number.rstrip(".").split("、")[-1]) > 10:
            assert (ta.title, ta.text) == (tb.title, tb.text)
            assert (ta.span[0] - shift, ta.span[1] - shift) == tb.span
    glitch = next(t for t in annotated(a) if t.number.endswith("10."))
    assert glitch.text.startswith("121人才梯队项目")
    assert any("10." in w.message for w in a.warnings)  # the glitch is reported, with where it is


def test_a_numbering_glitch_in_a_real_plan() -> None:
    ex = run(DATA / "real" / "dev" / "01_guangzhou-633-talent-gathering-2012.txt")
    tasks = annotated(ex)
    assert len(tasks) == 44
    assert all(len(t.annotation_span or ()) == 2 for t in tasks)
    eleven = next(t for t in tasks if t.number.endswith("11."))
    assert eleven.text.startswith("121人才梯队项目") and [r.mention for r in eleven.responsibilities] == [
        "市人力资源和社会保障局", "各区、县级市"]


def test_a_clause_without_a_verb_takes_the_next_verb() -> None:
    first = annotated(run(FAILURES / "etc-then-more-clauses.txt"))[0]
    assert names(first) == [("区发改局", "lead", False), ("区财政局", "support", False), ("区交运局", "support", False),
                            ("区住建局", "support", False), ("区水务局", "support", False),
                            ("区国投公司", "support", False), ("各街道办事处", "support", True)]


def test_a_group_then_a_unit() -> None:
    first, second = annotated(run(FAILURES / "group-then-unit.txt"))
    assert names(first) == [("区商务局", "lead", False), ("各街道", "responsible", True), ("区市场局", "responsible", False)]
    assert [m for m, _, collective in names(second) if collective] == ["各街道", "区直各部门"]


def test_bracket_families_the_grammar_lists() -> None:
    ex = run(FAILURES / "unlisted-brackets.txt")
    assert [[m for m, *_ in names(t)] for t in annotated(ex)] == [
        ["省发展改革委", "省交通运输厅", "相关市（州）人民政府"], ["省商务厅", "省发展改革委"]]
    assert not any("以下均需" in w.message for w in ex.warnings)  # a carry note, read as a note


def test_a_bracket_of_sentences_reads_each_sentence_by_its_form() -> None:
    ex = run(FAILURES / "sentences-in-a-bracket.txt")
    tasks = annotated(ex)
    # A verb list, a keyword sentence of groups and a carry note (以下均需P、Q落实: a note, nothing carried).
    assert names(tasks[0]) == [("市生态环境局", "responsible", False), ("发展改革委", "responsible", False),
                               ("水利局", "responsible", False), ("各县（区）人民政府", "responsible", True),
                               ("各开发园区管委会", "responsible", True)]
    unit_names = {u.id: u.name for u in ex.units}  # short names keep the first's level
    assert [unit_names[r.unit] for r in tasks[0].responsibilities[:3]] == [
        "柳州市生态环境局", "柳州市发展改革委", "柳州市水利局"]
    # A keyword sentence, then a verb clause; a sentence split at ; into a verb list and a keyword.
    assert names(tasks[1]) == [("市工业和信息化局", "lead", False), ("市商务局", "support", False),
                               ("市市场监管局", "support", False)]
    assert names(tasks[2]) == [("市住房城乡建设局", "responsible", False), ("各县（区）人民政府", "responsible", True)]
    # Two verb clauses a sentence each (read whole, 市交通运输局牵头。市公安局 was one unit).
    assert names(tasks[3]) == [("市交通运输局", "lead", False), ("市公安局", "support", False)]
    assert [t.number for t in tasks] == ["一、1.", "一、2.", "一、3.", "一、4."]
    assert ex.warnings == []


def test_a_bracket_of_sentences_one_of_them_unread_is_left_to_the_other_forms() -> None:
    plan = ("2024年柳州市重点工作分工方案\n1.甲。(市发改委牵头,市财政局配合。详见附件2)\n"
            "2.乙。(责任单位:市发改委。详见附件2)\n3.丙。(市发改委、市财政局;各区政府)\n")
    ex = extract(plan)
    first, second, third = ex.tasks
    assert first.responsibilities == []  # not read, and reported
    assert any("not read as one" in w.message and "详见附件2" in w.message for w in ex.warnings)
    assert names(second) == [("市发改委", "responsible", False)]
    assert any("full stop" in w.message for w in ex.warnings)
    # One sentence a bare list reads whole: the bare form's, ;-parts and all.
    assert names(third) == [("市发改委", "responsible", False), ("市财政局", "responsible", False),
                            ("各区政府", "responsible", True)]


def test_an_annotation_with_a_full_stop_and_a_note_is_read() -> None:
    tasks = annotated(run(FAILURES / "full-stop-and-note.txt"))
    assert [names(t) for t in tasks] == [
        [("市发展改革委", "lead", False), ("市财政局", "responsible", False), ("市自然资源局", "responsible", False)],
        [("市营商局", "responsible", False), ("市政府办公室", "responsible", False)],
        [("市商务局", "lead", False), ("市财政局", "support", False), ("市文化和旅游局", "support", False)],
    ]


def test_an_annotation_belongs_to_its_article_not_the_heading() -> None:
    ex = run(FAILURES / "article-items.txt")
    assert [t.number for t in annotated(ex)] == ["一、第一条", "一、第二条", "二、第三条"]
    assert all(not t.responsibilities for t in ex.tasks if t.number in ("一、", "二、"))


def test_the_closing_paragraph_and_signature_are_not_task_text() -> None:
    ex = run(FAILURES / "closing-paragraph.txt")
    last = annotated(ex)[-1]
    assert last.text == "培育数字经济。实施数字经济发展行动。"
    assert [r.mention for r in last.responsibilities] == ["市大数据局", "市工业和信息化局"]
    assert ex.document.date == "2022-02-18"


def test_a_verb_phrase_after_units_is_the_clauses_verb() -> None:
    tasks = annotated(run(FAILURES / "verb-phrases.txt"))
    assert names(tasks[0]) == [("市财政局", "responsible", False), ("市发展改革委", "responsible", False)]
    assert names(tasks[1]) == [("市国资委", "lead", False), ("市级各有关部门", "responsible", True)]
    assert names(tasks[2]) == [("市发展改革委", "responsible", False), ("市自然资源和规划局", "responsible", False),
                               ("市人力资源社会保障局", "responsible", False), ("各区人民政府", "responsible", True)]


def test_an_unknown_keyword_warns_and_is_never_a_name() -> None:
    ex = run(FAILURES / "unknown-keyword.txt")
    first = annotated(ex)[0]
    assert names(first) == [("市发改委", "lead", False), ("市统计局", "responsible", False)]
    assert all("单位" not in u.name and ":" not in u.name for u in ex.units)
    unknown = [w for w in ex.warnings if "数据提供单位" in w.message]
    assert len(unknown) == 2 and all(w.span for w in unknown)


def test_every_failure_fixture_has_a_test() -> None:
    fixtures = {p.stem for p in Path(FAILURES).glob("*.txt")}
    source = Path(__file__).read_text(encoding="utf-8")
    assert all(f'"{name}.txt"' in source for name in fixtures), fixtures


def test_a_deadline_closing_an_annotation_is_a_note() -> None:
    ex = run(FAILURES / "placeholder-with-deadline.txt")
    tasks = annotated(ex)
    assert [names(t) for t in tasks] == [
        [("国务院各部门", "responsible", True)],  # a placeholder-only bracket, read and flagged
        [("财政部", "lead", False), ("人民银行", "lead", False), ("有关部门", "responsible", True)],
        [("国务院办公厅", "responsible", False), ("市场监管总局", "responsible", False)],
        [("财政部", "responsible", False), ("税务总局", "responsible", False)],
    ]
    assert not any("年" in u.name or "坚持" in u.name for u in ex.units)


def test_a_joiner_between_a_group_and_a_unit_separates_them() -> None:
    tasks = annotated(run(FAILURES / "group-joined-to-unit.txt"))
    assert [names(t) for t in tasks] == [
        [("省发改委", "lead", False), ("环鄱阳湖生态经济区建设领导小组成员单位", "support", True),
         ("省地震局", "support", False)],
        [("省重点办", "lead", False), ("省发改委", "support", False), ("各设区市政府", "support", True)],
        [("省就业工作领导小组成员单位", "responsible", True)],  # a member-units group, no 各
    ]


def test_a_rank_note_makes_no_lone_unit_lead() -> None:
    tasks = annotated(run(FAILURES / "rank-note-lone-unit.txt"))
    assert [names(t) for t in tasks] == [
        [("市发改委", "lead", False), ("市财政局", "responsible", False)],
        [("市建设局", "responsible", False)],  # the note (下同) picks a lead among several units only
        [("市交通局", "lead", False), ("市商务局", "responsible", False), ("市港口局", "responsible", False)],
    ]


def test_pipe_table_cells_are_boundaries() -> None:
    ex = run(FAILURES / "pipe-table-cells.txt")
    assert [(t.number, t.text) for t in ex.tasks] == [
        ("12.", "推进老旧小区改造,完成改造项目100个。"), ("13.", "实施城市更新行动,推进城中村改造。")]
    assert [names(t) for t in ex.tasks] == [
        [("市住房城乡建设局", "lead", False), ("市财政局", "support", False), ("市规划和自然资源局", "support", False)],
        [("市城市更新局", "lead", False)],
    ]
    assert not any("|" in u.name for u in ex.units)
    assert ex.warnings == []  # 1.第一季度 and 2.第四季度 inside a cell are no items
    # A field whose label reads like a task's (年度工作目标:) opens no record: 13.'s units stay its own.
    assert ex.tasks[1].text == "实施城市更新行动,推进城中村改造。"


def test_a_pipe_table_row_number_has_no_bar() -> None:
    ex = run(DATA / "real" / "batch7" / "07_anhui-wuhu-2025-key-work-responsibility-table-PARTIAL.txt")
    numbers = [t.number for t in annotated(ex)]
    assert numbers[:2] == ["一、(1)", "一、(2)"] and not any("|" in n for n in numbers)


def test_a_table_a_cell_per_line_with_bars_known_by_its_header() -> None:
    ex = run(FAILURES / "table-cells-with-bars.txt")
    assert [(t.number, t.text, names(t)) for t in annotated(ex)] == [
        ("1", "及时公开统计工作相关政策文件,做好政策解读。", [("办公室", "responsible", False)]),
        ("2", "按时发布统计数据,做好数据解读。", [("各科室", "responsible", True)]),
        ("3", "规范政府网站统计专栏,及时更新栏目内容。",
         [("综合科", "responsible", False), ("法规科", "responsible", False)]),
    ]
    assert ex.warnings == []


def test_a_table_whose_rows_carry_no_number() -> None:
    ex = run(FAILURES / "table-rows-unnumbered.txt")
    assert [(t.number, names(t)) for t in annotated(ex)] == [
        ("一、[1]", [("市自然资源和规划局", "lead", False), ("各县(市)区政府", "responsible", True),
                    ("开发区管委会", "responsible", True)]),
        ("二、[2]", [("市生态环境局", "lead", False), ("市发展改革委", "responsible", False),
                    ("市水务局", "responsible", False)]),
        ("二、[3]", [("市农业农村局", "lead", False)]),
    ]
    assert [t.number for t in ex.tasks if not t.responsibilities] == ["一、", "二、"]  # headings stay items
    assert annotated(ex)[0].text == "加快推进国土空间规划编制,完善城市功能布局。"


def test_a_pipe_table_row_short_of_its_last_cells_keeps_its_number_and_task() -> None:
    # The last row lacks its progress cell: the cells missing are at its end, not merged ones at its start.
    ex = run(FAILURES / "pipe-table-row-short.txt")
    assert [(t.number, t.text, names(t)) for t in annotated(ex)] == [
        ("1", "完成县第二中学迁建项目,实现秋季开学。", [("县教体局", "responsible", False), ("各相关乡镇政府", "responsible", True)]),
        ("2", "启动城乡供水一体化建设,提升城区供水能力。", [("县住建局", "responsible", False), ("各相关乡镇政府", "responsible", True)]),
    ]
    assert not any(u.name in ("毛晓青", "张学伟") for u in ex.units)


def test_a_table_a_cell_per_line_whose_rows_share_merged_cells_and_mark_the_lead() -> None:
    ex = run(FAILURES / "table-cells-star-lead.txt")
    assert [(t.number, names(t)) for t in annotated(ex)] == [
        ("一、1", [("区发改委", "lead", False), ("统计局", "responsible", False)]),
        ("一、2.", [("区财政局", "lead", False), ("税务局", "responsible", False)]),
        ("一、3.", [("区工信局", "lead", False)]),
    ]
    first, second = annotated(ex)[:2]
    assert "经济指标" in first.text and "地区生产总值增长5%以上" in first.text  # 项目 and the task's cell
    assert second.text == "一般公共预算收入同口径增长6%以上。"
    assert not any("★" in u.name or u.name == "李 明" for u in ex.units)


def test_a_table_a_cell_per_line_with_a_cell_over_several_lines() -> None:
    ex = run(FAILURES / "table-cells-multiline-cell.txt")
    assert [(t.number, names(t)) for t in annotated(ex)] == [
        ("1", [("住建局", "lead", False), ("新闸街道", "support", False), ("五星街道", "support", False),
               ("发改局", "support", False), ("财政局", "support", False), ("新运集团", "support", False)]),
        ("2", [("工信局", "lead", False), ("发改局", "support", False), ("商务局", "support", False)]),
    ]
    assert annotated(ex)[0].text.startswith("城市更新\n(1)老城复兴样板区要见成效")  # 目标名称, then 工作标准
    assert not any(u.name in ("王一鸣", "李晓红", "赵志刚") for u in ex.units)


def test_a_lead_named_in_a_heading_holds_for_the_items_beneath_it() -> None:
    ex = run(FAILURES / "heading-lead.txt")
    assert [(t.number, names(t)) for t in annotated(ex)] == [
        ("一、(一)", [("省监察厅", "lead", False)]),
        ("一、(二)1.", [("省编办", "lead", False)]),
        ("一、(二)2.", [("省编办", "lead", False), ("省财政厅", "responsible", False), ("省人事厅", "responsible", False),
                      ("各市人民政府", "responsible", True)]),
        ("一、(三)", [("省审计厅", "lead", False), ("省直各部门", "responsible", True),
                    ("各市人民政府", "responsible", True)]),
    ]
    by_number = {t.number: t for t in ex.tasks}
    assert by_number["一、(一)"].title == "省监察厅牵头的工作"  # the heading stays the task's title
    assert by_number["一、(三)"].text.startswith("全面加强审计工作")
    two = by_number["一、(二)2."]  # its annotation is its own line; the heading's lead is written above it
    text = (FAILURES / "heading-lead.txt").read_text(encoding="utf-8")
    assert two.annotation_span is not None and text[two.annotation_span[0] : two.annotation_span[1]].startswith("协同单位")
    assert not by_number["一、(二)"].responsibilities and not by_number["一、"].responsibilities
    assert not any(u.name == "张明" for u in ex.units)  # a heading naming a person names no unit


def test_a_sentence_ending_in_a_heading_tail_is_no_heading() -> None:
    text = "2021年某市重点工作任务分工方案\n一、推进改革\n1.落实市财政局负责的工作。\n(牵头单位:市发改委)\n2.加快建设。(牵头单位:市商务局)"
    assert [names(t) for t in annotated(extract(text))] == [[("市发改委", "lead", False)], [("市商务局", "lead", False)]]

    # Nor is a last line with nothing beneath it.
    assert [names(t) for t in annotated(extract(text + "\n3.市财政局牵头的工作"))][2:] == []


def test_a_table_row_with_no_role_cell_is_no_row() -> None:
    # A row cut after its first cell (项目): its wording has no role cell to run up to.
    ex = extract("某区重点工作分解方案\n序号\n项目\n重点工作\n责任单位\n1\n经济指标\n")
    assert not any(t.responsibilities for t in ex.tasks)


def test_targets_run_together_in_a_paragraph_are_a_task_each() -> None:
    # Unnumbered targets in one paragraph, each closed by its own (X牵头): an annotation closes at
    # most the text since the one before it (one opens a line and closes the sentence before it).
    ex = run(FAILURES / "targets-run-together.txt")
    tasks = annotated(ex)
    assert [t.number for t in tasks] == ["一、1.[1]", "一、1.[2]", "一、1.[3]", "一、1.[4]", "一、2."]
    assert [[r.mention for r in t.responsibilities] for t in tasks[:4]] == [
        ["市林业局"], ["市人力社保局", "市统计局"], ["市水务局"], ["市环保局"]]
    assert [t.text for t in tasks[:4]] == ["森林覆盖率达到百分之四十。", "城镇登记失业率控制在百分之四以内。",
                                           "万元生产总值用水量下降百分之十五。", "化学需氧量排放总量减少百分之十。"]


def test_two_units_joined_by_he_are_two_and_a_he_inside_a_name_stays() -> None:
    # 和 splits where both sides end as a unit's name, also beside 及 (A和B及相关市州) and beside a
    # 和 inside a name (省人力资源和社会保障厅和省教育厅).
    first, second = annotated(run(FAILURES / "units-joined-by-he.txt"))
    assert names(first) == [("省能源局", "lead", False), ("省发展改革委", "support", False),
                            ("工业和信息化厅", "support", False), ("生态环境厅", "support", False),
                            ("省气象局", "support", False), ("相关市州", "support", True)]
    assert names(second) == [("省人力资源和社会保障厅", "lead", False), ("省教育厅", "lead", False),
                             ("省住房和城乡建设厅", "support", False)]


def test_a_placeholder_whose_ge_follows_a_level_prefix_is_a_group() -> None:
    # 区属各重点国企, 市属各驻区企业: a level with its affix (属, 级, 直) before 各 names no one unit.
    first, second = annotated(run(FAILURES / "placeholder-after-level.txt"))
    assert names(first)[1:] == [("区财政局", "responsible", False), ("区属各重点国企", "responsible", True)]
    assert names(second)[1:] == [("区住建交通局", "responsible", False), ("市属各驻区企业", "responsible", True),
                                 ("区级各有关部门", "responsible", True)]


def test_run_together_text_that_no_annotation_closes_is_reported_not_split() -> None:
    # 丙… after the last bracket is closed by none: the targets are not guessed apart, the item is reported.
    ex = extract("某市目标分工\n一、主要目标\n1.约束性指标。\n甲指标达到十。(市林业局牵头)乙指标达到五。(市水务局牵头)丙指标另行安排。\n")
    assert [t.number for t in annotated(ex)] == ["一、1."]
    assert any(w.message == "two annotations in one numbered item, with task text between them" for w in ex.warnings)
    ok = extract("某市目标分工\n一、主要目标\n1.约束性指标。\n甲指标达到十。(市林业局牵头)乙指标达到五。(市水务局牵头)\n")
    assert [t.number for t in annotated(ok)] == ["一、1.[1]", "一、1.[2]"]


def test_a_lead_named_on_a_section_heading_by_you_x_qiantou_shishi() -> None:
    # 一、扩大有效投资政策(由县发改局牵头实施): 由X牵头实施 names the section's lead, and is the
    # document's only annotation (batch11 08, rejected as having none before).
    first = annotated(run(FAILURES / "lead-on-section-heading.txt"))[0]
    assert first.number == "一、" and names(first) == [("县发改局", "lead", False)]


def test_a_document_with_a_verb_inside_a_bracket_is_warned_of_never_rejected() -> None:
    # The verb 牵头 not directly before the bracket's close (…牵头组织办理): nothing is read, but a
    # document holding the vocabulary is reported, not rejected as having no annotations.
    ex = extract("某县通知\n一、扩大投资(县发改局牵头组织办理)\n二、强化保障。\n")
    assert any("vocabulary" in w.message for w in ex.warnings)


def test_a_side_that_is_a_unit_ending_alone_is_not_split_off() -> None:
    # 高新区党工委和管委会, 党委和人民政府: 管委会 / 人民政府 alone name no body of their own (the
    # zone's or region's before 和), so 和 joins one body's parts; 市环保局和市住房城乡建设局 splits (batch11 02).
    first, second = annotated(run(FAILURES / "one-body-joined-by-he.txt"))
    assert names(first) == [("市水利局", "responsible", False), ("市发展改革委", "responsible", False),
                            ("各县(市、区)党委和人民政府", "responsible", True),
                            ("高新区党工委和管委会", "responsible", False)]
    assert names(second) == [("市环保局", "responsible", False), ("市住房城乡建设局", "responsible", False),
                             ("示范区党工委和管理委员会", "responsible", False)]


def test_a_role_cell_a_unit_a_paragraph_runs_on_until_the_next_cell() -> None:
    # 责任单位 written a unit a paragraph (县水务局 / 县住建局 / 县护城河指挥部) before the 完成时限
    # cell: unit lines right after the last role cell run it on, but for those the columns after
    # it (完成时限, 评分部门) need as the row's last lines (batch11 07; the task column headed 民生实事).
    first, second = annotated(run(FAILURES / "role-cell-a-unit-a-line.txt"))
    assert names(first) == [("县水务局", "responsible", False), ("县住建局", "responsible", False),
                            ("县护城河指挥部", "responsible", False)]
    assert names(second) == [("县住建局", "responsible", False)]
    # A row of as many lines as columns keeps a cell a column: the 评分部门 after 责任部门 is no role's.
    ex = extract("某县任务清单\n序号\n重点任务\n责任部门\n评分部门\n1\n建设美丽乡村。\n县农业农村局\n市农业农村局\n")
    assert [names(t) for t in annotated(ex)] == [[("县农业农村局", "responsible", False)]]
    # The columns after the last role column take the row's last lines, also in a row whose
    # spanning 考核指标 cell is written only in the row above: 市农业农村局 is 评分部门's.
    ex = extract("某县任务清单\n序号\n考核指标\n考核内容\n责任部门\n评分部门\n1\n粮食供给\n粮食播种面积。\n"
                 "县农业农村局\n县海洋与渔业局\n市农业农村局\n2\n生猪存栏。\n县农业农村局\n县海洋与渔业局\n市农业农村局\n")
    both = [("县农业农村局", "responsible", False), ("县海洋与渔业局", "responsible", False)]
    assert [names(t) for t in annotated(ex)] == [both, both]


def test_a_level_and_its_body_after_a_group_with_its_body_stay_in_the_group() -> None:
    # 各乡镇人民政府、街道办事处: 各 is over both (街道办事处 a level and its body, no name); a role cell
    # may close with a full stop (区投资促进中心。) (batch11 05).
    first, second = annotated(run(FAILURES / "group-levels-with-body.txt"))
    assert first.number == "一、3" and names(first) == [
        ("区发改委", "responsible", False), ("区工信局", "support", False), ("区教育局", "support", False),
        ("各乡镇人民政府、街道办事处", "support", True), ("某某经开区管委会", "support", False)]
    assert second.number == "二、69" and names(second) == [("区教育局", "responsible", False),
                                                        ("区投资促进中心", "support", False)]
    # A group after such a group is a second group (各县市区政府、开发区管委会, batch7 07).
    ex = extract("某市重点工作\n1.扩大有效投资。(责任单位:市发改委,各县市区政府、开发区管委会)\n")
    assert names(annotated(ex)[0])[1:] == [("各县市区政府", "responsible", True), ("开发区管委会", "responsible", True)]


def test_a_table_cell_holding_a_small_number_is_no_row_number() -> None:
    # 年度目标 0 (row 2) or 1 (row 3), a line holding a number alone: only a number above the row's
    # own opens the next row (batch11 03, whose table ended at its first 0 before).
    tasks = annotated(run(FAILURES / "table-cell-a-small-number.txt"))
    assert [(t.number, names(t)) for t in tasks] == [
        ("1", [("县农业农村局", "responsible", False)]), ("2", [("县农业农村局", "responsible", False)]),
        ("3", [("县畜牧局", "responsible", False)])]


def test_a_cell_table_with_spanning_cells_and_sections_reads_each_written_role_cell() -> None:
    # batch11 09: 责任股室 / (单位) is one header cell; the 指标 cell spans rows (written once), so
    # the task is the wordiest cell before the role cells; the 备注 column lists no units, so the
    # role cell runs on a unit a line; 文化股文化馆 is two units run together; row 3 writes none.
    tasks = annotated(run(FAILURES / "table-cells-section-units.txt"))
    assert [(t.number, names(t)) for t in tasks] == [
        ("1", [("文化股", "responsible", False), ("文化馆", "responsible", False), ("图书馆", "responsible", False)]),
        ("2", [("文化股", "responsible", False), ("文化馆", "responsible", False)]),
        ("4", [("文物股", "responsible", False)])]
    assert tasks[0].text.startswith("公共服务\n全年开展送戏下乡")


def test_a_section_run_into_the_next_unit_is_split_but_a_share_company_is_not() -> None:
    from graphmodel.extract.names import Piece, split_list
    assert [p.text for p in split_list(Piece("文化宣传股文化馆", 0))] == ["文化宣传股", "文化馆"]
    assert [p.text for p in split_list(Piece("某某股份有限公司", 0))] == ["某某股份有限公司"]
    assert [p.text for p in split_list(Piece("深圳市投资控股有限公司", 0))] == ["深圳市投资控股有限公司"]


def test_a_cell_table_with_a_column_before_its_number_reads_only_the_role_column() -> None:
    # batch11 03: 考核项目 before 序号 (its cell before row 1's number is no header cell); the task
    # is every line of the row before its role cells (the spanning 考核指标, 考核内容, 单位, 目标);
    # 评分部门 after 责任部门 is no annotation; 42, a 年度目标 followed by a role cell, is no row.
    tasks = annotated(run(FAILURES / "table-cells-column-before-number.txt"))
    assert [(t.number, names(t)) for t in tasks] == [
        ("1", [("县海洋与渔业局", "responsible", False), ("县农业农村局", "responsible", False)]),
        ("2", [("县农业农村局", "responsible", False)]), ("3", [("县农业农村局", "responsible", False)]),
        ("4", [("县自然资源和规划局", "responsible", False)])]
    assert tasks[0].text.startswith("保障重要农产品供给\n\n农业增加值增幅")

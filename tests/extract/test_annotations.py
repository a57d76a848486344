"""Responsibility annotations in each of the genre's forms, read through `extract`."""

from __future__ import annotations

import pytest

from graphmodel.errors import NoAnnotationsError
from graphmodel.extract import extract

TWO = "2021年上海市与大连市对口合作工作要点\n"
ONE = "2021年大连市重点工作任务分工方案\n"


def resp(text: str, task: int = -1) -> list[tuple[str, str | None, str, bool]]:
    ex = extract(text)
    tasks = [t for t in ex.tasks if t.responsibilities]
    names = {u.id: u.name for u in ex.units}
    return [(names[r.unit], r.side, r.role, r.collective) for r in tasks[task].responsibilities]


def test_two_sides_split_by_semicolon_either_width() -> None:
    for semi in (";", "；"):
        got = resp(TWO + f"一、甲。（责任单位：上海市发展改革委、市统计局{semi}大连市发展改革委、市政府经合办）")
        assert got == [
            ("上海市发展改革委", "上海市", "responsible", False),
            ("上海市统计局", "上海市", "responsible", False),
            ("大连市发展改革委", "大连市", "responsible", False),
            ("大连市政府经合办", "大连市", "responsible", False),
        ]


def test_one_side_alone_in_a_two_sided_plan_is_that_side() -> None:
    text = TWO + "一、甲。(责任单位:上海市委宣传部;大连市委宣传部)\n二、乙。(责任单位:大连市发展改革委、市财政局)"
    assert resp(text) == [("大连市发展改革委", "大连市", "responsible", False), ("大连市财政局", "大连市", "responsible", False)]


def test_lead_and_support_keywords_in_one_bracket() -> None:
    got = resp(ONE + "一、甲。（牵头单位：市营商局，配合单位：市大数据中心、市政府办公室，各区、县级市）")
    assert got == [
        ("大连市营商局", "大连市", "lead", False),
        ("大连市大数据中心", "大连市", "support", False),
        ("大连市政府办公室", "大连市", "support", False),
        ("各区、县级市", "大连市", "support", True),
    ]
    got = resp(ONE + "一、甲。(牵头单位:市住房城乡建设局;责任单位:市自然资源局)")
    assert got == [("大连市住房城乡建设局", "大连市", "lead", False), ("大连市自然资源局", "大连市", "responsible", False)]


def test_separate_lines_and_a_lead_official() -> None:
    text = ONE + "一、推进甲\n做好甲。\n牵头领导：王 健\n牵头单位：市发展改革委\n配合单位：市财政局、市商务局\n二、乙"
    ex = extract(text)
    task = next(t for t in ex.tasks if t.responsibilities)
    assert task.lead_officials == ["王健"]
    assert [(r.mention, r.role) for r in task.responsibilities] == [
        ("市发展改革委", "lead"), ("市财政局", "support"), ("市商务局", "support")]
    assert all("王" not in u.name for u in ex.units)
    assert task.text == "做好甲。"


def test_clause_form_without_keywords() -> None:
    got = resp(ONE + "一、甲。(市市场监管局牵头,市商务局、市税务局等部门配合)")
    assert got == [
        ("大连市市场监管局", "大连市", "lead", False),
        ("大连市商务局", "大连市", "support", False),
        ("大连市税务局", "大连市", "support", False),
    ]


def test_bare_trailing_list() -> None:
    got = resp(ONE + "一、降低融资成本。扩大普惠金融。（市金融发展局、人民银行大连市中心支行、大连银保监局）")
    assert [g[0] for g in got] == ["大连市金融发展局", "人民银行大连市中心支行", "大连银保监局"]


def test_a_bracket_in_the_text_is_not_an_annotation() -> None:
    with pytest.raises(NoAnnotationsError):
        extract(ONE + "一、推进各区（市、县）建设（2021—2022年）。二、完善机制（M0）。")


def test_first_listed_leads_when_a_note_says_so_and_carries_on() -> None:
    text = ONE + "一、总体（排名第一的为牵头单位，下同）\n（一）甲。（市发展改革委、市财政局）\n（二）乙。（市商务局、市税务局）"
    ex = extract(text)
    roles = [[r.role for r in t.responsibilities] for t in ex.tasks if t.responsibilities]
    assert roles == [["lead", "responsible"], ["lead", "responsible"]]


def test_an_included_unit_carried_by_xia_tong() -> None:
    text = ("辽宁省2021年工作分工\n一、甲。（牵头单位：省商务厅；责任单位：各市政府〈含沈抚示范区管委会，下同〉）\n"
            "二、乙。（牵头单位：省科技厅；责任单位：各市政府）")
    ex = extract(text)
    for task in (t for t in ex.tasks if t.responsibilities):
        assert [r.mention for r in task.responsibilities][-2:] == ["各市政府", "沈抚示范区管委会"]
        assert [r.collective for r in task.responsibilities][-2:] == [True, False]


def test_an_annotation_bracket_left_open_stays_local_with_a_warning() -> None:
    ex = extract(ONE + "一、甲。(责任单位:市发展改革委、市财政局\n二、乙。（责任单位：市商务局）", source="plan.txt")
    assert [[r.mention for r in t.responsibilities] for t in ex.tasks] == [["市发展改革委", "市财政局"], ["市商务局"]]
    assert any("line 2 never closes" in w.message and w.span[0] == ONE.index("\n") + 5 for w in ex.warnings)


def test_an_annotation_that_cannot_be_split_cleanly_warns_with_its_position() -> None:
    ex = extract(ONE + "一、甲。(责任单位:市发展改革委会同市财政局研究制定具体方案并报市政府审定后组织实施:年底前完成)")
    assert ex.warnings and ex.warnings[0].span is not None
    assert "could not split" in ex.warnings[0].message


def test_no_annotations_is_an_error() -> None:
    with pytest.raises(NoAnnotationsError, match="^notes.txt: no responsibility annotations"):
        extract("一、今天天气很好。二、明天也是。", source="notes.txt")


def test_bracketed_keywords_space_separated_units_and_a_deadline_field() -> None:
    text = ONE + "一、甲。\n【牵头单位】市发改委\n【配合单位】市财政局　市商务局\n二、乙。责任单位：市发改委、市财政局。完成时限：2021年底"
    ex = extract(text)
    tasks = [t for t in ex.tasks if t.responsibilities]
    assert [(r.mention, r.role) for r in tasks[0].responsibilities] == [
        ("市发改委", "lead"), ("市财政局", "support"), ("市商务局", "support")]
    assert [r.mention for r in tasks[1].responsibilities] == ["市发改委", "市财政局"]


def test_a_role_written_after_a_name() -> None:
    got = resp(ONE + "一、乙。（责任单位：市发改委（牵头）、市财政局（配合）、市商务局）")
    assert [(g[0], g[2]) for g in got] == [("大连市发展改革委", "lead"), ("大连市财政局", "support"),
                                            ("大连市商务局", "responsible")]


def test_a_counted_etc_is_not_part_of_a_name() -> None:
    assert [g[0] for g in resp(ONE + "一、丙。（责任单位：市发展改革委等18个部门）")] == ["大连市发展改革委"]


def test_side_labels_in_front_of_each_sides_units() -> None:
    got = resp(TWO + "一、乙。（责任单位：连方：市商务局；沪方：市商务委）")
    assert got == [("大连市商务局", "大连市", "responsible", False), ("上海市商务委", "上海市", "responsible", False)]
    got = resp(TWO + "一、甲。（责任单位：上海方面：市发展改革委；大连方面：市发展改革委）")
    assert [g[:2] for g in got] == [("上海市发展改革委", "上海市"), ("大连市发展改革委", "大连市")]


def test_lenticular_brackets_and_units_joined_by_he() -> None:
    assert [g[0] for g in resp(ONE + "一、甲。【责任单位：市发改委、市财政局】")] == ["大连市发展改革委", "大连市财政局"]
    got = resp(ONE + "一、乙。（责任单位：市发展改革委和市财政局、市工业和信息化局、市文化和旅游局）")
    assert [g[0] for g in got] == ["大连市发展改革委", "大连市财政局", "大连市工业和信息化局", "大连市文化和旅游局"]


def test_a_clause_after_a_keyword_and_division_keywords() -> None:
    got = resp(ONE + "一、丁。责任单位：市发展改革委牵头，市财政局配合")
    assert [(g[0], g[2]) for g in got] == [("大连市发展改革委", "lead"), ("大连市财政局", "support")]
    got = resp(ONE + "一、丙。（市发展改革委牵头，各区市县政府、先导区管委会、市直有关部门按职责分工负责）")
    assert [(g[0], g[2], g[3]) for g in got] == [
        ("大连市发展改革委", "lead", False), ("各区市县政府", "responsible", True),
        ("先导区管委会", "responsible", True), ("市直有关部门", "responsible", True)]
    assert [g[0] for g in resp(ONE + "一、戊。（责任处室：规划处、财务处）")] == ["规划处", "财务处"]


def test_a_name_with_yu_inside_stays_whole() -> None:
    got = resp(TWO + "一、甲。（责任单位：上海市对口支援与合作交流工作领导小组办公室；大连市与上海市对口合作领导小组办公室）")
    assert [g[0] for g in got] == ["上海市对口支援与合作交流工作领导小组办公室", "大连市与上海市对口合作领导小组办公室"]


AID = "上海市对口支援云南省2021年工作要点\n"


def test_a_plan_titled_x_aids_y_has_both_sides() -> None:
    ex = extract(AID + "一、甲。（沪方：市商务委；滇方：省商务厅）")
    assert [s.name for s in ex.document.sides] == ["上海市", "云南省"]


def test_side_labels_without_a_keyword_in_brackets_and_on_lines() -> None:
    got = resp(AID + "一、甲。（沪方：市商务委及市合作交流办；滇方：省商务厅、省农业农村厅）")
    assert [g[:2] for g in got] == [("上海市商务委", "上海市"), ("上海市政府合作交流办", "上海市"),
                                    ("云南省商务厅", "云南省"), ("云南省农业农村厅", "云南省")]
    got = resp(AID + "一、乙。推进教育医疗帮扶。\n沪方：市教委、市卫生健康委\n滇方：省教育厅、各州（市）人民政府\n二、丙")
    assert got == [("上海市教委", "上海市", "responsible", False), ("上海市卫生健康委", "上海市", "responsible", False),
                   ("云南省教育厅", "云南省", "responsible", False), ("各州(市)人民政府", "云南省", "responsible", True)]


def test_clauses_of_two_sides_split_by_semicolon_and_levels_that_name_the_side() -> None:
    text = "天津市与甘肃省东西部协作2021年工作要点\n一、甲。（市人社局牵头，市合作交流办配合；省人社厅牵头，各市（州）政府配合）"
    got = resp(text)
    assert [(g[0], g[1], g[2]) for g in got] == [
        ("天津市人力资源社会保障局", "天津市", "lead"), ("天津市政府合作交流办", "天津市", "support"),
        ("甘肃省人力资源社会保障厅", "甘肃省", "lead"), ("各市(州)政府", "甘肃省", "support")]
    # One side alone, no region named: 省… can only be the province's.
    assert [g[:2] for g in resp(text + "\n二、乙。（省委组织部牵头）")] == [("甘肃省委组织部", "甘肃省")]


def test_a_note_written_as_a_list_item() -> None:
    text = "吉林省2022年政府工作报告重点工作分工\n一、甲。（省农业农村厅、省财政厅，排名第一的为牵头单位，下同）\n二、乙。（省教育厅、省财政厅）"
    ex = extract(text)
    tasks = [t for t in ex.tasks if t.responsibilities]
    assert [[(r.mention, r.role) for r in t.responsibilities] for t in tasks] == [
        [("省农业农村厅", "lead"), ("省财政厅", "responsible")], [("省教育厅", "lead"), ("省财政厅", "responsible")]]


def test_a_table_with_section_headings_between_its_rows() -> None:
    text = ("宁波市2021年重点改革任务清单\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n一、数字化改革（2项）\n"
            "1\t推进数字化改革\t市委改革办、市大数据局\t市直各有关部门\t2021年12月\n2\t深化“最多跑一次”改革\t市大数据局\t市司法局\t2021年12月\n"
            "二、经济体制改革（1项）\n3\t深化国资国企改革\t市国资委\t市财政局和市发改委\t2021年12月\n")
    ex = extract(text)
    rows = [t for t in ex.tasks if t.responsibilities]
    assert [t.number for t in rows] == ["一、1", "一、2", "二、3"]
    assert [t.title for t in ex.tasks if not t.responsibilities] == ["数字化改革（2项）", "经济体制改革（1项）"]
    assert [(r.mention, r.role) for r in rows[2].responsibilities] == [("市国资委", "lead"), ("市财政局", "support"),
                                                                       ("市发改委", "support")]


def test_first_listed_leads_when_the_notice_says_so_once() -> None:
    text = ("黑龙江省发展改革委2021年工作要点任务分工\n各项任务责任处室中排名第一的为牵头处室，请认真抓好落实。\n"
            "一、甲。\n责任处室：综合处、规划处\n二、乙。（责任处室：产业发展处、高技术处）")
    ex = extract(text)
    assert [[r.role for r in t.responsibilities] for t in ex.tasks if t.responsibilities] == [
        ["lead", "responsible"], ["lead", "responsible"]]


def test_only_pei_he_makes_support() -> None:
    got = resp(ONE + "一、甲。（由市工业和信息化局牵头，市科技局协助，市财政局参与，市商务局配合）")
    assert [(g[0], g[2]) for g in got] == [("大连市工业和信息化局", "lead"), ("大连市科技局", "responsible"),
                                            ("大连市财政局", "responsible"), ("大连市商务局", "support")]


def test_a_keyword_broken_across_lines() -> None:
    text = ONE + "一、推进数字建设，新建5G基站5000个。（牵\n头单位：市大数据局；责任单位：市工业和信息化局、市发展\n改革委）"
    assert [(g[0], g[2]) for g in resp(text)] == [("大连市大数据局", "lead"), ("大连市工业和信息化局", "responsible"),
                                                   ("大连市发展改革委", "responsible")]


def test_a_table_copied_a_line_per_cell() -> None:
    text = ("2022年区政府工作报告目标任务分解表\n序号\n\n2022年预期目标\n\n牵头责任单位\n\n协同责任单位\n\n任务来源\n\n"
            "一、经济指标\n\n1\n\n地区生产总值增长5.5%左右\n\n区发展改革委\n\n区统计局、各街道\n\n区政府工作报告\n\n"
            "2\n\n固定资产投资增长6%左右\n\n区发展改革委\n\n区政府工作报告\n")
    ex = extract(text)
    rows = [t for t in ex.tasks if t.responsibilities]
    assert [t.text for t in rows] == ["地区生产总值增长5.5%左右", "固定资产投资增长6%左右"]
    assert [[(r.mention, r.role) for r in t.responsibilities] for t in rows] == [
        [("区发展改革委", "lead"), ("区统计局", "responsible"), ("各街道", "responsible")], [("区发展改革委", "lead")]]


def test_a_table_copied_a_row_per_line_with_spaces() -> None:
    text = ("2016年《政府工作报告》量化指标任务分工\n序号 工 作 任 务 牵头负责部门\n1 居民消费价格涨幅3%左右 发展改革委\n"
            "2 城镇新增就业1000万人以上 人力资源社会保障部\n")
    rows = [t for t in extract(text).tasks if t.responsibilities]
    assert [(t.text, [(r.mention, r.role) for r in t.responsibilities]) for t in rows] == [
        ("居民消费价格涨幅3%左右", [("发展改革委", "lead")]), ("城镇新增就业1000万人以上", [("人力资源社会保障部", "lead")])]


def test_clauses_opening_a_line_name_a_person_and_units() -> None:
    text = "兰州市重大项目责任分工\n1、在兰州设立综合配套改革试验区事宜\n由杨志武副市长负责,市发改委牵头,相关部门配合,尽快完成实施方案。"
    ex = extract(text)
    task = ex.tasks[0]
    assert [(r.mention, r.role, r.collective) for r in task.responsibilities] == [
        ("市发改委", "lead", False), ("相关部门", "support", True)]
    assert task.lead_officials == ["杨志武副市长"] and "尽快完成实施方案" in task.text


def test_unnumbered_lines_under_a_heading_are_tasks_of_their_own() -> None:
    text = ("长春市规划纲要任务分工\n二、主要目标\n(一)约束性指标\n耕地保有量保持在2000.9万亩。(市国土局牵头)\n"
            "单位工业增加值用水量达到省要求标准。(市水利局、市工信局等部门按职责分工负责)\n")
    rows = [t for t in extract(text).tasks if t.responsibilities]
    assert [(t.number, [r.mention for r in t.responsibilities]) for t in rows] == [
        ("二、(一)[1]", ["市国土局"]), ("二、(一)[2]", ["市水利局", "市工信局"])]


def test_three_parties_and_a_department_their_list_shares() -> None:
    text = ("海东市人民政府办公室\n关于印发海东市与兰州市、临夏州\n共同推进兰西城市群建设2020年\n重点任务清单的通知\n"
            "一、重点规划衔接融合方面\n1. 做好重大规划的有效衔接。\n责任单位:海东市、兰州市、临夏州发展改革部门\n")
    ex = extract(text)
    assert [s.name for s in ex.document.sides] == ["海东市", "兰州市", "临夏州"]
    names = {u.id: (u.name, u.side) for u in ex.units}
    assert [names[r.unit] for r in ex.tasks[-1].responsibilities] == [
        ("海东市发展改革部门", "海东市"), ("兰州市发展改革部门", "兰州市"), ("临夏州发展改革部门", "临夏州")]


def test_one_office_under_two_names() -> None:
    ex = extract(ONE + "一、甲。（责任单位：市商务局（市粮食和物资储备局）、市财政局）\n二、乙。（责任单位：市粮食和物资储备局）")
    first, second = (t.responsibilities[0].unit for t in ex.tasks)
    assert first == second == "unit:大连市/大连市商务局"


def test_keyword_lines_of_a_plan_on_one_long_line_end_at_the_next_item() -> None:
    text = ("海盐县政府工作报告重点工作责任分解 一、王丹县长牵头重点工作 1.全县生产总值增长7.5%左右。 "
            "责任单位:县发改局(首位单位为牵头单位,下同)、县财政局 2.落实过紧日子的要求。 责任单位:县财政局、县审计局")
    rows = [t for t in extract(text).tasks if t.responsibilities]
    assert [[(r.mention, r.role) for r in t.responsibilities] for t in rows] == [
        [("县发改局", "lead"), ("县财政局", "responsible")], [("县财政局", "lead"), ("县审计局", "responsible")]]


def test_a_table_written_with_bars_and_a_row_missing_its_merged_cell() -> None:
    text = ("序号 | 实事项目 | 工作举措 | 责任单位 | 配合单位 |\n"
            "1 | 新建幼儿园7所。 | 4月底前主体完工。 | 教育局 | 发改局、财政局,锦城街道 |\n"
            "类别 | 民生事项名称 | 任务目标 | 责任单位 | 分管市领导 |\n"
            "四、教育 | 14.改扩建泉山学校 | 完成主体建设。 | 教育体育局 | 刘福利 |\n"
            "15.推进运动场地建设 | 完成13处场地建设。 | 教育体育局 | 刘福利 |\n")
    rows = [t for t in extract(text).tasks if t.responsibilities]
    assert [[(r.mention, r.role) for r in t.responsibilities] for t in rows] == [
        [("教育局", "responsible"), ("发改局", "support"), ("财政局", "support"), ("锦城街道", "support")],
        [("教育体育局", "responsible")], [("教育体育局", "responsible")]]


def test_a_table_a_line_per_cell_with_numbered_tasks_and_no_number_column() -> None:
    text = ("《政府工作报告》2018年目标任务责任分解\n目标任务\n责任领导\n责任单位\n一、主要预期指标\n"
            "1. 生产总值增长7.5%以上。\n董贵波\n市发改委、市经信委,各县(市、区)政府\n"
            "2. 一般公共预算收入增长7%。\n董贵波\n市财政局\n")
    rows = [t for t in extract(text).tasks if t.responsibilities]
    assert [(t.text, [r.mention for r in t.responsibilities]) for t in rows] == [
        ("生产总值增长7.5%以上。", ["市发改委", "市经信委", "各县(市、区)政府"]), ("一般公共预算收入增长7%。", ["市财政局"])]


def test_a_plans_side_is_the_level_its_units_name() -> None:
    text = "一、主要目标\n1﹒全省生产总值增长7%以上。\n牵头责任单位:省发展改革委。\n协同责任单位:省财政厅、合肥海关。\n"
    ex = extract(text)
    assert [s.name for s in ex.document.sides] == ["安徽省"]
    assert [u.name for u in ex.units if u.name.startswith("安徽")] == ["安徽省发展改革委", "安徽省财政厅"]

"""Small plans for the review tests, each written to raise (or not raise) one flag."""

from __future__ import annotations

from graphmodel.extract import extract
from graphmodel.model import Extraction

CLEAN = """大连市人民政府办公室关于2021年重点工作的分工方案
一、推进数字政府建设，完善一网通办。（牵头单位：市政务服务中心；配合单位：市大数据局）
二、推进营商环境改革。（牵头单位：市营商局；配合单位：市司法局、市公安局）
"""

# 各项目牵头单位 holds a keyword and is read neither as a unit nor as a placeholder.
DROPPED = """广州市人才工作实施意见
一、加强组织领导，统筹协调推进。（牵头单位：市委组织部，配合单位：各项目牵头单位，各区、县级市）
二、完善责任考核，推动人才工作任务落实。（牵头单位：市人社局；配合单位：市财政局）
三、总结经验，形成长效机制。
"""

# The note makes the first unit listed lead, also where a list has one unit and no lead word.
FIRST_LEADS = """丽水市2023年重点工作责任分解
一、全市生产总值增长7%。责任单位：市发改委、市经信局（列第一位为牵头单位，下同）
二、社会消费品零售总额增长5%。责任单位：市商务局、市市场监管局
"""

# A note carrying placeholders to every later task, which the extractor does not read.
CARRIED = """数智贵州建设2026年工作要点
1.建设数据中心集群，推动算力发展。（责任单位：省大数据局、省工业和信息化厅，各市〔州〕数据管理部门。除专门列出外，以下任务均涉及各市〔州〕数据管理部门，不再重复）
2.推进数据要素市场化配置改革。（责任单位：省大数据局、贵州大数据集团）
"""

CARRY_NOTE = """2024年玉林市降碳工作实施方案
1.加强生态环境准入管理。〔市生态环境局等按职责分工负责。责任单位：各县（市、区）人民政府、各开发园区管委。以下均需各县（市、区）人民政府、各开发园区管委落实，不再列出。〕
2.推进重点行业节能改造。〔市工业和信息化局负责〕
"""

TWO_SIDES = """2020年上海市与大连市对口合作重点工作计划
一、推进产业合作，共建园区。（责任单位：上海市发展改革委；大连市发展改革委）
二、深化人才交流合作。（责任单位：市人社局）
三、共建产业园区。（责任单位：浦东新区政府）
"""

BRACKET = """长春市人才工作要点
1.建立海外工作站（海外人才工作站），推进国际合作。（责任单位：市人社局）
"""


def extraction(text: str, source: str = "plan.txt") -> Extraction:
    return extract(text, source=source)

# Two names of one side that may be one unit: 市工业和信息化局 and 市工业信息化局.
CLOSE = """大连市2021年工业工作分工方案
一、推进工业互联网发展。（牵头单位：市工业和信息化局；配合单位：市大数据局）
二、推进智能制造。（责任单位：市工业信息化局）
"""

# A task table: the header states the roles of every row, the last cell is a deadline.
TABLE = "宁波市2021年改革任务表\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n" \
        "1\t推进数字化改革\t市委改革办\t市大数据局、市经信局\t2021年12月\n" \
        "2\t深化营商环境改革\t市发改委\t市市场监管局\t全年\n"

# A note that adds a unit to a group for every later task (含X, 下同).
INCLUDES = """苏州市2022年重点工作任务分解
一、推动产业集群发展。（牵头单位：市工业和信息化局，配合单位：市发改委，各区、县级市人民政府〈含开发区管委会，下同〉）
二、扩大有效投资。（牵头单位：市发改委，配合单位：各区、县级市人民政府）
"""

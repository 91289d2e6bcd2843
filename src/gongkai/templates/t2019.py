"""The 2019 template: 国办公开办函〔2019〕60号, for reports on 2019 and 2020."""

from __future__ import annotations

from .common import (
    APPEALS_TABLE,
    RESULTS,
    SECTIONS,
    appeal_identities,
    request_identities,
    requests_table,
)
from .spec import Block, Column, Kind, Row, Table, Template

_ITEMS = (
    Column("prev", "上一年项目数量"),
    Column("change", "本年增/减", Kind.SIGNED, variants=("本年增减", "本年增/")),
    Column("decisions", "处理决定数量"),
)

ACTIVE = Table(
    "active",
    "二",
    "二、主动公开政府信息情况",
    (
        Block(
            "art20_1",
            "第二十条第（一）项",
            (
                Column("made", "本年新制作数量", variants=("本年新制作",)),
                Column("published", "本年新公开数量", variants=("本年新公开",)),
                Column("total", "对外公开总数量"),
            ),
            (
                Row("rules", "规章"),
                Row("normative", "规范性文件", variants=("行政规范性文件",)),
            ),
        ),
        Block(
            "art20_5",
            "第二十条第（五）项",
            _ITEMS,
            (
                Row("licensing", "行政许可"),
                Row("other_services", "其他对外管理服务事项"),
            ),
        ),
        Block(
            "art20_6",
            "第二十条第（六）项",
            _ITEMS,
            (Row("penalty", "行政处罚"), Row("coercion", "行政强制")),
        ),
        Block("art20_8", "第二十条第（八）项", _ITEMS[:2], (Row("fees", "行政事业性收费"),)),
        Block(
            "art20_9",
            "第二十条第（九）项",
            (
                Column("count", "采购项目数量"),
                Column("amount", "采购总金额", Kind.MONEY),
            ),
            (Row("procurement", "政府集中采购"),),
        ),
    ),
)

REQUESTS = requests_table((Row("other", "（六）其他处理", path=(RESULTS,)),))

TEMPLATE_2019 = Template(
    id="2019",
    name="中华人民共和国政府信息公开工作年度报告格式（试行）",
    document="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=SECTIONS,
    tables=(ACTIVE, REQUESTS, APPEALS_TABLE),
    identities=request_identities(REQUESTS) + appeal_identities(),
)

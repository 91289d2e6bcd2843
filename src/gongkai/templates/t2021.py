"""The 2021 template: 国办公开办函〔2021〕30号, for reports on 2021 onwards."""

from __future__ import annotations

from .common import (
    APPEALS_TABLE,
    OTHER,
    RESULTS,
    SECTIONS,
    appeal_identities,
    request_identities,
    requests_table,
)
from .spec import Block, Column, Kind, Row, Table, Template

_DECISIONS = (Column("decisions", "本年处理决定数量"),)

ACTIVE = Table(
    "active",
    "二",
    "二、主动公开政府信息情况",
    (
        Block(
            "art20_1",
            "第二十条第（一）项",
            (
                Column("issued", "本年制发件数"),
                Column("repealed", "本年废止件数"),
                Column("in_force", "现行有效件数"),
            ),
            (
                Row("rules", "规章"),
                Row("normative", "行政规范性文件", variants=("规范性文件",)),
            ),
        ),
        Block("art20_5", "第二十条第（五）项", _DECISIONS, (Row("licensing", "行政许可"),)),
        Block(
            "art20_6",
            "第二十条第（六）项",
            _DECISIONS,
            (Row("penalty", "行政处罚"), Row("coercion", "行政强制")),
        ),
        Block(
            "art20_8",
            "第二十条第（八）项",
            (
                Column(
                    "amount",
                    "本年收费金额（单位：万元）",
                    Kind.MONEY,
                    variants=("本年收费金额",),
                    unit="万元",
                ),
            ),
            (Row("fees", "行政事业性收费"),),
        ),
    ),
)

_OTHER_PATH = (RESULTS, OTHER)

REQUESTS = requests_table(
    (
        Row(
            "other.no_correction",
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            path=_OTHER_PATH,
        ),
        Row(
            "other.no_fee",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            path=_OTHER_PATH,
        ),
        Row("other.misc", "3.其他", path=_OTHER_PATH),
    )
)

TEMPLATE_2021 = Template(
    id="2021",
    name="中华人民共和国政府信息公开工作年度报告格式",
    document="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    sections=SECTIONS,
    tables=(ACTIVE, REQUESTS, APPEALS_TABLE),
    identities=request_identities(REQUESTS) + appeal_identities(),
)

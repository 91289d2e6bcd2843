"""The parts both templates share: table 三's columns and most rows, table 四, the sections."""

from __future__ import annotations

from .spec import Block, Column, Identity, IdentityKind, Row, Section, Table

ORG = "法人或其他组织"
RESULTS = "三、本年度办理结果"
DENIED = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_HANDLED = "（五）不予处理"
OTHER = "（六）其他处理"

REQUEST_COLUMNS: tuple[Column, ...] = (
    Column("natural", "自然人"),
    Column("commercial", "商业企业", group=ORG),
    Column("research", "科研机构", group=ORG),
    Column("social", "社会公益组织", group=ORG),
    Column("legal", "法律服务机构", group=ORG),
    Column("org_other", "其他", group=ORG),
    Column("total", "总计", variants=("合计",)),
)

REQUEST_HEAD_ROWS: tuple[Row, ...] = (
    Row("new", "一、本年新收政府信息公开申请数量"),
    Row("carried_in", "二、上年结转政府信息公开申请数量"),
)

REQUEST_RESULT_ROWS: tuple[Row, ...] = (
    Row("granted", "（一）予以公开", path=(RESULTS,)),
    Row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        variants=("（二）部分公开（区分处理的，只记这一情形，不记其他情形）",),
        path=(RESULTS,),
    ),
    Row("denied.state_secret", "1.属于国家秘密", path=(RESULTS, DENIED)),
    Row("denied.prohibited_by_law", "2.其他法律行政法规禁止公开", path=(RESULTS, DENIED)),
    Row(
        "denied.endangers_safety",
        "3.危及“三安全一稳定”",
        variants=('3.危及"三安全一稳定"',),
        path=(RESULTS, DENIED),
    ),
    Row("denied.third_party", "4.保护第三方合法权益", path=(RESULTS, DENIED)),
    Row("denied.internal", "5.属于三类内部事务信息", path=(RESULTS, DENIED)),
    Row("denied.process", "6.属于四类过程性信息", path=(RESULTS, DENIED)),
    Row("denied.enforcement_file", "7.属于行政执法案卷", path=(RESULTS, DENIED)),
    Row("denied.query", "8.属于行政查询事项", path=(RESULTS, DENIED)),
    Row("unavailable.not_held", "1.本机关不掌握相关政府信息", path=(RESULTS, UNAVAILABLE)),
    Row("unavailable.needs_creation", "2.没有现成信息需要另行制作", path=(RESULTS, UNAVAILABLE)),
    Row("unavailable.unclear", "3.补正后申请内容仍不明确", path=(RESULTS, UNAVAILABLE)),
    Row(
        "not_handled.complaint",
        "1.信访举报投诉类申请",
        variants=("1.信访投诉举报类申请", "1.信访举报投诉类"),
        path=(RESULTS, NOT_HANDLED),
    ),
    Row("not_handled.duplicate", "2.重复申请", path=(RESULTS, NOT_HANDLED)),
    Row("not_handled.publication", "3.要求提供公开出版物", path=(RESULTS, NOT_HANDLED)),
    Row("not_handled.excessive", "4.无正当理由大量反复申请", path=(RESULTS, NOT_HANDLED)),
    Row(
        "not_handled.confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        path=(RESULTS, NOT_HANDLED),
    ),
)

REQUEST_TAIL_ROWS: tuple[Row, ...] = (
    Row("total", "（七）总计", variants=("（七）合计",), path=(RESULTS,)),
    Row("carried_over", "四、结转下年度继续办理"),
)

REQUESTS_TITLE = "三、收到和处理政府信息公开申请情况"
REQUESTS_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def requests_table(other_rows: tuple[Row, ...]) -> Table:
    """Table 三 with the template's own （六）其他处理 rows."""
    rows = REQUEST_HEAD_ROWS + REQUEST_RESULT_ROWS + other_rows + REQUEST_TAIL_ROWS
    block = Block("requests", "申请人情况", REQUEST_COLUMNS, rows, header=REQUESTS_NOTE)
    return Table("requests", "三", REQUESTS_TITLE, (block,))


APPEAL_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持", variants=("结果维护",)),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计", variants=("合计",)),
)

APPEALS_TABLE = Table(
    "appeals",
    "四",
    "四、政府信息公开行政复议、行政诉讼情况",
    (
        Block(
            "appeals",
            "行政复议、行政诉讼",
            APPEAL_COLUMNS,
            (
                Row("review", "行政复议"),
                Row("suit_direct", "未经复议直接起诉", path=("行政诉讼",)),
                Row("suit_after_review", "复议后起诉", path=("行政诉讼",)),
            ),
            header="",
            transposed=True,
        ),
    ),
    title_variants=(
        "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
        "四、政府信息公开行政复议、提起行政诉讼情况",
    ),
)

SECTIONS: tuple[Section, ...] = (
    Section("s1", "一", "一、总体情况", ("总体情况",)),
    Section("s2", "二", "二、主动公开政府信息情况", ("主动公开政府信息情况", "主动公开政府信息")),
    Section("s3", "三", REQUESTS_TITLE, ("收到和处理政府信息公开申请", "政府信息公开申请情况")),
    Section("s4", "四", APPEALS_TABLE.title, ("行政复议", "行政诉讼")),
    Section("s5", "五", "五、存在的主要问题及改进情况", ("存在的主要问题", "存在问题", "改进情况")),
    Section("s6", "六", "六、其他需要报告的事项", ("其他需要报告的事项", "其他需要报告")),
)


def request_identities(table: Table) -> tuple[Identity, ...]:
    """T3.1–T3.3 over table 三, derived from its rows and columns."""
    block = table.blocks[0]
    cols = [c.key for c in block.columns]
    parts = [c for c in cols if c != "total"]
    rows = [r.key for r in block.rows]
    leaves = [r for r in rows if r not in {"new", "carried_in", "total", "carried_over"}]

    def k(row: str, col: str) -> str:
        return f"requests.{row}.{col}"

    out: list[Identity] = []
    for c in cols:
        out.append(
            Identity(
                "T3.1",
                IdentityKind.STATED,
                (k("new", c), k("carried_in", c)),
                (k("total", c), k("carried_over", c)),
                c,
                "第一项加第二项之和，等于第三项加第四项之和",
            )
        )
    for r in rows:
        out.append(
            Identity(
                "T3.2",
                IdentityKind.DEFINITIONAL,
                (k(r, "total"),),
                tuple(k(r, c) for c in parts),
                r,
                "总计等于各类申请人之和",
            )
        )
    for c in cols:
        out.append(
            Identity(
                "T3.3",
                IdentityKind.DEFINITIONAL,
                (k("total", c),),
                tuple(k(r, c) for r in leaves),
                c,
                "（七）总计等于各项办理结果之和",
            )
        )
    return tuple(out)


def appeal_identities() -> tuple[Identity, ...]:
    """T4.1: each group's 总计 is the sum of its four outcomes."""
    out = []
    for row in APPEALS_TABLE.blocks[0].rows:
        g = row.key
        out.append(
            Identity(
                "T4.1",
                IdentityKind.DEFINITIONAL,
                (f"appeals.{g}.total",),
                tuple(f"appeals.{g}.{c}" for c in ("upheld", "corrected", "other", "pending")),
                g,
                "总计等于结果维持、结果纠正、其他结果、尚未审结之和",
            )
        )
    return tuple(out)

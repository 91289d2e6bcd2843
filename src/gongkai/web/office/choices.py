"""The office's enumerations, each mapped onto the statutory tables where it feeds them.

``ApplicantType`` values are table 三's column keys and ``Outcome`` values its leaf row keys
(shared/spec/cells.md), so the annual table is a GROUP BY over these two columns.
"""

from __future__ import annotations

from django.db import models


class ApplicantType(models.TextChoices):
    """The six applicant columns of table 三."""

    NATURAL = "natural", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    SOCIAL = "social", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    ORG_OTHER = "org_other", "其他"


class Channel(models.TextChoices):
    """How the application arrived; Art. 31 fixes the receipt date per channel."""

    IN_PERSON = "in_person", "当面"
    LETTER = "letter", "信函"
    ONLINE = "online", "网络"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class ReceiptBasis(models.TextChoices):
    """Which Art. 31 rule gave the receipt date."""

    HANDED_IN = "handed_in", "当面提交之日"
    SIGNED_FOR = "signed_for", "签收之日"
    CONFIRMED = "confirmed", "双方确认之日"


class RequestedForm(models.TextChoices):
    """Art. 29(3): the form the information should take."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子数据"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    """Art. 29(3): how the applicant wants to obtain it."""

    MAIL = "mail", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    FAX = "fax", "传真"
    INSPECT = "inspect", "现场查阅"


class Outcome(models.TextChoices):
    """Table 三's result rows, one value per leaf row key (both templates' 其他处理 rows)."""

    GRANTED = "granted", "予以公开"
    PARTIAL = "partial", "部分公开"
    DENIED_STATE_SECRET = "denied.state_secret", "不予公开·属于国家秘密"
    DENIED_PROHIBITED_BY_LAW = "denied.prohibited_by_law", "不予公开·其他法律行政法规禁止公开"
    DENIED_ENDANGERS_SAFETY = "denied.endangers_safety", "不予公开·危及“三安全一稳定”"
    DENIED_THIRD_PARTY = "denied.third_party", "不予公开·保护第三方合法权益"
    DENIED_INTERNAL = "denied.internal", "不予公开·属于三类内部事务信息"
    DENIED_PROCESS = "denied.process", "不予公开·属于四类过程性信息"
    DENIED_ENFORCEMENT_FILE = "denied.enforcement_file", "不予公开·属于行政执法案卷"
    DENIED_QUERY = "denied.query", "不予公开·属于行政查询事项"
    UNAVAILABLE_NOT_HELD = "unavailable.not_held", "无法提供·本机关不掌握相关政府信息"
    UNAVAILABLE_NEEDS_CREATION = "unavailable.needs_creation", "无法提供·没有现成信息需要另行制作"
    UNAVAILABLE_UNCLEAR = "unavailable.unclear", "无法提供·补正后申请内容仍不明确"
    NOT_HANDLED_COMPLAINT = "not_handled.complaint", "不予处理·信访举报投诉类申请"
    NOT_HANDLED_DUPLICATE = "not_handled.duplicate", "不予处理·重复申请"
    NOT_HANDLED_PUBLICATION = "not_handled.publication", "不予处理·要求提供公开出版物"
    NOT_HANDLED_EXCESSIVE = "not_handled.excessive", "不予处理·无正当理由大量反复申请"
    NOT_HANDLED_CONFIRMATION = "not_handled.confirmation", "不予处理·要求行政机关确认或重新出具已获取信息"
    OTHER = "other", "其他处理"
    OTHER_NO_CORRECTION = "other.no_correction", "其他处理·逾期不补正"
    OTHER_NO_FEE = "other.no_fee", "其他处理·逾期未缴费"
    OTHER_MISC = "other.misc", "其他处理·其他"


REG = "《中华人民共和国政府信息公开条例》"

# The legal basis a reply cites by default (regulation-notes.md §6); the handler may edit it.
OUTCOME_BASIS: dict[str, str] = {
    Outcome.GRANTED: REG + "第三十六条第（二）项",
    Outcome.PARTIAL: REG + "第三十七条",
    Outcome.DENIED_STATE_SECRET: REG + "第十四条、第三十六条第（三）项",
    Outcome.DENIED_PROHIBITED_BY_LAW: REG + "第十四条、第三十六条第（三）项",
    Outcome.DENIED_ENDANGERS_SAFETY: REG + "第十四条、第三十六条第（三）项",
    Outcome.DENIED_THIRD_PARTY: REG + "第十五条、第三十二条、第三十六条第（三）项",
    Outcome.DENIED_INTERNAL: REG + "第十六条第一款、第三十六条第（三）项",
    Outcome.DENIED_PROCESS: REG + "第十六条第二款、第三十六条第（三）项",
    Outcome.DENIED_ENFORCEMENT_FILE: REG + "第十六条第二款、第三十六条第（三）项",
    Outcome.DENIED_QUERY: REG + "第三十六条第（七）项",
    Outcome.UNAVAILABLE_NOT_HELD: REG + "第三十六条第（四）项、第（五）项",
    Outcome.UNAVAILABLE_NEEDS_CREATION: REG + "第三十八条",
    Outcome.UNAVAILABLE_UNCLEAR: REG + "第三十条",
    Outcome.NOT_HANDLED_COMPLAINT: REG + "第三十九条第一款",
    Outcome.NOT_HANDLED_DUPLICATE: REG + "第三十六条第（六）项",
    Outcome.NOT_HANDLED_PUBLICATION: REG + "第三十九条第二款",
    Outcome.NOT_HANDLED_EXCESSIVE: REG + "第三十五条",
    Outcome.NOT_HANDLED_CONFIRMATION: "",
    Outcome.OTHER: "",
    Outcome.OTHER_NO_CORRECTION: REG + "第三十条",
    Outcome.OTHER_NO_FEE: "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    Outcome.OTHER_MISC: "",
}

_OTHER_2021 = {Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_NO_FEE, Outcome.OTHER_MISC}


def outcome_row(outcome: str, template_id: str) -> str:
    """The table 三 row an outcome is counted in under ``template_id``.

    The 2019 template has one 其他处理 row, the 2021 template three; a 2021-style outcome in a
    2019 year folds into ``other`` and a plain ``other`` in a 2021 year is ``other.misc``.
    """
    if template_id == "2019" and outcome in _OTHER_2021:
        return "other"
    if template_id == "2021" and outcome == Outcome.OTHER:
        return "other.misc"
    return outcome


class AppealKind(models.TextChoices):
    """Table 四's groups."""

    REVIEW = "review", "行政复议"
    SUIT_DIRECT = "suit_direct", "行政诉讼·未经复议直接起诉"
    SUIT_AFTER_REVIEW = "suit_after_review", "行政诉讼·复议后起诉"


class AppealOutcome(models.TextChoices):
    """Table 四's columns."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"

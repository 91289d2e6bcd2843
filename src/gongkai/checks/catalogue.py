"""Every finding type gongkai knows: stable kebab-case code, severity, title and message templates.

Messages are ``str.format`` templates with named fields, one in Chinese and one
in English. A field whose value differs by language (a cell label) is passed as
a :class:`Text`; numbers are passed as they are. The checks' own types are
defined here; the reader (and any later producer) adds its own with
:func:`register`, so that one catalogue lists every code gongkai can emit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import UsageError
from ..model import Finding, Severity
from ..templates import TEMPLATES, IdentityKind

LANGS = ("zh", "en")


class Text(NamedTuple):
    """A message field that reads differently in Chinese and English."""

    zh: str
    en: str


@dataclass(frozen=True)
class FindingType:
    """One kind of finding, as documented; :meth:`make` turns it into a :class:`Finding`."""

    code: str
    severity: Severity
    family: str  # identity | blank | value | plausibility | template | series | reader …
    title: str
    title_en: str
    message: str
    message_en: str

    def make(
        self,
        cells: Iterable[str] = (),
        *,
        lang: str = "zh",
        detail: Mapping[str, Any] | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding of this type; ``message`` is in ``lang``, ``message_en`` always English."""
        en = self.message_en.format(**{k: v.en if isinstance(v, Text) else v for k, v in fields.items()})
        if lang == "en":
            message = en
        else:
            message = self.message.format(
                **{k: v.zh if isinstance(v, Text) else v for k, v in fields.items()}
            )
        return Finding(self.code, self.severity, message, tuple(cells), en, dict(detail or {}))


CATALOGUE: dict[str, FindingType] = {}


def register(*types: FindingType) -> None:
    """Add finding types to the catalogue; re-registering an identical type is harmless.

    A different definition under a code already taken raises ``ValueError``:
    codes are a public contract and must not silently change meaning.
    """
    for t in types:
        known = CATALOGUE.get(t.code)
        if known is not None and known != t:
            raise ValueError(f"finding code {t.code!r} is already registered differently")
        CATALOGUE[t.code] = t


def by_family(family: str) -> Iterator[FindingType]:
    """The registered types of one family, in registration order."""
    return (t for t in CATALOGUE.values() if t.family == family)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise UsageError(
            f"不支持的语言 {lang!r}，可选 zh 或 en / unsupported language {lang!r}: use zh or en"
        )
    return lang


def identity_code(identity_id: str) -> str:
    """The finding code of a template identity: ``T3.1`` → ``identity-t3-1``."""
    return "identity-" + identity_id.lower().replace(".", "-")


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# Wording of each template identity; which sides they compare comes from the template data.
_IDENTITY_TEXT: dict[str, tuple[str, str, str, str]] = {
    "T3.1": (
        "表三勾稽关系：第一项加第二项之和等于第三项加第四项之和",
        "Table 3: new + carried in = total + carried over",
        "「{scope}」列：第一项加第二项之和（新收 + 上年结转）= {lhs}，"
        "但第三项加第四项之和（（七）总计 + 结转下年度）= {rhs}，相差 {diff}",
        "column {scope}: new + carried in = {lhs}, but total + carried over = {rhs}; difference {diff}",
    ),
    "T3.2": (
        "表三：总计列等于各类申请人之和",
        "Table 3: the total column is the sum of the applicant columns",
        "{total} = {lhs}，但各类申请人之和 = {rhs}，相差 {diff}",
        "{total} = {lhs}, but the applicant columns add up to {rhs}; difference {diff}",
    ),
    "T3.3": (
        "表三：（七）总计等于各项办理结果之和",
        "Table 3: row (7) total is the sum of the outcome rows",
        "{total} = {lhs}，但各项办理结果之和 = {rhs}，相差 {diff}",
        "{total} = {lhs}, but the outcome rows add up to {rhs}; difference {diff}",
    ),
    "T4.1": (
        "表四：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        "Table 4: total = upheld + corrected + other + pending",
        "{total} = {lhs}，但结果维持、结果纠正、其他结果、尚未审结之和 = {rhs}，相差 {diff}",
        "{total} = {lhs}, but upheld + corrected + other + pending = {rhs}; difference {diff}",
    ),
}


def _identity_types() -> Iterator[FindingType]:
    """One finding type per identity the templates define; heuristic ones only warn."""
    kinds: dict[str, IdentityKind] = {}
    for template in TEMPLATES.values():
        for identity in template.identities:
            kinds.setdefault(identity.code, identity.kind)
    for ident, kind in kinds.items():
        title, title_en, message, message_en = _IDENTITY_TEXT[ident]
        severity = WARNING if kind is IdentityKind.HEURISTIC else ERROR
        yield FindingType(identity_code(ident), severity, "identity", title, title_en, message, message_en)


register(
    *_identity_types(),
    FindingType(
        "identity-not-assessable",
        INFO,
        "identity",
        "勾稽关系无法核对（有空白单元格）",
        "Identity not assessable (blank cells)",
        "{identity}无法核对：{instances}含空白单元格（{blanks}），空白不按 0 计算",
        "{identity} cannot be checked for {instances}: blank cells {blanks} (a blank is not taken as 0)",
    ),
    FindingType(
        "blank-table",
        WARNING,
        "blank",
        "整张表空白",
        "Whole table blank",
        "表{number}「{title}」整表空白（{count} 个单元格），无法核对",
        "table {number} ({title}) is entirely blank ({count} cells); nothing in it can be checked",
    ),
    FindingType(
        "blank-cell",
        WARNING,
        "blank",
        "应填数字的单元格空白",
        "Blank cells where the template expects numbers",
        "表{number}有 {count} 个空白单元格：{blanks}（空白不等于 0，请填写数字）",
        "table {number}: {count} blank cell(s): {blanks} (a blank is not 0; fill in a number)",
    ),
    FindingType(
        "negative-count",
        ERROR,
        "value",
        "计数为负数",
        "Negative count",
        "{cell} = {value}，件数不能为负数",
        "{cell} = {value}: a count cannot be negative",
    ),
    FindingType(
        "non-integer-count",
        ERROR,
        "value",
        "计数不是整数",
        "Count is not an integer",
        "{cell} = {value}，件数必须是整数",
        "{cell} = {value}: a count must be a whole number",
    ),
    FindingType(
        "negative-amount",
        ERROR,
        "value",
        "金额为负数",
        "Negative amount",
        "{cell} = {value} 万元，金额不能为负数",
        "{cell} = {value} (10k yuan): an amount cannot be negative",
    ),
    FindingType(
        "items-below-zero",
        WARNING,
        "value",
        "上一年项目数量加本年增/减小于 0（T2.4）",
        "Previous items plus change below zero (T2.4)",
        "{row}：上一年项目数量 {prev} 加本年增/减 {change} = {sum}，项目数不能小于 0",
        "{row}: previous items {prev} plus change {change} = {sum}; the number of items cannot go below 0",
    ),
    FindingType(
        "published-exceeds-total",
        WARNING,
        "value",
        "本年新公开数量大于对外公开总数量（T2.5）",
        "Newly published exceeds total published (T2.5)",
        "{row}：本年新公开数量 {published} 大于对外公开总数量 {total}",
        "{row}: newly published {published} exceeds the total published {total}",
    ),
    FindingType(
        "money-unit-missing",
        WARNING,
        "value",
        "金额未写明单位",
        "Amount without a unit",
        "{cell} = {value}，报告未写明单位（元还是万元），数值可能相差一万倍",
        "{cell} = {value}: the report does not say 元 or 万元, so it may be off by a factor of 10,000",
    ),
    FindingType(
        "implausible-amount",
        WARNING,
        "value",
        "金额数量级可疑",
        "Implausible amount",
        "{cell} = {value} 万元，超过 {limit} 万元，数量级可疑（是否把元当成了万元？）",
        "{cell} = {value} (10k yuan) exceeds {limit}; is it in yuan rather than 10k yuan?",
    ),
    FindingType(
        "implausible-rules",
        WARNING,
        "plausibility",
        "无规章制定权的机关报告了规章（T2.6）",
        "Rules reported by a body that cannot make them (T2.6)",
        "「{body}」看来是{level}，无权制定规章，却报告了规章（{values}）；"
        "请核实是否把行政规范性文件计入了规章",
        "{body} looks like a {level}, which cannot make 规章 (rules), yet it reports rules "
        "({values}); were normative documents counted as rules?",
    ),
    FindingType(
        "high-other-share",
        WARNING,
        "plausibility",
        "其他处理占比偏高",
        "High share of other handling",
        "其他处理共 {other} 件，占（七）总计 {total} 件的 {share}，高于 {limit}；"
        "原则上每件申请都应按法定方式办理，请核实",
        "other handling: {other} of {total} completed applications ({share}, above {limit}); "
        "every application should in principle end in a statutory outcome",
    ),
    FindingType(
        "template-year-mismatch",
        WARNING,
        "template",
        "年度与模板不符",
        "Template does not match the year",
        "{year} 年度的报告应使用{expected}，但报告按{actual}填写",
        "a report on {year} should use {expected}, but it follows {actual}",
    ),
    FindingType(
        "template-unknown",
        WARNING,
        "template",
        "未标明模板",
        "Template unknown",
        "报告未标明所用模板（2019 或 2021），表格无法核对",
        "the report does not say which template it uses (2019 or 2021); its tables cannot be checked",
    ),
    FindingType(
        "carry-over-mismatch",
        WARNING,
        "series",
        "上年结转与上一年度结转下年不一致（T3.6）",
        "Carried in differs from last year's carried over (T3.6)",
        "「{scope}」列：上年结转 = {now}，"
        "但 {prev_year} 年度报告的结转下年度继续办理 = {before}，相差 {diff}",
        "column {scope}: carried in = {now}, but the {prev_year} report carried over {before}; "
        "difference {diff}",
    ),
    FindingType(
        "in-force-rollover",
        WARNING,
        "series",
        "现行有效件数与上年不衔接（T2.2）",
        "Documents in force do not roll over (T2.2)",
        "{row}：现行有效件数 = {now}，但 {prev_year} 年度的 {before} 加本年制发 {issued} 减本年废止 "
        "{repealed} = {expected}，相差 {diff}",
        "{row}: in force = {now}, but {before} in {prev_year} + issued {issued} - repealed "
        "{repealed} = {expected}; difference {diff}",
    ),
    FindingType(
        "prev-rollover",
        WARNING,
        "series",
        "上一年项目数量与上年报告不衔接（T2.3）",
        "Previous items do not roll over (T2.3)",
        "{row}：上一年项目数量 = {now}，但 {prev_year} 年度报告的 {before} 加增/减 {change} = {expected}，"
        "相差 {diff}",
        "{row}: previous items = {now}, but the {prev_year} report gives {before} + change {change} = "
        "{expected}; difference {diff}",
    ),
)

CHECK_CODES = frozenset(CATALOGUE)  # the codes the checks themselves emit (registered above)


def catalogue_markdown() -> str:
    """Every registered finding type as a Markdown table, grouped by family (docs/findings.md)."""
    lines = [
        "# Finding codes",
        "",
        "Every code gongkai can emit, from the checks and from the reader. Codes are a",
        "stable contract. Generated by `gongkai check --list-codes`; a test keeps this",
        "file equal to the catalogue.",
        "",
    ]
    families = list(dict.fromkeys(t.family for t in CATALOGUE.values()))
    for family in families:
        lines += [
            f"## {family}",
            "",
            "| code | severity | 标题 | title | message (en) |",
            "|---|---|---|---|---|",
        ]
        for t in by_family(family):
            message = t.message_en.replace("|", "\\|")
            lines.append(f"| `{t.code}` | {t.severity.value} | {t.title} | {t.title_en} | {message} |")
        lines.append("")
    return "\n".join(lines)

"""What every full-document renderer shares: title, section order, cell text, signature, problems.

A rendered report reads like one an office publishes: the title
「<机关><年>年政府信息公开工作年度报告」, the six numbered sections in the
template's order (tables 二/三/四 under the sections of the same number), and
the body's name and date at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..model import Finding, Report, Severity, Value
from ..templates import TEMPLATES, Kind, Section, Template
from .layout import TableLayout, layouts

MONEY_UNIT = "万元"  # the unit of every money value in the model (see gongkai.model)
SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True)
class Part:
    """One numbered section of a report: its heading, its paragraphs, its table if any."""

    section: Section
    paragraphs: tuple[str, ...]
    table: TableLayout | None


def format_value(value: Value) -> str:
    """A cell as the report prints it: blank stays empty, money in plain decimals, no exponent."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cell_text(report: Report, key: str) -> str:
    """A cell as printed in a document table: money gets 万元 where the header states no unit.

    The 2019 template's 采购总金额 has no unit and real reports write 元 or 万元
    beside the number, so the unit is written to keep the amount unambiguous.
    """
    value = report.value(key)
    text = format_value(value)
    template = report.template
    spec = template.cells.get(key) if template else None
    if value is not None and spec is not None and spec.kind is Kind.MONEY and spec.column.unit is None:
        return text + MONEY_UNIT
    return text


def report_title(report: Report) -> str:
    """「<body><year>年政府信息公开工作年度报告」, leaving out what the meta does not know."""
    year = f"{report.meta.year}年" if report.meta.year is not None else ""
    return f"{report.meta.body or ''}{year}政府信息公开工作年度报告"


def chinese_date(day: date) -> str:
    """2021年1月25日, as reports sign off."""
    return f"{day.year}年{day.month}月{day.day}日"


def signature(report: Report) -> tuple[str, ...]:
    """The closing lines: the body's name and the publication date, those that are known."""
    lines = [report.meta.body] if report.meta.body else []
    if report.meta.published:
        lines.append(chinese_date(report.meta.published))
    return tuple(lines)


def parts(report: Report) -> tuple[Part, ...]:
    """The six sections with their texts and tables; a legacy report gets no tables."""
    template = report.template
    tables = {lay.table.number: lay for lay in layouts(template.id)} if template else {}
    sections = (template or _latest()).sections
    return tuple(Part(s, paragraphs(report.sections.get(s.key, "")), tables.get(s.number)) for s in sections)


def paragraphs(text: str) -> tuple[str, ...]:
    """A section text split into its non-empty lines."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def problems_by_cell(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The findings naming each cell, worst first."""
    out: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: f.severity.rank):
        for key in finding.cells:
            out.setdefault(key, []).append(finding)
    return out


def finding_note(finding: Finding) -> str:
    """【错误】T3.1 message"""
    return f"【{SEVERITY_LABELS[finding.severity]}】{finding.code} {finding.message}"


def finding_line(finding: Finding) -> str:
    """【错误】T3.1 message（单元格：key, key）"""
    cells = f"（单元格：{', '.join(finding.cells)}）" if finding.cells else ""
    return finding_note(finding) + cells


def cell_note(found: Sequence[Finding]) -> str:
    """What a highlighted cell says about itself (tooltip, comment): one line per finding."""
    return "\n".join(finding_note(f) for f in found)


def chosen_findings(report: Report, findings: Sequence[Finding] | None) -> list[Finding]:
    """The findings to show: those given, else the report's own."""
    return list(report.findings if findings is None else findings)


def _latest() -> Template:
    return next(t for t in TEMPLATES.values() if t.last_year is None)

"""``run_checks``: every single-report rule, in one pass over a report's values."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Finding, Report
from ..templates import Template
from .catalogue import check_lang
from .identities import check_identities
from .meta import check_template
from .plan import plan_for
from .plausibility import check_other_share, check_rules
from .values import blank_tables, check_blanks, check_items, check_money, check_numbers


def run_checks(report: Report, *, lang: str = "zh") -> list[Finding]:
    """All single-report findings, errors first, then in table order; the report is not changed.

    ``lang="en"`` puts English in ``Finding.message``; ``message_en`` is English either way.
    Legacy (pre-2019, free-form) reports and reports of unknown template get no table checks.
    """
    check_lang(lang)
    findings = check_template(report, lang)
    template = report.template
    if template is None:
        return sort_findings(findings)
    plan = plan_for(template)
    values = plan.read(report)
    blank = frozenset[str]()
    if values.count(None):
        blank = blank_tables(plan, values)
        findings += check_blanks(plan, values, blank, lang)
    findings += check_identities(plan, values, blank, lang)
    findings += check_numbers(plan, values, lang)
    findings += check_items(plan, values, lang)
    findings += check_money(plan, report, values, lang)
    findings += check_rules(plan, report, values, lang)
    findings += check_other_share(plan, values, lang)
    return sort_findings(findings, template)


def sort_findings(findings: Iterable[Finding], template: Template | None = None) -> list[Finding]:
    """Errors, then warnings, then infos; within each, findings about the report as a whole
    first, then by the template position of their first cell."""
    index = plan_for(template).index if template is not None else {}

    def key(f: Finding) -> tuple[int, int]:
        first = min((index.get(c, len(index)) for c in f.cells), default=-1)
        return f.severity.rank, first

    return sorted(findings, key=key)

"""Tables 三 and 四 of the annual report, computed from the records as GROUP BY queries.

For a unit and a year Y (Jan 1 = J, Dec 31 = D), counting only applications with a receipt
date (an online application waiting for confirmation is not yet received):

- ``new``: received in Y;
- ``carried_in``: received before J and not closed before J;
- result rows: closed in Y, one row per outcome (the outcome enum *is* the row key);
- ``carried_over``: received by D and not closed by D.

Every received case is therefore open on J or received in Y exactly once, and closed in Y or
open on D exactly once, so ``new + carried_in = total + carried_over`` holds for every column
by construction; the totals are sums of the same rows, so T3.2 and T3.3 hold as well.

Table 四 (T4.4 leaves the period undefined, see annual-report-format.md): a case counts in Y
if it was filed by D and not decided before J; decided in Y → its outcome, otherwise 尚未审结.
The same filters serve the counts and the drill-down lists, so a number and its list agree.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db.models import Count, Q, QuerySet

from gongkai.model import Report
from gongkai.templates import Template, get_template

from ..accounts.models import Unit
from .choices import AppealOutcome, ApplicantType, Outcome, outcome_row
from .models import Appeal, Application

COLUMNS = tuple(c.value for c in ApplicantType)
APPEAL_COLUMNS = ("upheld", "corrected", "other", "pending")
HEAD_ROWS = ("new", "carried_in", "carried_over")


def template_for(year: int) -> Template:
    """The 2019 template up to 2020 (earlier years too: there is no other), 2021 from 2021."""
    return get_template("2019" if year <= 2020 else "2021")


def result_rows(template: Template) -> tuple[str, ...]:
    """Table 三's leaf result rows of ``template``, in order."""
    rows = [r.key for r in template.table("requests").blocks[0].rows]
    return tuple(r for r in rows if r not in {*HEAD_ROWS, "total"})


def _span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def row_filter(row: str, year: int) -> Q:
    """The applications a head row (new, carried_in, carried_over) or the results count."""
    first, last = _span(year)
    if row == "new":
        return Q(received_on__gte=first, received_on__lte=last)
    if row == "carried_in":
        return Q(received_on__lt=first) & (Q(closed_on__isnull=True) | Q(closed_on__gte=first))
    if row == "carried_over":
        return Q(received_on__lte=last) & (Q(closed_on__isnull=True) | Q(closed_on__gt=last))
    # a result row: closed in the year (the outcome is selected by the caller)
    return Q(received_on__isnull=False, closed_on__gte=first, closed_on__lte=last)


def _outcomes_for_row(row: str, template: Template) -> list[str]:
    """Outcome values counted in result row ``row`` under ``template``."""
    return [o.value for o in Outcome if outcome_row(o.value, template.id) == row]


def request_values(unit: Unit, year: int) -> dict[str, int]:
    """Every cell of table 三 for ``unit`` and ``year``."""
    template = template_for(year)
    base = Application.objects.filter(unit=unit)
    counts: Counter[tuple[str, str]] = Counter()
    for row in HEAD_ROWS:
        for item in base.filter(row_filter(row, year)).values("applicant_type").annotate(n=Count("id")):
            counts[(row, item["applicant_type"])] += item["n"]
    closed = (
        base.filter(row_filter("results", year)).values("outcome", "applicant_type").annotate(n=Count("id"))
    )
    for item in closed:
        counts[(outcome_row(item["outcome"], template.id), item["applicant_type"])] += item["n"]
    values: dict[str, int] = {}
    results = result_rows(template)
    for row in (*HEAD_ROWS[:2], *results, "carried_over"):
        for col in COLUMNS:
            values[f"requests.{row}.{col}"] = counts[(row, col)]
        values[f"requests.{row}.total"] = sum(counts[(row, c)] for c in COLUMNS)
    for col in (*COLUMNS, "total"):
        values[f"requests.total.{col}"] = sum(values[f"requests.{r}.{col}"] for r in results)
    return values


def appeal_filter(year: int) -> Q:
    first, last = _span(year)
    return Q(filed_on__lte=last) & (Q(decided_on__isnull=True) | Q(decided_on__gte=first))


def _appeal_column(appeal: Appeal, year: int) -> str:
    if appeal.decided_on is None or appeal.decided_on.year > year or appeal.outcome == AppealOutcome.PENDING:
        return "pending"
    return appeal.outcome


def appeal_values(unit: Unit, year: int) -> dict[str, int]:
    """Every cell of table 四 for ``unit`` and ``year``."""
    counts: Counter[tuple[str, str]] = Counter()
    for appeal in Appeal.objects.filter(unit=unit).filter(appeal_filter(year)):
        counts[(appeal.kind, _appeal_column(appeal, year))] += 1
    values: dict[str, int] = {}
    for group in ("review", "suit_direct", "suit_after_review"):
        for col in APPEAL_COLUMNS:
            values[f"appeals.{group}.{col}"] = counts[(group, col)]
        values[f"appeals.{group}.total"] = sum(counts[(group, c)] for c in APPEAL_COLUMNS)
    return values


def annual_report(unit: Unit, year: int) -> Report:
    """Tables 三 and 四 as a core Report (table 二 and the texts stay blank: not office records)."""
    template = template_for(year)
    body = unit.body.name if unit.body else unit.name
    report = Report.from_values(
        template, {**request_values(unit, year), **appeal_values(unit, year)}, body=body, year=year
    )
    report.meta.title = f"{body}{year}年政府信息公开工作年度报告（依申请公开部分）"
    report.meta.parser = "gongkai.office"
    return report


def cases_for(unit: Unit, year: int, key: str) -> QuerySet[Application] | QuerySet[Appeal]:
    """The records behind one number of table 三 or 四 (the drill-down)."""
    parts = key.split(".")
    table, col = parts[0], parts[-1]
    row = ".".join(parts[1:-1])
    if table == "appeals":
        appeals = Appeal.objects.filter(unit=unit).filter(appeal_filter(year))
        if row != "total":
            appeals = appeals.filter(kind=row)
        if col != "total":
            ids = [a.pk for a in appeals if _appeal_column(a, year) == col]
            appeals = appeals.filter(pk__in=ids)
        return appeals
    template = template_for(year)
    if table != "requests" or key not in template.cells:
        raise KeyError(key)
    qs = Application.objects.filter(unit=unit).select_related("handler")
    if row in HEAD_ROWS:
        qs = qs.filter(row_filter(row, year))
    else:
        qs = qs.filter(row_filter("results", year))
        rows = result_rows(template) if row == "total" else (row,)
        qs = qs.filter(outcome__in=[o for r in rows for o in _outcomes_for_row(r, template)])
    if col != "total":
        qs = qs.filter(applicant_type=col)
    return qs

"""Reports that pass every single-report check, to break one rule at a time."""

from __future__ import annotations

from gongkai.checks import run_checks
from gongkai.model import Report
from gongkai.samples import random_report
from gongkai.templates import get_template

CITY = "临江市人民政府"  # may make 规章: no T2.6 warning


def clean_report(template: str, seed: int = 3, **meta: object) -> Report:
    """A consistent report of ``template`` that draws no finding, before ``meta`` is applied."""
    t = get_template(template)
    report = random_report(seed, t, year=t.first_year, body=CITY)
    for key, spec in t.cells.items():
        if spec.column.unit is None and spec.kind == "money":
            report.set(key, report.value(key), unit="万元")
        if spec.row.key == "rules":  # so that any body may be given
            report.set(key, 0)
    assert run_checks(report) == [], "the base report must be clean"
    for name, value in meta.items():
        setattr(report.meta, name, value)
    return report


def codes(report: Report, **kwargs: str) -> list[str]:
    """The codes ``run_checks`` gives, in its order."""
    return [f.code for f in run_checks(report, **kwargs)]


def requests_report(template: str, outcomes: dict[str, int], **meta: object) -> Report:
    """A consistent report whose table 三 holds only 自然人 applications ending in ``outcomes``.

    Every other cell is 0; 新收 is the sum of the outcomes, nothing is carried.
    """
    t = get_template(template)
    values: dict[str, int] = dict.fromkeys(t.keys, 0)
    done = sum(outcomes.values())
    for col in ("natural", "total"):
        for row, n in outcomes.items():
            values[f"requests.{row}.{col}"] = n
        values[f"requests.new.{col}"] = done
        values[f"requests.total.{col}"] = done
    report = Report.from_values(t, values, year=t.first_year, body=CITY)
    for name, value in meta.items():
        setattr(report.meta, name, value)
    return report

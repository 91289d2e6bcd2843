"""Tables 三 and 四 from the records: equal to an independent count, every check passing."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from datetime import date, timedelta

import pytest

from gongkai.checks import run_checks
from gongkai.model import Severity
from gongkai.templates import get_template
from gongkai.web.accounts.models import Unit
from gongkai.web.office.choices import AppealKind, AppealOutcome, ApplicantType, Outcome
from gongkai.web.office.importing import HEADER, import_applications
from gongkai.web.office.models import Appeal
from gongkai.web.office.statistics import annual_report, cases_for

TYPE_LABELS = [t.label for t in ApplicantType]
TYPE_KEYS = {t.label: t.value for t in ApplicantType}
CHANNELS = ["当面", "信函", "网络", "传真", "电子邮件"]
OUTCOMES = [o.value for o in Outcome]


def generate_csv(n: int, seed: int) -> tuple[str, list[dict[str, str]]]:
    """``n`` random applications received 2019–2023, about a tenth still open."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        received = date(2019, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        closed = None if rng.random() < 0.1 else received + timedelta(days=rng.randrange(0, 90))
        rows.append(
            {
                "serial": f"S{i:05d}",
                "received_on": received.isoformat(),
                "channel": rng.choice(CHANNELS),
                "applicant_type": rng.choice(TYPE_LABELS),
                "applicant_name": f"申请人{i}",
                "content": "某信息",
                "closed_on": closed.isoformat() if closed else "",
                "outcome": rng.choice(OUTCOMES) if closed else "",
            }
        )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue(), rows


def independent_table3(rows: list[dict[str, str]], year: int) -> dict[str, int]:
    """Table 三 counted straight from the CSV rows, by the definitions of the issue."""
    template = "2019" if year <= 2020 else "2021"
    first, last = date(year, 1, 1), date(year, 12, 31)
    counts: Counter[str] = Counter()
    for r in rows:
        col = TYPE_KEYS[r["applicant_type"]]
        received = date.fromisoformat(r["received_on"])
        closed = date.fromisoformat(r["closed_on"]) if r["closed_on"] else None
        found = []
        if first <= received <= last:
            found.append("new")
        if received < first and (closed is None or closed >= first):
            found.append("carried_in")
        if received <= last and (closed is None or closed > last):
            found.append("carried_over")
        if closed and first <= closed <= last:
            outcome = r["outcome"]
            if template == "2019" and outcome.startswith("other."):
                outcome = "other"
            if template == "2021" and outcome == "other":
                outcome = "other.misc"
            found += [outcome, "total"]
        for row in found:
            counts[f"requests.{row}.{col}"] += 1
            counts[f"requests.{row}.total"] += 1
    keys = [k for k in get_template(template).cells if k.startswith("requests.")]
    return {k: counts[k] for k in keys}


@pytest.mark.slow
def test_thousands_of_imported_applications_give_the_independent_count(office_db: None) -> None:
    text, rows = generate_csv(3000, seed=7)
    result = import_applications(text, "导入测试局")
    assert result.ok and result.created == 3000
    unit = Unit.objects.get(name="导入测试局")
    for year in range(2019, 2024):
        report = annual_report(unit, year)
        expected = independent_table3(rows, year)
        got = {k: report.value(k) for k in expected}
        assert got == expected, year
        errors = [f for f in run_checks(report) if f.severity is Severity.ERROR]
        assert errors == [], (year, errors)
        assert report.meta.template == ("2019" if year <= 2020 else "2021")
    again = import_applications(text, "导入测试局")
    assert (again.created, again.existing) == (0, 3000)


def test_drilldown_lists_exactly_the_counted_cases(office_db: None) -> None:
    text, _ = generate_csv(300, seed=3)
    import_applications(text, "下钻测试局")
    unit = Unit.objects.get(name="下钻测试局")
    report = annual_report(unit, 2021)
    for key, value in report.values().items():
        if key.startswith("requests.") and value:
            assert cases_for(unit, 2021, key).count() == value, key


def test_table_4_counts_open_and_decided_cases(world) -> None:  # type: ignore[no-untyped-def]
    def appeal(kind: str, filed: date, decided: date | None, outcome: str) -> None:
        Appeal.objects.create(unit=world.own, kind=kind, filed_on=filed, decided_on=decided, outcome=outcome)

    appeal(AppealKind.REVIEW, date(2023, 11, 1), date(2024, 2, 1), AppealOutcome.UPHELD)  # decided in 2024
    appeal(AppealKind.REVIEW, date(2024, 3, 1), date(2024, 6, 1), AppealOutcome.CORRECTED)
    appeal(AppealKind.REVIEW, date(2024, 9, 1), None, AppealOutcome.PENDING)
    appeal(
        AppealKind.SUIT_DIRECT, date(2024, 10, 1), date(2025, 3, 1), AppealOutcome.OTHER
    )  # pending at year end
    appeal(AppealKind.SUIT_AFTER_REVIEW, date(2022, 1, 1), date(2023, 1, 1), AppealOutcome.UPHELD)  # not 2024
    report = annual_report(world.own, 2024)
    assert {k: v for k, v in report.values().items() if k.startswith("appeals.") and v} == {
        "appeals.review.upheld": 1,
        "appeals.review.corrected": 1,
        "appeals.review.pending": 1,
        "appeals.review.total": 3,
        "appeals.suit_direct.pending": 1,
        "appeals.suit_direct.total": 1,
    }
    assert cases_for(world.own, 2024, "appeals.review.pending").count() == 1


def test_report_json_matches_the_parse_format(world) -> None:  # type: ignore[no-untyped-def]
    world.case("replied")
    report = annual_report(world.own, 2024)
    from gongkai.model import Report

    again = Report.from_json(report.to_json())
    assert again == report and again.meta.body == world.own.name and again.meta.year == 2024
    assert report.value("requests.granted.natural") == 1 and report.value("requests.new.total") == 1

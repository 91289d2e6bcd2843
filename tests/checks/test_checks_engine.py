"""run_checks as a whole: order, no side effects, language."""

from __future__ import annotations

import pytest
from checks_support import clean_report

from gongkai.checks import run_checks
from gongkai.errors import UsageError
from gongkai.model import Severity
from gongkai.samples import random_report


def test_errors_first_then_table_order() -> None:
    report = clean_report("2019", body="慈城镇人民政府", year=2021)
    report.set("active.rules.made", 1)  # warning, table 二
    report.set("appeals.review.total", report.value("appeals.review.total") + 1)  # error, table 四
    report.set("active.penalty.decisions", -1)  # error, table 二
    report.set("requests.carried_over.legal", None)  # warning + infos, table 三
    found = run_checks(report)
    assert [f.code for f in found] == [
        "negative-count",
        "identity-t4-1",
        "template-year-mismatch",  # about the report as a whole
        "implausible-rules",
        "blank-cell",
        "identity-not-assessable",
        "identity-not-assessable",
    ]
    ranks = [f.severity.rank for f in found]
    assert ranks == sorted(ranks)


def test_the_report_is_left_unchanged() -> None:
    report = random_report(11, "2019")
    report.set("requests.granted.natural", None)
    before = report.to_json()
    found = run_checks(report)
    assert found and report.findings == []
    assert report.to_json() == before


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unsupported language 'fr'"):
        run_checks(clean_report("2021"), lang="fr")


def test_message_en_is_set_in_both_languages() -> None:
    report = random_report(4, "2019")
    report.set("requests.total.total", None)
    for lang in ("zh", "en"):
        for finding in run_checks(report, lang=lang):
            assert finding.message_en
            assert finding.severity in Severity

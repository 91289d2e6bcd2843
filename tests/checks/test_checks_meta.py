"""The template meant for the year, unknown templates, legacy reports."""

from __future__ import annotations

from checks_support import clean_report, codes

from gongkai.checks import run_checks
from gongkai.model import Report


def test_2019_template_for_a_2021_report() -> None:
    report = clean_report("2019", year=2021)
    (finding,) = run_checks(report)
    assert finding.code == "template-year-mismatch" and finding.cells == ()
    assert finding.message == (
        "2021 年度的报告应使用2021 年格式（国办公开办函〔2021〕30号），"
        "但报告按2019 年格式（国办公开办函〔2019〕60号）填写"
    )
    assert finding.detail == {"year": 2021, "template": "2019", "expected": "2021"}


def test_2021_template_for_2019_and_2020_reports() -> None:
    for year in (2019, 2020):
        assert codes(clean_report("2021", year=year)) == ["template-year-mismatch"]
    assert codes(clean_report("2021", year=2025)) == []
    assert codes(clean_report("2019", year=2020)) == []


def test_a_statutory_template_before_2019() -> None:
    (finding,) = run_checks(clean_report("2019", year=2018))
    assert finding.detail["expected"] == "legacy"


def test_legacy_reports_get_no_table_checks() -> None:
    report = Report.from_values("2019", {"requests.new.natural": -5})
    report.meta.template = "legacy"
    report.meta.year = 2017
    assert codes(report) == []
    report.meta.year = 2019  # the 2019 notice allowed bodies to only 参照 the format
    assert codes(report) == []
    report.meta.year = 2022
    assert codes(report) == ["template-year-mismatch"]


def test_unknown_template() -> None:
    report = Report()
    assert codes(report) == ["template-unknown"]

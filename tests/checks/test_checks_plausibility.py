"""T2.6 (who may make 规章) and T3.8 (an unusual share of 其他处理)."""

from __future__ import annotations

import pytest
from checks_support import clean_report, codes, requests_report

from gongkai.checks import run_checks
from gongkai.checks.plausibility import Level, guess_level


@pytest.mark.parametrize(
    ("body", "level"),
    [
        ("慈城镇人民政府", Level.TOWNSHIP),
        ("十街彝族乡人民政府", Level.TOWNSHIP),
        ("南京路街道办事处", Level.TOWNSHIP),
        ("合心镇", Level.TOWNSHIP),
        ("广灵县人民政府办公室", Level.COUNTY),
        ("广灵县政府办", Level.COUNTY),
        ("临江市政府办", None),
        ("浦东新区人民政府", Level.COUNTY),
        ("青山县自然资源局", Level.DEPARTMENT),
        ("临江市乡村振兴局", Level.DEPARTMENT),
        ("省教育厅", Level.DEPARTMENT),
        ("区卫生健康委员会", Level.DEPARTMENT),
        ("伊宁市人民政府", None),  # a city may have districts and make rules
        ("广西壮族自治区人民政府", None),
        ("浙江省人民政府办公厅", None),
        ("国家税务总局", None),
        ("", None),
        (None, None),
    ],
)
def test_guess_level(body: str | None, level: Level | None) -> None:
    assert guess_level(body) is level


def test_a_township_reporting_rules_is_implausible() -> None:
    # seed 001: 十街彝族乡人民政府 reports 9 规章
    report = clean_report("2019", body="十街彝族乡人民政府")
    for col in ("made", "published", "total"):
        report.set(f"active.rules.{col}", 9)
    (finding,) = run_checks(report)
    assert finding.code == "implausible-rules"
    assert finding.cells == ("active.rules.made", "active.rules.published", "active.rules.total")
    assert finding.message.startswith(
        "「十街彝族乡人民政府」看来是乡镇或街道，无权制定规章，却报告了规章（本年新制作数量 9、"
    )
    assert finding.detail["level"] == "township"


def test_a_department_reporting_rules_in_force_is_implausible_but_zero_is_fine() -> None:
    report = clean_report("2021", body="临江市自然资源局")
    report.set("active.rules.in_force", 2)
    assert codes(report) == ["implausible-rules"]
    report.set("active.rules.in_force", 0)
    assert codes(report) == []


def test_high_share_of_other_handling_2019() -> None:
    report = requests_report("2019", {"granted": 7, "other": 3})
    (finding,) = run_checks(report)
    assert finding.code == "high-other-share"
    assert finding.cells == ("requests.other.total", "requests.total.total")
    assert finding.message.startswith("其他处理共 3 件，占（七）总计 10 件的 30%，高于 20%")
    assert finding.detail["share"] == 0.3


def test_other_share_2021_adds_the_three_rows() -> None:
    report = requests_report("2021", {"granted": 5, "other.no_correction": 1, "other.misc": 2})
    (finding,) = run_checks(report)
    assert finding.code == "high-other-share"
    assert finding.cells == (
        "requests.other.no_correction.total",
        "requests.other.no_fee.total",
        "requests.other.misc.total",
        "requests.total.total",
    )


def test_other_share_needs_enough_applications_and_a_real_excess() -> None:
    assert codes(requests_report("2019", {"granted": 2, "other": 2})) == []  # total 4 < 5
    assert codes(requests_report("2019", {"granted": 8, "other": 2})) == []  # exactly 20%

"""T3.1–T3.3 and T4.1: failures name their cells and the difference; blank terms are not assessable."""

from __future__ import annotations

from checks_support import clean_report, codes, requests_report

from gongkai.checks import run_checks
from gongkai.model import Severity


def test_outcomes_that_do_not_add_up_name_both_sides_and_the_difference() -> None:
    # Pingtan 2020: the 自然人 outcome rows add up to 26 while its (七)总计 says 20.
    report = requests_report("2019", {"granted": 26})
    report.set("requests.total.natural", 20)
    report.set("requests.total.total", 20)
    findings = run_checks(report)
    assert [f.code for f in findings] == ["identity-t3-1", "identity-t3-1", "identity-t3-3", "identity-t3-3"]
    t33 = next(f for f in findings if f.code == "identity-t3-3" and "requests.total.natural" in f.cells)
    assert t33.severity is Severity.ERROR
    assert t33.message == "（七）总计·自然人 = 20，但各项办理结果之和 = 26，相差 6"
    assert t33.message_en == "requests.total.natural = 20, but the outcome rows add up to 26; difference 6"
    assert t33.detail["lhs"] == 20 and t33.detail["rhs"] == 26 and t33.detail["difference"] == -6
    assert t33.cells[0] == "requests.total.natural"
    assert "requests.granted.natural" in t33.cells and "requests.other.natural" in t33.cells
    assert len(t33.cells) == 1 + 19  # (七)总计 and the 19 outcome rows of 2019


def test_t3_1_says_which_side_is_which() -> None:
    report = clean_report("2021")
    report.set("requests.carried_in.natural", report.value("requests.carried_in.natural") + 4)
    report.set("requests.carried_in.total", report.value("requests.carried_in.total") + 4)
    finding, in_total_column = run_checks(report)
    assert finding.code == in_total_column.code == "identity-t3-1"
    assert in_total_column.detail["scope"] == "total"
    lhs, rhs = finding.detail["lhs"], finding.detail["rhs"]
    assert lhs - rhs == 4
    assert finding.message == (
        f"「自然人」列：第一项加第二项之和（新收 + 上年结转）= {lhs}，"
        f"但第三项加第四项之和（（七）总计 + 结转下年度）= {rhs}，相差 4"
    )
    assert finding.cells == (
        "requests.new.natural",
        "requests.carried_in.natural",
        "requests.total.natural",
        "requests.carried_over.natural",
    )


def test_t3_2_row_total() -> None:
    report = clean_report("2019")
    report.set("requests.partial.total", report.value("requests.partial.total") + 1)
    found = run_checks(report)
    t32 = [f for f in found if f.code == "identity-t3-2"]
    assert len(t32) == 1
    assert t32[0].message.startswith("（二）部分公开·总计 = ")
    assert t32[0].detail["scope"] == "partial"
    assert {f.code for f in found} == {"identity-t3-2", "identity-t3-3"}  # the total column too


def test_t4_1_names_the_litigation_group() -> None:
    report = clean_report("2021")
    report.set("appeals.suit_direct.total", report.value("appeals.suit_direct.total") + 2)
    (finding,) = run_checks(report)
    assert finding.code == "identity-t4-1"
    assert finding.message.startswith("行政诉讼·未经复议直接起诉·总计 = ")
    assert finding.message.endswith("相差 2")
    assert finding.cells[0] == "appeals.suit_direct.total"


def test_a_blank_term_makes_an_identity_not_assessable_not_wrong() -> None:
    report = clean_report("2019")
    report.set("requests.carried_in.research", None)
    found = run_checks(report)
    assert [(f.code, f.severity) for f in found] == [
        ("blank-cell", Severity.WARNING),
        ("identity-not-assessable", Severity.INFO),
        ("identity-not-assessable", Severity.INFO),
    ]
    t31, t32 = found[1], found[2]
    assert t31.detail == {
        "identity": "T3.1",
        "scopes": ["research"],
        "blank_cells": ["requests.carried_in.research"],
    }
    assert t32.detail["identity"] == "T3.2" and t32.detail["scopes"] == ["carried_in"]
    assert t31.cells == ("requests.carried_in.research",)
    assert "空白不按 0 计算" in t31.message


def test_a_blank_is_not_taken_as_zero_even_when_zero_would_fit() -> None:
    report = requests_report("2021", {"granted": 3})
    report.set("requests.carried_in.natural", None)  # 0 would satisfy T3.1: still not assessable
    assert "identity-t3-1" not in codes(report)
    assert codes(report).count("identity-not-assessable") == 2


def test_one_not_assessable_finding_per_identity_however_many_instances() -> None:
    report = clean_report("2021")
    for col in ("commercial", "research", "social", "legal", "org_other"):
        for row in ("new", "carried_in"):
            report.set(f"requests.{row}.{col}", None)
    found = [f for f in run_checks(report) if f.code == "identity-not-assessable"]
    assert [f.detail["identity"] for f in found] == ["T3.1", "T3.2"]
    assert found[0].detail["scopes"] == ["commercial", "research", "social", "legal", "org_other"]
    assert found[1].detail["scopes"] == ["new", "carried_in"]
    assert len(found[0].detail["blank_cells"]) == 10


def test_a_wholly_blank_table_is_said_once() -> None:
    report = clean_report("2019")
    for key in report.template.keys:
        if key.startswith("requests."):
            report.set(key, None)
    found = run_checks(report)
    assert [f.code for f in found] == ["blank-table"]
    assert found[0].message == "表三「三、收到和处理政府信息公开申请情况」整表空白（161 个单元格），无法核对"
    assert len(found[0].cells) == 161


def test_failures_elsewhere_still_fire_beside_blanks() -> None:
    report = clean_report("2019")
    report.set("requests.carried_in.research", None)
    report.set("appeals.review.total", report.value("appeals.review.total") + 1)
    assert codes(report)[0] == "identity-t4-1"


def test_english_messages() -> None:
    report = clean_report("2019")
    report.set("appeals.review.total", report.value("appeals.review.total") + 1)
    (zh,) = run_checks(report)
    (en,) = run_checks(report, lang="en")
    assert en.message == en.message_en == zh.message_en
    assert en.message.startswith("appeals.review.total = ")
    assert zh.message.startswith("行政复议·总计 = ")

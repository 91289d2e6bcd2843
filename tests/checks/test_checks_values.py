"""Blanks, signs, whole numbers, T2.4, T2.5, money units and magnitudes."""

from __future__ import annotations

from decimal import Decimal

from checks_support import clean_report, codes

from gongkai.checks import run_checks
from gongkai.model import Cell, Severity


def test_blank_cells_are_listed_once_per_table() -> None:
    report = clean_report("2019")
    report.set("active.licensing.prev", None)
    report.set("active.fees.change", None)
    (finding,) = run_checks(report)
    assert finding.code == "blank-cell" and finding.severity is Severity.WARNING
    assert finding.cells == ("active.licensing.prev", "active.fees.change")
    assert finding.message == (
        "表二有 2 个空白单元格：行政许可·上一年项目数量、行政事业性收费·本年增/减（空白不等于 0，请填写数字）"
    )
    assert finding.message_en.startswith(
        "table 2: 2 blank cell(s): active.licensing.prev, active.fees.change"
    )


def test_a_missing_cell_counts_as_blank() -> None:
    report = clean_report("2021")
    del report.cells["active.penalty.decisions"]
    (finding,) = run_checks(report)
    assert finding.code == "blank-cell" and finding.cells == ("active.penalty.decisions",)


def test_negative_count_is_an_error_but_a_negative_change_is_not() -> None:
    report = clean_report("2019")
    report.set("active.penalty.decisions", -3)
    prev = report.value("active.licensing.prev")
    report.set("active.licensing.change", -prev)  # every item dropped: allowed
    (finding,) = run_checks(report)
    assert finding.code == "negative-count" and finding.severity is Severity.ERROR
    assert finding.cells == ("active.penalty.decisions",)
    assert finding.message == "行政处罚·处理决定数量 = -3，件数不能为负数"


def test_non_integer_counts_are_errors() -> None:
    report = clean_report("2019")
    # the model refuses fractions when parsing; a Cell made by hand can still carry one
    report.cells["requests.granted.natural"] = Cell("requests.granted.natural", Decimal("2.5"))
    report.cells["active.fees.change"] = Cell("active.fees.change", Decimal("-0.5"))
    found = [f for f in run_checks(report) if f.code == "non-integer-count"]
    assert [f.cells for f in found] == [("active.fees.change",), ("requests.granted.natural",)]


def test_integral_decimal_counts_are_whole() -> None:
    report = clean_report("2021")
    value = report.value("appeals.review.upheld")
    report.cells["appeals.review.upheld"] = Cell("appeals.review.upheld", Decimal(value))
    assert codes(report) == []


def test_t2_4_previous_items_plus_change_below_zero() -> None:
    report = clean_report("2019")
    report.set("active.fees.prev", 3)
    report.set("active.fees.change", -5)
    (finding,) = run_checks(report)
    assert finding.code == "items-below-zero"
    assert finding.cells == ("active.fees.prev", "active.fees.change")
    assert finding.message == "行政事业性收费：上一年项目数量 3 加本年增/减 -5 = -2，项目数不能小于 0"


def test_t2_5_published_above_total() -> None:
    report = clean_report("2019")
    report.set("active.normative.published", 12)
    report.set("active.normative.total", 10)
    (finding,) = run_checks(report)
    assert finding.code == "published-exceeds-total" and finding.severity is Severity.WARNING
    assert finding.message == "规范性文件：本年新公开数量 12 大于对外公开总数量 10"


def test_procurement_amount_needs_a_written_unit_unless_zero() -> None:
    report = clean_report("2019")
    amount = report.value("active.procurement.amount")
    report.set("active.procurement.amount", amount)  # unit dropped
    (finding,) = run_checks(report)
    assert finding.code == "money-unit-missing"
    assert finding.cells == ("active.procurement.amount",)
    report.set("active.procurement.amount", 0)
    assert codes(report) == []


def test_2021_fees_take_the_unit_the_template_prints() -> None:
    report = clean_report("2021")
    report.set("active.fees.amount", Decimal("24252.311082"))  # no unit written: 万元 by the template
    assert codes(report) == []


def test_implausible_and_negative_amounts() -> None:
    report = clean_report("2019")
    report.set("active.procurement.amount", Decimal("75394432.52"), unit="万元")  # 元 read as 万元
    (finding,) = run_checks(report)
    assert finding.code == "implausible-amount"
    assert finding.message == (
        "政府集中采购·采购总金额 = 75394432.52 万元，超过 10,000,000 万元，数量级可疑（是否把元当成了万元？）"
    )
    report.set("active.procurement.amount", Decimal("-1"), unit="万元")
    assert codes(report) == ["negative-amount"]

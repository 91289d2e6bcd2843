"""The two fixed reports the golden files are made from.

Each is a random consistent report with a couple of blank cells, one
deliberately broken identity and findings naming the broken and blank cells.
Regenerate the golden files after an intended change with
``GONGKAI_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render`` and review the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

import pytest

from gongkai.model import Finding, Report, Severity
from gongkai.render import render
from gongkai.samples import random_report


def _case_2019() -> Report:
    report = random_report(7, "2019")
    for key in ("active.fees.change", "requests.denied.query.research"):
        report.set(key, None)
    report.set("active.procurement.amount", Decimal("2470.5"))
    granted = report.value("requests.granted.natural")
    assert isinstance(granted, int)
    report.set("requests.granted.natural", granted + 3)  # breaks T3.2 on its row and T3.3 on its column
    report.sections["s2"] = "本年度通过政府网站主动公开政府信息。\n\n重点领域信息公开情况如下。"
    report.findings = [
        Finding(
            "T3.2",
            Severity.ERROR,
            "（一）予以公开：总计不等于各类申请人之和，相差 3",
            cells=("requests.granted.total", "requests.granted.natural"),
            message_en="granted: the total differs from the sum over applicants by 3",
        ),
        Finding(
            "blank-cell",
            Severity.WARNING,
            "单元格空白，应填数字（0 也应填写）",
            cells=("active.fees.change", "requests.denied.query.research"),
        ),
        Finding("template-year", Severity.INFO, "2020 年报告使用 2019 年格式"),
    ]
    return report


def _case_2021() -> Report:
    report = random_report(8, "2021")
    for key in ("active.fees.amount", "appeals.suit_direct.pending"):
        report.set(key, None)
    total = report.value("appeals.review.total")
    assert isinstance(total, int)
    report.set("appeals.review.total", total + 2)  # breaks T4.1 for 行政复议
    report.findings = [
        Finding(
            "T4.1",
            Severity.ERROR,
            "行政复议：总计不等于结果维持、结果纠正、其他结果、尚未审结之和，相差 2",
            cells=(
                "appeals.review.total",
                "appeals.review.upheld",
                "appeals.review.corrected",
                "appeals.review.other",
                "appeals.review.pending",
            ),
        ),
        Finding(
            "blank-cell",
            Severity.WARNING,
            "单元格空白，应填数字（0 也应填写）",
            cells=("active.fees.amount", "appeals.suit_direct.pending"),
        ),
    ]
    return report


CASES = {"report_2019": _case_2019, "report_2021": _case_2021}


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> tuple[str, Report]:
    """(name, report) for each golden report."""
    name: str = request.param
    return name, CASES[name]()


@cache
def _rendered(name: str, fmt: str) -> bytes:
    return render(CASES[name](), fmt)


@pytest.fixture(scope="session")
def rendered() -> Callable[[str, str], bytes]:
    """``rendered(case_name, fmt)``: a golden report rendered once per session (DOCX/XLSX are slow)."""
    return _rendered

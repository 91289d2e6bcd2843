"""Corrections: the reviewer role, a new version, who/when/why kept, the report re-checked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.errors import CorpusConflictError, UnknownCellError
from gongkai.web.corpus import services
from gongkai.web.corpus.models import CellValue, Correction, Report

from .conftest import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken(write_reports: Any) -> Report:
    """A report whose 表三 (七)总计 for 自然人 is 5 too high."""
    report = make_report(7, "青山镇", 2021)
    good = int(report.value("requests.total.natural") or 0)
    report.set("requests.total.natural", good + 5)
    services.import_paths([str(write_reports(report))], workers=1)
    row = Report.objects.get()
    row.good = good  # type: ignore[attr-defined]
    return row


def test_a_plain_user_cannot_correct(broken: Report, plain_user: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.correct_value(broken, "requests.total.natural", 1, "理由", plain_user)
    assert broken.versions.count() == 1


def test_a_correction_makes_a_version_and_rechecks(broken: Report, reviewer: Any) -> None:
    assert broken.errors > 0
    good = broken.good  # type: ignore[attr-defined]
    version = services.correct_value(
        broken, "requests.total.natural", str(good), "与原文核对，合计应为各项之和", reviewer
    )
    broken.refresh_from_db()
    assert version.number == 2 and broken.current_version == version
    assert broken.errors == 0
    assert CellValue.objects.get(report=broken, key="requests.total.natural").value == good
    c = Correction.objects.get()
    assert (c.user, c.key, c.old, c.new) == (
        reviewer,
        "requests.total.natural",
        Decimal(good + 5),
        Decimal(good),
    )
    assert c.reason.startswith("与原文核对")
    assert list(broken.versions.values_list("reason", flat=True)) == ["correction", "import"]


def test_a_correction_needs_a_reason_and_a_real_cell(broken: Report, reviewer: Any) -> None:
    with pytest.raises(CorpusConflictError):
        services.correct_value(broken, "requests.total.natural", 1, "  ", reviewer)
    with pytest.raises(UnknownCellError):
        services.correct_value(broken, "requests.other.total", 1, "2021 模板没有这一行", reviewer)


def test_reparse_keeps_a_correction_the_reader_would_undo(broken: Report, reviewer: Any) -> None:
    good = broken.good  # type: ignore[attr-defined]
    services.correct_value(broken, "requests.total.natural", good, "核对原文", reviewer)
    batch = services.reparse_all(workers=1)
    broken.refresh_from_db()
    assert batch.failed == 0
    assert CellValue.objects.get(report=broken, key="requests.total.natural").value == good
    assert broken.errors == 0


def test_findings_follow_the_current_version(broken: Report, reviewer: Any) -> None:
    from gongkai.web.corpus.models import Finding

    good = broken.good  # type: ignore[attr-defined]
    version = services.correct_value(broken, "requests.total.natural", good, "核对原文", reviewer)
    assert set(Finding.objects.filter(report=broken).values_list("version", flat=True)) <= {version.pk}
    assert any(f["severity"] == "error" for f in broken.versions.get(number=1).data["findings"])

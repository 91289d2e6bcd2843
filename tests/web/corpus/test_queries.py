"""Rankings by cell keys and derived metrics, small counts flagged, filters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from gongkai.web.corpus import services
from gongkai.web.corpus.metrics import metric
from gongkai.web.corpus.queries import Filters, ranking

from .conftest import make_report

pytestmark = pytest.mark.django_db


def _appeals(upheld: int, corrected: int, other: int) -> dict[str, int]:
    return {
        "appeals__review__upheld": upheld,
        "appeals__review__corrected": corrected,
        "appeals__review__other": other,
        "appeals__review__pending": 0,
        "appeals__review__total": upheld + corrected + other,
    }


@pytest.fixture
def three(write_reports: Any) -> None:
    folder = write_reports(
        make_report(1, "甲镇", 2021, **_appeals(6, 4, 0)),  # 40 % of 10
        make_report(2, "乙县教育局", 2021, **_appeals(0, 1, 0)),  # 100 % of 1: a small count
        make_report(3, "丙镇", 2021, **_appeals(0, 0, 0)),  # nothing concluded: no rate
    )
    services.import_paths([str(folder)], workers=1)


def test_review_correction_rate_ranks_and_flags_small_counts(three: None) -> None:
    rows, total = ranking(metric("review_correction_rate"), 2021)
    assert total == 2
    assert [(r.body, r.value, r.numerator, r.denominator, r.small) for r in rows] == [
        ("乙县教育局", 100.0, Decimal(1), Decimal(1), True),
        ("甲镇", 40.0, Decimal(4), Decimal(10), False),
    ]
    hidden, total = ranking(metric("review_correction_rate"), 2021, hide_small=True)
    assert [r.body for r in hidden] == ["甲镇"] and total == 1


def test_cell_key_ranking_with_a_level_filter_and_ascending(three: None) -> None:
    rows, total = ranking(metric("appeals.review.total"), 2021, Filters(level="乡镇"), ascending=True)
    assert total == 2
    assert [(r.body, r.value) for r in rows] == [("丙镇", 0.0), ("甲镇", 10.0)]


def test_the_backfill_migration_restores_derived_rows(three: None) -> None:
    import importlib

    from django.apps import apps

    from gongkai.web.corpus.models import CellValue

    CellValue.objects.filter(key__startswith="derived.").delete()
    assert ranking(metric("review_correction_rate"), 2021)[1] == 0
    importlib.import_module("gongkai.web.corpus.migrations.0003_derived_rows").fill(apps, None)
    assert ranking(metric("review_correction_rate"), 2021)[1] == 2


def test_the_cached_overview_follows_every_change(write_reports: Any, reviewer: Any) -> None:
    from gongkai.web.corpus.models import Body
    from gongkai.web.corpus.queries import overview

    services.import_paths([str(write_reports(make_report(1, "甲镇", 2021), folder="a"))], workers=1)
    assert overview()["totals"]["reports"] == 1
    services.import_paths([str(write_reports(make_report(2, "乙镇", 2021), folder="b"))], workers=1)
    assert overview()["totals"]["reports"] == 2
    services.set_level(Body.objects.get(name="乙镇"), "county", reviewer)
    assert dict(overview()["by_level"]) == {"乡镇": 1, "县": 1}

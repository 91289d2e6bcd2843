"""The cross-year checks (结转, 现行有效 rollover) over each body's series of reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Count, Q

from ....checks import check_series
from ....model import Report as CoreReport
from ..models import (
    Finding,
    Report,
    Severity,
)
from .common import chunks, finding_row


def run_series_checks(body_ids: Sequence[int]) -> None:
    """Re-run the cross-year checks over the series of each body (结转, 现行有效 rollover)."""

    for chunk in chunks(body_ids, 500):
        with transaction.atomic():
            rows = list(
                Report.objects.filter(body_id__in=chunk, current_version__isnull=False)
                .select_related("current_version")
                .order_by("body_id", "year")
            )
            Finding.objects.filter(version_id__in=[r.current_version_id for r in rows], series=True).delete()
            series: dict[int, list[Report]] = defaultdict(list)
            for row in rows:
                series[row.body_id].append(row)
            found: list[Finding] = []
            for body_rows in series.values():
                if len(body_rows) < 2:
                    continue
                cores = [CoreReport.from_dict(r.current_version.data) for r in body_rows if r.current_version]
                by_id = {id(c): r for c, r in zip(cores, body_rows, strict=True)}
                by_year = {r.year: r for r in body_rows}
                for core, f in check_series(cores):
                    row = by_id.get(id(core)) or by_year[core.meta.year or 0]
                    assert row.current_version is not None
                    found.append(finding_row(row, row.current_version, f, series=True))
            Finding.objects.bulk_create(found, batch_size=2000)
            _recount(rows)


def _recount(rows: list[Report]) -> None:
    """Set each report's error and warning counts from the findings of its current version."""
    counts = {
        r["report"]: (r["e"], r["w"])
        for r in Finding.objects.filter(version_id__in=[r.current_version_id for r in rows])
        .values("report")
        .annotate(
            e=Count("pk", filter=Q(severity=Severity.ERROR)),
            w=Count("pk", filter=Q(severity=Severity.WARNING)),
        )
    }
    changed = []
    for row in rows:
        e, w = counts.get(row.pk, (0, 0))
        if (row.errors, row.warnings) != (e, w):
            row.errors, row.warnings = e, w
            changed.append(row)
    Report.objects.bulk_update(changed, ["errors", "warnings"], batch_size=1000)

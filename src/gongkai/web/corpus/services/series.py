"""The cross-year checks (结转, 现行有效 rollover) over each body's series of reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db import transaction

from ....checks import check_series
from ....model import Finding as CoreFinding
from ....model import Report as CoreReport
from ..models import (
    Finding,
    Report,
    Severity,
)
from .common import chunks, finding_row, insert_new


def run_series_checks(body_ids: Sequence[int]) -> None:
    """Re-run the cross-year checks over the series of each body (结转, 现行有效 rollover).

    A report's error and warning counts are those of its version's own
    findings (kept in the version's JSON) plus the cross-year ones made here.
    """
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
            found: dict[int, list[CoreFinding]] = defaultdict(list)
            for body_rows in series.values():
                if len(body_rows) < 2:
                    continue
                cores = [CoreReport.from_dict(r.current_version.data) for r in body_rows if r.current_version]
                by_id = {id(c): r for c, r in zip(cores, body_rows, strict=True)}
                by_year = {r.year: r for r in body_rows}
                for core, f in check_series(cores):
                    found[(by_id.get(id(core)) or by_year[core.meta.year or 0]).pk].append(f)
            insert_new(
                [
                    finding_row(row, row.current_version, f, series=True)
                    for row in rows
                    if row.current_version is not None
                    for f in found[row.pk]
                ]
            )
            _recount(rows, found)


def _recount(rows: list[Report], series: dict[int, list[CoreFinding]]) -> None:
    """Set each report's error and warning counts: its version's findings plus its cross-year ones."""
    changed = []
    for row in rows:
        assert row.current_version is not None
        own = row.current_version.data.get("findings") or []
        levels = [f.get("severity") for f in own] + [f.severity.value for f in series[row.pk]]
        e, w = levels.count(Severity.ERROR), levels.count(Severity.WARNING)
        if (row.errors, row.warnings) != (e, w):
            row.errors, row.warnings = e, w
            changed.append(row)
    Report.objects.bulk_update(changed, ["errors", "warnings"], batch_size=1000)

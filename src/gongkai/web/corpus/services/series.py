"""The cross-year checks (结转, 现行有效 rollover) over each body's series of reports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.db import connection, transaction

from ....checks import check_series
from ....model import Finding as CoreFinding
from ....model import Report as CoreReport
from ..models import (
    Finding,
    Report,
    Severity,
)
from .common import Progress, chunks, finding_row, insert_new

SERIES_CHUNK = 500  # bodies whose series are checked in one transaction


class _Row(NamedTuple):
    """What the cross-year checks read of a stored report: ids, counts, and its version's JSON parts."""

    pk: int
    body_id: int
    year: int
    errors: int
    warnings: int
    version_id: int
    meta: dict[str, Any]
    cells: dict[str, Any]
    findings: list[dict[str, Any]] | None


def run_series_checks(body_ids: Sequence[int], *, progress: Progress | None = None) -> None:
    """Re-run the cross-year checks over the series of each body (结转, 现行有效 rollover).

    Only the meta and cells of each version's JSON are read (the checks need
    no provenance). A report's error and warning counts are those of its
    version's own findings (kept in the JSON) plus the cross-year ones made here.
    ``progress`` hears ("series", "done/total") after each 500 bodies.
    """
    done = 0
    for chunk in chunks(body_ids, SERIES_CHUNK):
        with transaction.atomic():
            rows = [
                _Row(*r)
                for r in Report.objects.filter(body_id__in=chunk, current_version__isnull=False)
                .order_by("body_id", "year")
                .values_list(
                    "pk",
                    "body_id",
                    "year",
                    "errors",
                    "warnings",
                    "current_version_id",
                    "current_version__data__meta",
                    "current_version__data__cells",
                    "current_version__data__findings",
                )
            ]
            Finding.objects.filter(version_id__in=[r.version_id for r in rows], series=True).delete()
            series: dict[int, list[_Row]] = defaultdict(list)
            for row in rows:
                series[row.body_id].append(row)
            found: dict[int, list[CoreFinding]] = defaultdict(list)
            for body_rows in series.values():
                if len(body_rows) < 2:
                    continue
                cores = [CoreReport.from_dict({"meta": r.meta, "cells": r.cells}) for r in body_rows]
                by_id = {id(c): r for c, r in zip(cores, body_rows, strict=True)}
                for core, f in check_series(cores):
                    found[by_id[id(core)].pk].append(f)
            insert_new([finding_row(r.pk, r.version_id, f, series=True) for r in rows for f in found[r.pk]])
            _recount(rows, found)
        done += len(chunk)
        if progress is not None:
            progress("series", f"{done}/{len(body_ids)}")


def _recount(rows: list[_Row], series: dict[int, list[CoreFinding]]) -> None:
    """Set each report's error and warning counts: its version's findings plus its cross-year ones.

    One executemany (pipelined on PostgreSQL): ``bulk_update``'s CASE over
    a thousand ids took longer than the checks themselves.
    """
    changed = []
    for row in rows:
        levels = [f.get("severity") for f in row.findings or ()] + [f.severity.value for f in series[row.pk]]
        e, w = levels.count(Severity.ERROR), levels.count(Severity.WARNING)
        if (row.errors, row.warnings) != (e, w):
            changed.append((e, w, row.pk))
    if changed:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Report._meta.db_table} SET errors = %s, warnings = %s WHERE id = %s", changed
            )

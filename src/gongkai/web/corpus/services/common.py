"""What the corpus services share: the reviewer role, users, and writing a report's rows."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from itertools import islice
from typing import Any

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import connection

from ....checks import CATALOGUE, run_checks
from ....model import Finding as CoreFinding
from ....model import Report as CoreReport
from ..metrics import derived_rows
from ..models import (
    CellValue,
    Finding,
    Report,
    ReportVersion,
    Severity,
)

REVIEWER_GROUP = "年报审核员"
REVIEWER_PERMISSIONS = ("correct_report", "change_body")

Progress = Callable[[str, str], None]  # (outcome, document name)
User = AuthUser | AnonymousUser


def require(user: User | None, perm: str) -> None:
    if user is None or not user.has_perm(f"corpus.{perm}"):
        raise PermissionDenied(f"需要“{REVIEWER_GROUP}”角色 / needs the corpus.{perm} permission")


def saved_user(user: User | None) -> AuthUser | None:
    return user if isinstance(user, AuthUser) and user.pk is not None else None


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ensure_reviewer_group() -> Group:
    """The 年报审核员 group, allowed to correct values and edit bodies (made on migrate)."""
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    perms = Permission.objects.filter(content_type__app_label="corpus", codename__in=REVIEWER_PERMISSIONS)
    group.permissions.add(*perms)
    return group


def report_json(report: CoreReport) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(report.to_json(indent=None))
    return data


def write_values(pairs: Sequence[tuple[Report, CoreReport]], *, replace_old: bool) -> None:
    """Replace the fact rows of these reports: COPY on PostgreSQL, one executemany elsewhere."""
    if replace_old:
        CellValue.objects.filter(report__in=[row for row, _ in pairs]).delete()
    rows = [
        (row.pk, row.year, cell.key, cell.value)
        for row, report in pairs
        for cell in report.cells.values()
        if cell.value is not None
    ]
    rows.extend(
        (row.pk, row.year, key, value)
        for row, report in pairs
        for key, value in derived_rows(report.values())
    )
    table = CellValue._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = "".join(f"{pk}\t{year}\t{key}\t{value}\n" for pk, year, key, value in rows)
            with cursor.cursor.copy(f"COPY {table} (report_id, year, key, value) FROM STDIN") as copy:
                copy.write(text)
        else:
            cursor.executemany(
                f"INSERT INTO {table} (report_id, year, key, value) VALUES (%s, %s, %s, %s)",
                [(pk, year, key, Decimal(value)) for pk, year, key, value in rows],
            )


def finding_row(row: Report, version: ReportVersion, f: CoreFinding, series: bool = False) -> Finding:
    return Finding(
        report=row,
        version=version,
        code=f.code,
        severity=Severity(f.severity.value),
        message=f.message,
        message_en=f.message_en,
        cells=list(f.cells),
        series=series,
    )


def count_problems(findings: Iterable[CoreFinding]) -> tuple[int, int]:
    levels = [f.severity.value for f in findings]
    return levels.count("error"), levels.count("warning")


def rechecked(report: CoreReport) -> CoreReport:
    """The report with the checks run again; the reader's own findings stay."""
    kept = [f for f in report.findings if (t := CATALOGUE.get(f.code)) is None or t.family == "reader"]
    report.findings = kept + list(run_checks(report))
    return report

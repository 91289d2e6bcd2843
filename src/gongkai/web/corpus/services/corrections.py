"""A reviewer's correction of one value: a new version, the correction kept, the report re-checked."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User as AuthUser
from django.db import transaction
from django.db.models import Max

from ....errors import CorpusConflictError, UnknownCellError
from ....model import Report as CoreReport
from ..models import (
    Correction,
    Finding,
    Reason,
    Report,
    ReportVersion,
)
from .common import (
    User,
    count_problems,
    finding_row,
    rechecked,
    report_json,
    require,
    saved_user,
    write_values,
)
from .series import run_series_checks


def _cell_value(value: int | Decimal | str | None) -> int | Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, int | Decimal) else Decimal(str(value))


@transaction.atomic
def correct_value(
    report: Report, key: str, value: int | Decimal | str | None, reason: str, user: User | None
) -> ReportVersion:
    """Change one value as a reviewer: a new version, the correction kept, the report re-checked."""
    require(user, "correct_report")
    if not reason.strip():
        raise CorpusConflictError("请填写更正理由 / a correction needs a reason")
    row = Report.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=report.pk)
    assert row.current_version is not None
    core = CoreReport.from_dict(row.current_version.data)
    template = core.template
    if template is not None and key not in template.cells:
        raise UnknownCellError(
            f"模板 {template.id} 没有单元格 {key} / template {template.id} has no cell {key}"
        )
    old = core.value(key)
    cell = core.cells.get(key)
    core.set(
        key, _cell_value(value), raw=cell.raw if cell else None, provenance=cell.provenance if cell else None
    )
    new = core.value(key)
    rechecked(core)
    number = (row.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ReportVersion.objects.create(
        report=row,
        number=number,
        data=report_json(core),
        reason=Reason.CORRECTION,
        source=row.current_version.source,
        parser_version=row.current_version.parser_version,
        created_by=saved_user(user),
    )
    assert isinstance(user, AuthUser)
    Correction.objects.create(
        report=row,
        version=version,
        key=key,
        old=None if old is None else Decimal(old),
        new=None if new is None else Decimal(new),
        reason=reason.strip(),
        user=user,
    )
    row.current_version = version
    row.errors, row.warnings = count_problems(core.findings)
    row.save(update_fields=["current_version", "errors", "warnings", "updated"])
    write_values([(row, core)], replace_old=True)
    Finding.objects.filter(report=row).delete()
    Finding.objects.bulk_create([finding_row(row.pk, version.pk, f) for f in core.findings])
    run_series_checks([row.body_id])
    return version


def core_report(row: Report) -> CoreReport:
    """The stored report (current version) as a core :class:`gongkai.model.Report`."""
    assert row.current_version is not None
    return CoreReport.from_dict(row.current_version.data)

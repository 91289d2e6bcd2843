"""Tables 三 and 四 of a unit's year, each number linking to the cases behind it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ...accounts.models import Unit
from ...accounts.permissions import require_view, visible_unit_ids
from ..statistics import annual_report, cases_for, template_for


@login_required
def annual_index(request: HttpRequest) -> HttpResponse:
    units = Unit.objects.filter(pk__in=visible_unit_ids(request.user))
    this_year = timezone.localdate().year
    return render(
        request, "office/annual_index.html", {"units": units, "years": range(this_year, this_year - 6, -1)}
    )


def _grid(report: Any, table_key: str) -> dict[str, Any]:
    """Header and rows of one table, each cell with its key and value, for the template."""
    block = report.template.table(table_key).blocks[0]
    rows = []
    for row in block.rows:
        label = (
            " ".join((*row.path[1:], row.label))
            if table_key == "requests"
            else " ".join((*row.path, row.label))
        )
        cells = [
            {"key": f"{table_key}.{row.key}.{c.key}", "value": report.value(f"{table_key}.{row.key}.{c.key}")}
            for c in block.columns
        ]
        rows.append({"key": row.key, "label": label, "cells": cells})
    return {"columns": block.columns, "rows": rows}


@login_required
def annual_table(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    require_view(request.user, unit)
    report = annual_report(unit, year)
    fmt = request.GET.get("format")
    if fmt:
        return _export(report, fmt, unit, year)
    findings = _checks(report)
    return render(
        request,
        "office/annual.html",
        {
            "unit": unit,
            "year": year,
            "template": template_for(year),
            "requests": _grid(report, "requests"),
            "appeals": _grid(report, "appeals"),
            "findings": findings,
        },
    )


def _checks(report: Any) -> list[Any]:
    from gongkai.checks import run_checks

    return list(run_checks(report))


def _export(report: Any, fmt: str, unit: Unit, year: int) -> HttpResponse:
    if fmt == "json":
        return HttpResponse(report.to_json(), content_type="application/json; charset=utf-8")
    from gongkai.render import render as render_report

    try:
        data = render_report(report, fmt)
    except (ValueError, KeyError) as exc:
        raise Http404(f"不支持的格式 {fmt}") from exc
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="annual-{unit.pk}-{year}.{fmt}"'
    return response


@login_required
def annual_cases(request: HttpRequest, unit_id: int, year: int, key: str) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_id)
    require_view(request.user, unit)
    report = annual_report(unit, year)
    if key not in report.cells:
        raise Http404(key)
    spec = report.template.cells[key] if report.template else None
    records = list(cases_for(unit, year, key))
    return render(
        request,
        "office/annual_cases.html",
        {
            "unit": unit,
            "year": year,
            "key": key,
            "label": spec.label if spec else key,
            "value": report.value(key),
            "records": records,
            "appeals": key.startswith("appeals."),
        },
    )

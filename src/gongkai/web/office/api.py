"""Read-only API of the office: the public status check and a unit's computed annual tables."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.security import django_auth

from ..accounts.models import Unit
from ..accounts.permissions import require_view
from .models import Application
from .statistics import annual_report

router = Router(tags=["office"])


class StatusOut(Schema):
    serial: str
    unit: str
    state: str
    state_label: str
    received_on: date | None
    due_on: date | None
    closed_on: date | None
    outcome: str


@router.get("/status/{receipt_no}", response=StatusOut, summary="凭回执号查询办理进度")
def status(request: HttpRequest, receipt_no: str) -> dict[str, Any]:
    case = get_object_or_404(Application.objects.select_related("unit"), receipt_no=receipt_no.upper())
    return {
        "serial": case.serial,
        "unit": case.unit.name,
        "state": case.state,
        "state_label": case.get_state_display(),
        "received_on": case.received_on,
        "due_on": case.due_on if case.is_open else None,
        "closed_on": case.closed_on,
        "outcome": case.outcome,
    }


@router.get("/units/{unit_id}/annual/{year}", auth=django_auth, summary="由办理记录统计的年报表三、表四")
def annual(request: HttpRequest, unit_id: int, year: int) -> dict[str, Any]:
    unit = get_object_or_404(Unit, pk=unit_id)
    require_view(request.user, unit)
    result: dict[str, Any] = json.loads(annual_report(unit, year).to_json())
    return result

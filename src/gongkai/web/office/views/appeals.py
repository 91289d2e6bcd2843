"""Reconsideration and litigation cases: list, record, update."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.errors import WorkflowError

from ...accounts.models import Unit
from ...accounts.permissions import can_act, member_units, require_view, visible_unit_ids
from ..forms.appeals import AppealForm
from ..models import Appeal
from ..services import APPEAL_ROLES, save_appeal


@login_required
def appeal_list(request: HttpRequest) -> HttpResponse:
    appeals = Appeal.objects.filter(unit_id__in=visible_unit_ids(request.user)).select_related(
        "unit", "application"
    )
    units = [u for u in member_units(request.user) if can_act(request.user, u, APPEAL_ROLES)]
    return render(request, "office/appeal_list.html", {"appeals": appeals, "units": units})


@login_required
def appeal_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        unit = get_object_or_404(Unit, pk=request.GET.get("unit") or request.POST.get("unit") or 0)
        appeal = Appeal(unit=unit)
    else:
        appeal = get_object_or_404(Appeal.objects.select_related("unit"), pk=pk)
        unit = appeal.unit
    require_view(request.user, unit)
    editable = can_act(request.user, unit, APPEAL_ROLES)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("登记复议诉讼案件需要承办人、审核人或管理员角色")
        form = AppealForm(request.POST, instance=appeal, unit=unit)
        if form.is_valid():
            try:
                saved = save_appeal(request.user, unit, form.save(commit=False))
            except WorkflowError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已保存")
                return redirect("office:appeal", pk=saved.pk)
    else:
        form = AppealForm(instance=appeal, unit=unit)
    return render(
        request,
        "office/appeal_form.html",
        {"form": form, "unit": unit, "appeal": appeal, "editable": editable},
    )

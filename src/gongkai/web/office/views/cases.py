"""Staff pages: dashboard, case list and export, registering, the case page and its actions."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.errors import CalendarError, WorkflowError

from ...accounts.models import Role
from ...accounts.permissions import member_units, require_role, require_view, roles_in, visible_unit_ids
from .. import services
from ..dashboard import dashboard as build_dashboard
from ..forms.actions import ACTION_FORMS
from ..forms.cases import AttachmentForm, RegisterForm
from ..letters import letter_docx, letter_pdf
from ..masking import mask_id, mask_phone
from ..models import Application, Attachment
from ..workflow import State, available

SERVICES: dict[str, Callable[..., Application]] = {
    "confirm_receipt": services.confirm_receipt,
    "assign": services.assign,
    "reassign": services.reassign,
    "request_correction": services.request_correction,
    "receive_correction": services.receive_correction,
    "start_consultation": services.start_consultation,
    "end_consultation": services.end_consultation,
    "extend": services.extend,
    "notify_fee": services.notify_fee,
    "receive_fee": services.receive_fee,
    "reply": services.reply,
    "withdraw": services.withdraw,
}


def _visible_cases(request: HttpRequest) -> Any:
    return Application.objects.filter(unit_id__in=visible_unit_ids(request.user)).select_related(
        "unit", "handler"
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    units = visible_unit_ids(request.user)
    if not units:
        return render(request, "office/no_unit.html", status=403)
    board = build_dashboard(units, timezone.localdate())
    return render(request, "office/dashboard.html", {"board": board, "units": member_units(request.user)})


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    cases = _visible_cases(request)
    state = request.GET.get("state", "")
    if state:
        cases = cases.filter(state=state)
    return render(
        request,
        "office/case_list.html",
        {"cases": cases[:500], "states": State.choices, "state": state},
    )


@login_required
def case_export(request: HttpRequest) -> HttpResponse:
    """All visible cases as CSV, personal data masked."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="applications.csv"'
    response.write("\ufeff")
    out = csv.writer(response)
    out.writerow(
        [
            "单位",
            "编号",
            "收到日期",
            "渠道",
            "申请人类型",
            "申请人",
            "证件号码",
            "电话",
            "状态",
            "答复期限",
            "办结日期",
            "办理结果",
        ]
    )
    for c in _visible_cases(request).order_by("unit__name", "serial"):
        out.writerow(
            [
                c.unit.name,
                c.serial,
                c.received_on or "",
                c.get_channel_display(),
                c.get_applicant_type_display(),
                c.applicant_name,
                mask_id(c.id_number),
                mask_phone(c.phone),
                c.get_state_display(),
                c.due_on or "",
                c.closed_on or "",
                c.get_outcome_display() if c.outcome else "",
            ]
        )
    return response


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    units = [
        u for u in member_units(request.user) if roles_in(request.user, u) & {Role.REGISTRAR, Role.ADMIN}
    ]
    if not units:
        raise PermissionDenied("登记申请需要登记员或管理员角色")
    unit = next((u for u in units if str(u.pk) == request.GET.get("unit")), units[0])
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.register_application(
                request.user,
                unit,
                d,
                channel=d["channel"],
                arrived_on=d["arrived_on"],
                signed_for=d["signed_for"],
                confirmed_on=d["confirmed_on"],
                evidence=d["evidence"],
            )
        except WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"已登记，编号 {case.serial}")
            return redirect("office:case", pk=case.pk)
    return render(request, "office/case_new.html", {"form": form, "unit": unit, "units": units})


def _case_for(request: HttpRequest, pk: int) -> Application:
    case = get_object_or_404(Application.objects.select_related("unit", "handler"), pk=pk)
    require_view(request.user, case.unit)
    return case


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    roles = roles_in(request.user, case.unit)
    actions = [
        (t, ACTION_FORMS[t.name](initial={"version": case.version}, unit=case.unit, prefix=t.name))
        for t in available(State(case.state), roles)
    ]
    clock, clock_error = None, ""
    try:
        clock = services.deadline(case)
    except CalendarError as exc:
        clock_error = str(exc)
    except WorkflowError as exc:
        clock_error = str(exc)
    return render(
        request,
        "office/case_detail.html",
        {
            "case": case,
            "own": bool(roles),
            "id_number": case.id_number if roles else mask_id(case.id_number),
            "phone": case.phone if roles else mask_phone(case.phone),
            "events": case.events.order_by("seq"),
            "actions": actions,
            "clock": clock,
            "clock_error": clock_error,
            "attachments": case.attachments.all(),
            "attachment_form": AttachmentForm() if roles else None,
        },
    )


@login_required
@require_POST
def case_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = _case_for(request, pk)
    if name not in SERVICES:
        raise PermissionDenied(f"未知操作 {name}")
    form = ACTION_FORMS[name](request.POST, unit=case.unit, prefix=name)
    if not form.is_valid():
        errors = "；".join(f"{k}: {' '.join(str(e) for e in v)}" for k, v in form.errors.items())
        messages.error(request, f"未能提交：{errors}")
        return redirect("office:case", pk=case.pk)
    try:
        SERVICES[name](
            case.pk, request.user, expected_version=form.cleaned_data["version"], **form.service_kwargs()
        )
    except WorkflowError as exc:  # ConcurrentUpdateError included
        messages.error(request, str(exc))
    else:
        messages.success(request, "已办理")
    return redirect("office:case", pk=case.pk)


@login_required
def case_letter(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    case = _case_for(request, pk)
    try:
        if fmt == "pdf":
            data, ctype = letter_pdf(case), "application/pdf"
        else:
            data, ctype = (
                letter_docx(case),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("office:case", pk=case.pk)
    response = HttpResponse(data, content_type=ctype)
    response["Content-Disposition"] = f'attachment; filename="reply-{case.serial}.{fmt}"'
    return response


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for(request, pk)
    require_role(request.user, case.unit, set(Role), "上传附件")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        att = form.save(commit=False)
        att.application = case
        att.uploaded_by = request.user
        att.save()
        messages.success(request, "附件已上传")
    else:
        messages.error(request, "附件未上传：请选择文件")
    return redirect("office:case", pk=case.pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    att = get_object_or_404(Attachment.objects.select_related("application__unit"), pk=pk)
    require_view(request.user, att.application.unit)
    return FileResponse(att.file.open("rb"), as_attachment=True, filename=att.file.name.rsplit("/", 1)[-1])

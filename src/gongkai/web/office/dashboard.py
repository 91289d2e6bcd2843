"""What needs doing: cases due within 5 working days, overdue cases, the load per handler."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Count, QuerySet

from gongkai.clock import WorkCalendar, add_working_days

from ..accounts.models import Role, Staff
from .calendar import work_calendar
from .models import Application

SOON_DAYS = 5


@dataclass
class Dashboard:
    today: date
    soon_until: date
    due_soon: list[Application]
    overdue: list[Application]
    by_handler: list[dict[str, object]]
    by_state: dict[str, int] = field(default_factory=dict)


def _open(unit_ids: Iterable[int]) -> QuerySet[Application]:
    return Application.objects.open().filter(unit_id__in=list(unit_ids)).select_related("unit", "handler")


def dashboard(unit_ids: Iterable[int], today: date, cal: WorkCalendar | None = None) -> Dashboard:
    """The dashboard of these units on ``today``."""
    ids = list(unit_ids)
    soon_until = add_working_days(cal or work_calendar(), today, SOON_DAYS)
    cases = _open(ids)
    return Dashboard(
        today=today,
        soon_until=soon_until,
        due_soon=list(cases.filter(due_on__gte=today, due_on__lte=soon_until).order_by("due_on")),
        overdue=list(cases.filter(due_on__lt=today).order_by("due_on")),
        by_handler=list(
            cases.values("handler__username", "handler__last_name", "handler__first_name")
            .annotate(n=Count("id"))
            .order_by("-n")
        ),
        by_state=dict(cases.values_list("state").annotate(n=Count("id")).values_list("state", "n")),
    )


def send_reminders(today: date, cal: WorkCalendar | None = None) -> int:
    """E-mail each handler their overdue and soon-due cases (unassigned ones go to registrars).

    Uses Django's mail settings: the console back end by default, SMTP when configured.
    Returns the number of messages sent.
    """
    soon_until = add_working_days(cal or work_calendar(), today, SOON_DAYS)
    pending = Application.objects.open().filter(due_on__lte=soon_until).select_related("unit", "handler")
    inbox: dict[str, list[Application]] = {}
    for case in pending.order_by("due_on"):
        for address in _addresses(case):
            inbox.setdefault(address, []).append(case)
    for address, cases in inbox.items():
        lines = [
            f"{'已逾期' if c.due_on and c.due_on < today else '即将到期'} {c.due_on} "
            f"{c.unit.name} {c.serial} {c.get_state_display()}"
            for c in cases
        ]
        send_mail(
            subject=f"政府信息公开申请办理提醒：{len(cases)} 件即将到期或已逾期",
            message="\n".join([f"截至 {today}：", *lines]),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    return len(inbox)


def _addresses(case: Application) -> list[str]:
    if case.handler is not None:
        staff = Staff.objects.filter(user=case.handler, unit=case.unit).exclude(email="").first()
        address = staff.email if staff else case.handler.email
        return [address] if address else []
    registrars = Staff.objects.filter(unit=case.unit, role__in=[Role.REGISTRAR, Role.ADMIN]).select_related(
        "user"
    )
    return sorted({s.email or s.user.email for s in registrars} - {""})

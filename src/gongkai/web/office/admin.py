"""Admin: the calendar and the letter template are edited here; events are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Appeal, Application, Attachment, CalendarDay, CalendarYear, Event, LetterTemplate


class CalendarDayInline(admin.TabularInline):  # type: ignore[type-arg]  # not subscriptable at run time
    model = CalendarDay
    extra = 3


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at run time
    list_display = ("year", "source")
    inlines = (CalendarDayInline,)


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at run time
    list_display = ("name", "title", "active")


class EventInline(admin.TabularInline):  # type: ignore[type-arg]  # not subscriptable at run time
    model = Event
    extra = 0
    can_delete = False
    fields = ("seq", "on", "name", "actor_name", "state_before", "state_after", "payload", "at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AttachmentInline(admin.TabularInline):  # type: ignore[type-arg]  # not subscriptable at run time
    model = Attachment
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at run time
    """Cases change through the workflow pages only; the admin shows them."""

    list_display = ("serial", "unit", "received_on", "applicant_type", "state", "due_on", "outcome")
    list_filter = ("unit", "state", "applicant_type", "channel")
    search_fields = ("serial", "applicant_name", "receipt_no")
    inlines = (AttachmentInline, EventInline)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Application._meta.fields]


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at run time
    list_display = ("unit", "kind", "case_number", "filed_on", "decided_on", "outcome")
    list_filter = ("unit", "kind", "outcome")

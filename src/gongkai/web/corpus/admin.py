"""The corpus in Django's admin: bodies (with their names) editable, imported data read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Body, BodyAlias, Correction, ImportBatch, Report, ReportVersion


class BodyAliasInline(admin.TabularInline):  # type: ignore[type-arg]
    model = BodyAlias
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "level", "level_confirmed", "parent", "region_code")
    list_filter = ("level", "level_confirmed")
    search_fields = ("name", "aliases__name")
    autocomplete_fields = ("parent",)
    inlines = (BodyAliasInline,)


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Imported data changes only through the services (import, reparse, correction)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(ReadOnly):
    list_display = ("body", "year", "template", "errors", "warnings", "source_name", "parser_version")
    list_filter = ("year", "template", "body__level")
    search_fields = ("body__name", "source_name", "source_sha256")


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnly):
    list_display = ("report", "number", "reason", "parser_version", "created", "created_by")
    list_filter = ("reason",)
    exclude = ("data",)


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnly):
    list_display = ("pk", "kind", "started", "imported", "versions", "unchanged", "failed", "user")
    list_filter = ("kind",)


@admin.register(Correction)
class CorrectionAdmin(ReadOnly):
    list_display = ("report", "key", "old", "new", "reason", "user", "created")
    search_fields = ("report__body__name", "key")

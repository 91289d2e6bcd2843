"""Admin for units and staff roles (the 管理员 of a unit keeps these)."""

from django.contrib import admin

from .models import Staff, Unit


class StaffInline(admin.TabularInline):  # type: ignore[type-arg]  # not subscriptable at run time
    model = Staff
    extra = 1


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at run time
    list_display = ("name", "parent", "body", "accepts_applications")
    raw_id_fields = ("body", "parent")
    search_fields = ("name",)
    inlines = (StaffInline,)


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at run time
    list_display = ("user", "unit", "role")
    list_filter = ("role", "unit")

"""The working-day calendar as rows an administrator can edit (holidays and 调休 per year)."""

from __future__ import annotations

from django.db import models


class CalendarYear(models.Model):
    """A year whose arrangement is known; a year without a row cannot be computed into."""

    year = models.PositiveIntegerField("年份", primary_key=True)
    source = models.CharField("来源", max_length=200, blank=True, help_text="如：国办发明电〔2024〕12号")

    class Meta:
        verbose_name = "工作日历年份"
        verbose_name_plural = "工作日历年份"
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class CalendarDay(models.Model):
    """One day that departs from Monday–Friday: a holiday, or a weekend made a working day."""

    year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=50)

    class Meta:
        verbose_name = "节假日或调休日"
        verbose_name_plural = "节假日和调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}{self.get_kind_display()}"

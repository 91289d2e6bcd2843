"""Reconsideration and litigation cases (table 四) arising from disclosure work."""

from __future__ import annotations

from django.db import models

from ...accounts.models import Unit
from ..choices import AppealKind, AppealOutcome
from .applications import Application


class Appeal(models.Model):
    """A 行政复议 or 行政诉讼 case against the unit, linked to the application it is about.

    Counted in table 四 by the original actor only (T4.3), so a unit records the cases where it
    is the respondent or defendant.
    """

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="appeals", verbose_name="单位")
    application = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
        verbose_name="申请",
    )
    review = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suits",
        verbose_name="前置复议案件",
    )
    kind = models.CharField("类型", max_length=20, choices=AppealKind.choices)
    case_number = models.CharField("案号", max_length=100, blank=True)
    authority = models.CharField("复议机关或法院", max_length=200, blank=True)
    filed_on = models.DateField("立案（申请）日期")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    outcome = models.CharField(
        "结果", max_length=20, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼案件"
        verbose_name_plural = "行政复议、行政诉讼案件"
        ordering = ["-filed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case_number}"

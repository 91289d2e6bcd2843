"""The reply letter (答复书) template, editable in the admin."""

from __future__ import annotations

from django.db import models


class LetterTemplate(models.Model):
    """A Django-template text rendered into the reply letter; the active one is used."""

    name = models.CharField("名称", max_length=100, unique=True)
    title = models.CharField("标题", max_length=200, default="政府信息公开申请答复书")
    body = models.TextField(
        "正文模板",
        help_text="Django 模板语法；可用变量：case（申请）、unit（单位）、outcome（办理结果）、today（日期）",
    )
    active = models.BooleanField("使用中", default=True)

    class Meta:
        verbose_name = "答复书模板"
        verbose_name_plural = "答复书模板"

    def __str__(self) -> str:
        return self.name

"""A reporting body (行政机关): a government at some level, or one of its departments."""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    """Where a body sits; guessed from its name on import and correctable by a reviewer."""

    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县"
    TOWNSHIP = "township", "乡镇"
    DEPARTMENT = "department", "部门"


class Body(models.Model):
    """One body, under the name it reports with; ``normalized`` is what import matches on."""

    name = models.CharField("名称", max_length=200)
    normalized = models.CharField("规范名称", max_length=200, unique=True)
    level = models.CharField("层级", max_length=16, choices=Level.choices, default=Level.DEPARTMENT)
    level_confirmed = models.BooleanField("层级已确认", default=False)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    region_code = models.CharField("行政区划代码", max_length=12, blank=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["name"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        return self.name


class BodyAlias(models.Model):
    """Another name a body is known by; import matches a report's body through these keys."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("名称", max_length=200)
    normalized = models.CharField("规范名称", max_length=200, unique=True)
    # ``normalized`` without its region (宁波市江北区慈城镇 → 慈城镇): import matches on it
    # when the exact key is new, if the regions agree and the years do not clash.
    local = models.CharField("本级名称", max_length=200, db_index=True, default="")

    class Meta:
        verbose_name = "机关别名"
        verbose_name_plural = "机关别名"

    def __str__(self) -> str:
        return self.name

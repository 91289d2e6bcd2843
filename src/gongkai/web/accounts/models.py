"""Units (administrative bodies) and the staff who work in them, with their roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """What a staff member may do in a unit (Art. 45: 登记、审核、办理、答复、归档)."""

    REGISTRAR = "registrar", "登记员"
    HANDLER = "handler", "承办人"
    APPROVER = "approver", "审核人"
    ADMIN = "admin", "管理员"


class Unit(models.Model):
    """An administrative body that receives disclosure applications.

    ``body`` links it to the corpus's body of the same organ, whose published annual reports
    the office's computed tables can be set beside.
    """

    name = models.CharField("单位名称", max_length=200, unique=True)
    body = models.ForeignKey(
        "corpus.Body",
        verbose_name="年报库中的机关",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="office_units",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级（监督）单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    accepts_applications = models.BooleanField("接受网上申请", default=True)
    address = models.CharField("地址", max_length=300, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def descendants(self) -> list[Unit]:
        """Every unit below this one, at any depth (the ones it supervises)."""
        out: list[Unit] = []
        frontier = [self.pk]
        seen = {self.pk}
        while frontier:
            children = list(Unit.objects.filter(parent_id__in=frontier).exclude(pk__in=seen))
            out.extend(children)
            frontier = [c.pk for c in children]
            seen.update(frontier)
        return out


class Staff(models.Model):
    """One role of one user in one unit; a user may hold several roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="staff")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    email = models.EmailField("提醒邮箱", blank=True, help_text="留空则使用账号邮箱")

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="staff_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} · {self.unit} · {self.get_role_display()}"

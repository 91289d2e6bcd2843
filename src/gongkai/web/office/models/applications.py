"""Applications, their attachments, their append-only events and the serial counters."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models

from ...accounts.models import Unit
from ..choices import ApplicantType, Channel, Delivery, Outcome, ReceiptBasis, RequestedForm
from ..workflow import OPEN_STATES, State


def new_receipt_no() -> str:
    """An unguessable receipt number the applicant uses to check the status."""
    return secrets.token_hex(6).upper()


class SerialCounter(models.Model):
    """The last serial number given out by a unit in a year; locked while a number is taken."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="serial_counter_unit_year")]


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> ApplicationQuerySet:
        return self.filter(state__in=list(OPEN_STATES))


class Application(models.Model):
    """One disclosure application (依申请公开) from receipt to reply."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="applications", verbose_name="受理单位"
    )
    serial = models.CharField("编号", max_length=64)
    receipt_no = models.CharField("回执号", max_length=20, unique=True, default=new_receipt_no)
    idempotency_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    # Art. 31: how it came in and which rule fixed the receipt date.
    channel = models.CharField("渠道", max_length=20, choices=Channel.choices)
    arrived_on = models.DateField("到达日期", null=True, blank=True)
    received_on = models.DateField("收到申请日期", null=True, blank=True, db_index=True)
    receipt_basis = models.CharField("收到日期依据", max_length=20, choices=ReceiptBasis.choices, blank=True)
    receipt_evidence = models.CharField("签收或确认记录", max_length=300, blank=True)

    # Art. 29: who applies and what for.
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    capacity = models.CharField("申请身份说明", max_length=200, blank=True)
    id_document = models.CharField("身份证明类型", max_length=50, blank=True)
    id_number = models.CharField("证件号码", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    content = models.TextField("所需信息内容描述")
    requested_form = models.CharField(
        "信息提供形式", max_length=20, choices=RequestedForm.choices, default=RequestedForm.ELECTRONIC
    )
    delivery = models.CharField("获取方式", max_length=20, choices=Delivery.choices, default=Delivery.EMAIL)

    # The workflow.
    state = models.CharField("状态", max_length=30, choices=State.choices, default=State.REGISTERED)
    version = models.PositiveIntegerField(default=0, editable=False)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="office_cases",
        verbose_name="承办人",
    )
    extended = models.BooleanField("已延期", default=False)
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)

    # The reply (table 三's result row) and the fee, if any.
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    signed_by = models.CharField("签发人", max_length=100, blank=True)
    fee_amount = models.DecimalField(
        "信息处理费（元）", max_digits=12, decimal_places=2, null=True, blank=True
    )

    imported = models.BooleanField("导入的历史记录", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["unit", "serial"], name="application_unit_serial")]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["unit", "closed_on"])]

    def __str__(self) -> str:
        return f"{self.serial} {self.applicant_name}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"office/{instance.application.unit_id}/{instance.application_id}/{filename}"


class Attachment(models.Model):
    """A file belonging to an application: the letter, the ID copy, the 补正 material, the reply."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to=attachment_path)
    description = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return str(self.file.name)


class AppendOnlyError(Exception):
    """An event row was about to be changed or deleted."""


class Event(models.Model):
    """One thing that happened to an application; never changed, never deleted.

    ``on`` is the date it took legal effect (the day the corrected application arrived), which
    the clock counts from; ``at`` is when it was recorded.
    """

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField()
    name = models.CharField("操作", max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    on = models.DateField("生效日期")
    at = models.DateTimeField("记录时间", auto_now_add=True)
    state_before = models.CharField(max_length=30, choices=State.choices, blank=True)
    state_after = models.CharField(max_length=30, choices=State.choices)
    clock = models.CharField(max_length=30, blank=True)  # a gongkai.clock.EventKind, or empty
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["application", "seq"]
        constraints = [models.UniqueConstraint(fields=["application", "seq"], name="event_application_seq")]

    def __str__(self) -> str:
        return f"{self.application_id}#{self.seq} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("办理记录只能追加，不能修改 / events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("办理记录不能删除 / events cannot be deleted")

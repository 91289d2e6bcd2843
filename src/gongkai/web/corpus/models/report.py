"""Imported reports: one per (body, year), its versions, its cell values and findings.

Cell values of each report's current version live in :class:`CellValue`, a
fact table of (key, value) rows with the report's year beside them, so that
any cell key can be filtered, ranked and summed with one indexed query. The
full report (with raw text and provenance) is kept as JSON on each version.
"""

from __future__ import annotations

import zlib
from decimal import Decimal

from django.conf import settings
from django.db import models

from .body import Body


class Reason(models.TextChoices):
    """Why a version was made."""

    IMPORT = "import", "导入"
    REPARSE = "reparse", "重新解析"
    CORRECTION = "correction", "人工更正"


class Source(models.Model):
    """A source document as imported, byte for byte (zlib-compressed), so it can be reparsed."""

    sha256 = models.CharField("内容哈希", max_length=64, unique=True)
    name = models.CharField("文件名", max_length=500)
    size = models.PositiveBigIntegerField("大小（字节）")
    content = models.BinaryField("内容（压缩）")
    parser_version = models.CharField("最近解析版本", max_length=64)
    created = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = "源文件"
        verbose_name_plural = "源文件"

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def pack(data: bytes) -> bytes:
        return zlib.compress(data, 6)

    def data(self) -> bytes:
        """The original bytes."""
        return zlib.decompress(bytes(self.content))


class ImportBatch(models.Model):
    """One run of an import or a reparse, with its counts and the reasons of failures."""

    started = models.DateTimeField("开始时间", auto_now_add=True)
    finished = models.DateTimeField("结束时间", null=True, blank=True)
    kind = models.CharField("类型", max_length=16, choices=Reason.choices, default=Reason.IMPORT)
    imported = models.PositiveIntegerField("新导入", default=0)
    versions = models.PositiveIntegerField("新版本", default=0)
    unchanged = models.PositiveIntegerField("未变化", default=0)
    failed = models.PositiveIntegerField("失败", default=0)
    failures = models.JSONField("失败原因", default=list, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"
        ordering = ["-started"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Report(models.Model):
    """The report of one body on one year; ``current_version`` is the one shown and counted."""

    body = models.ForeignKey(Body, verbose_name="机关", on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField("年度")
    template = models.CharField("模板", max_length=8)
    source_name = models.CharField("源文件", max_length=500)
    source_sha256 = models.CharField("源文件哈希", max_length=64, db_index=True)
    parser_version = models.CharField("解析器版本", max_length=64)
    batch = models.ForeignKey(
        ImportBatch, verbose_name="导入批次", null=True, blank=True, on_delete=models.SET_NULL
    )
    current_version = models.ForeignKey(
        "ReportVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年报"
        verbose_name_plural = "年报"
        ordering = ["-errors", "-warnings", "-year", "pk"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="corpus_report_body_year")]
        indexes = [
            models.Index(fields=["year", "template"]),
            models.Index(fields=["-errors", "-warnings", "-year", "id"], name="corpus_report_problems_first"),
        ]
        permissions = [("correct_report", "可以更正年报数值")]

    def __str__(self) -> str:
        return f"{self.body.name} {self.year}年度"


class ReportVersion(models.Model):
    """One stored state of a report; versions are never changed or deleted."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    data = models.JSONField("报告 JSON")
    reason = models.CharField("原因", max_length=16, choices=Reason.choices)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT)
    parser_version = models.CharField("解析器版本", max_length=64)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "年报版本"
        verbose_name_plural = "年报版本"
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="corpus_version_report_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


class CellValue(models.Model):
    """One non-blank cell of a report's current version (blank cells have no row)."""

    pk = models.CompositePrimaryKey("report", "key")  # one row per cell; no surrogate id to index
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="cell_values", db_index=False)
    year = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=64)
    value = models.DecimalField(max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = "单元格数值"
        verbose_name_plural = "单元格数值"
        indexes = [models.Index(fields=["key", "year", "value"], name="corpus_cell_key_year_value")]


class Severity(models.TextChoices):
    """Mirrors :class:`gongkai.model.Severity`."""

    ERROR = "error", "错误"
    WARNING = "warning", "警告"
    INFO = "info", "提示"


class Finding(models.Model):
    """A finding on a report's current version; ``series`` ones come from the cross-year checks.

    When a report gets a new version its old findings go: each version's JSON keeps its own.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="findings")
    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, related_name="findings", db_index=False
    )  # indexed with severity below
    code = models.CharField("代码", max_length=64)
    severity = models.CharField("严重程度", max_length=8, choices=Severity.choices)
    message = models.TextField("说明")
    message_en = models.TextField(blank=True)
    cells = models.JSONField("单元格", default=list, blank=True)
    series = models.BooleanField("跨年度", default=False)

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题"
        indexes = [models.Index(fields=["version", "severity"]), models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class Correction(models.Model):
    """A reviewer's change of one parsed value, with who, when and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corrections")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="corrections")
    key = models.CharField("单元格", max_length=64)
    old = models.DecimalField("原值", max_digits=20, decimal_places=4, null=True, blank=True)
    new = models.DecimalField("新值", max_digits=20, decimal_places=4, null=True, blank=True)
    reason = models.TextField("理由")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "更正记录"
        verbose_name_plural = "更正记录"
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.report} {self.key}: {self.old_display} → {self.new_display}"

    @property
    def old_display(self) -> str:
        return _plain(self.old)

    @property
    def new_display(self) -> str:
        return _plain(self.new)


def _plain(value: Decimal | None) -> str:
    """A stored number as people write it (7, 12.5), or 空白 for a blank."""
    if value is None:
        return "空白"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text

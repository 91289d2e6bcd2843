"""The read-only JSON API of the corpus: reports, bodies, summaries, rankings (OpenAPI at /api/docs)."""

from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from ...errors import UnknownCellError
from .metrics import metric
from .models import Body, BodyAlias, Finding, Report
from .queries import Filters, level_value, plain, ranking, summary

router = Router(tags=["corpus"])


class ReportFilters(Schema):
    year: int | None = Field(None, description="年度")
    level: str | None = Field(None, description="层级：省/市/县/乡镇/部门 或 province…department")
    body: str | None = Field(None, description="机关名称包含")
    template: str | None = Field(None, description="2019 / 2021 / legacy")


class ReportOut(Schema):
    id: int
    body_id: int
    body: str = Field(alias="body_name")
    level: str = Field(alias="body_level")
    year: int
    template: str
    errors: int
    warnings: int
    source_name: str
    source_sha256: str
    version: int | None = Field(alias="version_number")


class FindingOut(Schema):
    code: str
    severity: str
    message: str
    message_en: str
    cells: list[str]
    series: bool


class ReportDetailOut(ReportOut):
    report: dict[str, Any] = Field(description="gongkai 报告 JSON（含原文与出处）")
    findings: list[FindingOut]


class BodyOut(Schema):
    id: int
    name: str
    level: str
    level_confirmed: bool
    parent_id: int | None
    region_code: str
    reports: int = Field(alias="n_reports")


class BodyReportOut(Schema):
    id: int
    year: int
    template: str
    errors: int
    warnings: int


class BodyDetailOut(BodyOut):
    aliases: list[str]
    children: list[int]
    series: list[BodyReportOut]


class SummaryOut(Schema):
    parent_id: int
    parent: str
    year: int
    template: str
    included: list[int] = Field(description="计入汇总的年报 id")
    excluded: list[int] = Field(description="模板不同、未计入的年报 id")
    missing: list[int] = Field(description="当年没有年报的下属机关 id")
    cells: dict[str, int | float | None] = Field(description="各单元格之和；所有机关都空白的为 null")


class RankedOut(Schema):
    report_id: int
    body_id: int
    body: str
    level: str
    level_label: str
    value: float | None = Field(description="指标值；比率为百分数")
    numerator: int | float | None
    denominator: int | float | None
    small: bool = Field(description="分母小于该指标的样本阈值")


REPORT_FIELDS = ("id", "body_id", "year", "template", "errors", "warnings", "source_name", "source_sha256")
REPORT_EXPRESSIONS = {
    "body_name": F("body__name"),
    "body_level": F("body__level"),
    "version_number": F("current_version__number"),
}
BODY_FIELDS = ("id", "name", "level", "level_confirmed", "parent_id", "region_code")


def _filters(f: ReportFilters, parent: int | None = None) -> Filters:
    if f.level:
        try:
            level_value(f.level)
        except ValueError as exc:
            raise HttpError(422, str(exc)) from exc
    return Filters(year=f.year, level=f.level, body=f.body, template=f.template, parent=parent)


@router.get("/reports", response=list[ReportOut], summary="年报列表（有错误的在前）")
@paginate(LimitOffsetPagination)
def list_reports(request: HttpRequest, filters: Query[ReportFilters]) -> QuerySet[Report, dict[str, Any]]:
    qs = _filters(filters).apply(Report.objects.all()).order_by("-errors", "-warnings", "-year", "pk")
    rows: QuerySet[Report, dict[str, Any]] = qs.values(*REPORT_FIELDS, **REPORT_EXPRESSIONS)
    return rows


@router.get("/reports/{report_id}", response=ReportDetailOut, summary="一份年报：数值、出处与问题")
def get_report(request: HttpRequest, report_id: int) -> dict[str, Any]:
    r = get_object_or_404(Report.objects.select_related("current_version"), pk=report_id)
    findings = Finding.objects.filter(version_id=r.current_version_id).order_by("pk")
    return {
        **Report.objects.filter(pk=r.pk).values(*REPORT_FIELDS, **REPORT_EXPRESSIONS).get(),
        "report": r.current_version.data if r.current_version else {},
        "findings": list(findings.values("code", "severity", "message", "message_en", "cells", "series")),
    }


@router.get("/bodies", response=list[BodyOut], summary="机关列表")
@paginate(LimitOffsetPagination)
def list_bodies(
    request: HttpRequest, q: str | None = None, level: str | None = None, parent: int | None = None
) -> QuerySet[Body, dict[str, Any]]:
    qs = Body.objects.order_by("name")
    if q:
        qs = qs.filter(pk__in=BodyAlias.objects.filter(name__contains=q).values("body"))
    if level:
        try:
            qs = qs.filter(level=level_value(level))
        except ValueError as exc:
            raise HttpError(422, str(exc)) from exc
    if parent is not None:
        qs = qs.filter(parent_id=parent)
    rows: QuerySet[Body, dict[str, Any]] = qs.values(*BODY_FIELDS, n_reports=Count("reports"))
    return rows


@router.get("/bodies/{body_id}", response=BodyDetailOut, summary="一个机关及其逐年年报")
def get_body(request: HttpRequest, body_id: int) -> dict[str, Any]:
    b = get_object_or_404(Body, pk=body_id)
    return {
        **Body.objects.filter(pk=b.pk).values(*BODY_FIELDS, n_reports=Count("reports")).get(),
        "aliases": list(b.aliases.order_by("name").values_list("name", flat=True)),
        "children": list(b.children.order_by("name").values_list("pk", flat=True)),
        "series": list(b.reports.order_by("year").values("id", "year", "template", "errors", "warnings")),
    }


def _json_number(value: Decimal | int | None) -> int | float | None:
    if value is None:
        return None
    v = plain(Decimal(value), money=False)
    return v if isinstance(v, int) else float(v)


@router.get("/summaries", response=SummaryOut, summary="汇总：上级机关及其下属机关某年度各单元格之和")
def get_summary(request: HttpRequest, parent: int, year: int) -> dict[str, Any]:
    body = get_object_or_404(Body, pk=parent)
    s = summary(body, year)
    return {
        "parent_id": body.pk,
        "parent": body.name,
        "year": year,
        "template": s.template,
        "included": [r.pk for r in s.included],
        "excluded": [r.pk for r in s.excluded],
        "missing": [b.pk for b in s.missing],
        "cells": {c.key: _json_number(c.value) for c in s.report},
    }


@router.get(
    "/ranking", response=list[RankedOut], summary="排名：按单元格或派生指标（如 review_correction_rate）"
)
def get_ranking(
    request: HttpRequest,
    metric_id: str = Query("applications", alias="metric"),  # type: ignore[type-arg]
    year: int = Query(...),  # type: ignore[type-arg]
    level: str | None = None,
    parent: int | None = None,
    limit: int = 50,
    ascending: bool = False,
) -> list[dict[str, Any]]:
    try:
        m = metric(metric_id)
    except UnknownCellError as exc:
        raise HttpError(422, str(exc)) from exc
    rows, _ = ranking(
        m, year, Filters(level=level, parent=parent), limit=min(limit, 500), ascending=ascending
    )
    return [
        {
            **r.__dict__,
            "value": None if r.value is None else round(r.value, 4),
            "numerator": _json_number(r.numerator),
            "denominator": _json_number(r.denominator),
        }
        for r in rows
    ]

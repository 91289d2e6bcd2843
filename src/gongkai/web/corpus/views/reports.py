"""One report: findings first, the official tables with problem cells, where each value came from."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from ....errors import GongkaiError
from ....model import Finding as CoreFinding
from ....model import Provenance, Severity
from ....model import Report as CoreReport
from ....render import render as render_report
from ....render.html import tables_fragment
from .. import services
from ..forms import CorrectionForm
from ..metrics import cell_label
from ..models import Finding, Report

DOWNLOADS = {"xlsx": "Excel", "docx": "Word", "html": "HTML", "json": "JSON", "md": "Markdown"}
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
}


def _findings(row: Report) -> list[Finding]:
    order = {"error": 0, "warning": 1, "info": 2}
    found = list(Finding.objects.filter(version_id=row.current_version_id))
    return sorted(found, key=lambda f: (order.get(f.severity, 3), f.series, f.pk))


def as_core(findings: list[Finding]) -> list[CoreFinding]:
    return [
        CoreFinding(f.code, Severity(f.severity), f.message, tuple(f.cells), f.message_en) for f in findings
    ]


def _where(p: Provenance | None) -> str:
    if p is None:
        return ""
    parts = {
        "text": "文本",
        "html": "网页表格",
        "docx": "Word 表格",
        "pdf": "PDF",
        "record": "办理记录",
        "manual": "人工录入",
    }
    out = [parts.get(p.kind, p.kind)]
    if p.page is not None:
        out.append(f"第 {p.page} 页")
    if p.line is not None:
        out.append(f"第 {p.line} 行")
    if p.table is not None:
        out.append(f"第 {p.table + 1} 个表格")
    if p.row is not None and p.col is not None:
        out.append(f"第 {p.row + 1} 行第 {p.col + 1} 列")
    if p.bbox is not None:
        out.append("位置 (" + ", ".join(f"{v:.0f}" for v in p.bbox) + ")")
    return "，".join(out)


def _source_lines(row: Report) -> list[str] | None:
    """The decoded text of a plain-text source, for showing the line a value came from."""
    version = row.current_version
    if (
        version is None
        or version.source is None
        or row.source_name.lower().endswith((".docx", ".doc", ".pdf", ".json", ".mht", ".mhtml"))
    ):
        return None
    from ....reader.decode import decode_bytes

    try:
        return decode_bytes(version.source.data()).text.splitlines()
    except GongkaiError:
        return None


def cell_sources(row: Report, core: CoreReport, findings: list[Finding]) -> dict[str, dict[str, Any]]:
    """For each cell: label, value, raw text, where in the source, the source line, its problems."""
    problems: dict[str, list[str]] = defaultdict(list)
    for f in findings:
        for key in f.cells:
            problems[key].append(f"【{f.get_severity_display()}】{f.message}")
    lines = _source_lines(row) if any(c.provenance and c.provenance.line for c in core) else None
    out = {}
    for cell in core:
        p = cell.provenance
        context = ""
        if lines is not None and p is not None and p.line is not None and 0 < p.line <= len(lines):
            context = lines[p.line - 1].strip()
        out[cell.key] = {
            "label": cell_label(cell.key),
            "value": None if cell.value is None else str(cell.value),
            "raw": cell.raw,
            "where": _where(p),
            "how": p.how if p else None,
            "context": context,
            "problems": problems.get(cell.key, []),
        }
    return out


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Report.objects.select_related("body", "current_version__source", "batch"), pk=pk)
    core = services.core_report(row)
    findings = _findings(row)
    tables = tables_fragment(core, as_core(findings))
    return render(
        request,
        "corpus/report.html",
        {
            "report": row,
            "core": core,
            "findings": findings,
            "tables": mark_safe(tables),
            "cell_sources": cell_sources(row, core, findings),
            "versions": row.versions.select_related("created_by").order_by("-number"),
            "corrections": row.corrections.select_related("user"),
            "form": CorrectionForm(),
            "downloads": DOWNLOADS,
            "others": row.body.reports.exclude(pk=row.pk).order_by("year"),
        },
    )


@require_POST
@login_required
@permission_required("corpus.correct_report", raise_exception=True)
def report_correct(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Report, pk=pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.correct_value(row, data["key"], data["value"], data["reason"], request.user)
        except GongkaiError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已更正 {data['key']}，并重新检查")
    else:
        messages.error(
            request, "更正未保存：" + "；".join(str(e) for errs in form.errors.values() for e in errs)
        )
    return redirect("corpus:report", pk=pk)


def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report (current version) in an official layout or as JSON."""
    if fmt not in DOWNLOADS:
        raise Http404("未知格式")
    row = get_object_or_404(Report.objects.select_related("body", "current_version"), pk=pk)
    data = render_report(services.core_report(row), fmt, findings=as_core(_findings(row)))
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"{row.body.name}-{row.year}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)

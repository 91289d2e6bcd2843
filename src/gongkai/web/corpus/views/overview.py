"""The overview: counts by year, level and template; reports with errors first; export."""

from __future__ import annotations

import tempfile

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .. import charts
from ..exporting import CONTENT_TYPES, FORMATS, write_export
from ..forms import FilterForm
from ..models import Report
from ..queries import overview as overview_counts
from .common import query_without

TEMPLATE_NAMES = {"2019": "2019 版模板", "2021": "2021 版模板", "legacy": "2019 年以前"}


def overview(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.filters()
    counts = overview_counts(filters)
    years = sorted(counts["by_year"])
    templates = sorted({t for by in counts["by_year"].values() for t in by})
    by_year = charts.stacked_bars(
        "各年度年报数量",
        [f"{y}" for y in years],
        {TEMPLATE_NAMES.get(t, t): [counts["by_year"][y].get(t, 0) for y in years] for t in templates},
    )
    by_level = charts.pie("按机关层级", counts["by_level"])
    codes = counts["codes"]
    problems = charts.ranked_bars(
        "最常见的问题",
        [_title(c["code"]) for c in codes],
        [c["n"] for c in codes],
        [c["severity"] != "error" for c in codes],
    )
    reports = filters.apply(Report.objects.select_related("body")).order_by(
        "-errors", "-warnings", "-year", "body__name"
    )
    page = Paginator(reports, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "corpus/overview.html",
        {
            "form": form,
            "totals": counts["totals"],
            "chart_years": by_year,
            "chart_levels": by_level,
            "chart_problems": problems,
            "has_problems": bool(codes),
            "page": page,
            "query": query_without(request, "page"),
            "formats": FORMATS,
        },
    )


def _title(code: str) -> str:
    """A finding code's Chinese title, for chart labels."""
    from ....checks.catalogue import CATALOGUE

    known = CATALOGUE.get(code)
    return known.title if known else code


def export(request: HttpRequest) -> FileResponse:
    """The filtered reports as a download, one row per report."""
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        raise Http404("未知导出格式")
    filters = FilterForm(request.GET).filters()
    out = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    write_export(fmt, out, filters)
    out.seek(0)
    response = FileResponse(out, as_attachment=True, filename=f"gongkai-corpus.{fmt}")
    response["Content-Type"] = CONTENT_TYPES[fmt]
    return response

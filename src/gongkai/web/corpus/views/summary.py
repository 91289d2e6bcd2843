"""The 汇总: every body under a parent for a year, summed, in the official layout; exportable."""

from __future__ import annotations

from urllib.parse import quote

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from ....render import render as render_report
from ....render.html import tables_fragment
from ..forms import SummaryForm
from ..models import Body
from ..queries import summary as summarise
from .common import years
from .reports import CONTENT_TYPES

DOWNLOADS = {"xlsx": "Excel", "docx": "Word", "csv": "CSV", "html": "HTML"}


def summary(request: HttpRequest) -> HttpResponse:
    known = years()
    parents = list(Body.objects.annotate(n=Count("children")).filter(n__gt=0).order_by("level", "name"))
    initial = {"parent": parents[0].pk if parents else None, "year": known[0] if known else None}
    form = SummaryForm(request.GET or initial, parents=parents, years=known)
    context: dict[str, object] = {
        "form": form,
        "result": None,
        "downloads": DOWNLOADS,
        "has_parents": bool(parents),
        "parents": parents,
        "selected_parent": form.cleaned_data["parent"] if form.is_valid() else None,
    }
    if parents and known and form.is_valid():
        parent = Body.objects.get(pk=form.cleaned_data["parent"])
        result = summarise(parent, form.cleaned_data["year"])
        fmt = request.GET.get("download")
        if fmt:
            if fmt not in DOWNLOADS:
                raise Http404("未知格式")
            response = HttpResponse(
                render_report(result.report, fmt, findings=[]),
                content_type=CONTENT_TYPES.get(fmt, "text/csv; charset=utf-8"),
            )
            name = quote(f"{parent.name}-{result.year}-汇总.{fmt}")
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
            return response
        context.update(
            result=result,
            tables=mark_safe(tables_fragment(result.report, [])),
            query=request.GET.urlencode() or f"parent={parent.pk}&year={result.year}",
        )
    return render(request, "corpus/summary.html", context)

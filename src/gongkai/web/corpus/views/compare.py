"""Ranking bodies of a year by any cell key or derived metric, small counts flagged."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from .. import charts
from ..forms import RankingForm
from ..metrics import grouped_choices, metric
from ..models import Body
from ..queries import Filters, ranking
from .common import years


def compare(request: HttpRequest) -> HttpResponse:
    known = years()
    initial = {"metric": "applications", "year": known[0] if known else None, "order": "desc"}
    form = RankingForm(request.GET or initial, years=known)
    context: dict[str, object] = {
        "form": form,
        "rows": [],
        "total": 0,
        "parent": None,
        "chart": None,
        "metric_groups": grouped_choices(),
        "selected_metric": request.GET.get("metric", "applications"),
    }
    parent = (
        Body.objects.filter(pk=request.GET.get("parent") or 0).first()
        if request.GET.get("parent", "").isdigit()
        else None
    )
    if known and form.is_valid():
        data = form.cleaned_data
        m = metric(data["metric"])
        filters = Filters(level=data["level"] or None, parent=parent.pk if parent else None)
        rows, total = ranking(
            m,
            data["year"],
            filters,
            limit=50,
            ascending=data["order"] == "asc",
            hide_small=data["hide_small"],
        )
        top = rows[:30]
        context.update(
            metric=m,
            year=data["year"],
            rows=rows,
            total=total,
            parent=parent,
            chart=charts.ranked_bars(
                f"{data['year']} 年度 · {m.label}" + ("（%）" if m.percent else ""),
                [r.body for r in top],
                [r.value for r in top],
                [r.small for r in top],
            ),
            chart_height=max(240, 70 + 28 * len(top)),
            links=json.dumps(
                {r.body: reverse("corpus:report", args=[r.report_id]) for r in top}, ensure_ascii=False
            ),
        )
    return render(request, "corpus/compare.html", context)

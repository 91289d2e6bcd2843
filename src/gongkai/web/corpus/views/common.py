"""Helpers the corpus pages share."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest

from ..models import Report


def years() -> list[int]:
    """Every year some report is about, latest first."""
    return list(Report.objects.order_by("-year").values_list("year", flat=True).distinct())


def chart_json(option: dict[str, Any]) -> str:
    return json.dumps(option, ensure_ascii=False)


def query_without(request: HttpRequest, *names: str) -> str:
    """The current query string without ``names`` (for export and paging links)."""
    q = request.GET.copy()
    for name in names:
        q.pop(name, None)
    return q.urlencode()

"""ECharts options built from query results; the page hands them to ``corpus/charts.js`` as JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

PALETTE = ["#8c1c13", "#1d4f91", "#d4a017", "#2e7d32", "#6a1b9a", "#00838f", "#ef6c00", "#5d4037"]


def _num(value: Decimal | float | None) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else round(float(value), 2)
    return value


def _base(title: str) -> dict[str, Any]:
    return {
        "color": PALETTE,
        "title": {"text": title, "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 24, "right": 24, "top": 48, "bottom": 48, "containLabel": True},
    }


def stacked_bars(
    title: str, categories: Sequence[str], series: Mapping[str, Sequence[Any]]
) -> dict[str, Any]:
    """One bar per category, stacked by series (e.g. reports per year by template)."""
    out = _base(title)
    out["legend"] = {"bottom": 4}
    out["xAxis"] = {"type": "category", "data": list(categories)}
    out["yAxis"] = {"type": "value", "minInterval": 1}
    out["series"] = [
        {"name": name, "type": "bar", "stack": "all", "data": [_num(v) for v in values]}
        for name, values in series.items()
    ]
    return out


def pie(title: str, items: Sequence[tuple[str, int]]) -> dict[str, Any]:
    out = _base(title)
    out["tooltip"] = {"trigger": "item", "formatter": "{b}：{c}（{d}%）"}
    out["series"] = [
        {
            "type": "pie",
            "radius": ["35%", "65%"],
            "center": ["50%", "58%"],
            "data": [{"name": n, "value": v} for n, v in items],
            "label": {"formatter": "{b} {c}"},
        }
    ]
    return out


def ranked_bars(
    title: str, names: Sequence[str], values: Sequence[Any], flagged: Sequence[bool]
) -> dict[str, Any]:
    """Horizontal bars, best on top; flagged ones (small counts) drawn pale."""
    out = _base(title)
    out["grid"] = {"left": 16, "right": 48, "top": 40, "bottom": 16, "containLabel": True}
    out["tooltip"] = {"trigger": "axis", "axisPointer": {"type": "shadow"}}
    out["xAxis"] = {"type": "value"}
    out["yAxis"] = {
        "type": "category",
        "data": list(reversed(names)),
        "axisLabel": {"width": 220, "overflow": "truncate"},
    }
    out["series"] = [
        {
            "type": "bar",
            "label": {"show": True, "position": "right"},
            "data": [
                {"value": _num(v), "itemStyle": {"color": "#d9a8a3" if f else PALETTE[0]}}
                for v, f in zip(reversed(values), reversed(flagged), strict=True)
            ],
        }
    ]
    return out


def lines(
    title: str, years: Sequence[int], series: Mapping[str, Sequence[Any]], *, area: bool = False
) -> dict[str, Any]:
    """Values over the years, one line per series; blanks leave gaps."""
    out = _base(title)
    out["legend"] = {"bottom": 4, "type": "scroll"}
    out["xAxis"] = {"type": "category", "data": [str(y) for y in years]}
    out["yAxis"] = {"type": "value"}
    out["series"] = [
        {
            "name": name,
            "type": "line",
            "connectNulls": False,
            "symbolSize": 8,
            "data": [_num(v) for v in values],
            **({"stack": "all", "areaStyle": {}} if area else {}),
        }
        for name, values in series.items()
    ]
    return out

"""Bodies: the list, one body's reports over the years (charts), and reviewers' edits."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ....errors import GongkaiError
from ....templates import all_keys
from .. import charts, services
from ..forms import BodyNameForm, LevelForm
from ..metrics import DERIVED, cell_label
from ..models import Body, BodyAlias, Level, Report
from ..queries import series, text

OUTCOMES = (
    ("予以公开", ("requests.granted.total",)),
    ("部分公开", ("requests.partial.total",)),
    ("不予公开", tuple(k for k in all_keys() if k.startswith("requests.denied.") and k.endswith(".total"))),
    (
        "无法提供",
        tuple(k for k in all_keys() if k.startswith("requests.unavailable.") and k.endswith(".total")),
    ),
    (
        "不予处理",
        tuple(k for k in all_keys() if k.startswith("requests.not_handled.") and k.endswith(".total")),
    ),
    ("其他处理", tuple(k for k in all_keys() if k.startswith("requests.other") and k.endswith(".total"))),
)


def body_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    bodies = Body.objects.select_related("parent")
    if q:
        bodies = bodies.filter(pk__in=BodyAlias.objects.filter(name__contains=q).values("body"))
    if level in Level.values:
        bodies = bodies.filter(level=level)
    page = Paginator(bodies.order_by("name"), 50).get_page(request.GET.get("page"))
    stats = {
        r["body"]: r
        for r in Report.objects.filter(body__in=[b.pk for b in page])
        .values("body")
        .annotate(n=Count("pk"), errors=Sum("errors"), last=Max("year"))
        .order_by()
    }
    rows = [(b, stats.get(b.pk, {"n": 0, "errors": 0, "last": None})) for b in page]
    context = {"page": page, "rows": rows, "q": q, "level": level, "levels": Level.choices}
    return render(request, "corpus/bodies.html", context)


def _sum(by_year: dict[str, dict[int, Decimal]], keys: tuple[str, ...], year: int) -> Decimal | None:
    values = [by_year[k][year] for k in keys if year in by_year.get(k, {})]
    return sum(values, Decimal(0)) if values else None


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(Body.objects.select_related("parent"), pk=pk)
    reports = list(body.reports.order_by("year"))
    years = [r.year for r in reports]
    by_key = series(body)
    volume = charts.lines(
        "申请数量",
        years,
        {
            "本年新收": [_sum(by_key, ("requests.new.total",), y) for y in years],
            "上年结转": [_sum(by_key, ("requests.carried_in.total",), y) for y in years],
            "办理总数": [_sum(by_key, ("requests.total.total",), y) for y in years],
            "结转下年": [_sum(by_key, ("requests.carried_over.total",), y) for y in years],
        },
    )
    outcomes = charts.stacked_bars(
        "办理结果构成",
        [str(y) for y in years],
        {label: [_sum(by_key, keys, y) for y in years] for label, keys in OUTCOMES},
    )
    appeals = charts.lines(
        "行政复议与行政诉讼",
        years,
        {
            "行政复议": [_sum(by_key, ("appeals.review.total",), y) for y in years],
            "复议纠正": [_sum(by_key, ("appeals.review.corrected",), y) for y in years],
            "行政诉讼": [
                _sum(by_key, ("appeals.suit_direct.total", "appeals.suit_after_review.total"), y)
                for y in years
            ],
        },
    )
    table = [
        (key, cell_label(key), [text(by_key[key].get(y)) for y in years])
        for key in all_keys()
        if key in by_key
    ]
    return render(
        request,
        "corpus/body.html",
        {
            "body": body,
            "reports": reports,
            "years": years,
            "chart_volume": volume,
            "chart_outcomes": outcomes,
            "chart_appeals": appeals,
            "table": table,
            "children": body.children.annotate(n=Count("reports")).order_by("level", "name"),
            "aliases": body.aliases.order_by("name"),
            "level_form": LevelForm(initial={"level": body.level}),
            "name_form": BodyNameForm(),
            "metrics": DERIVED,
        },
    )


@require_POST
@login_required
@permission_required("corpus.change_body", raise_exception=True)
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the level, re-parent, merge another body in, or add a name."""
    body = get_object_or_404(Body, pk=pk)
    action = request.POST.get("action")
    user = request.user
    try:
        if action == "level":
            form = LevelForm(request.POST)
            if form.is_valid():
                services.set_level(body, form.cleaned_data["level"], user)
                messages.success(request, f"层级已改为{body.get_level_display()}")
        elif action in {"reparent", "merge", "alias"}:
            name = request.POST.get("name", "").strip()
            _named(request, body, action, name)
    except GongkaiError as exc:
        messages.error(request, str(exc))
    return redirect("corpus:body", pk=body.pk)


def _named(request: HttpRequest, body: Body, action: str, name: str) -> None:
    user = request.user
    if action == "alias":
        if name:
            services.add_alias(body, name)
            messages.success(request, f"已添加别名“{name}”")
        return
    other = services.find_body(name) if name else None
    if name and other is None:
        messages.error(request, f"找不到机关“{name}”")
    elif action == "reparent":
        services.reparent(body, other, user)
        messages.success(request, f"上级已设为 {other.name}" if other else "已取消上级")
    elif other is not None:
        services.merge_bodies(body, other, user)
        messages.success(request, f"已将 {other.name} 并入 {body.name}")

"""Reading the corpus: overview counts, rankings, the 汇总 summary, a body's series, export rows.

Every number comes from the :class:`CellValue` fact table with one indexed
query; nothing here changes state.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Sum

from ...model import Meta
from ...model import Report as CoreReport
from ...templates import LEGACY, Kind, all_keys, get_template, template_for_year
from .metrics import Metric
from .models import Body, CellValue, Level, Report, ReportVersion


@dataclass(frozen=True)
class Filters:
    """Which reports a page, an export or an API call is about; every field optional."""

    year: int | None = None
    level: str | None = None  # a Level value or its Chinese label
    body: str | None = None  # name contains
    template: str | None = None
    parent: int | None = None  # under this body (any depth)

    def apply(self, qs: QuerySet[Report]) -> QuerySet[Report]:
        if self.year is not None:
            qs = qs.filter(year=self.year)
        if self.level:
            qs = qs.filter(body__level=level_value(self.level))
        if self.body:
            qs = qs.filter(body__name__contains=self.body)
        if self.template:
            qs = qs.filter(template=self.template)
        if self.parent is not None:
            qs = qs.filter(body_id__in=subtree(self.parent))
        return qs


EVERYTHING = Filters()


def level_value(level: str) -> str:
    """A Level value from either its value (county) or its label (县)."""
    for choice in Level:
        if level in (choice.value, choice.label):
            return choice.value
    raise ValueError(f"未知层级 {level!r}，可选 {'、'.join(Level.labels)} / unknown level")


def subtree(root: int, *, include_root: bool = True) -> list[int]:
    """The ids of ``root`` and every body below it."""
    out = [root] if include_root else []
    frontier = [root]
    while frontier:
        frontier = list(Body.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        out.extend(frontier)
    return out


# -- overview -------------------------------------------------------------------


def overview(filters: Filters = EVERYTHING) -> dict[str, Any]:
    """Counts by year × template and by level, and the most frequent finding codes.

    Cached until the corpus changes (see :func:`corpus_stamp`): at 100,000
    reports these aggregates scan every report and finding.
    """
    key = "corpus-overview:" + hashlib.sha256(f"{corpus_stamp()}|{filters!r}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _overview(filters)
        cache.set(key, found, timeout=3600)
    return dict(found)


def corpus_stamp() -> str:
    """Changes whenever a report, a finding or a body does (a few index lookups)."""
    from .models import Finding

    versions = ReportVersion.objects.aggregate(n=Max("pk"))["n"]
    findings = Finding.objects.aggregate(n=Max("pk"))["n"]  # deletions come with a new version or body count
    bodies = Body.objects.aggregate(n=Count("pk"), t=Max("updated"))
    return f"{versions}-{findings}-{bodies['n']}-{bodies['t']}"


def _overview(filters: Filters) -> dict[str, Any]:
    from .models import Finding

    qs = filters.apply(Report.objects.all())
    by_year: dict[int, dict[str, int]] = defaultdict(dict)
    by_level_counts: dict[str, int] = defaultdict(int)
    reports = with_errors = 0
    for row in qs.values("year", "template", "body__level").annotate(
        n=Count("pk"), e=Count("pk", filter=Q(errors__gt=0))
    ):
        by_year[row["year"]][row["template"]] = by_year[row["year"]].get(row["template"], 0) + row["n"]
        by_level_counts[row["body__level"]] += row["n"]
        reports += row["n"]
        with_errors += row["e"]
    labels = dict(Level.choices)
    by_level = sorted(((labels.get(k, k), n) for k, n in by_level_counts.items()), key=lambda x: -x[1])
    codes = list(
        (Finding.objects.filter(report__in=qs) if filters != EVERYTHING else Finding.objects.all())
        .values("code", "severity")
        .annotate(n=Count("pk"))
        .order_by("-n")[:12]
    )
    bodies = Body.objects.count() if filters == EVERYTHING else qs.values("body").distinct().count()
    totals = {"reports": reports, "bodies": bodies, "with_errors": with_errors}
    return {"by_year": dict(sorted(by_year.items())), "by_level": by_level, "codes": codes, "totals": totals}


# -- ranking ----------------------------------------------------------------------


@dataclass(frozen=True)
class Ranked:
    """One body's value of a metric in a year."""

    report_id: int
    body_id: int
    body: str
    level: str
    level_label: str
    value: float | None
    numerator: Decimal | None
    denominator: Decimal | None
    small: bool

    @property
    def value_text(self) -> str:
        return text(self.value)

    @property
    def numerator_text(self) -> str:
        return text(self.numerator)

    @property
    def denominator_text(self) -> str:
        return text(self.denominator)


def text(value: Decimal | float | int | None, places: int = 2) -> str:
    """A number for people: no trailing zeros, at most ``places`` decimals, blank for None."""
    if value is None:
        return ""
    d = round(Decimal(str(value)), places)
    shown = format(d, "f")
    return shown.rstrip("0").rstrip(".") if "." in shown else shown


def ranking(
    m: Metric,
    year: int,
    filters: Filters = EVERYTHING,
    *,
    limit: int = 50,
    ascending: bool = False,
    hide_small: bool = False,
) -> tuple[list[Ranked], int]:
    """The top (or bottom) ``limit`` reports of ``year`` by ``m``, and how many have a value.

    Every metric is one fact-table key (a cell, or the ``derived.<id>`` rows the
    import stores), so this is an index scan on (key, year, value).
    """
    rows = CellValue.objects.filter(key=m.value_key, year=year)
    if filters != Filters(year=filters.year):
        rows = rows.filter(report__in=filters.apply(Report.objects.filter(year=year)).values("pk"))
    if hide_small and m.small:
        big = CellValue.objects.filter(key=f"{m.value_key}.den", year=year, value__gte=m.small)
        rows = rows.filter(report__in=big.values("report"))
    total = rows.count()
    order = ("value", "report_id") if ascending else ("-value", "report_id")
    top = list(rows.order_by(*order).values_list("report_id", "value")[:limit])
    ids = [pk for pk, _ in top]
    info = {
        r["pk"]: r
        for r in Report.objects.filter(pk__in=ids).values("pk", "body_id", "body__name", "body__level")
    }
    parts: dict[tuple[int, str], Decimal] = {}
    if m.stored:
        keys = [f"{m.value_key}.num", f"{m.value_key}.den"]
        for pk, key, value in CellValue.objects.filter(report_id__in=ids, key__in=keys).values_list(
            "report_id", "key", "value"
        ):
            parts[(pk, key.rsplit(".", 1)[1])] = value
    labels = dict(Level.choices)
    out = []
    for pk, value in top:
        r = info[pk]
        num = parts.get((pk, "num"), value) if m.stored else value
        den = parts.get((pk, "den"))
        out.append(
            Ranked(
                pk,
                r["body_id"],
                r["body__name"],
                r["body__level"],
                labels.get(r["body__level"], ""),
                float(value),
                num,
                den,
                bool(m.small and den is not None and den < m.small),
            )
        )
    return out, total


# -- summary (汇总) ---------------------------------------------------------------


@dataclass
class Summary:
    """The cells of all reports under a body for a year, summed in one template."""

    parent: Body
    year: int
    template: str
    report: CoreReport
    included: list[Report] = field(default_factory=list)
    excluded: list[Report] = field(default_factory=list)  # another template: not summed
    missing: list[Body] = field(default_factory=list)  # bodies below without a report that year


def summary(parent: Body, year: int) -> Summary:
    """Sum every cell over ``parent`` and the bodies below it; a cell blank everywhere stays blank."""
    template = template_for_year(year)
    tid = template.id if template else LEGACY
    ids = subtree(parent.pk)
    reports = list(
        Report.objects.filter(body_id__in=ids, year=year).select_related("body").order_by("body__name")
    )
    included = [r for r in reports if r.template == tid]
    excluded = [r for r in reports if r.template != tid]
    sums = dict(
        CellValue.objects.filter(report__in=included, year=year)
        .values("key")
        .annotate(total=Sum("value"))
        .values_list("key", "total")
    )
    with_report = {r.body_id for r in reports}
    missing = list(Body.objects.filter(pk__in=ids).exclude(pk__in=with_report).order_by("name"))
    if template is None:
        core = CoreReport(meta=Meta(body=f"{parent.name}（汇总）", year=year, template=LEGACY))
    else:
        money = money_keys()
        values = {k: plain(v, k in money) for k, v in sums.items() if k in template.cells}
        core = CoreReport.from_values(template, values, body=f"{parent.name}（汇总）", year=year)
    return Summary(parent, year, tid, core, included, excluded, missing)


# -- one body over the years -------------------------------------------------------


def series(body: Body, keys: tuple[str, ...] | None = None) -> dict[str, dict[int, Decimal]]:
    """``{key: {year: value}}`` of a body's reports (every key with a value unless ``keys``)."""
    qs = CellValue.objects.filter(report__body=body)
    if keys is not None:
        qs = qs.filter(key__in=keys)
    out: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for key, year, value in qs.values_list("key", "year", "value"):
        out[key][year] = value
    return out


# -- export -------------------------------------------------------------------------

EXPORT_META = ("body", "level", "year", "template")


def export_header() -> list[str]:
    """The export columns: body, level, year, template, then every cell key as in cells.md."""
    return [*EXPORT_META, *all_keys()]


def money_keys() -> frozenset[str]:
    return frozenset(
        k for t in ("2019", "2021") for k, spec in get_template(t).cells.items() if spec.kind is Kind.MONEY
    )


def plain(value: Decimal, money: bool) -> int | Decimal:
    """A stored value as the report had it: an int for counts, a trimmed Decimal for money."""
    if not money and value == value.to_integral_value():
        return int(value)
    trimmed = value.normalize()
    return trimmed.quantize(Decimal(1)) if trimmed == trimmed.to_integral_value() else trimmed


def export_rows(filters: Filters = EVERYTHING, chunk: int = 1000) -> Iterator[list[Any]]:
    """One row per report (the current version), in export_header() order; blanks are None."""
    keys = all_keys()
    position = {k: i + len(EXPORT_META) for i, k in enumerate(keys)}
    money = money_keys()
    labels = dict(Level.choices)
    qs = filters.apply(Report.objects.all()).order_by("body__name", "year", "pk")
    meta = list(qs.values_list("pk", "body__name", "body__level", "year", "template"))
    for start in range(0, len(meta), chunk):
        part = meta[start : start + chunk]
        rows: dict[int, list[Any]] = {}
        for pk, name, level, year, template in part:
            rows[pk] = [name, labels.get(level, level), year, template, *([None] * len(keys))]
        for report_id, key, value in CellValue.objects.filter(report_id__in=list(rows)).values_list(
            "report_id", "key", "value"
        ):
            if key in position:
                rows[report_id][position[key]] = plain(value, key in money)
        for pk, *_ in part:
            yield rows[pk]

"""Heuristic warnings: who may make 规章 (T2.6), and an unusual share of 其他处理 (T3.8).

Only the State Council's departments and the governments of provinces and of
cities with districts may make 规章 (《立法法》第九十一条、第九十三条); a township,
a county or a local department reporting some has most likely counted its
行政规范性文件 as 规章.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from functools import cache, lru_cache

from ..bodies import Role, Tier, read_name
from ..model import Finding, Report, Value
from ..templates.common import OTHER
from .catalogue import CATALOGUE, Text
from .plan import Plan
from .wording import listing, number

OTHER_SHARE_LIMIT = 0.2  # of (七)总计
OTHER_SHARE_MIN_TOTAL = 5  # below this a share says nothing


class Level(StrEnum):
    """The kinds of body that cannot make 规章."""

    TOWNSHIP = "township"
    COUNTY = "county"
    DEPARTMENT = "department"

    @property
    def text(self) -> Text:
        return {
            "township": Text("乡镇或街道", "township or sub-district"),
            "county": Text("县级政府", "county-level government"),
            "department": Text("政府部门", "government department"),
        }[self.value]


@lru_cache(maxsize=4096)
def guess_level(body: str | None) -> Level | None:
    """The body's level from its name, when the name makes it clear; None if it may make rules.

    The State Council's departments and the governments of provinces and cities
    (a 市 might lack districts: given the benefit of the doubt), with their
    general offices, may; so may a body whose name says nothing.
    """
    if not body:
        return None
    name = read_name(body)
    if name.tier is Tier.NATIONAL:
        return None
    if name.role is Role.DEPARTMENT:
        return Level.DEPARTMENT
    if name.tier is Tier.TOWNSHIP:
        return Level.TOWNSHIP
    if name.tier is Tier.COUNTY:
        return Level.COUNTY
    return None


@cache
def _rules_cells(plan: Plan) -> tuple[int, ...]:
    """Positions of the 规章 row of table 二."""
    return tuple(i for i, s in enumerate(plan.specs) if s.table.key == "active" and s.row.key == "rules")


def check_rules(plan: Plan, report: Report, values: Sequence[Value], lang: str) -> list[Finding]:
    """T2.6: a body that cannot make 规章 reporting some."""
    level = guess_level(report.meta.body)
    if level is None:
        return []
    reported = [(plan.specs[i], v) for i in _rules_cells(plan) if (v := values[i]) is not None and v > 0]
    if not reported:
        return []
    return [
        CATALOGUE["implausible-rules"].make(
            [s.key for s, _ in reported],
            lang=lang,
            detail={"level": level.value, "body": report.meta.body},
            body=report.meta.body,
            level=level.text,
            values=listing(
                [Text(f"{s.column.label} {number(v)}", f"{s.key} = {number(v)}") for s, v in reported]
            ),
        )
    ]


@cache
def _other_cells(plan: Plan) -> tuple[tuple[int, ...], int]:
    """Positions of the （六）其他处理 row(s) and of (七)总计, in the 总计 column of table 三."""
    other = tuple(
        i
        for i, s in enumerate(plan.specs)
        if s.table.key == "requests"
        and s.column.key == "total"
        and (s.row.label == OTHER or OTHER in s.row.path)
    )
    return other, plan.index["requests.total.total"]


def check_other_share(plan: Plan, values: Sequence[Value], lang: str) -> list[Finding]:
    """T3.8: the 2019 text asks supervisors to look into bodies with much 其他处理."""
    other_pos, total_pos = _other_cells(plan)
    terms = [values[i] for i in other_pos]
    total = values[total_pos]
    if total is None or total < OTHER_SHARE_MIN_TOTAL or None in terms:
        return []
    other = sum(terms)  # type: ignore[arg-type]
    share = other / total
    if share <= OTHER_SHARE_LIMIT:
        return []
    pct = Text(f"{share:.0%}", f"{share:.0%}")
    limit = Text(f"{OTHER_SHARE_LIMIT:.0%}", f"{OTHER_SHARE_LIMIT:.0%}")
    return [
        CATALOGUE["high-other-share"].make(
            [plan.keys[i] for i in (*other_pos, total_pos)],
            lang=lang,
            detail={"other": other, "total": total, "share": round(float(share), 4)},
            other=number(other),
            total=number(total),
            share=pct,
            limit=limit,
        )
    ]

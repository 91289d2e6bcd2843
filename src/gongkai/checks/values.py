"""Rules on single values: blanks, signs and whole numbers, T2.4, T2.5, money units and magnitudes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from ..model import Finding, Report, Value
from .catalogue import CATALOGUE, Text
from .plan import Plan
from .wording import cell_text, listing, number, row_text, table_number

AMOUNT_LIMIT = Decimal(10_000_000)  # 万元, i.e. 1,000 亿元: beyond any single body's yearly figure


def blank_tables(plan: Plan, values: Sequence[Value]) -> frozenset[str]:
    """The tables with no value at all."""
    return frozenset(
        tp.table.key for tp in plan.tables if values[tp.start : tp.stop].count(None) == tp.stop - tp.start
    )


def check_blanks(plan: Plan, values: Sequence[Value], blank: frozenset[str], lang: str) -> list[Finding]:
    """One finding per table with blanks: the whole table, or the list of blank cells."""
    out = []
    for tp in plan.tables:
        size = tp.stop - tp.start
        if values[tp.start : tp.stop].count(None) == 0:
            continue
        table = tp.table
        if table.key in blank:
            out.append(
                CATALOGUE["blank-table"].make(
                    plan.keys[tp.start : tp.stop],
                    lang=lang,
                    detail={"table": table.key},
                    number=table_number(table),
                    title=Text(table.title, table.key),
                    count=size,
                )
            )
            continue
        keys = [plan.keys[i] for i in range(tp.start, tp.stop) if values[i] is None]
        out.append(
            CATALOGUE["blank-cell"].make(
                keys,
                lang=lang,
                detail={"table": table.key},
                number=table_number(table),
                count=len(keys),
                blanks=listing([cell_text(plan.template.cells[k]) for k in keys]),
            )
        )
    return out


def check_numbers(plan: Plan, values: Sequence[Value], lang: str) -> list[Finding]:
    """Counts are whole and non-negative (T3.4, T4.2, T2.1); 本年增/减 is whole; amounts ≥ 0."""
    out = []
    if not _all_int(plan.count_values(values), signed=False):
        for i in plan.counts:
            v = values[i]
            if v is not None and not _whole(v):
                out.append(_cell_finding(plan, "non-integer-count", i, v, lang))
            elif v is not None and v < 0:
                out.append(_cell_finding(plan, "negative-count", i, v, lang))
    if not _all_int(plan.signed_values(values), signed=True):
        for i in plan.signed:
            v = values[i]
            if v is not None and not _whole(v):
                out.append(_cell_finding(plan, "non-integer-count", i, v, lang))
    for i in plan.money:
        v = values[i]
        if v is not None and v < 0:
            out.append(_cell_finding(plan, "negative-amount", i, v, lang))
    return out


def _all_int(values: Sequence[Value], *, signed: bool) -> bool:
    """The fast path: no blank and every value an ``int`` (and, unless ``signed``, none negative).

    Anything else sends the caller to its cell-by-cell loop, which decides precisely.
    """
    ints = cast(Sequence[int], values)  # a blank makes sum() raise TypeError
    try:
        return not ints or (type(sum(ints)) is int and (signed or min(ints) >= 0))
    except TypeError:
        return False


def _whole(value: int | Decimal) -> bool:
    return isinstance(value, int) or value == value.to_integral_value()


def _cell_finding(plan: Plan, code: str, i: int, value: int | Decimal, lang: str) -> Finding:
    spec = plan.specs[i]
    return CATALOGUE[code].make(
        (spec.key,), lang=lang, detail={"value": value}, cell=cell_text(spec), value=number(value)
    )


@dataclass(frozen=True)
class RowRule:
    """A heuristic on two cells of one row of table 二: warn when ``wrong(first, second)``."""

    code: str
    first: str  # column keys, also the message's field names
    second: str
    wrong: Callable[[int | Decimal, int | Decimal], bool]


ROW_RULES = (
    RowRule("items-below-zero", "prev", "change", lambda prev, change: prev + change < 0),  # T2.4
    RowRule(
        "published-exceeds-total", "published", "total", lambda published, total: published > total
    ),  # T2.5
)


def check_items(plan: Plan, values: Sequence[Value], lang: str) -> list[Finding]:
    """The :data:`ROW_RULES` over every row whose block has both columns (2019 table 二)."""
    out = []
    for rule in ROW_RULES:
        for spec, i, j in plan.pairs(rule.first, rule.second):
            a, b = values[i], values[j]
            if a is not None and b is not None and rule.wrong(a, b):
                out.append(
                    CATALOGUE[rule.code].make(
                        (plan.keys[i], plan.keys[j]),
                        lang=lang,
                        detail={rule.first: a, rule.second: b},
                        row=row_text(spec),
                        sum=number(a + b),
                        **{rule.first: number(a), rule.second: number(b)},
                    )
                )
    return out


def check_money(plan: Plan, report: Report, values: Sequence[Value], lang: str) -> list[Finding]:
    """An amount whose template prints no unit needs one written in the report; and a sane size."""
    out = []
    for i in plan.money:
        v = values[i]
        if v is None:
            continue
        spec = plan.specs[i]
        if v and spec.column.unit is None and report.cells[spec.key].unit is None:  # 0 needs no unit
            out.append(
                CATALOGUE["money-unit-missing"].make(
                    (spec.key,), lang=lang, detail={"value": v}, cell=cell_text(spec), value=number(v)
                )
            )
        if v > AMOUNT_LIMIT:
            out.append(
                CATALOGUE["implausible-amount"].make(
                    (spec.key,),
                    lang=lang,
                    detail={"value": v, "limit": AMOUNT_LIMIT},
                    cell=cell_text(spec),
                    value=number(v),
                    limit=Text(f"{AMOUNT_LIMIT:,}", f"{AMOUNT_LIMIT:,}"),
                )
            )
    return out

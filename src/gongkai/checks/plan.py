"""A template compiled once for checking: cell positions, identity instances as index getters.

Checking a report then means reading its values into one list in template
order and looking at positions in it, with no per-report dict building and
no key strings formatted on the clean path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter, itemgetter

from ..model import Report, Value
from ..templates import CellSpec, Identity, Kind, Table, Template
from .catalogue import Text
from .wording import cell_text, row_text

Getter = Callable[[Sequence[Value]], Sequence[Value]]

_value = attrgetter("value")


def getter(positions: Sequence[int]) -> Getter:
    """A C-level function picking ``positions`` out of a value list, always as a sequence.

    Evenly spaced positions (a row's columns, a column's rows, a single cell)
    become one slice; others an ``itemgetter`` of several items.
    """
    if not positions:
        return lambda values: ()
    first = positions[0]
    step = positions[1] - first if len(positions) > 1 else 1
    if step > 0 and list(positions) == list(range(first, positions[-1] + 1, step)):
        by_slice: Getter = itemgetter(slice(first, positions[-1] + 1, step))
        return by_slice
    pick: Getter = itemgetter(*positions)
    return pick


@dataclass(frozen=True, eq=False)
class TablePlan:
    """A statutory table's slice of the value list."""

    table: Table
    start: int
    stop: int


@dataclass(frozen=True, eq=False)
class IdentityPlan:
    """One identity instance: ``sum(lhs(values)) == sum(rhs(values))``."""

    identity: Identity
    lhs: Getter
    rhs: Getter
    keys: tuple[str, ...]  # lhs then rhs
    table: str
    total: Text  # the first left-hand cell, for identities of the form 总计 = Σ parts
    scope: Text  # the column or row every cell shares


@dataclass(frozen=True, eq=False)
class Plan:
    """Everything the single-report checks need to know about one template, precomputed."""

    template: Template
    keys: tuple[str, ...]
    index: dict[str, int]
    specs: tuple[CellSpec, ...]
    tables: tuple[TablePlan, ...]
    identities: tuple[IdentityPlan, ...]
    lhs: tuple[Getter, ...]  # of every identity instance, in order, for the all-at-once clean path
    rhs: tuple[Getter, ...]
    counts: tuple[int, ...]
    signed: tuple[int, ...]
    money: tuple[int, ...]
    count_values: Getter
    signed_values: Getter

    def read(self, report: Report) -> list[Value]:
        """The report's values in template order; a missing cell reads as blank."""
        cells = report.cells
        if len(cells) == len(self.keys) and tuple(cells) == self.keys:
            return list(map(_value, cells.values()))
        get = cells.get
        return [None if (c := get(k)) is None else c.value for k in self.keys]

    def pairs(self, first: str, second: str) -> tuple[tuple[CellSpec, int, int], ...]:
        """For every row whose block has both columns: (row's first cell, position, position)."""
        return _pairs(self, first, second)


@cache
def _pairs(plan: Plan, first: str, second: str) -> tuple[tuple[CellSpec, int, int], ...]:
    out = []
    for table in plan.template.tables:
        for block in table.blocks:
            cols = {c.key for c in block.columns}
            if first in cols and second in cols:
                for row in block.rows:
                    a = f"{table.key}.{row.key}.{first}"
                    b = f"{table.key}.{row.key}.{second}"
                    out.append((plan.template.cells[a], plan.index[a], plan.index[b]))
    return tuple(out)


def _scope(specs: Sequence[CellSpec]) -> Text:
    """The column (or else the row) that all cells of an identity instance share."""
    first = specs[0]
    if all(s.column is first.column for s in specs):
        return Text(first.column.label, first.column.key)
    if all(s.row is first.row for s in specs):
        return row_text(first)
    return Text(first.table.title, first.table.key)


def _identity(template: Template, index: dict[str, int], identity: Identity) -> IdentityPlan:
    specs = [template.cells[k] for k in identity.lhs + identity.rhs]
    return IdentityPlan(
        identity,
        getter([index[k] for k in identity.lhs]),
        getter([index[k] for k in identity.rhs]),
        identity.lhs + identity.rhs,
        specs[0].table.key,
        cell_text(specs[0]),
        _scope(specs),
    )


_PLANS: dict[str, Plan] = {}


def plan_for(template: Template) -> Plan:
    """The compiled plan of ``template`` (built on first use, then shared)."""
    plan = _PLANS.get(template.id)
    if plan is None:
        plan = _PLANS[template.id] = _compile(template)
    return plan


def _compile(template: Template) -> Plan:
    keys = template.keys
    index = {k: i for i, k in enumerate(keys)}
    specs = tuple(template.cells.values())
    identities = tuple(_identity(template, index, i) for i in template.identities)
    tables = []
    for table in template.tables:
        positions = [index[s.key] for s in specs if s.table is table]
        tables.append(TablePlan(table, positions[0], positions[-1] + 1))
    return Plan(
        template,
        keys,
        index,
        specs,
        tuple(tables),
        identities,
        tuple(i.lhs for i in identities),
        tuple(i.rhs for i in identities),
        tuple(i for i, s in enumerate(specs) if s.kind is Kind.COUNT),
        tuple(i for i, s in enumerate(specs) if s.kind is Kind.SIGNED),
        tuple(i for i, s in enumerate(specs) if s.kind is Kind.MONEY),
        getter([i for i, s in enumerate(specs) if s.kind is Kind.COUNT]),
        getter([i for i, s in enumerate(specs) if s.kind is Kind.SIGNED]),
    )

"""The shapes a statutory template is made of.

A template is data: tables of blocks, each block a grid of rows × columns.
The flat cell key of every number is ``<table>.<row>.<column>`` (see
``shared/spec/cells.md``); nothing else in gongkai spells keys by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a cell holds."""

    COUNT = "count"  # a non-negative integer
    SIGNED = "signed"  # an integer that may be negative (本年增/减)
    MONEY = "money"  # a decimal amount in 万元


class IdentityKind(StrEnum):
    """How strongly the format backs an identity (annual-report-format.md §4)."""

    STATED = "stated"  # written in the format itself
    DEFINITIONAL = "definitional"  # follows from a 总计 / sum label
    HEURISTIC = "heuristic"  # practice, not stated: a warning at most


@dataclass(frozen=True)
class Column:
    """A numeric column of a block."""

    key: str
    label: str
    kind: Kind = Kind.COUNT
    variants: tuple[str, ...] = ()
    group: str | None = None  # a spanning header above it (法人或其他组织)
    unit: str | None = None  # the unit the template prints (万元), if any


@dataclass(frozen=True)
class Row:
    """A numeric row of a block; ``path`` holds the row-span group labels above it."""

    key: str
    label: str
    variants: tuple[str, ...] = ()
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A grid of rows × columns with its own header (e.g. 第二十条第（五）项)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    header: str = "信息内容"  # the label over the row-label column
    # The official table lays the rows side by side as column groups over a single
    # line of numbers, with no row-label column (table 四).
    transposed: bool = False


@dataclass(frozen=True)
class Table:
    """One of the statutory tables 二, 三, 四."""

    key: str  # "active" | "requests" | "appeals"
    number: str  # 二 | 三 | 四
    title: str
    blocks: tuple[Block, ...]
    title_variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class CellSpec:
    """Everything a template says about one cell."""

    key: str
    table: Table
    block: Block
    row: Row
    column: Column

    @property
    def kind(self) -> Kind:
        return self.column.kind

    @property
    def label(self) -> str:
        """A human label such as ``行政许可·处理决定数量``."""
        return f"{self.row.label}·{self.column.label}"


@dataclass(frozen=True)
class Identity:
    """``sum(lhs) == sum(rhs)`` over cell keys; one instance per column/row/group."""

    code: str  # T3.1, T3.2, ...
    kind: IdentityKind
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    scope: str  # the column, row or group it is about, e.g. "natural"
    description: str


@dataclass(frozen=True)
class Section:
    """One of the six numbered parts of a report."""

    key: str  # s1 … s6
    number: str  # 一 … 六
    title: str
    core: tuple[str, ...]  # words that identify the heading in real reports


@dataclass(frozen=True)
class Template:
    """A statutory annual-report template (2019 or 2021)."""

    id: str
    name: str
    document: str  # the notice that issued it
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    identities: tuple[Identity, ...] = field(default=())

    def __post_init__(self) -> None:
        cells: dict[str, CellSpec] = {}
        for table in self.tables:
            for block in table.blocks:
                for row in block.rows:
                    for col in block.columns:
                        key = f"{table.key}.{row.key}.{col.key}"
                        if key in cells:
                            raise ValueError(f"duplicate cell key {key} in template {self.id}")
                        cells[key] = CellSpec(key, table, block, row, col)
        object.__setattr__(self, "_cells", cells)
        object.__setattr__(self, "_keys", tuple(cells))

    @property
    def cells(self) -> dict[str, CellSpec]:
        """Every cell of the template by key, in the official reading order."""
        cells: dict[str, CellSpec] = getattr(self, "_cells")  # noqa: B009 - set in __post_init__
        return cells

    @property
    def keys(self) -> tuple[str, ...]:
        keys: tuple[str, ...] = getattr(self, "_keys")  # noqa: B009 - set in __post_init__
        return keys

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def covers(self, year: int) -> bool:
        """Whether reports on ``year`` are meant to use this template."""
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

"""The official grid of each statutory table, derived from the template data.

HTML, DOCX and XLSX draw the same merged grid, so it is computed once here:
a table is a list of ``Slot``s (a position, its row/column span, its text or
cell key). Nothing here spells a label or a key; everything comes from
``gongkai.templates``. Three shapes occur in the official templates:

* several blocks (table 二): each block is a full-width title row
  (第二十条第（一）项), a header row (信息内容 + columns) and its rows; a block
  narrower than the table stretches its last column to the right edge;
* one block (table 三): the corner note spans the label columns and every
  header row, the block title (申请人情况) spans the value columns, column
  groups (法人或其他组织) span their columns, ungrouped columns span both lower
  header rows; row-group labels (三、本年度办理结果, （三）不予公开) span their rows;
* a transposed block (table 四): rows become column groups over one line of
  numbers (行政复议 over 5, 行政诉讼 over 未经复议直接起诉 and 复议后起诉).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from ..templates import Block, CellSpec, Column, Row, Table, Template, get_template


class Role(StrEnum):
    """What a slot of the grid holds."""

    TITLE = "title"  # a block title: 第二十条第（一）项, 申请人情况
    HEAD = "head"  # a column label, a column-group label or the corner note
    LABEL = "label"  # a row label or a row-group label
    VALUE = "value"  # one number of the report


@dataclass(frozen=True)
class Slot:
    """One (possibly merged) cell of the official grid."""

    row: int
    col: int
    role: Role
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    key: str | None = None  # the cell key, for VALUE slots


@dataclass(frozen=True)
class TableLayout:
    """A statutory table as the official template draws it."""

    table: Table
    width: int
    height: int
    label_width: int  # leading columns that hold row labels (0 for a transposed table)
    slots: tuple[Slot, ...]
    keys: Mapping[tuple[str, str, str], str]  # (block, row, column) keys → cell key

    def key(self, block: Block, row: Row, column: Column) -> str:
        """The cell key at a block's row and column."""
        return self.keys[(block.key, row.key, column.key)]

    def rows(self) -> list[list[Slot]]:
        """The slots grouped by the grid row they start on, left to right."""
        out: list[list[Slot]] = [[] for _ in range(self.height)]
        for slot in self.slots:
            out[slot.row].append(slot)
        return out

    def values(self) -> dict[str, Slot]:
        """The VALUE slot of every cell key of this table."""
        return {s.key: s for s in self.slots if s.key is not None}


@cache
def layouts(template_id: str) -> tuple[TableLayout, ...]:
    """The official layout of every table of a template, in the template's order."""
    template = get_template(template_id)
    return tuple(_table_layout(template, table) for table in template.tables)


def full_label(spec: CellSpec) -> str:
    """Every label that places a cell, top-down: ``三、本年度办理结果·…·法人或其他组织·商业企业``."""
    parts = [*spec.row.path, spec.row.label]
    if spec.column.group:
        parts.append(spec.column.group)
    parts.append(spec.column.label)
    return "·".join(parts)


def column_label(column: Column) -> str:
    """A column's header flattened to one line: ``法人或其他组织·商业企业``."""
    return f"{column.group}·{column.label}" if column.group else column.label


def label_depth(block: Block) -> int:
    """How many label columns a block's rows need (group labels + their own)."""
    return 1 + max((len(r.path) for r in block.rows), default=0)


def _table_layout(template: Template, table: Table) -> TableLayout:
    specs = {
        (s.block.key, s.row.key, s.column.key): s.key for s in template.cells.values() if s.table is table
    }
    grid = _Grid()
    if len(table.blocks) == 1 and table.blocks[0].transposed:
        label_width = 0
        _transposed_block(grid, table.blocks[0], specs)
    else:
        label_width = max(label_depth(b) for b in table.blocks)
        width = label_width + max(len(b.columns) for b in table.blocks)
        stacked = len(table.blocks) > 1
        for block in table.blocks:
            _block(grid, block, specs, label_width, width, stacked=stacked)
    return TableLayout(table, grid.width, grid.height, label_width, tuple(grid.slots), specs)


class _Grid:
    """Collects slots and tracks the grid's extent."""

    def __init__(self) -> None:
        self.slots: list[Slot] = []
        self.width = 0
        self.height = 0

    def add(self, slot: Slot) -> None:
        self.slots.append(slot)
        self.width = max(self.width, slot.col + slot.colspan)
        self.height = max(self.height, slot.row + slot.rowspan)


def _block(
    grid: _Grid,
    block: Block,
    specs: dict[tuple[str, str, str], str],
    label_width: int,
    width: int,
    *,
    stacked: bool,
) -> None:
    """A block in the usual orientation: header rows, then one grid row per template row."""
    top = grid.height
    head_depth = 2 if any(c.group for c in block.columns) else 1
    spans = _stretch(len(block.columns), width - label_width)
    if stacked:  # the title runs across the whole table, the corner sits beside the columns
        grid.add(Slot(top, 0, Role.TITLE, block.title, colspan=width))
        grid.add(Slot(top + 1, 0, Role.HEAD, block.header, rowspan=head_depth, colspan=label_width))
        _column_heads(grid, block.columns, top + 1, label_width, spans, head_depth)
    else:  # the corner spans every header row, the title only the value columns
        grid.add(Slot(top, 0, Role.HEAD, block.header, rowspan=head_depth + 1, colspan=label_width))
        grid.add(Slot(top, label_width, Role.TITLE, block.title, colspan=width - label_width))
        _column_heads(grid, block.columns, top + 1, label_width, spans, head_depth)
    first = grid.height
    for i, row in enumerate(block.rows):
        r = first + i
        for level, group in enumerate(row.path):
            if _starts_group(block.rows, i, level):
                span = _group_length(block.rows, i, level)
                grid.add(Slot(r, level, Role.LABEL, group, rowspan=span))
        depth = len(row.path)
        grid.add(Slot(r, depth, Role.LABEL, row.label, colspan=label_width - depth))
        col = label_width
        for column, span in zip(block.columns, spans, strict=True):
            key = specs[(block.key, row.key, column.key)]
            grid.add(Slot(r, col, Role.VALUE, colspan=span, key=key))
            col += span


def _column_heads(
    grid: _Grid, columns: Sequence[Column], top: int, left: int, spans: Sequence[int], depth: int
) -> None:
    """Column labels under their groups; an ungrouped label spans every header row."""
    col = left
    for i, (column, span) in enumerate(zip(columns, spans, strict=True)):
        if column.group is None:
            grid.add(Slot(top, col, Role.HEAD, column.label, rowspan=depth, colspan=span))
        else:
            if i == 0 or columns[i - 1].group != column.group:
                width = 0
                for c, s in zip(columns[i:], spans[i:], strict=True):
                    if c.group != column.group:
                        break
                    width += s
                grid.add(Slot(top, col, Role.HEAD, column.group, colspan=width))
            grid.add(Slot(top + depth - 1, col, Role.HEAD, column.label, colspan=span))
        col += span


def _transposed_block(grid: _Grid, block: Block, specs: dict[tuple[str, str, str], str]) -> None:
    """Rows side by side as column groups, their path labels above them, one line of numbers."""
    depth = max(len(r.path) for r in block.rows) + 2
    n = len(block.columns)
    for i, row in enumerate(block.rows):
        left = i * n
        for level, group in enumerate(row.path):
            if _starts_group(block.rows, i, level):
                grid.add(Slot(level, left, Role.HEAD, group, colspan=n * _group_length(block.rows, i, level)))
        below = len(row.path)
        grid.add(Slot(below, left, Role.HEAD, row.label, colspan=n))
        for j, column in enumerate(block.columns):
            grid.add(Slot(below + 1, left + j, Role.HEAD, column.label, rowspan=depth - below - 1))
            grid.add(Slot(depth, left + j, Role.VALUE, key=specs[(block.key, row.key, column.key)]))


def _stretch(n: int, room: int) -> list[int]:
    """Column spans for ``n`` columns in ``room`` grid columns: the last one takes the rest."""
    return [1] * (n - 1) + [room - n + 1]


def _starts_group(rows: Sequence[Row], i: int, level: int) -> bool:
    return i == 0 or rows[i - 1].path[: level + 1] != rows[i].path[: level + 1]


def _group_length(rows: Sequence[Row], i: int, level: int) -> int:
    prefix = rows[i].path[: level + 1]
    n = 0
    while i + n < len(rows) and rows[i + n].path[: level + 1] == prefix:
        n += 1
    return n

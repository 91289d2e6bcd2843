"""Read a rendered table back as a plain grid, independently of gongkai's layout code.

Each format's merged cells are expanded into every position they cover; a
position remembers the origin (top-left) of its merged cell, so spans can be
measured and a value spanning three columns is counted once. ``locate`` then
finds a template cell the way a person would: the one number whose row
carries the cell's row labels and whose column carries its column labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from docx.oxml.table import CT_Tc
from docx.table import Table as DocxTable
from lxml import etree
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.model import Value
from gongkai.templates import CellSpec

NUMBER = re.compile(r"^-?\d+(\.\d+)?(万元)?$")  # money where the header has no unit says 万元


@dataclass(frozen=True)
class Pos:
    """One position of an expanded grid."""

    value: Any  # str for text formats; str, int, float or None for XLSX
    origin: tuple[int, int]


Grid = list[list[Pos]]


def html_grid(table: etree._Element) -> Grid:
    """Expand an HTML table's rowspan/colspan."""
    placed: dict[tuple[int, int], Pos] = {}
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while (r, c) in placed:
                c += 1
            rs, cs = int(cell.get("rowspan", "1")), int(cell.get("colspan", "1"))
            text = "".join(cell.itertext())
            for dr in range(rs):
                for dc in range(cs):
                    placed[(r + dr, c + dc)] = Pos(text, (r, c))
            c += cs
    return _to_rows(placed)


def docx_grid(table: DocxTable) -> Grid:
    """Expand a Word table: merged cells are the same ``w:tc`` at several positions."""
    width = len(table.columns)
    cells = table._cells  # one _Cell per grid position (Table.cell() recomputes this on every call)
    origins: dict[CT_Tc, tuple[int, int]] = {}
    placed: dict[tuple[int, int], Pos] = {}
    for i, cell in enumerate(cells):
        r, c = divmod(i, width)
        placed[(r, c)] = Pos(cell.text, origins.setdefault(cell._tc, (r, c)))
    return _to_rows(placed)


def xlsx_grid(ws: Worksheet) -> Grid:
    """Expand a sheet's merged ranges (1-based sheet → 0-based grid)."""
    placed: dict[tuple[int, int], Pos] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.row is not None and cell.column is not None:
                placed[(cell.row - 1, cell.column - 1)] = Pos(cell.value, (cell.row - 1, cell.column - 1))
    for merged in ws.merged_cells.ranges:
        origin = (merged.min_row - 1, merged.min_col - 1)
        top = placed[origin].value
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                placed[(r, c)] = Pos(top, origin)
    return _to_rows(placed)


def _to_rows(placed: dict[tuple[int, int], Pos]) -> Grid:
    height = max(r for r, _ in placed) + 1
    width = max(c for _, c in placed) + 1
    return [[placed.get((r, c), Pos(None, (r, c))) for c in range(width)] for r in range(height)]


def labels_for(spec: CellSpec) -> set[str]:
    """Every label the official layout puts on a cell's row or above its column."""
    out = {spec.row.label, spec.column.label, *spec.row.path}
    if spec.column.group:
        out.add(spec.column.group)
    return out


def _is_number_slot(value: Any) -> bool:
    return (
        value is None or isinstance(value, int | float) or NUMBER.match(str(value)) is not None or value == ""
    )


class Finder:
    """Finds template cells in a grid by their labels, the way a person reads the table."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        # For each origin position holding a number: the texts left of it in its row and above it.
        self.contexts: dict[tuple[int, int], frozenset[str]] = {}
        for r, row in enumerate(grid):
            for c, pos in enumerate(row):
                if pos.origin == (r, c) and _is_number_slot(pos.value):
                    left = {str(p.value) for p in row[:c]}
                    self.contexts[(r, c)] = frozenset(left | {str(grid[i][c].value) for i in range(r)})

    def locate(self, spec: CellSpec) -> tuple[int, int]:
        """The one number position whose row and column context carry all the cell's labels."""
        wanted = labels_for(spec)
        hits = [pos for pos, context in self.contexts.items() if wanted <= context]
        assert len(hits) == 1, f"{spec.key}: expected one place, found {hits}"
        return hits[0]

    def value(self, spec: CellSpec) -> Any:
        r, c = self.locate(spec)
        return self.grid[r][c].value


def span(grid: Grid, text: str) -> tuple[int, int]:
    """(rowspan, colspan) of the first merged cell whose text is ``text``."""
    for r, row in enumerate(grid):
        for c, pos in enumerate(row):
            if pos.origin == (r, c) and pos.value == text:
                rows = sum(1 for line in grid if any(p.origin == (r, c) for p in line))
                cols = sum(1 for p in grid[r] if p.origin == (r, c))
                return rows, cols
    raise AssertionError(f"no cell {text!r}")


def as_value(found: Any) -> Value:
    """A grid value as a report value: blank → None, numbers → int or Decimal."""
    if found is None or found == "":
        return None
    if isinstance(found, float):
        return Decimal(repr(found))
    if isinstance(found, int):
        return found
    text = str(found)
    if text.endswith("万元"):
        return Decimal(text.removesuffix("万元"))
    return Decimal(text) if "." in text else int(text)


# Merged cells of the official layouts (annual-report-format.md §2–§3): text → (rowspan, colspan).
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
OFFICIAL_SPANS: dict[str, dict[str, dict[str, tuple[int, int]]]] = {
    "2019": {
        "二": {"第二十条第（一）项": (1, 4), "第二十条第（九）项": (1, 4), "采购总金额": (1, 2)},
        "三": {
            NOTE: (3, 3),
            "申请人情况": (1, 7),
            "法人或其他组织": (1, 5),
            "自然人": (2, 1),
            "总计": (2, 1),
            "三、本年度办理结果": (20, 1),
            "（三）不予公开": (8, 1),
            "（四）无法提供": (3, 1),
            "（五）不予处理": (5, 1),
            "（六）其他处理": (1, 2),
            "（七）总计": (1, 2),
            "一、本年新收政府信息公开申请数量": (1, 3),
            "四、结转下年度继续办理": (1, 3),
        },
    },
    "2021": {
        "二": {
            "第二十条第（一）项": (1, 4),
            "本年收费金额（单位：万元）": (1, 3),
            "本年处理决定数量": (1, 3),
        },
        "三": {
            NOTE: (3, 3),
            "申请人情况": (1, 7),
            "法人或其他组织": (1, 5),
            "三、本年度办理结果": (22, 1),
            "（六）其他处理": (3, 1),
        },
    },
}
APPEAL_SPANS = {
    "行政复议": (1, 5),
    "行政诉讼": (1, 10),
    "未经复议直接起诉": (1, 5),
    "复议后起诉": (1, 5),
    "结果维持": (2, 1),
}
for _spans in OFFICIAL_SPANS.values():
    _spans["四"] = APPEAL_SPANS

"""Markdown: headings, paragraphs and pipe tables, merged headers flattened.

Pipe tables cannot merge cells, so a column's header joins its group and its
own label (``法人或其他组织·商业企业``); a transposed table (四) also puts the
row labels in the header (``行政诉讼·未经复议直接起诉·结果维持``). Rows keep
one column per group level, repeating their group labels so every line
stands on its own, and their own label in the last label column, right
before the numbers (a row above the groups leaves the group columns
empty). Several blocks (table 二) become one pipe table each under their
title. One number per cell; blanks stay empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Report
from ..templates import Block
from .document import (
    cell_text,
    parts,
    report_title,
    signature,
)
from .layout import TableLayout, column_label, label_depth


def markdown(report: Report) -> str:
    """The whole report as Markdown (the document only: findings have no place in it)."""
    out = [f"# {report_title(report)}"]
    for part in parts(report):
        out.append(f"## {part.section.title}")
        out.extend(part.paragraphs)
        if part.table is not None:
            out.extend(table_markdown(report, part.table))
    out.extend(signature(report))
    return "\n\n".join(out) + "\n"


def table_markdown(report: Report, layout: TableLayout) -> list[str]:
    """The pipe table(s) of one statutory table, each block titled when there are several."""
    blocks = layout.table.blocks
    out: list[str] = []
    for block in blocks:
        if len(blocks) > 1:
            out.append(f"### {block.title}")
        out.append(
            _transposed(report, layout, block) if block.transposed else _regular(report, layout, block)
        )
    return out


def _regular(report: Report, layout: TableLayout, block: Block) -> str:
    depth = label_depth(block)
    head = [block.header] + [""] * (depth - 1) + [column_label(c) for c in block.columns]
    lines = [_line(head), _line(["---"] * depth + ["---:"] * len(block.columns))]
    for row in block.rows:
        labels = [*row.path] + [""] * (depth - 1 - len(row.path)) + [row.label]
        values = [cell_text(report, layout.key(block, row, c)) for c in block.columns]
        lines.append(_line(labels + values))
    return "\n".join(lines)


def _transposed(report: Report, layout: TableLayout, block: Block) -> str:
    head: list[str] = []
    values: list[str] = []
    for row in block.rows:
        for column in block.columns:
            head.append("·".join([*row.path, row.label, column.label]))
            values.append(cell_text(report, layout.key(block, row, column)))
    return "\n".join([_line(head), _line(["---:"] * len(head)), _line(values)])


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

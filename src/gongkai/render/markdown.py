"""Markdown: headings, paragraphs and pipe tables, merged headers flattened.

Pipe tables cannot merge cells, so a column's header joins its group and its
own label (``法人或其他组织·商业企业``); a transposed table (四) also puts the
row labels in the header (``行政诉讼·未经复议直接起诉·结果维持``); rows keep
one label column per level and repeat their group labels, so every line
stands on its own. Several blocks (table 二) become one pipe table each under
their title. One number per cell; blanks stay empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Finding, Report
from ..templates import Block
from .document import (
    FINDINGS_HEADING,
    chosen_findings,
    finding_line,
    format_value,
    parts,
    report_title,
    signature,
)
from .layout import TableLayout, column_label, label_depth


def markdown(report: Report, findings: Sequence[Finding] | None = None) -> str:
    """The whole report as Markdown, the finding list at the end."""
    out = [f"# {report_title(report)}"]
    for part in parts(report):
        out.append(f"## {part.section.title}")
        out.extend(part.paragraphs)
        if part.table is not None:
            out.extend(table_markdown(report, part.table))
    out.extend(signature(report))
    chosen = chosen_findings(report, findings)
    if chosen:
        out.append(f"## {FINDINGS_HEADING}")
        out.append("\n".join(f"- {finding_line(f)}" for f in sorted(chosen, key=lambda f: f.severity.rank)))
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
        labels = [*row.path, row.label]
        labels += [""] * (depth - len(labels))
        values = [format_value(report.value(layout.key(block, row, c))) for c in block.columns]
        lines.append(_line(labels + values))
    return "\n".join(lines)


def _transposed(report: Report, layout: TableLayout, block: Block) -> str:
    head: list[str] = []
    values: list[str] = []
    for row in block.rows:
        for column in block.columns:
            head.append("·".join([*row.path, row.label, column.label]))
            values.append(format_value(report.value(layout.key(block, row, column))))
    return "\n".join([_line(head), _line(["---:"] * len(head)), _line(values)])


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

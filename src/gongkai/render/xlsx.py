"""XLSX: one sheet per statutory table in the official merged layout, plus a flat sheet.

Sheets 表二/表三/表四 put the table title on row 1 and the official grid from
row 2 (merged ranges as in the template); numbers are real numbers, money with
decimals, blanks empty. A cell named by a finding is filled by severity and
carries the messages as a comment. The flat sheet 数据 lists key, label,
value, raw text and provenance for the meta and every cell, for machines.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Finding, Report, Severity
from ..templates import Kind, Template
from .document import MONEY_UNIT, cell_note, chosen_findings, problems_by_cell, report_title
from .layout import Role, Slot, TableLayout, full_label, layouts

FLAT_SHEET = "数据"
FLAT_HEADER = ("key", "label", "value", "raw", "provenance")
META_LABELS = {
    "meta.body": "报告机关",
    "meta.year": "报告年度",
    "meta.template": "年报格式",
    "meta.published": "发布日期",
}
MONEY_FORMAT = "0.00####"

_FONT = Font(name="宋体", size=10)
_TITLE_FONT = Font(name="黑体", size=12)
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="F8C9C4"),
    Severity.WARNING: PatternFill("solid", fgColor="FBE7A1"),
    Severity.INFO: PatternFill("solid", fgColor="D6E6F7"),
}


def workbook_bytes(report: Report, findings: Sequence[Finding] | None = None) -> bytes:
    """The report as an .xlsx file."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    wb.properties.title = report_title(report)
    wb.properties.creator = "gongkai"
    problems = problems_by_cell(chosen_findings(report, findings))
    template = report.template
    if template is not None:
        for lay in layouts(template.id):
            _table_sheet(wb.create_sheet(f"表{lay.table.number}"), report, template, lay, problems)
    _flat_sheet(wb.create_sheet(FLAT_SHEET), report, template)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _table_sheet(
    ws: Worksheet,
    report: Report,
    template: Template,
    layout: TableLayout,
    problems: Mapping[str, list[Finding]],
) -> None:
    ws.cell(1, 1, layout.table.title).font = _TITLE_FONT
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=layout.width)
    ws.row_dimensions[1].height = 24
    for r in range(2, layout.height + 2):
        for c in range(1, layout.width + 1):
            ws.cell(r, c).border = _BORDER
    for slot in layout.slots:
        _place(ws, slot, report, template, problems)
    for col, width in enumerate(_column_widths(layout), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _place(
    ws: Worksheet,
    slot: Slot,
    report: Report,
    template: Template,
    problems: Mapping[str, list[Finding]],
) -> None:
    row, col = slot.row + 2, slot.col + 1
    cell = ws.cell(row, col)
    cell.font = _FONT
    if slot.key is None:
        cell.value = slot.text
        cell.alignment = _LEFT if slot.role is Role.LABEL else _CENTER
    else:
        cell.value = report.value(slot.key)
        cell.alignment = _CENTER
        spec = template.cells[slot.key]
        if spec.kind is Kind.MONEY:  # shows 万元 where the header states no unit, like the documents
            cell.number_format = MONEY_FORMAT if spec.column.unit else f'{MONEY_FORMAT}"{MONEY_UNIT}"'
        found = problems.get(slot.key)
        if found:
            cell.fill = _FILLS[found[0].severity]
            text = cell_note(found)
            cell.comment = Comment(text, "gongkai")
    if slot.rowspan > 1 or slot.colspan > 1:
        ws.merge_cells(
            start_row=row, start_column=col, end_row=row + slot.rowspan - 1, end_column=col + slot.colspan - 1
        )


def _column_widths(layout: TableLayout) -> list[float]:
    """Label columns as wide as their longest unmerged label (within reason), numbers narrow."""
    widths = [9.0 if layout.label_width == 0 else 12.0] * layout.width
    for slot in layout.slots:
        if slot.role is Role.LABEL and slot.colspan == 1:
            widths[slot.col] = min(44.0, max(widths[slot.col], 2.2 * len(slot.text) + 2))
    return widths


def _flat_sheet(ws: Worksheet, report: Report, template: Template | None) -> None:
    ws.append(FLAT_HEADER)
    meta = report.meta
    meta_values: dict[str, Any] = {
        "meta.body": meta.body,
        "meta.year": meta.year,
        "meta.template": meta.template,
        "meta.published": meta.published.isoformat() if meta.published else None,
    }
    for key, value in meta_values.items():
        ws.append((key, META_LABELS[key], value, None, None))
    keys = template.keys if template else tuple(report.cells)
    for key in keys:
        spec = template.cells[key] if template else None
        cell = report.cells.get(key)
        prov = cell.provenance.to_dict() if cell and cell.provenance else None
        ws.append(
            (
                key,
                full_label(spec) if spec else "",
                cell.value if cell else None,
                cell.raw if cell else None,
                json.dumps(prov, ensure_ascii=False) if prov else None,
            )
        )
        if spec is not None and spec.kind is Kind.MONEY:
            ws.cell(ws.max_row, 3).number_format = MONEY_FORMAT
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDE", (40, 60, 14, 14, 40), strict=True):
        ws.column_dimensions[col].width = width

"""DOCX: the report as an office fills in the official template.

A4 with the margins of 党政机关公文格式 (GB/T 9704), the title in 小标宋,
section headings in 黑体, text in 仿宋_GB2312 (the east-asian font is set on
every style and run, so Word does not fall back to a Latin font), the three
tables with merged cells exactly as the template draws them, and the
signature. A cell named by a finding is shaded by severity and carries the
messages as a Word comment.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.run import Run

from ..model import Finding, Report, Severity
from .document import (
    cell_note,
    cell_text,
    chosen_findings,
    parts,
    problems_by_cell,
    report_title,
    signature,
)
from .layout import Role, Slot, TableLayout

TITLE_FONT, HEADING_FONT, BODY_FONT, TABLE_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312", "宋体"
LATIN_FONT = "Times New Roman"
BODY_SIZE, TABLE_SIZE = 16.0, 9.0  # 三号, 小五
PAGE = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}  # mm
_SHADES = {Severity.ERROR: "F8C9C4", Severity.WARNING: "FBE7A1", Severity.INFO: "D6E6F7"}


def document_bytes(report: Report, findings: Sequence[Finding] | None = None) -> bytes:
    """The report as a .docx file."""
    doc = Document()
    _setup(doc)
    doc.core_properties.title = report_title(report)
    doc.core_properties.author = report.meta.body or ""
    problems = problems_by_cell(chosen_findings(report, findings))
    doc.add_paragraph(report_title(report), style="Title")
    for part in parts(report):
        doc.add_paragraph(part.section.title, style="Heading 1")
        for text in part.paragraphs:
            doc.add_paragraph(text)
        if part.table is not None:
            _table(doc, report, part.table, problems)
    for line in signature(report):
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _setup(doc: DocxDocument) -> None:
    """A4, 公文 margins, and styles whose fonts suit Chinese."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE["width"]), Mm(PAGE["height"])
    section.top_margin, section.bottom_margin = Mm(PAGE["top"]), Mm(PAGE["bottom"])
    section.left_margin, section.right_margin = Mm(PAGE["left"]), Mm(PAGE["right"])
    styles = doc.styles
    for name, east_asian, size, bold in (
        ("Normal", BODY_FONT, BODY_SIZE, False),
        ("Title", TITLE_FONT, 22.0, False),
        ("Heading 1", HEADING_FONT, BODY_SIZE, False),
    ):
        style = styles[name]
        _fonts(style.element.get_or_add_rPr(), east_asian)
        font = style.font
        font.size, font.bold, font.color.rgb = Pt(size), bold, RGBColor(0, 0, 0)
    normal = styles["Normal"].paragraph_format
    normal.first_line_indent, normal.line_spacing = Pt(2 * BODY_SIZE), 1.5
    for name in ("Title", "Heading 1"):
        fmt = styles[name].paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.space_before, fmt.space_after = Pt(12), Pt(6)
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_ppr = styles["Title"].element.pPr
    if title_ppr is not None:  # the default Title has a coloured bottom rule
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)


def _fonts(rpr: CT_RPr, east_asian: str) -> None:
    """Set Latin and east-asian fonts in run properties, dropping theme fonts that would win."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if qn(attr) in rfonts.attrib:
            del rfonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _table(
    doc: DocxDocument, report: Report, layout: TableLayout, problems: Mapping[str, list[Finding]]
) -> None:
    table = doc.add_table(rows=layout.height, cols=layout.width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(layout)
    rows = table._tbl.tr_lst  # cells by grid offset: Table.cell() rescans the whole table per call
    for c, width in enumerate(widths):
        table.columns[c].width = Mm(width)
    for tr in rows:
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc.width = Mm(width)
    if len(layout.table.blocks) == 1:
        _repeat_header_rows(table, layout)
    for slot in layout.slots:
        tc = rows[slot.row].tc_at_grid_offset(slot.col)
        if slot.rowspan > 1 or slot.colspan > 1:
            corner = rows[slot.row + slot.rowspan - 1].tc_at_grid_offset(slot.col + slot.colspan - 1)
            tc = tc.merge(corner)
        _fill(doc, _Cell(tc, table), slot, report, problems)


def _fill(
    doc: DocxDocument, cell: _Cell, slot: Slot, report: Report, problems: Mapping[str, list[Finding]]
) -> None:
    """Write a slot's text or number into its (merged) cell, shaded and commented if it has problems."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    para = cell.paragraphs[0]
    fmt = para.paragraph_format
    fmt.first_line_indent, fmt.line_spacing, fmt.space_after = Pt(0), 1.0, Pt(0)
    para.alignment = WD_ALIGN_PARAGRAPH.LEFT if slot.role is Role.LABEL else WD_ALIGN_PARAGRAPH.CENTER
    text = slot.text if slot.key is None else cell_text(report, slot.key)
    run = para.add_run(text)
    _fonts(run._r.get_or_add_rPr(), TABLE_FONT)
    run.font.size = Pt(TABLE_SIZE)
    found = problems.get(slot.key) if slot.key else None
    if found:
        _shade(cell, _SHADES[found[0].severity])
        _comment(doc, run, found)


def _comment(doc: DocxDocument, run: Run, found: Sequence[Finding]) -> None:
    text = cell_note(found)
    doc.add_comment(run, text=text, author="gongkai", initials="GK")


def _shade(cell: _Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header_rows(table: Table, layout: TableLayout) -> None:
    """Header rows (no labels, no numbers) repeat on every page the table runs over."""
    for r, slots in enumerate(layout.rows()):
        if any(s.role in (Role.LABEL, Role.VALUE) for s in slots):
            break
        header = OxmlElement("w:tblHeader")
        table.rows[r]._tr.get_or_add_trPr().append(header)


def _column_widths(layout: TableLayout) -> list[float]:
    """Millimetres per grid column across the text width: labels take 40–45 %, numbers share the rest."""
    total = PAGE["width"] - PAGE["left"] - PAGE["right"]
    if layout.label_width == 0:
        return [total / layout.width] * layout.width
    label_area = total * (0.4 if layout.label_width == 1 else 0.45)
    if layout.label_width == 1:
        labels = [label_area]
    else:
        last = label_area * 0.55
        labels = [(label_area - last) / (layout.label_width - 1)] * (layout.label_width - 1) + [last]
    n = layout.width - layout.label_width
    return labels + [(total - label_area) / n] * n

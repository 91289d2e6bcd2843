"""Published-looking HTML, DOCX and PDF documents made from a Report, for the reader's tests and bench.

Deliberately independent of ``gongkai.render``: a round trip through the
project's own renderer cannot catch a layout both sides get wrong the same
way. The layout follows the official templates (merged title rows, row-span
group labels, a 2021 single-value block stretched over three columns) and
each emitter has the switches real documents need: undeclared or legacy
encodings, traditional characters, Word-export markup inside cells, ``<br>``
in headers, page furniture, tables without ruling lines, tables broken over
pages, a scan without a text layer.

``python tests/reader/docmaker.py [PART-OF-NAME]`` rewrites ``tests/fixtures/{html,docx,pdf}``
(or only the fixtures whose name contains PART-OF-NAME).
"""

from __future__ import annotations

import html as html_escape
import io
import json
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from gongkai.model import Report, Value
from gongkai.samples import random_report
from gongkai.templates import Block, Table, Template

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FONT = "STSong-Light"


# -- the document as data ------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A (possibly merged) table cell at its top-left grid position."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    value: bool = False  # holds a number of the report (not a label)


@dataclass
class TableDoc:
    """One statutory table laid out as merged slots."""

    slots: list[Slot] = field(default_factory=list)
    header_rows: int = 0  # rows repeated at the top of a continuation page
    label_cols: int = 0  # leading columns of row labels (printed flush left)

    @property
    def width(self) -> int:
        return max(s.col + s.colspan for s in self.slots)

    @property
    def height(self) -> int:
        return max(s.row + s.rowspan for s in self.slots)

    def add(self, slot: Slot) -> None:
        self.slots.append(slot)


Item = str | TableDoc  # a paragraph or a table, in reading order


def fmt(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _stacked_blocks(report: Report, table: Table) -> TableDoc:
    """Table 二: per block a full-width title row, a header row and its rows; the last column stretches."""
    width = 1 + max(len(b.columns) for b in table.blocks)
    doc = TableDoc(header_rows=0, label_cols=1)
    r = 0
    for block in table.blocks:
        doc.add(Slot(r, 0, block.title, colspan=width))
        spans = [1] * (len(block.columns) - 1) + [width - len(block.columns)]
        doc.add(Slot(r + 1, 0, block.header))
        col = 1
        for column, span in zip(block.columns, spans, strict=True):
            doc.add(Slot(r + 1, col, column.label, colspan=span))
            col += span
        for i, row in enumerate(block.rows):
            doc.add(Slot(r + 2 + i, 0, row.label))
            col = 1
            for column, span in zip(block.columns, spans, strict=True):
                value = fmt(report.value(f"{table.key}.{row.key}.{column.key}"))
                doc.add(Slot(r + 2 + i, col, value, colspan=span, value=True))
                col += span
        r += 2 + len(block.rows)
    return doc


def _requests(report: Report, table: Table) -> TableDoc:
    """Table 三: corner note, grouped column heads, row-span group labels over three label columns."""
    block = table.blocks[0]
    labels = 1 + max(len(r.path) for r in block.rows)
    doc = TableDoc(header_rows=3, label_cols=labels)
    doc.add(Slot(0, 0, block.header, rowspan=3, colspan=labels))
    doc.add(Slot(0, labels, block.title, colspan=len(block.columns)))
    for j, column in enumerate(block.columns):
        col = labels + j
        if column.group is None:
            doc.add(Slot(1, col, column.label, rowspan=2))
            continue
        if j == 0 or block.columns[j - 1].group != column.group:
            width = sum(1 for c in block.columns[j:] if c.group == column.group)
            doc.add(Slot(1, col, column.group, colspan=width))
        doc.add(Slot(2, col, column.label))
    for i, row in enumerate(block.rows):
        r = 3 + i
        for level, group in enumerate(row.path):
            if i == 0 or block.rows[i - 1].path[: level + 1] != row.path[: level + 1]:
                span = 1
                while (
                    i + span < len(block.rows)
                    and block.rows[i + span].path[: level + 1] == row.path[: level + 1]
                ):
                    span += 1
                doc.add(Slot(r, level, group, rowspan=span))
        doc.add(Slot(r, len(row.path), row.label, colspan=labels - len(row.path)))
        for j, column in enumerate(block.columns):
            value = fmt(report.value(f"{table.key}.{row.key}.{column.key}"))
            doc.add(Slot(r, labels + j, value, value=True))
    return doc


def _appeals(report: Report, table: Table) -> TableDoc:
    """Table 四: groups side by side over one line of numbers."""
    block: Block = table.blocks[0]
    n = len(block.columns)
    doc = TableDoc(header_rows=3)
    for i, row in enumerate(block.rows):
        left = i * n
        if row.path and (i == 0 or block.rows[i - 1].path != row.path):
            span = sum(1 for r in block.rows[i:] if r.path == row.path)
            doc.add(Slot(0, left, row.path[0], colspan=n * span))
        if row.path:
            doc.add(Slot(1, left, row.label, colspan=n))
        else:
            doc.add(Slot(0, left, row.label, colspan=n))
        for j, column in enumerate(block.columns):
            col = left + j
            if row.path:
                doc.add(Slot(2, col, column.label))
            else:
                doc.add(Slot(1, col, column.label, rowspan=2))
            doc.add(Slot(3, col, fmt(report.value(f"{table.key}.{row.key}.{column.key}")), value=True))
    return doc


def tables(report: Report) -> dict[str, TableDoc]:
    template = report.template
    assert template is not None
    return {
        "active": _stacked_blocks(report, template.table("active")),
        "requests": _requests(report, template.table("requests")),
        "appeals": _appeals(report, template.table("appeals")),
    }


FILLER = (
    "本机关坚持以公开为常态、不公开为例外，围绕中心工作做好政府信息公开，"
    "持续完善公开目录和公开指南，及时回应社会关切，保障人民群众的知情权、参与权和监督权。"
)


def title(report: Report) -> str:
    return f"{report.meta.body}{report.meta.year}年政府信息公开工作年度报告"


def items(report: Report, *, filler: int = 0) -> list[Item]:
    """The report as an official document reads: title, preamble, six sections, signature."""
    template: Template | None = report.template
    assert template is not None and report.meta.year and report.meta.published
    year, pub = report.meta.year, report.meta.published
    by_table = tables(report)
    out: list[Item] = [
        title(report),
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
    ]
    for section, table_key in zip(
        template.sections, ("", "active", "requests", "appeals", "", ""), strict=True
    ):
        out.append(section.title)
        if table_key:
            out.append(by_table[table_key])
        else:
            out.append(report.sections.get(section.key) or "无。")
            out.extend([FILLER] * (filler if section.key == "s1" else 0))
    out += [str(report.meta.body), f"{pub.year}年{pub.month}月{pub.day}日"]
    return out


def to_traditional(text: str) -> str:
    return str(_s2tw().convert(text))


@cache
def _s2tw() -> Any:
    """One converter for the run: building one loads OpenCC's dictionaries (~90 ms), a DOCX converts
    each of its ~300 cells."""
    import opencc

    return opencc.OpenCC("s2tw")


# -- HTML ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlStyle:
    encoding: str = "utf-8"
    declare: bool = True  # write <meta charset>
    word_markup: bool = False  # <td><p class=MsoNormal><span>7</span></p></td>
    header_breaks: bool = False  # 本年新<br>制作数量
    blank: str = ""  # how an empty cell is written: "", "&nbsp;", " "
    traditional: bool = False
    layout_table: bool = False  # the whole page inside a one-cell layout table
    short_rows: bool = False  # blank cells at a row's end left out (no <td>)


def _html_text(text: str, style: HtmlStyle, *, is_value: bool) -> str:
    if not text:
        return style.blank
    out = html_escape.escape(text)
    if style.header_breaks and not is_value and 6 <= len(text) <= 10:
        mid = len(text) // 2
        out = f"{html_escape.escape(text[:mid])}<br>{html_escape.escape(text[mid:])}"
    if style.word_markup:
        span = '<span lang=EN-US style="font-size:10.5pt;font-family:宋体">' if is_value else "<span>"
        out = f'<p class=MsoNormal align=center style="text-align:center">{span}{out}</span></p>'
    return out


def _html_table(doc: TableDoc, style: HtmlStyle) -> str:
    rows: list[list[Slot]] = [[] for _ in range(doc.height)]
    for slot in doc.slots:
        rows[slot.row].append(slot)
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">']
    for row in rows:
        out.append("<tr>")
        row = sorted(row, key=lambda s: s.col)
        while (
            style.short_rows and len(row) > 1 and row[-1].value and not row[-1].text and row[-1].colspan == 1
        ):
            row.pop()
        for s in row:
            attrs = (f' rowspan="{s.rowspan}"' if s.rowspan > 1 else "") + (
                f' colspan="{s.colspan}"' if s.colspan > 1 else ""
            )
            out.append(f"<td{attrs}>{_html_text(s.text, style, is_value=s.value)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def html(report: Report, style: HtmlStyle = HtmlStyle(), *, filler: int = 0) -> bytes:
    parts = []
    for item in items(report, filler=filler):
        if isinstance(item, TableDoc):
            parts.append(_html_table(item, style))
        else:
            parts.append(f'<p style="text-indent:2em">{html_escape.escape(item)}</p>')
    body = "\n".join(parts)
    if style.layout_table:
        body = f'<table width="100%"><tr><td class="content">\n{body}\n</td></tr></table>'
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={style.encoding}">'
        if style.declare
        else ""
    )
    page = (
        f"<!DOCTYPE html>\n<html><head>{meta}<title>{html_escape.escape(title(report))}</title>"
        "<script>var _hmt = _hmt || [];</script><style>td{border:1px solid #000}</style></head>\n"
        '<body><div class="nav">首页 &gt; 政府信息公开 &gt; 年度报告</div>\n'
        f'<div class="article">\n{body}\n</div>'
        '<div style="display:none">访问量统计</div></body></html>'
    )
    if style.traditional:
        page = to_traditional(page)
    return page.encode(style.encoding)


# -- DOCX ----------------------------------------------------------------------------------


def docx(report: Report, *, traditional: bool = False, filler: int = 0) -> bytes:
    import docx as python_docx

    convert: Callable[[str], str] = to_traditional if traditional else str
    document = python_docx.Document()
    for item in items(report, filler=filler):
        if isinstance(item, str):
            document.add_paragraph(convert(item))
            continue
        table = document.add_table(rows=item.height, cols=item.width)
        table.style = "Table Grid"
        for s in item.slots:
            cell = table.cell(s.row, s.col)
            if s.rowspan > 1 or s.colspan > 1:
                cell = cell.merge(table.cell(s.row + s.rowspan - 1, s.col + s.colspan - 1))
            cell.text = convert(s.text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# -- PDF -----------------------------------------------------------------------------------

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 50.0
COLUMN_WIDTHS = {  # points; each table fills the 495 pt text width
    "active": [150.0, 115.0, 115.0, 115.0],
    "requests": [28.0, 40.0, 172.0] + [36.4] * 7,
    "appeals": [33.0] * 15,
}


@dataclass(frozen=True)
class PdfStyle:
    lines: bool = True  # ruling lines around every cell
    font_size: float = 8.0
    body_size: float = 10.5
    page_numbers: bool = True
    repeat_header: bool = True  # repeat a table's header rows on a continuation page
    scanned: bool = False  # an image of a page and no text at all
    scanned_tables: bool = False  # text pages, but each table is a scanned page of its own
    scanned_page: bool = False  # a scanned page (an enclosure) after the first section's prose
    rotate: int = 0  # /Rotate of every page; the content is drawn turned back, so pages show upright
    sideways: tuple[str, ...] = ()  # tables printed sideways (landscape) on pages of their own
    requests_widths: tuple[float, ...] = ()  # table 三's column widths, to wrap its heads and labels
    heads_top: bool = False  # head cells aligned to their top (else centred)
    line_objects: bool = False  # one text object per line (a lone CJK glyph then has no size in PDFium)


def _wrap(text: str, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for ch in para:
            if line and stringWidth(line + ch, FONT, size) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


class _PdfWriter:
    """Lays items out top to bottom with reportlab's canvas, breaking pages itself."""

    def __init__(self, style: PdfStyle) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen.canvas import Canvas

        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        self.style = style
        self.buf = io.BytesIO()
        # pagesize is the page as shown: reportlab swaps the media box of a page turned 90° or 270°
        self.canvas = Canvas(self.buf, pagesize=(PAGE_W, PAGE_H), invariant=True)
        self.page = 1
        self.sideways = False
        self._begin_page()
        self.y = self.h - MARGIN  # top of the free space

    @property
    def w(self) -> float:  # the frame drawn in: the portrait page, or a landscape one turned onto it
        return PAGE_H if self.sideways else PAGE_W

    @property
    def h(self) -> float:
        return PAGE_W if self.sideways else PAGE_H

    def _begin_page(self) -> None:
        c = self.canvas
        if self.style.rotate:  # /Rotate turns the page clockwise; the content is drawn turned back
            c.setPageRotation(self.style.rotate)
            c.transform(*{90: (0, 1, -1, 0, PAGE_H, 0), 180: (-1, 0, 0, -1, PAGE_W, PAGE_H),
                          270: (0, -1, 1, 0, 0, PAGE_W)}[self.style.rotate])  # fmt: skip
        if self.sideways:  # a landscape frame, turned a quarter anticlockwise onto the portrait page
            c.saveState()
            c.transform(0, 1, -1, 0, PAGE_W, 0)

    def _end_page(self) -> None:
        if self.sideways:
            self.canvas.restoreState()  # the page number stands upright
        if self.style.page_numbers:
            self.canvas.setFont(FONT, 9)
            self.canvas.drawCentredString(PAGE_W / 2, 30, f"- {self.page} -")

    def new_page(self) -> None:
        self._end_page()
        self.canvas.showPage()
        self.page += 1
        self._begin_page()
        self.y = self.h - MARGIN

    def turn(self, sideways: bool) -> None:
        """Go on on a new page, printed sideways (landscape) or upright."""
        self.new_page()
        if self.sideways and not sideways:
            self.canvas.restoreState()
        elif sideways and not self.sideways:
            self.canvas.saveState()
            self.canvas.transform(0, 1, -1, 0, PAGE_W, 0)
        self.sideways = sideways
        self.y = self.h - MARGIN

    def text(self, lines: list[tuple[float, float, str]], size: float) -> None:
        """Lines at (x, baseline): one text object for all, or one per line (``line_objects``)."""
        if self.style.line_objects:
            self.canvas.setFont(FONT, size)
            for x, y, line in lines:
                self.canvas.drawString(x, y, line)
            return
        obj = self.canvas.beginText()
        obj.setFont(FONT, size)
        for x, y, line in lines:
            obj.setTextOrigin(x, y)
            obj.textOut(line)
        self.canvas.drawText(obj)

    def paragraph(self, text: str, *, size: float | None = None, centred: bool = False) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = size or self.style.body_size
        leading = size * 1.6
        placed: list[tuple[float, float, str]] = []
        for line in _wrap(text, self.w - 2 * MARGIN - 2 * size, size):
            if self.y - leading < MARGIN:
                self.text(placed, size)
                placed = []
                self.new_page()
            self.y -= leading
            x = (self.w - stringWidth(line, FONT, size)) / 2 if centred else MARGIN + 2 * size
            placed.append((x, self.y + size * 0.3, line))
        self.text(placed, size)
        self.y -= size * 0.4

    def table(self, doc: TableDoc, widths: Sequence[float]) -> None:
        size = self.style.font_size
        leading = size * 1.3
        xs = [MARGIN]
        for w in widths:
            xs.append(xs[-1] + w)
        heights = [leading + 6] * doc.height
        for s in doc.slots:
            if s.rowspan == 1:
                lines = _wrap(s.text, xs[s.col + s.colspan] - xs[s.col] - 4, size)
                heights[s.row] = max(heights[s.row], len(lines) * leading + 6)
        rows_on_page: list[int] = []
        self.y -= 4
        if self.y - sum(heights[: doc.header_rows + 1]) < MARGIN:
            self.new_page()
        for r in range(doc.height):
            if rows_on_page and self.y - heights[r] < MARGIN:
                self._draw_rows(doc, rows_on_page, xs, heights)
                self.new_page()
                rows_on_page = list(range(doc.header_rows)) if self.style.repeat_header else []
                self.y -= sum(heights[h] for h in rows_on_page)
            rows_on_page.append(r)
            self.y -= heights[r]
        self._draw_rows(doc, rows_on_page, xs, heights)
        self.y -= 8

    def _draw_rows(self, doc: TableDoc, rows: list[int], xs: list[float], heights: list[float]) -> None:
        """Draw the rows that sit on the current page; they end at ``self.y``."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        top: dict[int, float] = {}
        y = self.y + sum(heights[r] for r in rows)
        for r in rows:
            top[r] = y
            y -= heights[r]
        bottom = {r: top[r] - heights[r] for r in rows}
        c = self.canvas
        c.setFont(FONT, self.style.font_size)
        c.setLineWidth(0.5)
        for s in doc.slots:
            visible = [r for r in rows if s.row <= r < s.row + s.rowspan]
            if not visible:
                continue
            x0, x1 = xs[s.col], xs[s.col + s.colspan]
            y_top, y_bottom = top[visible[0]], bottom[visible[-1]]
            if self.style.lines:
                c.rect(x0, y_bottom, x1 - x0, y_top - y_bottom)
            if s.row not in rows:
                continue  # the rest of a tall merged cell on a continuation page stays empty
            size = self.style.font_size
            lines = _wrap(s.text, x1 - x0 - 4, size)
            leading = size * 1.3
            y_text = (y_top + y_bottom) / 2 + (len(lines) * leading) / 2 - size
            if self.style.heads_top and s.row < doc.header_rows:
                y_text = y_top - 3 - size
            placed = []
            for line in lines:  # numbers and column heads centred, row labels flush left
                label = s.col < doc.label_cols and s.row >= doc.header_rows and s.colspan < doc.width
                centred = not label or s.text == "信息内容"
                x = (x0 + x1 - stringWidth(line, FONT, size)) / 2 if centred else x0 + 2
                placed.append((x, y_text, line))
                y_text -= leading
            self.text(placed, size)

    def scan_page(self, seed: int) -> None:
        """A scanned page between text pages (no page number: the scan has its own)."""
        self.new_page()
        self.scan(seed)
        self.canvas.showPage()
        self.page += 1

    def scan(self, seed: int) -> None:
        """A page that is only a picture (a scan): grey lines where text would be."""
        from PIL import Image, ImageDraw
        from reportlab.lib.utils import ImageReader

        rng = random.Random(seed)
        img = Image.new("L", (600, 850), 245)
        draw = ImageDraw.Draw(img)
        for y in range(60, 800, 18):
            draw.line((60 + rng.randint(0, 40), y, 540 - rng.randint(0, 80), y), fill=60, width=6)
        self.canvas.drawImage(ImageReader(img), 0, 0, PAGE_W, PAGE_H)

    def finish(self) -> bytes:
        self._end_page()
        self.canvas.showPage()
        self.canvas.save()
        return self.buf.getvalue()


def pdf(
    report: Report, style: PdfStyle = PdfStyle(), *, filler: int = 0, gap_before: Sequence[str] = ()
) -> bytes:
    """A text-layer PDF (or a scan) of the report.

    ``gap_before`` names tables pushed towards the page end by blank space, so they
    break across the page.
    """
    writer = _PdfWriter(style)
    if style.scanned:
        writer.scan(report.meta.year or 0)
        writer.canvas.showPage()
        writer.canvas.save()
        return writer.buf.getvalue()
    for i, item in enumerate(items(report, filler=filler)):
        if isinstance(item, TableDoc) and style.scanned_tables:
            writer.scan_page(i)
        elif isinstance(item, TableDoc):
            key = _table_key(report, item)
            if key in gap_before and writer.y > MARGIN + 200:
                writer.y = MARGIN + 200
            if key in style.sideways:
                writer.turn(True)
                widths = [w * (writer.w - 2 * MARGIN) / sum(COLUMN_WIDTHS[key]) for w in COLUMN_WIDTHS[key]]
                writer.table(item, widths)
                writer.turn(False)
            elif key == "requests" and style.requests_widths:
                writer.table(item, style.requests_widths)
            else:
                writer.table(item, COLUMN_WIDTHS[key])
        else:
            writer.paragraph(item, size=16 if i == 0 else None, centred=i == 0)
            if style.scanned_page and item == report.sections.get("s1"):
                writer.scan_page(i)
    return writer.finish()


def _table_key(report: Report, doc: TableDoc) -> str:
    return {4: "active", 10: "requests", 15: "appeals"}[doc.width]


# -- fixtures ------------------------------------------------------------------------------


def expected(report: Report) -> dict[str, object]:
    data = report.to_dict(provenance=False)
    return {
        "meta": {k: data["meta"][k] for k in ("body", "year", "template", "published")},
        "cells": data["cells"],
    }


def with_blanks(report: Report, rng: random.Random, share: float = 0.2) -> Report:
    """The same report with some cells left blank (None), as offices do."""
    out = Report.from_dict(report.to_dict())
    for key in list(out.cells):
        if rng.random() < share:
            out.set(key, None)
    return out


@dataclass(frozen=True)
class Fixture:
    name: str  # file name, says what problem it reproduces
    report: Report
    make: Callable[[Report], bytes]
    error: str | None = None  # the GongkaiError the reader must raise instead of reading it
    findings: tuple[str, ...] = ()  # finding codes the reader must report
    tables_unread: bool = False  # the tables cannot be read (scanned): every cell comes out blank


def fixtures() -> Iterator[Fixture]:
    r19 = random_report(190, "2019", year=2020, body="青山镇人民政府")
    r21 = random_report(210, "2021", year=2022, body="临江县自然资源局")
    r21b = with_blanks(random_report(211, "2021", year=2023, body="白沙区市场监督管理局"), random.Random(7))
    big5 = random_report(212, "2021", year=2021, body="松溪县人民政府办公室")
    yield Fixture("html/official-2019-utf8.html", r19, lambda r: html(r))
    yield Fixture(
        "html/official-2021-gbk-undeclared.html", r21, lambda r: html(r, HtmlStyle("gbk", declare=False))
    )
    yield Fixture(
        "html/gb18030-declared-gb2312.html",
        r19,
        lambda r: _relabel(html(r, HtmlStyle("gb18030")), b"gb18030", b"gb2312"),
    )
    yield Fixture(
        "html/big5-traditional-undeclared.html",
        big5,
        lambda r: html(r, HtmlStyle("big5", declare=False, traditional=True)),
    )
    yield Fixture(
        "html/word-export-spans-and-breaks.html",
        r21b,
        lambda r: html(r, HtmlStyle(word_markup=True, header_breaks=True, blank="&nbsp;")),
    )
    yield Fixture("html/layout-table-wrapper.html", r19, lambda r: html(r, HtmlStyle(layout_table=True)))
    yield Fixture(
        "html/short-rows-blank-cells-omitted.html", r21b, lambda r: html(r, HtmlStyle(short_rows=True))
    )
    yield Fixture("docx/official-2019-vmerge-labels.docx", r19, lambda r: docx(r))
    yield Fixture("docx/official-2021-blanks.docx", r21b, lambda r: docx(r))
    yield Fixture("docx/traditional-2021.docx", big5, lambda r: docx(r, traditional=True))
    yield Fixture("pdf/ruled-2019.pdf", r19, lambda r: pdf(r))
    yield Fixture(
        "pdf/ruled-2021-table-split-over-pages.pdf", r21, lambda r: pdf(r, gap_before=("requests",))
    )
    yield Fixture("pdf/unruled-2021.pdf", r21, lambda r: pdf(r, PdfStyle(lines=False)))
    yield Fixture(
        "pdf/unruled-blank-cells-columns-from-heads.pdf", r21b, lambda r: pdf(r, PdfStyle(lines=False))
    )
    yield Fixture(
        "pdf/unruled-2019-split-no-repeated-header.pdf",
        r19,
        lambda r: pdf(r, PdfStyle(lines=False, repeat_header=False), gap_before=("requests",)),
    )
    yield Fixture(
        "pdf/scanned-no-text-layer.pdf", r21, lambda r: pdf(r, PdfStyle(scanned=True)), "OcrNeededError"
    )
    yield Fixture("pdf/one-glyph-text-objects.pdf", r19, lambda r: pdf(r, PdfStyle(line_objects=True)))
    yield Fixture(
        "pdf/mixed-tables-on-scanned-pages.pdf",
        r21,
        lambda r: pdf(r, PdfStyle(scanned_tables=True)),
        findings=("pages-need-ocr", "table-missing"),
        tables_unread=True,
    )
    yield Fixture("pdf/rotate-90-ruled-2021.pdf", r21, lambda r: pdf(r, PdfStyle(rotate=90)))
    yield Fixture("pdf/rotate-180-unruled-2019.pdf", r19, lambda r: pdf(r, PdfStyle(lines=False, rotate=180)))
    yield Fixture(
        "pdf/rotate-270-ruled-2021-split.pdf",
        r21b,
        lambda r: pdf(r, PdfStyle(rotate=270), gap_before=("requests",)),
    )
    yield Fixture(
        "pdf/sideways-table-three-ruled-2021.pdf", r21, lambda r: pdf(r, PdfStyle(sideways=("requests",)))
    )
    yield Fixture(
        "pdf/sideways-table-three-over-two-pages-ruled-2021.pdf",
        r21b,
        lambda r: pdf(r, PdfStyle(font_size=11.0, sideways=("requests",))),
    )
    yield Fixture(
        "pdf/sideways-tables-unruled-2019.pdf",
        r19,
        lambda r: pdf(r, PdfStyle(lines=False, sideways=("requests", "appeals"))),
    )
    narrow = (28.0, 40.0, 270.0) + (22.0,) * 7  # heads of table 三 wrap after every character
    yield Fixture(
        "pdf/unruled-2021-heads-wrapped-every-character.pdf",
        r21b,
        lambda r: pdf(r, PdfStyle(lines=False, font_size=9.0, requests_widths=narrow)),
    )
    labels = (28.0, 40.0, 100.0) + (26.0,) * 7  # and row labels over two or three lines
    yield Fixture(
        "pdf/unruled-2021-labels-wrapped-over-three-lines.pdf",
        r21,
        lambda r: pdf(r, PdfStyle(lines=False, requests_widths=labels)),
    )
    yield Fixture(
        "pdf/unruled-2019-heads-of-table-four-interleaved.pdf",  # centred heads of 1 to 3 lines
        r19,
        lambda r: pdf(r, PdfStyle(lines=False, font_size=10.0, requests_widths=labels)),
    )
    filled = (20.0, 30.0, 80.0) + (20.0,) * 7  # heads fill their columns: less than 1 em between them
    yield Fixture(
        "pdf/unruled-2019-heads-filling-narrow-columns.pdf",
        r19,
        lambda r: pdf(r, PdfStyle(lines=False, requests_widths=filled)),
    )
    r19b = with_blanks(random_report(191, "2019", year=2021, body="东湖街道办事处"), random.Random(3))
    yield Fixture(
        "pdf/unruled-2019-heads-filling-narrow-columns-top-aligned.pdf",
        r19b,
        lambda r: pdf(r, PdfStyle(lines=False, heads_top=True, requests_widths=filled)),
    )
    r21c = with_blanks(random_report(1, "2021"), random.Random(1), 0.3)  # 本年制发件数 all blank in 表二
    yield Fixture(
        "pdf/unruled-2021-a-value-column-without-numbers.pdf",
        r21c,
        lambda r: pdf(r, PdfStyle(lines=False, repeat_header=False)),
    )
    r21d = with_blanks(random_report(3952, "2021"), random.Random(3952), 0.3)  # 表二 has three numbers
    yield Fixture(
        "pdf/unruled-2021-few-numbers-far-apart.pdf",
        r21d,
        lambda r: pdf(r, PdfStyle(lines=False, repeat_header=False)),
    )
    yield Fixture(
        "pdf/mixed-scanned-enclosure-page.pdf",
        r19,
        lambda r: pdf(r, PdfStyle(scanned_page=True)),
        findings=("pages-need-ocr",),
    )


def fixture_paths(kind: str) -> list[Path]:
    """The committed fixture documents of one format (html, docx, pdf)."""
    return sorted(p for p in (FIXTURES / kind).iterdir() if p.suffix != ".json")


def differences(path: Path) -> list[str]:
    """Read a fixture and list how it differs from the JSON beside it (empty: as expected)."""
    from gongkai.errors import GongkaiError
    from gongkai.reader import read

    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    try:
        got = read(path).to_dict(provenance=False)
    except GongkaiError as exc:
        return [] if type(exc).__name__ == want.get("error") else [f"raised {type(exc).__name__}: {exc}"]
    if "error" in want:
        return [f"read without raising {want['error']}"]
    out = [
        f"meta.{k}: want {v!r}, got {got['meta'][k]!r}"
        for k, v in want["meta"].items()
        if got["meta"][k] != v
    ]
    out += [
        f"{k}: want {v!r}, got {got['cells'].get(k)!r}"
        for k, v in want["cells"].items()
        if got["cells"].get(k) != v
    ]
    codes = {f["code"] for f in got["findings"]}
    out += [f"finding {code} not reported" for code in want.get("findings", ()) if code not in codes]
    return out


def _relabel(data: bytes, old: bytes, new: bytes) -> bytes:
    return data.replace(b"charset=" + old, b"charset=" + new, 1)


def write_fixtures(root: Path = FIXTURES, only: str = "") -> list[Path]:
    """Write the fixture documents (those whose name contains ``only``) and their expected JSON."""
    written = []
    for fx in fixtures():
        if only not in fx.name:
            continue
        path = root / fx.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fx.make(fx.report))
        want = {"error": fx.error} if fx.error else expected(fx.report)
        if fx.tables_unread:
            want["cells"] = dict.fromkeys(fx.report.cells)
        if fx.findings:
            want["findings"] = list(fx.findings)
        path.with_suffix(".json").write_text(
            json.dumps(want, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_fixtures(only=sys.argv[1] if len(sys.argv) > 1 else ""):
        print(p.relative_to(FIXTURES), file=sys.stderr)

"""PDF shapes ``docmaker`` does not make, and the fixtures made of them.

Text layers that print but are not Chinese (a font's wrong Unicode map),
scanned pages that carry a line of real text, text inside form XObjects, page
numbers stamped over a table, a table row broken by the page, labels wrapped
over narrow Word columns in a table split over pages.
``python tests/reader/test_reader_pdf_shapes.py`` rewrites the fixtures listed
in ``shape_fixtures`` (they are built on ``docmaker``'s layout).
"""

from __future__ import annotations

import io
import itertools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from unittest import mock

import docmaker
import pypdfium2 as pdfium
import pytest
from docmaker import FIXTURES, Fixture, PdfStyle, differences, expected, pdf, to_traditional
from pdfminer.cmapdb import CMapDB
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from gongkai.errors import OcrNeededError
from gongkai.model import Report
from gongkai.reader.blocks import Grid
from gongkai.reader.pdf import pdf_read
from gongkai.samples import random_report

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


# -- a font whose Unicode map is wrong ------------------------------------------------------


def _shifted_map() -> str:
    """A ToUnicode CMap that sends every block of 256 Han code points 16 blocks further on."""
    first, end = 0x4E, 0xA0
    ranges = [
        f"<{b:02X}00> <{b:02X}FF> <{first + (b - first + 16) % (end - first):02X}00>"
        for b in range(first, end)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
            "/CMapName /Shifted def /CMapType 2 def",
            "1 begincodespacerange <0000> <FFFF> endcodespacerange",
            f"{len(ranges)} beginbfrange",
            *ranges,
            "endbfrange endcmap CMapName currentdict /CMap defineresource pop end end",
        ]
    )


class _WrongMapFont(UnicodeCIDFont):
    """STSong-Light (glyphs shown right) with a ToUnicode map that gives other Han characters."""

    def __init__(self, name: str) -> None:
        super().__init__(FONT)
        self.name = self.fontName = name

    def addObjects(self, doc: pdfdoc.PDFDocument) -> None:
        super().addObjects(doc)
        ref = doc.idToObject["BasicFonts"].dict[doc.fontMapping[self.name][1:]]
        font = doc.idToObject[ref.name]
        font.dict["ToUnicode"] = doc.Reference(pdfdoc.PDFStream(content=_shifted_map()))


WRONG_MAP = "WrongMapSong"
if WRONG_MAP not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(_WrongMapFont(WRONG_MAP))


def wrong_unicode_map(report: Report) -> bytes:
    """The report in a font whose ToUnicode map shifts every Han character: it prints right, reads wrong."""
    with mock.patch.dict(pdfmetrics._fonts, {FONT: _WrongMapFont(FONT)}):
        return pdf(report)


# -- scanned pages that carry a little real text --------------------------------------------


def _scan_with_a_header(writer: docmaker._PdfWriter, seed: int) -> None:
    """A scanned page, and a header line and a stamp's text laid over it as text."""
    _scan(writer, seed)
    writer.canvas.setFont(FONT, 9)
    writer.canvas.drawString(60, 812, "青山镇人民政府2020年政府信息公开工作年度报告（附表扫描件）")
    writer.canvas.drawString(420, 120, "青山镇人民政府办公室")


_scan = docmaker._PdfWriter.scan


def scans_with_headers(report: Report, style: PdfStyle) -> bytes:
    with mock.patch.object(docmaker._PdfWriter, "scan", _scan_with_a_header):
        return pdf(report, style)


def whole_scan_with_headers(report: Report) -> bytes:
    """Three scanned pages, each with a header line, a stamp's text and a page number as text."""
    writer = docmaker._PdfWriter(PdfStyle())
    for page in range(3):
        if page:
            writer.new_page()
        _scan_with_a_header(writer, page)
    return writer.finish()


# -- pages drawn as form XObjects -----------------------------------------------------------


def as_forms(data: bytes) -> bytes:
    """Every page made a form XObject (with its own resources) drawn on a new page, as imposition does."""
    source, out = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    for i in range(len(source)):
        page = out.new_page(*source[i].get_size())
        page.insert_obj(source.page_as_xobject(i, out).as_pageobject())
        page.gen_content()
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


# -- page numbers stamped over a table -----------------------------------------------------


def _stamped_page_number(writer: docmaker._PdfWriter, fmt: str) -> None:
    """The page number a publishing system stamps 79 pt above the bottom edge, over the body's last lines."""
    if writer.sideways:
        writer.canvas.restoreState()
    writer.canvas.setFont(FONT, 9)
    writer.canvas.drawCentredString(docmaker.PAGE_W / 2, 79, fmt.format(page=writer.page))


def stamped_page_numbers(report: Report, style: PdfStyle, fmt: str) -> bytes:
    def end(writer: docmaker._PdfWriter) -> None:
        _stamped_page_number(writer, fmt)

    with mock.patch.object(docmaker._PdfWriter, "_end_page", end):
        return pdf(report, style, gap_before=("requests",))


# -- the fixtures ---------------------------------------------------------------------------


def shape_fixtures() -> Iterator[Fixture]:
    r19 = random_report(190, "2019", year=2020, body="青山镇人民政府")
    r21 = random_report(210, "2021", year=2022, body="临江县自然资源局")
    yield Fixture("pdf/wrong-unicode-map-han-shifted.pdf", r21, wrong_unicode_map, "OcrNeededError")
    yield Fixture(
        "pdf/page-numbers-stamped-over-a-split-table-unruled-2021.pdf",
        r21,
        lambda r: stamped_page_numbers(r, PdfStyle(lines=False), "第 {page} 页 共 5 页"),
    )
    yield Fixture(
        "pdf/page-numbers-stamped-over-a-split-table-ruled-2019.pdf",
        r19,
        lambda r: stamped_page_numbers(r, PdfStyle(), "— {page} —"),
    )
    labels = (28.0, 40.0, 100.0) + (26.0,) * 7  # Word's narrow label column: labels over two or three lines
    yield Fixture(
        "pdf/ruled-2021-labels-wrapped-split-repeated-header.pdf",
        r21,
        lambda r: pdf(r, PdfStyle(requests_widths=labels), gap_before=("requests",)),
    )
    yield Fixture(
        "pdf/unruled-2019-labels-wrapped-split-repeated-header.pdf",
        r19,
        lambda r: pdf(r, PdfStyle(lines=False, requests_widths=labels), gap_before=("requests",)),
    )
    yield Fixture(
        "pdf/form-xobjects-one-glyph-text-objects.pdf",
        r19,
        lambda r: as_forms(pdf(r, PdfStyle(line_objects=True))),
    )
    yield Fixture("pdf/scanned-pages-with-a-header-line.pdf", r19, whole_scan_with_headers, "OcrNeededError")
    yield Fixture(
        "pdf/mixed-tables-on-scanned-pages-with-a-header-line.pdf",
        r21,
        lambda r: scans_with_headers(r, PdfStyle(scanned_tables=True)),
        findings=("pages-need-ocr", "table-missing"),
        tables_unread=True,
    )


def write_shape_fixtures(only: str = "") -> list[Path]:
    written = []
    for fx in shape_fixtures():
        if only not in fx.name:
            continue
        path = FIXTURES / fx.name
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


@pytest.mark.parametrize("fx", list(shape_fixtures()), ids=lambda fx: fx.name)
def test_the_fixture_is_made_here_and_reads_as_expected(fx: Fixture) -> None:
    path = FIXTURES / fx.name
    assert path.exists() and path.with_suffix(".json").exists()
    assert differences(path) == []


# -- text layers that are not Chinese -------------------------------------------------------

TABLE_LINES = [
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "（四）无法提供 1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "（五）不予处理 1.信访举报投诉类申请",
    "（六）其他处理 1.申请人无正当理由逾期不补正",
]


def _shifted(c: Canvas, line: str, y: float) -> None:
    c.setFont(WRONG_MAP, 10)
    c.drawString(60, y, line)


def _gb_order_off_by_one(c: Canvas, line: str, y: float) -> None:
    """Each character mapped to the next one in GB 2312 order: common characters, but no Chinese."""
    order = sorted(_gb2312(), key=lambda ch: ch.encode("gb2312"))
    following = dict(itertools.pairwise(order))
    c.setFont(FONT, 10)
    c.drawString(60, y, "".join(following.get(ch, ch) for ch in line))


def _cids_as_code_points(c: Canvas, line: str, y: float) -> None:
    """Each character's Adobe-GB1 character id shown as a code point (Cyrillic, Armenian, Hebrew …)."""
    cmap = CMapDB.get_cmap("UniGB-UCS2-H")
    c.setFont(FONT, 10)
    c.drawString(60, y, "".join(chr(cid) for cid in cmap.decode(line.encode("utf-16-be"))))


def _gb2312() -> list[str]:
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


@pytest.mark.parametrize(
    "write", [_shifted, _gb_order_off_by_one, _cids_as_code_points], ids=lambda f: f.__name__.strip("_")
)
def test_a_page_whose_text_is_not_chinese_is_named_not_read(
    write: Callable[[Canvas, str, float], None],
) -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.setFont(FONT, 10)
    canvas.drawString(60, 700, "正文第一页，说明文字。")
    canvas.showPage()
    for i, line in enumerate(TABLE_LINES * 2):
        write(canvas, line, 760 - 16 * i)
        canvas.setFont(FONT, 10)
        canvas.drawString(450, 760 - 16 * i, f"{i}    {2 * i}")
    canvas.showPage()
    canvas.save()
    read = pdf_read(buf.getvalue())
    assert [b.text for b in read.blocks] == ["正文第一页，说明文字。"]
    (note,) = read.findings
    assert note.code == "pages-need-ocr" and note.detail["pages"] == [2] and "无法解码" in note.message


def test_a_page_of_prose_and_a_table_in_a_font_with_a_wrong_unicode_map_is_named() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.setFont(FONT, 10)
    canvas.drawString(60, 780, "正文第一页，说明文字。")
    canvas.showPage()
    canvas.setFont(FONT, 10)
    for i in range(8):  # prose in a font that decodes
        canvas.drawString(60, 780 - 16 * i, docmaker.FILLER[i * 12 : i * 12 + 30])
    for i, line in enumerate(TABLE_LINES):  # the table in one that does not
        _shifted(canvas, line, 620 - 16 * i)
        canvas.setFont(FONT, 10)
        canvas.drawString(450, 620 - 16 * i, f"{i}    {2 * i}")
    canvas.showPage()
    canvas.save()
    read = pdf_read(buf.getvalue())
    assert [b.text for b in read.blocks] == ["正文第一页，说明文字。"]
    (note,) = read.findings
    assert note.detail["pages"] == [2] and "无法解码" in note.message


def test_a_report_in_a_font_with_a_wrong_unicode_map_needs_ocr() -> None:
    with pytest.raises(OcrNeededError, match="无法解码"):
        pdf_read((FIXTURES / "pdf/wrong-unicode-map-han-shifted.pdf").read_bytes())


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("seed", [1, 2])
def test_reports_as_the_bench_makes_them_raise_no_alarm(template: str, seed: int) -> None:
    read = pdf_read(pdf(random_report(seed, template), filler=12))
    assert read.findings == [] and len([b for b in read.blocks if isinstance(b, Grid)]) >= 3


def test_traditional_characters_and_a_short_signature_page_raise_no_alarm() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.setFont(FONT, 10)
    for i, line in enumerate(TABLE_LINES):
        canvas.drawString(60, 760 - 16 * i, to_traditional(line))
    canvas.showPage()
    canvas.setFont(FONT, 10)
    canvas.drawString(300, 700, "嘉峪关市鄱阳湖管理局")  # few Han characters, some of them rare
    canvas.showPage()
    canvas.save()
    read = pdf_read(buf.getvalue())
    assert read.findings == [] and len(read.blocks) == len(TABLE_LINES) + 1


# -- scanned pages with a line of text ------------------------------------------------------


def test_scanned_pages_with_a_header_line_need_ocr() -> None:
    with pytest.raises(OcrNeededError, match="OCR"):
        pdf_read((FIXTURES / "pdf/scanned-pages-with-a-header-line.pdf").read_bytes())


def test_scanned_table_pages_with_a_header_line_are_named() -> None:
    read = pdf_read((FIXTURES / "pdf/mixed-tables-on-scanned-pages-with-a-header-line.pdf").read_bytes())
    (note,) = read.findings
    assert note.detail["pages"] == [2, 4, 6] and "扫描图像" in note.message
    assert not any("附表扫描件" in b.text for b in read.blocks if not isinstance(b, Grid))


def test_a_page_of_text_on_a_full_page_background_image_is_read() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.drawImage(ImageReader(Image.new("L", (60, 85), 250)), 0, 0, 595, 842)  # letterhead, watermark
    canvas.setFont(FONT, 10.5)
    for i, line in enumerate(TABLE_LINES * 3):
        canvas.drawString(60, 780 - 22 * i, line)
    canvas.showPage()
    canvas.save()
    read = pdf_read(buf.getvalue())
    assert read.findings == [] and len(read.blocks) == 3 * len(TABLE_LINES)


# -- page numbers over a table ---------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["第 2 页 共 5 页", "共5页，第2页", "第2页/共5页", "2 / 5", "Page 2 of 5", "－ 2 －"]
)
def test_a_page_number_among_a_tables_last_rows_is_dropped(number: str) -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.setFont(FONT, 10)
    rows = [("本年新收", "41", "5"), ("上年结转", "0", "12"), ("详见第2页", "3", "4")]
    for i, (label, *values) in enumerate(rows):
        canvas.drawString(60, 130 - 20 * i, label)
        for j, value in enumerate(values):
            canvas.drawString(400 + 60 * j, 130 - 20 * i, value)
    canvas.drawCentredString(297, 100, number)  # between the rows, 100 pt above the bottom edge
    canvas.showPage()
    canvas.save()
    (grid,) = pdf_read(buf.getvalue()).blocks
    assert isinstance(grid, Grid)
    assert [[c.text for c in row] for row in grid.rows] == [list(row) for row in rows]


@pytest.mark.parametrize("number", ["第 2 页 共 5 页", "－ 2 －", "2 / 5", "— 2 —"])
@pytest.mark.parametrize("value", ["12", "7"])
@pytest.mark.parametrize("shift", [0.0, 1.5, -3.0])
def test_a_page_number_stamped_over_a_value_leaves_the_value(number: str, value: str, shift: float) -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.setFont(FONT, 10)
    rows = [("本年新收", "41", "5", "46"), ("上年结转", "0", value, "12"), ("详见第2页", "3", "4", "7")]
    for i, (label, *values) in enumerate(rows):
        canvas.drawString(60, 130 - 20 * i, label)
        for j, text in enumerate(values):
            canvas.drawCentredString(237 + 60 * j, 130 - 20 * i, text)
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(297, 110 + shift, number)  # centred on the page: over the middle column
    canvas.showPage()
    canvas.save()
    (grid,) = pdf_read(buf.getvalue()).blocks
    assert isinstance(grid, Grid)
    assert [[c.text for c in row] for row in grid.rows] == [list(row) for row in rows]


# -- a row the page breaks ----------------------------------------------------------------


def _two_pages(rows: list[list[tuple[str, tuple[str, ...]]]], ruled: bool) -> bytes:
    """A table at the foot of one page going on at the top of the next, its header repeated."""
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    for part, top in zip(rows, (150, 780), strict=True):
        canvas.setFont(FONT, 10)
        for i, (label, values) in enumerate([("", ("自然人", "商业企业", "总计")), *part]):
            y = top - 18 * i
            canvas.drawString(60, y, label)
            for j, value in enumerate(values):
                canvas.drawCentredString(300 + 60 * j, y, value)
            if ruled:
                canvas.line(50, y + 12, 450, y + 12)
                canvas.line(50, y - 6, 450, y - 6)
                for x in (50, 270, 330, 390, 450):
                    canvas.line(x, y + 12, x, y - 6)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


@pytest.mark.parametrize("ruled", [False, True], ids=["unruled", "ruled"])
@pytest.mark.parametrize(
    ("before", "after", "mended"),
    [
        ("2.其他", "法律行政法规禁止公开", ["2.其他\n法律行政法规禁止公开", "4", "5", "9"]),
        ("（七）", "总计", ["（七）\n总计", "4", "5", "9"]),
        *(  # the label cell holds its group's label too
            (before, after, [f"{before}\n{after}", "4", "5", "9"])
            for before, after in (
                ("（四）无法提供1.本机关不掌握", "相关政府信息"),
                ("（四）无法", "提供2.没有现成信息需要另行制作"),
            )
        ),
        ("行政许可", "行政处罚", None),  # a row of blank cells at the top of the page is a row of its own
    ],
)
def test_a_row_the_page_breaks_is_one_row(
    before: str, after: str, mended: list[str] | None, ruled: bool
) -> None:
    data = _two_pages(
        [
            [("1.属于国家秘密", ("1", "2", "3")), (before, ("4", "5", "9"))],
            [(after, ()), ("3.其他", ("0", "1", "1"))],
        ],
        ruled,
    )
    (grid,) = pdf_read(data).blocks
    assert isinstance(grid, Grid)
    rows = [[c.text for c in row] for row in grid.rows]
    assert rows[1] == ["1.属于国家秘密", "1", "2", "3"] and rows[-1] == ["3.其他", "0", "1", "1"]
    assert rows[2:-1] == ([mended] if mended else [[before, "4", "5", "9"], [after, "", "", ""]])
    assert {c.provenance.page for c in grid.rows[2]} == {1}


if __name__ == "__main__":
    for written in write_shape_fixtures(only=sys.argv[1] if len(sys.argv) > 1 else ""):
        print(written.relative_to(FIXTURES), file=sys.stderr)

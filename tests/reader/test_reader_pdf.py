"""PDF front end: ruled and unruled tables, tables across pages, scans, damaged files."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docmaker import FIXTURES, differences, fixture_paths
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from gongkai.errors import OcrNeededError, UnreadableDocumentError
from gongkai.reader.blocks import Grid, Paragraph
from gongkai.reader.pdf import pdf_blocks, pdf_read
from gongkai.reader.pdf_layout import Line, lines_of, ruled_tables, run_columns, run_rows, table_runs

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def texts(grid: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def grids(blocks: list) -> list[Grid]:
    return [b for b in blocks if isinstance(b, Grid)]


def one_page(draw) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.setFont(FONT, 10)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def test_ruled_table_with_a_merged_label_and_a_three_column_value() -> None:
    # 3 rows × 4 columns; (0,0)-(1,0) merged down, (2,1)-(2,3) merged across
    xs, ys = [50, 150, 250, 350, 450], [700, 680, 660, 640]

    def draw(c: Canvas) -> None:
        c.setLineWidth(0.5)
        c.rect(xs[0], ys[-1], xs[-1] - xs[0], ys[0] - ys[-1])
        c.line(xs[1], ys[0], xs[1], ys[3])
        for x in xs[2:4]:
            c.line(x, ys[0], x, ys[2])  # no border inside the merged value of the last row
        c.line(xs[1], ys[1], xs[4], ys[1])  # no border under the merged label
        c.line(xs[0], ys[2], xs[4], ys[2])
        c.drawString(55, 680, "信息内容")
        for i, v in enumerate(("本年", "增减", "数量")):
            c.drawString(xs[1 + i] + 5, 686, v)
        for i, v in enumerate(("7", "-3", "12")):
            c.drawString(xs[1 + i] + 5, 666, v)
        c.drawString(55, 646, "行政许可")
        c.drawString(255, 646, "2605.68")

    (grid,) = grids(pdf_blocks(one_page(draw)))
    assert texts(grid) == [
        ["信息内容", "本年", "增减", "数量"],
        ["信息内容", "7", "-3", "12"],
        ["行政许可", "2605.68", "2605.68", "2605.68"],
    ]
    assert grid.rows[0][0].rowspan == 2 and grid.rows[1][0].origin == (0, 0)
    assert grid.rows[2][1].colspan == 3 and [c.origin for c in grid.rows[2][2:]] == [(2, 1), (2, 1)]
    prov = grid.rows[2][1].provenance
    assert prov.kind == "pdf" and prov.page == 1 and prov.bbox == (150.0, 182.0, 450.0, 202.0)


def test_unruled_table_columns_from_the_numbers_and_paragraphs_around_it() -> None:
    def draw(c: Canvas) -> None:
        c.drawString(60, 760, "三、收到和处理政府信息公开申请情况")
        y = 730
        for label, values in (
            ("", ("自然人", "商业企业", "总计")),
            ("一、本年新收", ("41", "5", "46")),
            ("二、上年结转", ("0", "12", "12")),
        ):
            c.drawString(60, y, label)
            for i, v in enumerate(values):
                c.drawCentredString(300 + 60 * i, y, v)
            y -= 20
        c.drawString(60, 600, "四、政府信息公开行政复议、行政诉讼情况")

    blocks = pdf_blocks(one_page(draw))
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in blocks] == [
        "三、收到和处理政府信息公开申请情况",
        [
            ["", "自然人", "商业企业", "总计"],
            ["一、本年新收", "41", "5", "46"],
            ["二、上年结转", "0", "12", "12"],
        ],
        "四、政府信息公开行政复议、行政诉讼情况",
    ]


def test_page_numbers_in_the_margin_are_dropped() -> None:
    def draw(c: Canvas) -> None:
        c.drawString(60, 700, "正文")
        c.drawCentredString(297, 30, "- 3 -")
        c.drawCentredString(297, 815, "第 3 页 共 9 页")

    assert [b.text for b in pdf_blocks(one_page(draw))] == ["正文"]


def test_a_table_split_over_two_pages_is_one_grid_without_its_repeated_header() -> None:
    blocks = pdf_blocks((FIXTURES / "pdf/ruled-2021-table-split-over-pages.pdf").read_bytes())
    requests = next(g for g in grids(blocks) if "勾稽关系" in g.rows[0][0].text)
    labels = [row[2].text for row in requests.rows]
    assert sum("勾稽关系" in row[0].text and not row[0].is_copy for row in requests.rows) == 1
    assert len(requests.rows) == 3 + 25 + 2 - 2  # header, 2021 rows, (七)总计 and 四 share the 25 count
    assert {c.provenance.page for row in requests.rows for c in row} == {1, 2}
    after_break = next(i for i, row in enumerate(requests.rows) if row[3].provenance.page == 2)
    # the row-group labels cut by the page break go on as copies of their anchors on page 1
    assert requests.rows[after_break][0].origin is not None
    assert requests.rows[after_break][0].text == requests.rows[after_break - 1][0].text
    assert "4.保护第三方合法权益" in labels


def test_unruled_split_without_a_repeated_header_is_one_grid() -> None:
    blocks = pdf_blocks((FIXTURES / "pdf/unruled-2019-split-no-repeated-header.pdf").read_bytes())
    requests = next(g for g in grids(blocks) if any("本年新收" in c.text for row in g.rows for c in row))
    assert {row[-1].provenance.page for row in requests.rows} == {1, 2}
    assert sum(1 for row in requests.rows if row[-1].text.isdigit()) == 23


def test_a_lone_glyph_of_a_font_that_is_not_embedded_is_still_read() -> None:
    def draw(c: Canvas) -> None:
        c.drawString(60, 700, "结果维")
        c.drawString(60, 688, "持")

    assert [b.text for b in pdf_blocks(one_page(draw))] == ["结果维", "持"]


def test_a_scan_needs_ocr() -> None:
    with pytest.raises(OcrNeededError, match="OCR"):
        pdf_blocks((FIXTURES / "pdf/scanned-no-text-layer.pdf").read_bytes())


def test_an_empty_page_needs_ocr_too() -> None:
    with pytest.raises(OcrNeededError):
        pdf_blocks(one_page(lambda c: c.rect(10, 10, 100, 100)))


@pytest.mark.parametrize("data", [b"%PDF-1.4\n%%EOF", b"%PDF-1.7\n" + bytes(range(256)) * 20, b"hello"])
def test_damaged_files_raise_a_typed_error(data: bytes) -> None:
    with pytest.raises(UnreadableDocumentError):
        pdf_blocks(data)


def test_half_a_pdf_is_read_or_refused_with_a_typed_error() -> None:
    data = (FIXTURES / "pdf/ruled-2019.pdf").read_bytes()
    try:
        blocks = pdf_blocks(data[: len(data) // 2])
    except UnreadableDocumentError:
        return
    assert all(isinstance(b, Paragraph | Grid) for b in blocks)


# -- the pure geometry ---------------------------------------------------------------------


def char(
    x: float, top: float, text: str, size: float = 10.0
) -> tuple[float, float, float, float, str, float]:
    return (x, top, x + size * len(text), top + size, text, size)


def test_lines_of_groups_by_baseline_and_orders_left_to_right() -> None:
    lines = lines_of([char(30, 100.5, "乙"), char(10, 100, "甲"), char(10, 120, "丙")])
    assert [line.text() for line in lines] == ["甲 乙", "丙"]


def test_missing_borders_merge_grid_positions() -> None:
    h = [(0.0, 0.0, 300.0), (20.0, 0.0, 300.0), (40.0, 0.0, 300.0)]
    v = [(0.0, 0.0, 40.0), (100.0, 20.0, 40.0), (200.0, 0.0, 40.0), (300.0, 0.0, 40.0)]
    (table,) = ruled_tables(h, v)
    assert table.xs == [0.0, 100.0, 200.0, 300.0]
    assert table.anchor == [[(0, 0), (0, 0), (0, 2)], [(1, 0), (1, 1), (1, 2)]]


def test_lone_boxes_and_single_rules_are_not_tables() -> None:
    assert ruled_tables([(0.0, 0.0, 100.0), (50.0, 0.0, 100.0)], [(0.0, 0.0, 50.0), (100.0, 0.0, 50.0)]) == []
    assert ruled_tables([(10.0, 0.0, 500.0)], []) == []


def test_wrapped_labels_join_the_row_of_numbers_beside_them() -> None:
    run = [
        Line([char(10, 100, "（二）部分公开")]),
        Line([char(300, 105, "0"), char(340, 105, "1")]),
        Line([char(10, 110, "形）")]),
        Line([char(10, 126, "1.属于国家秘密"), char(300, 126, "3"), char(340, 126, "4")]),
    ]
    rows = run_rows(run)
    assert [[line.text() for line in row] for row in rows] == [
        ["（二）部分公开", "0 1", "形）"],
        ["1.属于国家秘密 3 4"],
    ]
    columns = run_columns(run)
    assert [c.values for c in columns] == [False, True, True]


def test_section_headings_end_a_table_run() -> None:
    lines = [
        Line([char(10, 100, "规章"), char(300, 100, "7")]),
        Line([char(10, 116, "规范性文件"), char(300, 116, "8")]),
        Line([char(10, 132, "三、收到和处理政府信息公开申请情况")]),
        Line([char(10, 148, "自然人"), char(300, 148, "9")]),
        Line([char(10, 164, "法人"), char(300, 164, "1")]),
    ]
    pieces = table_runs(lines)
    assert [len(p) if isinstance(p, list) else p.text() for p in pieces] == [
        2,
        "三、收到和处理政府信息公开申请情况",
        2,
    ]


@pytest.mark.parametrize("path", fixture_paths("pdf"), ids=lambda p: p.name)
def test_fixture_reads_into_the_report_it_was_made_from(path: Path) -> None:
    assert differences(path) == []


def test_scanned_pages_among_text_pages_are_named() -> None:
    read = pdf_read((FIXTURES / "pdf/mixed-tables-on-scanned-pages.pdf").read_bytes())
    (note,) = read.findings
    assert note.code == "pages-need-ocr" and note.detail["pages"] == [2, 4, 6]
    assert "第 2、4、6 页是扫描图像" in note.message and "统计表很可能就在这些页上" in note.message
    assert not grids(read.blocks) and any("主动公开" in b.text for b in read.blocks)


def test_a_scanned_enclosure_page_is_named_and_the_tables_still_read() -> None:
    read = pdf_read((FIXTURES / "pdf/mixed-scanned-enclosure-page.pdf").read_bytes())
    (note,) = read.findings
    assert note.detail["pages"] == [2] and "统计表" not in note.message
    assert len(grids(read.blocks)) == 3


def _private_use(canvas: Canvas, i: int) -> None:  # glyphs come out as private-use characters
    canvas.setFont(FONT, 10)
    canvas.drawString(60, 700 - 14 * i, "".join(chr(0xE000 + i * 12 + k) for k in range(12)) + "  12  34")


def _gbk_as_latin(canvas: Canvas, i: int) -> None:  # the bytes of GBK come out as Latin-1 letters
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 700 - 14 * i, "收到和处理政府信息公开申请".encode("gbk").decode("latin-1"))
    canvas.drawString(300, 700 - 14 * i, f"{i}     {2 * i}     {3 * i}")


@pytest.mark.parametrize("line", [_private_use, _gbk_as_latin], ids=["private-use", "gbk-as-latin-1"])
def test_a_page_in_a_font_without_a_unicode_map_is_named_not_read_as_numbers(
    line: Callable[[Canvas, int], None],
) -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.setFont(FONT, 10)
    canvas.drawString(60, 700, "正文第一页，说明文字。")
    canvas.showPage()
    for i in range(20):
        line(canvas, i)
    canvas.showPage()
    canvas.save()
    read = pdf_read(buf.getvalue())
    assert [b.text for b in read.blocks] == ["正文第一页，说明文字。"]
    (note,) = read.findings
    assert note.detail["pages"] == [2] and "无法解码" in note.message


VERA = "Vera"  # a font reportlab ships and embeds: PDFium reads its turned text itself
if VERA not in pdfmetrics.getRegisteredFontNames():
    import reportlab
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(VERA, str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))


def _turned_table(rotate: int, matrix: tuple[float, ...], title: str = "") -> bytes:
    """A 2 × 3 ruled table and a line above it, drawn turned by ``matrix`` on a page of /Rotate ``rotate``.

    ``title`` is drawn unturned at the top of the page.
    """
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    canvas.setPageRotation(rotate)
    canvas.saveState()
    canvas.transform(*matrix)
    canvas.setFont(VERA, 10)
    canvas.drawString(60, 560, "Heading line")
    canvas.setLineWidth(0.5)
    for y in (540, 520, 500):
        canvas.line(50, y, 350, y)
    for x in (50, 150, 250, 350):
        canvas.line(x, 540, x, 500)
    for r, row in enumerate((("Label", "12", "7"), ("Other", "3", "40"))):
        for c, text in enumerate(row):
            canvas.drawString(55 + 100 * c, 526 - 20 * r, text)
    canvas.restoreState()
    canvas.setFont(VERA, 9)
    canvas.drawString(280, 20, "- 1 -")  # an upright page number on a page of turned text
    canvas.drawString(60, 790, title)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


@pytest.mark.parametrize(
    ("rotate", "matrix"),
    [
        (90, (0, 1, -1, 0, 842, 0)),  # /Rotate 90, the content drawn turned back: shows upright
        (180, (-1, 0, 0, -1, 595, 842)),
        (270, (0, -1, 1, 0, 0, 595)),
        (0, (0, 1, -1, 0, 595, 0)),  # no /Rotate: a table printed sideways on a portrait page
    ],
)
def test_turned_pages_read_as_they_show(rotate: int, matrix: tuple[float, ...]) -> None:
    blocks = pdf_blocks(_turned_table(rotate, matrix))
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in blocks] == [
        "Heading line",
        [["Label", "12", "7"], ["Other", "3", "40"]],
    ]
    (grid,) = grids(blocks)
    x0, top, x1, bottom = grid.rows[1][2].provenance.bbox  # type: ignore[misc]
    if rotate == 0:  # the page as shown is portrait; the table runs up it
        assert (x0, top, x1, bottom) == pytest.approx((75.0, 492.0, 95.0, 592.0), abs=0.2)
    else:  # the page shows as the table was drawn: the cell is where it was put
        assert (x0, top, x1, bottom) == pytest.approx((250.0, 322.0, 350.0, 342.0), abs=0.2)


@pytest.mark.parametrize(
    "path",
    [p for p in fixture_paths("pdf") if '"error"' not in p.with_suffix(".json").read_text(encoding="utf-8")],
    ids=lambda p: p.name,
)
def test_every_cell_and_line_has_a_page_and_a_box_on_the_page_as_shown(path: Path) -> None:
    data = path.read_bytes()
    document = pdfium.PdfDocument(data)
    shown = [document[i].get_size() for i in range(len(document))]  # /Rotate applied
    for block in pdf_blocks(data):
        cells = [c for row in block.rows for c in row] if isinstance(block, Grid) else [block]
        for cell in cells:
            prov = cell.provenance
            assert prov.page is not None and prov.bbox is not None
            width, height = shown[prov.page - 1]
            x0, top, x1, bottom = prov.bbox
            assert -1 <= x0 <= x1 <= width + 1 and -1 <= top <= bottom <= height + 1, (prov, cell)


def test_an_upright_title_above_a_sideways_table_comes_first() -> None:
    blocks = pdf_blocks(_turned_table(0, (0, 1, -1, 0, 595, 0), title="Table 3 (turn the page)"))
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in blocks] == [
        "Table 3 (turn the page)",
        "Heading line",
        [["Label", "12", "7"], ["Other", "3", "40"]],
    ]
    assert blocks[0].provenance.bbox == pytest.approx((60.0, 45.2, 164.7, 54.1), abs=0.2)  # as shown

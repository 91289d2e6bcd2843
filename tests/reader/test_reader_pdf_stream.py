"""Glyphs PDFium leaves out, read from the content stream: the same as pdfminer.six, much faster."""

from __future__ import annotations

import io
import time

import pdfplumber
import pytest
from docmaker import FIXTURES, differences
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from gongkai.reader import pdf
from gongkai.reader.pdf_stream import PageStreams, StreamMismatch, operations

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def test_operations_read_strings_arrays_and_skip_inline_images() -> None:
    stream = (
        b"BT /F1 9 Tf (a\\(b\\)c \\101\\\nd (nested)) Tj [<4E2D> -120 (x)] TJ ET "
        b"BI /W 2 /H 1 ID \x00Tj) EI Q % a comment Tj\n<< /MCID 3 >> BDC 1 0 0 1 5 6 cm"
    )
    ops = list(operations(stream))
    assert [op for op, _ in ops] == [b"BT", b"Tf", b"Tj", b"TJ", b"ET", b"BI", b"Q", b"BDC", b"cm"]
    assert ops[1][1] == ["F1", 9.0]
    assert ops[2][1] == [b"a(b)c Ad (nested)"]
    assert ops[3][1] == [[b"\x4e\x2d", -120.0, b"x"]]
    assert ops[-1][1] == [1.0, 0.0, 0.0, 1.0, 5.0, 6.0]


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=400)
    | st.lists(st.sampled_from(list(b"()<>[]/%\\ \n0.5-Tj TJ BI ID EI q Q")), max_size=300).map(bytes)
)
def test_operations_end_on_any_bytes(data: bytes) -> None:
    ops = list(operations(data))
    assert all(isinstance(op, bytes) and op for op, _ in ops)


@pytest.mark.parametrize(
    "data",
    [b"(\\" * 50_000, b"(" * 100_000, b"1 " * 100_000 + b"}", b"<" + b"ab" * 100_000, b"[" * 100_000 + b"Tj"],
    ids=["open-strings", "parens", "operands-without-operator", "open-hex", "open-arrays"],
)
def test_operations_take_linear_time_on_junk(data: bytes) -> None:
    start = time.process_time()
    list(operations(data))
    assert time.process_time() - start < 5.0  # quadratic rescanning would take minutes


def _page(draw) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(595, 842), invariant=True)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _spaced(c: Canvas) -> None:
    text = c.beginText(60, 700)
    text.setFont(FONT, 12)
    text.setCharSpace(1.5)
    text.setHorizScale(80)
    text.setRise(2)
    text.textOut("年度报告")
    c.drawText(text)
    c.saveState()
    c.transform(0, 1, -1, 0, 595, 0)  # a line turned a quarter anticlockwise
    c.setFont(FONT, 10)
    c.drawString(300, 200, "行政复议")
    c.restoreState()


def test_glyph_boxes_match_pdfminer() -> None:
    data = _page(_spaced)
    glyphs = PageStreams(data).glyphs(0, {0: (60.0, 702.0), 1: (393.0, 300.0)})  # the rise goes on
    with pdfplumber.open(io.BytesIO(data)) as doc:
        page = doc.pages[0]
        want = [
            (c["x0"], page.height - c["y1"], c["x1"], page.height - c["y0"], c["text"]) for c in page.chars
        ]
    got = [(x0, 842 - y1, x1, 842 - y0, text) for x0, y0, x1, y1, text, _ in glyphs]
    assert [g[4] for g in got] == [w[4] for w in want] == list("年度报告行政复议")
    for g, w in zip(got, want, strict=True):
        assert g[:4] == pytest.approx(w[:4], abs=0.01)
    assert [g[5] for g in glyphs] == [0] * 4 + [1] * 4


def test_text_objects_counted_otherwise_than_by_pdfium_are_refused() -> None:
    with pytest.raises(StreamMismatch, match="starts at"):
        PageStreams(_page(_spaced)).glyphs(0, {1: (60.0, 702.0)})
    with pytest.raises(StreamMismatch, match="PDFium has more"):
        PageStreams(_page(_spaced)).glyphs(0, {2: (0.0, 0.0)})


@pytest.mark.parametrize("name", ["one-glyph-text-objects.pdf", "form-xobjects-one-glyph-text-objects.pdf"])
def test_lone_glyphs_are_read_without_pdfminer_interpreting_the_page(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the page went to pdfminer.six")

    monkeypatch.setattr(pdf._PdfminerPages, "chars", refuse)
    blocks = pdf.pdf_blocks((FIXTURES / "pdf" / name).read_bytes())
    assert any("持" in c.text for b in blocks if isinstance(b, pdf.Grid) for row in b.rows for c in row)
    assert differences(FIXTURES / "pdf" / name) == []


def _forms(c: Canvas) -> None:
    """A form drawn twice, moved and turned, and a form drawn inside it."""
    c.beginForm("inner")
    c.setFont(FONT, 10)
    c.drawString(0, -14, "持")
    c.endForm()
    c.beginForm("outer")
    c.setFont(FONT, 12)
    c.drawString(0, 0, "维")
    c.drawString(20, 0, "结果")
    c.doForm("inner")
    c.endForm()
    c.saveState()
    c.translate(100, 700)
    c.doForm("outer")
    c.restoreState()
    c.setFont(FONT, 10)
    c.drawString(60, 600, "正文")
    c.saveState()
    c.transform(0, 1, -1, 0, 400, 300)
    c.doForm("outer")
    c.restoreState()


def test_glyphs_inside_forms_match_pdfminer() -> None:
    data = _page(_forms)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        page = doc.pages[0]
        want = sorted(
            (round(c["x0"], 2), round(page.height - c["y1"], 2), c["text"])
            for c in page.chars
            if c["text"] in "维持"
        )
    # the lone glyphs: the first text object of each form, and the form inside it
    glyphs = PageStreams(data).glyphs(
        0, {0: (100.0, 700.0), 2: (100.0, 686.0), 4: (400.0, 300.0), 6: (414.0, 300.0)}
    )
    got = sorted((round(x0, 2), round(842 - y1, 2), text) for x0, y0, x1, y1, text, _ in glyphs)
    assert [g[2] for g in got] == [w[2] for w in want] and len(got) == 4
    for g, w in zip(got, want, strict=True):
        assert g[:2] == pytest.approx(w[:2], abs=0.01)


@pytest.mark.parametrize("name", ["rotate-90-ruled-2021.pdf", "sideways-table-three-ruled-2021.pdf"])
def test_pages_pdfminer_reads_instead_come_out_the_same(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """pdfminer.six gives the page as shown (/Rotate applied); it is turned back like PDFium's."""

    def mismatch(*args: object) -> None:
        raise StreamMismatch("as if the stream could not be followed")

    monkeypatch.setattr(PageStreams, "glyphs", mismatch)
    assert differences(FIXTURES / "pdf" / name) == []

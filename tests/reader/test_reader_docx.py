"""DOCX front end: body order, merged cells expanded once, layout tables, text boxes, broken packages."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docmaker import differences, fixture_paths
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gongkai.errors import UnreadableDocumentError
from gongkai.reader.blocks import Grid, Paragraph
from gongkai.reader.docx import docx_blocks, wordml_blocks


def save(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def texts(grid: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def test_grid_span_and_vmerge_are_expanded_once_with_origin_marks() -> None:
    d = docx.Document()
    d.add_paragraph("二、主动公开政府信息情况")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "信息内容"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "第二十条第（一）项"
    for c, v in enumerate(("7", "8", "9"), start=1):
        t.cell(1, c).text = v
    t.cell(2, 0).text = "规章"
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    blocks = docx_blocks(save(d))
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Grid", "Paragraph"]
    grid = blocks[1]
    assert isinstance(grid, Grid)
    assert texts(grid) == [
        ["信息内容", "第二十条第（一）项", "第二十条第（一）项", "第二十条第（一）项"],
        ["信息内容", "7", "8", "9"],
        ["规章", "", "", ""],
    ]
    assert (grid.rows[0][0].rowspan, grid.rows[0][1].colspan) == (2, 3)
    assert grid.rows[1][0].origin == (0, 0)
    assert [grid.rows[0][c].origin for c in (1, 2, 3)] == [None, (0, 1), (0, 1)]
    assert sum(not c.is_copy and c.text == "第二十条第（一）项" for row in grid.rows for c in row) == 1
    prov = grid.rows[1][3].provenance
    assert (prov.kind, prov.table, prov.row, prov.col) == ("docx", 0, 1, 3)


def test_grid_before_keeps_a_short_row_aligned() -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for c in range(3):
        t.cell(0, c).text = f"h{c}"
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    tr.tc_lst[0].append(parse_xml(f"<w:p {nsdecls('w')}><w:r><w:t>5</w:t></w:r></w:p>"))
    (grid,) = docx_blocks(save(d))
    assert isinstance(grid, Grid)
    assert texts(grid)[1] == ["", "5", ""]


def test_paragraph_text_breaks_tabs_and_skipped_text_boxes() -> None:
    d = docx.Document()
    p = d.add_paragraph("共受理申请")
    p.add_run().add_break()
    p.add_run("7件")
    box = parse_xml(
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
        "<w:p><w:r><w:t>印章文字</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )
    p._p.append(box)
    d.add_paragraph("\t统计期限")
    blocks = docx_blocks(save(d))
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["共受理申请", "7件", "统计期限"]
    assert blocks[0].provenance.line == blocks[1].provenance.line == 1


def test_a_table_holding_a_table_is_layout() -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "前言"
    inner = outer.cell(0, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "1"
    inner.cell(0, 1).text = "2"
    outer.cell(0, 1).text = "侧栏"
    blocks = docx_blocks(save(d))
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in blocks] == [
        "前言",
        [["1", "2"]],
        "侧栏",
    ]


def test_content_controls_are_read_through() -> None:
    d = docx.Document()
    d.add_paragraph("前")
    sdt = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent>"
        "<w:p><w:r><w:t>控件里的文字</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    d.element.body.insert(1, sdt)
    assert [b.text for b in docx_blocks(save(d)) if isinstance(b, Paragraph)] == ["前", "控件里的文字"]


def zipped(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"not a zip at all",
        zipped({"hello.txt": b"hi"}),
        zipped({"word/document.xml": b"<w:document"}),
        zipped({"word/document.xml": b'<?xml version="1.0"?><root/>'}),
        zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
    ],
    ids=["junk", "no-document-part", "broken-xml", "not-wordprocessing", "spreadsheet"],
)
def test_broken_packages_raise_a_typed_error(data: bytes) -> None:
    with pytest.raises(UnreadableDocumentError):
        docx_blocks(data)


def test_entities_are_not_expanded() -> None:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    blocks = docx_blocks(zipped({"word/document.xml": xml}))
    assert all("root:" not in b.text for b in blocks if isinstance(b, Paragraph))


@pytest.mark.parametrize("path", fixture_paths("docx"), ids=lambda p: p.name)
def test_fixture_reads_into_the_report_it_was_made_from(path: Path) -> None:
    assert differences(path) == []


def _paragraph_xml(inner: str) -> str:
    return f"<w:p {nsdecls('w')}>{inner}</w:p>"


def test_deleted_moved_hidden_and_placeholder_text_is_not_read_insertions_are() -> None:
    d = docx.Document()
    d.element.body.insert(
        0,
        parse_xml(
            _paragraph_xml(
                "<w:del w:id='1' w:author='a'><w:r><w:delText>913</w:delText></w:r></w:del>"
                "<w:ins w:id='2' w:author='a'><w:r><w:t>13</w:t></w:r></w:ins>"
                "<w:moveFrom w:id='3' w:author='a'><w:r><w:t>88</w:t></w:r></w:moveFrom>"
                "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（填写数字）</w:t></w:r>"
                "<w:r><w:rPr><w:vanish w:val='0'/></w:rPr><w:t>件</w:t></w:r>"
                "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
                "<w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt>"
            )
        ),
    )
    t = d.add_table(rows=2, cols=1)
    t.cell(0, 0).text = "旧"
    t.cell(1, 0).text = "新"
    t.rows[0]._tr.insert(0, parse_xml(f"<w:trPr {nsdecls('w')}><w:del w:id='4' w:author='a'/></w:trPr>"))
    paragraph, grid = docx_blocks(save(d))
    assert isinstance(paragraph, Paragraph) and paragraph.text == "13件"
    assert isinstance(grid, Grid) and texts(grid) == [["新"]]


def test_a_text_box_holding_a_table_is_read_once_from_the_drawing() -> None:
    table = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    box = parse_xml(
        f"<w:p {nsdecls('w', 'wp', 'a')} xmlns:v='urn:schemas-microsoft-com:vml' "
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        "<w:r><w:t>表三</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wp:anchor>"
        "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
        f"{table.format('7')}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        f"{table.format('7')}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    d = docx.Document()
    d.element.body.insert(0, box)
    d.add_paragraph("后")
    blocks = docx_blocks(save(d))
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in blocks] == ["表三", [["7"]], "后"]


def test_alt_chunk_html_is_read_in_place() -> None:
    d = docx.Document()
    d.add_paragraph("前")
    d.element.body.insert(1, parse_xml(f"<w:altChunk {nsdecls('w', 'r')} r:id='rIdChunk'/>"))
    rel = (
        b'<Relationship Id="rIdChunk" Target="chunk.htm" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"/></Relationships>'
    )
    with zipfile.ZipFile(io.BytesIO(save(d))) as src:
        files = {n: src.read(n) for n in src.namelist()}
    files["word/_rels/document.xml.rels"] = files["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", rel
    )
    files["word/chunk.htm"] = (
        "<html><body><p>导入的段落</p><table><tr><td>5</td></tr></table></body></html>".encode()
    )
    blocks = docx_blocks(zipped(files))
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in blocks] == ["前", "导入的段落", [["5"]]]


def test_a_tiny_table_in_a_data_table_cell_is_that_cells_text() -> None:
    d = docx.Document()
    t = d.add_table(rows=4, cols=3)
    for r in range(1, 4):
        t.cell(r, 0).text = f"行{r}"
        t.cell(r, 1).text = str(r)
    t.cell(0, 1).text = "自然人"
    t.cell(0, 2).text = "总计"
    corner = t.cell(0, 0).add_table(rows=2, cols=1)
    corner.cell(0, 0).text = "申请人情况"
    corner.cell(1, 0).text = "办理结果"
    (grid,) = docx_blocks(save(d))
    assert isinstance(grid, Grid)
    assert texts(grid)[0] == ["申请人情况\n办理结果", "自然人", "总计"]
    assert texts(grid)[3] == ["行3", "3", ""]


def test_word_2003_xml_is_read_through_its_sections_and_border_groups() -> None:
    ns = (
        'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
        'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint"'
    )
    cell = "<w:tc><w:tcPr>{}</w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    rows = (
        "<w:tr>" + cell.format('<w:vmerge w:val="restart"/>', "规章") + cell.format("", "1") + "</w:tr>"
        "<w:tr>" + cell.format("<w:vmerge/>", "") + cell.format("", "2") + "</w:tr>"
    )
    data = (
        f'<?xml version="1.0"?><w:wordDocument {ns}><w:body><wx:sect><wx:pBdrGroup>'
        "<w:p><w:r><w:t>标题</w:t></w:r></w:p></wx:pBdrGroup><w:tbl>"
        f"{rows}</w:tbl></wx:sect></w:body></w:wordDocument>"
    ).encode()
    title, grid = wordml_blocks(data)
    assert isinstance(title, Paragraph) and title.text == "标题"
    assert isinstance(grid, Grid)
    assert [[c.text for c in row] for row in grid.rows] == [["规章", "1"], ["规章", "2"]]
    with pytest.raises(UnreadableDocumentError):
        wordml_blocks(data[:-20])

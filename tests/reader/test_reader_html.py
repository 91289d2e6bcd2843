"""HTML front end: grids with merges expanded once, paragraphs in order, any encoding, no recursion."""

from __future__ import annotations

from pathlib import Path

import pytest
from docmaker import differences, fixture_paths

from gongkai.errors import UnreadableDocumentError
from gongkai.reader.blocks import Grid, Paragraph
from gongkai.reader.html import html_blocks


def grids(blocks: list) -> list[Grid]:
    return [b for b in blocks if isinstance(b, Grid)]


def texts(grid: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def test_rowspan_and_colspan_are_expanded_once_with_origin_marks() -> None:
    (grid,) = grids(
        html_blocks(
            "<table><tr><td rowspan=2>信息内容</td><td colspan='3'>行政许可</td></tr>"
            "<tr><td>1</td><td>2</td><td>3</td></tr></table>"
        )
    )
    assert texts(grid) == [["信息内容", "行政许可", "行政许可", "行政许可"], ["信息内容", "1", "2", "3"]]
    anchors = [(r, c) for r, row in enumerate(grid.rows) for c, cell in enumerate(row) if not cell.is_copy]
    assert anchors == [(0, 0), (0, 1), (1, 1), (1, 2), (1, 3)]
    assert grid.rows[0][0].rowspan == 2 and grid.rows[0][1].colspan == 3
    assert grid.rows[1][0].origin == (0, 0)
    assert [grid.rows[0][c].origin for c in (2, 3)] == [(0, 1), (0, 1)]
    copy = grid.rows[0][3]
    assert (copy.provenance.kind, copy.provenance.table, copy.provenance.row, copy.provenance.col) == (
        "html",
        0,
        0,
        1,
    )


def test_nested_markup_br_and_blank_cells() -> None:
    (grid,) = grids(
        html_blocks(
            "<table><tr><td><p class=MsoNormal><span><font>7</font></span></p></td>"
            "<td>本年新<br>制作数量</td><td>&nbsp;</td><td>\u3000</td></tr></table>"
        )
    )
    assert texts(grid) == [["7", "本年新\n制作数量", "", ""]]


def test_short_rows_are_padded_and_rowspan_zero_runs_to_the_end() -> None:
    (grid,) = grids(
        html_blocks("<table><tr><td rowspan=0>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></table>")
    )
    assert texts(grid) == [["a", "b", "c"], ["a", "d", ""]]
    assert grid.rows[1][2].provenance.col == 2 and not grid.rows[1][2].is_copy


def test_paragraphs_in_document_order_around_tables_without_script_or_hidden_text() -> None:
    blocks = html_blocks(
        "<html><head><title>青山镇2020年报告</title><style>p{color:red}</style></head><body>"
        "<script>var x = '不应出现';</script><h1>青山镇2020年报告</h1>"
        "<p>一、总体<b>情况</b></p>共受理申请<br>7件"
        "<table><tr><td>1</td></tr></table><div>尾<div>嵌套</div></div>"
        "<div style='display: none'>统计代码</div></body></html>"
    )
    kinds = [b.text if isinstance(b, Paragraph) else "GRID" for b in blocks]
    assert kinds == ["青山镇2020年报告", "一、总体情况", "共受理申请", "7件", "GRID", "尾", "嵌套"]


def test_title_is_kept_when_the_body_does_not_repeat_it() -> None:
    blocks = html_blocks(
        "<html><head><title>某县2021年政府信息公开工作年度报告</title></head><body><p>正文</p></body></html>"
    )
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "某县2021年政府信息公开工作年度报告",
        "正文",
    ]


def test_a_layout_table_is_read_as_flow_and_only_the_inner_table_is_a_grid() -> None:
    blocks = html_blocks(
        "<table><tr><td>前言<table><tr><td>1</td><td>2</td></tr></table>后记</td><td>侧栏</td></tr></table>"
    )
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in blocks] == [
        "前言",
        [["1", "2"]],
        "后记",
        "侧栏",
    ]
    assert blocks[1].provenance.table == 0


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "big5", "utf-8"])
def test_undeclared_encodings(encoding: str) -> None:
    text = "收到和处理政府信息公开申请情况" if encoding != "big5" else "收到和處理政府資訊公開申請情況"
    page = f"<html><body><p>{text}</p><table><tr><td>{text}</td><td>7</td></tr></table></body></html>"
    blocks = html_blocks(page.encode(encoding))
    assert blocks[0].text == text
    assert texts(grids(blocks)[0]) == [[text, "7"]]


def test_utf8_bytes_are_read_as_utf8_whatever_charset_the_page_declares() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>政府信息公开年报</p></body></html>'
    assert page.encode("utf-8").decode("gb18030") != page  # strict GB18030 takes these bytes too
    assert [b.text for b in html_blocks(page.encode("utf-8"))] == ["政府信息公开年报"]
    assert [b.text for b in html_blocks(page.encode("utf-8"), encoding="gb18030")] != ["政府信息公开年报"]


def test_declared_charset_and_xml_prolog() -> None:
    page = (
        '<?xml version="1.0" encoding="gb2312"?>'
        '<html><head><meta charset="gb2312"></head><body><p>年度报告</p></body></html>'
    )
    assert [b.text for b in html_blocks(page.encode("gb18030"))] == ["年度报告"]
    assert [b.text for b in html_blocks(page)] == ["年度报告"]


def test_ten_thousand_levels_of_nesting_neither_recurse_nor_lose_what_follows() -> None:
    junk = "<div><font>" * 5000 + "深处" + "</font></div>" * 5000
    blocks = html_blocks(
        f"<html><body><p>之前</p>{junk}<table><tr><td>7</td></tr></table><p>之后</p></body></html>"
    )
    assert [b.text if isinstance(b, Paragraph) else texts(b) for b in blocks] == [
        "之前",
        "深处",
        [["7"]],
        "之后",
    ]


def test_empty_and_comment_only_documents_have_no_blocks() -> None:
    assert html_blocks(b"") == []
    assert html_blocks("<!-- nothing -->") == []
    assert html_blocks("\x00\x01<p>a\x00b</p>") == [Paragraph("ab", html_blocks("<p>ab</p>")[0].provenance)]


def test_absurd_spans_are_bounded() -> None:
    (grid,) = grids(html_blocks("<table><tr><td colspan=99999>a</td></tr></table>"))
    assert grid.width == 1000
    rows = "".join("<tr><td colspan=1000>x</td></tr>" for _ in range(201))
    with pytest.raises(UnreadableDocumentError):
        html_blocks(f"<table>{rows}</table>")


@pytest.mark.parametrize("path", fixture_paths("html"), ids=lambda p: p.name)
def test_fixture_reads_into_the_report_it_was_made_from(path: Path) -> None:
    assert differences(path) == []


def test_upper_case_display_none_is_hidden_too() -> None:
    blocks = html_blocks(
        '<HTML><BODY><DIV STYLE="DISPLAY: NONE"><TABLE><TR><TD>9</TABLE></DIV>'
        '<P>1<SPAN style="Display:None">7</SPAN>2</BODY></HTML>'
    )
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == ["12"]
    assert not [b for b in blocks if isinstance(b, Grid)]


def test_a_tiny_table_in_a_data_table_cell_is_that_cells_text() -> None:
    rows = "".join(f"<tr><td>行{i}</td><td>{i}</td><td></td></tr>" for i in range(3))
    corner = "<table><tr><td>申请人情况</td></tr><tr><td>办理结果</td></tr></table>"
    blocks = html_blocks(f"<table><tr><td>{corner}</td><td>自然人</td><td>总计</td></tr>{rows}</table>")
    (grid,) = blocks
    assert isinstance(grid, Grid)
    assert [c.text for c in grid.rows[0]] == ["申请人情况\n办理结果", "自然人", "总计"]
    assert [c.text for c in grid.rows[3]] == ["行2", "2", ""]


def _paragraphs(page: str) -> list[str]:
    return [b.text for b in html_blocks(page) if isinstance(b, Paragraph)]


def test_style_sheet_rules_on_class_id_and_tag_hide_their_elements() -> None:
    page = (
        "<html><head><style><!-- /* old */ .hide{display:none} #old { DISPLAY : none }\n"
        "i, .copy{visibility:hidden !important} --></style></head><body>"
        '<p>正文<span class="x hide">7</span>1</p><p id="old">旧表</p><p>2<i>9</i></p>'
        '<p class="copy">副本</p><p>剩下的正文足够长，占页面文字的大半，所以样式表的隐藏会生效。</p>'
    )
    assert _paragraphs(page) == ["正文1", "2", "剩下的正文足够长，占页面文字的大半，所以样式表的隐藏会生效。"]


def test_style_sheet_rules_that_do_not_apply_as_printed_hide_nothing() -> None:
    page = (
        "<html><head><style>@media (max-width:640px){.pc{display:none}} .box p{display:none}"
        ".tab{display:none} .tab.on{display:block} .menu{display:none}</style></head><body>"
        '<div class="pc box"><p>电脑版正文</p></div><p class="tab on">当前页</p>'
        '<p class="menu" style="display:block">菜单</p></body></html>'
    )
    assert _paragraphs(page) == ["电脑版正文", "当前页", "菜单"]


def test_a_page_hidden_by_its_style_sheet_until_a_script_shows_it_is_read() -> None:
    page = "<style>#content{display:none}</style><div id='content'><p>整篇报告的正文</p></div><p>页脚</p>"
    assert _paragraphs(page) == ["整篇报告的正文", "页脚"]
    tables = "<style>.r{display:none}</style><div class='r'><table><tr><td>1</td></tr></table></div>"
    assert len(grids(html_blocks(tables + "<p>页脚的文字比表格里的字多得多</p>"))) == 1


def test_style_sheets_with_nested_at_rules_and_stray_braces_are_read_rule_by_rule() -> None:
    sheet = (
        '@charset "utf-8"; @import url(a.css); @media print { @page { size: A4 } .screen { display: none } }'
        " } .old { display: none } @font-face { font-family: x } .tail { display: none"
    )
    page = (
        f"<style>{sheet}</style><p class='screen'>正文一</p><p class='old'>旧</p>"
        "<p class='tail'>正文二</p><p>正文三，足够长的正文</p>"
    )
    assert _paragraphs(page) == ["正文一", "正文二", "正文三，足够长的正文"]

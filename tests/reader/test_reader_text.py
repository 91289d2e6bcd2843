"""The plain-text front end: which layouts become grids, paragraphs and blank cells, with spans."""

from __future__ import annotations

from gongkai.reader.blocks import Grid, Paragraph
from gongkai.reader.text import text_blocks


def _rows(grid: object) -> list[list[str]]:
    assert isinstance(grid, Grid)
    return [[c.text for c in row] for row in grid.rows]


def test_pipe_rows_keep_their_empty_cells() -> None:
    (grid,) = text_blocks("规章 | 0 | | 3 |\n | 1 | 2 | 3 |")
    assert _rows(grid) == [["规章", "0", "", "3"], ["", "1", "2", "3"]]


def test_markdown_leading_pipe_opens_the_row_and_separator_is_skipped() -> None:
    (grid,) = text_blocks("| 信息内容 | 本年制发件数 |\n| --- | ---: |\n| 规章 | 5 |")
    assert _rows(grid) == [["信息内容", "本年制发件数"], ["规章", "5"]]


def test_tab_cells_rows_and_split_headers() -> None:
    text = "\t信息内容\n\t本年新\n制作数量\n\n\t规章\n\t\n\t0\n\n三、收到"
    grid, heading = text_blocks(text)
    assert _rows(grid) == [["信息内容", "本年新制作数量"], ["规章", "", "0"]]
    assert isinstance(heading, Paragraph) and heading.text == "三、收到"


def test_double_spaced_lines_nbsp_blank_cells_and_footers() -> None:
    text = "\n\n".join(["规章", " ", "0", "第 2 页", "行政许可", "1", "2", "3", "4", "5"])
    blocks = text_blocks(text)
    assert [b.text for b in blocks if isinstance(b, Paragraph)] == [
        "规章",
        "",
        "0",
        "行政许可",
        "1",
        "2",
        "3",
        "4",
        "5",
    ]


def test_spans_point_into_the_text() -> None:
    text = "标题\n规章 |  12 | 3 |"
    (para, grid) = text_blocks(text)
    assert isinstance(grid, Grid)
    for cell in grid.rows[0]:
        a, b = cell.provenance.span or (0, 0)
        assert text[a:b] == cell.text and cell.provenance.line == 2
    assert para.provenance.span == (0, 2)


def test_bold_paragraph_span_points_at_its_text() -> None:
    from gongkai.reader.blocks import Paragraph
    from gongkai.reader.text import text_blocks

    text = "第一行\n第二行\n  ** 慈城镇人民政府 **\n"
    bold = [b for b in text_blocks(text) if isinstance(b, Paragraph) and "慈城镇" in b.text]
    assert [b.text for b in bold] == ["慈城镇人民政府"]
    prov = bold[0].provenance
    assert prov.line == 3 and prov.span is not None
    assert text[prov.span[0] : prov.span[1]] == "慈城镇人民政府"

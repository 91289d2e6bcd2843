"""Flattened-text gaps beyond the fixtures' cells: headings, dates and how settled cells are recorded."""

from __future__ import annotations

from pathlib import Path

from gongkai.reader import read
from gongkai.reader.cells import label_key
from gongkai.reader.tables import _header_order
from gongkai.templates import get_template

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"


def test_parenthesized_section_headings_are_found_and_overview_subsections_are_not() -> None:
    report = read(FIXTURES / "section-headings-parenthesized.txt")
    assert sorted(report.sections) == ["s1", "s5", "s6"]
    overview = report.sections["s1"]
    assert "(四)行政复议、行政诉讼情况" in overview and overview.endswith("全年未发生行政复议。")
    assert "存在的主要问题" not in overview


def test_table3_columns_in_the_order_a_one_level_header_names_them() -> None:
    table = get_template("2021").table("requests")
    names = ["申请人情况", "总计", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    order = ["total", "natural", "commercial", "research", "social", "legal", "org_other"]
    assert _header_order([(label_key(n), 3) for n in names], table) == order
    standard = ["自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织"]
    standard += ["法律服务机构", "其他"]
    assert _header_order([(label_key(n), 3 + i // 3) for i, n in enumerate(standard)], table) is None
    assert _header_order([(label_key(n), 3) for n in standard[:4]], table) is None  # not every column named
    split = [(label_key(n), 3 + (n != "法人或其他组织")) for n in standard]  # the upper level on two lines
    assert _header_order(split, table) is None


def test_a_period_is_never_the_publication_date() -> None:
    text = (FIXTURES / "pipe-rows.txt").read_text(encoding="utf-8").replace("2021年1月20日\n", "")
    for line in ("日期：2020年1月1日至2020年12月31日", "统计时间：2020年1月1日—2020年12月31日"):
        lines = text.split("\n")
        report = read("\n".join([lines[0], line, *lines[1:]]).encode("utf-8"), name="report.txt")
        assert (report.meta.year, report.meta.published) == (2020, None)


def _laid_out(label: str, values: dict[int, str]) -> str:
    """A line as pdftotext -layout prints it: each value at its character column."""
    line = label
    for column, value in sorted(values.items()):
        line = line.ljust(column) + value
    return line


def test_a_table_laid_out_with_spaces_keeps_its_empty_cells_where_the_columns_show_them() -> None:
    from gongkai.reader.text import _aligned_rows, _lines

    lines = [
        _laid_out("规章", {20: "1", 30: "2", 40: "3"}),
        "",
        _laid_out("行政规范性文件", {20: "4", 40: "16"}),
        _laid_out("行政许可", {19: "17", 30: "8", 40: "9"}),
        _laid_out("行政处罚", {52: "5"}),  # off every column: left as it is
    ]
    rows = _aligned_rows(_lines("\n".join(lines)))
    assert {n: [c.text for c in cells] for n, cells in rows.items()} == {
        1: ["规章", "1", "2", "3"],
        3: ["行政规范性文件", "4", "", "16"],
        4: ["行政许可", "17", "8", "9"],
    }
    lines[2] = _laid_out("行政规范性文件", {20: "4", 30: "5", 40: "16"})
    assert _aligned_rows(_lines("\n".join(lines[:4]))) == {}  # no empty cell: the lines stay as they are

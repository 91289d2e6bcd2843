"""Flattened-text gaps beyond the fixtures' cells: headings, dates and how settled cells are recorded."""

from __future__ import annotations

from pathlib import Path

from gongkai.reader import read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"


def test_parenthesized_section_headings_are_found_and_overview_subsections_are_not() -> None:
    report = read(FIXTURES / "section-headings-parenthesized.txt")
    assert sorted(report.sections) == ["s1", "s5", "s6"]
    overview = report.sections["s1"]
    assert "(四)行政复议、行政诉讼情况" in overview and overview.endswith("全年未发生行政复议。")
    assert "存在的主要问题" not in overview

"""HTML, DOCX and XLSX put every value of both templates in its official place, merged as the template is.

The grids are read back with lxml / python-docx / openpyxl and searched by
label, independently of the layout code that wrote them.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from docx import Document
from lxml import html as lxml_html
from openpyxl import load_workbook
from render_grids import OFFICIAL_SPANS, Finder, Grid, as_value, docx_grid, html_grid, span, xlsx_grid

from gongkai.model import Report

Rendered = Callable[[str, str], bytes]


def html_tables(data: bytes) -> list[Grid]:
    return [html_grid(t) for t in lxml_html.fromstring(data).iter("table")]


def docx_tables(data: bytes) -> list[Grid]:
    return [docx_grid(t) for t in Document(io.BytesIO(data)).tables]


def xlsx_tables(data: bytes) -> list[Grid]:
    wb = load_workbook(io.BytesIO(data))
    return [xlsx_grid(wb[name]) for name in ("表二", "表三", "表四")]


READERS: dict[str, Callable[[bytes], list[Grid]]] = {
    "html": html_tables,
    "docx": docx_tables,
    "xlsx": xlsx_tables,
}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_value_in_its_official_place(case: tuple[str, Report], fmt: str, rendered: Rendered) -> None:
    """Blank cells included: they must come back empty, not 0."""
    name, report = case
    template = report.template
    assert template is not None
    assert any(c.value is None for c in report.cells.values())
    grids = READERS[fmt](rendered(name, fmt))
    numbers = [t.number for t in template.tables]
    assert len(grids) == len(numbers)
    finders = [Finder(g) for g in grids]
    for key, spec in template.cells.items():
        finder = finders[numbers.index(spec.table.number)]
        r, c = finder.locate(spec)
        grid = finder.grid
        assert as_value(grid[r][c].value) == report.value(key), key
        if not spec.block.transposed:  # the row's first column holds its top label
            assert grid[r][0].value == (spec.row.path[0] if spec.row.path else spec.row.label), key


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_official_merged_cells(case: tuple[str, Report], fmt: str, rendered: Rendered) -> None:
    name, report = case
    template = report.template
    assert template is not None
    grids = READERS[fmt](rendered(name, fmt))
    numbers = [t.number for t in template.tables]
    for number, spans in OFFICIAL_SPANS[template.id].items():
        grid = grids[numbers.index(number)]
        for text, expected in spans.items():
            assert span(grid, text) == expected, (number, text)

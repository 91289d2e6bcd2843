"""XLSX: the sheets, the flat sheet, money formats and highlighted problem cells."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from render_grids import Finder, xlsx_grid

from gongkai.model import Provenance, Report
from gongkai.render import render
from gongkai.render.layout import full_label
from gongkai.render.xlsx import FLAT_HEADER, FLAT_SHEET, MONEY_FORMAT

Rendered = Callable[[str, str], bytes]


def _book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def test_sheets_and_titles(case: tuple[str, Report], rendered: Rendered) -> None:
    name, report = case
    template = report.template
    assert template is not None
    wb = _book(rendered(name, "xlsx"))
    assert wb.sheetnames == ["表二", "表三", "表四", FLAT_SHEET]
    for table in template.tables:
        assert wb[f"表{table.number}"]["A1"].value == table.title


def test_flat_sheet_lists_meta_and_every_cell(case: tuple[str, Report]) -> None:
    _, report = case
    template = report.template
    assert template is not None
    report.cells["requests.new.natural"].raw = "12件"
    report.cells["requests.new.natural"].provenance = Provenance("html", table=2, row=3, col=3)
    rows = list(_book(render(report, "xlsx"))[FLAT_SHEET].iter_rows(values_only=True))
    assert rows[0] == FLAT_HEADER
    by_key = {row[0]: row for row in rows[1:]}
    assert by_key["meta.body"][2] == report.meta.body
    assert by_key["meta.year"][2] == report.meta.year
    assert list(by_key)[4:] == list(template.keys)
    for key, spec in template.cells.items():
        assert by_key[key][1] == full_label(spec)
    row = by_key["requests.new.natural"]
    assert row[3] == "12件"
    assert json.loads(str(row[4])) == {"kind": "html", "table": 2, "row": 3, "col": 3}


def test_money_cells_carry_decimals(case: tuple[str, Report], rendered: Rendered) -> None:
    name, report = case
    template = report.template
    assert template is not None
    money = [k for k, s in template.cells.items() if s.kind.value == "money"]
    assert money
    wb = _book(rendered(name, "xlsx"))
    for key in money:
        spec = template.cells[key]
        ws = wb[f"表{spec.table.number}"]
        r, c = Finder(xlsx_grid(ws)).locate(spec)
        assert ws.cell(r + 1, c + 1).number_format.startswith(MONEY_FORMAT)
    if report.value("active.procurement.amount") is not None:
        ws = wb["表二"]
        r, c = Finder(xlsx_grid(ws)).locate(template.cells["active.procurement.amount"])
        assert Decimal(repr(ws.cell(r + 1, c + 1).value)) == Decimal("2470.5")


def test_problem_cells_are_filled_and_commented(case: tuple[str, Report], rendered: Rendered) -> None:
    name, report = case
    template = report.template
    assert template is not None
    wb = _book(rendered(name, "xlsx"))
    finders = {t.number: Finder(xlsx_grid(wb[f"表{t.number}"])) for t in template.tables}
    named = {k: f for f in reversed(report.findings) for k in f.cells}
    for key, spec in template.cells.items():
        ws = wb[f"表{spec.table.number}"]
        r, c = finders[spec.table.number].locate(spec)
        cell = ws.cell(r + 1, c + 1)
        if key in named:
            assert cell.comment is not None and named[key].message in cell.comment.text
            assert cell.fill.fill_type == "solid"
        else:
            assert cell.comment is None

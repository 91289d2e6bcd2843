"""Properties: for random reports of both templates, CSV and the XLSX flat sheet give back every value."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from gongkai.model import Report, Value
from gongkai.render import render
from gongkai.render.csv import csv_header
from gongkai.render.xlsx import FLAT_SHEET
from gongkai.samples import random_report
from gongkai.templates import Kind, get_template


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A random consistent report, then some blanks, odd money amounts and negative changes."""
    template = get_template(draw(st.sampled_from(["2019", "2021"])))
    report = random_report(draw(st.integers(0, 2**32)), template)
    keys = sorted(template.keys)
    for key in draw(st.lists(st.sampled_from(keys), max_size=12)):
        report.set(key, None)
    for key, spec in template.cells.items():
        if spec.kind is Kind.MONEY and draw(st.booleans()):
            report.set(key, draw(st.decimals(0, 10**8, places=draw(st.integers(0, 6)))))
        elif spec.kind is Kind.SIGNED and draw(st.booleans()):
            report.set(key, draw(st.integers(-(10**6), 10**6)))
    return report


def _parse(text: str, kind: Kind) -> Value:
    if text == "":
        return None
    return Decimal(text) if kind is Kind.MONEY else int(text)


@given(reports())
@settings(max_examples=60, deadline=None)
def test_csv_gives_back_every_value(report: Report) -> None:
    template = report.template
    assert template is not None
    rows = list(csv.reader(io.StringIO(render(report, "csv").decode())))
    assert len(rows) == 2 and rows[0] == csv_header()
    back = dict(zip(rows[0], rows[1], strict=True))
    assert back["meta.body"] == report.meta.body
    assert back["meta.year"] == str(report.meta.year)
    assert back["meta.template"] == template.id
    for key, spec in template.cells.items():
        assert _parse(back[key], spec.kind) == report.value(key), key
    assert all(back[k] == "" for k in back if k.split(".")[0] != "meta" and k not in template.cells)


@pytest.mark.slow
@given(reports())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_xlsx_flat_sheet_gives_back_every_value(report: Report) -> None:
    template = report.template
    assert template is not None
    ws = load_workbook(io.BytesIO(render(report, "xlsx")), read_only=True)[FLAT_SHEET]
    back = {row[0]: row[2] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert back["meta.template"] == template.id
    for key in template.keys:
        value = back[key]
        got = Decimal(repr(value)) if isinstance(value, float) else value
        assert got == report.value(key), key

"""Render → read is lossless: gongkai's own renderers, and the independent documents of docmaker."""

from __future__ import annotations

import random

import docmaker
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.reader import read
from gongkai.render import render
from gongkai.samples import random_report

reports = st.builds(
    lambda seed, template, blanks: _with_blanks(random_report(seed, template), seed, blanks),
    st.integers(0, 2**31),
    st.sampled_from(["2019", "2021"]),
    st.sampled_from([0.0, 0.0, 0.3]),
)


def _with_blanks(report: Report, seed: int, share: float) -> Report:
    return docmaker.with_blanks(report, random.Random(seed), share) if share else report


def assert_same(back: Report, report: Report) -> None:
    assert (back.meta.body, back.meta.year, back.meta.template, back.meta.published) == (
        report.meta.body,
        report.meta.year,
        report.meta.template,
        report.meta.published,
    )
    assert back.values() == report.values()


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports, fmt=st.sampled_from(["html", "docx"]))
def test_gongkai_render_then_read(report: Report, fmt: str) -> None:
    assert_same(read(render(report, fmt), name=f"report.{fmt}"), report)


html_styles = st.builds(
    docmaker.HtmlStyle,
    encoding=st.sampled_from(["utf-8", "gb18030", "gbk"]),
    declare=st.booleans(),
    word_markup=st.booleans(),
    header_breaks=st.booleans(),
    blank=st.sampled_from(["", "&nbsp;", " "]),
    layout_table=st.booleans(),
    short_rows=st.booleans(),
)


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports, style=html_styles)
def test_messy_html_then_read(report: Report, style: docmaker.HtmlStyle) -> None:
    assert_same(read(docmaker.html(report, style), name="report.html"), report)


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports, traditional=st.booleans())
def test_docx_then_read(report: Report, traditional: bool) -> None:
    assert_same(read(docmaker.docx(report, traditional=traditional), name="report.docx"), report)


@pytest.mark.slow
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports, lines=st.booleans(), split=st.booleans(), repeat=st.booleans())
def test_pdf_then_read(report: Report, lines: bool, split: bool, repeat: bool) -> None:
    style = docmaker.PdfStyle(lines=lines, repeat_header=repeat)
    data = docmaker.pdf(report, style, gap_before=("requests",) if split else ())
    assert_same(read(data, name="report.pdf"), report)

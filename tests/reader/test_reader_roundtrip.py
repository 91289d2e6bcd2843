"""render → read round trips are lossless (values, meta, the prose sections) for Markdown and JSON."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.model import Report
from gongkai.reader import read
from gongkai.render import render
from gongkai.samples import random_report


def _same(a: Report, b: Report) -> None:
    assert b.values() == a.values()
    for field in ("body", "year", "template", "published"):
        assert getattr(b.meta, field) == getattr(a.meta, field)
    assert b.sections == a.sections


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    template=st.sampled_from(["2019", "2021"]),
    scale=st.sampled_from([3, 20, 500]),
)
def test_markdown_round_trip(seed: int, template: str, scale: int) -> None:
    report = random_report(seed, template, scale=scale)
    _same(report, read(render(report, "md"), name="report.md"))


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_json_round_trip(template: str) -> None:
    report = random_report(11, template)
    assert read(render(report, "json"), name="report.json") == report


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10**6), template=st.sampled_from(["2019", "2021"]), blank=st.data())
def test_markdown_round_trip_with_blank_cells(seed: int, template: str, blank: st.DataObject) -> None:
    report = random_report(seed, template)
    for key in blank.draw(st.lists(st.sampled_from(sorted(report.cells)), max_size=12)):
        report.set(key, None)
    back = read(render(report, "md"), name="report.md")
    assert back.values() == report.values()

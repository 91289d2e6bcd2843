"""Properties over random consistent reports of both templates (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.checks import CATALOGUE, identity_code, run_checks
from gongkai.model import Provenance, Report, Severity
from gongkai.samples import random_report

TEMPLATE_IDS = st.sampled_from(["2019", "2021"])
SEEDS = st.integers(min_value=0, max_value=2**32)

provenances = st.one_of(
    st.none(),
    st.builds(
        Provenance,
        kind=st.sampled_from(["text", "html", "docx", "pdf"]),
        line=st.none() | st.integers(1, 5000),
        span=st.none() | st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
        table=st.none() | st.integers(0, 20),
        row=st.none() | st.integers(0, 40),
        col=st.none() | st.integers(0, 10),
        page=st.none() | st.integers(1, 60),
        bbox=st.none() | st.tuples(*[st.floats(0, 1000, allow_nan=False, allow_infinity=False)] * 4),
        how=st.none() | st.text(max_size=20),
    ),
)


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS, template=TEMPLATE_IDS)
def test_consistent_reports_draw_no_error(seed: int, template: str) -> None:
    report = random_report(seed, template)
    errors = [f for f in run_checks(report) if f.severity is Severity.ERROR]
    assert errors == []


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, template=TEMPLATE_IDS, data=st.data())
def test_json_round_trips_losslessly(seed: int, template: str, data: st.DataObject) -> None:
    report = random_report(seed, template)
    for key in data.draw(st.lists(st.sampled_from(report.template.keys), max_size=8, unique=True)):
        cell = report.cells[key]
        cell.provenance = data.draw(provenances)
        cell.raw = data.draw(st.none() | st.text(max_size=12))
        cell.unit = data.draw(st.none() | st.sampled_from(["元", "万元"]))
    report.findings = run_checks(report)
    again = Report.from_json(report.to_json())
    assert again == report
    assert again.meta.source == report.meta.source
    for key, cell in report.cells.items():
        other = again.cells[key]
        assert (other.provenance, other.raw, other.unit) == (cell.provenance, cell.raw, cell.unit)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in report.findings]


@settings(max_examples=200, deadline=None)
@given(
    seed=SEEDS,
    template=TEMPLATE_IDS,
    data=st.data(),
    delta=st.integers(-50, 50).filter(bool),
)
def test_changing_one_cell_fires_exactly_the_identities_that_contain_it(
    seed: int, template: str, data: st.DataObject, delta: int
) -> None:
    report = random_report(seed, template)
    key = data.draw(st.sampled_from(report.template.keys))
    report.set(key, report.value(key) + delta)
    containing = {identity_code(i.code) for i in report.template.identities if key in i.lhs or key in i.rhs}
    fired = [f for f in run_checks(report) if CATALOGUE[f.code].family == "identity"]
    if report.template.cells[key].table.number in {"三", "四"}:
        assert containing  # every cell of tables 三 and 四 is in some identity
    assert {f.code for f in fired} == containing
    for finding in fired:
        assert key in finding.cells
        assert finding.severity is Severity.ERROR
        assert abs(finding.detail["difference"]) == abs(delta)


@settings(max_examples=40, deadline=None)
@given(seed=SEEDS, template=TEMPLATE_IDS)
def test_checks_do_not_change_the_report(seed: int, template: str) -> None:
    report = random_report(seed, template)
    before = report.to_json()
    run_checks(report)
    run_checks(report, lang="en")
    assert report.to_json() == before

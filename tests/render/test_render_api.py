"""The public entry points: formats, JSON findings, many reports as one CSV, legacy reports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from gongkai.errors import UsageError
from gongkai.model import Finding, Meta, Report, Severity
from gongkai.render import FORMATS, render
from gongkai.render.csv import csv_header, to_csv, write_csv
from gongkai.samples import random_report
from gongkai.templates import all_keys, get_template


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="pdf"):
        render(random_report(1, "2019"), "pdf")


def test_json_carries_the_findings_given() -> None:
    report = random_report(1, "2021")
    report.findings = [Finding("old", Severity.INFO, "旧的")]
    new = Finding("new", Severity.ERROR, "新的", cells=("requests.new.total",))
    assert json.loads(render(report, "json"))["findings"][0]["code"] == "old"
    assert [f["code"] for f in json.loads(render(report, "json", findings=[new]))["findings"]] == ["new"]
    assert report.findings[0].code == "old"  # the report itself is not changed


def test_csv_header_order() -> None:
    header = csv_header()
    assert header[:4] == ["meta.body", "meta.year", "meta.template", "meta.published"]
    assert header[4:] == list(all_keys())
    only_2021 = csv_header(("2021",))
    assert only_2021[4:] == [k for k in all_keys() if k in get_template("2021").cells]


def test_many_reports_one_csv() -> None:
    reports = [random_report(i, tid) for i, tid in enumerate(["2019", "2021", "2019"])]
    out = io.StringIO()
    assert write_csv(reports, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["meta.template"] for r in rows] == ["2019", "2021", "2019"]
    assert rows[0]["requests.other.total"] != "" and rows[0]["requests.other.misc.total"] == ""
    assert rows[1]["requests.other.total"] == "" and rows[1]["requests.other.misc.total"] != ""
    assert out.getvalue() == to_csv(reports)


def test_csv_refuses_to_drop_values() -> None:
    with pytest.raises(UsageError, match="template_ids"):
        to_csv([random_report(1, "2019")], template_ids=("2021",))


@pytest.mark.parametrize("fmt", FORMATS)
def test_legacy_report_renders_in_every_format(fmt: str) -> None:
    report = Report(
        meta=Meta(body="某县人民政府", year=2015, template="legacy"),
        sections={"s1": "概述。", "s5": "问题。"},
        findings=[Finding("legacy", Severity.INFO, "2019 年以前的报告没有统一表格")],
    )
    data = render(report, fmt)
    assert data
    if fmt in ("md", "html"):
        assert "某县人民政府2015年政府信息公开工作年度报告" in data.decode()
        assert "问题。" in data.decode()

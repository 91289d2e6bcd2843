"""``gongkai render``: formats to stdout or a file, checks' findings highlighted, exit codes 0/2/3."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from openpyxl import load_workbook

from gongkai.cli.render import findings_for, render
from gongkai.model import Finding, Report, Severity
from gongkai.render import render as render_report
from gongkai.samples import random_report


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    report = random_report(11, "2021")
    total = report.value("requests.granted.total")
    assert isinstance(total, int)
    report.set("requests.granted.total", total + 1)  # breaks T3.2 on that row
    path = tmp_path / "report.json"
    path.write_text(report.to_json(), encoding="utf-8")
    return path


def test_json_to_stdout(report_file: Path) -> None:
    result = CliRunner().invoke(render, [str(report_file), "--to", "json"])
    assert result.exit_code == 0, result.output
    back, original = Report.from_json(result.stdout_bytes), Report.from_json(report_file.read_bytes())
    assert (back.meta, back.values(), back.sections) == (original.meta, original.values(), original.sections)
    assert any("requests.granted.total" in f.cells for f in back.findings)  # the checks ran


def test_markdown_to_stdout_with_dash(report_file: Path) -> None:
    result = CliRunner().invoke(render, [str(report_file), "--to", "md", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# ")
    assert "## 三、收到和处理政府信息公开申请情况" in result.stdout


def test_html_file_highlights_what_the_checks_find(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(render, [str(report_file), "--to", "html", "-o", str(out)])
    assert result.exit_code == 0
    assert str(out) in result.stderr
    (td,) = lxml_html.fromstring(out.read_bytes()).xpath('//td[@data-key="requests.granted.total"]')
    assert "gk-error" in td.get("class", "").split()


def test_format_from_the_output_suffix(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    result = CliRunner().invoke(render, [str(report_file), "-o", str(out)])
    assert result.exit_code == 0
    assert load_workbook(io.BytesIO(out.read_bytes())).sheetnames[:3] == ["表二", "表三", "表四"]


def test_binary_format_needs_an_output_file(report_file: Path) -> None:
    result = CliRunner().invoke(render, [str(report_file), "--to", "docx"])
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_no_format_at_all_is_a_usage_error(report_file: Path) -> None:
    result = CliRunner().invoke(render, [str(report_file)])
    assert result.exit_code == 2
    assert "--to" in result.stderr


def test_unknown_format_is_a_usage_error(report_file: Path) -> None:
    assert CliRunner().invoke(render, [str(report_file), "--to", "pdf"]).exit_code == 2


def test_missing_file_is_unreadable_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(render, [str(tmp_path / "nope.json"), "--to", "json"])
    assert result.exit_code == 3
    assert "nope.json" in result.stderr


def test_broken_json_is_unreadable_input(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"meta": ', encoding="utf-8")
    result = CliRunner().invoke(render, [str(path), "--to", "md"])
    assert result.exit_code == 3
    assert "JSON" in result.stderr


def test_findings_merge_the_checks_and_the_reports_own() -> None:
    report = random_report(12, "2019")
    own = Finding("reader-note", Severity.INFO, "读取时的说明")
    report.findings = [own]
    found = findings_for(report)
    assert found[-1] == own and found.count(own) == 1
    report.set("appeals.review.total", None)
    assert any("appeals.review.total" in f.cells for f in findings_for(report))


def test_output_equals_the_library(report_file: Path) -> None:
    report = Report.from_json(report_file.read_bytes())
    result = CliRunner().invoke(render, [str(report_file), "--to", "csv"])
    assert result.stdout_bytes == render_report(report, "csv", findings=findings_for(report))
    assert json.loads(render_report(report, "json"))["meta"]["template"] == "2021"

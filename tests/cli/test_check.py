"""``gongkai check``: exact exit codes, the JSON shape, series across years, languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gongkai.cli.check import check
from gongkai.model import Finding, Report, Severity
from gongkai.samples import random_report

CITY = "临江市人民政府"


def clean(template: str, seed: int, year: int) -> Report:
    """A report without any finding: a body that may make 规章, the procurement unit written."""
    report = random_report(seed, template, year=year, body=CITY)
    if template == "2019":
        report.set("active.procurement.amount", report.value("active.procurement.amount"), unit="万元")
    return report


def write(tmp_path: Path, name: str, report: Report) -> str:
    path = tmp_path / name
    path.write_text(report.to_json(), encoding="utf-8")
    return str(path)


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(check, list(args), input=stdin)


@pytest.fixture
def good(tmp_path: Path) -> str:
    return write(tmp_path, "good.json", clean("2021", 3, 2021))


@pytest.fixture
def bad(tmp_path: Path) -> str:
    report = clean("2019", 3, 2020)
    report.meta.body = "河西市人民政府"  # not a series with ``good``
    report.set("requests.total.natural", report.value("requests.total.natural") - 6)
    return write(tmp_path, "bad.json", report)


def test_clean_report_exits_0(good: str) -> None:
    result = run(good)
    assert result.exit_code == 0
    assert result.stdout == f"{good}  {CITY} · 2021 · 2021 年格式\n  未发现问题\n"
    assert result.stderr == ""


def test_errors_exit_1_with_a_readable_table(bad: str) -> None:
    result = run(bad)
    assert result.exit_code == 1
    for text in ("identity-t3-3", "requests.total.natural", "错误", "相差 6", "3 个错误，0 个警告，0 个提示"):
        assert text in result.stdout


def test_json_shape_names_every_finding_s_cells(good: str, bad: str) -> None:
    result = run("--format", "json", good, bad)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [item["file"] for item in data] == [good, bad]
    assert set(data[0]) == {"file", "meta", "findings"}
    assert data[0]["findings"] == []
    assert data[1]["meta"]["year"] == 2020 and data[1]["meta"]["template"] == "2019"
    codes = [f["code"] for f in data[1]["findings"]]
    assert codes == ["identity-t3-1", "identity-t3-3", "identity-t3-2"]
    for finding in data[1]["findings"]:
        assert set(finding) == {"code", "severity", "message", "message_en", "cells", "detail"}
        assert "requests.total.natural" in finding["cells"]
        assert finding["severity"] == "error"
    t33 = data[1]["findings"][1]
    assert t33["detail"]["difference"] == -6
    assert t33["message"].startswith("（七）总计·自然人 = ")


def test_english_messages(bad: str) -> None:
    result = run("--lang", "en", "--format", "json", bad)
    findings = json.loads(result.stdout)[0]["findings"]
    assert all(f["message"] == f["message_en"] for f in findings)
    text = run("--lang", "en", bad).stdout
    assert "3 error(s), 0 warning(s), 0 info" in text and "severity" in text


def test_unreadable_input_exits_3_and_the_others_are_still_checked(tmp_path: Path, bad: str) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{nope", encoding="utf-8")
    missing = str(tmp_path / "missing.json")
    result = run("--format", "json", str(broken), bad, missing)
    assert result.exit_code == 3  # 3 beats 1
    data = json.loads(result.stdout)
    assert data[0]["error"]["exit_code"] == 3 and data[0]["meta"] is None and data[0]["findings"] == []
    assert data[1]["findings"]  # still checked
    assert data[2]["error"]["message"].startswith("找不到文件 / no such file")
    assert result.stderr.splitlines() == [
        f"错误 / error: {broken}: " + data[0]["error"]["message"],
        f"错误 / error: {missing}: " + data[2]["error"]["message"],
    ]


def test_a_json_naming_an_unknown_template_is_a_usage_error_which_wins(tmp_path: Path, bad: str) -> None:
    odd = tmp_path / "odd.json"
    odd.write_text(json.dumps({"meta": {"template": "2020"}, "cells": {}}), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("[]", encoding="utf-8")
    assert run(str(odd), str(broken), bad).exit_code == 2


def test_usage_errors_exit_2() -> None:
    assert run().exit_code == 2
    assert run("--lang", "fr", "x.json").exit_code == 2
    assert run("--format", "xml", "x.json").exit_code == 2


def test_stdin(good: str) -> None:
    result = run("-", stdin=Path(good).read_text(encoding="utf-8"))
    assert result.exit_code == 0 and "未发现问题" in result.stdout


def test_consecutive_years_of_one_body_are_checked_as_a_series(tmp_path: Path) -> None:
    before = clean("2021", 3, 2021)
    after = clean("2021", 9, 2022)
    for col in ("natural", "commercial", "research", "social", "legal", "org_other", "total"):
        old = after.value(f"requests.carried_in.{col}")
        new = before.value(f"requests.carried_over.{col}")
        after.set(f"requests.carried_in.{col}", new)
        after.set(f"requests.new.{col}", after.value(f"requests.new.{col}") + old - new)
    for row in ("rules", "normative"):
        after.set(
            f"active.{row}.in_force",
            before.value(f"active.{row}.in_force")
            + after.value(f"active.{row}.issued")
            - after.value(f"active.{row}.repealed"),
        )
    files = [write(tmp_path, "2022.json", after), write(tmp_path, "2021.json", before)]
    assert run(*files).exit_code == 0
    assert "未发现问题" in run(*files).stdout

    after.set("requests.carried_in.legal", after.value("requests.carried_in.legal") + 1)
    after.set("requests.new.legal", after.value("requests.new.legal") - 1)
    after.set("requests.carried_in.total", after.value("requests.carried_in.total") + 1)
    after.set("requests.new.total", after.value("requests.new.total") - 1)
    files[0] = write(tmp_path, "2022.json", after)
    data = json.loads(run("--format", "json", *files).stdout)
    assert [f["code"] for f in data[0]["findings"]] == ["carry-over-mismatch", "carry-over-mismatch"]
    assert [f["cells"] for f in data[0]["findings"]] == [
        ["requests.carried_in.legal"],
        ["requests.carried_in.total"],
    ]
    assert data[1]["findings"] == []

    after.meta.body = "临江市政府"  # the same body, named differently: only --series pairs them
    files[0] = write(tmp_path, "2022.json", after)
    assert json.loads(run("--format", "json", *files).stdout)[0]["findings"] == []
    data = json.loads(run("--format", "json", "--series", *files).stdout)
    assert len(data[0]["findings"]) == 2


def test_reader_findings_are_kept_and_stale_check_findings_recomputed(tmp_path: Path) -> None:
    report = clean("2021", 3, 2021)
    report.findings = [
        Finding("ocr-needed", Severity.WARNING, "第 3 页是扫描件 [bold]", message_en="page 3 is a scan"),
        Finding("identity-t3-1", Severity.ERROR, "过时的发现", ("requests.new.natural",)),
    ]
    data = json.loads(run("--format", "json", write(tmp_path, "r.json", report)).stdout)
    assert [f["code"] for f in data[0]["findings"]] == ["ocr-needed"]
    en = json.loads(run("--format", "json", "--lang", "en", write(tmp_path, "r.json", report)).stdout)
    assert en[0]["findings"][0]["message"] == "page 3 is a scan"
    assert "第 3 页是扫描件 [bold]" in run(write(tmp_path, "r.json", report)).stdout  # not taken as markup


def test_help_has_an_example() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "gongkai check report-2021.json" in result.stdout

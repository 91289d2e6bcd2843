"""``gongkai office``: annual-report JSON, import-applications, remind."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from django.core import mail

from gongkai.cli.office import office
from gongkai.web.office import services

from .conftest import World
from .test_import import BAD, GOOD, HEAD


def test_import_then_annual_report_json(office_db: None, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text(HEAD + GOOD, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(office, ["import-applications", str(good), "--unit", "命令行局"])
    assert first.exit_code == 0 and "导入 4 条" in first.output
    again = runner.invoke(office, ["import-applications", str(good), "--unit", "命令行局"])
    assert "导入 0 条，已存在 4 条" in again.output
    result = runner.invoke(
        office, ["annual-report", "--unit", "命令行局", "--year", "2024", "--format", "json"]
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["meta"]["body"] == "命令行局" and data["meta"]["template"] == "2021"
    assert data["cells"]["requests.new.total"] == 4 and data["cells"]["requests.carried_over.total"] == 1
    assert data["cells"]["requests.other.no_correction.legal"] == 1


def test_import_with_bad_rows_exits_1_and_names_lines(office_db: None, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(HEAD + GOOD + BAD, encoding="utf-8")
    result = CliRunner().invoke(office, ["import-applications", str(bad), "--unit", "坏局"])
    assert result.exit_code == 1 and "第 6 行" in result.output and "未导入任何记录" in result.output
    skipped = CliRunner().invoke(office, ["import-applications", str(bad), "--unit", "坏局", "--skip-bad"])
    assert skipped.exit_code == 0 and "导入 4 条" in skipped.output


def test_remind_mails_the_handler(world: World) -> None:
    world.case("in_progress", received=date(2024, 3, 1))  # due 2024-03-29
    result = CliRunner().invoke(office, ["remind", "--date", "2024-04-02"])
    assert result.exit_code == 0 and "已发送 1 封" in result.output
    assert mail.outbox[0].to == [world.staff["handler"].email] and "已逾期" in mail.outbox[0].body
    services.reply(
        world.own.applications.get().pk, world.staff["handler"], outcome="granted", on=date(2024, 4, 2)
    )
    mail.outbox.clear()
    assert "已发送 0 封" in CliRunner().invoke(office, ["remind", "--date", "2024-04-02"]).output

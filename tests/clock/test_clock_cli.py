"""``gongkai clock due``: exact output and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from gongkai.cli.clock import clock

STEPS = [
    "收到申请 2024-09-27（星期五），自次日起计算 20 个工作日（《政府信息公开条例》第三十三条第二款）",
    "2024-09-29（星期日）国庆节调休上班，计入",
    "国庆节 2024-10-01至2024-10-07 放假，不计",
    "2024-10-12（星期六）国庆节调休上班，计入",
    "第20个工作日：2024-10-30（星期三），为答复期限",
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(clock, ["due", *args])
    return result.exit_code, result.stdout, result.stderr


def test_due_prints_the_date() -> None:
    assert run("--received", "2024-09-27") == (0, "2024-10-30\n", "")
    assert run("--received", "2025-09-28") == (0, "2025-10-31\n", "")


def test_days_option_counts_other_periods_without_citing_art_33() -> None:
    code, out, _ = run("--received", "2024-09-27", "--days", "7", "--explain")
    assert code == 0
    assert out.splitlines()[:2] == [
        "2024-10-12",
        "收到申请 2024-09-27（星期五），自次日起计算 7 个工作日",
    ]
    assert out.splitlines()[-1] == "第7个工作日：2024-10-12（星期六），为答复期限"


def test_explain_prints_the_steps() -> None:
    assert run("--received", "2024-09-27", "--explain") == (
        0,
        "\n".join(["2024-10-30", *STEPS]) + "\n",
        "",
    )


def test_json_output() -> None:
    code, out, _ = run("--received", "2024-09-27", "--format", "json")
    assert code == 0
    assert json.loads(out) == {"received": "2024-09-27", "days": 20, "due": "2024-10-30"}
    code, out, _ = run("--received", "2024-09-27", "--format", "json", "--explain")
    assert json.loads(out)["steps"] == STEPS


def test_bad_date_is_a_usage_error() -> None:
    code, out, err = run("--received", "2024-13-01")
    assert (code, out) == (2, "")
    assert "日期应为 YYYY-MM-DD，得到 '2024-13-01' / a date must be YYYY-MM-DD" in err


def test_bad_days_is_a_usage_error() -> None:
    code, out, err = run("--received", "2024-09-27", "--days", "0")
    assert (code, out) == (2, "")
    assert "--days" in err


def test_year_without_calendar_data_exits_3() -> None:
    code, out, err = run("--received", "2026-12-20")
    assert (code, out) == (3, "")
    assert err.startswith("错误 / error: 工作日历缺少 2027 年的节假日和调休安排")
    assert "enter that year's arrangement first (covered: 2004–2026)" in err


def test_help_shows_an_example() -> None:
    result = CliRunner().invoke(clock, ["due", "--help"])
    assert result.exit_code == 0
    assert "gongkai clock due --received 2024-09-27 --explain" in result.stdout

"""``gongkai office``: the annual tables from the records, importing records, reminders.

Argument shaping and output only; the work is in :mod:`gongkai.web.office`. Django is set up
inside each command, so the core and the other commands never import it.

Exit codes: 0 done, 1 the CSV has bad rows (nothing imported without --skip-bad), 2 usage.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from ..errors import UsageError
from .server import setup_django


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def office() -> None:
    """依申请公开办理：年报统计、导入历史记录、到期提醒。

    \b
    Examples:
      gongkai office import-applications records.csv --unit 青山镇人民政府
      gongkai office annual-report --unit 青山镇人民政府 --year 2024 --format json
      gongkai office remind
    """


@office.command("annual-report")
@click.option("--unit", "unit_name", required=True, help="单位名称 / the unit's name")
@click.option("--year", type=int, required=True, help="统计年度 / the year")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "xlsx", "html", "docx", "md"]),
    default="json",
    show_default=True,
    help="输出格式（json 与 gongkai parse 相同）/ output format",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="写入文件 / write to file"
)
def annual_report(unit_name: str, year: int, fmt: str, output: Path | None) -> None:
    """表三、表四由办理记录统计得出 / tables 三 and 四 computed from the unit's records.

    \b
    Example:
      gongkai office annual-report --unit 青山镇人民政府 --year 2024 --format json
    """
    setup_django()
    from gongkai.render import render

    from ..web.accounts.models import Unit
    from ..web.office.statistics import annual_report as compute

    unit = Unit.objects.filter(name=unit_name).first()
    if unit is None:
        raise UsageError(f"没有名为 {unit_name!r} 的单位 / no unit named {unit_name!r}")
    report = compute(unit, year)
    data = (report.to_json() + "\n").encode() if fmt == "json" else render(report, fmt)
    if output is not None:
        output.write_bytes(data)
        click.echo(f"已写入 {output} / wrote {output}", err=True)
    else:
        click.echo(data, nl=False)


@office.command("import-applications")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--unit", "unit_name", required=True, help="单位名称（不存在则创建）/ the unit (created if missing)"
)
@click.option(
    "--skip-bad", is_flag=True, help="跳过错误行，导入其余 / import the good rows, skip the bad ones"
)
@click.option("--encoding", default="utf-8-sig", show_default=True, help="CSV 编码（如 gb18030）")
def import_applications(file: Path, unit_name: str, skip_bad: bool, encoding: str) -> None:
    """导入历史申请记录 CSV / import existing application records.

    Header: serial,received_on,channel,applicant_type,applicant_name,content,closed_on,outcome.
    Re-importing the same file changes nothing.

    \b
    Example:
      gongkai office import-applications records.csv --unit 青山镇人民政府
    """
    setup_django()
    from ..web.office.importing import import_applications as run

    try:
        text = file.read_text(encoding=encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UsageError(
            f"无法以 {encoding} 读取 {file}，试试 --encoding gb18030 / cannot decode: {exc}"
        ) from exc
    result = run(text, unit_name, skip_bad=skip_bad)
    for line, message in result.errors:
        click.echo(f"第 {line} 行 / line {line}: {message}", err=True)
    if result.errors and not skip_bad:
        click.echo(
            f"有 {len(result.errors)} 行错误，未导入任何记录（可用 --skip-bad）/ nothing imported", err=True
        )
        raise SystemExit(1)
    click.echo(
        f"导入 {result.created} 条，已存在 {result.existing} 条，跳过错误 {len(result.errors)} 条 / "
        f"created {result.created}, existing {result.existing}, skipped {len(result.errors)}"
    )


@office.command("remind")
@click.option("--date", "on", type=click.DateTime(["%Y-%m-%d"]), help="以该日为今天 / as of this date")
def remind(on: datetime | None) -> None:
    """给承办人发送即将到期（5 个工作日内）和已逾期申请的提醒邮件 / e-mail due-soon reminders.

    \b
    Example:
      gongkai office remind
    """
    setup_django()
    from django.utils import timezone

    from ..web.office.dashboard import send_reminders

    today = on.date() if on else timezone.localdate()
    sent = send_reminders(today)
    click.echo(f"已发送 {sent} 封提醒邮件 / sent {sent} reminder e-mails")

"""``gongkai clock``: the working-day clock from the command line.

Argument shaping and output only; the computation is :mod:`gongkai.clock`. Exit codes: 0 the
date was computed, 2 usage error (a bad date or --days), 3 the calendar has no holiday data for
a year the count reaches (it never guesses).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import click

from ..clock import REGULATION_2019, ClockEvent, EventKind, compute_deadline, default_calendar
from ..errors import CalendarError
from .options import output_format

EXIT_NO_CALENDAR_DATA = 3


class IsoDate(click.ParamType[date, object]):
    """A ``YYYY-MM-DD`` date, refused with a bilingual message otherwise."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(str(value), "%Y-%m-%d").date()
        except ValueError:
            self.fail(
                f"日期应为 YYYY-MM-DD，得到 {value!r} / a date must be YYYY-MM-DD, got {value!r}",
                param,
                ctx,
            )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def clock() -> None:
    """工作日计算：节假日与调休按国务院每年的安排 / the working-day clock on China's calendar.

    Exit codes: 0 ok, 2 usage error, 3 no holiday data for a year the count needs.

    \b
    Example:
      gongkai clock due --received 2024-09-27 --explain
    """


@clock.command()
@click.option(
    "--received",
    required=True,
    type=IsoDate(),
    help="收到申请之日（当日不计）/ receipt date; the day itself does not count.",
)
@click.option(
    "--days",
    default=REGULATION_2019.reply_days,
    show_default=True,
    type=click.IntRange(min=1),
    help="工作日数 / working days to count (条例第三十三条: 20).",
)
@output_format("输出格式 / output format.")
@click.option("--explain", is_flag=True, help="列出计算步骤 / also print how the date was computed.")
@click.pass_context
def due(ctx: click.Context, received: date, days: int, fmt: str, explain: bool) -> None:
    """答复期限：收到申请后第 N 个工作日 / the N-th working day after receipt.

    \b
    Example:
      gongkai clock due --received 2024-09-27 --explain
    """
    rules = REGULATION_2019
    if days != rules.reply_days:
        rules = replace(rules, reply_days=days, basis="")
    try:
        deadline = compute_deadline(
            default_calendar(), [ClockEvent(EventKind.RECEIVED, received)], rules=rules
        )
    except CalendarError as exc:
        click.echo(f"错误 / error: {exc}", err=True)
        ctx.exit(EXIT_NO_CALENDAR_DATA)
    assert deadline.due is not None  # nothing pauses a clock that only has its receipt
    if fmt == "json":
        data: dict[str, object] = {
            "received": received.isoformat(),
            "days": days,
            "due": deadline.due.isoformat(),
        }
        if explain:
            data["steps"] = list(deadline.steps)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(deadline.due.isoformat())
        if explain:
            click.echo(deadline.explain())

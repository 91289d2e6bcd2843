"""Working-day arithmetic on a :class:`WorkCalendar`.

One convention throughout, the one the Regulation's periods use: a period counted from a day
starts on the *next* day, so the start day itself never counts. "The 20th working day after
receipt" is ``add_working_days(cal, received, 20)``, and ``working_days_between`` counts the
half-open range (start, end].
"""

from __future__ import annotations

from datetime import date, timedelta

from ..errors import UsageError
from .calendar import WorkCalendar, weekday_zh

ONE_DAY = timedelta(days=1)


def add_working_days(cal: WorkCalendar, start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself never counts; ``n=0`` gives it back).

    Raises CalendarError as soon as the count walks into a year the calendar does not cover.
    """
    if n < 0:
        raise UsageError(f"工作日数不能为负：{n} / the number of working days cannot be negative: {n}")
    d = start
    while n:
        d += ONE_DAY
        if cal.is_working_day(d):
            n -= 1
    return d


def working_days_between(cal: WorkCalendar, start: date, end: date) -> int:
    """How many working days lie in (start, end]; negative, mirrored, when ``end`` < ``start``.

    So ``add_working_days(cal, start, working_days_between(cal, start, end)) == end`` whenever
    ``end`` is a working day after ``start``.
    """
    if end < start:
        return -working_days_between(cal, end, start)
    count, d = 0, start
    while d < end:
        d += ONE_DAY
        count += cal.is_working_day(d)
    return count


def describe_range(cal: WorkCalendar, start: date, end: date) -> list[str]:
    """Lines naming what in (start, end] departs from Monday–Friday: holidays and 调休 days.

    Consecutive days of one holiday are one line (``国庆节 2024-10-01至2024-10-07 放假，不计``),
    so an explanation shows why a count skipped or used a day without listing weekends.
    """
    lines: list[str] = []
    run: list[date] = []
    run_name: str | None = None

    def flush() -> None:
        if run:
            span = str(run[0]) if len(run) == 1 else f"{run[0]}至{run[-1]}"
            lines.append(f"{run_name} {span} 放假，不计")
            run.clear()

    d = start
    while d < end:
        d += ONE_DAY
        name = cal.holiday_name(d)
        if run and name != run_name:
            flush()
        if name is not None:
            run_name = name
            run.append(d)
        makeup = cal.workday_name(d)
        if makeup is not None:
            lines.append(f"{d}（{weekday_zh(d)}）{makeup}调休上班，计入")
    flush()
    return lines

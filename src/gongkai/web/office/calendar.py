"""The working-day calendar kept in the database, handed to the pure clock as a WorkCalendar."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction

from gongkai.clock import CalendarYear as ClockYear
from gongkai.clock import WorkCalendar, default_calendar

from .models import CalendarDay, CalendarYear, DayKind


def work_calendar() -> WorkCalendar:
    """The calendar as the administrator keeps it: every year with a row, its days as entered."""
    holidays: dict[int, dict[date, str]] = defaultdict(dict)
    workdays: dict[int, dict[date, str]] = defaultdict(dict)
    for d, kind, name, year in CalendarDay.objects.values_list("date", "kind", "name", "year_id"):
        (holidays if kind == DayKind.HOLIDAY else workdays)[year][d] = name
    return WorkCalendar(
        {
            year: ClockYear(year, holidays[year], workdays[year])
            for year in CalendarYear.objects.values_list("year", flat=True)
        }
    )


@transaction.atomic
def seed_calendar(source: WorkCalendar | None = None) -> list[int]:
    """Add the years of ``source`` (default: the chinesecalendar package) that the database lacks.

    Years already present are left as they are, so an administrator's corrections survive a
    re-seed. Returns the years added.
    """
    source = source or default_calendar()
    have = set(CalendarYear.objects.values_list("year", flat=True))
    added = [y for y in source.years if y not in have]
    for y in added:
        cy = source.years[y]
        row = CalendarYear.objects.create(year=y, source="chinesecalendar")
        CalendarDay.objects.bulk_create(
            [CalendarDay(year=row, date=d, kind=DayKind.HOLIDAY, name=n) for d, n in cy.holidays.items()]
            + [CalendarDay(year=row, date=d, kind=DayKind.WORKDAY, name=n) for d, n in cy.workdays.items()]
        )
    return added

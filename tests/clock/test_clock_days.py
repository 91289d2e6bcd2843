"""Working-day arithmetic: exact dates at holidays, 调休 days and year ends, and properties
checked against chinese_calendar's own ``is_workday``."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.clock import WorkCalendar, add_working_days, working_days_between
from gongkai.clock.days import describe_range
from gongkai.errors import CalendarError, UsageError


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # National Day 2024: 10-01..10-07 off; Sunday 09-29 and Saturday 10-12 are workdays.
        (date(2024, 9, 27), 20, date(2024, 10, 30)),
        (date(2024, 9, 27), 7, date(2024, 10, 12)),  # lands on the make-up Saturday
        # Received on the make-up Sunday 2025-09-28; 10-01..10-08 off; Saturday 10-11 works.
        (date(2025, 9, 28), 20, date(2025, 10, 31)),
        # Spring Festival 2024: 02-10..02-17 off; Sundays 02-04 and 02-18 are workdays.
        (date(2024, 2, 5), 20, date(2024, 3, 8)),
        (date(2024, 2, 9), 1, date(2024, 2, 18)),
        # Year end: only 2025-01-01 is off.
        (date(2024, 12, 20), 20, date(2025, 1, 20)),
        (date(2024, 12, 31), 1, date(2025, 1, 2)),
        # Received on a Saturday: Monday is the first working day.
        (date(2024, 6, 1), 1, date(2024, 6, 3)),
        (date(2024, 6, 3), 0, date(2024, 6, 3)),
    ],
)
def test_add_working_days_exact(cal: WorkCalendar, start: date, n: int, expected: date) -> None:
    assert add_working_days(cal, start, n) == expected


def test_start_day_never_counts(cal: WorkCalendar) -> None:
    assert working_days_between(cal, date(2024, 10, 8), date(2024, 10, 8)) == 0
    assert working_days_between(cal, date(2024, 10, 8), date(2024, 10, 9)) == 1
    assert working_days_between(cal, date(2024, 9, 27), date(2024, 10, 30)) == 20
    assert working_days_between(cal, date(2024, 10, 30), date(2024, 9, 27)) == -20


def test_walking_into_an_uncovered_year_raises(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarError, match="2027"):
        add_working_days(cal, date(2026, 12, 20), 20)
    with pytest.raises(CalendarError, match="2003"):
        working_days_between(cal, date(2003, 12, 30), date(2004, 1, 5))


def test_an_entered_year_makes_the_count_possible(cal: WorkCalendar) -> None:
    extended = cal.with_year(2027, holidays={date(2027, 1, 1): "元旦"}, workdays={})
    assert add_working_days(extended, date(2026, 12, 20), 20) == date(2027, 1, 18)


def test_negative_counts_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(UsageError):
        add_working_days(cal, date(2024, 1, 2), -1)


def test_describe_range_names_holidays_and_makeup_days(cal: WorkCalendar) -> None:
    assert describe_range(cal, date(2024, 9, 27), date(2024, 10, 30)) == [
        "2024-09-29（星期日）国庆节调休上班，计入",
        "国庆节 2024-10-01至2024-10-07 放假，不计",
        "2024-10-12（星期六）国庆节调休上班，计入",
    ]
    # A range starting inside a holiday names only the part it covers.
    assert describe_range(cal, date(2024, 10, 3), date(2024, 10, 8)) == [
        "国庆节 2024-10-04至2024-10-07 放假，不计"
    ]


starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30))


def _workdays_in(start: date, end: date) -> int:
    """Count by chinese_calendar itself, independently of gongkai."""
    days = (start + timedelta(days=k) for k in range(1, (end - start).days + 1))
    return sum(chinese_calendar.is_workday(d) for d in days)


@given(start=starts, n=st.integers(min_value=1, max_value=60))
def test_add_lands_on_a_working_day_after_exactly_n(cal: WorkCalendar, start: date, n: int) -> None:
    result = add_working_days(cal, start, n)
    assert chinese_calendar.is_workday(result)
    assert _workdays_in(start, result) == n


@given(start=st.dates(date(2004, 4, 1), date(2026, 9, 30)), span=st.integers(-90, 90))
def test_between_counts_like_chinese_calendar(cal: WorkCalendar, start: date, span: int) -> None:
    end = start + timedelta(days=span)
    expected = _workdays_in(start, end) if span >= 0 else -_workdays_in(end, start)
    assert working_days_between(cal, start, end) == expected


@given(start=starts, n=st.integers(min_value=0, max_value=60))
def test_between_inverts_add(cal: WorkCalendar, start: date, n: int) -> None:
    assert working_days_between(cal, start, add_working_days(cal, start, n)) == n

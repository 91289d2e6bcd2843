"""The working-day calendar: seeded data, names, editing, JSON round trip, uncovered years."""

from __future__ import annotations

import json
from datetime import date, timedelta

import chinese_calendar
import pytest

from gongkai.clock import CalendarYear, WorkCalendar, default_calendar
from gongkai.errors import CalendarError, UsageError


def test_seeded_years_are_exactly_the_packages(cal: WorkCalendar) -> None:
    assert list(cal.years) == list(range(2004, 2027))
    assert not cal.covers(2003)
    assert not cal.covers(2027)


def test_default_calendar_is_built_once() -> None:
    assert default_calendar() is default_calendar()


def test_agrees_with_chinese_calendar_on_every_covered_day(cal: WorkCalendar) -> None:
    d = date(2004, 1, 1)
    while d <= date(2026, 12, 31):
        assert cal.is_working_day(d) == chinese_calendar.is_workday(d), d
        d += timedelta(days=1)


def test_holiday_and_makeup_names_are_chinese(cal: WorkCalendar) -> None:
    assert cal.holiday_name(date(2024, 10, 1)) == "国庆节"
    assert cal.holiday_name(date(2024, 2, 10)) == "春节"
    assert cal.holiday_name(date(2024, 10, 8)) is None
    assert cal.workday_name(date(2024, 9, 29)) == "国庆节"
    assert cal.is_working_day(date(2024, 9, 29))  # a Sunday made a workday (调休)
    assert not cal.is_working_day(date(2024, 10, 7))  # a Monday inside the holiday


def test_uncovered_year_raises_with_a_bilingual_message(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarError) as info:
        cal.is_working_day(date(2027, 1, 4))
    message = str(info.value)
    assert "2027 年" in message
    assert "no holiday data for 2027" in message
    assert "2004–2026" in message


def test_with_year_adds_a_year_without_touching_the_original(cal: WorkCalendar) -> None:
    extended = cal.with_year(
        2027,
        holidays={date(2027, 1, 1): "元旦"},
        workdays={date(2027, 2, 6): "春节"},
    )
    assert extended.covers(2027)
    assert not cal.covers(2027)
    assert not extended.is_working_day(date(2027, 1, 1))  # a Friday holiday
    assert extended.is_working_day(date(2027, 2, 6))  # a Saturday make-up day
    assert extended.is_working_day(date(2027, 1, 4))
    assert not extended.is_working_day(date(2027, 1, 9))  # plain Saturday


def test_with_year_replaces_an_announced_year(cal: WorkCalendar) -> None:
    edited = cal.with_year(2024, holidays={}, workdays={})
    assert edited.is_working_day(date(2024, 10, 1))
    assert not edited.is_working_day(date(2024, 9, 29))


def test_dict_round_trip_through_json(cal: WorkCalendar) -> None:
    data = json.loads(json.dumps(cal.to_dict(), ensure_ascii=False))
    assert data["2024"]["holidays"]["2024-10-01"] == "国庆节"
    assert data["2024"]["workdays"]["2024-10-12"] == "国庆节"
    assert WorkCalendar.from_dict(data) == cal


@pytest.mark.parametrize(
    "data",
    [
        {"x": {"holidays": {}, "workdays": {}}},
        {"2024": {"holidays": {"2024-13-01": "国庆节"}, "workdays": {}}},
        {"2024": {"holidays": {}}},
        {"2024": {"holidays": {"2025-01-01": "元旦"}, "workdays": {}}},
        {"2024": {"holidays": {"2024-10-01": ""}, "workdays": {}}},
    ],
)
def test_malformed_data_is_refused(data: dict[str, object]) -> None:
    with pytest.raises(UsageError):
        WorkCalendar.from_dict(data)


def test_a_day_cannot_be_holiday_and_workday() -> None:
    with pytest.raises(UsageError, match="2027-01-02"):
        CalendarYear(2027, {date(2027, 1, 2): "元旦"}, {date(2027, 1, 2): "元旦"})

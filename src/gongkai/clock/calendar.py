"""China's working-day calendar as plain data: statutory holidays and make-up workdays per year.

The State Council announces each year's holidays and 调休 (make-up working days on weekends)
only late in the previous year, so the calendar is data that an administrator can extend,
never a rule that could be extrapolated. A year the calendar does not cover raises
:class:`~gongkai.errors.CalendarError` instead of guessing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import Any

from ..errors import CalendarError, UsageError

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# chinese_calendar names holidays in English; these are the names used in notices.
_CHINESE_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def weekday_zh(d: date) -> str:
    """``星期五`` for a Friday: explanations name the weekday so 调休 Saturdays stand out."""
    return WEEKDAYS_ZH[d.weekday()]


def _frozen(days: Mapping[date, str], year: int, what: str) -> Mapping[date, str]:
    """A read-only copy of ``days`` after checking each date lies in ``year`` and has a name."""
    for d, name in days.items():
        if not isinstance(d, date) or d.year != year:
            raise UsageError(f"{what} {d!r} 不在 {year} 年内 / {what} {d!r} is not in year {year}")
        if not isinstance(name, str) or not name.strip():
            raise UsageError(f"{what} {d} 缺少名称 / {what} {d} needs a name (e.g. 国庆节)")
    return MappingProxyType(dict(sorted(days.items())))


@dataclass(frozen=True, eq=True)
class CalendarYear:
    """One year's announced arrangement.

    ``holidays`` are the days off of each holiday block, weekend days inside the block included,
    named after the holiday (国庆节). ``workdays`` are the weekend days declared working days
    (调休), named after the holiday they make up for.
    """

    year: int
    holidays: Mapping[date, str] = field(default_factory=dict)
    workdays: Mapping[date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", _frozen(self.holidays, self.year, "节假日"))
        object.__setattr__(self, "workdays", _frozen(self.workdays, self.year, "调休上班日"))
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise UsageError(
                f"{both[0]} 不能既是节假日又是调休上班日 / "
                f"{both[0]} cannot be both a holiday and a make-up workday"
            )


@dataclass(frozen=True)
class WorkCalendar:
    """The working-day calendar: which years it covers and, for each, holidays and 调休 days.

    Immutable: ``with_year`` returns a new calendar, so a calendar passed to the deadline
    functions cannot change under them.
    """

    years: Mapping[int, CalendarYear] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key, cy in self.years.items():
            if key != cy.year:
                raise UsageError(f"年份 {key} 与数据 {cy.year} 不符 / year key {key} != {cy.year}")
        object.__setattr__(self, "years", MappingProxyType(dict(sorted(self.years.items()))))

    @classmethod
    def from_chinese_calendar(cls) -> WorkCalendar:
        """The calendar seeded from the ``chinesecalendar`` package (2004 to its last year).

        Prefer :func:`default_calendar`, which builds this once.
        """
        from chinese_calendar import constants  # untyped third-party data

        holidays: dict[int, dict[date, str]] = {}
        workdays: dict[int, dict[date, str]] = {}
        for target, source in ((holidays, constants.holidays), (workdays, constants.workdays)):
            for d, english in source.items():
                name = _CHINESE_NAMES.get(str(english), str(english))
                target.setdefault(d.year, {})[d] = name
        return cls(
            {
                y: CalendarYear(y, holidays.get(y, {}), workdays.get(y, {}))
                for y in sorted(set(holidays) | set(workdays))
            }
        )

    def with_year(
        self,
        year: int,
        *,
        holidays: Mapping[date, str],
        workdays: Mapping[date, str],
    ) -> WorkCalendar:
        """A copy covering ``year`` with exactly these holidays and make-up workdays.

        Adds a year beyond the package's data, or replaces an announced year's arrangement.
        """
        return WorkCalendar({**self.years, year: CalendarYear(year, holidays, workdays)})

    def covers(self, year: int) -> bool:
        """Whether the calendar holds the arrangement for ``year``."""
        return year in self.years

    def _year(self, d: date) -> CalendarYear:
        try:
            return self.years[d.year]
        except KeyError:
            span = f"{min(self.years)}–{max(self.years)}" if self.years else "无 / none"
            raise CalendarError(
                f"工作日历缺少 {d.year} 年的节假日和调休安排，无法判断 {d} 是否为工作日；"
                f"请先录入该年的安排（已有：{span}）/ "
                f"the working-day calendar has no holiday data for {d.year}, so it cannot tell "
                f"whether {d} is a working day; enter that year's arrangement first "
                f"(covered: {span})"
            ) from None

    def is_working_day(self, d: date) -> bool:
        """Make-up workdays work, holidays rest, otherwise Monday to Friday work."""
        cy = self._year(d)
        if d in cy.workdays:
            return True
        if d in cy.holidays:
            return False
        return d.weekday() < 5

    def holiday_name(self, d: date) -> str | None:
        """The holiday ``d`` belongs to (国庆节), or None."""
        return self._year(d).holidays.get(d)

    def workday_name(self, d: date) -> str | None:
        """The holiday a make-up workday ``d`` belongs to, or None if ``d`` is no 调休 day."""
        return self._year(d).workdays.get(d)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: ``{"2024": {"holidays": {"2024-10-01": "国庆节"}, "workdays": {...}}}``."""
        return {
            str(y): {
                "holidays": {d.isoformat(): n for d, n in cy.holidays.items()},
                "workdays": {d.isoformat(): n for d, n in cy.workdays.items()},
            }
            for y, cy in self.years.items()
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WorkCalendar:
        """The inverse of :meth:`to_dict`; malformed data raises :class:`UsageError`."""
        years: dict[int, CalendarYear] = {}
        for key, entry in data.items():
            try:
                year = int(key)
                holidays = {date.fromisoformat(k): v for k, v in entry["holidays"].items()}
                workdays = {date.fromisoformat(k): v for k, v in entry["workdays"].items()}
            except (ValueError, TypeError, KeyError, AttributeError) as exc:
                raise UsageError(
                    f"日历数据 {key!r} 格式错误 / malformed calendar data for {key!r}: {exc}"
                ) from exc
            years[year] = CalendarYear(year, holidays, workdays)
        return cls(years)


@cache
def default_calendar() -> WorkCalendar:
    """The package-seeded calendar, built once per process (it is immutable)."""
    return WorkCalendar.from_chinese_calendar()

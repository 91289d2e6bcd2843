"""The working-day clock: China's holiday calendar as data and the Regulation's deadlines.

Pure functions that take the calendar as an argument; nothing here reads settings or "today".
"""

from __future__ import annotations

from .calendar import CalendarYear, WorkCalendar, default_calendar
from .days import add_working_days, working_days_between
from .deadlines import (
    REGULATION_2019,
    ClockEvent,
    Deadline,
    DeadlineRules,
    EventKind,
    Pause,
    compute_deadline,
    due_date,
)

__all__ = [
    "REGULATION_2019",
    "CalendarYear",
    "ClockEvent",
    "Deadline",
    "DeadlineRules",
    "EventKind",
    "Pause",
    "WorkCalendar",
    "add_working_days",
    "compute_deadline",
    "default_calendar",
    "due_date",
    "working_days_between",
]

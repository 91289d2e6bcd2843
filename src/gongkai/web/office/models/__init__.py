"""The office's models: applications and their events, appeals, the calendar, letter templates."""

from .appeals import Appeal
from .applications import AppendOnlyError, Application, Attachment, Event, SerialCounter
from .calendar import CalendarDay, CalendarYear, DayKind
from .letters import LetterTemplate

__all__ = [
    "Appeal",
    "AppendOnlyError",
    "Application",
    "Attachment",
    "CalendarDay",
    "CalendarYear",
    "DayKind",
    "Event",
    "LetterTemplate",
    "SerialCounter",
]

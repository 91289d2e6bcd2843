"""The package-seeded calendar, shared by the clock tests (it is immutable)."""

from __future__ import annotations

import pytest

from gongkai.clock import WorkCalendar, default_calendar


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    return default_calendar()

"""Shared fixtures: the shared/ folder beside the repository, and sample reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.model import Report
from gongkai.samples import random_report

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (specs, seeds, gold); tests that need it fail loudly if it is missing."""
    assert SHARED.is_dir(), f"../shared is expected beside the repository at {SHARED}"
    return SHARED


@pytest.fixture
def report_2019() -> Report:
    return random_report(2019, "2019")


@pytest.fixture
def report_2021() -> Report:
    return random_report(2021, "2021")

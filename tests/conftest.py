"""Shared fixtures: the shared/ folder beside the repository, and sample reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from gongkai.model import Report
from gongkai.samples import random_report

# CI: the same examples every run (no flaky reds) and no per-example deadline on a busy machine.
settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

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

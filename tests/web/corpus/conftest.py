"""Factories for the corpus tests: report JSON files on disk, a reviewer, a plain user."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gongkai.model import Report
from gongkai.samples import random_report


def make_report(seed: int, body: str, year: int, **values: Any) -> Report:
    """A consistent random report of ``body`` on ``year``, with ``values`` overriding cells."""
    report = random_report(seed, "2019" if year <= 2020 else "2021", year=year, body=body)
    for key, value in values.items():
        report.set(key.replace("__", "."), value)
    return report


@pytest.fixture
def write_reports(tmp_path: Path) -> Callable[..., Path]:
    """Write reports as gongkai JSON files into a folder and return the folder."""

    def write(*reports: Report, folder: str = "in") -> Path:
        out = tmp_path / folder
        out.mkdir(exist_ok=True)
        for i, report in enumerate(reports):
            (out / f"{i:03d}_{report.meta.year}.json").write_text(report.to_json(), encoding="utf-8")
        return out

    return write


@pytest.fixture
def reviewer(db: None) -> Any:
    from django.contrib.auth.models import User

    from gongkai.web.corpus.services import ensure_reviewer_group

    user = User.objects.create_user("shenhe", password="pw-123456")
    user.groups.add(ensure_reviewer_group())
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def plain_user(db: None) -> Any:
    from django.contrib.auth.models import User

    return User.objects.create_user("guest", password="pw-123456")

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


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    """Test logins need no slow password hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def county(db: None) -> dict[str, Any]:
    """A county with a township and a department over 2021–2022; the township's 2022 report is wrong."""
    from gongkai.web.corpus import services
    from gongkai.web.corpus.demo import chain
    from gongkai.web.corpus.importing import SourceDoc
    from gongkai.web.corpus.models import Body, Report

    docs = []
    for i, name in enumerate(("白沙县人民政府", "白沙县青山镇人民政府", "白沙县教育局")):
        before = None
        for year in (2021, 2022):
            report = make_report(100 * i + year, name, year)
            if before is not None:
                chain(before, report)
            if name == "白沙县青山镇人民政府" and year == 2022:
                report.set("requests.total.natural", int(report.value("requests.total.natural") or 0) + 4)
            docs.append(SourceDoc.of(f"{name}-{year}.json", report.to_json().encode()))
            before = report
    services.import_documents(docs, workers=1)
    top = Body.objects.get(name="白沙县人民政府")
    for body in Body.objects.exclude(pk=top.pk):
        body.parent = top
        body.save()
    wrong = Report.objects.get(body__name="白沙县青山镇人民政府", year=2022)
    return {"county": top, "wrong": wrong}

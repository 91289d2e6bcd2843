"""The demo: every state, appeals, a login per role, and a second run changes nothing."""

from __future__ import annotations

import io

import pytest
from django.db.models import Max

from gongkai.checks import run_checks
from gongkai.model import Severity
from gongkai.web.office.demo import load_demo
from gongkai.web.office.models import Appeal, Application, Event
from gongkai.web.office.statistics import annual_report
from gongkai.web.office.workflow import State


@pytest.mark.slow
def test_demo_is_complete_and_idempotent(office_db: None) -> None:
    out = io.StringIO()
    unit = load_demo(out)
    assert set(Application.objects.filter(unit=unit).values_list("state", flat=True)) == set(State.values)
    assert Appeal.objects.filter(unit=unit).count() >= 3
    for username in ("demo_registrar", "demo_handler", "demo_approver", "demo_admin", "demo_supervisor"):
        assert username in out.getvalue()
    counts = (Application.objects.count(), Event.objects.count(), Appeal.objects.count())
    load_demo(io.StringIO())
    assert (Application.objects.count(), Event.objects.count(), Appeal.objects.count()) == counts
    year = Application.objects.aggregate(last=Max("received_on"))["last"].year
    report = annual_report(unit, year)
    assert report.value("requests.new.total")
    assert not [f for f in run_checks(report) if f.severity is Severity.ERROR]

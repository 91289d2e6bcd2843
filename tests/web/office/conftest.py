"""Fixtures of the office tests: a unit with a supervisor and a stranger unit, staff per role."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from gongkai.clock.fees import FeeBasis
from gongkai.web.accounts.models import Role, Staff, Unit
from gongkai.web.office import services
from gongkai.web.office.calendar import seed_calendar
from gongkai.web.office.choices import ApplicantType, Channel
from gongkai.web.office.letters import active_template
from gongkai.web.office.models import Application

ROLES = ("registrar", "handler", "approver", "admin")
APPLICANT = {
    "applicant_type": ApplicantType.NATURAL,
    "applicant_name": "张三",
    "id_document": "居民身份证",
    "id_number": "110101199003071234",
    "phone": "13812345678",
    "content": "2023年度区财政预算执行情况",
}


@pytest.fixture(autouse=True)
def _fast_hasher(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()


@pytest.fixture
def office_db(db: None) -> None:
    """The rows the migrations seed (calendar, letter template), back after a flush."""
    seed_calendar()
    active_template()


@dataclass
class World:
    own: Unit
    other: Unit
    parent: Unit
    staff: dict[str, Any] = field(default_factory=dict)  # role -> user of ``own``
    strangers: dict[str, Any] = field(default_factory=dict)  # role -> user of ``other``
    supervisor: Any = None

    def case(self, state: str, received: date = date(2024, 3, 1)) -> Application:
        """A case of ``own`` brought to ``state`` through the services, dated from ``received``."""
        reg, handler, approver = self.staff["registrar"], self.staff["handler"], self.staff["approver"]
        if state == "submitted":
            return services.submit_online(
                self.own, APPLICANT, token=f"t-{Application.objects.count()}", today=received
            )
        case = services.register_application(
            reg, self.own, APPLICANT, channel=Channel.IN_PERSON, arrived_on=received
        )
        if state == "registered":
            return case
        case = services.assign(case.pk, approver, handler=handler)
        step = {
            "in_progress": None,
            "awaiting_correction": lambda c: services.request_correction(
                c.pk, handler, items="请写明文号", on=date(2024, 3, 4)
            ),
            "awaiting_third_party": lambda c: services.start_consultation(
                c.pk, handler, third_party="某公司", on=date(2024, 3, 4)
            ),
            "awaiting_fee": lambda c: services.notify_fee(
                c.pk, handler, basis=FeeBasis.BY_PAGES, pages=100, on=date(2024, 3, 4)
            ),
            "extended": lambda c: services.extend(
                c.pk, approver, days=10, reason="复杂", on=date(2024, 3, 4)
            ),
            "replied": lambda c: services.reply(c.pk, handler, outcome="granted", on=date(2024, 3, 4)),
        }[state]
        return step(case) if step else case


def _user(username: str) -> Any:
    return get_user_model().objects.create_user(username, f"{username}@example.invalid", "pw-12345")


@pytest.fixture
def world(office_db: None) -> World:
    parent = Unit.objects.create(name="示范市人民政府办公室")
    own = Unit.objects.create(name="示范区人民政府办公室", parent=parent)
    other = Unit.objects.create(name="另一县人民政府办公室")
    w = World(own=own, other=other, parent=parent)
    for role in ROLES:
        w.staff[role] = _user(f"own_{role}")
        Staff.objects.create(user=w.staff[role], unit=own, role=Role(role))
        w.strangers[role] = _user(f"other_{role}")
        Staff.objects.create(user=w.strangers[role], unit=other, role=Role(role))
    w.supervisor = _user("supervisor")
    Staff.objects.create(user=w.supervisor, unit=parent, role=Role.ADMIN)
    return w

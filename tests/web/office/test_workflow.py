"""Transitions, events and deadlines through the services, on China's real calendar."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.clock.fees import FeeBasis
from gongkai.errors import ConcurrentUpdateError, WorkflowError
from gongkai.web.office import services
from gongkai.web.office.choices import Channel, ReceiptBasis
from gongkai.web.office.models import AppendOnlyError, CalendarDay, CalendarYear, DayKind

from .conftest import APPLICANT, World


def _register(w: World, received: date, channel: str = Channel.IN_PERSON):  # type: ignore[no-untyped-def]
    case = services.register_application(
        w.staff["registrar"], w.own, APPLICANT, channel=channel, arrived_on=received
    )
    return services.assign(case.pk, w.staff["approver"], handler=w.staff["handler"])


def test_receipt_date_follows_article_31() -> None:
    d = date(2024, 5, 6)
    assert services.receipt_date(Channel.IN_PERSON, d) == (d, ReceiptBasis.HANDED_IN)
    assert services.receipt_date(Channel.LETTER, d, signed_for=True) == (d, ReceiptBasis.SIGNED_FOR)
    assert services.receipt_date(Channel.LETTER, d) == (None, None)
    assert services.receipt_date(Channel.FAX, d, confirmed_on=date(2024, 5, 7)) == (
        date(2024, 5, 7),
        ReceiptBasis.CONFIRMED,
    )
    with pytest.raises(WorkflowError):
        services.receipt_date(Channel.ONLINE, d, confirmed_on=date(2024, 5, 3))


def test_online_application_starts_the_clock_on_confirmation(world: World) -> None:
    case = world.case("submitted", received=date(2024, 9, 26))
    assert case.received_on is None and case.due_on is None
    case = services.confirm_receipt(
        case.pk, world.staff["registrar"], on=date(2024, 9, 27), evidence="电话确认"
    )
    assert case.state == "registered"
    assert case.received_on == date(2024, 9, 27)
    assert case.receipt_basis == ReceiptBasis.CONFIRMED
    # National Day 2024: Oct 1–7 off, Sunday Sep 29 and Saturday Oct 12 are 调休 working days.
    assert case.due_on == date(2024, 10, 30)


def test_serial_numbers_count_per_unit_and_year(world: World) -> None:
    a = _register(world, date(2024, 3, 1))
    b = _register(world, date(2024, 3, 1))
    c = _register(world, date(2025, 1, 2))
    assert (a.serial, b.serial, c.serial) == ("2024-00001", "2024-00002", "2025-00001")


def test_correction_restarts_the_period_across_spring_festival(world: World) -> None:
    case = _register(world, date(2024, 1, 29))
    handler = world.staff["handler"]
    case = services.request_correction(case.pk, handler, items="请写明文号", on=date(2024, 2, 1))
    assert case.state == "awaiting_correction" and case.due_on is None  # paused
    case = services.receive_correction(case.pk, world.staff["registrar"], on=date(2024, 2, 8))
    # 20 working days from Feb 9: Feb 10–17 off, Sunday Feb 18 is a 调休 working day.
    assert case.due_on == date(2024, 3, 13)
    deadline = services.deadline(case, as_of=date(2024, 3, 1))
    assert deadline is not None
    assert any("第三十条" in s for s in deadline.steps)
    assert any("春节" in s for s in deadline.steps)


def test_consultation_pauses_and_extension_adds_days(world: World) -> None:
    case = _register(world, date(2024, 9, 27))
    handler, approver = world.staff["handler"], world.staff["approver"]
    case = services.start_consultation(case.pk, handler, third_party="某公司", on=date(2024, 10, 9))
    assert case.state == "awaiting_third_party"
    case = services.end_consultation(case.pk, handler, opinion="不同意公开", on=date(2024, 10, 21))
    assert case.state == "in_progress" and case.due_on == date(2024, 11, 12)
    case = services.extend(case.pk, approver, days=20, reason="需调取档案", on=date(2024, 11, 1))
    assert case.state == "extended" and case.due_on == date(2024, 12, 10)
    with pytest.raises(WorkflowError):  # Art. 33 ¶2: one extension only
        services.extend(case.pk, approver, days=5, reason="再延", on=date(2024, 11, 5))
    events = list(case.events.order_by("seq"))
    assert [e.name for e in events] == [
        "registered",
        "assign",
        "start_consultation",
        "end_consultation",
        "extend",
    ]
    assert events[-1].payload["approver"] and events[-1].state_before == "in_progress"


def test_year_end_due_date_reaches_into_next_year(world: World) -> None:
    case = _register(world, date(2024, 12, 20))
    assert case.due_on == date(2025, 1, 20)


def test_year_without_calendar_data_gives_no_date_and_says_why(world: World, client) -> None:  # type: ignore[no-untyped-def]
    CalendarYear.objects.filter(year=2025).delete()
    case = _register(world, date(2024, 12, 20))
    assert case.due_on is None
    client.force_login(world.staff["handler"])
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "2025" in page and "工作日历缺少" in page


def test_administrator_edits_to_the_calendar_move_deadlines(world: World) -> None:
    before = _register(world, date(2024, 9, 27)).due_on
    CalendarDay.objects.create(
        year=CalendarYear.objects.get(year=2024),
        date=date(2024, 10, 30),
        kind=DayKind.HOLIDAY,
        name="测试假日",
    )
    after = _register(world, date(2024, 9, 27)).due_on
    assert (before, after) == (date(2024, 10, 30), date(2024, 10, 31))


def test_fee_by_pages_and_per_piece(world: World) -> None:
    case = _register(world, date(2024, 3, 1))
    with pytest.raises(WorkflowError):  # the first application of the month is free per piece
        services.notify_fee(case.pk, world.staff["handler"], basis=FeeBasis.PER_PIECE, on=date(2024, 3, 4))
    case = services.notify_fee(
        case.pk, world.staff["handler"], basis=FeeBasis.BY_PAGES, pages=250, on=date(2024, 3, 4)
    )
    assert case.fee_amount == Decimal("4700") and case.state == "awaiting_fee"
    case = services.receive_fee(case.pk, world.staff["registrar"], on=date(2024, 3, 6))
    assert case.state == "in_progress"
    for _ in range(11):
        extra = _register(world, date(2024, 3, 1))
    assert services.fee_quote(extra, FeeBasis.PER_PIECE).total == Decimal(100)  # the 12th this month


def test_reply_closes_with_outcome_and_basis(world: World) -> None:
    case = world.case("in_progress")
    case = services.reply(case.pk, world.staff["handler"], outcome="denied.process", on=date(2024, 3, 20))
    assert case.state == "replied" and case.closed_on == date(2024, 3, 20)
    assert "第十六条" in case.legal_basis
    with pytest.raises(WorkflowError):
        services.withdraw(case.pk, world.staff["registrar"], reason="x")


def test_wrong_state_wrong_dates_and_stale_versions_are_refused(world: World) -> None:
    case = world.case("registered")
    with pytest.raises(WorkflowError):
        services.end_consultation(case.pk, world.staff["handler"], opinion="x")
    case = world.case("in_progress")
    with pytest.raises(WorkflowError):  # before the receipt
        services.request_correction(case.pk, world.staff["handler"], items="x", on=date(2024, 2, 1))
    with pytest.raises(WorkflowError):  # in the future
        services.request_correction(case.pk, world.staff["handler"], items="x", on=date(2999, 1, 1))
    with pytest.raises(ConcurrentUpdateError):
        services.reply(case.pk, world.staff["handler"], outcome="granted", expected_version=case.version - 1)
    case.refresh_from_db()
    assert case.state == "in_progress"


def test_events_are_append_only(world: World) -> None:
    event = world.case("registered").events.get()
    event.name = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()

"""Deadline rules of the Regulation: exact dates, pauses, restarts, extensions, explanations."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.clock import (
    ClockEvent,
    Deadline,
    EventKind,
    Pause,
    WorkCalendar,
    add_working_days,
    compute_deadline,
    due_date,
)
from gongkai.errors import CalendarError, UsageError, WorkflowError

K = EventKind


def ev(kind: EventKind, y: int, m: int, d: int, days: int = 0, approver: str = "") -> ClockEvent:
    return ClockEvent(kind, date(y, m, d), days, approver)


def clock(cal: WorkCalendar, *events: ClockEvent, as_of: date | None = None) -> Deadline:
    return compute_deadline(cal, events, as_of=as_of)


def test_reply_due_across_national_day_with_its_explanation(cal: WorkCalendar) -> None:
    dl = clock(cal, ev(K.RECEIVED, 2024, 9, 27))
    assert dl.due == date(2024, 10, 30) == due_date(cal, date(2024, 9, 27))
    assert (dl.days_used, dl.days_remaining, dl.paused, dl.overdue) == (0, 20, None, False)
    assert dl.explain() == "\n".join(
        [
            "收到申请 2024-09-27（星期五），自次日起计算 20 个工作日（《政府信息公开条例》第三十三条第二款）",
            "2024-09-29（星期日）国庆节调休上班，计入",
            "国庆节 2024-10-01至2024-10-07 放假，不计",
            "2024-10-12（星期六）国庆节调休上班，计入",
            "第20个工作日：2024-10-30（星期三），为答复期限",
        ]
    )


def test_days_used_and_overdue_as_of_a_later_day(cal: WorkCalendar) -> None:
    received = ev(K.RECEIVED, 2024, 9, 27)
    on_due = clock(cal, received, as_of=date(2024, 10, 30))
    assert (on_due.days_used, on_due.days_remaining, on_due.overdue) == (20, 0, False)
    late = clock(cal, received, as_of=date(2024, 11, 1))
    assert (late.days_used, late.days_remaining, late.overdue) == (22, -2, True)
    weekend = clock(cal, received, as_of=date(2024, 11, 2))  # Saturday after the due date
    assert (weekend.days_remaining, weekend.overdue) == (-2, True)


def test_year_end_spring_festival_and_uncovered_year(cal: WorkCalendar) -> None:
    assert clock(cal, ev(K.RECEIVED, 2024, 12, 20)).due == date(2025, 1, 20)
    assert clock(cal, ev(K.RECEIVED, 2024, 2, 5)).due == date(2024, 3, 8)
    with pytest.raises(CalendarError, match="2027"):
        clock(cal, ev(K.RECEIVED, 2026, 12, 20))


def test_correction_restarts_the_period(cal: WorkCalendar) -> None:
    # Art. 30: notice within 7 working days; the period runs from the corrected application.
    events = [
        ev(K.RECEIVED, 2024, 3, 1),
        ev(K.CORRECTION_REQUESTED, 2024, 3, 5),
    ]
    waiting = clock(cal, *events, as_of=date(2024, 3, 15))
    assert waiting.correction_notice_by == date(2024, 3, 12)
    assert (waiting.paused, waiting.due) == (Pause.CORRECTION, None)
    assert (waiting.days_used, waiting.days_remaining) == (0, 20)  # the period will restart
    dl = clock(cal, *events, ev(K.CORRECTION_RECEIVED, 2024, 3, 20))
    assert dl.period_start == date(2024, 3, 20)
    assert dl.days_used == 0
    # Qingming 04-04..04-06 off, Sunday 04-07 works.
    assert dl.due == date(2024, 4, 18)
    assert dl.warnings == ()
    assert dl.steps == (
        "收到申请 2024-03-01（星期五），自次日起计算 20 个工作日（《政府信息公开条例》第三十三条第二款）",
        "2024-03-05（星期二）发出补正告知，暂停计时，已用 2 个工作日；"
        "收到补正后的申请之日起重新计算（第三十条）",
        "2024-03-20（星期三）收到补正后的申请，答复期限重新起算（第三十条），"
        "自次日起恢复计时，剩余 20 个工作日",
        "清明节 2024-04-04至2024-04-06 放假，不计",
        "2024-04-07（星期日）清明节调休上班，计入",
        "第20个工作日：2024-04-18（星期四），为答复期限",
    )


def test_late_correction_notice_is_a_warning(cal: WorkCalendar) -> None:
    dl = clock(cal, ev(K.RECEIVED, 2024, 3, 1), ev(K.CORRECTION_REQUESTED, 2024, 3, 13))
    assert dl.warnings == ("补正告知 2024-03-13 晚于第三十条规定的期限 2024-03-12",)
    assert dl.explain().endswith("注意：补正告知 2024-03-13 晚于第三十条规定的期限 2024-03-12")


def test_correction_is_requested_once_and_received_only_when_requested(cal: WorkCalendar) -> None:
    with pytest.raises(WorkflowError, match="一次性告知"):
        clock(
            cal,
            ev(K.RECEIVED, 2024, 3, 1),
            ev(K.CORRECTION_REQUESTED, 2024, 3, 4),
            ev(K.CORRECTION_RECEIVED, 2024, 3, 6),
            ev(K.CORRECTION_REQUESTED, 2024, 3, 7),
        )
    with pytest.raises(WorkflowError, match="没有进行中的等待补正"):
        clock(cal, ev(K.RECEIVED, 2024, 3, 1), ev(K.CORRECTION_RECEIVED, 2024, 3, 6))


CONSULTATION = [
    ev(K.RECEIVED, 2024, 6, 3),
    ev(K.CONSULTATION_STARTED, 2024, 6, 7),
]


def test_consultation_pauses_the_clock(cal: WorkCalendar) -> None:
    # Art. 33 ¶3: consultation time is not counted; Art. 32: the third party has 15 days.
    paused = clock(cal, *CONSULTATION, as_of=date(2024, 6, 14))
    assert paused.paused is Pause.CONSULTATION
    assert (paused.due, paused.days_used, paused.days_remaining) == (None, 4, 16)
    assert paused.consultation_answer_by == date(2024, 7, 1)  # 端午 06-10 skipped
    assert paused.steps[-1] == "计时因征求意见暂停，剩余 16 个工作日，恢复后再定期限"

    resumed = clock(cal, *CONSULTATION, ev(K.CONSULTATION_ENDED, 2024, 6, 21))
    # Without the pause the due date would be 2024-07-02; 06-11..06-21 (9 days) do not count.
    assert resumed.due == date(2024, 7, 15)
    assert (resumed.days_used, resumed.paused) == (4, None)
    later = clock(cal, *CONSULTATION, ev(K.CONSULTATION_ENDED, 2024, 6, 21), as_of=date(2024, 6, 28))
    assert (later.days_used, later.days_remaining) == (9, 11)
    assert resumed.explain() == "\n".join(
        [
            "收到申请 2024-06-03（星期一），自次日起计算 20 个工作日（《政府信息公开条例》第三十三条第二款）",
            "2024-06-07（星期五）征求第三方或其他机关意见，暂停计时，已用 4 个工作日；"
            "对方应于 2024-07-01 前答复（第三十二条、第三十三条第三款）",
            "2024-06-21（星期五）征求意见结束，自次日起恢复计时，剩余 16 个工作日",
            "第20个工作日：2024-07-15（星期一），为答复期限",
        ]
    )


def test_late_consultation_end_is_a_warning(cal: WorkCalendar) -> None:
    dl = clock(cal, *CONSULTATION, ev(K.CONSULTATION_ENDED, 2024, 7, 2))
    assert dl.warnings == ("征求意见至 2024-07-02 才结束，超过对方答复期限 2024-07-01",)


def test_pauses_do_not_overlap(cal: WorkCalendar) -> None:
    with pytest.raises(WorkflowError, match="已因征求意见暂停"):
        clock(cal, *CONSULTATION, ev(K.FEE_NOTIFIED, 2024, 6, 10))


def test_fee_notice_pauses_until_payment(cal: WorkCalendar) -> None:
    events = [ev(K.RECEIVED, 2024, 6, 3), ev(K.FEE_NOTIFIED, 2024, 6, 7)]
    waiting = clock(cal, *events)
    assert (waiting.paused, waiting.fee_payment_by) == (Pause.FEE, date(2024, 7, 8))
    paid = clock(cal, *events, ev(K.FEE_PAID, 2024, 6, 21))
    assert paid.due == date(2024, 7, 15)
    assert paid.warnings == ()
    late = clock(cal, *events, ev(K.FEE_PAID, 2024, 7, 9))
    assert late.warnings == ("缴费日 2024-07-09 晚于缴费期限 2024-07-08，逾期未缴费视为放弃申请",)


def test_fee_notice_after_the_due_date_is_a_warning(cal: WorkCalendar) -> None:
    dl = clock(cal, ev(K.RECEIVED, 2024, 9, 27), ev(K.FEE_NOTIFIED, 2024, 10, 31))
    assert dl.warnings == ("收费通知 2024-10-31 晚于答复期限 2024-10-30，应在答复期限内发出",)
    assert dl.due == date(2024, 10, 30)  # reached before the pause
    assert dl.overdue


def test_one_extension_of_at_most_20_days(cal: WorkCalendar) -> None:
    received = ev(K.RECEIVED, 2024, 9, 27)
    extension = ev(K.EXTENDED, 2024, 10, 28, days=20, approver="李四")
    dl = clock(cal, received, extension)
    assert dl.due == date(2024, 11, 27)
    assert (dl.period_days, dl.extension) == (40, extension)
    assert "2024-10-28（星期一）经李四同意延长 20 个工作日，答复期限共 40 个工作日（第三十三条第二款）" in (
        dl.steps
    )
    assert dl.steps[-1] == "第40个工作日：2024-11-27（星期三），为答复期限"
    on_due_day = ev(K.EXTENDED, 2024, 10, 30, days=5, approver="李四")
    assert clock(cal, received, on_due_day).due == date(2024, 11, 6)

    with pytest.raises(WorkflowError, match="只能延长一次"):
        clock(cal, received, extension, ev(K.EXTENDED, 2024, 10, 29, days=1, approver="李四"))
    with pytest.raises(WorkflowError, match="超过上限 20"):
        clock(cal, received, ev(K.EXTENDED, 2024, 10, 28, days=21, approver="李四"))
    with pytest.raises(WorkflowError, match="已届满"):
        clock(cal, received, ev(K.EXTENDED, 2024, 10, 31, days=20, approver="李四"))


@pytest.mark.parametrize(("days", "approver"), [(20, " "), (0, "李四")])
def test_an_extension_names_its_days_and_approver(days: int, approver: str) -> None:
    with pytest.raises(UsageError, match="批准人"):
        ClockEvent(K.EXTENDED, date(2024, 10, 28), days=days, approver=approver)
    with pytest.raises(UsageError, match="只有延期事件"):
        ClockEvent(K.RECEIVED, date(2024, 10, 28), approver="李四")


def test_reply_stops_the_clock(cal: WorkCalendar) -> None:
    received = ev(K.RECEIVED, 2024, 9, 27)
    on_time = clock(cal, received, ev(K.REPLIED, 2024, 10, 30), as_of=date(2024, 12, 1))
    assert (on_time.days_used, on_time.overdue, on_time.replied) == (20, False, date(2024, 10, 30))
    late = clock(cal, received, ev(K.REPLIED, 2024, 10, 31))
    assert (late.days_used, late.days_remaining, late.overdue) == (21, -1, True)
    assert "2024-10-31（星期四）作出答复，计时结束，用时 21 个工作日" in late.steps
    with pytest.raises(WorkflowError, match="已答复"):
        clock(cal, received, ev(K.REPLIED, 2024, 10, 30), ev(K.FEE_NOTIFIED, 2024, 10, 31))


def test_event_order_and_as_of_are_checked(cal: WorkCalendar) -> None:
    with pytest.raises(WorkflowError, match="第一个事件"):
        clock(cal, ev(K.REPLIED, 2024, 10, 30))
    with pytest.raises(WorkflowError, match="第一个事件"):
        clock(cal)
    with pytest.raises(WorkflowError, match="倒序"):
        clock(cal, ev(K.RECEIVED, 2024, 9, 27), ev(K.CONSULTATION_STARTED, 2024, 9, 26))
    with pytest.raises(WorkflowError, match="重复"):
        clock(cal, ev(K.RECEIVED, 2024, 9, 27), ev(K.RECEIVED, 2024, 9, 28))
    with pytest.raises(UsageError, match="as_of"):
        clock(cal, ev(K.RECEIVED, 2024, 9, 27), as_of=date(2024, 9, 26))


@given(
    received=st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30)),
    pause_at=st.integers(min_value=0, max_value=19),
    pause_len=st.integers(min_value=0, max_value=30),
)
def test_a_pause_shifts_the_due_date_by_the_working_days_it_covers(
    cal: WorkCalendar, received: date, pause_at: int, pause_len: int
) -> None:
    start = add_working_days(cal, received, pause_at) if pause_at else received
    end = add_working_days(cal, start, pause_len)
    dl = clock(
        cal,
        ClockEvent(K.RECEIVED, received),
        ClockEvent(K.CONSULTATION_STARTED, start),
        ClockEvent(K.CONSULTATION_ENDED, end),
    )
    assert dl.due == add_working_days(cal, received, 20 + pause_len)
    assert dl.days_used == pause_at
    assert dl.steps[-1].startswith(f"第20个工作日：{dl.due}")

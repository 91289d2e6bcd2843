"""The reply deadline of a disclosure application, computed from the case's clock events.

The rules of the 2019 Regulation (国务院令第711号) are data (:class:`DeadlineRules`); the clock
is a pure function of a calendar, the rules and the events, so the same events always give the
same deadline and every deadline carries the steps that produced it.

Conventions (the Regulation does not spell them out; regulation-notes.md §5 marks them
UNCONFIRMED): a period counted from a day starts the next day; a pause that starts on day S and
ends on day E excludes the working days in (S, E] — day S still counts, counting resumes the day
after E, just as it starts the day after receipt. The date of a fee notice or consultation
event is the date the addressee received it, since their periods run from receipt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import pairwise

from ..errors import UsageError, WorkflowError
from .calendar import WorkCalendar, weekday_zh
from .days import add_working_days, describe_range, working_days_between


class EventKind(StrEnum):
    """What happened to a case that moves its clock."""

    RECEIVED = "received"  # the receipt date fixed by Art. 31
    CORRECTION_REQUESTED = "correction_requested"  # 补正 notice, Art. 30
    CORRECTION_RECEIVED = "correction_received"  # corrected application arrives, Art. 30
    CONSULTATION_STARTED = "consultation_started"  # third party / other organ, Art. 32, 34
    CONSULTATION_ENDED = "consultation_ended"
    EXTENDED = "extended"  # Art. 33 ¶2
    FEE_NOTIFIED = "fee_notified"  # 收费通知, 国办函〔2020〕109号
    FEE_PAID = "fee_paid"
    REPLIED = "replied"  # the reply (or closure) stops the clock


class Pause(StrEnum):
    """Why the clock is stopped."""

    CORRECTION = "correction"
    CONSULTATION = "consultation"
    FEE = "fee"

    @property
    def label(self) -> str:
        """Chinese name of the pause, for explanations and lists."""
        return _PAUSE_LABELS[self]


_PAUSE_LABELS = {
    Pause.CORRECTION: "等待补正",
    Pause.CONSULTATION: "征求意见",
    Pause.FEE: "等待缴费",
}


@dataclass(frozen=True)
class DeadlineRules:
    """The periods, in working days, that the Regulation and the fee measures fix."""

    reply_days: int = 20  # Art. 33 ¶2: reply within 20 working days of receipt
    correction_notice_days: int = 7  # Art. 30: 补正 notice within 7 working days of receipt
    consultation_days: int = 15  # Art. 32 (third party), Art. 34 (co-makers): 15 working days
    max_extension_days: int = 20  # Art. 33 ¶2: an extension of at most 20 working days
    max_extensions: int = 1  # Art. 33 ¶2 allows one extension
    fee_payment_days: int = 20  # 国办函〔2020〕109号: pay within 20 working days of the notice
    basis: str = "《政府信息公开条例》第三十三条第二款"  # cited for reply_days; "" cites nothing


REGULATION_2019 = DeadlineRules()


@dataclass(frozen=True)
class ClockEvent:
    """One dated event of a case; ``days`` and ``approver`` belong to extensions only."""

    kind: EventKind
    on: date
    days: int = 0
    approver: str = ""

    def __post_init__(self) -> None:
        if self.kind is EventKind.EXTENDED:
            if self.days < 1 or not self.approver.strip():
                raise UsageError(
                    "延期须写明天数和批准人 / an extension needs its days (>= 1) and its approver"
                )
        elif self.days or self.approver:
            raise UsageError(
                f"只有延期事件有天数和批准人 / only extensions carry days and approver: {self.kind}"
            )


@dataclass(frozen=True)
class Deadline:
    """Where a case's clock stands on ``as_of``, and how that was computed.

    ``due`` is None while the clock is paused with days left (the date depends on when it
    resumes); ``days_remaining`` is then the frozen balance. ``steps`` explain in Chinese.
    """

    received: date
    period_start: date  # the receipt, or the arrival of the corrected application (Art. 30)
    period_days: int  # reply days plus any extension
    due: date | None
    days_used: int
    days_remaining: int
    paused: Pause | None
    as_of: date
    replied: date | None
    correction_notice_by: date
    consultation_answer_by: date | None
    fee_payment_by: date | None
    extension: ClockEvent | None
    steps: tuple[str, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def overdue(self) -> bool:
        """Past the due date: on ``as_of`` if still open, on the reply date if replied."""
        end = self.replied or self.as_of
        return self.days_remaining < 0 or (self.due is not None and end > self.due)

    def explain(self) -> str:
        """The computation, one step per line, warnings last."""
        return "\n".join((*self.steps, *(f"注意：{w}" for w in self.warnings)))


def _day(d: date) -> str:
    return f"{d}（{weekday_zh(d)}）"


class _Clock:
    """The mutable walk over the events; :func:`compute_deadline` is its only user."""

    def __init__(self, cal: WorkCalendar, rules: DeadlineRules, received: date) -> None:
        self.cal, self.rules = cal, rules
        self.received = self.period_start = received
        self.closed: list[tuple[date, date]] = []  # counted spans (a, b]
        self.running_from: date | None = received  # open counted span (running_from, …)
        self.paused: Pause | None = None
        self.extension: ClockEvent | None = None
        self.extensions = 0
        self.correction_requested = False
        self.correction_notice_by = add_working_days(cal, received, rules.correction_notice_days)
        self.consultation_answer_by: date | None = None
        self.fee_payment_by: date | None = None
        self.replied: date | None = None
        basis = f"（{rules.basis}）" if rules.basis else ""
        self.steps = [f"收到申请 {_day(received)}，自次日起计算 {rules.reply_days} 个工作日{basis}"]
        self.warnings: list[str] = []

    @property
    def period(self) -> int:
        return self.rules.reply_days + (self.extension.days if self.extension else 0)

    def used(self, until: date | None = None) -> int:
        """Working days counted so far; the open span is counted up to ``until``."""
        n = sum(working_days_between(self.cal, a, b) for a, b in self.closed)
        if self.running_from is not None and until is not None:
            n += working_days_between(self.cal, self.running_from, until)
        return n

    def due(self) -> date | None:
        """The day the count reaches the period, or None if it stops short of it."""
        left = self.period
        for a, b in self.closed:
            n = working_days_between(self.cal, a, b)
            if n >= left:
                return add_working_days(self.cal, a, left)
            left -= n
        if self.running_from is None:
            return None
        return add_working_days(self.cal, self.running_from, left)

    def _stop(self, ev: ClockEvent, pause: Pause, what: str, then: str) -> None:
        """Close the counted span at ``ev.on`` and record the step ``what``, days used, ``then``."""
        if self.paused is not None:
            raise WorkflowError(
                f"{ev.on} 计时已因{self.paused.label}暂停，不能再{_EVENT_LABELS[ev.kind]} / "
                f"the clock is already paused ({self.paused}); cannot apply {ev.kind}"
            )
        assert self.running_from is not None
        self.steps.extend(describe_range(self.cal, self.running_from, ev.on))
        self.closed.append((self.running_from, ev.on))
        self.running_from, self.paused = None, pause
        self.steps.append(f"{_day(ev.on)}{what}，暂停计时，已用 {self.used()} 个工作日；{then}")

    def _resume(self, ev: ClockEvent, pause: Pause, what: str) -> None:
        """Count again from the day after ``ev.on`` and record the step ``what``."""
        if self.paused is not pause:
            raise WorkflowError(
                f"{ev.on} 没有进行中的{pause.label}，不能{_EVENT_LABELS[ev.kind]} / "
                f"{ev.kind} without a pending {pause} pause"
            )
        self.running_from, self.paused = ev.on, None
        self.steps.append(f"{_day(ev.on)}{what}，自次日起恢复计时，剩余 {self.period - self.used()} 个工作日")

    def on_received(self, ev: ClockEvent) -> None:
        raise WorkflowError(f"{ev.on} 重复的收到申请事件 / a case is received once; got a second {ev.kind}")

    def on_correction_requested(self, ev: ClockEvent) -> None:
        # Art. 30: tell the applicant once, in one go (一次性告知).
        if self.correction_requested:
            raise WorkflowError(
                f"{ev.on} 补正只能一次性告知 / a correction may be requested only once (Art. 30)"
            )
        self.correction_requested = True
        if ev.on > self.correction_notice_by:
            self.warnings.append(f"补正告知 {ev.on} 晚于第三十条规定的期限 {self.correction_notice_by}")
        self._stop(ev, Pause.CORRECTION, "发出补正告知", "收到补正后的申请之日起重新计算（第三十条）")
        self.closed.clear()  # Art. 30: the days before the notice never count

    def on_correction_received(self, ev: ClockEvent) -> None:
        # Art. 30: the reply period runs from the receipt of the corrected application.
        self.period_start = ev.on
        self._resume(ev, Pause.CORRECTION, "收到补正后的申请，答复期限重新起算（第三十条）")

    def on_consultation_started(self, ev: ClockEvent) -> None:
        # Art. 33 ¶3: consultation time is not counted; Art. 32: the third party has 15 days.
        answer_by = add_working_days(self.cal, ev.on, self.rules.consultation_days)
        self.consultation_answer_by = answer_by
        self._stop(
            ev,
            Pause.CONSULTATION,
            "征求第三方或其他机关意见",
            f"对方应于 {answer_by} 前答复（第三十二条、第三十三条第三款）",
        )

    def on_consultation_ended(self, ev: ClockEvent) -> None:
        if self.consultation_answer_by and ev.on > self.consultation_answer_by:
            self.warnings.append(f"征求意见至 {ev.on} 才结束，超过对方答复期限 {self.consultation_answer_by}")
        self._resume(ev, Pause.CONSULTATION, "征求意见结束")

    def on_extended(self, ev: ClockEvent) -> None:
        # Art. 33 ¶2: one extension, at most 20 working days, approved by the head of the office.
        if self.extensions >= self.rules.max_extensions:
            raise WorkflowError(
                f"{ev.on} 答复期限只能延长一次 / the reply period can be extended only once (Art. 33 ¶2)"
            )
        if ev.days > self.rules.max_extension_days:
            raise WorkflowError(
                f"延长 {ev.days} 个工作日超过上限 {self.rules.max_extension_days} / an extension "
                f"of {ev.days} working days exceeds {self.rules.max_extension_days} (Art. 33 ¶2)"
            )
        due = self.due()
        if due is not None and ev.on > due:
            raise WorkflowError(
                f"原答复期限 {due} 已届满，{ev.on} 不能再延长 / the period ended on {due}; "
                f"it cannot be extended on {ev.on}"
            )
        self.extensions += 1
        self.extension = ev
        self.steps.append(
            f"{_day(ev.on)}经{ev.approver}同意延长 {ev.days} 个工作日，"
            f"答复期限共 {self.period} 个工作日（第三十三条第二款）"
        )

    def on_fee_notified(self, ev: ClockEvent) -> None:
        due = self.due()
        if due is not None and ev.on > due:
            self.warnings.append(f"收费通知 {ev.on} 晚于答复期限 {due}，应在答复期限内发出")
        pay_by = add_working_days(self.cal, ev.on, self.rules.fee_payment_days)
        self.fee_payment_by = pay_by
        self._stop(ev, Pause.FEE, "申请人收到收费通知", f"应于 {pay_by} 前缴费（国办函〔2020〕109号）")

    def on_fee_paid(self, ev: ClockEvent) -> None:
        if self.fee_payment_by and ev.on > self.fee_payment_by:
            self.warnings.append(f"缴费日 {ev.on} 晚于缴费期限 {self.fee_payment_by}，逾期未缴费视为放弃申请")
        self._resume(ev, Pause.FEE, "申请人缴费")

    def on_replied(self, ev: ClockEvent) -> None:
        if self.running_from is not None:
            self.steps.extend(describe_range(self.cal, self.running_from, ev.on))
            self.closed.append((self.running_from, ev.on))
            self.running_from = None
        self.paused, self.replied = None, ev.on
        self.steps.append(f"{_day(ev.on)}作出答复，计时结束，用时 {self.used()} 个工作日")

    def finish(self, as_of: date) -> Deadline:
        due = self.due()
        end = self.replied or as_of
        used = self.used(end)
        if self.running_from is not None and due is not None:
            self.steps.extend(describe_range(self.cal, self.running_from, due))
        if due is not None:
            self.steps.append(f"第{self.period}个工作日：{_day(due)}，为答复期限")
        elif self.paused is not None:
            self.steps.append(
                f"计时因{self.paused.label}暂停，剩余 {self.period - used} 个工作日，恢复后再定期限"
            )
        return Deadline(
            received=self.received,
            period_start=self.period_start,
            period_days=self.period,
            due=due,
            days_used=used,
            days_remaining=self.period - used,
            paused=self.paused,
            as_of=as_of,
            replied=self.replied,
            correction_notice_by=self.correction_notice_by,
            consultation_answer_by=self.consultation_answer_by,
            fee_payment_by=self.fee_payment_by,
            extension=self.extension,
            steps=tuple(self.steps),
            warnings=tuple(self.warnings),
        )


_EVENT_LABELS = {
    EventKind.RECEIVED: "收到申请",
    EventKind.CORRECTION_REQUESTED: "发出补正告知",
    EventKind.CORRECTION_RECEIVED: "收到补正",
    EventKind.CONSULTATION_STARTED: "征求意见",
    EventKind.CONSULTATION_ENDED: "结束征求意见",
    EventKind.EXTENDED: "延期",
    EventKind.FEE_NOTIFIED: "发出收费通知",
    EventKind.FEE_PAID: "缴费",
    EventKind.REPLIED: "答复",
}

_HANDLERS: dict[EventKind, Callable[[_Clock, ClockEvent], None]] = {
    EventKind.RECEIVED: _Clock.on_received,
    EventKind.CORRECTION_REQUESTED: _Clock.on_correction_requested,
    EventKind.CORRECTION_RECEIVED: _Clock.on_correction_received,
    EventKind.CONSULTATION_STARTED: _Clock.on_consultation_started,
    EventKind.CONSULTATION_ENDED: _Clock.on_consultation_ended,
    EventKind.EXTENDED: _Clock.on_extended,
    EventKind.FEE_NOTIFIED: _Clock.on_fee_notified,
    EventKind.FEE_PAID: _Clock.on_fee_paid,
    EventKind.REPLIED: _Clock.on_replied,
}


def compute_deadline(
    cal: WorkCalendar,
    events: Iterable[ClockEvent],
    *,
    as_of: date | None = None,
    rules: DeadlineRules = REGULATION_2019,
) -> Deadline:
    """The deadline of a case from its events, in the order they happened.

    The first event must be ``received``; dates may repeat but not go backwards. ``as_of``
    (default: the last event's date, not before it) is the day ``days_used`` is counted to.
    Events the Regulation does not allow raise :class:`WorkflowError`; lapses that are facts
    (a late 补正 notice, a late payment) become ``warnings``.
    """
    evs = list(events)
    if not evs or evs[0].kind is not EventKind.RECEIVED:
        raise WorkflowError("第一个事件必须是收到申请 / the first event must be 'received'")
    for prev, ev in pairwise(evs):
        if ev.on < prev.on:
            raise WorkflowError(
                f"事件日期倒序：{ev.kind} {ev.on} 早于 {prev.kind} {prev.on} / events must be in date order"
            )
    last = evs[-1].on
    if as_of is None:
        as_of = last
    elif as_of < last:
        raise UsageError(
            f"as_of {as_of} 早于最后一个事件 {last} / as_of {as_of} is before the last event {last}"
        )
    clock = _Clock(cal, rules, evs[0].on)
    for ev in evs[1:]:
        if clock.replied is not None:
            raise WorkflowError(
                f"{ev.on} 已答复的申请不能再{_EVENT_LABELS[ev.kind]} / the case was replied on "
                f"{clock.replied}; no {ev.kind} after that"
            )
        _HANDLERS[ev.kind](clock, ev)
    return clock.finish(as_of)


def due_date(cal: WorkCalendar, received: date, rules: DeadlineRules = REGULATION_2019) -> date:
    """The plain Art. 33 ¶2 due date, no events after receipt: the 20th working day after it."""
    return add_working_days(cal, received, rules.reply_days)

"""The application workflow as data: states, transitions, the roles that may fire them.

Each transition is carried out by one function in ``services.py``; this module only says what
is allowed, so views, services, permission tests and the UI all read the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from gongkai.clock import EventKind
from gongkai.errors import WorkflowError

from ..accounts.models import Role


class State(models.TextChoices):
    """Where an application stands."""

    SUBMITTED = "submitted", "网上提交待确认"  # Art. 31: online receipt needs both sides' confirmation
    REGISTERED = "registered", "已登记"
    IN_PROGRESS = "in_progress", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    AWAITING_THIRD_PARTY = "awaiting_third_party", "征求第三方意见"
    EXTENDED = "extended", "已延期"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    REPLIED = "replied", "已答复办结"
    WITHDRAWN = "withdrawn", "已撤回"


OPEN_STATES = frozenset(State) - {State.REPLIED, State.WITHDRAWN}
# States whose clock is running: a reply is due from them.
RUNNING_STATES = frozenset({State.REGISTERED, State.IN_PROGRESS, State.EXTENDED})
# The receipt date exists (a submitted online application has none until it is confirmed).
RECEIVED_STATES = frozenset(State) - {State.SUBMITTED}

RESUME = "resume"  # target: back to 办理中, or 已延期 if the case was extended
KEEP = "keep"  # target: the state does not change


@dataclass(frozen=True)
class Transition:
    """One allowed move: from ``sources`` to ``target`` by a holder of one of ``roles``."""

    name: str
    label: str
    sources: frozenset[State]
    target: State | str
    roles: frozenset[Role]
    clock: EventKind | None = None

    def target_for(self, current: State, extended: bool) -> State:
        if self.target == RESUME:
            return State.EXTENDED if extended else State.IN_PROGRESS
        if self.target == KEEP:
            return current
        return State(self.target)


def _t(
    name: str,
    label: str,
    sources: set[State] | frozenset[State],
    target: State | str,
    roles: set[Role],
    clock: EventKind | None = None,
) -> Transition:
    return Transition(name, label, frozenset(sources), target, frozenset(roles), clock)


R, H, A, M = Role.REGISTRAR, Role.HANDLER, Role.APPROVER, Role.ADMIN
REPLYABLE = OPEN_STATES - {State.SUBMITTED, State.AWAITING_THIRD_PARTY}

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        # Art. 31: an online, fax or unsigned letter application is received when both sides confirm.
        _t("confirm_receipt", "确认收到", {State.SUBMITTED}, State.REGISTERED, {R, M}, EventKind.RECEIVED),
        _t("assign", "分配承办人", {State.REGISTERED}, State.IN_PROGRESS, {R, A, M}),
        _t("reassign", "更换承办人", OPEN_STATES - {State.SUBMITTED, State.REGISTERED}, KEEP, {A, M}),
        # Art. 30: one notice, within 7 working days of receipt; the clock stops.
        _t(
            "request_correction",
            "告知补正",
            {State.REGISTERED, State.IN_PROGRESS},
            State.AWAITING_CORRECTION,
            {H, M},
            EventKind.CORRECTION_REQUESTED,
        ),
        # Art. 30: the period restarts from the day the corrected application arrives.
        _t(
            "receive_correction",
            "收到补正",
            {State.AWAITING_CORRECTION},
            State.IN_PROGRESS,
            {R, H, M},
            EventKind.CORRECTION_RECEIVED,
        ),
        # Art. 32, 33 ¶3: consultation time is not counted.
        _t(
            "start_consultation",
            "征求第三方意见",
            {State.IN_PROGRESS, State.EXTENDED},
            State.AWAITING_THIRD_PARTY,
            {H, M},
            EventKind.CONSULTATION_STARTED,
        ),
        _t(
            "end_consultation",
            "第三方意见已回复",
            {State.AWAITING_THIRD_PARTY},
            RESUME,
            {H, M},
            EventKind.CONSULTATION_ENDED,
        ),
        # Art. 33 ¶2: the head of the disclosure office approves one extension of ≤ 20 working days.
        _t("extend", "批准延期", {State.IN_PROGRESS}, State.EXTENDED, {A}, EventKind.EXTENDED),
        # 国办函〔2020〕109号: a fee notice within the period; the clock waits for payment.
        _t(
            "notify_fee",
            "发出收费通知",
            {State.IN_PROGRESS, State.EXTENDED},
            State.AWAITING_FEE,
            {H, M},
            EventKind.FEE_NOTIFIED,
        ),
        _t("receive_fee", "已缴费", {State.AWAITING_FEE}, RESUME, {R, H, M}, EventKind.FEE_PAID),
        _t("reply", "答复办结", REPLYABLE, State.REPLIED, {H, A}, EventKind.REPLIED),
        _t("withdraw", "申请人撤回", OPEN_STATES, State.WITHDRAWN, {R, H, M}, EventKind.REPLIED),
    )
}


# What the case page calls each event: the transitions plus the events that create a case.
EVENT_LABELS = {"submitted": "网上提交", "registered": "登记", "imported": "导入"} | {
    t.name: t.label for t in TRANSITIONS.values()
}


def transition(name: str) -> Transition:
    try:
        return TRANSITIONS[name]
    except KeyError:
        raise WorkflowError(f"未知操作 {name!r} / unknown transition {name!r}") from None


def available(state: State, roles: set[Role]) -> list[Transition]:
    """The transitions a holder of ``roles`` may fire from ``state``, in table order."""
    return [t for t in TRANSITIONS.values() if state in t.sources and t.roles & roles]

"""Every state change of an application: one function per transition, each in one transaction.

A transition locks the case (``select_for_update``), checks the version the actor saw, checks
the actor's role and the workflow table, validates the new clock event against the clock, then
writes the case and one append-only :class:`Event`. Two people acting on one case at once cannot
both win: the loser gets :class:`~gongkai.errors.ConcurrentUpdateError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.clock import ClockEvent, Deadline, EventKind, WorkCalendar, compute_deadline
from gongkai.clock.fees import FeeBasis, FeeQuote, fee_by_pages, fee_per_piece
from gongkai.errors import CalendarError, ConcurrentUpdateError, WorkflowError

from ..accounts.models import Role, Staff, Unit
from ..accounts.permissions import require_role
from .calendar import work_calendar
from .choices import OUTCOME_BASIS, Channel, Outcome, ReceiptBasis
from .models import Appeal, Application, Event, SerialCounter
from .workflow import State, Transition, transition

# -- receipt and serial numbers ---------------------------------------------------------------


def receipt_date(
    channel: str, arrived_on: date, *, signed_for: bool = False, confirmed_on: date | None = None
) -> tuple[date | None, ReceiptBasis | None]:
    """The receipt date and the Art. 31 rule behind it; (None, None) until it is confirmed.

    In person: the day it is handed in. A letter that needs a signature: the day it is signed
    for. Any other letter, the internet, fax or e-mail: the day both sides confirm it.
    """
    if channel == Channel.IN_PERSON:
        return arrived_on, ReceiptBasis.HANDED_IN
    if channel == Channel.LETTER and signed_for:
        return arrived_on, ReceiptBasis.SIGNED_FOR
    if confirmed_on is None:
        return None, None
    if confirmed_on < arrived_on:
        raise WorkflowError(
            f"确认日期 {confirmed_on} 早于到达日期 {arrived_on} / confirmation before arrival"
        )
    return confirmed_on, ReceiptBasis.CONFIRMED


def next_serial(unit: Unit, year: int) -> str:
    """The next free serial of ``unit`` in ``year``, from a counter row locked while it is taken."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                SerialCounter.objects.get_or_create(unit=unit, year=year)
        except IntegrityError:  # another transaction created the row first
            pass
        counter = SerialCounter.objects.select_for_update().get(unit=unit, year=year)
        n = counter.last + 1
        # Imported records may already use a number of this form: skip over them.
        while Application.objects.filter(unit=unit, serial=_serial(year, n)).exists():
            n += 1
        counter.last = n
        counter.save(update_fields=["last"])
        return _serial(year, n)


def _serial(year: int, n: int) -> str:
    return f"{year}-{n:05d}"


# -- creating applications --------------------------------------------------------------------

APPLICANT_FIELDS = (
    "applicant_type",
    "applicant_name",
    "capacity",
    "id_document",
    "id_number",
    "phone",
    "email",
    "address",
    "content",
    "requested_form",
    "delivery",
)


def actor_name(user: Any) -> str:
    if not getattr(user, "is_authenticated", False):
        return "申请人（网上）"
    full = f"{user.last_name}{user.first_name}".strip()
    return full or user.get_username()


def submit_online(unit: Unit, data: Mapping[str, Any], token: str, today: date | None = None) -> Application:
    """A public online application: idempotent on ``token``, waiting for the Art. 31 confirmation."""
    existing = Application.objects.filter(idempotency_token=token).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            case = Application(
                unit=unit,
                serial=next_serial(unit, today.year),
                idempotency_token=token,
                channel=Channel.ONLINE,
                arrived_on=today,
                state=State.SUBMITTED,
                **{k: data[k] for k in APPLICANT_FIELDS if k in data},
            )
            case.save()
            _append(case, "submitted", None, today, "", State.SUBMITTED, None, {})
            return case
    except IntegrityError:  # the same form posted twice at once: the first one won
        return Application.objects.get(idempotency_token=token)


def register_application(
    actor: Any,
    unit: Unit,
    data: Mapping[str, Any],
    *,
    channel: str,
    arrived_on: date,
    signed_for: bool = False,
    confirmed_on: date | None = None,
    evidence: str = "",
) -> Application:
    """A registrar enters an application received in person, by letter, fax, e-mail or online."""
    require_role(actor, unit, {Role.REGISTRAR, Role.ADMIN}, "登记申请")
    received_on, basis = receipt_date(channel, arrived_on, signed_for=signed_for, confirmed_on=confirmed_on)
    state = State.REGISTERED if received_on else State.SUBMITTED
    with transaction.atomic():
        case = Application.objects.create(
            unit=unit,
            serial=next_serial(unit, arrived_on.year),
            channel=channel,
            arrived_on=arrived_on,
            received_on=received_on,
            receipt_basis=basis or "",
            receipt_evidence=evidence,
            state=state,
            **{k: data[k] for k in APPLICANT_FIELDS if k in data},
        )
        clock = EventKind.RECEIVED if received_on else None
        _append(case, "registered", actor, received_on or arrived_on, "", state, clock, {"channel": channel})
        _store_deadline(case, work_calendar())
        case.save(update_fields=["due_on"])
        return case


# -- the clock of a case ----------------------------------------------------------------------


def clock_events(events: list[Event]) -> list[ClockEvent]:
    """The case's events that move its clock, as the clock's own events."""
    out = []
    for ev in events:
        if not ev.clock:
            continue
        kind = EventKind(ev.clock)
        if kind is EventKind.EXTENDED:
            out.append(ClockEvent(kind, ev.on, int(ev.payload["days"]), str(ev.payload["approver"])))
        else:
            out.append(ClockEvent(kind, ev.on))
    return out


def deadline(
    case: Application, cal: WorkCalendar | None = None, as_of: date | None = None
) -> Deadline | None:
    """Where the case's clock stands today (or ``as_of``); None before the receipt is confirmed.

    Raises CalendarError when the calendar lacks a year the computation walks into.
    """
    evs = clock_events(list(case.events.order_by("seq")))
    if not evs:
        return None
    as_of = max(as_of or timezone.localdate(), evs[-1].on)
    return compute_deadline(cal or work_calendar(), evs, as_of=as_of)


def _store_deadline(case: Application, cal: WorkCalendar, extra: ClockEvent | None = None) -> None:
    """Recompute ``case.due_on`` from its events (plus ``extra``, not yet saved).

    The workflow rules the clock enforces (one extension, one 补正 notice, dates in order)
    raise WorkflowError here, before anything is written. A calendar without the year leaves
    the due date empty: the record stays true and the case page shows why there is no date.
    """
    evs = clock_events(list(case.events.order_by("seq")))
    if extra is not None:
        evs.append(extra)
    if not evs:
        case.due_on = None
        return
    try:
        case.due_on = compute_deadline(cal, evs).due
    except CalendarError:
        case.due_on = None


# -- transitions ------------------------------------------------------------------------------


def _append(
    case: Application,
    name: str,
    actor: Any,
    on: date,
    before: str,
    after: str,
    clock: EventKind | None,
    payload: Mapping[str, Any],
) -> Event:
    last = case.events.aggregate(m=Max("seq"))["m"] or 0
    user = actor if getattr(actor, "is_authenticated", False) else None
    return Event.objects.create(
        application=case,
        seq=last + 1,
        name=name,
        actor=user,
        actor_name=actor_name(actor),
        on=on,
        state_before=before,
        state_after=after,
        clock=clock.value if clock else "",
        payload=dict(payload),
    )


@dataclass
class Step:
    """What a transition function adds to the common path: fields, payload, extension data."""

    payload: dict[str, Any]
    days: int = 0
    approver: str = ""


def _apply(
    case_id: int,
    name: str,
    actor: Any,
    expected_version: int | None,
    on: date | None,
    prepare: Callable[[Application, Transition, date], Step],
) -> Application:
    """The common path of every transition; ``prepare`` validates and sets the case's fields."""
    t = transition(name)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise WorkflowError(f"日期 {on} 晚于今天 / {on} is in the future")
    with transaction.atomic():
        case = Application.objects.select_for_update().select_related("unit").get(pk=case_id)
        require_role(actor, case.unit, t.roles, t.label)
        if expected_version is not None and case.version != expected_version:
            raise ConcurrentUpdateError(
                f"申请 {case.serial} 已被他人修改，请刷新后重试 / case {case.serial} was changed by "
                f"someone else (version {case.version}, you saw {expected_version}); reload and retry"
            )
        current = State(case.state)
        if current not in t.sources:
            raise WorkflowError(
                f"申请当前状态为“{current.label}”，不能{t.label} / cannot {t.name} from state {current}"
            )
        old_version = case.version
        step = prepare(case, t, on)
        case.state = t.target_for(current, case.extended)
        clock_event = None
        if t.clock is not None and case.received_on is not None:
            clock_event = ClockEvent(t.clock, on, step.days, step.approver)
        _store_deadline(case, work_calendar(), clock_event)
        # The row lock serialises PostgreSQL; the version condition also guards SQLite.
        if Application.objects.filter(pk=case.pk, version=old_version).update(version=old_version + 1) != 1:
            raise ConcurrentUpdateError(
                f"申请 {case.serial} 已被他人修改 / case {case.serial} was changed concurrently"
            )
        case.version = old_version + 1
        case.save()
        try:
            with transaction.atomic():
                kind = clock_event.kind if clock_event else None
                _append(case, name, actor, on, current, case.state, kind, step.payload)
        except IntegrityError as exc:
            raise ConcurrentUpdateError(
                f"申请 {case.serial} 同时有另一项操作 / another action on {case.serial} at the same time"
            ) from exc
        return case


def confirm_receipt(
    case_id: int,
    actor: Any,
    *,
    on: date | None = None,
    evidence: str = "",
    expected_version: int | None = None,
) -> Application:
    """Art. 31: both sides confirmed an online/fax/unsigned-letter application; the clock starts."""

    def prepare(case: Application, t: Transition, on: date) -> Step:
        if case.arrived_on and on < case.arrived_on:
            raise WorkflowError(f"确认日期 {on} 早于到达日期 {case.arrived_on} / confirmation before arrival")
        case.received_on, case.receipt_basis = on, ReceiptBasis.CONFIRMED
        case.receipt_evidence = evidence or case.receipt_evidence
        return Step({"evidence": evidence})

    return _apply(case_id, "confirm_receipt", actor, expected_version, on, prepare)


def _handler_of(case: Application, handler: Any) -> None:
    if not Staff.objects.filter(user=handler, unit=case.unit, role=Role.HANDLER).exists():
        raise WorkflowError(f"{handler} 不是本单位的承办人 / {handler} is not a handler of {case.unit}")
    case.handler = handler


def assign(
    case_id: int, actor: Any, *, handler: Any, on: date | None = None, expected_version: int | None = None
) -> Application:
    """Give a registered case to a handler; handling starts."""

    def prepare(case: Application, t: Transition, on: date) -> Step:
        _handler_of(case, handler)
        return Step({"handler": handler.get_username()})

    return _apply(case_id, "assign", actor, expected_version, on, prepare)


def reassign(
    case_id: int, actor: Any, *, handler: Any, on: date | None = None, expected_version: int | None = None
) -> Application:
    """Hand a case in progress to another handler."""

    def prepare(case: Application, t: Transition, on: date) -> Step:
        before = case.handler.get_username() if case.handler else ""
        _handler_of(case, handler)
        return Step({"from": before, "handler": handler.get_username()})

    return _apply(case_id, "reassign", actor, expected_version, on, prepare)


def request_correction(
    case_id: int,
    actor: Any,
    *,
    items: str,
    correct_by: date | None = None,
    on: date | None = None,
    expected_version: int | None = None,
) -> Application:
    """Art. 30: tell the applicant once, in one go, what to supplement; the clock stops."""
    if not items.strip():
        raise WorkflowError("须写明需要补正的事项 / say what the applicant must supplement")

    def prepare(case: Application, t: Transition, on: date) -> Step:
        return Step({"matters": items, "correct_by": correct_by.isoformat() if correct_by else ""})

    return _apply(case_id, "request_correction", actor, expected_version, on, prepare)


def receive_correction(
    case_id: int, actor: Any, *, on: date | None = None, note: str = "", expected_version: int | None = None
) -> Application:
    """Art. 30: the corrected application arrived; the period restarts from this day."""
    return _apply(
        case_id, "receive_correction", actor, expected_version, on, lambda c, t, d: Step({"note": note})
    )


def start_consultation(
    case_id: int, actor: Any, *, third_party: str, on: date | None = None, expected_version: int | None = None
) -> Application:
    """Art. 32: consult a third party in writing (15 working days to answer); the clock pauses."""
    if not third_party.strip():
        raise WorkflowError("须写明征求意见的对象 / name the third party consulted")
    return _apply(
        case_id,
        "start_consultation",
        actor,
        expected_version,
        on,
        lambda c, t, d: Step({"third_party": third_party}),
    )


def end_consultation(
    case_id: int, actor: Any, *, opinion: str, on: date | None = None, expected_version: int | None = None
) -> Application:
    """The third party answered (or its 15 days ran out); the clock runs again."""
    return _apply(
        case_id, "end_consultation", actor, expected_version, on, lambda c, t, d: Step({"opinion": opinion})
    )


def extend(
    case_id: int,
    actor: Any,
    *,
    days: int,
    reason: str,
    on: date | None = None,
    expected_version: int | None = None,
) -> Application:
    """Art. 33 ¶2: the approver consents to one extension of at most 20 working days."""
    if not reason.strip():
        raise WorkflowError("延期须说明理由 / an extension needs a reason")

    def prepare(case: Application, t: Transition, on: date) -> Step:
        case.extended = True
        approver = actor_name(actor)
        return Step({"days": days, "approver": approver, "reason": reason}, days=days, approver=approver)

    return _apply(case_id, "extend", actor, expected_version, on, prepare)


def fee_quote(case: Application, basis: FeeBasis, pages: int = 0) -> FeeQuote:
    """The 国办函〔2020〕109号 fee: 按件 by the applicant's rank in the natural month, 按量 by pages."""
    if basis is FeeBasis.BY_PAGES:
        return fee_by_pages(pages)
    if case.received_on is None:
        raise WorkflowError("申请尚未确认收到，不能计费 / the receipt is not confirmed yet")
    month = case.received_on.replace(day=1)
    same = Application.objects.filter(
        unit=case.unit, received_on__gte=month, received_on__lte=case.received_on
    )
    same = (
        same.filter(id_number=case.id_number)
        if case.id_number
        else same.filter(applicant_name=case.applicant_name)
    )
    nth = (
        same.filter(received_on__lt=case.received_on).count()
        + same.filter(received_on=case.received_on, pk__lte=case.pk).count()
    )
    return fee_per_piece(nth)


def notify_fee(
    case_id: int,
    actor: Any,
    *,
    basis: FeeBasis,
    pages: int = 0,
    on: date | None = None,
    expected_version: int | None = None,
) -> Application:
    """Send the fee notice (按件 or 按量); the applicant has 20 working days to pay."""

    def prepare(case: Application, t: Transition, on: date) -> Step:
        quote = fee_quote(case, basis, pages)
        if quote.total <= 0:
            raise WorkflowError("按标准该申请不收费 / by the schedule this application is free")
        case.fee_amount = quote.total
        return Step(
            {"basis": basis.value, "pages": pages, "amount": str(quote.total), "explain": quote.explain()}
        )

    return _apply(case_id, "notify_fee", actor, expected_version, on, prepare)


def receive_fee(
    case_id: int, actor: Any, *, on: date | None = None, expected_version: int | None = None
) -> Application:
    """The applicant paid; the clock runs again."""
    return _apply(case_id, "receive_fee", actor, expected_version, on, lambda c, t, d: Step({}))


def reply(
    case_id: int,
    actor: Any,
    *,
    outcome: str,
    legal_basis: str = "",
    reply_text: str = "",
    on: date | None = None,
    expected_version: int | None = None,
) -> Application:
    """Reply and close: the outcome is the table 三 row the case will be counted in."""
    try:
        result = Outcome(outcome)
    except ValueError:
        raise WorkflowError(f"未知办理结果 {outcome!r} / unknown outcome {outcome!r}") from None

    def prepare(case: Application, t: Transition, on: date) -> Step:
        if case.received_on and on < case.received_on:
            raise WorkflowError(f"答复日期 {on} 早于收到日期 {case.received_on} / reply before receipt")
        case.outcome = result
        case.legal_basis = legal_basis or OUTCOME_BASIS.get(result, "")
        case.reply_text = reply_text
        case.closed_on = on
        case.signed_by = actor_name(actor)
        return Step({"outcome": result.value, "legal_basis": case.legal_basis})

    return _apply(case_id, "reply", actor, expected_version, on, prepare)


def withdraw(
    case_id: int, actor: Any, *, reason: str, on: date | None = None, expected_version: int | None = None
) -> Application:
    """The applicant withdrew: closed, counted under （六）其他处理."""

    def prepare(case: Application, t: Transition, on: date) -> Step:
        case.outcome = Outcome.OTHER_MISC
        case.closed_on = on
        return Step({"reason": reason})

    return _apply(case_id, "withdraw", actor, expected_version, on, prepare)


# -- review and litigation --------------------------------------------------------------------

APPEAL_ROLES = {Role.HANDLER, Role.APPROVER, Role.ADMIN}


def save_appeal(actor: Any, unit: Unit, appeal: Appeal) -> Appeal:
    """Record or update a reconsideration or litigation case of ``unit``."""
    require_role(actor, unit, APPEAL_ROLES, "登记复议诉讼案件")
    if appeal.application_id and not Application.objects.filter(pk=appeal.application_id, unit=unit).exists():
        raise WorkflowError("关联的申请不属于本单位 / the linked application belongs to another unit")
    appeal.unit = unit
    appeal.save()
    return appeal

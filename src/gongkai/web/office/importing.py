"""Import of existing records from a spreadsheet (CSV), for offices moving to gongkai.

Header: ``serial,received_on,channel,applicant_type,applicant_name,content,closed_on,outcome``.
Every row is validated first; a file with bad rows imports nothing unless ``skip_bad``.
Rows are keyed on (unit, serial): a serial already present is left alone, so importing the
same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from gongkai.clock import ClockEvent, EventKind, compute_deadline
from gongkai.errors import CalendarError, UsageError
from gongkai.templates import get_template

from ..accounts.models import Unit
from .calendar import work_calendar
from .choices import ApplicantType, Channel, Outcome, ReceiptBasis
from .models import Application, Event
from .workflow import State

HEADER = (
    "serial",
    "received_on",
    "channel",
    "applicant_type",
    "applicant_name",
    "content",
    "closed_on",
    "outcome",
)

_TYPES = {t.label: t.value for t in ApplicantType} | {t.value: t.value for t in ApplicantType}
_TYPES["法人或其他组织·其他"] = ApplicantType.ORG_OTHER
_CHANNELS = {c.label: c.value for c in Channel} | {c.value: c.value for c in Channel}


_OUTCOMES_BY_KEY = {o.value for o in Outcome}


def _outcome_labels() -> dict[str, str]:
    """Outcome keys and labels: the enum's labels and the template's row labels (3.其他 aside)."""
    out = {o.value: o.value for o in Outcome} | {o.label: o.value for o in Outcome}
    for tid in ("2019", "2021"):
        for row in get_template(tid).table("requests").blocks[0].rows:
            if row.key in _OUTCOMES_BY_KEY:
                out.setdefault(row.label, row.key)
                out.setdefault(row.label.split(".", 1)[-1], row.key)
    return out


_BASIS = {
    Channel.IN_PERSON: ReceiptBasis.HANDED_IN,
    Channel.LETTER: ReceiptBasis.SIGNED_FOR,
}


@dataclass
class ImportResult:
    """What an import did: rows created, rows already there, bad rows by line number."""

    created: int = 0
    existing: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Row:
    line: int
    serial: str
    received_on: date
    channel: str
    applicant_type: str
    applicant_name: str
    content: str
    closed_on: date | None
    outcome: str


def _date(value: str, name: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} 不是 YYYY-MM-DD 日期：{value!r}") from None


def parse_row(line: int, rec: dict[str, str], outcomes: dict[str, str]) -> Row:
    """One validated row; ValueError with a Chinese message otherwise."""
    get = {k: (rec.get(k) or "").strip() for k in HEADER}
    if not get["serial"]:
        raise ValueError("缺少编号 serial")
    received = _date(get["received_on"], "received_on")
    channel = _CHANNELS.get(get["channel"])
    if channel is None:
        raise ValueError(f"未知渠道 {get['channel']!r}（当面/信函/网络/传真/电子邮件）")
    applicant_type = _TYPES.get(get["applicant_type"])
    if applicant_type is None:
        raise ValueError(
            f"未知申请人类型 {get['applicant_type']!r}（{'/'.join(t.label for t in ApplicantType)}）"
        )
    if not get["applicant_name"]:
        raise ValueError("缺少申请人 applicant_name")
    closed = _date(get["closed_on"], "closed_on") if get["closed_on"] else None
    outcome = ""
    if get["outcome"]:
        found = outcomes.get(get["outcome"])
        if found is None:
            raise ValueError(
                f"未知办理结果 {get['outcome']!r}（cells.md 的行键，如 denied.third_party，或其中文名）"
            )
        outcome = found
    if bool(closed) != bool(outcome):
        raise ValueError("closed_on 与 outcome 须同时填写（已办结）或同时留空（办理中）")
    if closed and closed < received:
        raise ValueError(f"办结日期 {closed} 早于收到日期 {received}")
    return Row(
        line,
        get["serial"],
        received,
        channel,
        applicant_type,
        get["applicant_name"],
        get["content"],
        closed,
        outcome,
    )


def read_rows(text: str) -> tuple[list[Row], list[tuple[int, str]]]:
    """Parse the CSV text: (good rows, [(line, message)]); line numbers count the header as 1."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [h for h in HEADER if h not in (reader.fieldnames or [])]
    if missing:
        raise UsageError(
            f"CSV 表头缺少列：{', '.join(missing)}；应为 {','.join(HEADER)} / missing columns: {missing}"
        )
    outcomes = _outcome_labels()
    rows: list[Row] = []
    errors: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for rec in reader:
        line = reader.line_num
        try:
            row = parse_row(line, rec, outcomes)
            if row.serial in seen:
                raise ValueError(f"编号 {row.serial} 与第 {seen[row.serial]} 行重复")
            seen[row.serial] = line
            rows.append(row)
        except ValueError as exc:
            errors.append((line, str(exc)))
    return rows, errors


def import_applications(text: str, unit_name: str, *, skip_bad: bool = False) -> ImportResult:
    """Import the CSV ``text`` into the unit named ``unit_name`` (created if missing)."""
    rows, errors = read_rows(text)
    result = ImportResult(errors=errors)
    if errors and not skip_bad:
        return result
    with transaction.atomic():
        unit, _ = Unit.objects.get_or_create(name=unit_name)
        have = set(Application.objects.filter(unit=unit).values_list("serial", flat=True))
        fresh = [r for r in rows if r.serial not in have]
        result.existing = len(rows) - len(fresh)
        cal = work_calendar()
        cases = Application.objects.bulk_create([_case(unit, r, cal) for r in fresh], batch_size=500)
        if not all(c.pk for c in cases):  # backends that do not return keys from bulk inserts
            by_serial = dict(Application.objects.filter(unit=unit).values_list("serial", "pk"))
            for c in cases:
                c.pk = by_serial[c.serial]
        Event.objects.bulk_create(_events(cases, fresh), batch_size=1000)
        result.created = len(cases)
    return result


def _case(unit: Unit, row: Row, cal: Any) -> Application:
    due = None
    if row.closed_on is None:
        try:
            due = compute_deadline(cal, [ClockEvent(EventKind.RECEIVED, row.received_on)]).due
        except CalendarError:
            due = None
    return Application(
        unit=unit,
        serial=row.serial,
        channel=row.channel,
        arrived_on=row.received_on,
        received_on=row.received_on,
        receipt_basis=_BASIS.get(Channel(row.channel), ReceiptBasis.CONFIRMED),
        applicant_type=row.applicant_type,
        applicant_name=row.applicant_name,
        content=row.content or "（导入记录未载明）",
        state=State.REPLIED if row.closed_on else State.IN_PROGRESS,
        outcome=row.outcome,
        closed_on=row.closed_on,
        due_on=due,
        imported=True,
    )


def _events(cases: Iterable[Application], rows: Iterable[Row]) -> list[Event]:
    out = []
    for case, row in zip(cases, rows, strict=True):
        out.append(
            Event(
                application=case,
                seq=1,
                name="imported",
                actor_name="导入",
                on=row.received_on,
                state_after=State.IN_PROGRESS,
                clock=EventKind.RECEIVED.value,
                payload={"line": row.line},
            )
        )
        if row.closed_on:
            out.append(
                Event(
                    application=case,
                    seq=2,
                    name="reply",
                    actor_name="导入",
                    on=row.closed_on,
                    state_before=State.IN_PROGRESS,
                    state_after=State.REPLIED,
                    clock=EventKind.REPLIED.value,
                    payload={"outcome": row.outcome, "line": row.line},
                )
            )
    return out

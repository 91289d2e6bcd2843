"""A demo unit with a year of applications in every state, appeals, and a login per role.

Everything goes through the services, so the demo's events, deadlines and annual tables are
what real use would produce. Running it again changes nothing.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gongkai.clock import WorkCalendar, add_working_days
from gongkai.clock.fees import FeeBasis
from gongkai.errors import GongkaiError

from ..accounts.models import Role, Staff, Unit
from . import services
from .calendar import work_calendar
from .choices import AppealKind, AppealOutcome, ApplicantType, Channel, Outcome
from .models import Appeal, Application

DEMO_UNIT = "示范区人民政府办公室"
DEMO_PARENT = "示范市人民政府办公室"
DEMO_PASSWORD = "gongkai-demo"
USERS = (
    ("demo_registrar", "登记员", "小登", DEMO_UNIT, Role.REGISTRAR),
    ("demo_handler", "承办人", "小办", DEMO_UNIT, Role.HANDLER),
    ("demo_handler2", "承办人", "小承", DEMO_UNIT, Role.HANDLER),
    ("demo_approver", "审核人", "小审", DEMO_UNIT, Role.APPROVER),
    ("demo_admin", "管理员", "小管", DEMO_UNIT, Role.ADMIN),
    ("demo_supervisor", "上级", "小督", DEMO_PARENT, Role.ADMIN),
)
NAMES = ("张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周婷", "吴刚")
ORGS = ("青山建材有限公司", "临江大学法学院", "白沙环保志愿者协会", "松溪律师事务所", "石门村民委员会")
TOPICS = (
    "2023年度区财政预算执行情况",
    "某路段道路改造工程的环境影响评价文件",
    "本区征地补偿安置方案及批复",
    "区政府常务会议关于老旧小区改造的会议纪要",
    "某企业的行政处罚决定书",
    "义务教育学校划片招生方案",
)
OUTCOMES = (
    [Outcome.GRANTED] * 8
    + [Outcome.PARTIAL] * 3
    + [Outcome.UNAVAILABLE_NOT_HELD] * 3
    + [
        Outcome.DENIED_PROCESS,
        Outcome.DENIED_THIRD_PARTY,
        Outcome.NOT_HANDLED_COMPLAINT,
        Outcome.NOT_HANDLED_DUPLICATE,
    ]
)


def _say(stdout: IO[str] | None, text: str) -> None:
    if stdout is not None:
        stdout.write(text + "\n")


def _users() -> dict[str, Any]:
    User = get_user_model()
    units = {name: Unit.objects.get_or_create(name=name)[0] for name in (DEMO_PARENT, DEMO_UNIT)}
    units[DEMO_UNIT].parent = units[DEMO_PARENT]
    units[DEMO_UNIT].phone = "0000-12345678"
    units[DEMO_UNIT].save()
    users = {}
    for username, last, first, unit_name, role in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"last_name": last, "first_name": first, "email": f"{username}@example.invalid"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Staff.objects.get_or_create(user=user, unit=units[unit_name], role=role)
        users[username] = user
    return users


class _Walker:
    """Moves one case along its path while the dates stay on or before today."""

    def __init__(self, case: Application, today: date, cal: WorkCalendar, rng: random.Random) -> None:
        self.case, self.today, self.cal, self.rng = case, today, cal, rng
        self.on = case.received_on or today

    def step(self, after: int, action: Callable[..., Application], actor: Any, **kwargs: Any) -> bool:
        """Fire ``action`` ``after`` working days after the previous step; False if that is the future."""
        try:
            on = add_working_days(self.cal, self.on, after)
        except GongkaiError:
            return False
        if on > self.today:
            return False
        self.case = action(self.case.pk, actor, on=on, expected_version=self.case.version, **kwargs)
        self.on = on
        return True

    def assign(self, approver: Any, handler: Any) -> None:
        self.case = services.assign(
            self.case.pk, approver, handler=handler, on=self.on, expected_version=self.case.version
        )


def _walk(w: _Walker, u: dict[str, Any], path: str, outcome: str, stop: str = "") -> None:
    """Walk ``path`` until the dates reach today, or until the case is in state ``stop``."""
    if stop == "registered":
        return
    handler = u["demo_handler"] if w.rng.random() < 0.6 else u["demo_handler2"]
    w.assign(u["demo_approver"], handler)
    steps: list[tuple[int, Callable[..., Application], Any, dict[str, Any]]] = []
    if path == "correction":
        steps += [
            (3, services.request_correction, handler, {"items": "请写明所需信息的文号或形成时间"}),
            (4, services.receive_correction, u["demo_registrar"], {}),
        ]
    elif path == "consult":
        steps += [
            (5, services.start_consultation, handler, {"third_party": "青山建材有限公司"}),
            (8, services.end_consultation, handler, {"opinion": "不同意公开"}),
        ]
    elif path == "extend":
        steps += [
            (15, services.extend, u["demo_approver"], {"days": 15, "reason": "涉及多个部门，需调取档案"})
        ]
    elif path == "fee":
        steps += [
            (6, services.notify_fee, handler, {"basis": FeeBasis.BY_PAGES, "pages": 150}),
            (3, services.receive_fee, u["demo_registrar"], {}),
        ]
    elif path == "withdraw":
        steps += [(2, services.withdraw, u["demo_registrar"], {"reason": "申请人来电撤回"})]
    if path not in ("withdraw", "open"):
        steps += [(w.rng.randint(2, 8), services.reply, handler, {"outcome": outcome, "reply_text": ""})]
    for after, action, actor, kwargs in steps:
        if w.case.state == stop or not w.step(after, action, actor, **kwargs):
            return


# The last cases of the year stop in each waiting state, so the demo shows them all.
STOPS = (
    ("plain", "registered"),
    ("correction", "awaiting_correction"),
    ("consult", "awaiting_third_party"),
    ("extend", "extended"),
    ("fee", "awaiting_fee"),
)


PATHS = ("plain", "plain", "plain", "correction", "consult", "extend", "fee", "withdraw", "open")


def _applications(users: dict[str, Any], unit: Unit, today: date, rng: random.Random) -> int:
    cal = work_calendar()
    start = today - timedelta(days=365)
    made = 0
    for i in range(72):
        stopping = i >= 72 - len(STOPS)
        arrived = (
            today - timedelta(days=40 - i % 7) if stopping else start + timedelta(days=int(i * 365 / 72))
        )
        while not cal.is_working_day(arrived):
            arrived += timedelta(days=1)
        org = rng.random() < 0.3
        kind = rng.choice(list(ApplicantType)[1:]) if org else ApplicantType.NATURAL
        data = {
            "applicant_type": kind,
            "applicant_name": rng.choice(ORGS) if org else rng.choice(NAMES),
            "id_document": "统一社会信用代码" if org else "居民身份证",
            "id_number": f"{rng.randint(110000, 650000)}19{rng.randint(60, 99)}0{rng.randint(1, 9)}"
            f"1{rng.randint(0, 9)}{rng.randint(1000, 9999)}",
            "phone": f"13{rng.randint(100000000, 999999999)}",
            "content": rng.choice(TOPICS),
        }
        channel = rng.choice([Channel.IN_PERSON, Channel.LETTER, Channel.ONLINE, Channel.EMAIL])
        case = services.register_application(
            users["demo_registrar"],
            unit,
            data,
            channel=channel,
            arrived_on=arrived,
            signed_for=channel == Channel.LETTER,
            confirmed_on=arrived if channel in (Channel.ONLINE, Channel.EMAIL) else None,
            evidence="电话确认" if channel in (Channel.ONLINE, Channel.EMAIL) else "",
        )
        made += 1
        path, stop = STOPS[i - 72 + len(STOPS)] if stopping else (PATHS[i % len(PATHS)], "")
        outcome = Outcome.DENIED_THIRD_PARTY if path == "consult" else rng.choice(OUTCOMES)
        _walk(_Walker(case, today, cal, rng), users, path, outcome, stop)
    # Fresh online submissions still waiting for the Art. 31 confirmation.
    for n in range(2):
        services.submit_online(
            unit,
            {
                "applicant_type": ApplicantType.NATURAL,
                "applicant_name": NAMES[n],
                "phone": "13900000000",
                "content": TOPICS[n],
            },
            token=f"demo-online-{n}",
            today=today,
        )
    return made


def _appeals(unit: Unit, users: dict[str, Any], today: date) -> None:
    denied = list(
        Application.objects.filter(unit=unit, outcome__startswith="denied").order_by("closed_on")[:3]
    )
    if not denied:
        return
    first = denied[0]
    assert first.closed_on is not None
    review = services.save_appeal(
        users["demo_admin"],
        unit,
        Appeal(
            kind=AppealKind.REVIEW,
            application=first,
            case_number="示范复〔示例〕1号",
            authority="示范市人民政府",
            filed_on=min(today, first.closed_on + timedelta(days=20)),
            decided_on=min(today, first.closed_on + timedelta(days=60)),
            outcome=AppealOutcome.UPHELD,
        ),
    )
    services.save_appeal(
        users["demo_admin"],
        unit,
        Appeal(
            kind=AppealKind.SUIT_AFTER_REVIEW,
            application=first,
            review=review,
            case_number="（示例）行初1号",
            authority="示范区人民法院",
            filed_on=min(today, first.closed_on + timedelta(days=70)),
        ),
    )
    for n, case in enumerate(denied[1:], start=2):
        assert case.closed_on is not None
        services.save_appeal(
            users["demo_admin"],
            unit,
            Appeal(
                kind=AppealKind.REVIEW,
                application=case,
                case_number=f"示范复〔示例〕{n}号",
                authority="示范市人民政府",
                filed_on=min(today, case.closed_on + timedelta(days=15)),
            ),
        )


def load_demo(stdout: IO[str] | None = None, today: date | None = None) -> Unit:
    """Create (once) the demo unit, its staff and a year of its cases; print the logins."""
    today = today or timezone.localdate()
    with transaction.atomic():
        users = _users()
        unit = Unit.objects.get(name=DEMO_UNIT)
        if not Application.objects.filter(unit=unit).exists():
            made = _applications(users, unit, today, random.Random(20240101))
            _appeals(unit, users, today)
            _say(stdout, f"依申请公开示范单位：{DEMO_UNIT}，{made + 2} 件申请")
        else:
            _say(stdout, f"依申请公开示范单位已存在：{DEMO_UNIT}")
    _say(stdout, f"示范账号（密码均为 {DEMO_PASSWORD}）：")
    for username, _last, _first, unit_name, role in USERS:
        _say(stdout, f"  {username:<16} {role.label}（{unit_name}）")
    return unit

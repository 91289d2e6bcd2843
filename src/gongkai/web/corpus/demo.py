"""Example data for the corpus: the seed reports, and a county with its townships and departments.

The county's reports are generated (consistent by construction) with a few
deliberate mistakes, so the overview, the report page, the timeline, the
ranking and the 汇总 all have something to show. Everything goes through the
import service; running it again changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from ...model import Report as CoreReport
from ...samples import random_report
from . import services
from .importing import SourceDoc

SEEDS = Path(__file__).resolve().parents[5] / "shared" / "seeds"  # ../shared/seeds beside the repo
COUNTY = "青山县人民政府"
CHILDREN = (
    "青山县城关镇人民政府",
    "青山县白沙镇人民政府",
    "青山县临江乡人民政府",
    "青山县松溪镇人民政府",
    "青山县人民政府办公室",
    "青山县教育局",
    "青山县自然资源局",
    "青山县市场监督管理局",
)
YEARS = (2020, 2021, 2022)
DEMO_USER = "demo"
DEMO_REVIEWER = "demo_reviewer"
DEMO_PASSWORD = "gongkai-demo"


COLUMNS = ("natural", "commercial", "research", "social", "legal", "org_other")


def chain(before: CoreReport, now: CoreReport) -> None:
    """Make ``now`` follow on from ``before``: 结转 carried over, 现行有效 rolled over, identities kept."""
    for col in COLUMNS:
        carried = int(before.value(f"requests.carried_over.{col}") or 0)
        total = int(now.value(f"requests.total.{col}") or 0)
        over = int(now.value(f"requests.carried_over.{col}") or 0)
        new = total + over - carried
        if new < 0:
            over, new = over - new, 0
        now.set(f"requests.carried_in.{col}", carried)
        now.set(f"requests.new.{col}", new)
        now.set(f"requests.carried_over.{col}", over)
    for row in ("new", "carried_in", "carried_over"):
        now.set(f"requests.{row}.total", sum(int(now.value(f"requests.{row}.{c}") or 0) for c in COLUMNS))
    if now.meta.template == before.meta.template == "2021":
        for row in ("rules", "normative"):
            was = int(before.value(f"active.{row}.in_force") or 0)
            issued = int(now.value(f"active.{row}.issued") or 0)
            repealed = min(int(now.value(f"active.{row}.repealed") or 0), was + issued)
            now.set(f"active.{row}.repealed", repealed)
            now.set(f"active.{row}.in_force", was + issued - repealed)


def _mistakes(report: CoreReport, body: str, year: int, before: CoreReport | None) -> None:
    """A few errors a supervisor should catch."""
    if body == "青山县白沙镇人民政府" and year == 2021:
        total = report.value("requests.total.natural") or 0
        report.set("requests.total.natural", int(total) + 3)  # breaks 表三 (七)总计
    if body == "青山县教育局" and year == 2022 and before is not None:
        carried = before.value("requests.carried_over.total") or 0
        report.set("requests.carried_in.natural", int(carried) + 5)  # 结转 does not carry over
    if body == "青山县临江乡人民政府" and year == 2020:
        report.set("appeals.review.total", None)  # a blank where a number belongs


def demo_documents() -> list[SourceDoc]:
    """The county's generated reports as gongkai JSON documents."""
    docs = []
    for i, body in enumerate((COUNTY, *CHILDREN)):
        before = None
        for year in YEARS:
            report = random_report(1000 * i + year, "2019" if year <= 2020 else "2021", year=year, body=body)
            if before is not None:
                chain(before, report)
            _mistakes(report, body, year, before)
            report.meta.source = f"demo/{body}-{year}.json"
            docs.append(SourceDoc.of(f"demo/{body}-{year}.json", report.to_json().encode()))
            before = report
    return docs


def _user(username: str, *, superuser: bool) -> User:
    model = get_user_model()
    user = model.objects.filter(username=username).first()
    if user is None:
        make = model.objects.create_superuser if superuser else model.objects.create_user
        user = make(username=username, password=DEMO_PASSWORD)
    user.groups.add(services.ensure_reviewer_group())
    return model.objects.get(pk=user.pk)


def load_demo(stdout: IO[str] | None = None) -> None:
    """Load the example corpus and the demo logins; safe to run again."""

    def say(line: str) -> None:
        if stdout is not None:
            stdout.write(line + "\n")

    admin = _user(DEMO_USER, superuser=True)
    _user(DEMO_REVIEWER, superuser=False)
    if SEEDS.is_dir():
        seeds = services.import_paths([str(SEEDS)], user=admin)
        say(f"年报库：种子年报 新导入 {seeds.imported}，未变化 {seeds.unchanged}，失败 {seeds.failed}")
    batch = services.import_documents(demo_documents(), user=admin, workers=1)
    say(f"年报库：示例县 新导入 {batch.imported}，未变化 {batch.unchanged}，失败 {batch.failed}")
    county = services.match_body(COUNTY)
    for name in CHILDREN:
        child = services.match_body(name)
        if child.parent_id != county.pk:
            services.reparent(child, county, admin)
    say(f"年报库登录：{DEMO_USER} / {DEMO_PASSWORD}（管理员）")
    say(f"年报审核员登录：{DEMO_REVIEWER} / {DEMO_PASSWORD}")

"""A real browser walks one application from the public form to the reply letter and the tables."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from gongkai.web.office.models import Application, CalendarDay, CalendarYear, DayKind

from .conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _ensure_next_year(today: date) -> None:
    """An extension made today may run into next year: enter it as an administrator would."""
    year, _ = CalendarYear.objects.get_or_create(year=today.year + 1, defaults={"source": "测试录入"})
    CalendarDay.objects.get_or_create(
        date=date(today.year + 1, 1, 1), defaults={"year": year, "kind": DayKind.HOLIDAY, "name": "元旦"}
    )


def _login(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/?next=/office/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-12345")
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}/office/")


def _act(page: Any, name: str, **fields: str) -> None:
    """Open the action's panel, fill its fields, submit, and wait for the case page again."""
    page.click(f"#action-{name} summary")
    for field, value in fields.items():
        selector = f"#id_{name}-{field}"
        if page.eval_on_selector(selector, "e => e.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    with page.expect_navigation():
        page.click(f"#action-{name} button[value={name}]")
    assert page.locator(".messages li.success").count() == 1, page.locator(".messages").inner_text()


def test_application_from_public_form_to_reply_dashboard_and_table(
    world: World, live_server: Any, page: Any
) -> None:
    base = live_server.url
    today = timezone.localdate()
    _ensure_next_year(today)
    overdue = world.case("in_progress", received=date(2024, 3, 1))  # long overdue, for the dashboard

    # The applicant, without login.
    page.goto(f"{base}/office/apply/")
    page.select_option("#id_unit", str(world.own.pk))
    page.select_option("#id_applicant_type", "natural")
    page.fill("#id_applicant_name", "王五")
    page.fill("#id_id_document", "居民身份证")
    page.fill("#id_id_number", "110101198001011234")
    page.fill("#id_phone", "13900001111")
    page.fill("#id_content", "2023年度区财政预算执行情况")
    page.click("#apply-submit")
    receipt_no = page.inner_text("#receipt-no")
    case = Application.objects.get(receipt_no=receipt_no)
    assert case.state == "submitted"

    # Registrar: confirm the receipt (Art. 31) and assign a handler.
    _login(page, base, "own_registrar")
    page.goto(f"{base}/office/cases/{case.pk}/")
    _act(page, "confirm_receipt", evidence="电话确认")
    assert page.inner_text("#case-state") == "已登记"
    assert page.locator("#due-on").count() == 1
    _act(page, "assign", handler=str(world.staff["handler"].pk))

    # Handler: 补正, then third-party consultation.
    _login(page, base, "own_handler")
    page.goto(f"{base}/office/cases/{case.pk}/")
    _act(page, "request_correction", items="请写明所需预算表的名称")
    assert page.inner_text("#case-state") == "待补正"
    assert "计时暂停" in page.inner_text("#deadline")
    _act(page, "receive_correction", note="申请人当面补正")
    _act(page, "start_consultation", third_party="某供应商")
    assert page.inner_text("#case-state") == "征求第三方意见"
    _act(page, "end_consultation", opinion="不同意公开其报价")

    # The dashboard shows the handler's load and the overdue case.
    page.goto(f"{base}/office/")
    assert overdue.serial in page.inner_text("#overdue")
    assert "own_handler" in page.inner_text("#by-handler")

    # Approver: the extension, with the approver named in the deadline's explanation.
    _login(page, base, "own_approver")
    page.goto(f"{base}/office/cases/{case.pk}/")
    _act(page, "extend", days="10", reason="需征求多方意见")
    assert page.inner_text("#case-state") == "已延期"
    assert "延长 10 个工作日" in page.inner_text("#deadline-steps")

    # Handler: the reply closes the case; the letter downloads as DOCX and PDF.
    _login(page, base, "own_handler")
    page.goto(f"{base}/office/cases/{case.pk}/")
    _act(page, "reply", outcome="partial", reply_text="预算表予以公开，供应商报价不予公开。")
    assert page.inner_text("#case-state") == "已答复办结"
    for link, magic in (("#letter-docx", b"PK"), ("#letter-pdf", b"%PDF")):
        with page.expect_download() as info:
            page.click(link)
        with open(info.value.path(), "rb") as f:
            assert f.read(4).startswith(magic)
    events = [e.name for e in Application.objects.get(pk=case.pk).events.order_by("seq")]
    assert events == [
        "submitted",
        "confirm_receipt",
        "assign",
        "request_correction",
        "receive_correction",
        "start_consultation",
        "end_consultation",
        "extend",
        "reply",
    ]

    # The applicant sees the result.
    page.goto(f"{base}/office/status/?receipt_no={receipt_no}")
    assert page.inner_text("#status-state") == "已答复办结"

    # The annual table counts it under 部分公开 and drills down to it.
    _login(page, base, "own_handler")
    page.goto(f"{base}/office/annual/{world.own.pk}/{today.year}/")
    assert "badge error" not in page.inner_html("#checks")  # table 二 is blank: warnings only
    cell = page.locator('a[data-key="requests.partial.natural"]')
    assert cell.inner_text() == "1"
    cell.click()
    page.wait_for_url("**/cases/requests.partial.natural/")
    assert case.serial in page.inner_text("#records")

"""The public form: receipt number, status check, double submission, honeypot, rate limit."""

from __future__ import annotations

from typing import Any

from django.test import Client

from gongkai.web.office.models import Application

from .conftest import World


def _form(world: World, token: str = "tok-1", **extra: Any) -> dict[str, Any]:
    return {
        "unit": world.own.pk,
        "token": token,
        "applicant_type": "commercial",
        "applicant_name": "青山建材有限公司",
        "id_document": "统一社会信用代码",
        "id_number": "91330100MA2XXXXXX1",
        "phone": "057112345678",
        "content": "某路段道路改造工程的环境影响评价文件",
        "requested_form": "electronic",
        "delivery": "email",
        "email": "a@example.invalid",
        "website": "",
        **extra,
    }


def test_apply_gives_a_receipt_and_status(world: World, client: Client) -> None:
    page = client.get("/office/apply/")
    assert page.status_code == 200 and 'name="token"' in page.content.decode()
    response = client.post("/office/apply/", _form(world))
    case = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/office/apply/{case.receipt_no}/"
    assert case.state == "submitted" and case.applicant_type == "commercial" and case.received_on is None
    receipt = client.get(response["Location"]).content.decode()
    assert case.receipt_no in receipt and case.serial in receipt
    status = client.get("/office/status/", {"receipt_no": case.receipt_no.lower()}).content.decode()
    assert "网上提交待确认" in status
    assert "未找到" in client.get("/office/status/", {"receipt_no": "NOPE"}).content.decode()
    api = client.get(f"/api/office/status/{case.receipt_no}").json()
    assert api["state"] == "submitted" and api["serial"] == case.serial


def test_double_submission_makes_one_application(world: World, client: Client) -> None:
    first = client.post("/office/apply/", _form(world))
    second = client.post("/office/apply/", _form(world))
    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_honeypot_rejects_bots(world: World, client: Client) -> None:
    response = client.post("/office/apply/", _form(world, website="http://spam.example"))
    assert response.status_code == 200 and Application.objects.count() == 0


def test_a_contact_and_identity_are_required(world: World, client: Client) -> None:
    client.post("/office/apply/", _form(world, id_number=""))
    assert Application.objects.count() == 0


def test_rate_limit_per_ip(world: World, client: Client, monkeypatch: Any) -> None:
    from gongkai.web.office.views import public

    limit = 3
    monkeypatch.setattr(public, "RATE_LIMIT", limit)
    codes = [client.post("/office/apply/", _form(world, token=f"t{i}")).status_code for i in range(limit + 2)]
    assert codes == [302] * limit + [429, 429]
    assert Application.objects.count() == limit
    other_ip = Client(REMOTE_ADDR="10.0.0.9")
    assert other_ip.post("/office/apply/", _form(world, token="other")).status_code == 302

"""Every role × every action × own unit / other unit / supervising unit / anonymous.

The expected roles are written out here, independently of ``workflow.TRANSITIONS``, so a change
to the table that grants or removes a right has to be made twice, on purpose.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from gongkai.web.office.models import Appeal, Application

from .conftest import ROLES, World

# action -> (the state the case must be in, the roles that may do it in their own unit)
EXPECTED: dict[str, tuple[str, set[str]]] = {
    "confirm_receipt": ("submitted", {"registrar", "admin"}),
    "assign": ("registered", {"registrar", "approver", "admin"}),
    "reassign": ("in_progress", {"approver", "admin"}),
    "request_correction": ("in_progress", {"handler", "admin"}),
    "receive_correction": ("awaiting_correction", {"registrar", "handler", "admin"}),
    "start_consultation": ("in_progress", {"handler", "admin"}),
    "end_consultation": ("awaiting_third_party", {"handler", "admin"}),
    "extend": ("in_progress", {"approver"}),
    "notify_fee": ("in_progress", {"handler", "admin"}),
    "receive_fee": ("awaiting_fee", {"registrar", "handler", "admin"}),
    "reply": ("in_progress", {"handler", "approver"}),
    "withdraw": ("in_progress", {"registrar", "handler", "admin"}),
}
ON = "2024-03-15"  # within the reply period (received 2024-03-01)
ACTORS = [*(f"own:{r}" for r in ROLES), *(f"other:{r}" for r in ROLES), "supervisor", "anonymous"]


def _fields(action: str, w: World) -> dict[str, Any]:
    return {
        "assign": {"handler": w.staff["handler"].pk},
        "reassign": {"handler": w.staff["handler"].pk},
        "request_correction": {"items": "请写明文号"},
        "start_consultation": {"third_party": "某公司"},
        "end_consultation": {"opinion": "同意"},
        "extend": {"days": 10, "reason": "复杂"},
        "notify_fee": {"basis": "by_pages", "pages": 100},
        "reply": {"outcome": "granted"},
        "withdraw": {"reason": "撤回"},
    }.get(action, {})


def _login(client: Client, w: World, actor: str) -> None:
    if actor == "anonymous":
        return
    if actor == "supervisor":
        client.force_login(w.supervisor)
        return
    where, role = actor.split(":")
    client.force_login((w.staff if where == "own" else w.strangers)[role])


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", sorted(EXPECTED))
def test_transition_rights(world: World, client: Client, action: str, actor: str) -> None:
    state, allowed = EXPECTED[action]
    case = world.case(state)
    _login(client, world, actor)
    data = {
        f"{action}-{k}": v for k, v in {"version": case.version, "on": ON, **_fields(action, world)}.items()
    }
    response = client.post(f"/office/cases/{case.pk}/act/{action}/", data)
    case.refresh_from_db()
    may = actor.startswith("own:") and actor.split(":")[1] in allowed
    if may:
        assert response.status_code == 302, response.content[:300]
        assert case.state != state or action == "reassign"
        assert case.events.order_by("-seq").first().name == action  # type: ignore[union-attr]
    else:
        assert case.state == state
        assert case.events.filter(name=action).count() == 0
        if actor == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 403


@pytest.mark.parametrize("actor", ACTORS)
def test_viewing_a_case(world: World, client: Client, actor: str) -> None:
    case = world.case("in_progress")
    _login(client, world, actor)
    response = client.get(f"/office/cases/{case.pk}/")
    if actor.startswith("own:"):
        assert response.status_code == 200
        assert "110101199003071234" in response.content.decode()  # own staff see the full number
    elif actor == "supervisor":  # read-only, masked, no action forms
        body = response.content.decode()
        assert response.status_code == 200
        assert "110101199003071234" not in body and "110101********1234" in body
        assert "/act/" not in body
    elif actor == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("actor", ACTORS)
def test_registering_an_application(world: World, client: Client, actor: str) -> None:
    _login(client, world, actor)
    data = {
        "channel": "in_person",
        "arrived_on": "2024-03-01",
        "applicant_type": "natural",
        "applicant_name": "李四",
        "content": "某文件",
        "requested_form": "paper",
        "delivery": "mail",
    }
    response = client.post("/office/cases/new/", data)
    made = Application.objects.filter(applicant_name="李四")
    if actor in ("own:registrar", "own:admin"):
        assert response.status_code == 302 and made.get().unit == world.own
    elif actor in ("other:registrar", "other:admin"):  # they register into their own unit only
        assert made.get().unit == world.other
    elif actor == "supervisor":  # an admin of the supervising unit: into that unit, never below
        assert made.get().unit == world.parent
    else:
        assert not made.exists()
        assert response.status_code == (302 if actor == "anonymous" else 403)


@pytest.mark.parametrize("actor", ACTORS)
def test_recording_an_appeal(world: World, client: Client, actor: str) -> None:
    _login(client, world, actor)
    data = {"unit": world.own.pk, "kind": "review", "filed_on": "2024-05-01", "outcome": "pending"}
    response = client.post(f"/office/appeals/new/?unit={world.own.pk}", data)
    made = Appeal.objects.filter(unit=world.own).exists()
    if actor in ("own:handler", "own:approver", "own:admin"):
        assert response.status_code == 302 and made
    else:
        assert not made
        assert response.status_code == (302 if actor == "anonymous" else 403)


@pytest.mark.parametrize("actor", ACTORS)
def test_annual_table_and_drilldown(world: World, client: Client, actor: str) -> None:
    world.case("replied")
    _login(client, world, actor)
    table = client.get(f"/office/annual/{world.own.pk}/2024/")
    drill = client.get(f"/office/annual/{world.own.pk}/2024/cases/requests.granted.natural/")
    if actor.startswith("own:") or actor == "supervisor":
        assert table.status_code == 200 and drill.status_code == 200
        assert "2024-00001" in drill.content.decode()
    elif actor == "anonymous":
        assert table.status_code == drill.status_code == 302
    else:
        assert table.status_code == drill.status_code == 403


def test_lists_and_exports_mask_personal_data(world: World, client: Client) -> None:
    world.case("in_progress", received=date(2024, 3, 1))
    client.force_login(world.staff["handler"])
    for url in ("/office/cases/", "/office/cases/export.csv"):
        body = client.get(url).content.decode()
        assert "110101********1234" in body and "138****5678" in body
        assert "110101199003071234" not in body and "13812345678" not in body
    client.force_login(world.strangers["admin"])
    assert "张三" not in client.get("/office/cases/export.csv").content.decode()


def test_attachments_upload_for_own_staff_and_download_for_viewers(
    world: World, client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    import tempfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tempfile.mkdtemp()
    case = world.case("in_progress")
    client.force_login(world.staff["registrar"])
    upload = SimpleUploadedFile("申请书.txt", "申请书内容".encode())
    client.post(f"/office/cases/{case.pk}/attachments/", {"file": upload, "description": "申请书"})
    att = case.attachments.get()
    assert client.get(f"/office/attachments/{att.pk}/").getvalue() == "申请书内容".encode()
    client.force_login(world.supervisor)
    assert client.get(f"/office/attachments/{att.pk}/").status_code == 200
    assert client.post(f"/office/cases/{case.pk}/attachments/", {"file": upload}).status_code == 403
    client.force_login(world.strangers["admin"])
    assert client.get(f"/office/attachments/{att.pk}/").status_code == 403


def test_annual_api_needs_a_login_and_a_visible_unit(world: World, client: Client) -> None:
    world.case("replied")
    url = f"/api/office/units/{world.own.pk}/annual/2024"
    assert client.get(url).status_code == 401
    client.force_login(world.staff["handler"])
    data = client.get(url).json()
    assert data["cells"]["requests.granted.total"] == 1 and data["meta"]["template"] == "2021"
    client.force_login(world.strangers["handler"])
    assert client.get(url).status_code == 403

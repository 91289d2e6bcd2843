"""Pages not walked elsewhere: exports of the annual table, the appeal pages, the admin."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.web.office.models import Appeal

from .conftest import World


@pytest.mark.parametrize(("fmt", "magic"), [("xlsx", b"PK"), ("docx", b"PK"), ("csv", b""), ("html", b"<")])
def test_annual_table_exports_through_the_core_renderers(
    world: World, client: Client, fmt: str, magic: bytes
) -> None:
    world.case("replied")
    client.force_login(world.staff["approver"])
    response = client.get(f"/office/annual/{world.own.pk}/2024/", {"format": fmt})
    assert response.status_code == 200 and response.content.startswith(magic) and len(response.content) > 100


def test_appeal_form_links_a_suit_to_its_review(world: World, client: Client) -> None:
    case = world.case("replied")
    client.force_login(world.staff["admin"])
    client.post(
        f"/office/appeals/new/?unit={world.own.pk}",
        {
            "unit": world.own.pk,
            "kind": "review",
            "application": case.pk,
            "filed_on": "2024-04-01",
            "decided_on": "2024-06-01",
            "outcome": "upheld",
        },
    )
    review = Appeal.objects.get()
    bad = client.post(
        f"/office/appeals/new/?unit={world.own.pk}",
        {
            "unit": world.own.pk,
            "kind": "suit_direct",
            "review": review.pk,
            "filed_on": "2024-06-10",
            "outcome": "upheld",
        },
    )
    assert bad.status_code == 200 and Appeal.objects.count() == 1  # needs a decision date, and no review link
    client.post(
        f"/office/appeals/new/?unit={world.own.pk}",
        {
            "unit": world.own.pk,
            "kind": "suit_after_review",
            "review": review.pk,
            "application": case.pk,
            "filed_on": "2024-06-10",
            "outcome": "pending",
        },
    )
    suit = Appeal.objects.get(kind="suit_after_review")
    assert suit.review == review and suit.application == case
    listing = client.get("/office/appeals/").content.decode()
    assert "行政诉讼·复议后起诉" in listing and case.serial in listing
    assert review.decided_on == date(2024, 6, 1)


def test_admin_pages_for_calendar_letter_and_cases(world: World, client: Client) -> None:
    world.case("in_progress")
    root = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw-12345")
    client.force_login(root)
    for url in (
        "/admin/office/calendaryear/2024/change/",
        "/admin/office/lettertemplate/",
        "/admin/office/application/",
        f"/admin/office/application/{world.own.applications.get().pk}/change/",
        "/admin/accounts/unit/",
    ):
        assert client.get(url).status_code == 200, url


def test_dashboard_lists_overdue_and_load_by_handler(world: World, client: Client) -> None:
    case = world.case("in_progress", received=date(2024, 3, 1))
    client.force_login(world.staff["registrar"])
    page = client.get("/office/").content.decode()
    assert case.serial in page and "own_handler" in page
    client.force_login(get_user_model().objects.create_user("nobody"))
    assert client.get("/office/").status_code == 403

"""Units see themselves and the units below them; roles are per unit."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from gongkai.web.accounts.models import Role, Staff, Unit
from gongkai.web.accounts.permissions import (
    can_act,
    can_view,
    require_role,
    roles_in,
    visible_unit_ids,
)


@pytest.fixture
def tree(db: None) -> dict[str, Unit]:
    city = Unit.objects.create(name="市政府办公室")
    county = Unit.objects.create(name="县政府办公室", parent=city)
    town = Unit.objects.create(name="镇人民政府", parent=county)
    other = Unit.objects.create(name="邻市政府办公室")
    return {"city": city, "county": county, "town": town, "other": other}


def test_supervisors_see_every_level_below_but_act_only_at_home(tree: dict[str, Unit]) -> None:
    user = get_user_model().objects.create_user("u")
    Staff.objects.create(user=user, unit=tree["county"], role=Role.APPROVER)
    Staff.objects.create(user=user, unit=tree["county"], role=Role.HANDLER)
    assert visible_unit_ids(user) == {tree["county"].pk, tree["town"].pk}
    assert tree["county"].descendants() == [tree["town"]]
    assert (
        can_view(user, tree["town"])
        and not can_view(user, tree["city"])
        and not can_view(user, tree["other"])
    )
    assert roles_in(user, tree["county"]) == {Role.APPROVER, Role.HANDLER}
    assert can_act(user, tree["county"], {Role.HANDLER})
    assert not can_act(user, tree["town"], {Role.HANDLER})
    with pytest.raises(PermissionDenied, match="登记员"):
        require_role(user, tree["county"], {Role.REGISTRAR}, "登记申请")


def test_anonymous_users_have_no_roles(tree: dict[str, Unit]) -> None:
    anon = AnonymousUser()
    assert roles_in(anon, tree["city"]) == set() and visible_unit_ids(anon) == set()

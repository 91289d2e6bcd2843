"""Who may see and do what: every view and service of the office asks here.

A staff member acts only in the units where they hold a role. A unit's supervisors (staff of
any ancestor unit) may look at its cases but never act on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied

from .models import Role, Staff, Unit


def roles_in(user: Any, unit: Unit | int) -> set[Role]:
    """The roles ``user`` holds in ``unit`` (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    unit_id = unit if isinstance(unit, int) else unit.pk
    return {Role(r) for r in Staff.objects.filter(user=user, unit_id=unit_id).values_list("role", flat=True)}


def member_units(user: Any) -> list[Unit]:
    """Units where ``user`` holds any role."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Unit.objects.filter(staff__user=user).distinct())


def visible_unit_ids(user: Any) -> set[int]:
    """Units whose cases ``user`` may see: their own and every unit below them."""
    ids: set[int] = set()
    for unit in member_units(user):
        ids.add(unit.pk)
        ids.update(u.pk for u in unit.descendants())
    return ids


def can_view(user: Any, unit: Unit | int) -> bool:
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id in visible_unit_ids(user)


def can_act(user: Any, unit: Unit | int, allowed: Iterable[Role]) -> bool:
    """Whether ``user`` holds one of the ``allowed`` roles in ``unit`` itself."""
    return bool(roles_in(user, unit) & set(allowed))


def require_view(user: Any, unit: Unit | int) -> None:
    if not can_view(user, unit):
        raise PermissionDenied("无权查看该单位的申请 / not allowed to see this unit's cases")


def require_role(user: Any, unit: Unit | int, allowed: Iterable[Role], what: str) -> None:
    """Raise PermissionDenied unless ``user`` holds one of ``allowed`` in ``unit``."""
    allowed = tuple(allowed)
    if not can_act(user, unit, allowed):
        names = "、".join(r.label for r in allowed)
        raise PermissionDenied(
            f"{what}需要{names}角色 / {what} needs one of the roles {[str(r) for r in allowed]}"
        )

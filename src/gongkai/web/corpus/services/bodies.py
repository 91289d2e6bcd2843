"""Bodies: matching names on import, aliases, levels, re-parenting and merging (reviewers only)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from ....errors import CorpusConflictError
from .. import names
from ..models import (
    Body,
    BodyAlias,
    Level,
)
from .common import User, require
from .series import run_series_checks


def find_body(name: str) -> Body | None:
    """The body known by ``name`` (any spelling that normalizes the same), if any."""
    alias = BodyAlias.objects.select_related("body").filter(normalized=names.normalize(name)).first()
    return alias.body if alias else None


@transaction.atomic
def match_body(name: str) -> Body:
    """The body known by ``name``, created (level guessed from the name) when new."""
    return match_bodies([name])[name]


def match_bodies(spellings: Iterable[str]) -> dict[str, Body]:
    """The body of each name, new ones created: one query and two bulk inserts for any number.

    Runs inside the caller's transaction (import chunks); names that normalize
    alike share one new body, shown under the first spelling met.
    """
    keys = {name: names.normalize(name) for name in spellings}
    found = {
        a.normalized: a.body
        for a in BodyAlias.objects.select_related("body").filter(normalized__in=set(keys.values()))
    }
    shown: dict[str, str] = {}
    for name, key in keys.items():
        if key not in found:
            shown.setdefault(key, names.clean(name))
    created = Body.objects.bulk_create(
        [Body(name=n, normalized=k, level=names.guess_level(n)) for k, n in shown.items()]
    )
    BodyAlias.objects.bulk_create([BodyAlias(body=b, name=b.name, normalized=b.normalized) for b in created])
    found.update((b.normalized, b) for b in created)
    return {name: found[key] for name, key in keys.items()}


def add_alias(body: Body, name: str) -> None:
    """Let ``name`` match ``body`` from now on."""
    key = names.normalize(name)
    owner = find_body(name)
    if owner is not None and owner.pk != body.pk:
        raise CorpusConflictError(
            f"名称“{name}”已属于 {owner.name} / the name already belongs to {owner.name}"
        )
    BodyAlias.objects.get_or_create(normalized=key, defaults={"body": body, "name": names.clean(name)})


@transaction.atomic
def set_level(body: Body, level: Level | str, user: User | None) -> Body:
    """Correct the level guessed from the name."""
    require(user, "change_body")
    body.level = Level(level)
    body.level_confirmed = True
    body.save(update_fields=["level", "level_confirmed", "updated"])
    return body


@transaction.atomic
def reparent(body: Body, parent: Body | None, user: User | None) -> Body:
    """Put ``body`` under ``parent`` (or at the top); refuses a cycle."""
    require(user, "change_body")
    node = parent
    while node is not None:
        if node.pk == body.pk:
            raise CorpusConflictError(f"{parent} 是 {body} 的下级，不能作为其上级 / that would make a cycle")
        node = node.parent
    body.parent = parent
    body.save(update_fields=["parent", "updated"])
    return body


@transaction.atomic
def merge_bodies(keep: Body, other: Body, user: User | None) -> Body:
    """Fold ``other`` into ``keep``: its names, reports and children move; ``other`` goes."""
    require(user, "change_body")
    if keep.pk == other.pk:
        raise CorpusConflictError("不能与自身合并 / cannot merge a body with itself")
    clash = sorted(
        set(keep.reports.values_list("year", flat=True)) & set(other.reports.values_list("year", flat=True))
    )
    if clash:
        years = "、".join(map(str, clash))
        raise CorpusConflictError(
            f"{keep.name} 与 {other.name} 在 {years} 年度都有年报，无法合并 / both have reports for {clash}"
        )
    BodyAlias.objects.filter(body=other).update(body=keep)
    other.reports.update(body=keep)
    other.children.exclude(pk=keep.pk).update(parent=keep)
    if keep.parent_id == other.pk:
        keep.parent = other.parent
        keep.save(update_fields=["parent", "updated"])
    other.delete()
    run_series_checks([keep.pk])
    return keep

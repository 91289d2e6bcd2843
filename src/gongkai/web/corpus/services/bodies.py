"""Bodies: matching names on import, aliases, levels, re-parenting and merging (reviewers only)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping

from django.db import transaction
from django.db.models import Q, QuerySet

from ....errors import CorpusConflictError
from .. import names
from ..models import (
    Body,
    BodyAlias,
    Level,
    Report,
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
    return match_bodies({name: ()})[name]


def match_bodies(years: Mapping[str, Collection[int]]) -> dict[str, Body]:
    """The body of each name (whose reports are on ``years[name]``), new ones created.

    A name matches by its normalized key; failing that, by the key without its
    region (宁波市江北区慈城镇人民政府, 江北区慈城镇 and 慈城镇人民政府 are one body)
    when exactly one body fits: every name it has there in the same region
    chain, and no report on the same years. The spelling becomes an alias, and
    a body known by a shorter name takes the fuller one. Runs inside the
    caller's transaction (import chunks): two queries and bulk inserts for any
    number of names.
    """
    keys = {name: names.normalize(name) for name in years}
    found = {
        a.normalized: a.body
        for a in BodyAlias.objects.select_related("body").filter(normalized__in=set(keys.values()))
    }
    shown: dict[str, str] = {}
    wanted: dict[str, set[int]] = defaultdict(set)
    for name, key in keys.items():
        if key not in found:
            shown.setdefault(key, names.clean(name))
            wanted[key].update(years[name])
    if shown:
        found.update(_match_by_local_name(shown, wanted))
    return {name: found[key] for name, key in keys.items()}


def _match_by_local_name(shown: dict[str, str], wanted: dict[str, set[int]]) -> dict[str, Body]:
    """The bodies of keys not known as such (see :func:`match_bodies`), matched or created."""
    local = {key: names.local(key) for key in shown}
    same: dict[int, Body] = {}  # one instance per stored body
    candidates: dict[str, list[tuple[str, Body]]] = defaultdict(list)  # local name → (key, body)
    for a in BodyAlias.objects.filter(
        local__in=set(local.values()), body_id__in=_near(shown, local).values("body_id")
    ).select_related("body"):
        candidates[a.local].append((a.normalized, same.setdefault(a.body_id, a.body)))
    taken: dict[int, set[int]] = defaultdict(set)  # id() of a body → years it has reports for
    for body_id, year in Report.objects.filter(body_id__in=list(same)).values_list("body_id", "year"):
        taken[id(same[body_id])].add(year)
    out: dict[str, Body] = {}
    created: list[Body] = []
    renamed: list[Body] = []
    for key, name in shown.items():
        spellings: dict[int, tuple[Body, list[str]]] = {}
        for other, body in candidates[local[key]]:
            spellings.setdefault(id(body), (body, []))[1].append(other)
        fits = [
            body
            for body, others in spellings.values()
            if all(names.same_region(o, key) for o in others) and not taken[id(body)] & wanted[key]
        ]
        if len(fits) == 1:
            body = fits[0]
            if len(names.region(key)) > len(names.region(names.normalize(body.name))):
                body.name = name
                renamed.append(body)
        else:
            body = Body(name=name, normalized=key, level=names.guess_level(name))
            created.append(body)
        candidates[local[key]].append((key, body))
        taken[id(body)] |= wanted[key]
        out[key] = body
    Body.objects.bulk_create(created)
    BodyAlias.objects.bulk_create(
        [BodyAlias(body=body, name=shown[key], normalized=key, local=local[key]) for key, body in out.items()]
    )
    for body in renamed:
        if body.pk is not None:
            body.save(update_fields=["name", "updated"])
    return out


def _near(shown: dict[str, str], local: dict[str, str]) -> QuerySet[BodyAlias]:
    """The aliases that may share a region chain with a key: the only bodies it can match.

    Many places share a local name (城关镇 is in hundreds of counties), so the
    rest are left in the database: a key's region ends theirs (they end with the
    key) or theirs ends the key's (they are one of its shorter forms).
    """
    q = Q(pk__in=[])
    for key in shown:
        region = names.region(key)
        shorter = ["".join(region[i:]) + local[key] for i in range(len(region) + 1)]
        q |= Q(local=local[key]) & (Q(normalized__in=shorter) | Q(normalized__endswith=key))
    return BodyAlias.objects.filter(q)


def add_alias(body: Body, name: str) -> None:
    """Let ``name`` match ``body`` from now on."""
    key = names.normalize(name)
    owner = find_body(name)
    if owner is not None and owner.pk != body.pk:
        raise CorpusConflictError(
            f"名称“{name}”已属于 {owner.name} / the name already belongs to {owner.name}"
        )
    BodyAlias.objects.get_or_create(
        normalized=key, defaults={"body": body, "name": names.clean(name), "local": names.local(key)}
    )


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

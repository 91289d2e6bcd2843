"""The template's arithmetic identities (T3.1–T3.3, T4.1), evaluated only where every term is present.

An instance with a blank term is never computed with zeros: the blanks are
reported as ``identity-not-assessable`` (once per identity, naming every
instance and blank cell), and not at all inside a table that is blank as a
whole, which ``blank-table`` already says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import repeat
from operator import call
from typing import Any, cast

from ..model import Finding, Value
from .catalogue import CATALOGUE, Text, identity_code
from .plan import IdentityPlan, Plan
from .wording import cell_text, listing, number


def check_identities(
    plan: Plan, values: Sequence[Value], blank_tables: frozenset[str], lang: str
) -> list[Finding]:
    sums = _sums(plan, values)
    if sums is not None:  # no blank term anywhere: compare all instances at once
        lhs, rhs = sums
        if lhs == rhs:
            return []
        return [
            _failure(ident, left, right, lang)
            for ident, left, right in zip(plan.identities, lhs, rhs, strict=True)
            if left != right
        ]
    out: list[Finding] = []
    unassessable: dict[str, list[IdentityPlan]] = {}
    for ident in plan.identities:
        one = _sums_of(ident, values)
        if one is None:
            if ident.table not in blank_tables:
                unassessable.setdefault(ident.identity.code, []).append(ident)
        elif one[0] != one[1]:
            out.append(_failure(ident, one[0], one[1], lang))
    for instances in unassessable.values():
        out.append(_not_assessable(plan, values, instances, lang))
    return out


_sum = cast(Callable[[Sequence[Value]], int], sum)  # raises TypeError on a blank


def _sums(plan: Plan, values: Sequence[Value]) -> tuple[list[int], list[int]] | None:
    """Both sides of every instance, summed in C; None when some term is blank."""
    try:
        return (
            list(map(_sum, map(call, plan.lhs, repeat(values)))),
            list(map(_sum, map(call, plan.rhs, repeat(values)))),
        )
    except TypeError:  # sum() met a blank
        return None


def _sums_of(ident: IdentityPlan, values: Sequence[Value]) -> tuple[int, int] | None:
    try:
        return _sum(ident.lhs(values)), _sum(ident.rhs(values))
    except TypeError:
        return None


def _failure(ident: IdentityPlan, lhs: int, rhs: int, lang: str) -> Finding:
    n = len(ident.identity.lhs)
    detail: dict[str, Any] = {
        "identity": ident.identity.code,
        "scope": ident.identity.scope,
        "lhs": lhs,
        "rhs": rhs,
        "difference": lhs - rhs,
        "lhs_cells": list(ident.keys[:n]),
        "rhs_cells": list(ident.keys[n:]),
    }
    return CATALOGUE[identity_code(ident.identity.code)].make(
        ident.keys,
        lang=lang,
        detail=detail,
        scope=ident.scope,
        total=ident.total,
        lhs=number(lhs),
        rhs=number(rhs),
        diff=number(abs(lhs - rhs)),
    )


def _not_assessable(plan: Plan, values: Sequence[Value], instances: list[IdentityPlan], lang: str) -> Finding:
    identity = instances[0].identity
    blanks: dict[str, None] = {}
    for ident in instances:
        blanks.update((k, None) for k in ident.keys if values[plan.index[k]] is None)
    title = CATALOGUE[identity_code(identity.code)]
    return CATALOGUE["identity-not-assessable"].make(
        blanks,
        lang=lang,
        detail={
            "identity": identity.code,
            "scopes": [i.identity.scope for i in instances],
            "blank_cells": list(blanks),
        },
        identity=Text(f"{identity.code}（{title.title}）", f"{identity.code} ({title.title_en})"),
        instances=listing([i.scope for i in instances]),
        blanks=listing([cell_text(plan.template.cells[k]) for k in blanks]),
    )

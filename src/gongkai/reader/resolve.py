"""Stage 6: run-together digits → numbers, settled by the row's width and the identities.

A crawler that drops cell separators turns 77 | 132 | 470 into ``77132470``.
Given such a run and the number of cells it must fill, every split into that
many numbers (no leading zeros) is a candidate. Candidates are kept only if
they satisfy the identities that lie inside the row (T3.2: 总计 = the six
applicant columns; T4.1: each 总计 = its four outcomes); rows still open are
then tried together against the identities across rows (T3.1, T3.3). A run
is read only when exactly one reading survives; otherwise its cells stay
blank and the finding says how many readings were possible.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Value
from ..templates import Identity, Template
from .numbers import clean
from .tables import RowPlacement

_ONE_DIGIT = "每格一位数字 / one digit per cell"
_IN_ROW = "行内勾稽关系 (T3.2/T4.1) / the row's identity"
_ACROSS = "跨行勾稽关系 (T3.1/T3.3) / identities across rows"
_NODE_LIMIT = 8_000  # search steps per document
_MAX_DIGITS = 8  # no count in these tables reaches 100,000,000
_COMBO_LIMIT = 20_000


class _TooMany(Exception):
    """The search space of a run is too large to settle."""


@dataclass(frozen=True)
class RunReading:
    """The settled reading of a run-together row, or why it stays open."""

    keys: tuple[str, ...]
    values: tuple[int, ...] | None
    raw: str
    candidates: int  # readings consistent with the identities (-1: too many to count)
    how: str = ""


Constraint = tuple[list[int], list[int]]  # positions whose sums must be equal


class _Splitter:
    """Every way to cut digit segments into ``width`` numbers that meets the constraints.

    A number has at most ``_MAX_DIGITS`` digits; ``budget`` (shared by all the
    runs of a document) bounds the search, so a garbled page cannot hang it.
    """

    def __init__(
        self, segments: list[str], width: int, constraints: list[Constraint], budget: list[int]
    ) -> None:
        self.segments = segments
        self.width = width
        self.checks: dict[int, list[Constraint]] = {}
        for lhs, rhs in constraints:
            self.checks.setdefault(max(lhs + rhs), []).append((lhs, rhs))
        self.rest = [sum(len(x) for x in segments[k + 1 :]) for k in range(len(segments))]
        self.prefix: list[int] = []
        self.budget = budget
        self.found: list[list[int]] = []

    def run(self) -> list[list[int]]:
        if sum(map(len, self.segments)) > self.width * _MAX_DIGITS:
            return []
        self._walk(0, 0)
        return self.found

    def _ok(self) -> bool:
        p = self.prefix
        for lhs, rhs in self.checks.get(len(p) - 1, ()):
            if sum(p[i] for i in lhs) != sum(p[i] for i in rhs):
                return False
        return True

    def _walk(self, seg: int, pos: int) -> None:
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise _TooMany
        if seg == len(self.segments):
            if len(self.prefix) == self.width:
                self.found.append(list(self.prefix))
            return
        s = self.segments[seg]
        slots_after = self.width - len(self.prefix) - 1
        shortest = max(pos + 1, len(s) + self.rest[seg] - slots_after * _MAX_DIGITS)  # digits left must fit
        longest = min(len(s), pos + _MAX_DIGITS, len(s) + self.rest[seg] - slots_after)  # and fill every cell
        if s[pos] == "0":
            longest = min(longest, pos + 1)  # no leading zeros
        for end in range(shortest, longest + 1):
            left = len(s) - end
            if left == 0 and slots_after < len(self.segments) - seg - 1:
                continue  # every later segment needs a cell of its own
            self.prefix.append(int(s[pos:end]))
            if self._ok():
                if left == 0:
                    self._walk(seg + 1, 0)
                elif len(self.prefix) < self.width:
                    self._walk(seg, end)
            self.prefix.pop()


def _splits(
    segments: list[str], width: int, constraints: list[Constraint], budget: list[int] | None = None
) -> list[list[int]]:
    return _Splitter(segments, width, constraints, budget if budget is not None else [_NODE_LIMIT]).run()


def _holds(identity: Identity, values: dict[str, Value]) -> bool | None:
    terms = [values.get(k) for k in identity.lhs + identity.rhs]
    if any(t is None for t in terms):
        return None
    left = sum(values[k] or 0 for k in identity.lhs)
    right = sum(values[k] or 0 for k in identity.rhs)
    return left == right


def resolve_runs(rows: list[RowPlacement], known: dict[str, Value], template: Template) -> list[RunReading]:
    """Settle every run-together row that the identities settle; report the others."""
    pending: list[tuple[RowPlacement, tuple[str, ...], list[list[int]] | None]] = []
    budget = [_NODE_LIMIT]
    for rp in rows:
        if rp.placement.run is None:
            continue
        keys = tuple(f"{rp.prefix}.{c}" for c in rp.columns)
        position = {k: i for i, k in enumerate(keys)}
        inside = [
            ([position[k] for k in ident.lhs], [position[k] for k in ident.rhs])
            for ident in template.identities
            if all(k in position for k in ident.lhs + ident.rhs)
        ]
        segments = [clean(t.text) for t in rp.placement.run]
        try:
            cands: list[list[int]] | None = _splits(segments, len(keys), inside, budget)
        except _TooMany:
            cands = None
        pending.append((rp, keys, cands))

    readings: list[RunReading] = []
    settled = dict(known)
    for _, keys, cands in pending:
        if cands is not None and len(cands) == 1:
            settled.update(zip(keys, cands[0], strict=True))
    open_rows = [(rp, keys, c) for rp, keys, c in pending if c is not None and len(c) > 1]
    joint: dict[str, list[int]] = {}
    for component in _components(open_rows, template):
        joint.update(_joint(component, settled, template) or {})
    for rp, keys, cands in pending:
        raw = " ".join(t.text for t in rp.placement.run or ())
        if cands is None:
            readings.append(RunReading(keys, None, raw, -1))
        elif len(cands) == 1:
            digits = sum(len(clean(t.text)) for t in rp.placement.run or ())
            how = _ONE_DIGIT if digits == len(keys) else _IN_ROW
            readings.append(RunReading(keys, tuple(cands[0]), raw, 1, how))
        elif rp.prefix in joint:
            readings.append(RunReading(keys, tuple(joint[rp.prefix]), raw, 1, _ACROSS))
        else:
            readings.append(RunReading(keys, None, raw, len(cands)))
    return readings


Pending = tuple[RowPlacement, tuple[str, ...], list[list[int]] | None]


def _components(open_rows: Sequence[Pending], template: Template) -> list[list[Pending]]:
    """Open rows grouped by the identities that tie them together; rows no identity touches are left out."""
    groups: list[tuple[set[str], list[Pending]]] = []
    for row in open_rows:
        keys = set(row[1])
        reach = set(keys)
        for ident in template.identities:
            terms = set(ident.lhs + ident.rhs)
            if terms & keys:
                reach |= terms
        if reach == keys:
            continue  # no identity reaches this row: nothing can settle it
        merged = [g for g in groups if g[0] & reach]
        for g in merged:
            groups.remove(g)
        groups.append((reach.union(*(g[0] for g in merged)), [r for g in merged for r in g[1]] + [row]))
    return [rows for _, rows in groups]


def _joint(
    open_rows: Sequence[Pending],
    known: dict[str, Value],
    template: Template,
) -> dict[str, list[int]] | None:
    """The one combination of open rows' readings that satisfies every identity, if exactly one does."""
    sizes = [len(c or ()) for _, _, c in open_rows]
    total = 1
    for s in sizes:
        total *= s
    if total > _COMBO_LIMIT:
        return None
    keys_open = {k for _, keys, _ in open_rows for k in keys}
    relevant = [i for i in template.identities if keys_open & set(i.lhs + i.rhs)]
    winners: list[tuple[list[int], ...]] = []
    for combo in itertools.product(*(c or [] for _, _, c in open_rows)):
        values = dict(known)
        for (_, keys, _), vals in zip(open_rows, combo, strict=True):
            values.update(zip(keys, vals, strict=True))
        if all(_holds(i, values) is not False for i in relevant):
            winners.append(combo)
            if len(winners) > 1:
                return None
    if len(winners) != 1:
        return None
    return {rp.prefix: list(vals) for (rp, _, _), vals in zip(open_rows, winners[0], strict=True)}

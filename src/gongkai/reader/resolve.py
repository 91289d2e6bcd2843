"""Stage 6: rows whose cells are not one per column → numbers, settled by the identities.

A crawler that drops cell separators turns 77 | 132 | 470 into ``77132470``;
one that drops empty cells prints (empty, 2, empty, 3) as ``2 | 3`` and
nothing after. Every reading of such a row is a candidate: each run split into
numbers (no leading zeros), the numbers placed in the row's columns in order,
and — where the row may hold empty cells — the columns left over empty.
Candidates are kept only if they satisfy the identities inside the row (T3.2:
总计 = the six applicant columns; T4.1: each 总计 = its four outcomes), an
empty cell counted as 0 (the finding says so); rows still open are then
narrowed by the identities across rows (T3.1, T3.3): a reading goes where an
identity cannot hold with the values settled and the range the other open
rows' readings leave each cell; what is still open is tried together. A row is read when
one reading survives; otherwise the cells that every surviving reading gives
alike are read (the 总计 of a row whose applicant columns are unclear), and
the rest stay blank with a finding that says how many readings were possible.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..model import Value
from ..templates import Identity, Template, get_template
from .numbers import clean, parse_number
from .tables import RowPlacement
from .tokens import Token

_ONE_DIGIT = "每格一位数字（该行以0填写空项）/ one digit per cell (the row writes its zeros)"
_IN_ROW = "行内勾稽关系 (T3.2/T4.1) / the row's identity"
_ACROSS = "跨行勾稽关系 (T3.1/T3.3) / identities across rows"
_BLANK_AS_ZERO = "，空白按0计 / blanks counted as 0"
_AGREE = "所有可能读法一致 / every possible reading agrees"
_NODE_LIMIT = 8_000  # search steps per document
_ROW_LIMIT = 3_000  # and per row
_FEW_PLACEMENTS = 400  # cells that cannot be split are placed by trying every choice of columns
_MAX_DIGITS = 8  # no count in these tables reaches 100,000,000
_COMBO_LIMIT = 20_000
_NARROW_LIMIT = 5_000  # readings of open rows narrowed together by the identities across rows
_ZERO_SHARE = 0.3  # of a table's digits: zeros written as cells (in counts alone about one digit in ten)


class _TooMany(Exception):
    """The search space of a run is too large to settle."""


Cellish = int | Token | None  # a split-off number, a value token as written, or an empty cell
Segment = str | Token  # digits that may hold several cells, or one value as written


@dataclass(frozen=True)
class RunReading:
    """What the identities settle of a row whose cells are not one per column, and what stays open.

    ``values`` gives every column's cell (None: empty) when anything is settled;
    the columns in ``open`` are not settled and stay blank. ``gaps``: the row
    shows fewer cells than columns (empty cells dropped), rather than digits
    run together.
    """

    keys: tuple[str, ...]
    values: tuple[Cellish, ...] | None
    raw: str
    candidates: int  # readings consistent with the identities (-1: too many to count)
    how: str = ""
    gaps: bool = False
    open: tuple[str, ...] = ()


Constraint = tuple[tuple[int, ...], tuple[int, ...]]  # positions whose sums must be equal


def _size(segment: Segment) -> int:
    return len(segment) if isinstance(segment, str) else _MAX_DIGITS


def _number(cell: Cellish) -> int | Decimal:
    """A cell's value for the identities: an empty cell counts as 0 (the reading says so)."""
    if cell is None or isinstance(cell, int):
        return cell or 0
    return parse_number(cell.text).value or 0


class _Splitter:
    """Every way to cut digit segments into ``width`` cells that meets the constraints.

    A number has at most ``_MAX_DIGITS`` digits; an atomic segment (a signed
    or decimal value, 无) is one number as written. With ``blanks`` a cell may
    also be empty (``None``; 0 in the constraints): a crawler that drops empty
    cells runs the others together, or moves them to the front. ``budget``
    (shared by all the runs of a document) bounds the search, so a garbled page
    cannot hang it.
    """

    def __init__(
        self,
        segments: list[Segment],
        width: int,
        constraints: Sequence[Constraint],
        budget: list[int],
        blanks: bool = False,
    ) -> None:
        self.segments = segments
        self.width = width
        self.blanks = blanks
        self.checks: dict[int, list[Constraint]] = {}
        for lhs, rhs in constraints:
            self.checks.setdefault(max(lhs + rhs), []).append((lhs, rhs))
        self.rest = [sum(_size(x) for x in segments[k + 1 :]) for k in range(len(segments))]
        self.prefix: list[Cellish] = []
        self.budget = budget
        self.found: list[list[Cellish]] = []

    def run(self) -> list[list[Cellish]]:
        if sum(map(_size, self.segments)) > self.width * _MAX_DIGITS:
            return []
        self._walk(0, 0)
        return self.found

    def _push(self, cell: Cellish, seg: int, pos: int) -> None:
        self.prefix.append(cell)
        checks = self.checks.get(len(self.prefix) - 1)
        if checks is None or _meets(self.prefix, checks):
            self._walk(seg, pos)
        self.prefix.pop()

    def _walk(self, seg: int, pos: int) -> None:
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise _TooMany
        slots = self.width - len(self.prefix)
        if seg == len(self.segments):
            if slots == 0:
                self.found.append(list(self.prefix))
            elif self.blanks:
                self._push(None, seg, pos)
            return
        if slots == 0:
            return
        pieces = len(self.segments) - seg  # each segment left needs a cell of its own
        if self.blanks and slots > pieces:
            self._push(None, seg, pos)
        s = self.segments[seg]
        if isinstance(s, str):
            self._take(s, seg, pos, slots - 1)
        else:
            self._push(s, seg + 1, 0)

    def _take(self, s: str, seg: int, pos: int, slots_after: int) -> None:
        """Every next number cut from the digits ``s[pos:]``."""
        shortest = max(pos + 1, len(s) + self.rest[seg] - slots_after * _MAX_DIGITS)  # digits left must fit
        longest = min(len(s), pos + _MAX_DIGITS)
        if not self.blanks:  # and fill every cell
            longest = min(longest, len(s) + self.rest[seg] - slots_after)
        if s[pos] == "0":
            longest = min(longest, pos + 1)  # no leading zeros
        for end in range(shortest, longest + 1):
            left = len(s) - end
            if left == 0 and slots_after < len(self.segments) - seg - 1:
                continue  # every later segment needs a cell of its own
            if left == 0:
                self._push(int(s[pos:end]), seg + 1, 0)
            elif slots_after:
                self._push(int(s[pos:end]), seg, end)


def _splits(
    segments: list[Segment],
    width: int,
    constraints: Sequence[Constraint],
    budget: list[int] | None = None,
    blanks: bool = False,
) -> list[list[Cellish]]:
    budget = [_NODE_LIMIT] if budget is None else budget
    few = math.comb(width, len(segments)) <= _FEW_PLACEMENTS
    if blanks and few and all(not isinstance(x, str) or len(x) == 1 for x in segments):
        cells: list[Cellish] = [x if not isinstance(x, str) else int(x) for x in segments]
        return _placements(cells, width, constraints, budget)
    if len(segments) == 1 and isinstance(segments[0], str) and _row_sum(width, constraints):
        return _summed_splits(segments[0], width, budget, blanks)
    return _Splitter(segments, width, constraints, budget, blanks).run()


def _row_sum(width: int, constraints: Sequence[Constraint]) -> bool:
    """Whether the only constraint is that the last cell is the sum of the others (T3.2, T4.1)."""
    if len(constraints) != 1:
        return False
    lhs, rhs = constraints[0]
    last, others = (width - 1,), tuple(range(width - 1))
    return (lhs, tuple(sorted(rhs))) == (last, others) or (rhs, tuple(sorted(lhs))) == (last, others)


def _summed_splits(digits: str, width: int, budget: list[int], blanks: bool) -> list[list[Cellish]]:
    """Every reading of one run of digits whose last cell is the sum of the others.

    The total is a tail of the digits; the rest is cut into numbers that add
    up to it, which bounds the search by the sum, so the readings with empty
    cells (each cut placed in the columns in every order-keeping way) are
    found where the search cell by cell would run out of steps.
    """
    found: list[list[Cellish]] = []
    slots = width - 1
    tails: list[tuple[str, int | None]] = [
        (digits[:-k], int(digits[-k:]))
        for k in range(1, min(_MAX_DIGITS, len(digits)) + 1)
        if k == 1 or digits[-k] != "0"  # no leading zeros
    ]
    if blanks:
        tails.append((digits, None))  # an empty total: the others add up to 0
    for head, total in tails:
        for parts in _cuts(head, total or 0, slots, budget):
            if len(parts) == slots:
                found.append([*parts, total])
            elif blanks:
                budget[0] -= math.comb(slots, len(parts))
                if budget[0] < 0:
                    raise _TooMany
                for columns in itertools.combinations(range(slots), len(parts)):
                    row = _spread(width, columns, parts)
                    row[-1] = total
                    found.append(row)
    return found


def _cuts(digits: str, total: int, most: int, budget: list[int]) -> list[list[int]]:
    """Every cut of the digits into at most ``most`` numbers (no leading zeros) that add up to ``total``."""
    out: list[list[int]] = []
    cut: list[int] = []

    def walk(pos: int, left: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            raise _TooMany
        if pos == len(digits):
            if left == 0:
                out.append(list(cut))
            return
        if len(cut) == most:
            return
        longest = 1 if digits[pos] == "0" else min(_MAX_DIGITS, len(digits) - pos)
        for end in range(pos + 1, pos + longest + 1):
            n = int(digits[pos:end])
            if n > left:
                break
            cut.append(n)
            walk(end, left - n)
            cut.pop()

    walk(0, total)
    return out


def _placements(
    cells: list[Cellish], width: int, constraints: Sequence[Constraint], budget: list[int]
) -> list[list[Cellish]]:
    """Every placement of cells that cannot be split into ``width`` columns, in order, the rest empty
    (the search without its pruning, faster where the choices are few)."""
    found: list[list[Cellish]] = []
    budget[0] -= math.comb(width, len(cells))
    if budget[0] < 0:
        raise _TooMany
    for columns in _passing(tuple(_number(c) for c in cells), width, tuple(constraints)):
        found.append(_spread(width, columns, cells))
    return found


def _spread(width: int, columns: Sequence[int], cells: Sequence[Cellish]) -> list[Cellish]:
    """A row of ``width`` cells with ``cells`` in ``columns`` and the others empty."""
    row: list[Cellish] = [None] * width
    for column, cell in zip(columns, cells, strict=True):
        row[column] = cell
    return row


@lru_cache(maxsize=1024)
def _passing(
    numbers: tuple[int | Decimal, ...], width: int, constraints: tuple[Constraint, ...]
) -> tuple[tuple[int, ...], ...]:
    """The choices of columns for ``numbers`` (in order, the rest 0) that meet the constraints."""
    found = []
    for columns in itertools.combinations(range(width), len(numbers)):
        sums: list[int | Decimal] = [0] * width
        for column, n in zip(columns, numbers, strict=True):
            sums[column] = n
        if all(sum([sums[i] for i in lhs]) == sum([sums[i] for i in rhs]) for lhs, rhs in constraints):
            found.append(columns)
    return tuple(found)


def _meets(row: list[Cellish], constraints: Sequence[Constraint]) -> bool:
    """Whether the (partly filled) row meets the constraints, an empty cell counted as 0."""
    return all(
        sum(map(_number, (row[i] for i in lhs))) == sum(map(_number, (row[i] for i in rhs)))
        for lhs, rhs in constraints
    )


def _holds(identity: Identity, values: dict[str, Value]) -> bool | None:
    terms = [values.get(k) for k in identity.lhs + identity.rhs]
    if any(t is None for t in terms):
        return None
    left = sum(values[k] or 0 for k in identity.lhs)
    right = sum(values[k] or 0 for k in identity.rhs)
    return left == right


@lru_cache(maxsize=512)
def _inside(template_id: str, keys: tuple[str, ...]) -> tuple[Constraint, ...]:
    """The identities that lie inside a row, as positions in ``keys``."""
    position = {k: i for i, k in enumerate(keys)}
    return tuple(
        (tuple(position[k] for k in ident.lhs), tuple(position[k] for k in ident.rhs))
        for ident in get_template(template_id).identities
        if all(k in position for k in ident.lhs + ident.rhs)
    )


def _segments(rp: RowPlacement, zeros_written: bool, dropped: bool) -> tuple[list[Segment], bool]:
    """The row's cells as search segments, and whether some of its cells may be empty.

    Digits are split only in a run (``7000007``) or a lone token; other values
    are taken as written. Empty cells are read only where the row's cells
    cannot fill it, or where they would make one digit of each cell
    (``419`` for three columns: 4/1/9, or 41/9 and an empty cell, …) and the
    row does not write its zeros (a cell that is 0, or digits starting with 0),
    or where the digits are more than the cells but the table never writes a
    zero (``zeros_written``; 16262435101 may be blank/16/26/24/35/blank/101)
    or another row of it shows cells written apart that lost their empty
    neighbours (``dropped``: 109 may be 10/9 or 109 and an empty cell):
    an office that writes 0 does not leave cells blank.
    """
    tokens = rp.placement.run or []
    split = not rp.placement.gaps or len(tokens) == 1
    segments: list[Segment] = [
        clean(t.text) if split and clean(t.text).isascii() and clean(t.text).isdigit() else t for t in tokens
    ]
    zeros = any(s.startswith("0") if isinstance(s, str) else _number(s) == 0 for s in segments)
    most = sum(len(s) if isinstance(s, str) else 1 for s in segments)
    width = len(rp.columns)
    return segments, most < width or (not zeros and (most == width or not zeros_written or dropped))


def _zeros_written(rows: list[RowPlacement]) -> set[str]:
    """The tables that write their zeros: a cell that is 0, a run of digits starting with 0, or
    zeros that are a good share of all the digits (10012100010001212), more than numbers hold."""
    digits: dict[str, list[int]] = {}
    out: set[str] = set()
    for rp in rows:
        p = rp.placement
        tokens = rp.read.values if rp.read is not None else [*p.cells.values(), *(p.run or ())]
        counts = digits.setdefault(rp.table, [0, 0])
        for tok in tokens:
            text = clean(tok.text)
            if text.isdigit():
                if text[0] == "0":
                    out.add(rp.table)
                counts[0] += text.count("0")
                counts[1] += len(text)
    return out | {table for table, (zeros, n) in digits.items() if zeros > _ZERO_SHARE * n}


def resolve_runs(rows: list[RowPlacement], known: dict[str, Value], template: Template) -> list[RunReading]:
    """Settle what the identities settle of every row left to them; report the rest."""
    pending: list[Pending] = []
    budget = [_NODE_LIMIT]
    blank_rows: set[str] = set()
    runs = [rp for rp in rows if rp.placement.run is not None]
    more = any(sum(len(t.text) for t in rp.placement.run or ()) > len(rp.columns) for rp in runs)
    zeros = _zeros_written(rows) if more else set()  # needed only where digits outnumber the cells
    dropped = {rp.table for rp in rows if rp.placement.gaps and len(rp.placement.run or ()) > 1}
    for rp in rows:
        if rp.placement.run is None:
            continue
        keys = tuple(f"{rp.prefix}.{c}" for c in rp.columns)
        inside = _inside(template.id, keys)
        segments, blanks = _segments(rp, rp.table in zeros, rp.table in dropped)
        if blanks:
            blank_rows.add(rp.prefix)
        share = [min(budget[0], _ROW_LIMIT)]  # one garbled row cannot use up the others' search
        try:
            cands: list[list[Cellish]] | None = _splits(segments, len(keys), inside, share, blanks)
        except _TooMany:
            cands = None
        budget[0] -= min(budget[0], _ROW_LIMIT) - max(share[0], 0)
        pending.append((rp, keys, cands))

    readings: list[RunReading] = []
    settled = dict(known)
    for _, keys, cands in pending:
        if cands is not None and len(cands) == 1:
            settled.update(zip(keys, map(_number, cands[0]), strict=True))
    pending, joint, open_rows = _narrow_all(pending, settled, template)
    for component in _components(open_rows, template):
        joint.update(_joint(component, settled, template) or {})
    for rp, keys, cands in pending:
        raw = " ".join(t.text for t in rp.placement.run or ())
        gaps = rp.placement.gaps
        zero = _BLANK_AS_ZERO if rp.prefix in blank_rows else ""
        if cands is None:
            readings.append(RunReading(keys, None, raw, -1, gaps=gaps, open=keys))
        elif rp.prefix in joint:
            readings.append(RunReading(keys, tuple(joint[rp.prefix]), raw, 1, _ACROSS + zero, gaps))
        elif len(cands) == 1:
            one_digit = all(isinstance(c, int) and c < 10 for c in cands[0]) and rp.prefix not in blank_rows
            how = _ONE_DIGIT if one_digit and not gaps else _IN_ROW + zero
            readings.append(RunReading(keys, tuple(cands[0]), raw, 1, how, gaps))
        else:
            readings.append(_agreed(keys, cands, raw, gaps, zero))
    return readings


def _narrow_all(
    pending: list[Pending], settled: dict[str, Value], template: Template
) -> tuple[list[Pending], dict[str, list[Cellish]], list[Pending]]:
    """The rows with their readings narrowed by the identities across rows (``settled`` gains the
    rows left with one), the reading of each row this settled, and the rows still open."""
    open_rows = _open(pending)
    if not open_rows or sum(len(c or ()) for _, _, c in open_rows) > _NARROW_LIMIT:
        return pending, {}, open_rows
    narrowed = _narrowed(open_rows, settled, template)
    if all(len(narrowed[rp.prefix]) == len(c or ()) for rp, _, c in open_rows):
        return pending, {}, open_rows
    across = {prefix: cands[0] for prefix, cands in narrowed.items() if len(cands) == 1}
    for rp, keys, _ in open_rows:
        if rp.prefix in across:
            settled.update(zip(keys, map(_number, across[rp.prefix]), strict=True))
    pending = [(rp, keys, narrowed.get(rp.prefix, c)) for rp, keys, c in pending]
    return pending, across, _open(pending)


def _open(pending: list[Pending]) -> list[Pending]:
    """The rows with several readings that differ in their numbers."""
    return [(rp, keys, c) for rp, keys, c in pending if c is not None and len(c) > 1 and _distinct(c)]


def _distinct(cands: list[list[Cellish]]) -> bool:
    """Whether the readings differ in their numbers, not only in where a 0 sits: only such
    readings can the identities tell apart."""
    first = [_number(c) for c in cands[0]]
    return any([_number(c) for c in cand] != first for cand in cands[1:])


def _agreed(keys: tuple[str, ...], cands: list[list[Cellish]], raw: str, gaps: bool, zero: str) -> RunReading:
    """The cells every remaining reading gives alike (the 总计 of a row whose applicant column is unclear)."""
    if not cands:
        return RunReading(keys, None, raw, 0, gaps=gaps, open=keys)
    first = cands[0]
    same = [len(set(column)) == 1 for column in zip(*cands, strict=True)]  # a token: the same cell
    open_keys = tuple(k for k, ok in zip(keys, same, strict=True) if not ok)
    if len(open_keys) == len(keys) or all(first[i] is None for i, ok in enumerate(same) if ok):
        return RunReading(keys, None, raw, len(cands), gaps=gaps, open=keys)
    return RunReading(keys, tuple(first), raw, len(cands), _AGREE + zero, gaps, open_keys)


Pending = tuple[RowPlacement, tuple[str, ...], list[list[Cellish]] | None]


@lru_cache(maxsize=4)
def _reach(template_id: str) -> dict[str, frozenset[str]]:
    """Each cell key → every term of the identities it is a term of."""
    out: dict[str, set[str]] = {}
    for ident in get_template(template_id).identities:
        terms = set(ident.lhs + ident.rhs)
        for k in terms:
            out.setdefault(k, set()).update(terms)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=256)
def _row_reach(template_id: str, keys: tuple[str, ...]) -> frozenset[str]:
    """A row's keys and every term of the identities they are terms of."""
    return frozenset(keys).union(*(_reach(template_id).get(k, ()) for k in keys))


def _components(open_rows: Sequence[Pending], template: Template) -> list[list[Pending]]:
    """Open rows grouped by the identities that tie them together; rows no identity touches are left out."""
    groups: list[tuple[frozenset[str], list[Pending]]] = []
    for row in open_rows:
        keys = set(row[1])
        reach = _row_reach(template.id, row[1])
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
) -> dict[str, list[Cellish]] | None:
    """The one combination of open rows' readings that satisfies every identity, if exactly one does."""
    sizes = [len(c or ()) for _, _, c in open_rows]
    total = 1
    for s in sizes:
        total *= s
    if total > _COMBO_LIMIT:
        return None
    keys_open = {k for _, keys, _ in open_rows for k in keys}
    relevant = [i for i in template.identities if keys_open & set(i.lhs + i.rhs)]
    winners: list[tuple[list[Cellish], ...]] = []
    for combo in itertools.product(*(c or [] for _, _, c in open_rows)):
        values = dict(known)
        for (_, keys, _), vals in zip(open_rows, combo, strict=True):
            values.update(zip(keys, map(_number, vals), strict=True))
        if all(_holds(i, values) is not False for i in relevant):
            winners.append(combo)
            if len(winners) > 1:
                return None
    if len(winners) != 1:
        return None
    return {rp.prefix: list(vals) for (rp, _, _), vals in zip(open_rows, winners[0], strict=True)}


def _narrowed(
    open_rows: Sequence[Pending], known: dict[str, Value], template: Template
) -> dict[str, list[list[Cellish]]]:
    """Each open row's readings that can still meet every identity across rows, given the range of
    values the other open rows' readings leave each cell (repeated until nothing more drops out).

    Many rows whose empty cells were dropped are open alike; the product of
    their readings is too large to try, but an identity whose other terms are
    settled, or bounded by the other rows' readings, rules most readings out.
    """
    where = {k: (i, j) for i, (_, keys, _) in enumerate(open_rows) for j, k in enumerate(keys)}
    domains = [list(c or ()) for _, _, c in open_rows]
    terms: list[list[tuple[int, str]]] = []
    for ident in template.identities:
        signed = [(1, k) for k in ident.lhs] + [(-1, k) for k in ident.rhs]
        rows = {where[k][0] for _, k in signed if k in where}
        inside = len(rows) == 1 and all(k in where for _, k in signed)  # met by every reading
        if not rows or inside or any(k not in where and known.get(k) is None for _, k in signed):
            continue  # no open row, inside one, or a term nothing settles
        terms.append(signed)
    changed = True
    while changed:
        changed = False
        ranges = [
            [(min(col), max(col)) for col in zip(*[[_number(c) for c in cand] for cand in d], strict=True)]
            for d in domains
        ]
        for i, domain in enumerate(domains):
            mine = [t for t in terms if any(where.get(k, (-1,))[0] == i for _, k in t)]
            if not mine or len(domain) < 2:
                continue
            kept = [cand for cand in domain if all(_can_hold(t, i, cand, where, ranges, known) for t in mine)]
            if kept and len(kept) < len(domain):
                domains[i] = kept
                changed = True
    return {rp.prefix: d for (rp, _, _), d in zip(open_rows, domains, strict=True)}


def _can_hold(
    signed: list[tuple[int, str]],
    row: int,
    cand: list[Cellish],
    where: dict[str, tuple[int, int]],
    ranges: list[list[tuple[int | Decimal, int | Decimal]]],
    known: dict[str, Value],
) -> bool:
    """Whether Σ sign·term can be 0 with ``cand`` in ``row`` and the other open cells in their ranges."""
    low = high = Decimal(0)
    for sign, k in signed:
        at = where.get(k)
        if at is None:
            value = known[k] or 0
            low, high = low + sign * value, high + sign * value
        elif at[0] == row:
            value = _number(cand[at[1]])
            low, high = low + sign * value, high + sign * value
        else:
            a, b = ranges[at[0]][at[1]]
            low, high = (low + a, high + b) if sign > 0 else (low - b, high - a)
    return low <= 0 <= high

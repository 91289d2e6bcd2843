"""Page geometry → lines and tables: the PDF front end's pure stages.

Given characters with boxes and the ruling edges of a page (top-down points),
return text lines, ruled tables and unruled table runs:

* ``lines_of``: characters → lines, by vertical position, left to right;
* ``ruled_tables``: edges → snapped and joined lines → connected frames →
  a grid per frame, where a missing border between two grid positions merges
  them (so row-span labels and 3-column value cells come out as merges);
* ``table_runs``: lines outside ruled tables → runs of lines laid out in
  columns (wide gaps), the shape of a table printed without ruling lines;
* ``run_columns``: a run → columns — value columns from the x-extent of the
  numbers, label columns from the left edges of the text before them.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from dataclasses import dataclass, field

from ..templates import TEMPLATES

Char = tuple[float, float, float, float, str, float]  # x0, top, x1, bottom, text, font size
Edge = tuple[float, float, float]  # position across, start, end along the edge
Box = tuple[float, float, float, float]  # x0, top, x1, bottom

SNAP = 2.0  # points: borders this close are one border
MIN_EDGE = 2.0
_NUMBER = re.compile(r"^[-+−－]?[\d０-９][\d０-９,，.．]*%?$")
_ENUMERATED = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_SECTION_WORDS = tuple({w for t in TEMPLATES.values() for section in t.sections for w in section.core})
_LABEL_HEADS = frozenset(
    b.header for t in TEMPLATES.values() for table in t.tables for b in table.blocks if b.header
)


def _squeezed(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


_ROW_LABELS = frozenset(
    _squeezed("".join(labels[k:]))
    for t in TEMPLATES.values()
    for table in t.tables
    for b in table.blocks
    for row in b.rows
    for labels in ((*row.path, row.label), row.path)
    for k in range(len(labels))
)  # a row's label, or its group's, alone or after the labels of the groups it is in (one cell)


def is_row_label(text: str) -> bool:
    """A row label of the templates (after its group labels, or not), whatever the spacing and punctuation."""
    return _squeezed(text) in _ROW_LABELS


def is_section_heading(text: str) -> bool:
    """二、主动公开政府信息情况 and the like: never a table row."""
    return bool(_ENUMERATED.match(text)) and any(w in text for w in _SECTION_WORDS)


@dataclass
class Line:
    """Characters on one baseline, left to right."""

    chars: list[Char]

    @property
    def box(self) -> Box:
        cs = self.chars
        return (cs[0][0], min(c[1] for c in cs), max(c[2] for c in cs), max(c[3] for c in cs))

    @property
    def top(self) -> float:
        return min(c[1] for c in self.chars)

    @property
    def middle(self) -> float:
        return statistics.fmean((c[1] + c[3]) / 2 for c in self.chars)

    @property
    def size(self) -> float:
        return statistics.median(c[5] for c in self.chars) or 1.0

    def text(self) -> str:
        return text_of(self.chars)

    def segments(self, gap: float) -> list[list[Char]]:
        """Runs of characters separated by more than ``gap`` × font size of white space."""
        out: list[list[Char]] = [[self.chars[0]]]
        for prev, ch in zip(self.chars, self.chars[1:], strict=False):
            if ch[0] - prev[2] > gap * max(ch[5], prev[5], 1.0):
                out.append([ch])
            else:
                out[-1].append(ch)
        return out


def text_of(chars: list[Char]) -> str:
    """Characters of one line → text; a space where the gap is wider than a quarter em."""
    parts: list[str] = []
    prev: Char | None = None
    for ch in chars:
        if prev is not None and ch[0] - prev[2] > 0.25 * max(ch[5], 1.0):
            parts.append(" ")
        parts.append(ch[4])
        prev = ch
    return "".join(parts)


def box_of(chars: list[Char]) -> Box:
    return (
        min(c[0] for c in chars),
        min(c[1] for c in chars),
        max(c[2] for c in chars),
        max(c[3] for c in chars),
    )


def lines_of(chars: list[Char]) -> list[Line]:
    """Cluster characters into lines: a character whose middle lies within 40% of the line height joins it."""
    out: list[Line] = []
    middle = height = 0.0
    for ch in sorted(chars, key=lambda c: (c[1] + c[3]) / 2):
        m, h = (ch[1] + ch[3]) / 2, ch[3] - ch[1]
        if out and abs(m - middle) <= 0.4 * max(height, h, 1.0):
            out[-1].chars.append(ch)
        else:
            out.append(Line([ch]))
            middle, height = m, h
    for line in out:
        line.chars.sort(key=lambda c: c[0])
    return out


def cell_text(chars: list[Char]) -> str:
    """A cell's characters → its lines joined by ``\\n``."""
    return "\n".join(line.text() for line in lines_of(chars))


# -- ruled tables --------------------------------------------------------------------------


def _snap(edges: list[Edge]) -> list[Edge]:
    """Edges within SNAP of each other across their direction share one position (the mean)."""
    out: list[Edge] = []
    group: list[Edge] = []
    for e in sorted(edges):
        if group and e[0] - group[0][0] > SNAP:
            pos = statistics.fmean(g[0] for g in group)
            out.extend((pos, g[1], g[2]) for g in group)
            group = []
        group.append(e)
    if group:
        pos = statistics.fmean(g[0] for g in group)
        out.extend((pos, g[1], g[2]) for g in group)
    return out


def _join(edges: list[Edge]) -> list[Edge]:
    """Collinear edges that touch or nearly touch become one."""
    out: list[Edge] = []
    for pos, start, end in sorted(edges):
        if out and out[-1][0] == pos and start <= out[-1][2] + SNAP:
            if end > out[-1][2]:
                out[-1] = (pos, out[-1][1], end)
        else:
            out.append((pos, start, end))
    return out


def _crosses(h: Edge, v: Edge) -> bool:
    return h[1] - SNAP <= v[0] <= h[2] + SNAP and v[1] - SNAP <= h[0] <= v[2] + SNAP


def _frames(hs: list[Edge], vs: list[Edge]) -> list[tuple[list[Edge], list[Edge]]]:
    """Group horizontal and vertical edges into connected frames (union-find over crossings)."""
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _crosses(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Edge], list[Edge]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


@dataclass
class RuledTable:
    """A ruled table's grid: border positions and, for every grid position, its merged area's anchor."""

    xs: list[float]
    ys: list[float]
    anchor: list[list[tuple[int, int]]]  # [row][col] -> (row, col) of the area's top-left position
    chars: dict[tuple[int, int], list[Char]] = field(default_factory=dict)

    @property
    def box(self) -> Box:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def area(self, r: int, c: int) -> Box:
        """The box of the merged area anchored at (r, c)."""
        rows = [i for i, row in enumerate(self.anchor) if (r, c) in row]
        cols = [j for j, a in enumerate(self.anchor[r]) if a == (r, c)]
        return (self.xs[c], self.ys[r], self.xs[max(cols) + 1], self.ys[max(rows) + 1])

    def take(self, ch: Char) -> bool:
        """File a character under the area that holds its centre; False if it lies outside."""
        cx, cy = (ch[0] + ch[2]) / 2, (ch[1] + ch[3]) / 2
        if not (self.xs[0] < cx < self.xs[-1] and self.ys[0] < cy < self.ys[-1]):
            return False
        c = bisect.bisect_right(self.xs, cx) - 1
        r = bisect.bisect_right(self.ys, cy) - 1
        self.chars.setdefault(self.anchor[r][c], []).append(ch)
        return True


def _covers(edges: list[Edge], pos: float, at: float) -> bool:
    return any(abs(e[0] - pos) <= SNAP and e[1] - SNAP <= at <= e[2] + SNAP for e in edges)


def _distinct(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def ruled_tables(h_edges: list[Edge], v_edges: list[Edge]) -> list[RuledTable]:
    """Ruled tables of a page: frames of at least 2 × 2 grid positions holding at least two areas."""
    hs = _join(_snap([e for e in h_edges if e[2] - e[1] >= MIN_EDGE]))
    vs = _join(_snap([e for e in v_edges if e[2] - e[1] >= MIN_EDGE]))
    tables: list[RuledTable] = []
    for fh, fv in _frames(hs, vs):
        ys, xs = _distinct([h[0] for h in fh]), _distinct([v[0] for v in fv])
        if len(ys) < 3 or len(xs) < 3:
            continue
        table = _grid(xs, ys, fh, fv)
        if len({a for row in table.anchor for a in row}) >= 2:
            tables.append(table)
    return sorted(tables, key=lambda t: t.ys[0])


def _grid(xs: list[float], ys: list[float], hs: list[Edge], vs: list[Edge]) -> RuledTable:
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(n_cols):
            mid_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < n_cols and not _covers(vs, xs[c + 1], mid_y):
                parent[find(r * n_cols + c + 1)] = find(r * n_cols + c)
            if r + 1 < n_rows and not _covers(hs, ys[r + 1], mid_x):
                parent[find((r + 1) * n_cols + c)] = find(r * n_cols + c)
    top_left: dict[int, tuple[int, int]] = {}
    for i in range(n_rows * n_cols):
        root = find(i)
        pos = divmod(i, n_cols)
        if root not in top_left or pos < top_left[root]:
            top_left[root] = pos
    anchor = [[top_left[find(r * n_cols + c)] for c in range(n_cols)] for r in range(n_rows)]
    return RuledTable(xs, ys, anchor)


# -- tables without ruling lines -----------------------------------------------------------

WIDE_GAP = 1.0  # em: white space this wide separates table cells, never words of prose
FINE_GAP = 0.25  # em: inside a table run, adjacent cells may stand this close


def is_tabular(line: Line) -> bool:
    return len(line.segments(WIDE_GAP)) >= 2


def table_runs(lines: list[Line]) -> list[Line | list[Line]]:
    """Lines of a page → single prose lines and runs of table lines, in order.

    A run is at least two lines laid out in columns. Up to eight single-column
    lines without numbers (wrapped labels and heads, block titles, row-group
    labels; heads that fill narrow columns stand closer than the wide gap) belong
    to it when no paragraph gap separates them and a columned line follows — or
    the page ends — unless one reads as a section heading (二、主动公开政府信息情况).
    Lines holding a number (a row with one value, the others blank) do not count
    towards the eight. Up to three lines just above a run are its head.
    """
    if not lines:
        return []
    tabular = [is_tabular(line) for line in lines]
    middles = [line.middle for line in lines]
    pitches = [
        b - a for a, b, ta, tb in zip(middles, middles[1:], tabular, tabular[1:], strict=False) if ta and tb
    ]
    size = statistics.median(ln.size for ln in lines)
    # heads wrapped and centred in cells of different heights interleave, at pitches below a line's
    limit = 2.0 * max(statistics.median(pitches), 1.5 * size) if pitches else 4.0 * size
    out: list[Line | list[Line]] = []
    i = 0
    while i < len(lines):
        if not tabular[i]:
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and middles[j] - middles[j - 1] <= limit:
            if tabular[j]:
                j += 1
                continue
            k, wordy = j, 0
            while k < len(lines) and wordy < 8 and not tabular[k] and middles[k] - middles[k - 1] <= limit:
                if is_section_heading(lines[k].text()):
                    break
                wordy += not _has_number(lines[k])
                k += 1
            if k == len(lines) and k > j:  # the page ends inside the table
                j = k
            elif k < len(lines) and tabular[k] and middles[k] - middles[k - 1] <= limit:
                j = k + 1
            else:
                break
        run = lines[i:j]
        if sum(1 for line in run if is_tabular(line)) >= 2:
            head: list[Line] = []
            while (
                len(head) < 3
                and out
                and isinstance(out[-1], Line)
                and (head or run)[0].middle - out[-1].middle <= limit
                and not is_section_heading(out[-1].text())
            ):
                head.insert(0, out.pop())  # type: ignore[arg-type]
            out.append(head + run)
        else:
            out.extend(run)
        i = j
    return out


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


@dataclass(frozen=True)
class Column:
    """A column of an unruled table: the x-range it owns and whether it holds numbers."""

    x0: float
    x1: float
    values: bool


def run_columns(run: list[Line]) -> list[Column]:
    """Columns of an unruled table.

    Value columns: the x-extents of the numbers, merged where they overlap (numbers
    of a column are centred or right-aligned, so they overlap), each owning the room
    halfway to its neighbours so a wider header above it still falls inside. Label
    columns: everything left of them, split at left edges shared by two or more
    labels of numbered rows (row-group labels stand in their own column, as in
    the ruled form). Where blank cells leave columns without any number, the
    column heads above the first row of numbers name the columns instead.
    """
    segments = [s for line in run for s in line.segments(FINE_GAP)]
    extents: list[list[float]] = []
    for x0, x1 in sorted((s[0][0], s[-1][2]) for s in segments if is_number(text_of(s))):
        if extents and x0 <= extents[-1][1] + 1.0:
            extents[-1][1] = max(extents[-1][1], x1)
        else:
            extents.append([x0, x1])
    extents = _header_columns(_merge_stretched(extents, run), run)
    bounds = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(extents)]
    if extents:
        lead = (bounds[0] - extents[0][1]) if bounds else 10.0
        bounds = [extents[0][0] - lead, *bounds, extents[-1][1] + lead]
    start = bounds[0] if bounds else float("inf")
    numbered = [s for line in run if _has_number(line) for s in line.segments(FINE_GAP)] or segments
    lefts = sorted(s[0][0] for s in numbered if (s[0][0] + s[-1][2]) / 2 < start)
    edges = [x for x in _clusters(lefts) if sum(1 for v in lefts if abs(v - x) <= 3.0) >= 2] or lefts[:1]
    labels = [Column(a, b, False) for a, b in zip(edges, [*edges[1:], start], strict=False)]
    values = [Column(a, b, True) for a, b in itertools.pairwise(bounds)]
    return labels + values


def _header_columns(extents: list[list[float]], run: list[Line]) -> list[list[float]]:
    """Column heads instead of numbers, when the heads show more columns and hold every number.

    A row of numbers with blank cells (表四 of an office with one case) shows
    fewer columns than the table has; the heads above the first row of numbers
    show all of them. Head pieces are gathered bottom-up: a piece over one
    column widens it, a piece over several (行政诉讼, 法人或其他组织) spans them
    and is left out.
    """
    first = next((i for i, line in enumerate(run) if _has_number(line)), None)
    if not extents or not first:
        return extents
    label_ends = [
        seg[-1][2]
        for line in run[first:]
        if _has_number(line)
        for seg in line.segments(FINE_GAP)
        if not is_number(text_of(seg)) and seg[-1][2] <= extents[0][0]
    ]
    # heads stand right of the row labels (a first column may hold no number at all), but the
    # head of the label column itself (信息内容) may stand right of its short labels too
    start = max(label_ends) + 1.0 if label_ends else float("-inf")
    heads: list[list[float]] = []
    for line in reversed(run[:first]):
        for seg in line.segments(FINE_GAP):
            a, b = seg[0][0], seg[-1][2]
            if (a + b) / 2 < start or text_of(seg) in _LABEL_HEADS:
                continue
            hits = [h for h in heads if h[0] - 1.0 <= b and a <= h[1] + 1.0]
            if not hits:
                heads.append([a, b])
            elif len(hits) == 1:
                hits[0][0], hits[0][1] = min(hits[0][0], a), max(hits[0][1], b)
    heads.sort()
    if len(heads) <= len(extents):
        return extents
    per_head = [sum(1 for e in extents if h[0] - 2.0 <= (e[0] + e[1]) / 2 <= h[1] + 2.0) for h in heads]
    if sum(per_head) != len(extents) or max(per_head) > 1:
        return extents
    return heads


def _merge_stretched(extents: list[list[float]], run: list[Line]) -> list[list[float]]:
    """Fold a value column that is really a wider cell's centre into the column on its left.

    A block narrower than its table stretches its last column over two (2019
    表二: 本年增/减 of 行政事业性收费), so its numbers sit half a pitch away from
    real columns, in rows that never use the columns beside it.
    """
    if len(extents) < 3:
        return extents
    centres = [(a + b) / 2 for a, b in extents]
    pitch = max(b - a for a, b in itertools.pairwise(centres))
    used: list[set[int]] = []
    for line in run:
        cols: set[int] = set()
        for seg in line.segments(FINE_GAP):
            if is_number(text_of(seg)):
                mid = (seg[0][0] + seg[-1][2]) / 2
                cols.update(i for i, (a, b) in enumerate(extents) if a - 1.0 <= mid <= b + 1.0)
        used.append(cols)
    out = [list(e) for e in extents]
    for i in range(len(extents) - 1, 0, -1):
        right = centres[i + 1] - centres[i] if i + 1 < len(extents) else pitch
        lonely = not any(i in u and (i - 1 in u or i + 1 in u) for u in used)
        if lonely and centres[i] - centres[i - 1] <= 0.6 * pitch and right <= 0.6 * pitch:
            out[i - 1][1] = max(out[i - 1][1], out[i][1])
            del out[i]
    return out


def _clusters(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > 3.0:
            out.append(x)
    return out


def column_of(columns: list[Column], seg: list[Char]) -> int:
    """The column a segment of an unruled table belongs to: by left edge among labels, else by overlap."""
    x0, x1 = seg[0][0], seg[-1][2]
    values = [i for i, c in enumerate(columns) if c.values]
    labels = [i for i, c in enumerate(columns) if not c.values]
    if labels and (not values or (x0 + x1) / 2 < columns[values[0]].x0):
        for i in reversed(labels):
            if columns[i].x0 <= x0 + 3.0:
                return i
        return labels[0]

    def overlap(i: int) -> float:
        return min(x1, columns[i].x1) - max(x0, columns[i].x0)

    return max(values or labels, key=overlap)


def _has_number(line: Line) -> bool:
    return any(is_number(text_of(seg)) for seg in line.segments(FINE_GAP))


def run_rows(run: list[Line]) -> list[list[Line]]:
    """Lines of a run grouped into table rows.

    Each line holding numbers is a row of its own; a line of text only (a wrapped
    label, a row-group label printed beside its rows) joins the nearest such line
    when it is within 60% of the row pitch (the closest two numbered lines stand,
    or the median pitch of the lines when that is less: most cells blank),
    or when the lines between them follow each other at a wrapped cell's line
    pitch (the outer lines of a label wrapped over three lines or more, whose
    numbers stand level with its middle); text lines far from any numbers
    (headers) group with each other by the same rule.
    """
    middles = [line.middle for line in run]
    numbered = [i for i, line in enumerate(run) if _has_number(line)]
    steps = [middles[b] - middles[a] for a, b in itertools.pairwise(numbered)]
    if not steps:
        steps = [b - a for a, b in itertools.pairwise(middles)] or [run[0].size * 2]
    size = statistics.median(line.size for line in run)
    # numbers far apart (most cells blank) say little of the row pitch; the lines' own pitch does
    typical = statistics.median(b - a for a, b in itertools.pairwise(middles)) if len(run) > 1 else min(steps)
    reach = 0.6 * max(min(*steps, typical), 1.2 * size)
    leading = 1.35 * size  # lines of one wrapped header cell stand this close
    wrapped = 1.45 * size  # the most a wrapped cell's lines stand apart
    owner: list[int | None] = []
    for i, m in enumerate(middles):
        if i in numbered:
            owner.append(i)
            continue
        near = min(numbered, key=lambda j: abs(middles[j] - m), default=None)
        if near is not None and abs(middles[near] - m) > reach:
            a, b = min(i, near), max(i, near)
            if any(middles[k + 1] - middles[k] > wrapped for k in range(a, b)):
                near = None
        owner.append(near)
    rows: list[list[Line]] = []
    keys: list[int] = []
    for i, line in enumerate(run):
        key = owner[i]
        if key is not None and key in keys:
            rows[keys.index(key)].append(line)
        elif (
            key is None and rows and keys[-1] < 0 and middles[i] - rows[-1][-1].middle <= max(reach, leading)
        ):
            rows[-1].append(line)
        else:
            rows.append([line])
            keys.append(key if key is not None else -1 - i)
    return [sorted(row, key=lambda ln: ln.middle) for row in rows]

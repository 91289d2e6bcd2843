"""Stage 5: a table's tokens → template rows → columns.

Rows are found by their labels (compared on ``label_key``: the label's core
before any parenthetical note, so （二）部分公开（区分处理的…） and a truncated
部分公开（区分处理 match alike), by the template's variants, and — for a row
whose label is blank or garbled — by position between the rows that were
found. A row's values are the value tokens after its label.

Columns are taken by position, and only where the position is settled:

- as many cells as the template has columns → one per column (trailing empty
  cells on the row's own line are the row's padding and are dropped);
- fewer cells, ending with a value, in a table with a 总计 column → only the
  last cell is read, as the total (a short row's middle cannot be placed);
  where the total is the sum of the row (T3.2, T4.1) and non-zero values come
  before it, a text row is left to ``resolve``, which reads the total only
  where the identity allows it, and another row whose values exceed the last
  cell is not read at all;
- a single value in a wider row, or too many values → nothing is read and an
  ``ambiguous-columns`` finding names the cells;
- digits run together (``7000007``) → left to ``resolve``;
- in a text table that never shows an empty cell before a value, a row that
  ends after fewer values than columns may have lost its empty cells (the
  short-row reading above would be a guess) → left to ``resolve`` too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ..templates import Block, Row, Table, core
from .numbers import DIGIT_RUN, clean, is_blank_text, is_value_text, parse_number
from .tokens import Token

TOTAL = "total"


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """The comparable core of a label, ignoring a parenthetical note after it."""
    t = text.strip()
    cut = t.find("(", 1)
    if cut >= 2:
        t = t[:cut]
    return core(t)


@dataclass
class RowRead:
    """A table row as found: its template row (None while unplaced), label and value tokens."""

    row: Row | None
    block: Block | None
    label: Token | None
    values: list[Token] = field(default_factory=list)
    by_position: bool = False


@dataclass
class Placement:
    """Which token a row's columns take, or why they cannot be placed."""

    cells: dict[str, Token] = field(default_factory=dict)  # column key → token
    how: str | None = None
    ambiguous: tuple[str, ...] = ()  # column keys left unsettled
    detail: str = ""
    run: list[Token] | None = None  # cells left to ``resolve``: digits run together, or too few cells
    gaps: bool = False  # the run is a row of too few cells whose empty cells were dropped


class LabelIndex:
    """The labels of one table: rows, row-span groups, and header words."""

    def __init__(self, table: Table, extra_headers: tuple[str, ...] = ()) -> None:
        self.rows: dict[str, tuple[Block, Row]] = {}
        self.groups: set[str] = set()
        self.headers: set[str] = set()
        for block in table.blocks:
            self.headers.add(label_key(block.title))
            self.headers.add(label_key(block.header))
            for col in block.columns:
                self.headers.update(label_key(x) for x in (col.label, *col.variants))
                if col.group:
                    self.headers.add(label_key(col.group))
            for row in block.rows:
                for label in (row.label, *row.variants):
                    self.rows.setdefault(label_key(label), (block, row))
                self.groups.update(label_key(p) for p in row.path)
        self.groups -= set(self.rows)
        self.headers.update(label_key(h) for h in extra_headers)
        self.headers.discard("")
        self.ambiguous = self.headers & set(self.rows)  # 总计, 其他: a column header or a row
        self._group_prefixes = sorted(self.groups, key=len, reverse=True)
        self._row_memo: dict[str, tuple[Block, Row] | None] = {}
        self._kind_memo: dict[str, str] = {}

    def row(self, text: str) -> tuple[Block, Row] | None:
        """The template row a label names, if any."""
        if text not in self._row_memo:
            if len(self._row_memo) > _MEMO_MAX:
                self._row_memo.clear()
            self._row_memo[text] = self._find_row(text)
        return self._row_memo[text]

    def _find_row(self, text: str) -> tuple[Block, Row] | None:
        k = label_key(text)
        if len(k) < 2:
            return None
        for g in self._group_prefixes:  # 三、本年度办理结果（一）予以公开 in one cell
            if k.startswith(g) and len(k) > len(g):
                k = k[len(g) :]
                break
        hit = self.rows.get(k)
        if hit is not None:
            return hit
        if len(k) >= 4:
            longer = [v for key, v in self.rows.items() if key.startswith(k)]
            if len(longer) == 1:
                return longer[0]
            shorter = [(len(key), v) for key, v in self.rows.items() if len(key) >= 4 and k.startswith(key)]
            if shorter:
                return max(shorter, key=lambda x: x[0])[1]
        return None

    def kind(self, text: str) -> str:
        """'row', 'group', 'header' or 'text' for a non-value token."""
        found = self._kind_memo.get(text)
        if found is None:
            if len(self._kind_memo) > _MEMO_MAX:
                self._kind_memo.clear()
            found = self._kind_memo[text] = self._find_kind(text)
        return found

    def _find_kind(self, text: str) -> str:
        k = label_key(text)
        if k in self.groups:
            return "group"
        if k in self.headers or any(w in k for w in _HEADER_WORDS):
            return "header" if k not in self.rows else "row"
        return "row" if self.row(text) is not None else "text"

    def known(self, text: str) -> bool:
        k = label_key(text)
        return bool(k) and (k in self.groups or k in self.headers or self.row(text) is not None)


_FURNITURE = re.compile(
    r"(?:年度报告|年报)$|第\s*\d+\s*页|共\s*\d+\s*页|^[-—]\s*\d+\s*[-—]$|^\d+\s*/\s*\d+$", re.I
)  # the running title or a page number of a printed page


def is_furniture(text: str) -> bool:
    """Whether a table's text is page furniture (running title, page number), not a cell."""
    return _FURNITURE.search(text) is not None


_HEADER_WORDS = ("第二十条", "勾稽关系", "申请人情况", "信息内容", "单位")
_MEMO_MAX = 20_000
_INDEXES: dict[tuple[int, tuple[str, ...]], LabelIndex] = {}


def label_index(table: Table, extra_headers: tuple[str, ...] = ()) -> LabelIndex:
    """The (shared, memoizing) label index of a template table."""
    key = (id(table), extra_headers)
    if key not in _INDEXES:
        _INDEXES[key] = LabelIndex(table, extra_headers)
    return _INDEXES[key]


def segment(
    tokens: list[Token],
    index: LabelIndex,
    blank_labels: frozenset[int] = frozenset(),
    skip: frozenset[int] = frozenset(),
) -> list[RowRead]:
    """Cut a table's tokens into rows: each label and the value tokens after it.

    ``blank_labels`` are positions of empty label cells (a grid row that starts
    with an empty cell and holds only values): each starts an unlabelled row,
    unless the row above is a label still without values, which they belong to.
    ``skip`` are positions of empty label columns in front of a label.
    """
    reads: list[RowRead] = []
    current: RowRead | None = None
    pending: Token | None = None
    started = False
    previous = "header"
    for i, tok in enumerate(tokens):
        if i in skip or (i in blank_labels and _awaits_values(current)):
            continue  # (a label written alone on the line above takes these values: 规章 | ⏎ | 0 | 0 | 5)
        if i in blank_labels:
            current, pending = RowRead(None, None, None), None
            reads.append(current)
            previous = "row"
            continue
        if is_value_text(tok.text):
            if current is None:
                current = RowRead(None, None, pending)
                reads.append(current)
                pending = None
            current.values.append(tok)
            previous = "value"
            continue
        kind = index.kind(tok.text)
        if kind == "row" and label_key(tok.text) in index.ambiguous and (not started or previous == "header"):
            kind = "header"
        if kind == "row":
            hit = index.row(tok.text)
            assert hit is not None
            if current is not None and current.row is hit[1] and not current.values:
                continue  # the label again: a merged label cell written once per position it covers
            current = RowRead(hit[1], hit[0], tok)
            reads.append(current)
            started = True
            pending = None
        elif kind in ("group", "header"):
            current, pending = None, None
        elif kind == "text" and is_furniture(tok.text):
            continue  # a page header or footer printed inside the table: the row goes on after it
        elif not _awaits_values(current):
            current, pending = None, tok  # unknown text: maybe the label of the values that follow
        previous = kind
    return reads


def _awaits_values(current: RowRead | None) -> bool:
    """A row whose label has been read and none of its values yet."""
    return current is not None and current.row is not None and not current.values


def place_unlabeled(reads: list[RowRead], table: Table) -> tuple[list[RowRead], list[RowRead]]:
    """Give unlabeled value groups the one template row left between their neighbours.

    Returns the rows to read (labelled or placed) and the groups that stayed unplaced.
    """
    order = {row.key: (i, block, row) for i, (block, row) in enumerate(_rows(table))}
    kept = [r for r in reads if r.row is not None or any(not is_blank_text(t.text) for t in r.values)]
    seen: set[str] = set()
    deduped: list[RowRead] = []
    for r in kept:
        if r.row is not None:
            if r.row.key in seen:
                continue
            seen.add(r.row.key)
        deduped.append(r)
    unplaced: list[RowRead] = []
    i = 0
    while i < len(deduped):
        if deduped[i].row is not None:
            i += 1
            continue
        j = i
        while j < len(deduped) and deduped[j].row is None:
            j += 1
        before = order[deduped[i - 1].row.key][0] if i > 0 and deduped[i - 1].row else -1  # type: ignore[union-attr]
        after = order[deduped[j].row.key][0] if j < len(deduped) and deduped[j].row else len(order)  # type: ignore[union-attr]
        free = [v for v in order.values() if before < v[0] < after and v[2].key not in seen]
        free.sort(key=lambda v: v[0])
        if len(free) == j - i:
            for r, (_, block, row) in zip(deduped[i:j], free, strict=True):
                r.row, r.block, r.by_position = row, block, True
                seen.add(row.key)
        else:
            unplaced.extend(deduped[i:j])
        i = j
    return [r for r in deduped if r.row is not None], unplaced


def _rows(table: Table) -> list[tuple[Block, Row]]:
    return [(block, row) for block in table.blocks for row in block.rows]


def _plain_digits(tok: Token) -> bool:
    return clean(tok.text).isascii() and clean(tok.text).isdigit()


def _may_run(tok: Token) -> bool:
    """Whether a token can hold several cells run together: not an HTML or DOCX cell, which is one cell."""
    return tok.provenance.kind not in ("html", "docx")


def _digits(tok: Token) -> bool:
    return DIGIT_RUN.match(clean(tok.text)) is not None


def _strip_padding_line(values: list[Token]) -> tuple[list[Token], bool]:
    """Drop a trailing line of empty cells that came apart from the values (crawler padding)."""
    if len(values) < 3 or not is_blank_text(values[-1].text):
        return values, False
    last = values[-1].line
    tail = [t for t in values if t.line == last]
    rest = values[: len(values) - len(tail)]
    if (
        len(tail) >= 2
        and all(is_blank_text(t.text) for t in tail)
        and any(not is_blank_text(t.text) for t in rest)
    ):
        return rest, True
    return values, False


def extra_side(values: list[Token], width: int) -> str | None:
    """Where a one-line row's surplus empty cells sit: "lead" (empty label columns before the values,
    as in Markdown), "trail" (padding after them, as crawlers write), or None when not one side only."""
    excess = len(values) - width
    if excess <= 0 or len({t.line for t in values}) != 1:
        return None
    lead = all(is_blank_text(t.text) for t in values[:excess])
    trail = all(is_blank_text(t.text) for t in values[width:])
    return "lead" if lead and not trail else "trail" if trail and not lead else None


def _trim_one_line(vals: list[Token], width: int, surplus: str) -> list[Token] | None:
    """A one-line row without its surplus empty cells, when they all sit on one side."""
    if len({t.line for t in vals}) != 1:
        return None
    excess = len(vals) - width
    side = extra_side(vals, width) or (
        surplus if all(is_blank_text(t.text) for t in vals[:excess] + vals[width:]) else None
    )
    if side == "lead":
        return vals[excess:]
    if side == "trail":
        return vals[:width]
    return None


def blank_before_value(values: list[Token]) -> bool:
    """Whether an empty cell comes before a value: the row keeps its empty cells in place."""
    seen_blank = False
    for tok in values:
        if is_blank_text(tok.text):
            seen_blank = True
        elif seen_blank:
            return True
    return False


def place(
    values: list[Token], columns: list[str], surplus: str = "trail", gaps: bool = False, summed: bool = False
) -> Placement:
    """Settle which column each value token belongs to, or say why it cannot be settled.

    ``surplus`` says where a one-line row's extra empty cells sit when both ends are
    empty: the side the table's unambiguous rows show (see ``extra_side``).
    ``gaps``: the table never shows an empty cell before a value, so a text row
    that ends after fewer values than columns (no empty cells written after them
    on its line) may have lost its empty cells — a crawler drops them, or pads
    the row on a line of its own: such a row is left to ``resolve``. Empty cells
    written after the values are the document's own, and read as they stand.
    ``summed``: the total column is the sum of the others (T3.2, T4.1).
    """
    width = len(columns)
    vals, padded = _strip_padding_line(values)
    if gaps and vals and (len(vals) < width or is_blank_text(vals[-1].text)):
        body = vals[: max((i + 1 for i, t in enumerate(vals) if not is_blank_text(t.text)), default=0)]
        ends = not any(t.line == body[-1].line for t in vals[len(body) :]) if body else False
        if ends and len(body) < width and all(t.provenance.kind == "text" for t in body):
            return Placement(run=body, gaps=not _is_run(body, width))
    if len(vals) == width and (not padded or vals[-1].line == vals[0].line):
        return Placement(dict(zip(columns, vals, strict=True)))
    if not padded and len(vals) > width:
        trimmed = _trim_one_line(vals, width, surplus)
        if trimmed is not None:
            return Placement(dict(zip(columns, trimmed, strict=True)))
    body = list(vals)
    while body and is_blank_text(body[-1].text):
        body.pop()
    return _place_body(body, columns, summed) if body else Placement()


def _is_run(body: list[Token], width: int) -> bool:
    """Digits run together that are enough to fill the row (``7000007``); cells written apart
    (``10 | 5`` for 3 columns) are cells that lost their empty neighbours, not digits run together."""
    if len(body) != 1:
        return False
    tok = body[0]
    return _plain_digits(tok) and _may_run(tok) and _digits(tok) and len(clean(tok.text)) >= width


def _numbers(tokens: list[Token]) -> list[Decimal]:
    """The non-zero numbers among the tokens (a blank, a dash or 无 is none)."""
    values = (parse_number(t.text).value for t in tokens)
    return [v for v in values if v]


def _place_body(body: list[Token], columns: list[str], summed: bool = False) -> Placement:
    """Place a row's cells up to its last value (cells on several lines, or not one per column)."""
    width = len(columns)
    if len(body) > width:
        lead = 0
        while lead < len(body) and is_blank_text(body[lead].text):
            lead += 1
        if lead >= len(body) - width:
            return Placement(dict(zip(columns, body[len(body) - width :], strict=True)))
        return Placement(ambiguous=tuple(columns), detail=f"{len(body)} 个数值对应 {width} 列")
    if len(body) == width:
        return Placement(dict(zip(columns, body, strict=True)))
    if _is_run(body, width):
        return Placement(run=body)
    if TOTAL in columns and len(body) >= 2:
        rest = [t for t in body[:-1] if not is_blank_text(t.text)]
        if summed and _numbers(rest) and all(t.provenance.kind == "text" for t in body):
            return Placement(run=body, gaps=True)  # resolve reads the total where the identity allows it
        if summed and sum(_numbers(rest), Decimal(0)) > sum(_numbers(body[-1:]), Decimal(0)):
            detail = f"{len(body)} 个单元格对应 {width} 列，末格小于其余之和 / last cell under the rest's sum"
            return Placement(ambiguous=tuple(columns), detail=detail)
        return Placement(
            {TOTAL: body[-1]},
            how="短行末格读作总计 / last cell of a short row read as the total",
            ambiguous=tuple(c for c in columns if c != TOTAL) if rest else (),
            detail=f"{len(body)} 个单元格对应 {width} 列",
        )
    return Placement(ambiguous=tuple(columns), detail=f"{len(body)} 个数值对应 {width} 列")

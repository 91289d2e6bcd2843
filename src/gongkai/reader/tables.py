"""Stages 4–5 together: the located regions of tables 二, 三, 四 → placed tokens per cell key.

Tables 二 and 三 are read row by row (``cells.segment``/``place``); table 三
cut by columns into several tables is read table by table. Table 四
usually has no row labels: its 15 values follow a three-level header, so they
are taken in order after the last header word; when a report writes it as
three labelled rows (行政复议 / 未经复议直接起诉 / 复议后起诉) each row is read
on its own, and so are its other shapes (transposed, written long, cut in parts).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from ..templates import Table, Template
from .cells import (
    LabelIndex,
    Placement,
    RowRead,
    blank_before_value,
    extra_side,
    is_furniture,
    label_index,
    label_key,
    place,
    place_unlabeled,
    segment,
)
from .locate import Layout
from .numbers import is_blank_text, is_value_text
from .tokens import Line, Token, explode

_APPEAL_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
_APPEAL_GROUPS = ("review", "suit_direct", "suit_after_review")
_APPEAL_HEADERS = ("行政诉讼", "结果维持", "结果维护", "结果纠正", "其他结果", "尚未审结", "总计", "合计")
_APPEAL_HEADER_MAX = 16  # 行政诉讼未经复议直接起诉 and the like; a footnote is longer
_NOTE_STARTS = ("注", "备注", "说明")
_REQUEST_HEADERS = ("小计",)
_NON_WORD = re.compile(r"[\W_]+")
_SUMMED = ("requests",)  # tables whose rows' total is the sum of the row (T3.2; table 四's rows: T4.1)


@dataclass
class RowPlacement:
    """One template row's placement, with what it was read from."""

    table: str
    prefix: str  # cell-key prefix, e.g. "requests.denied.third_party"
    label: str  # the template label, for messages
    columns: tuple[str, ...]
    placement: Placement
    read: RowRead | None = None


@dataclass
class TablesRead:
    """Everything the cell stage found, before numbers are parsed."""

    rows: list[RowPlacement] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # tables found
    missing_rows: list[tuple[str, str]] = field(default_factory=list)  # (table number, label)
    by_position: list[tuple[str, str]] = field(default_factory=list)
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (table number, raw values)
    extra_columns: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # column key → unit written in its header


@dataclass
class _RegionTokens:
    """A region's tokens, with the empty cells that are label columns rather than values."""

    tokens: list[Token]
    blank_labels: frozenset[int]  # an empty label cell opening a row of values
    placeholders: frozenset[int]  # empty label columns before a row's label on the same line


def _runs(tokens: tuple[Token, ...], known: Callable[[str], bool]) -> list[int]:
    """Lengths of the runs of equal consecutive texts that the template knows (a header cut short
    by a line break, 本年新 | 本年新, or an empty cell is a run of its own)."""
    runs: list[int] = []
    for i, tok in enumerate(tokens):
        if runs and tok.text and tok.text == tokens[i - 1].text and known(tok.text):
            runs[-1] += 1
        else:
            runs.append(1)
    return runs


def _without_copies(
    line: Line, spans: list[int] | None, known: Callable[[str], bool]
) -> tuple[tuple[Token, ...], list[int] | None]:
    """A grid line with the copies of merged cells dropped, and the spans for the lines below.

    Some crawlers (``pandas.read_html``) write a merged cell's text into every
    position it covers: 本年处理决定数量 three times, then 行政许可 | 5 | 5 | 5.
    A header line repeating a text shows the spans; a line of values below it
    whose cells repeat within every span is read once per span.
    """
    toks = line.tokens
    if not line.grid or len(toks) < 2:
        return toks, spans
    if not any(is_value_text(t.text) for t in toks):
        runs = _runs(toks, known)
        return toks, runs if any(n > 1 for n in runs) else None
    if spans is None or len(toks) != sum(spans):
        return toks, spans
    kept: list[Token] = []
    pos = 0
    for n in spans:
        group = toks[pos : pos + n]
        if any(t.text != group[0].text for t in group):
            return toks, spans
        kept.append(group[0])
        pos += n
    return tuple(kept), spans


def _without_serial(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """A grid row opening with its row number (1, 2, 3 under 序号) before its label: that cell emptied."""
    if (
        len(tokens) < 2
        or not tokens[0].text.isdigit()
        or len(tokens[0].text) > 3
        or is_value_text(tokens[1].text)
    ):
        return tokens
    return (tokens[0]._replace(text=""), *tokens[1:])


_WORD = re.compile(r"\S+")
_SPACED_OUT = re.compile(r"(?:\S{1,2} )+\S{1,2}")


def _spaced_out(text: str, known: Callable[[str], bool]) -> bool:
    """A label typed with a space between its characters (1 ． 属 于 国 家 秘 密): one cell, not the
    number 1 before a label."""
    return (
        _SPACED_OUT.fullmatch(text) is not None
        and not is_value_text(text[text.rfind(" ") + 1 :])
        and known(text)
    )


def _trailing_values(tok: Token) -> list[Token]:
    """Text followed by numbers, the text not a label (the tail of a wrapped label: 申请数量 37 0 1 …):
    the text and each number apart, so the numbers still reach their row."""
    if is_value_text(tok.text) or " " not in tok.text:
        return [tok]
    words = [(m.start(), m.end()) for m in _WORD.finditer(tok.text)]
    k = len(words)
    while k > 0 and is_value_text(tok.text[words[k - 1][0] : words[k - 1][1]]):
        k -= 1
    if k == 0 or k == len(words):
        return [tok]
    return [tok.part(0, words[k - 1][1])] + [tok.part(a, b) for a, b in words[k:]]


def _tokens(
    lines: list[Line], start: int, end: int, index: LabelIndex | None, copies: bool = False
) -> _RegionTokens:
    """The region's tokens, split where a token holds several cells (``copies``: see ``_without_copies``)."""
    out: list[Token] = []
    blank_labels: set[int] = set()
    placeholders: set[int] = set()
    spans: list[int] | None = None
    serials = False  # a 序号 column: its numbers are not values
    known = index.known if index else _appeal_known
    for line in lines[start:end]:
        first = len(out)
        line_tokens = line.tokens
        if copies and index is not None:
            line_tokens, spans = _without_copies(line, spans, known)
        serials = serials or any("序" in t.text and _flat(t.text) == "序号" for t in line_tokens)
        if serials and line.grid:
            line_tokens = _without_serial(line_tokens)
        for tok in line_tokens:
            text = tok.text
            if not text or (text.isascii() and text.isdigit()) or (" " in text and _spaced_out(text, known)):
                out.append(tok)  # one cell as it is: a count, a blank, or 予 以 公 开
                continue
            for piece in explode(tok, known):
                if " " in piece.text:
                    out.extend(_trailing_values(piece))
                else:
                    out.append(piece)
        row = out[first:]
        if not line.grid or len(row) < 2 or not is_blank_text(row[0].text):
            continue
        lead = next((k for k, t in enumerate(row) if not is_blank_text(t.text)), len(row))
        if lead < len(row) and not is_value_text(row[lead].text):
            placeholders.update(range(first, first + lead))
        elif all(is_value_text(t.text) for t in row) and lead < len(row):
            blank_labels.add(first)
    return _RegionTokens(out, frozenset(blank_labels), frozenset(placeholders))


def _header_units(tokens: list[Token]) -> dict[str, str]:
    """Units written in money headers: 采购总金额（万元）, 本年收费金额（单位：万元）."""
    units: dict[str, str] = {}
    for tok in tokens:
        t = tok.text
        if "金额" not in t:
            continue
        key = "amount"
        if "万元" in t:
            units[key] = "万元"
        elif "元" in t:
            units[key] = "元"
    return units


def read_tables(lines: list[Line], layout: Layout, template: Template) -> TablesRead:
    """Place the tokens of every located table into the template's cells."""
    out = TablesRead()
    for key in ("active", "requests"):
        region = layout.tables.get(key)
        if region is None:
            continue
        table = template.table(key)
        index = label_index(table, _REQUEST_HEADERS if key == "requests" else ())
        found = _tokens(lines, region.start, region.end, index, copies=key == "active")
        tokens = found.tokens
        if key == "requests" and _read_column_parts(out, found, index, table):
            continue
        reads = segment(tokens, index, found.blank_labels, found.placeholders)
        placed, unplaced = place_unlabeled(reads, table)
        if not placed:
            continue
        out.found.add(key)
        if key == "active":
            out.units.update(_header_units(tokens))
        own_columns = _request_columns(tokens, out, table) if key == "requests" else None
        _read_rows(out, table.key, placed, own_columns)
        found_rows = {r.row.key for r in placed if r.row}
        out.missing_rows += [
            (table.number, row.label) for b in table.blocks for row in b.rows if row.key not in found_rows
        ]
        out.by_position += [(table.number, r.row.label) for r in placed if r.by_position and r.row]
        out.unplaced += [(table.number, " ".join(t.text for t in r.values)) for r in unplaced]
    region = layout.tables.get("appeals")
    if region is not None:
        _read_appeals(out, _tokens(lines, region.start, region.end, None).tokens)
    return out


_EXTRA = "_extra"
# pieces of the 法人或其他组织 columns' heads, found even when a head is broken over lines
_ORG_PARTS = ("商业", "企业", "科研", "机构", "社会", "公益", "组织", "法律", "服务")


def _request_columns(tokens: list[Token], out: TablesRead, table: Table) -> list[str] | None:
    """Table 三's columns when they are not the template's seven: None for the template's own.

    A 小计 column under 法人或其他组织 sits between 其他 and 总计. A table of three
    columns (自然人 | 法人或其他组织 | 总计), 法人或其他组织 having no columns of
    its own, settles only 自然人 and 总计. Columns not in the template are
    placed as ``_EXTRA`` and dropped. The seven columns in another order are
    read in the order the header names them.
    """
    head = [label_key(t.text) for t in _header_tokens(tokens)]
    if any("小计" in k for k in head):
        out.extra_columns.append("小计")
        return ["natural", "commercial", "research", "social", "legal", "org_other", _EXTRA, "total"]
    ordered = _header_order([(label_key(t.text), t.line) for t in tokens[: len(head)]], table)
    if ordered is not None:
        return ordered
    org = next((i for i, k in enumerate(head) if k == "法人或其他组织"), None)
    natural = next((i for i, k in enumerate(head) if k == "自然人"), None)
    total = next((i for i, k in enumerate(head) if k in ("总计", "合计")), None)
    leaves = any(k == "其他" or (k != "法人或其他组织" and any(w in k for w in _ORG_PARTS)) for k in head)
    if org is None or natural is None or total is None or leaves:
        return None
    if not natural < org < total:
        return None
    out.extra_columns.append("法人或其他组织")
    return ["natural", _EXTRA, "total"]


_COLUMN_NAMES: dict[int, tuple[dict[str, str], str | None, frozenset[str]]] = {}


def _read_column_parts(out: TablesRead, found: _RegionTokens, index: LabelIndex, table: Table) -> bool:
    """Table 三 cut by columns into tables (自然人 in one, 法人或其他组织 and 总计 in the next): each
    table's rows read under the columns its own header names. A table that repeats the row labels is
    read by them; one without labels row by row in the order of the table before it, when it has as
    many rows. Done (True) when the tables' headers name the seven columns once between them and
    every table holds most of the others' rows; else nothing is read."""
    parts = _table_parts(found)
    if len(parts) < 2:
        return False
    read: list[tuple[list[str], list[RowRead]]] = []
    for part in parts:
        head = _header_tokens(part.tokens)
        columns = _named_columns([(label_key(t.text), t.line) for t in head], table)
        if not columns:
            return False
        reads = segment(part.tokens, index, part.blank_labels, part.placeholders)
        placed, _ = place_unlabeled(reads, table)
        if not placed and read:
            placed = _rows_in_order(part.tokens[len(head) :], read[-1][1])
        if not placed:
            return False
        read.append((columns, placed))
    named = [c for columns, _ in read for c in columns]
    if sorted(named) != sorted(c.key for c in table.blocks[0].columns):
        return False
    keys = [{r.row.key for r in placed if r.row} for _, placed in read]
    if any(len(a & b) * 2 < min(len(a), len(b)) for a, b in pairwise(keys)):
        return False
    out.found.add(table.key)
    for columns, placed in read:
        for r in placed:
            assert r.row is not None
            placement = place(list(r.values), columns)
            out.rows.append(
                RowPlacement(table.key, f"{table.key}.{r.row.key}", r.row.label, tuple(columns), placement, r)
            )
    found_rows = set().union(*keys)
    out.by_position += [
        (table.number, r.row.label) for _, placed in read for r in placed if r.by_position and r.row
    ]
    out.missing_rows += [
        (table.number, row.label) for b in table.blocks for row in b.rows if row.key not in found_rows
    ]
    return True


def _rows_in_order(values: list[Token], rows: list[RowRead]) -> list[RowRead]:
    """A table of values without row labels, a grid line per row, as ``rows`` in their order ([] when
    the counts differ); each is marked as read by position, which the report says."""
    lines: dict[int, list[Token]] = {}
    for tok in values:
        if is_value_text(tok.text):
            lines.setdefault(tok.line, []).append(tok)
    if len(lines) != len(rows):
        return []
    return [RowRead(r.row, r.block, None, line, True) for r, line in zip(rows, lines.values(), strict=True)]


def _table_parts(found: _RegionTokens) -> list[_RegionTokens]:
    """A region's tokens cut where the grid they come from changes (text between grids stays with the
    grid before it)."""
    cuts = [0]
    table: int | None = None
    for i, tok in enumerate(found.tokens):
        t = tok.provenance.table
        if t is None:
            continue
        if table is not None and t != table:
            cuts.append(i)
        table = t
    cuts.append(len(found.tokens))
    return [
        _RegionTokens(
            found.tokens[a:b],
            frozenset(i - a for i in found.blank_labels if a <= i < b),
            frozenset(i - a for i in found.placeholders if a <= i < b),
        )
        for a, b in pairwise(cuts)
        if b > a
    ]


def _header_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens before the first value."""
    head: list[Token] = []
    for tok in tokens:
        if is_value_text(tok.text) and not is_blank_text(tok.text):
            break
        head.append(tok)
    return head


def _column_names(table: Table) -> tuple[dict[str, str], str | None, frozenset[str]]:
    """Table 三's column keys by label, the label of their group, and the keys in the group (shared)."""
    found = _COLUMN_NAMES.get(id(table))
    if found is None:
        columns = table.blocks[0].columns
        key_of = {label_key(x): c.key for c in columns for x in (c.label, *c.variants)}
        group = next((label_key(c.group) for c in columns if c.group), None)
        found = _COLUMN_NAMES[id(table)] = (key_of, group, frozenset(c.key for c in columns if c.group))
    return found


def _header_order(head: list[tuple[str, int]], table: Table) -> list[str] | None:
    """The seven columns in the order the header names them (see ``_named_columns``), when every
    column is named exactly once and not in the template's order; otherwise the template's order holds."""
    order = _named_columns(head, table)
    template = [c.key for c in table.blocks[0].columns]
    if sorted(order) != sorted(template) or order == template:
        return None
    return order


def _named_columns(head: list[tuple[str, int]], table: Table) -> list[str]:
    """Table 三's columns a header names, left to right ([] when it names one twice).

    ``head``: the header's label keys with their lines. The header has two
    levels: 自然人 | 法人或其他组织 | 总计 on one line above the organisation
    columns, so 法人或其他组织 stands for those named below it where it sits;
    without it, the columns follow on one line in the order named. The upper
    level must be on one line (a PDF may print a cell two rows high on the
    lower row's line).
    """
    key_of, group, grouped = _column_names(table)
    named = [(key_of.get(k) or k, line) for k, line in head if k in key_of or k == group]
    two_levels = any(k == group for k, _ in named)
    upper = [(k, line) for k, line in named if k not in grouped] if two_levels else named
    if len({line for _, line in upper}) != 1:
        return []
    leaves = [k for k, _ in named if k in grouped]
    order = [leaf for k, _ in upper for leaf in (leaves if k == group else [k])]
    return order if len(set(order)) == len(order) else []


def _read_rows(out: TablesRead, table_key: str, reads: list[RowRead], layout: list[str] | None) -> None:
    """Place every row's values; ``layout``: the table's own columns, when not the template's."""
    widths = {id(r): len(layout or r.block.columns) for r in reads if r.block is not None}
    votes = Counter(extra_side(r.values, widths[id(r)]) for r in reads if id(r) in widths)
    surplus = "lead" if votes["lead"] > votes["trail"] else "trail"
    gaps = layout is None and not any(blank_before_value(r.values) for r in reads)
    for r in reads:
        assert r.row is not None and r.block is not None
        columns = [c.key for c in r.block.columns]
        placement = place(list(r.values), layout or columns, surplus, gaps, summed=table_key in _SUMMED)
        if layout:
            placement.cells.pop(_EXTRA, None)
            absent = tuple(c for c in columns if c not in layout)
            placement.ambiguous = tuple(c for c in placement.ambiguous if c != _EXTRA) + absent
            if absent and not placement.detail:
                placement.detail = "表中只有法人或其他组织合计 / only the 法人或其他组织 sum is given"
        own = layout if layout and _EXTRA not in layout else columns  # a reordered table keeps its order
        prefix = f"{table_key}.{r.row.key}"
        out.rows.append(RowPlacement(table_key, prefix, r.row.label, tuple(own), placement, r))


@lru_cache(maxsize=8192)
def _appeal_group(text: str) -> str | None:
    """The group a row label names (行政复议 / 未经复议直接起诉 / 复议后起诉); a column header names none."""
    k = _flat(text)
    if len(k) > _APPEAL_HEADER_MAX or k.startswith(_NOTE_STARTS):
        return None
    if any(h in k for h in _APPEAL_HEADERS if h != "行政诉讼"):
        return None
    if "直接起诉" in k:
        return "suit_direct"
    if "复议后起诉" in k:
        return "suit_after_review"
    if k == "行政复议":
        return "review"
    return None


@lru_cache(maxsize=8192)
def _flat(text: str) -> str:
    """Text without punctuation or spaces, parentheticals kept: 行政诉讼（复议后起诉） → 行政诉讼复议后起诉"""
    return _NON_WORD.sub("", text)


@lru_cache(maxsize=8192)
def _appeal_known(text: str) -> bool:
    """A group label or a column header of table 四 (a sentence naming them, such as a 注, is neither)."""
    k = _flat(text)
    if len(k) > _APPEAL_HEADER_MAX or k.startswith(_NOTE_STARTS):
        return False
    return _appeal_group(text) is not None or any(h in k for h in _APPEAL_HEADERS)


def _read_appeals(out: TablesRead, tokens: list[Token]) -> None:
    transposed = _appeal_columns_as_rows(tokens)
    if transposed is not None:
        out.found.add("appeals")
        for column, (keys, cells) in transposed.items():
            placement = place(cells, list(keys))
            out.rows.append(RowPlacement("appeals", "appeals", column, keys, placement))
        return
    long_form = _appeal_long_form(tokens)
    if long_form is not None:
        out.found.add("appeals")
        columns, cells = long_form
        out.rows.append(
            RowPlacement("appeals", "appeals", "行政复议、行政诉讼", columns, place(cells, list(columns)))
        )
        return
    labelled, last_header = _appeal_rows(tokens)
    if len(labelled) >= 2:
        out.found.add("appeals")
        heads = _appeal_column_order(tokens, 1)
        columns = heads[0] if heads else _APPEAL_COLUMNS
        gaps = not any(blank_before_value(v) for v in labelled.values())
        for g in _APPEAL_GROUPS:
            if g in labelled:
                placement = place(labelled[g], list(columns), gaps=gaps, summed=True)
                out.rows.append(RowPlacement("appeals", f"appeals.{g}", g, columns, placement))
        return
    parts = _appeal_parts(tokens) or _appeal_values(tokens, last_header)
    if parts:
        out.found.add("appeals")
    for columns, cells in parts:
        placement = place(cells, list(columns), gaps=not blank_before_value(cells))
        out.rows.append(RowPlacement("appeals", "appeals", "行政复议、行政诉讼", columns, placement))


def _appeal_values(tokens: list[Token], last_header: int) -> list[tuple[tuple[str, ...], list[Token]]]:
    """Table 四 as one header over one line of 15 numbers: the numbers after the last header word,
    under the groups and columns in the order an HTML/DOCX header lays them out left to right
    (in reading order the template's, as a text layout cannot show columns)."""
    values: list[Token] = []
    for tok in tokens[last_header + 1 :]:
        if is_furniture(tok.text):
            continue
        if not is_value_text(tok.text):
            if values:
                break
            continue
        values.append(tok)
    if not any(not is_blank_text(t.text) for t in values):
        return []
    named = [t for t in tokens[: last_header + 1] if _appeal_known(t.text)]
    groups: tuple[str, ...] = _APPEAL_GROUPS
    if named and all(t.provenance.kind in ("html", "docx") and t.provenance.col is not None for t in named):
        named.sort(key=lambda t: t.provenance.col or 0)  # a grid's header, left to right
        seen = tuple(dict.fromkeys(g for t in named if (g := _appeal_group(t.text)) is not None))
        groups = seen if len(seen) == len(_APPEAL_GROUPS) else groups  # 行政诉讼 before 行政复议, say
    else:
        named = tokens
    return [(_group_columns(groups, named), values)]


_APPEAL_COLUMN_OF = {
    "结果维持": "upheld", "结果维护": "upheld", "结果纠正": "corrected", "其他结果": "other",
    "尚未审结": "pending", "总计": "total", "合计": "total",
}  # fmt: skip


def _appeal_parts(tokens: list[Token]) -> list[tuple[tuple[str, ...], list[Token]]]:
    """Table 四 cut into parts, each a header naming some groups over their numbers (行政复议 in one
    table, 行政诉讼's two groups in the next): each part's numbers under its own groups, when every
    part has exactly five numbers per group it names and the parts name the three groups once; else []."""
    parts: list[tuple[list[str], list[Token], list[Token]]] = []  # groups, header words, values
    for tok in tokens:
        if is_value_text(tok.text):
            if parts:
                parts[-1][2].append(tok)
            continue
        if not parts or parts[-1][2]:
            parts.append(([], [], []))
        group = _appeal_group(tok.text)
        if group is not None and group not in parts[-1][0]:
            parts[-1][0].append(group)
        parts[-1][1].append(tok)
    parts = [p for p in parts if p[2]]
    n = len(_APPEAL_COLUMNS)
    named = [g for groups, _, _ in parts for g in groups]
    if len(parts) < 2 or sorted(named) != sorted(_APPEAL_GROUPS):
        return []
    if any(len(values) != n * len(groups) for groups, _, values in parts):
        return []
    out: list[tuple[tuple[str, ...], list[Token]]] = []
    for groups, head, values in parts:
        out.append((_group_columns(tuple(groups), head), values))
    return out


def _group_columns(groups: tuple[str, ...], header: list[Token]) -> tuple[str, ...]:
    """The cell keys of table 四's groups, each group's columns in the order the header names them
    (the template's where it does not name them all)."""
    orders = _appeal_column_order(header, len(groups)) or [_APPEAL_COLUMNS] * len(groups)
    return tuple(f"{g}.{c}" for g, order in zip(groups, orders, strict=True) for c in order)


def _appeal_column_order(tokens: list[Token], groups: int) -> list[tuple[str, ...]] | None:
    """Each group's columns in the order the header names them (总计 first, say), when the header
    before the first value names all five of every group's columns once; else None."""
    heads: list[str] = []
    for tok in tokens:
        if is_value_text(tok.text):
            break
        column = _APPEAL_COLUMN_OF.get(_flat(tok.text))
        if column is not None:
            heads.append(column)
    n = len(_APPEAL_COLUMNS)
    if len(heads) != n * groups:
        return None
    orders = [tuple(heads[i : i + n]) for i in range(0, len(heads), n)]
    if any(set(order) != set(_APPEAL_COLUMNS) for order in orders):
        return None
    return orders


def _appeal_columns_as_rows(tokens: list[Token]) -> dict[str, tuple[tuple[str, ...], list[Token]]] | None:
    """Table 四 transposed: one row per result (结果维持 a b c …) under the three groups as columns.

    Read only when the header names all three groups, in the order their values
    follow, and at least four result rows hold exactly three cells each.
    """
    order: list[str] = []
    rows: dict[str, list[Token]] = {}
    current: list[Token] | None = None
    for tok in tokens:
        if is_value_text(tok.text):
            if current is not None:
                current.append(tok)
            continue
        current = None
        column = _APPEAL_COLUMN_OF.get(_flat(tok.text))
        if column is not None and len(order) == len(_APPEAL_GROUPS) and column not in rows:
            current = rows[column] = []
            continue
        group = _appeal_group(tok.text)
        if group is not None and group not in order and not rows:
            order.append(group)
    three = {c: v for c, v in rows.items() if len(v) == len(_APPEAL_GROUPS)}
    if len(order) != len(_APPEAL_GROUPS) or len(three) < 4:
        return None
    return {c: (tuple(f"{g}.{c}" for g in order), v) for c, v in three.items()}


def _appeal_long_form(tokens: list[Token]) -> tuple[tuple[str, ...], list[Token]] | None:
    """Table 四 written long, a row per group and result (行政复议 | 结果维持 | 3, the group label
    spanning its five rows): the value right after each result under the group named last.

    Read only when at least two groups come with their five results each, every
    result once; other values (a 序号 column) are passed over.
    """
    group: str | None = None
    column: str | None = None
    cells: dict[str, Token] = {}
    for tok in tokens:
        if is_value_text(tok.text):
            if column is not None:
                key = f"{group}.{column}"
                if key in cells:
                    return None
                cells[key] = tok
            column = None
            continue
        found = _appeal_group(tok.text)
        if found is not None:
            group = found
        column = _APPEAL_COLUMN_OF.get(_flat(tok.text)) if group is not None else None
    groups = [g for g in _APPEAL_GROUPS if any(k.startswith(g + ".") for k in cells)]
    if len(groups) < 2 or len(cells) != len(groups) * len(_APPEAL_COLUMNS):
        return None
    keys = tuple(cells)
    return keys, [cells[k] for k in keys]


def _appeal_rows(tokens: list[Token]) -> tuple[dict[str, list[Token]], int]:
    """Groups written as labelled rows (行政复议 0 0 0 0 0 …), and the index of the last header word."""
    rows: dict[str, list[Token]] = {}
    current: str | None = None
    last_header = -1
    for i, tok in enumerate(tokens):
        if is_value_text(tok.text):
            if current is not None:
                rows[current].append(tok)
            continue
        group = _appeal_group(tok.text)
        taken = group is not None and any(not is_blank_text(t.text) for t in rows.get(group, ()))
        current = None if taken else group  # a group named in the header is named again by its row
        if current is not None:
            rows[current] = []
        if group is not None or _appeal_known(tok.text):
            last_header = i
    return {g: v for g, v in rows.items() if any(not is_blank_text(t.text) for t in v)}, last_header

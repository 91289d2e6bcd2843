"""Stage 3 for plain text: normalized text → blocks.

Flattened reports come in a handful of layouts, often mixed in one file:

- pipe rows, ``a | b | c |`` (crawler output, Markdown tables): one ``Grid``
  row per line; a Markdown separator line is skipped;
- tab-separated cells on one line (a spreadsheet pasted as text): one row per line;
- cells on tab-indented lines (Word "save as text"): a run of ``\\t`` lines
  is one row, an empty line ends the row, a bare ``\\t`` is a blank cell, and
  a short unindented line right after a cell continues it (a header split over
  two lines, 本年新 / 制作数量);
- one cell per line, blank cells as whitespace-only (NBSP) lines: every line
  a ``Paragraph``; a whitespace-only line is a blank cell (``Paragraph("")``).
  In double-spaced files (every line followed by an empty line) empty lines
  only separate; elsewhere they carry nothing.

- a table laid out with runs of spaces (``pdftotext -layout``): where the
  values line up in columns and some cells are empty, each row a ``Grid`` row
  with its empty cells in place (see ``_aligned_rows``).

Page footers (``第 3 页``, ``- 3 -``) are dropped. Provenance of every block
and cell: 1-based line and the character span in the normalized text. Grids
are not padded: a pipe row keeps exactly the cells it wrote.
"""

from __future__ import annotations

import re
from itertools import accumulate, count, pairwise
from typing import NamedTuple

from ..model import Provenance
from .blocks import Block, Grid, GridCell, Paragraph, grid_cell, paragraph, text_provenance
from .numbers import is_value_text

_MD_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PAGE_FOOTER = re.compile(
    r"^\s*(?:第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?|[-—]\s*\d+\s*[-—]|\d+\s*/\s*\d+|"
    r"page\s*\d+(?:\s*of\s*\d+)?)\s*$",
    re.I,
)
_RULE = re.compile(r"^\s*[-=_*]{3,}\s*$")  # a horizontal rule, not a cell
_FOOTER_OR_RULE = re.compile(f"(?:{_PAGE_FOOTER.pattern})|(?:{_RULE.pattern})", re.I)
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+|^\s*>\s*")
_HEADING_LIKE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|第二十条)")
_CONTINUATION_MAX = 20


class _Line(NamedTuple):
    number: int  # 1-based
    start: int  # offset of the line in the text
    text: str


# What a line is, as module functions: the layout passes ask per line, and a compiled caller reaches a
# function directly where a property goes through an attribute lookup.


def _blank(line: _Line) -> bool:
    """Whitespace only, and not a tab-indented (blank) cell."""
    return line.text.strip() == "" and not line.text.startswith("\t")


def _tsv(line: _Line) -> bool:
    """Cells separated by tabs on one line (a spreadsheet pasted as text)."""
    return "\t" in line.text.strip()


def _lines(text: str) -> list[_Line]:
    parts = text.split("\n")
    starts = accumulate([len(p) + 1 for p in parts], initial=0)
    make = tuple.__new__  # _Line's own __new__ adds a Python call per line
    return [make(_Line, line) for line in zip(count(1), starts, parts)]


def _prov(line: _Line, a: int, b: int) -> Provenance:
    return text_provenance(line.number, line.start + a, line.start + b)


def _stripped(line: _Line, a: int, b: int) -> tuple[str, Provenance]:
    """The text of ``line[a:b]`` without surrounding whitespace, and its provenance."""
    seg = line.text[a:b]
    lead = len(seg) - len(seg.lstrip())
    text = seg.strip()
    return text, _prov(line, a + lead, a + lead + len(text))


def _double_spaced(lines: list[_Line]) -> bool:
    """Whether empty lines merely separate (every line followed by one empty line)."""
    empty = [not ln.text for ln in lines]
    content = empty.count(False)
    if content < 8:
        return False
    spaced = sum(1 for i in range(len(empty) - 2) if not empty[i] and empty[i + 1] and not empty[i + 2])
    return spaced >= 0.6 * content


def text_blocks(text: str) -> list[Block]:
    """The blocks of a normalized plain-text (or Markdown) document, in order."""
    lines = _lines(text)
    double = _double_spaced(lines)
    aligned = _aligned_rows(lines) if "  " in text else {}
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        s = line.text
        if aligned and line.number in aligned:
            blocks.append(Grid([aligned[line.number]], Provenance("text", line=line.number)))
            i += 1
        elif not s:
            j = i
            while j < n and not lines[j].text:
                j += 1
            if double and j - i >= 3:  # in double-spaced text, 2k+1 empty lines hold k blank cells
                blocks.extend(
                    paragraph("", _prov(lines[i + 1 + 2 * k], 0, 0)) for k in range((j - i - 1) // 2)
                )
            i = j
        elif "|" in s:
            grid, i = _pipe_grid(lines, i)
            blocks.append(grid)
        elif s[0] == "\t":
            grid, i = _tab_grid(lines, i)
            blocks.append(grid)
        elif "\t" in s and _tsv(line):
            grid, i = _tsv_grid(lines, i)
            blocks.append(grid)
        else:
            if not _FOOTER_OR_RULE.match(s):
                blocks.append(_paragraph(line))
            i += 1
    return blocks


def _paragraph(line: _Line) -> Paragraph:
    s = line.text
    m = _MD_HEADING.match(s)
    a = m.end() if m else 0
    seg = s[a:] if a else s
    text = seg.strip()
    lead = a + (len(seg) - len(seg.lstrip()) if text else len(seg))
    start = line.start + lead
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        inner = text[2:-2]
        bold = inner.strip()
        a = start + 2 + len(inner) - len(inner.lstrip())
        return paragraph(bold, text_provenance(line.number, a, a + len(bold)))
    return paragraph(text, text_provenance(line.number, start, start + len(text)))


def _pipe_cells(line: _Line, markdown: bool) -> list[GridCell]:
    s = line.text
    pieces = s.split("|")
    if not pieces[-1].strip():
        pieces.pop()  # the text after the terminating pipe
    skip_first = markdown and not pieces[0].strip()  # Markdown's leading pipe opens the row
    cells: list[GridCell] = []
    offset = line.start
    number = line.number
    for k, piece in enumerate(pieces):
        if k or not skip_first:
            text = piece.strip()
            a = offset + (len(piece) - len(piece.lstrip()) if text else 0)
            cells.append(grid_cell(text, text_provenance(number, a, a + len(text))))
        offset += len(piece) + 1
    return cells


def _pipe_grid(lines: list[_Line], i: int) -> tuple[Grid, int]:
    """Consecutive pipe lines (empty lines between them allowed) as one grid.

    When every line starts with a pipe the table is Markdown and the leading
    pipe only opens the row; otherwise a leading pipe closes an empty first
    cell (a row whose label is blank).
    """
    start = lines[i]
    group: list[_Line] = []
    while i < len(lines):
        line = lines[i]
        if not line.text:
            j = i
            while j < len(lines) and not lines[j].text:
                j += 1
            if j < len(lines) and "|" in lines[j].text:
                i = j
                continue
            break
        if "|" not in line.text:
            break
        if not _MD_SEPARATOR.match(line.text):
            group.append(line)
        i += 1
    markdown = all(line.text.lstrip().startswith("|") for line in group)
    rows = [_pipe_cells(line, markdown) for line in group]
    return Grid(rows, Provenance("text", line=start.number)), i


def _tsv_grid(lines: list[_Line], i: int) -> tuple[Grid, int]:
    """Consecutive lines of tab-separated cells (empty lines between them allowed), one row each."""
    start = lines[i]
    rows: list[list[GridCell]] = []
    while i < len(lines) and (_tsv(lines[i]) or not lines[i].text):
        if _tsv(lines[i]):
            rows.append(_tab_cells(lines[i], 0))
        i += 1
    return Grid(rows, Provenance("text", line=start.number)), i


def _tab_cells(line: _Line, skip: int = 1) -> list[GridCell]:
    """The cells of a line split at tabs, after ``skip`` leading characters (the indenting tab)."""
    body = line.text[skip:]
    cells = []
    pos = skip
    for piece in body.split("\t"):
        text, prov = _stripped(line, pos, pos + len(piece))
        cells.append(grid_cell(text, prov))
        pos += len(piece) + 1
    return cells


def _continues(line: _Line, row: list[GridCell]) -> bool:
    """A short unindented line right after a label cell continues that cell (本年新 / 制作数量)."""
    if not row or not row[-1].text or is_value_text(row[-1].text):
        return False
    text = line.text.strip()
    return 0 < len(text) <= _CONTINUATION_MAX and not _HEADING_LIKE.match(text) and "|" not in text


def _tab_grid(lines: list[_Line], i: int) -> tuple[Grid, int]:
    rows: list[list[GridCell]] = []
    row: list[GridCell] = []
    start = lines[i]
    previous_tabbed = False
    while i < len(lines):
        line = lines[i]
        if line.text.startswith("\t"):
            row.extend(_tab_cells(line))
            previous_tabbed = True
        elif _blank(line):
            if row:
                rows.append(row)
                row = []
            j = i
            while j < len(lines) and _blank(lines[j]):
                j += 1
            if j >= len(lines) or not lines[j].text.startswith("\t"):
                i = j
                break
            i = j
            previous_tabbed = False
            continue
        elif previous_tabbed and _continues(line, row):
            last = row[-1]
            text, prov = _stripped(line, 0, len(line.text))
            span = (last.provenance.span or prov.span or (0, 0))[0], (prov.span or (0, 0))[1]
            row[-1] = GridCell(last.text + text, Provenance("text", line=last.provenance.line, span=span))
        else:
            break
        i += 1
    if row:
        rows.append(row)
    return Grid(rows, Provenance("text", line=start.number)), i


# -- tables laid out with runs of spaces (pdftotext -layout) ------------------------------------

_WORDS = re.compile(r"\S+")
_WIDE = re.compile(r"\s{2,}")
_ALIGN = 2.0  # characters: value centres this close are one column
_FIELD_MAX = 40  # a line of one text field this long is prose, not a piece of a label
_NEAR = 0.75  # of the narrowest column spacing: a value this near a column is in it


class _Aligned(NamedTuple):
    """A line ending in values set off by runs of spaces: its label fields and its values (spans)."""

    line: _Line
    labels: list[tuple[int, int]]
    values: list[tuple[int, int]]


def _aligned(line: _Line) -> _Aligned | None:
    s = line.text
    words = [(m.start(), m.end()) for m in _WORDS.finditer(s)]
    k = len(words)
    while k > 0 and is_value_text(s[words[k - 1][0] : words[k - 1][1]]):
        k -= 1
    if k == len(words) or (k and not _WIDE.fullmatch(s[words[k - 1][1] : words[k][0]])):
        return None
    labels: list[tuple[int, int]] = []
    for a, b in words[:k]:
        if labels and not _WIDE.fullmatch(s[labels[-1][1] : a]):
            labels[-1] = (labels[-1][0], b)
        else:
            labels.append((a, b))
    return _Aligned(line, labels, words[k:])


def _ends_run(s: str) -> bool:
    """A line that is not part of a table laid out with spaces: a page break or footer, a header of
    several fields, a heading or prose."""
    text = s.strip()
    return (
        "\f" in s
        or "|" in s
        or "\t" in text
        or bool(_FOOTER_OR_RULE.match(s))
        or len(text) > _FIELD_MAX
        or "情况" in text
        or len(_WIDE.split(text)) > 1
    )


def _aligned_rows(lines: list[_Line]) -> dict[int, list[GridCell]]:
    """Rows of tables laid out with runs of spaces, their empty cells put back where the columns show them.

    ``pdftotext -layout`` prints a table's values where they stand on the page,
    an empty cell as spaces. Within a run of such lines (a page break, a page
    footer, a header of several fields or a line of prose ends it), the centres
    of the values make the columns; a run of one row takes them from the
    header of several fields right above it (信息内容 | 上一年项目数量 | 本年增/减),
    its first field the label's. Where every value falls in one column of its
    own and some row leaves a column empty, the run's lines become grid rows
    (line numbers → rows) with their empty cells in place; otherwise they are
    left as they are.
    """
    rows: dict[int, list[GridCell]] = {}
    run: list[_Aligned] = []
    heads: list[float] = []
    for line in lines:
        s = line.text
        wide = "  " in s
        if not (wide or run or heads):
            continue  # nothing to end, and not a line of a table laid out with spaces
        found = _aligned(line) if wide and "|" not in s and "\t" not in s and "\f" not in s else None
        if found is not None:
            run.append(found)
        elif s.strip() and _ends_run(s):
            rows.update(_in_place(run, heads))
            run = []
            fields = [(m.start(), m.end()) for m in _FIELDS.finditer(s)] if wide else []
            heads = (
                [(a + b) / 2 for a, b in fields[1:]]
                if len(fields) > 2 and not _FOOTER_OR_RULE.match(s)
                else []
            )
    rows.update(_in_place(run, heads))
    return rows


_FIELDS = re.compile(r"\S+(?: \S+)*")  # text set off by runs of spaces


def _in_place(run: list[_Aligned], heads: list[float]) -> dict[int, list[GridCell]]:
    """The run's rows with their empty cells in place, or nothing when the columns are not clear.

    The row with the most values gives the first columns (the header's, when it
    names more); a value farther from
    every column than 3/4 of their narrowest spacing opens a column of its own
    (a column that row leaves empty). pdftotext may set a value a few
    characters off its column after a long label, hence the wide tolerance.
    """
    ordered = sorted(run, key=lambda r: -len(r.values))
    if not run or (len(run) < 2 and len(heads) <= len(run[0].values)):
        return {}
    widest = sorted((a + b) / 2 for a, b in ordered[0].values)
    mids = heads if len(heads) > len(widest) else widest
    spacing = min((y - x for x, y in pairwise(mids)), default=2 * _ALIGN / _NEAR)
    near = max(_ALIGN, _NEAR * spacing)
    added: list[list[float]] = []  # columns the first row leaves empty, with the values in them
    for r in ordered:
        for a, b in r.values:
            c = (a + b) / 2
            if min(abs(c - m) for m in mids) <= near:
                continue
            column = next((col for col in added if abs(col[0] - c) <= near), None)
            if column is None:
                added.append([c])
            else:
                column.append(c)
    # a column only one value stands in, in a longer run, is that line's own misplacement
    mids = sorted([*mids, *(col[0] for col in added if len(col) > 1 or len(run) < 3)])
    if any(y - x <= _ALIGN for x, y in pairwise(mids)):
        return {}
    placed: dict[int, list[GridCell]] = {}
    empty = False
    for r in run:
        slots = [min(range(len(mids)), key=lambda k: abs(mids[k] - (a + b) / 2)) for a, b in r.values]
        if any(abs(mids[k] - (a + b) / 2) > near for k, (a, b) in zip(slots, r.values, strict=True)):
            continue  # a line off the columns is left as it is
        if any(y <= x for x, y in pairwise(slots)):
            return {}
        empty = empty or len(slots) < len(mids)
        # a line of values alone opens with an empty label cell (its label is on the line above)
        labels = [grid_cell(*_stripped(r.line, a, b)) for a, b in r.labels]
        cells = labels or [grid_cell("", _prov(r.line, 0, 0))]
        by_slot = dict(zip(slots, r.values, strict=True))
        for k, mid in enumerate(mids):
            a, b = by_slot.get(k, (round(mid), round(mid)))
            cells.append(grid_cell(r.line.text[a:b], _prov(r.line, a, b)))
        placed[r.line.number] = cells
    return placed if empty else {}

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

Page footers (``第 3 页``, ``- 3 -``) are dropped. Provenance of every block
and cell: 1-based line and the character span in the normalized text. Grids
are not padded: a pipe row keeps exactly the cells it wrote.
"""

from __future__ import annotations

import re
from itertools import accumulate, count
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

    @property
    def empty(self) -> bool:
        return self.text == ""

    @property
    def blank(self) -> bool:
        return self.text.strip() == "" and not self.tabbed

    @property
    def tabbed(self) -> bool:
        return self.text.startswith("\t")

    @property
    def tsv(self) -> bool:
        """Cells separated by tabs on one line (a spreadsheet pasted as text)."""
        return "\t" in self.text.strip()

    @property
    def piped(self) -> bool:
        return "|" in self.text


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
    blocks: list[Block] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        s = line.text
        if not s:
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
        elif "\t" in s and line.tsv:
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
        if line.empty:
            j = i
            while j < len(lines) and lines[j].empty:
                j += 1
            if j < len(lines) and lines[j].piped:
                i = j
                continue
            break
        if not line.piped:
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
    while i < len(lines) and (lines[i].tsv or lines[i].empty):
        if lines[i].tsv:
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
        if line.tabbed:
            row.extend(_tab_cells(line))
            previous_tabbed = True
        elif line.blank:
            if row:
                rows.append(row)
                row = []
            j = i
            while j < len(lines) and lines[j].blank and not lines[j].tabbed:
                j += 1
            if j >= len(lines) or not lines[j].tabbed:
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

"""The one intermediate form every document format is turned into.

A document is a sequence of blocks: a ``Paragraph`` (a line or paragraph of
prose, or a flattened table line) or a ``Grid`` (a table whose cells the
format already delimits: HTML, DOCX, PDF, pipe/tab-separated text). Front ends
(text, HTML, DOCX, PDF) produce blocks; later stages (locate, cells, resolve,
meta, prose) never look at the original format again. Every piece of text
keeps its provenance.

What the HTML, DOCX and PDF front ends promise about grids:

* Text inside a cell keeps its line breaks as ``\n`` (``<br>``, one DOCX
  paragraph per line, PDF lines wrapped in a cell); other whitespace runs are
  one space. A wrapped label therefore needs its ``\n`` removed before label
  matching.
* A merged cell's copies carry the anchor's text and provenance and
  ``origin``; the anchor alone carries ``rowspan``/``colspan``.
* Only innermost tables become grids: a table holding another table is page
  layout, and its cells are read as flow (paragraphs and inner grids, in order).
* PDF: a table broken over pages comes as ONE grid — repeated header rows are
  dropped, a merged cell cut by the page break goes on as copies, and every
  cell keeps its own page and bbox. A table printed without ruling lines is a
  grid without merges: label columns on the left, one column per column of
  numbers, a text-only line joined to the row of numbers it stands beside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, NamedTuple

from ..model import Provenance

_new_tuple: Final = tuple.__new__  # Final: a compiled caller holds it directly (half the cost)


class Paragraph(NamedTuple):
    """A line of text outside any delimited table (or a flattened table line)."""

    text: str
    provenance: Provenance


class GridCell(NamedTuple):
    """One position of a grid.

    A merged cell (rowspan/colspan, DOCX vMerge/gridSpan) is expanded into every
    position it covers; the copies carry ``origin`` = (row, col) of the cell that
    holds the text, so a number spanning three columns is read once, not thrice.
    Named tuples, as ``Provenance``: front ends make one per cell.
    """

    text: str
    provenance: Provenance
    origin: tuple[int, int] | None = None  # set on copies made by expanding a merge
    rowspan: int = 1
    colspan: int = 1

    @property
    def is_copy(self) -> bool:
        return self.origin is not None


@dataclass
class Grid:
    """A table as a rectangular list of rows (merges expanded, short rows padded)."""

    rows: list[list[GridCell]] = field(default_factory=list)
    provenance: Provenance | None = None  # where the table starts (table index, page)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Grid

# Front ends make one provenance and one cell per table position. These build
# them as one tuple each, without the generated ``__new__``'s keyword defaults,
# and as module functions the compiled reader calls directly (a named tuple's
# own methods and ``_replace`` stay interpreted Python).


def text_provenance(line: int, start: int, end: int) -> Provenance:
    """``Provenance("text", line, (start, end))``."""
    return _new_tuple(Provenance, ("text", line, (start, end), None, None, None, None, None, None))


def line_provenance(kind: str, line: int | None) -> Provenance:
    """``Provenance(kind, line=line)`` (a paragraph of a web page or a Word file)."""
    return _new_tuple(Provenance, (kind, line, None, None, None, None, None, None, None))


def cell_provenance(kind: str, table: int, row: int, col: int) -> Provenance:
    """``Provenance(kind, table=table, row=row, col=col)``."""
    return _new_tuple(Provenance, (kind, None, None, table, row, col, None, None, None))


def paragraph(text: str, provenance: Provenance) -> Paragraph:
    """``Paragraph(text, provenance)``."""
    return _new_tuple(Paragraph, (text, provenance))


def grid_cell(text: str, provenance: Provenance) -> GridCell:
    """``GridCell(text, provenance)``."""
    return _new_tuple(GridCell, (text, provenance, None, 1, 1))


def merged_cell(text: str, provenance: Provenance, rowspan: int, colspan: int) -> GridCell:
    """The anchor of a merged cell."""
    return _new_tuple(GridCell, (text, provenance, None, rowspan, colspan))


def cell_with_text(cell: GridCell, text: str) -> GridCell:
    """The same cell with another text (normalized)."""
    return _new_tuple(GridCell, (text, *cell[1:]))


_CELL_TABLE_MAX = 4  # cells of a table that is a cell's content, not a table of the report


def holds_cell_tables(inner_sizes: list[int], own_rows: int, own_cells: int) -> bool:
    """Whether the tables inside a table are only its cells' content (a diagonal header cell drawn as
    a two-row table), so the outer one is a data table rather than page layout: each inner table
    holds a few cells (``inner_sizes``), and the outer one has rows and cells of its own. One rule
    for the HTML and DOCX front ends, which count in their own trees."""
    return max(inner_sizes) <= _CELL_TABLE_MAX and own_rows >= 3 and own_cells >= 9

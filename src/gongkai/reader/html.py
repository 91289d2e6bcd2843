"""HTML front end: a web page → paragraphs and grids, in document order.

Given HTML bytes (any of the encodings ``decode_bytes`` knows) or text, return
blocks. Tables that hold no other table become ``Grid``s with rowspan/colspan
expanded; a table that holds tables is page layout, so its cells are read as
ordinary flow and only the innermost tables become grids — unless the tables
it holds are a few cells each (a diagonal header drawn as a table): then they
are their cells' text and the table is a grid. Hidden elements (inline
``display:none`` or ``visibility:hidden`` in any case, ``hidden``, simple
``<style>`` rules: see ``css``) are dropped. Text outside tables becomes one
``Paragraph`` per block-level element, ``<br>`` line or line of a ``<pre>``.
A cell pasted from Excel that shows a dash or nothing reads the number Excel
kept in it (``x:num="0"``: a zero its number format hides).

Everything runs on lxml's C iterators: break markers are written into the
tree, the text is pulled out in one pass and split on them, so deeply nested
junk cannot reach Python's recursion limit. libxml2 stops at a nesting depth
of 2048; a page that deep is re-read with its inline and layout tags removed.
Provenance: a paragraph's ``line`` is the source line of the block element
it starts in; a cell has table/row/col (0-based, grid positions).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from lxml import etree

from ..errors import UnreadableDocumentError
from ..model import Provenance
from .blocks import (
    Block,
    Grid,
    GridCell,
    Paragraph,
    cell_provenance,
    grid_cell,
    holds_cell_tables,
    line_provenance,
    merged_cell,
    paragraph,
)
from .css import hides, stylesheet_hidden
from .decode import decode_bytes
from .numbers import is_blank_text

_BLOCK_TAGS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "section", "article", "header", "footer", "nav", "aside", "main",
    "address", "figure", "figcaption", "center", "form", "fieldset", "hr", "table", "thead",
    "tbody", "tfoot", "tr", "td", "th", "caption", "legend", "details", "summary",
)  # fmt: skip
_DROPPED_TAGS = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math")
_TABLE_TAGS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")

# Private-use characters mark structure inside the extracted text.
_START, _END, _SLOT = "\ue000", "\ue003", "\ue001"  # block start: _START<line>_END; end/br: _START_END
_MARK = re.compile(r"\ue000(\d*)\ue003|\ue001(\d+)\ue001")
_SPAN = re.compile(r"\s*(\d+)")
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ue000-\ue003\ufeff\ufffe\uffff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
_COUNT_ROWS = etree.XPath("count(.//tr)")
_COUNT_CELLS = etree.XPath("count(.//td | .//th)")
# Attribute values, filtered in Python: an XPath translate() over every styled element costs 3x more.
# (the parser lower-cases names, not values: DISPLAY: NONE from old editors is matched too)
_HIDDEN = etree.XPath(  # display, Display, DISPLAY; visibility in any case
    "//@style[contains(., 'isplay') or contains(., 'ISPLAY')"
    " or contains(., 'ibility') or contains(., 'IBILITY')] | //@hidden"
)

_EXCEL_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")  # the value of a cell pasted from Excel (x:num="0")

_MAX_COLSPAN = 1000  # the HTML standard's limit
_MAX_POSITIONS = 200_000  # a real report's tables hold a few hundred cells

_PARSER = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)


def html_blocks(data: bytes | str, *, encoding: str | None = None) -> list[Block]:
    """Blocks of an HTML document; ``encoding`` overrides detection for bytes input."""
    text = decode_bytes(data, encoding).text if isinstance(data, bytes) else data
    root = _parse(text)
    if root is None:
        return []
    return _Extractor(root).blocks()


def _parse(text: str) -> etree._Element | None:
    """The document tree, or None for an empty page."""
    text = _UNSAFE.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        return None
    try:
        root = etree.fromstring(text, _PARSER)  # None for a page of comments or stray markup
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in _PARSER.error_log):
            root = etree.fromstring(_flatten_markup(text), _PARSER)
    except (ValueError, etree.LxmlError) as exc:
        raise UnreadableDocumentError(f"HTML 无法解析 / cannot parse this HTML: {exc}") from exc
    return root


_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)[^>]*>")
_KEEP = frozenset((*_TABLE_TAGS, "br", "title", "head", "body", "html", "meta"))
_BREAK = frozenset(_BLOCK_TAGS)


def _flatten_markup(text: str) -> str:
    """Keep table structure, turn block tags into ``<br>`` and drop the rest (too-deep pages)."""

    def tag(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        if name in _KEEP:
            return m.group(0)
        return "<br>" if name in _BREAK else ""

    return _TAG.sub(tag, _SCRIPT.sub("", text))


class _Extractor:
    """One document's tree → blocks (the tree is modified while reading it)."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.grids: list[Grid] = []

    def blocks(self) -> list[Block]:
        title = self._title()
        self._prune()
        self._replace_tables()
        self._mark_breaks()
        out: list[Block] = []
        line: int | None = None
        pos = 0
        flow = _text(self.root)
        for m in _MARK.finditer(flow):
            self._paragraphs(flow[pos : m.start()], line, out)
            pos = m.end()
            if m.group(2) is not None:
                out.append(self.grids[int(m.group(2))])
            elif m.group(1):
                line = int(m.group(1))
        self._paragraphs(flow[pos:], line, out)
        if title and not _starts_with(out, title):
            out.insert(0, paragraph(title, line_provenance("html", 1)))
        return out

    def _title(self) -> str | None:
        el = self.root.find(".//title")
        if el is None:
            return None
        return _collapse(_text(el)) or None

    def _prune(self) -> None:
        hidden = [
            attr.getparent()
            for attr in cast(list[etree._ElementUnicodeResult], _HIDDEN(self.root))
            if attr.attrname == "hidden" or hides(attr)
        ]
        hidden += stylesheet_hidden(self.root)
        for el in hidden:
            if el is not None and el is not self.root and el.getparent() is not None:
                _drop(el)
        etree.strip_elements(self.root, *_DROPPED_TAGS, with_tail=False)

    def _mark_breaks(self) -> None:
        for el in self.root.iter(*_BLOCK_TAGS):
            if el.tag == "pre":
                _pre_lines(el)
            el.text = f"{_START}{el.sourceline or ''}{_END}{el.text or ''}"
            el.tail = f"{_START}{_END}{el.tail or ''}"
        for el in self.root.iter("br"):
            el.tail = f"{_START}{_END}{el.tail or ''}"

    def _replace_tables(self) -> None:
        tables = list(self.root.iter("table"))
        holders = [t for t in tables if t.find(".//table") is not None]
        flattened = False
        for outer in holders:
            inner = outer.findall(".//table")  # none left when an outer table flattened them already
            if inner and _is_cell_content(outer, inner):
                for el in (e for t in inner for e in t.iter(*_TABLE_TAGS)):
                    el.tag = "div"
                flattened = True
        if flattened:  # cell tables are text now: the innermost tables are others
            tables = list(self.root.iter("table"))
            holders = [t for t in tables if t.find(".//table") is not None]
        held = set(holders)
        for table in (t for t in tables if t not in held):
            index = len(self.grids)
            self.grids.append(_grid(table, index))
            slot = etree.Element("span")
            slot.text = f"{_SLOT}{index}{_SLOT}"
            slot.tail = table.tail
            parent = table.getparent()
            if parent is None:  # the parser always wraps content in <html>
                raise UnreadableDocumentError("HTML 结构异常 / malformed HTML: a table without a parent")
            parent.replace(table, slot)

    @staticmethod
    def _paragraphs(chunk: str, line: int | None, out: list[Block]) -> None:
        text = _collapse(chunk)
        if text:
            out.append(paragraph(text, line_provenance("html", line)))


def _pre_lines(pre: etree._Element) -> None:
    """Each line of preformatted text breaks like ``<br>`` (a table typed as text in ``<pre>``)."""
    br = f"{_START}{_END}"
    for el in pre.iter():
        if el.text:
            el.text = el.text.replace("\n", br)
        if el is not pre and el.tail:
            el.tail = el.tail.replace("\n", br)


def _is_cell_content(outer: etree._Element, inner: list[etree._Element]) -> bool:
    """Whether a table's inner tables are only its cells' content (``holds_cell_tables``), counted
    in the HTML tree."""
    sizes = [_count(_COUNT_CELLS, t) for t in inner]
    rows = _count(_COUNT_ROWS, outer) - sum(_count(_COUNT_ROWS, t) for t in inner)
    return holds_cell_tables(sizes, rows, _count(_COUNT_CELLS, outer) - sum(sizes))


def _count(path: etree.XPath, el: etree._Element) -> int:
    return int(cast(float, path(el)))


def _drop(el: etree._Element) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    parent = el.getparent()
    assert parent is not None
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _starts_with(blocks: list[Block], text: str) -> bool:
    first = next((b for b in blocks if isinstance(b, Paragraph)), None)
    return first is not None and first.text.replace(" ", "") == text.replace(" ", "")


def _text(el: etree._Element) -> str:
    """All text under an element (an HTML tree holds str only)."""
    return "".join(cast(Iterator[str], el.itertext()))


def _collapse(text: str) -> str:
    """Whitespace runs (spaces, NBSP, 全角空格, newlines) → one space, trimmed."""
    return " ".join(text.split())


def _cell_text(cell: etree._Element) -> str:
    """A cell's text; ``<br>`` and block children become ``\\n``."""
    if len(cell) == 0:
        return _collapse(cell.text or "")
    for el in cell.iter("br", *_BLOCK_TAGS):
        if el is not cell:
            el.tail = f"{_START}{el.tail or ''}"
            if el.tag != "br":
                el.text = f"{_START}{el.text or ''}"
    parts = _text(cell).split(_START)
    return "\n".join(line for line in map(_collapse, parts) if line)


def _span(value: str | None) -> int:
    """A rowspan/colspan attribute's number (1 when absent or unreadable)."""
    if value is None:
        return 1
    if value.isdigit():
        return int(value)
    m = _SPAN.match(value)
    return int(m.group(1)) if m else 1


def _place_merged(slots: list[list[GridCell | None]], r: int, c: int, anchor: GridCell) -> None:
    """Put a merged cell at (r, c) and its copies in the free positions it covers."""
    rows, cols = anchor.rowspan, anchor.colspan
    copy = GridCell(anchor.text, anchor.provenance, origin=(r, c))
    while len(slots) < r + rows:
        slots.append([])
    for dr in range(rows):
        target = slots[r + dr]
        if len(target) < c + cols:
            target.extend([None] * (c + cols - len(target)))
        for dc in range(cols):
            if target[c + dc] is None:
                target[c + dc] = copy if dr or dc else anchor


def _grid(table: etree._Element, index: int) -> Grid:
    """A table without nested tables → a rectangular grid with merges expanded once.

    One pass over the table's rows and cells (lxml's per-row child iterators
    cost more than the cells' own work).
    """
    slots: list[list[GridCell | None]] = []
    n_rows = int(cast(float, _COUNT_ROWS(table)))
    positions = 0
    r = -1
    row: list[GridCell | None] = []
    c = 0
    for td in table.iter("tr", "td", "th"):
        if td.tag == "tr":
            r += 1
            if r == len(slots):
                slots.append([])
            row = slots[r]
            c = 0
            continue
        if r < 0:  # a cell before any row: not part of the grid
            continue
        while c < len(row) and row[c] is not None:
            c += 1
        names = td.keys()  # one call for the attributes a cell may carry (most carry none)
        rows = cols = 1
        if "rowspan" in names or "colspan" in names:
            rows = _span(td.get("rowspan"))
            rows = n_rows - r if rows == 0 else min(rows, n_rows - r)
            cols = min(max(_span(td.get("colspan")), 1), _MAX_COLSPAN)
        positions += rows * cols
        if positions > _MAX_POSITIONS:
            raise UnreadableDocumentError(
                f"表格过大（超过 {_MAX_POSITIONS} 个单元格）/ a table is too large to be a report table"
            )
        text = _cell_text(td)
        if "x:num" in names and is_blank_text(text):  # pasted from Excel: a zero its format hides
            held = td.get("x:num", "")
            if _EXCEL_NUMBER.fullmatch(held):
                text = held
        prov = cell_provenance("html", index, r, c)
        if rows * cols > 1:
            _place_merged(slots, r, c, merged_cell(text, prov, rows, cols))
        elif c == len(row):  # most cells: no merge, appended
            row.append(grid_cell(text, prov))
        else:
            row[c] = grid_cell(text, prov)
        c += cols
    width = max((len(row) for row in slots), default=0)
    rows_out = [
        [
            cell if cell is not None else grid_cell("", cell_provenance("html", index, r, c))
            for c, cell in enumerate(row + [None] * (width - len(row)))
        ]
        for r, row in enumerate(slots)
    ]
    return Grid(rows_out, Provenance("html", table=index, line=cast(int | None, table.sourceline)))

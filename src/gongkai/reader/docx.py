"""DOCX front end: a Word file → paragraphs and grids, in body order.

Given the bytes of a .docx, return blocks. Only the main document part is
unzipped and parsed, straight with lxml: python-docx's ``Document()`` parses
every part of the package (styles, numbering, theme…) and costs ~16 ms a
file, six times this whole reader; its proxy objects also repeat a merged
cell at every grid position (``row.cells``) and reject the odd attribute
values real files carry. (python-docx still writes the test fixtures.)
Merges — ``gridSpan`` across, ``vMerge`` down, legacy ``hMerge`` — are
expanded once with origin marks, and ``gridBefore`` keeps rows aligned. A table holding another table
is layout: its cells are read as flow and the inner tables become grids (unless the inner tables are
a few cells each: a diagonal header drawn as a table is its cell's text). Rows and cells wrapped in
content controls or custom XML are looked through; a Strict Open XML file is read as the usual one.
Text boxes (floating shapes: seals, captions, stamps) are skipped — their
place in the reading order is undefined and Word stores them twice (the
drawing and its VML fallback) — unless one holds a table: that box is read
once, from the drawing, right after the paragraph it is anchored in. Text
deleted or moved away with tracked changes (``w:del``, ``w:moveFrom``, a
deleted row), hidden text (``w:vanish``) and the placeholder of an empty
content control are not read; insertions are. A Word 2003 XML document (``wordml_blocks``) is
read by the same walk. Provenance: a paragraph's ``line`` is its
1-based position among the document's paragraphs; a cell has table/row/col.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import cast

from lxml import etree

from ..errors import UnreadableDocumentError
from ..model import Provenance
from .blocks import Block, Grid, GridCell, Paragraph, holds_cell_tables
from .html import html_blocks
from .mht import is_mht, mht_blocks

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_P, _TBL, _TR, _TC = f"{{{_W}}}p", f"{{{_W}}}tbl", f"{{{_W}}}tr", f"{{{_W}}}tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{{{_W}}}sdt", f"{{{_W}}}sdtContent", f"{{{_W}}}customXml"
_T, _TAB, _BR, _CR = f"{{{_W}}}t", f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}cr"
_R, _NB_HYPHEN, _VAL = f"{{{_W}}}r", f"{{{_W}}}noBreakHyphen", f"{{{_W}}}val"
_TR_PR, _TC_PR, _GRID_BEFORE, _GRID_SPAN = (
    f"{{{_W}}}{n}" for n in ("trPr", "tcPr", "gridBefore", "gridSpan")
)
_V_MERGE, _H_MERGE, _TXBX = f"{{{_W}}}vMerge", f"{{{_W}}}hMerge", f"{{{_W}}}txbxContent"
_DEL, _MOVE_FROM, _PLACEHOLDER = f"{{{_W}}}del", f"{{{_W}}}moveFrom", f"{{{_W}}}showingPlcHdr"
_VANISH, _ALT_CHUNK = f"{{{_W}}}vanish", f"{{{_W}}}altChunk"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_AUX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
_WRAPPERS = (_SDT, _CUSTOM_XML, *(f"{_AUX}{n}" for n in ("sect", "sub-section", "pBdrGroup")))  # read through
_MAX_CHUNK_DEPTH = 2  # a chunk that is a .docx may hold chunks of its own
_FALLBACK = f"{{{_NS['mc']}}}Fallback"
_DIGITS = re.compile(r"\s*(\d+)")

# Run content of a paragraph, leaving out text boxes and their VML fallback copies, text deleted or
# moved away with tracked changes, the placeholder an empty content control shows (单击此处输入文字),
# and hidden text (template instructions).
_RUN_PARTS = etree.XPath(
    ".//w:r[not(ancestor::w:txbxContent or ancestor::mc:Fallback or ancestor::w:del or ancestor::w:moveFrom"
    " or ancestor::w:sdt[w:sdtPr/w:showingPlcHdr]"
    " or w:rPr/w:vanish[not(@w:val='0' or @w:val='false' or @w:val='off')])]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces=_NS,
)
_CELL_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::w:txbxContent)]", namespaces=_NS)
_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)][.//w:tbl]", namespaces=_NS)

_MAX_SPAN = 1000
_MAX_PART_BYTES = 256 * 1024 * 1024  # guards against zip bombs
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_MAX_POSITIONS = 200_000


def docx_blocks(data: bytes) -> list[Block]:
    """Blocks of a DOCX document."""
    return _blocks(data, 0)


def _blocks(data: bytes, depth: int) -> list[Block]:
    body, main = _open_body(data)
    return list(_Walker(body, lambda rid: _alt_chunk(data, main, rid, depth)).walk(body))


_PACKAGE_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, etree.XMLSyntaxError, OSError, EOFError,
                   NotImplementedError, RuntimeError, ValueError, zlib.error)  # fmt: skip


def _open_body(data: bytes) -> tuple[etree._Element, str]:
    """The ``w:body`` of the package's main document part, and that part's name."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            main = _main_part(package)
            root = etree.fromstring(_transitional(_read_part(package, main)), _XML_PARSER)
    except _PACKAGE_ERRORS as exc:
        raise UnreadableDocumentError(
            f"不是可读的 Word (.docx) 文件 / not a readable Word .docx file: {type(exc).__name__}: {exc}"
        ) from exc
    body = root.find(f"{{{_W}}}body")
    if root.tag != f"{{{_W}}}document" or body is None:
        raise UnreadableDocumentError(
            f"压缩包不是 Word 文档（主部件 {root.tag}）/ this zip is not a Word document: {root.tag}"
        )
    return body, main


_WORDML_2003 = b"http://schemas.microsoft.com/office/word/2003/wordml"
_WORDML_NAMES = ((_WORDML_2003, _W.encode()), (b"<w:vmerge", b"<w:vMerge"), (b"<w:hmerge", b"<w:hMerge"))


def wordml_blocks(data: bytes) -> list[Block]:
    """Blocks of a Word 2003 XML document (a .doc or .xml that systems built on templates export):
    the same elements as a .docx's main part under another namespace, merges spelled ``vmerge``
    and ``hmerge``, the body wrapped in sections (``wx:sect``) and bordered paragraphs in groups."""
    for old, new in _WORDML_NAMES:
        data = data.replace(old, new)
    try:
        root = etree.fromstring(data, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocumentError(
            f"Word 2003 XML 文档已损坏 / a broken Word 2003 XML document: {exc}"
        ) from exc
    body = root.find(f"{{{_W}}}body")
    if root.tag != f"{{{_W}}}wordDocument" or body is None:
        raise UnreadableDocumentError(f"不是 Word 2003 XML 文档 / not a Word 2003 XML document: {root.tag}")
    return list(_Walker(body, lambda rid: []).walk(body))


def _alt_chunk(data: bytes, main: str, rid: str, depth: int) -> list[Block]:
    """The blocks of a ``w:altChunk``: content imported as HTML, MHT or a .docx that Word merges in
    when it opens the file (documents exported by web and office systems hold nothing else)."""
    if depth >= _MAX_CHUNK_DEPTH:
        return []
    folder, name = posixpath.split(main)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            rels = etree.fromstring(
                _read_part(package, posixpath.join(folder, "_rels", name + ".rels")), _XML_PARSER
            )
            target = next((str(r.get("Target", "")) for r in rels if r.get("Id") == rid), None)
            if target is None:
                return []
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            part = _read_part(package, posixpath.normpath(path))
    except _PACKAGE_ERRORS as exc:
        raise UnreadableDocumentError(
            f"Word 文件的导入内容无法读取 / cannot read an imported chunk of this .docx: {exc}"
        ) from exc
    if part.startswith(b"PK\x03\x04"):
        return _blocks(part, depth + 1)
    if is_mht(part):
        return mht_blocks(part)
    return html_blocks(part)


_STRICT = (
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", _W.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
)  # fmt: skip


def _transitional(part: bytes) -> bytes:
    """A Strict Open XML part (Word's "Strict Open XML Document") in the usual namespaces, which the
    two formats share everything this reader looks at under."""
    if _STRICT[0][0] not in part[:4096]:
        return part
    for strict, usual in _STRICT:
        part = part.replace(strict, usual)
    return part


def _main_part(package: zipfile.ZipFile) -> str:
    """The main document part's name, from the package relationships (word/document.xml as a rule)."""
    if "_rels/.rels" not in package.namelist():
        return "word/document.xml"
    rels = etree.fromstring(_read_part(package, "_rels/.rels"), _XML_PARSER)
    for rel in rels:
        if str(rel.get("Type", "")).endswith("/officeDocument"):
            return posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
    return "word/document.xml"


def _read_part(package: zipfile.ZipFile, name: str) -> bytes:
    try:
        info = package.getinfo(name)
    except KeyError as exc:
        raise UnreadableDocumentError(
            f"压缩包里没有 Word 正文 {name} / the zip holds no Word document part {name}"
        ) from exc
    if info.file_size > _MAX_PART_BYTES:
        raise UnreadableDocumentError(
            f"Word 正文过大（{info.file_size} 字节）/ the Word document is too large: {info.file_size} bytes"
        )
    return package.read(info)


def _select(path: etree.XPath, el: etree._Element) -> list[etree._Element]:
    """The elements an XPath selects (typed: these paths select elements only)."""
    return cast(list[etree._Element], path(el))


def paragraph_text(p: etree._Element, *, plain: bool = False) -> str:
    """A paragraph's visible text; tabs as ``\\t`` and line breaks as ``\\n``.

    ``plain``: the document has no text boxes, so every run counts and a
    quick walk replaces the XPath that leaves text boxes out.
    """
    if plain:
        parts_of: Iterator[etree._Element] = (
            el for el in p.iter(_T, _TAB, _BR, _CR, _NB_HYPHEN) if el.tag != _TAB or _in_run(el)
        )
    else:
        parts_of = iter(_select(_RUN_PARTS, p))
    parts: list[str] = []
    for el in parts_of:
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        else:
            parts.append("-")
    return "".join(parts)


def _in_run(el: etree._Element) -> bool:
    parent = el.getparent()
    return parent is not None and parent.tag == _R  # not a tab stop of the paragraph's properties


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = _child(child, _SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child, tag)


class _Walker:
    """Body elements in reading order → blocks; tables numbered as they come."""

    def __init__(self, body: etree._Element, chunk: Callable[[str], list[Block]]) -> None:
        self.chunk = chunk  # the blocks of an altChunk, by relationship id
        self.tables = 0
        self.paragraphs = 0
        # one C-level walk: whether any run needs the careful XPath of ``paragraph_text`` (tracked
        # deletions do not: their text is w:delText, which the quick walk never reads)
        self.plain = next(body.iter(_TXBX, _FALLBACK, _MOVE_FROM, _PLACEHOLDER, _VANISH), None) is None

    def walk(self, body: etree._Element) -> Iterator[Block]:
        stack: list[Iterator[etree._Element]] = [iter(body)]
        while stack:
            el = next(stack[-1], None)
            if el is None:
                stack.pop()
                continue
            tag = el.tag
            if tag == _P:
                self.paragraphs += 1
                for line in paragraph_text(el, plain=self.plain).split("\n"):
                    text = " ".join(line.split())
                    if text:
                        yield Paragraph(text, Provenance("docx", line=self.paragraphs))
                if not self.plain:
                    stack.extend(iter(box) for box in reversed(_table_boxes(el)))
            elif tag == _TBL:
                if el.find(f".//{_TBL}") is None or _is_cell_content(el):
                    yield _grid(el, self.tables, self.plain)
                    self.tables += 1
                else:
                    stack.append(c for tr in _children(el, _TR) for tc in _children(tr, _TC) for c in tc)
            elif tag in _WRAPPERS:
                content = el.find(_SDT_CONTENT) if tag == _SDT else el
                if content is not None:
                    stack.append(iter(content))
            elif tag == _ALT_CHUNK:
                yield from self.chunk(el.get(_R_ID) or "")


def _is_cell_content(tbl: etree._Element) -> bool:
    """Whether a table's inner tables are only its cells' content (``holds_cell_tables``), counted
    in the DOCX tree. Their text is read as the cell's lines."""
    sizes = [sum(1 for _ in t.iter(_TC)) for t in tbl.iter(_TBL) if t is not tbl]
    rows = list(_children(tbl, _TR))
    return holds_cell_tables(sizes, len(rows), sum(1 for tr in rows for _ in _children(tr, _TC)))


def _table_boxes(p: etree._Element) -> list[etree._Element]:
    """The text boxes anchored in a paragraph that hold a table (a statutory table pasted into a
    floating box), each as a detached copy of its content so the text-box exclusions of the run
    and cell paths do not apply to it; boxes nested in these are read with them."""
    out: list[etree._Element] = []
    for box in _select(_BOXES, p):
        outer = next(box.iterancestors(_TXBX), None)
        if outer is not None and any(a is p for a in outer.iterancestors()):
            continue
        content = etree.Element(_SDT_CONTENT)
        content.extend(copy.deepcopy(child) for child in box)
        out.append(content)
    return out


def _cell_text(tc: etree._Element, plain: bool) -> str:
    paragraphs = tc.iter(_P) if plain else _select(_CELL_PARAGRAPHS, tc)
    lines = (
        " ".join(line.split()) for p in paragraphs for line in paragraph_text(p, plain=plain).split("\n")
    )
    return "\n".join(line for line in lines if line)


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child with ``tag`` (a C-level walk; ``find`` parses a path each call)."""
    return next(el.iterchildren(tag), None)


def _props(el: etree._Element, tag: str) -> dict[str, etree._Element]:
    """The children of an element's properties (``w:tcPr``, ``w:trPr``) by tag."""
    found = _child(el, tag)
    return {} if found is None else {child.tag: child for child in found}


def _int_val(props: dict[str, etree._Element], tag: str, default: int) -> int:
    el = props.get(tag)
    if el is None:
        return default
    value = el.get(_VAL) or ""
    if value.isdigit():
        return int(value)
    m = _DIGITS.match(value)
    return int(m.group(1)) if m else default


def _continues(props: dict[str, etree._Element], tag: str) -> bool:
    """Whether a vMerge/hMerge mark continues the merge above / to the left."""
    el = props.get(tag)
    return el is not None and el.get(_VAL) != "restart"


class _Anchor:
    """A cell that holds text, and the grid area it covers."""

    __slots__ = ("col", "colspan", "row", "rowspan", "text")

    def __init__(self, row: int, col: int, colspan: int, text: str) -> None:
        self.row, self.col, self.colspan, self.rowspan, self.text = row, col, colspan, 1, text


def _grid(tbl: etree._Element, index: int, plain: bool) -> Grid:
    """A table without nested tables → a rectangular grid, merges expanded once."""
    matrix: list[list[_Anchor | None]] = []
    positions = 0
    for tr in _children(tbl, _TR):
        tr_pr = _props(tr, _TR_PR)
        if _DEL in tr_pr:  # a row deleted with tracked changes
            continue
        r = len(matrix)
        row: list[_Anchor | None] = [None] * min(_int_val(tr_pr, _GRID_BEFORE, 0), _MAX_SPAN)
        above = matrix[r - 1] if r else []
        for tc in _children(tr, _TC):
            tc_pr = _props(tc, _TC_PR)
            span = min(max(_int_val(tc_pr, _GRID_SPAN, 1), 1), _MAX_SPAN)
            c = len(row)
            positions += span
            if positions > _MAX_POSITIONS:
                raise UnreadableDocumentError(
                    f"表格过大（超过 {_MAX_POSITIONS} 个单元格）/ a table is too large to be a report table"
                )
            up = above[c] if c < len(above) else None
            left = row[-1] if row else None
            if up is not None and _continues(tc_pr, _V_MERGE):
                up.rowspan = max(up.rowspan, r - up.row + 1)
                row.extend([up] * span)
            elif left is not None and left.row == r and _continues(tc_pr, _H_MERGE):
                left.colspan += span
                row.extend([left] * span)
            else:
                row.extend([_Anchor(r, c, span, _cell_text(tc, plain))] * span)
        matrix.append(row)
    return Grid(_cells(matrix, index), Provenance("docx", table=index))


def _cells(matrix: list[list[_Anchor | None]], index: int) -> list[list[GridCell]]:
    """Anchors → grid cells: the anchor once, one shared copy for the rest of its area."""
    width = max((len(row) for row in matrix), default=0)
    made: dict[int, tuple[GridCell, GridCell]] = {}
    rows: list[list[GridCell]] = []
    for r, slots in enumerate(matrix):
        out: list[GridCell] = []
        for c in range(width):
            a = slots[c] if c < len(slots) else None
            if a is None:
                out.append(GridCell("", Provenance("docx", table=index, row=r, col=c)))
                continue
            pair = made.get(id(a))
            if pair is None:
                prov = Provenance("docx", table=index, row=a.row, col=a.col)
                anchor = GridCell(a.text, prov, rowspan=a.rowspan, colspan=a.colspan)
                copy = GridCell(a.text, prov, origin=(a.row, a.col)) if a.rowspan * a.colspan > 1 else anchor
                pair = made[id(a)] = (anchor, copy)
            out.append(pair[0] if (a.row, a.col) == (r, c) else pair[1])
        rows.append(out)
    return rows

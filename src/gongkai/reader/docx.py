"""DOCX front end: a Word file → paragraphs and grids, in body order.

Given the bytes of a .docx, return blocks. Only the main document part is
unzipped and parsed, straight with lxml: python-docx's ``Document()`` parses
every part of the package (styles, numbering, theme…) and costs ~16 ms a
file, six times this whole reader; its proxy objects also repeat a merged
cell at every grid position (``row.cells``) and reject the odd attribute
values real files carry. (python-docx still writes the test fixtures.)
Merges — ``gridSpan`` across, ``vMerge`` down, legacy ``hMerge`` — are
expanded once with origin marks, and ``gridBefore`` keeps rows aligned. A table holding another table
is layout: its cells are read as flow and the inner tables become grids.
Text boxes (floating shapes: seals, captions, stamps) are skipped — their
place in the reading order is undefined and Word stores them twice (the
drawing and its VML fallback).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import cast

from lxml import etree

from ..errors import UnreadableDocumentError
from ..model import Provenance
from .blocks import Block, Grid, GridCell, Paragraph

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_P, _TBL, _TR, _TC = f"{{{_W}}}p", f"{{{_W}}}tbl", f"{{{_W}}}tr", f"{{{_W}}}tc"
_SDT, _SDT_CONTENT, _CUSTOM_XML = f"{{{_W}}}sdt", f"{{{_W}}}sdtContent", f"{{{_W}}}customXml"
_T, _TAB, _BR, _CR = f"{{{_W}}}t", f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}cr"
_VAL = f"{{{_W}}}val"

# Run content of a paragraph, leaving out text boxes and their VML fallback copies.
_RUN_PARTS = etree.XPath(
    ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::mc:Fallback)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr or self::w:noBreakHyphen]",
    namespaces=_NS,
)
_ROWS = etree.XPath("./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr", namespaces=_NS)
_CELLS = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc", namespaces=_NS)
_CELL_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::w:txbxContent)]", namespaces=_NS)
_CONTAINER_CONTENT = etree.XPath("./w:tr/w:tc/*", namespaces=_NS)

_MAX_SPAN = 1000
_MAX_PART_BYTES = 256 * 1024 * 1024  # guards against zip bombs
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_MAX_POSITIONS = 200_000


def docx_blocks(data: bytes) -> list[Block]:
    """Blocks of a DOCX document."""
    body = _open_body(data)
    return list(_Walker().walk(body))


def _open_body(data: bytes) -> etree._Element:
    """The ``w:body`` of the package's main document part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            root = etree.fromstring(_read_part(package, _main_part(package)), _XML_PARSER)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, etree.XMLSyntaxError, OSError, EOFError,
            NotImplementedError, RuntimeError, ValueError, zlib.error) as exc:  # fmt: skip
        raise UnreadableDocumentError(
            f"不是可读的 Word (.docx) 文件 / not a readable Word .docx file: {type(exc).__name__}: {exc}"
        ) from exc
    body = root.find(f"{{{_W}}}body")
    if root.tag != f"{{{_W}}}document" or body is None:
        raise UnreadableDocumentError(
            f"压缩包不是 Word 文档（主部件 {root.tag}）/ this zip is not a Word document: {root.tag}"
        )
    return body


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


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's visible text; tabs as ``\\t`` and line breaks as ``\\n``."""
    parts: list[str] = []
    for el in _select(_RUN_PARTS, p):
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


class _Walker:
    """Body elements in reading order → blocks; tables numbered as they come."""

    def __init__(self) -> None:
        self.tables = 0
        self.paragraphs = 0

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
                for line in paragraph_text(el).split("\n"):
                    text = " ".join(line.split())
                    if text:
                        yield Paragraph(text, Provenance("docx", line=self.paragraphs))
            elif tag == _TBL:
                if el.find(f".//{_TBL}") is None:
                    yield _grid(el, self.tables)
                    self.tables += 1
                else:
                    stack.append(iter(_select(_CONTAINER_CONTENT, el)))
            elif tag == _SDT:
                content = el.find(_SDT_CONTENT)
                if content is not None:
                    stack.append(iter(content))
            elif tag == _CUSTOM_XML:
                stack.append(iter(el))


def _cell_text(tc: etree._Element) -> str:
    paragraphs = _select(_CELL_PARAGRAPHS, tc)
    lines = (" ".join(line.split()) for p in paragraphs for line in paragraph_text(p).split("\n"))
    return "\n".join(line for line in lines if line)


def _int_val(parent: etree._Element | None, name: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(f"{{{_W}}}{name}")
    if el is None:
        return default
    m = re.match(r"\s*(\d+)", el.get(_VAL) or "")
    return int(m.group(1)) if m else default


def _merge(tc_pr: etree._Element | None, name: str) -> str | None:
    """``restart``/``continue`` for a vMerge/hMerge mark, None when the cell has none."""
    if tc_pr is None:
        return None
    el = tc_pr.find(f"{{{_W}}}{name}")
    if el is None:
        return None
    return "restart" if el.get(_VAL) == "restart" else "continue"


class _Anchor:
    """A cell that holds text, and the grid area it covers."""

    __slots__ = ("col", "colspan", "row", "rowspan", "text")

    def __init__(self, row: int, col: int, colspan: int, text: str) -> None:
        self.row, self.col, self.colspan, self.rowspan, self.text = row, col, colspan, 1, text


def _grid(tbl: etree._Element, index: int) -> Grid:
    """A table without nested tables → a rectangular grid, merges expanded once."""
    matrix: list[list[_Anchor | None]] = []
    positions = 0
    for r, tr in enumerate(_select(_ROWS, tbl)):
        before = _int_val(tr.find(f"{{{_W}}}trPr"), "gridBefore", 0)
        row: list[_Anchor | None] = [None] * min(before, _MAX_SPAN)
        above = matrix[r - 1] if r else []
        for tc in _select(_CELLS, tr):
            tc_pr = tc.find(f"{{{_W}}}tcPr")
            span = min(max(_int_val(tc_pr, "gridSpan", 1), 1), _MAX_SPAN)
            c = len(row)
            positions += span
            if positions > _MAX_POSITIONS:
                raise UnreadableDocumentError(
                    f"表格过大（超过 {_MAX_POSITIONS} 个单元格）/ a table is too large to be a report table"
                )
            up = above[c] if c < len(above) else None
            left = row[-1] if row else None
            if _merge(tc_pr, "vMerge") == "continue" and up is not None:
                up.rowspan = max(up.rowspan, r - up.row + 1)
                row.extend([up] * span)
            elif _merge(tc_pr, "hMerge") == "continue" and left is not None and left.row == r:
                left.colspan += span
                row.extend([left] * span)
            else:
                row.extend([_Anchor(r, c, span, _cell_text(tc))] * span)
        matrix.append(row)
    width = max((len(row) for row in matrix), default=0)
    rows: list[list[GridCell]] = []
    for r, slots in enumerate(matrix):
        out: list[GridCell] = []
        for c in range(width):
            a = slots[c] if c < len(slots) else None
            if a is None:
                out.append(GridCell("", Provenance("docx", table=index, row=r, col=c)))
                continue
            prov = Provenance("docx", table=index, row=a.row, col=a.col)
            if (a.row, a.col) == (r, c):
                out.append(GridCell(a.text, prov, rowspan=a.rowspan, colspan=a.colspan))
            else:
                out.append(GridCell(a.text, prov, origin=(a.row, a.col)))
        rows.append(out)
    return Grid(rows, Provenance("docx", table=index))

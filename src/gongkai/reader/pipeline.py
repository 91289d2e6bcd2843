"""The reader's entry points: any document → ``Report``.

``read`` sniffs the format from the bytes (and the file name): gongkai's own
JSON, PDF, DOCX, Word 2003 XML, HTML, a web archive (.mht) or plain text /
Markdown; the format's front end turns it into blocks and ``assemble`` does
the rest. ``explain`` does the same and also returns every stage's output.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import ReportFormatError, UnreadableDocumentError
from ..model import Finding, Report
from .assemble import Trace, assemble
from .blocks import Block, Grid, cell_with_text, paragraph
from .decode import decode_bytes
from .mht import is_mht
from .normalize import normalize_document, normalized_changes
from .text import text_blocks

Source = str | os.PathLike[str] | bytes

_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|body|table|div|p|meta|head|title)\b", re.I)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORDML_2003 = b"http://schemas.microsoft.com/office/word/2003/wordml"  # Word 2003 XML
_JUNK_RATIO = 0.05
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")  # not text: controls, decoding failures


def _version() -> str:
    from .. import __version__

    return f"gongkai {__version__}"


def _stamp(report: Report, name: str | None, data: bytes) -> Report:
    report.meta.source = name
    report.meta.source_sha256 = hashlib.sha256(data).hexdigest()
    report.meta.parser = _version()
    return report


def read_text(text: str, *, name: str | None = None) -> Report:
    """A report from plain text or Markdown (already decoded)."""
    return _stamp(_from_text(text, None), name, text.encode("utf-8"))


def _from_text(text: str, trace: Trace | None) -> Report:
    normalized = normalize_document(text)
    if trace:
        trace.add("normalize", [f"{len(text)} → {len(normalized)} characters"])
    return assemble(text_blocks(normalized), trace)


def normalize_blocks(blocks: list[Block]) -> list[Block]:
    """The same blocks with every text normalized (NFKC, simplified, artifacts removed).

    Only the rows and paragraphs whose text changes are rebuilt; the rest are kept as they are.
    """
    texts: list[str] = []
    for b in blocks:
        if isinstance(b, Grid):
            for row in b.rows:
                texts.extend([c.text for c in row])
        else:
            texts.append(b.text)
    changes = normalized_changes(texts)
    if not changes:
        return blocks
    out: list[Block] = []
    pos = 0
    for b in blocks:
        if not isinstance(b, Grid):
            text = changes.get(pos)
            out.append(b if text is None else paragraph(text, b.provenance))
            pos += 1
            continue
        rows = b.rows
        for r, row in enumerate(b.rows):
            hits = [k for k in range(len(row)) if pos + k in changes]
            if hits:
                if rows is b.rows:
                    rows = list(b.rows)
                new = list(row)
                for k in hits:
                    new[k] = cell_with_text(row[k], changes[pos + k])
                rows[r] = new
            pos += len(row)
        out.append(b if rows is b.rows else Grid(rows, b.provenance))
    return out


def report_from_blocks(blocks: list[Block], *, name: str | None = None, kind: str = "text") -> Report:
    """The shared back half: blocks from any front end → report (texts are normalized here)."""
    report = _from_blocks(blocks, kind, None)
    report.meta.source = name
    report.meta.parser = _version()
    return report


def _from_blocks(blocks: list[Block], kind: str, trace: Trace | None) -> Report:
    if trace:
        trace.add("front end", [f"{kind}: {len(blocks)} blocks"])
    return assemble(normalize_blocks(blocks), trace)


def _load(source: Source, name: str | None) -> tuple[bytes, str | None]:
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source), name
    path = Path(source)
    if not path.is_file():
        raise UnreadableDocumentError(f"找不到文件 / no such file: {path}")
    try:
        return path.read_bytes(), name or path.name
    except OSError as exc:
        raise UnreadableDocumentError(f"无法读取文件 / cannot read {path}: {exc}") from exc


def sniff(data: bytes, name: str | None = None) -> str:
    """The document's format: json, pdf, docx, wordml (Word 2003 XML), mht (a web archive), html or text."""
    ext = Path(name).suffix.lower() if name else ""
    head = data[:4096]
    if head.startswith(b"%PDF") or (ext == ".pdf" and b"%PDF" in head[:1024]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise UnreadableDocumentError(f"ZIP 文件已损坏 / corrupt ZIP (DOCX?) file: {exc}") from exc
        if "word/document.xml" in names or any(n.startswith("word/") for n in names):
            return "docx"
        raise UnreadableDocumentError("ZIP 文件不是 Word 文档 / a ZIP file that is not a DOCX document")
    if head.startswith(_OLE2):
        raise UnreadableDocumentError(
            "旧版 Office 格式（.doc/.xls）无法读取，请另存为 .docx / "
            "old binary Office format (.doc/.xls): save it as .docx first"
        )
    if _WORDML_2003 in head and b"wordDocument" in head:
        return "wordml"
    if ext == ".json" or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return "json"
    if is_mht(head):
        return "mht"
    if ext in (".html", ".htm", ".xhtml", ".mht", ".mhtml") or _HTML.search(head):  # a .mht: maybe a page
        return "html"
    return "text"


def _decode_text(data: bytes, encoding: str | None) -> str:
    if not data.strip():
        raise UnreadableDocumentError("文件为空 / the document is empty")
    try:
        text = decode_bytes(data, encoding).text
    except LookupError as exc:
        raise UnreadableDocumentError(f"未知编码 / unknown encoding {encoding!r}") from exc
    sample = text[:20000]
    junk = len(_CONTROL.findall(sample))
    if sample and junk > _JUNK_RATIO * len(sample):
        raise UnreadableDocumentError(
            "不是可读的文本文档（二进制数据或编码错误），可尝试 --encoding gb18030 / "
            "not a readable text document (binary data or wrong encoding): try --encoding gb18030"
        )
    return text


def _front_end(fmt: str) -> Callable[[bytes, str | None], tuple[list[Block], list[Finding]]]:
    """The HTML/DOCX/PDF front end, imported only when a document needs it.

    Each gives the document's blocks and what it has to say about the document
    itself (a PDF: the pages it could not read).
    """
    try:
        if fmt == "html":
            from .html import html_blocks

            return lambda data, enc: (html_blocks(data, encoding=enc), [])
        if fmt == "mht":
            from .mht import mht_blocks

            return lambda data, enc: (mht_blocks(data, encoding=enc), [])
        if fmt == "docx":
            from .docx import docx_blocks

            return lambda data, enc: (docx_blocks(data), [])
        if fmt == "wordml":
            from .docx import wordml_blocks

            return lambda data, enc: (wordml_blocks(data), [])
        from .pdf import pdf_read

        return lambda data, enc: pdf_read(data)
    except ImportError as exc:
        raise UnreadableDocumentError(
            f"此版本尚不能读取 {fmt.upper()} 文档 / reading {fmt.upper()} documents is not available yet"
        ) from exc


def _read(source: Source, name: str | None, encoding: str | None, trace: Trace | None) -> Report:
    data, name = _load(source, name)
    fmt = sniff(data, name)
    if trace:
        trace.add("sniff", [f"{name or '<bytes>'}: {fmt}, {len(data)} bytes"])
    if fmt == "json":
        try:
            return Report.from_json(data)
        except (ReportFormatError, UnicodeDecodeError) as exc:
            if name and name.lower().endswith(".json"):
                if isinstance(exc, ReportFormatError):
                    raise
                raise ReportFormatError(f"JSON 不是 UTF-8 编码 / JSON is not UTF-8: {exc}") from exc
            fmt = "text"
    if fmt == "text":
        report = _from_text(_decode_text(data, encoding), trace)
    else:
        blocks, findings = _front_end(fmt)(data, encoding)
        report = _from_blocks(blocks, fmt, trace)
        report.findings[:0] = findings
    return _stamp(report, name, data)


def read(source: Source, *, name: str | None = None, encoding: str | None = None) -> Report:
    """Read a published annual report (text, Markdown, HTML, DOCX, PDF or gongkai JSON).

    ``source`` is a path or the document's bytes; ``name`` names bytes input
    (its extension helps sniffing); ``encoding`` overrides text detection.
    """
    return _read(source, name, encoding, None)


def explain(source: Source, *, name: str | None = None, encoding: str | None = None) -> tuple[Report, Trace]:
    """``read`` plus every stage's output, for debugging a document."""
    trace = Trace()
    report = _read(source, name, encoding, trace)
    return report, trace

"""read(): sniffing, sources, provenance and errors."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

import gongkai
from gongkai.errors import ReportFormatError, UnreadableDocumentError
from gongkai.model import Provenance
from gongkai.reader import explain, read, read_text, report_from_blocks, sniff
from gongkai.reader.blocks import Grid, GridCell, Paragraph
from gongkai.samples import random_report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"


def test_sniff() -> None:
    assert sniff(b"%PDF-1.7 ...") == "pdf"
    assert sniff(b"<!DOCTYPE html><html>") == "html"
    assert sniff(b"  <table><tr><td>1</td></tr></table>") == "html"
    assert sniff(b'{"meta": {}}') == "json"
    assert sniff("一、总体情况".encode()) == "text"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert sniff(buf.getvalue()) == "docx"


def test_sniff_word_2003_xml_whatever_its_name() -> None:
    head = b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w='
    assert sniff(head + b'"http://schemas.microsoft.com/office/word/2003/wordml">', "report.doc") == "wordml"


def test_sniff_web_archives_by_their_mime_headers() -> None:
    word = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n<html>'
    blink = b"From: <Saved by Blink>\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;"
    assert sniff(word) == sniff(blink) == sniff(word, "a.MHTML") == "mht"
    assert sniff("<p>一、总体情况</p>".encode(), "a.mht") == "html"  # a plain page named .mht
    assert sniff("一、总体情况\nContent-Type: text/html\n<p>".encode()) == "html"
    assert sniff(b"Title: report\n\nMIME-Version: 1.0 Content-Type: text") == "text"


def test_unreadable_inputs_raise_the_reader_error(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError, match="no such file"):
        read(tmp_path / "missing.txt")
    with pytest.raises(UnreadableDocumentError, match="empty"):
        read(b"   \n")
    with pytest.raises(UnreadableDocumentError, match=r"\.docx"):
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnreadableDocumentError):
        read(bytes(range(256)) * 20, name="junk.bin")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<x/>")
    with pytest.raises(UnreadableDocumentError, match="DOCX"):
        read(buf.getvalue())


def test_meta_source_hash_and_parser() -> None:
    path = FIXTURES / "pipe-rows.txt"
    report = read(path)
    assert report.meta.source == "pipe-rows.txt"
    assert report.meta.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert report.meta.parser == f"gongkai {gongkai.__version__}"
    assert gongkai.read(path.read_bytes(), name="x.txt").values() == report.values()


def test_every_cell_has_raw_text_and_a_span_into_the_normalized_text() -> None:
    from gongkai.reader.normalize import normalize_text

    for name in ("pipe-rows.txt", "tab-indented-cells.txt", "one-cell-per-line-nbsp-blanks.txt"):
        path = FIXTURES / name
        text = normalize_text(path.read_text(encoding="utf-8"))
        report = read(path)
        for cell in report:
            if cell.value is None:
                continue
            prov = cell.provenance
            assert prov is not None and prov.kind == "text" and prov.span is not None and cell.raw
            a, b = prov.span
            assert text[a:b] == cell.raw
            assert text.count("\n", 0, a) + 1 == prov.line


def test_gongkai_json_reads_back() -> None:
    report = random_report(5, "2021")
    assert read(report.to_json().encode(), name="r.json") == report
    with pytest.raises(ReportFormatError):
        read(b'{"not": "a report"}', name="r.json")


def test_report_from_blocks_keeps_grid_provenance_and_normalizes() -> None:
    prov = Provenance("html", table=0, row=3, col=1)
    blocks = [
        Paragraph("廣靈縣2021年政府信息公開工作年度報告", Provenance("html", line=1)),
        Paragraph("二、主動公開政府信息情況", Provenance("html", line=2)),
        Grid([[GridCell("第二十條第（五）項", Provenance("html", table=0, row=0, col=0))],
              [GridCell("行政許可", Provenance("html", table=0, row=3, col=0)), GridCell("１２", prov)]]),
    ]  # fmt: skip
    report = report_from_blocks(blocks, name="page.html", kind="html")
    cell = report.cells["active.licensing.decisions"]
    assert (cell.value, cell.raw, cell.provenance) == (12, "12", prov)
    assert report.meta.template == "2021" and report.meta.source == "page.html"


def test_explain_shows_every_stage() -> None:
    report, trace = explain(FIXTURES / "pipe-rows.txt")
    stages = [name for name, _ in trace.stages]
    assert stages == ["sniff", "normalize", "blocks", "locate", "meta", "rows", "findings"]
    assert report.values() == read(FIXTURES / "pipe-rows.txt").values()
    assert "requests.new ←" in trace.render()


def test_read_text_of_prose_only() -> None:
    report = read_text("关于2020年度政府信息公开工作年度报告\n一、总体情况\n本年度未收到政府信息公开申请。")
    assert report.meta.year == 2020 and report.meta.template == "2019"
    assert {f.code for f in report.findings} >= {"table-missing"}
    assert all(v is None for v in report.values().values())

"""HTML, DOCX and PDF input of any shape: a report or gongkai's own error, never a crash or a hang.

Every example is bounded in size and runs under a hypothesis deadline, so a
hang shows up as a failure instead of a stuck suite.
"""

from __future__ import annotations

import io
import time
import zipfile
from datetime import timedelta
from pathlib import Path

import docmaker
import pytest
from docmaker import FIXTURES, fixture_paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.errors import GongkaiError
from gongkai.model import Report
from gongkai.reader import read
from gongkai.samples import random_report

DOCUMENTS = [p for kind in ("html", "docx", "pdf") for p in fixture_paths(kind)]
FUZZ = settings(
    max_examples=60,
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def outcome(data: bytes, name: str, **options: str) -> Report | GongkaiError:
    """What the reader makes of ``data``: a report that serializes, or a typed error."""
    try:
        report = read(data, name=name, **options)
    except GongkaiError as exc:
        assert str(exc), "a typed error needs a message"
        return exc
    assert isinstance(report, Report)
    Report.from_json(report.to_json())
    return report


@FUZZ
@given(
    prefix=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body><table><tr><td>", b""]),
    body=st.binary(max_size=4000),
    ext=st.sampled_from(["pdf", "docx", "html", "htm"]),
)
def test_random_bytes_behind_a_format_signature(prefix: bytes, body: bytes, ext: str) -> None:
    outcome(prefix + body, f"x.{ext}")


@pytest.mark.slow
@FUZZ
@given(doc=st.sampled_from(DOCUMENTS), cut=st.floats(0.0, 1.0))
def test_truncated_documents(doc: Path, cut: float) -> None:
    data = doc.read_bytes()
    outcome(data[: int(len(data) * cut)], doc.name)


@pytest.mark.slow
@FUZZ
@given(
    doc=st.sampled_from(DOCUMENTS),
    flips=st.lists(
        st.tuples(st.floats(0.0, 1.0, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=30
    ),
)
def test_documents_with_bytes_overwritten(doc: Path, flips: list[tuple[float, int]]) -> None:
    data = bytearray(doc.read_bytes())
    for where, value in flips:
        data[int(where * len(data))] = value
    outcome(bytes(data), doc.name)


@pytest.mark.parametrize("doc", [p for p in DOCUMENTS if p.suffix == ".pdf"], ids=lambda p: p.name)
def test_pdfs_cut_in_half(doc: Path) -> None:
    data = doc.read_bytes()
    outcome(data[: len(data) // 2], doc.name)
    outcome(data[len(data) // 2 :], doc.name)


@pytest.mark.parametrize("doc", [p for p in DOCUMENTS if p.suffix == ".html"], ids=lambda p: p.name)
@pytest.mark.parametrize("encoding", ["big5", "utf-16", "latin-1", "gb18030", "ascii"])
def test_html_read_with_a_wrong_encoding(doc: Path, encoding: str) -> None:
    outcome(doc.read_bytes(), doc.name, encoding=encoding)


@FUZZ
@given(
    entries=st.dictionaries(
        st.sampled_from(
            ["word/document.xml", "_rels/.rels", "[Content_Types].xml", "xl/workbook.xml", "a.txt"]
        ),
        st.binary(max_size=300) | st.sampled_from([b"<w:document/>", b"<?xml version='1.0'?><x/>", b""]),
        max_size=4,
    )
)
def test_zip_files_that_are_not_docx(entries: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    outcome(buf.getvalue(), "x.docx")


def test_ten_thousand_levels_of_html() -> None:
    report = random_report(5, "2021")
    page = docmaker.html(report).decode("utf-8")
    junk = "<div><span>" * 5000 + "</span></div>" * 5000
    started = time.monotonic()
    back = outcome(page.replace("<body>", "<body>" + junk, 1).encode("utf-8"), "deep.html")
    assert time.monotonic() - started < 10
    assert isinstance(back, Report) and back.values() == report.values()


def test_a_huge_html_table() -> None:
    rows = "".join(f"<tr><td>第{i}行</td>" + "<td>1</td>" * 8 + "</tr>" for i in range(2000))
    started = time.monotonic()
    result = outcome(
        f"<html><body><p>三、收到和处理政府信息公开申请情况</p><table>{rows}</table>".encode(), "big.html"
    )
    assert time.monotonic() - started < 20
    assert isinstance(result, Report | GongkaiError)


def test_a_huge_docx_table() -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2000, cols=3)
    for i, row in enumerate(table.rows):
        row.cells[0].text = f"第{i}行"
        row.cells[1].text = str(i)
    buf = io.BytesIO()
    document.save(buf)
    started = time.monotonic()
    result = outcome(buf.getvalue(), "big.docx")
    assert time.monotonic() - started < 20
    assert isinstance(result, Report | GongkaiError)


def test_the_scan_fixture_is_refused_for_ocr() -> None:
    result = outcome((FIXTURES / "pdf" / "scanned-no-text-layer.pdf").read_bytes(), "scan.pdf")
    assert type(result).__name__ == "OcrNeededError"

"""Reports rendered in the official layouts: JSON, CSV, XLSX, HTML, DOCX, Markdown.

>>> from gongkai.samples import random_report
>>> render(random_report(1, "2021"), "md")[:2].decode()
'# '

``findings`` are the problems to show: highlighted cells in HTML, XLSX and
DOCX, the finding list of the HTML page, the ``findings`` of the JSON; ``None``
means the report's own ``report.findings``. CSV and Markdown hold the report
alone, so that they read back as exactly the report. Text formats come back
UTF-8 encoded. The layouts come from ``gongkai.templates`` through
``layout.py``; the XLSX and DOCX libraries are imported only when asked for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..errors import UsageError
from ..model import Finding, Report

FORMATS = ("json", "csv", "xlsx", "html", "docx", "md")
BINARY_FORMATS = frozenset({"xlsx", "docx"})


def render(report: Report, fmt: str, *, findings: Sequence[Finding] | None = None) -> bytes:
    """The report in format ``fmt`` (one of ``FORMATS``) as bytes."""
    if fmt == "json":
        shown = report if findings is None else dataclasses.replace(report, findings=list(findings))
        return (shown.to_json() + "\n").encode()
    if fmt == "csv":
        from .csv import to_csv

        return to_csv([report]).encode()
    if fmt == "html":
        from .html import page

        return page(report, findings).encode()
    if fmt == "md":
        from .markdown import markdown

        return markdown(report).encode()
    if fmt == "xlsx":
        from .xlsx import workbook_bytes

        return workbook_bytes(report, findings)
    if fmt == "docx":
        from .docx import document_bytes

        return document_bytes(report, findings)
    raise UsageError(
        f"未知输出格式 {fmt!r}，可选 {'/'.join(FORMATS)} / "
        f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}"
    )


__all__ = ["BINARY_FORMATS", "FORMATS", "render"]

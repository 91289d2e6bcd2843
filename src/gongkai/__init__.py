"""gongkai — read, check, keep and produce China's government information disclosure annual reports."""

from __future__ import annotations

import os

from .errors import GongkaiError
from .model import Cell, Fact, Finding, Meta, Provenance, Report, Severity
from .templates import get_template

__version__ = "0.1.0"


def read(
    source: str | os.PathLike[str] | bytes, *, name: str | None = None, encoding: str | None = None
) -> Report:
    """Read a published annual report (text, Markdown, HTML, DOCX, PDF or gongkai JSON) into a ``Report``.

    >>> import gongkai
    >>> gongkai.read(b"2020年政府信息公开工作年度报告", name="report.txt").meta.year
    2020
    """
    from .reader import read as _read  # the reader's dependencies load only when it is used

    return _read(source, name=name, encoding=encoding)


__all__ = [
    "Cell",
    "Fact",
    "Finding",
    "GongkaiError",
    "Meta",
    "Provenance",
    "Report",
    "Severity",
    "__version__",
    "get_template",
    "read",
]

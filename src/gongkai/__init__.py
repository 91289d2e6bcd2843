"""gongkai — read, check, keep and produce China's government information disclosure annual reports."""

from __future__ import annotations

from .errors import GongkaiError
from .model import Cell, Fact, Finding, Meta, Provenance, Report, Severity
from .templates import get_template

__version__ = "0.1.0"

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
]

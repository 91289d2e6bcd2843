"""The corpus: bodies, their imported reports (versions, cell values, findings), batches, corrections."""

from .body import Body, BodyAlias, Level
from .report import (
    CellValue,
    Correction,
    Finding,
    ImportBatch,
    Reason,
    Report,
    ReportVersion,
    Severity,
    Source,
)

__all__ = [
    "Body",
    "BodyAlias",
    "CellValue",
    "Correction",
    "Finding",
    "ImportBatch",
    "Level",
    "Reason",
    "Report",
    "ReportVersion",
    "Severity",
    "Source",
]

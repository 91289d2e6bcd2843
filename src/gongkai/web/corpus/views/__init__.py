"""Pages of the corpus: overview, report, body timeline, ranking, summary, export."""

from .bodies import body_detail, body_edit, body_list
from .compare import compare
from .overview import export, overview
from .reports import report_correct, report_detail, report_download
from .summary import summary

__all__ = [
    "body_detail",
    "body_edit",
    "body_list",
    "compare",
    "export",
    "overview",
    "report_correct",
    "report_detail",
    "report_download",
    "summary",
]

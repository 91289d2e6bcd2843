"""Every change to the corpus, each in a transaction: import, reparse, correct, bodies.

Views, the CLI and the demo call these; nothing else writes the corpus tables.
"""

from .bodies import add_alias, find_body, match_body, merge_bodies, reparent, set_level
from .common import REVIEWER_GROUP, ensure_reviewer_group
from .corrections import core_report, correct_value
from .imports import import_documents, import_paths, reparse_all
from .series import run_series_checks

__all__ = [
    "REVIEWER_GROUP",
    "add_alias",
    "core_report",
    "correct_value",
    "ensure_reviewer_group",
    "find_body",
    "import_documents",
    "import_paths",
    "match_body",
    "merge_bodies",
    "reparent",
    "reparse_all",
    "run_series_checks",
    "set_level",
]

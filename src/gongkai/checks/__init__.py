"""Consistency checks of annual reports: the template's identities, values, plausibility, series.

>>> from gongkai.samples import random_report
>>> [f for f in run_checks(random_report(1, "2021")) if f.severity == "error"]
[]
"""

from __future__ import annotations

from .catalogue import CATALOGUE, CHECK_CODES, FindingType, Text, by_family, identity_code, register
from .crossyear import check_series
from .engine import run_checks, sort_findings

__all__ = [
    "CATALOGUE",
    "CHECK_CODES",
    "FindingType",
    "Text",
    "by_family",
    "check_series",
    "identity_code",
    "register",
    "run_checks",
    "sort_findings",
]

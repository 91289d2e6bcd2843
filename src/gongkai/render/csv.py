"""Reports as CSV: one row per report, one column per cell key, in a stable order.

The columns are the four meta keys of ``cells.md`` followed by the cell keys
of the chosen templates in ``gongkai.templates.all_keys()`` order, so CSVs of
different years and templates line up. A blank cell is an empty field, never 0.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TextIO

from ..errors import UsageError
from ..model import Report
from ..templates import all_keys, get_template
from .document import format_value

META_COLUMNS = ("meta.body", "meta.year", "meta.template", "meta.published")
TEMPLATE_IDS = ("2019", "2021")


def csv_header(template_ids: Sequence[str] = TEMPLATE_IDS) -> list[str]:
    """The meta columns, then every cell key of these templates in ``all_keys()`` order."""
    keys: set[str] = set()
    for template_id in template_ids:
        keys.update(get_template(template_id).keys)
    return [*META_COLUMNS, *(k for k in all_keys() if k in keys)]


def csv_row(report: Report, header: Sequence[str]) -> list[str]:
    """One report as the fields of ``header``; refuses to drop a value that has no column."""
    columns = set(header)
    lost = [k for k, c in report.cells.items() if c.value is not None and k not in columns]
    if lost:
        raise UsageError(
            f"CSV 表头缺少单元格 {', '.join(lost[:3])} 等 {len(lost)} 项 / "
            f"the CSV header has no column for {len(lost)} filled cells, e.g. {lost[0]}; "
            "include the report's template in template_ids"
        )
    meta = report.meta
    fields = {
        "meta.body": meta.body or "",
        "meta.year": "" if meta.year is None else str(meta.year),
        "meta.template": meta.template or "",
        "meta.published": meta.published.isoformat() if meta.published else "",
    }
    return [fields[k] if k in fields else format_value(report.value(k)) for k in header]


def write_csv(reports: Iterable[Report], out: TextIO, *, template_ids: Sequence[str] = TEMPLATE_IDS) -> int:
    """Write the header and one row per report to ``out``; returns the number of reports."""
    header = csv_header(template_ids)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    n = 0
    for report in reports:
        writer.writerow(csv_row(report, header))
        n += 1
    return n


def to_csv(reports: Iterable[Report], *, template_ids: Sequence[str] = TEMPLATE_IDS) -> str:
    """Many reports as one CSV text."""
    out = io.StringIO()
    write_csv(reports, out, template_ids=template_ids)
    return out.getvalue()

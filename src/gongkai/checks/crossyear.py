"""Rules across one body's reports on consecutive years: T3.6, T2.2, T2.3 (all heuristic warnings).

Each finding is attached to the later report and names the later report's
cells; the earlier report's cells are in ``detail``. Terms left blank in
either report are skipped, never taken as zero.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..model import Finding, Report
from ..templates import CellSpec, Template
from .catalogue import CATALOGUE, Text, check_lang
from .engine import sort_findings
from .wording import number, row_text


def check_series(reports: Sequence[Report], *, lang: str = "zh") -> list[tuple[Report, Finding]]:
    """Findings for every pair of consecutive years among ``reports`` (any order, one body).

    Reports without a year or without a statutory template are left out; when
    two reports claim the same year, the first one given stands for it.
    """
    check_lang(lang)
    by_year: dict[int, Report] = {}
    for report in reports:
        if report.meta.year is not None and report.template is not None:
            by_year.setdefault(report.meta.year, report)
    out: list[tuple[Report, Finding]] = []
    for year in sorted(by_year):
        before = by_year.get(year - 1)
        if before is None:
            continue
        now = by_year[year]
        findings = carry_over(before, now, lang) + in_force_rollover(before, now, lang)
        findings += prev_rollover(before, now, lang)
        template = now.template
        assert template is not None  # filtered above
        out += [(now, f) for f in sort_findings(findings, template)]
    return out


def _count(report: Report, key: str) -> int | None:
    """A whole-number cell's value; blanks and non-integers (flagged elsewhere) give None."""
    value = report.value(key)
    return value if isinstance(value, int) else None


def _cells(template: Template, column: str) -> Iterator[CellSpec]:
    return (s for s in template.cells.values() if s.column.key == column)


def _sibling(spec: CellSpec, column: str) -> str:
    """The key of the cell in the same row and another column."""
    return f"{spec.table.key}.{spec.row.key}.{column}"


def _above(spec: CellSpec, row: str) -> str:
    """The key of the cell in the same column and another row."""
    return f"{spec.table.key}.{row}.{spec.column.key}"


def _mismatch(
    code: str,
    cells: tuple[str, ...],
    now: int,
    expected: int,
    earlier: Report,
    lang: str,
    /,
    **fields: Any,
) -> Finding:
    """A cross-year finding: ``now`` should have been ``expected``; plain fields also go to ``detail``."""
    return CATALOGUE[code].make(
        cells,
        lang=lang,
        detail={
            "now": now,
            "expected": expected,
            "before_year": earlier.meta.year,
            **{k: v for k, v in fields.items() if not isinstance(v, Text)},
        },
        now=number(now),
        expected=number(expected),
        diff=number(abs(now - expected)),
        prev_year=earlier.meta.year,
        **{k: number(v) if isinstance(v, int) else v for k, v in fields.items()},
    )


def carry_over(before: Report, now: Report, lang: str) -> list[Finding]:
    """T3.6: 上年结转 this year = 结转下年度继续办理 last year, per applicant column."""
    template = now.template
    assert template is not None
    out = []
    for spec in template.cells.values():
        if spec.table.key != "requests" or spec.row.key != "carried_in":
            continue
        earlier = _above(spec, "carried_over")
        cin, cover = _count(now, spec.key), _count(before, earlier)
        if cin is not None and cover is not None and cin != cover:
            scope = Text(spec.column.label, spec.column.key)
            out.append(
                _mismatch(
                    "carry-over-mismatch",
                    (spec.key,),
                    cin,
                    cover,
                    before,
                    lang,
                    scope=scope,
                    before=cover,
                    before_cell=earlier,
                )
            )
    return out


def in_force_rollover(before: Report, now: Report, lang: str) -> list[Finding]:
    """T2.2: 现行有效件数 = last year's + 本年制发 − 本年废止, per row (2021 template)."""
    template = now.template
    assert template is not None
    out = []
    for spec in _cells(template, "in_force"):
        cells = (spec.key, _sibling(spec, "issued"), _sibling(spec, "repealed"))
        now_v, issued, repealed = (_count(now, k) for k in cells)
        was = _count(before, spec.key)
        if now_v is None or issued is None or repealed is None or was is None:
            continue
        expected = was + issued - repealed
        if now_v != expected:
            out.append(
                _mismatch(
                    "in-force-rollover",
                    cells,
                    now_v,
                    expected,
                    before,
                    lang,
                    row=row_text(spec),
                    before=was,
                    issued=issued,
                    repealed=repealed,
                )
            )
    return out


def prev_rollover(before: Report, now: Report, lang: str) -> list[Finding]:
    """T2.3: 上一年项目数量 this year = last year's 上一年项目数量 + 本年增/减 (2019 template)."""
    template = now.template
    assert template is not None
    out = []
    for spec in _cells(template, "prev"):
        now_v, was = _count(now, spec.key), _count(before, spec.key)
        change = _count(before, _sibling(spec, "change"))
        if now_v is None or was is None or change is None:
            continue
        if now_v != was + change:
            out.append(
                _mismatch(
                    "prev-rollover",
                    (spec.key,),
                    now_v,
                    was + change,
                    before,
                    lang,
                    row=row_text(spec),
                    before=was,
                    change=change,
                )
            )
    return out

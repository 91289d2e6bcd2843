"""How fast ``run_checks`` is: 10,000 generated reports of both templates, on one core.

Run: ``.venv/bin/python bench/checks.py [N]``. Generation happens before the
clock starts; each figure is the best of three runs. The baseline
reads every cell value of every report in a plain loop, the least any check
must do, so the figure can be read against it. Times are CPU seconds of this
one process, so other work on the machine disturbs them less.
"""

from __future__ import annotations

import sys
import time
from collections import Counter

from gongkai.checks import run_checks
from gongkai.model import Finding, Report
from gongkai.samples import random_report


def baseline(reports: list[Report]) -> int:
    """Read every cell value of every report; returns the number of non-blank values."""
    seen = 0
    for report in reports:
        for cell in report.cells.values():
            if cell.value is not None:
                seen += 1
    return seen


def timed(fn: object, reports: list[Report]) -> float:
    start = time.process_time()
    fn(reports)  # type: ignore[operator]
    return time.process_time() - start


def check_all(reports: list[Report]) -> list[Finding]:
    return [f for r in reports for f in run_checks(r)]


def main(n: int = 10_000) -> None:
    reports = [random_report(seed, ("2019", "2021")[seed % 2]) for seed in range(n)]
    run_checks(reports[0])  # compile the plans outside the timing, as a long-lived process would
    run_checks(reports[1])
    base = min(timed(baseline, reports) for _ in range(3))
    checks = min(timed(check_all, reports) for _ in range(3))
    findings = Counter(f.severity.value for f in check_all(reports))
    print(
        f"checks: {n} reports in {checks:.3f} s CPU = {n / checks:,.0f} reports/s "
        f"(baseline: reading every cell value: {n / base:,.0f} reports/s, "
        f"{checks / base:.1f}× its time; findings: {dict(findings)})"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)

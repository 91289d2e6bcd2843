"""``gongkai check FILE...``: every consistency check over reports, as a readable table or JSON.

Exit status, worst first: 2 when an input raised a usage error (e.g. a JSON
naming an unknown template), 3 when an input could not be read, 1 when some
report has an error-level finding, 0 otherwise. One bad file does not stop
the others: it is reported (stderr, and in the JSON output) and checking goes
on, so 3 beats 1.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..checks import CHECK_CODES, check_series, run_checks, sort_findings
from ..checks.catalogue import catalogue_markdown
from ..errors import GongkaiError
from ..model import Finding, Report, Severity
from .inputs import load_report
from .options import output_format

EXIT_PRECEDENCE = (2, 3, 1, 0)  # usage error, unreadable input, errors found, clean

_SEVERITY_TEXT = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


@dataclass
class Checked:
    """One input: its report and findings, or why it could not be read."""

    file: str
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    error: GongkaiError | None = None

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return self.error.exit_code
        return 1 if any(f.severity is Severity.ERROR for f in self.findings) else 0


def _load(path: str) -> Report:
    if path == "-":
        return Report.from_json(sys.stdin.buffer.read())
    return load_report(path)


def check_files(files: tuple[str, ...], *, lang: str, series: bool) -> list[Checked]:
    """Load and check every file; run the cross-year rules over each body's reports.

    Findings a report already carries from the reader are kept; findings of
    the checks themselves are computed afresh (a stored JSON may hold stale ones).
    """
    results = []
    for path in files:
        try:
            report = _load(path)
        except GongkaiError as exc:
            results.append(Checked(path, error=exc))
            continue
        kept = [f for f in report.findings if f.code not in CHECK_CODES]
        results.append(Checked(path, report, kept + run_checks(report, lang=lang)))
    by_report = {id(r.report): r for r in results if r.report is not None}
    for group in _series(results, series):
        for report, finding in check_series(group, lang=lang):
            by_report[id(report)].findings.append(finding)
    for r in results:
        if r.report is not None:
            r.findings = [_in(f, lang) for f in sort_findings(r.findings, r.report.template)]
    return results


def _series(results: list[Checked], forced: bool) -> list[list[Report]]:
    """All reports as one series when ``--series``; else each body named in several years."""
    reports = [r.report for r in results if r.report is not None]
    if forced:
        return [reports]
    bodies: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if report.meta.body:
            bodies[report.meta.body].append(report)
    return [group for group in bodies.values() if len({r.meta.year for r in group}) > 1]


def _in(finding: Finding, lang: str) -> Finding:
    """The finding with its message in ``lang`` (reader findings come in Chinese)."""
    if lang == "en" and finding.message_en and finding.message != finding.message_en:
        return replace(finding, message=finding.message_en)
    return finding


def exit_code(results: list[Checked]) -> int:
    codes = {r.exit_code for r in results}
    return next((c for c in EXIT_PRECEDENCE if c in codes), 0)


def as_json(results: list[Checked]) -> list[dict[str, Any]]:
    out = []
    for r in results:
        item: dict[str, Any] = {
            "file": r.file,
            "meta": r.report.meta.to_dict() if r.report is not None else None,
            "findings": [f.to_dict() for f in r.findings],
        }
        if r.error is not None:
            item["error"] = {"message": str(r.error), "exit_code": r.error.exit_code}
        out.append(item)
    return out


def _cells_text(cells: tuple[str, ...], limit: int = 3) -> str:
    shown = "\n".join(cells[:limit])
    return shown + (f"\n… +{len(cells) - limit}" if len(cells) > limit else "")


def print_text(results: list[Checked], lang: str, console: Console) -> None:
    """Per readable file: a heading line, then a table of findings (or "no findings"), then counts."""
    zh = lang == "zh"
    names = _SEVERITY_TEXT[lang]
    for r in results:
        if r.report is None:
            continue
        meta = r.report.meta
        template = f"{meta.template or '?'} 年格式" if zh else f"template {meta.template or '?'}"
        heading = Text(r.file, style="bold")
        heading.append(f"  {meta.body or '?'} · {meta.year or '?'} · {template}")
        console.print(heading, soft_wrap=True)
        if not r.findings:
            console.print("  未发现问题" if zh else "  no findings", soft_wrap=True)
            continue
        headers = ("级别", "代码", "单元格", "说明") if zh else ("severity", "code", "cells", "message")
        table = Table(pad_edge=False)
        table.add_column(headers[0], no_wrap=True)
        table.add_column(headers[1], no_wrap=True)
        table.add_column(headers[2], overflow="fold", max_width=32)
        table.add_column(headers[3], overflow="fold", ratio=1)
        for f in r.findings:
            table.add_row(
                Text(names[f.severity], style=_STYLE[f.severity]),
                f.code,
                Text(_cells_text(f.cells)),
                Text(f.message),  # plain text: a message may hold brackets Rich would take for markup
            )
        console.print(table)
        counts = Counter(f.severity for f in r.findings)
        errors, warnings, infos = (counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
        console.print(
            f"  {errors} 个错误，{warnings} 个警告，{infos} 个提示"
            if zh
            else f"  {errors} error(s), {warnings} warning(s), {infos} info",
            soft_wrap=True,
        )


@click.command("check")
@click.argument("files", nargs=-1, metavar="FILE...")
@output_format("text: 可读的表格 / a readable table; json: 每个文件的发现项 / findings per file.")
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="说明文字的语言 / language of the messages.",
)
@click.option(
    "--series",
    is_flag=True,
    help="把所有文件当作同一机关的逐年报告（名称写法不同时用） / treat all files as one body's "
    "reports over the years, even if the body's name is written differently.",
)
@click.option("--list-codes", is_flag=True, help="列出全部发现项代码 / list every finding code (Markdown).")
def check(files: tuple[str, ...], fmt: str, lang: str, series: bool, list_codes: bool) -> None:
    """检查年度报告 / Check annual reports: identities, blanks, values, plausibility, cross-year.

    FILE is any document the reader reads (text, HTML, DOCX, PDF) or a gongkai
    report JSON ("-" reads one from stdin). Reports of one body on consecutive years are
    also checked against each other (上年结转, 现行有效件数, 上一年项目数量).

    Exit status: 0 no errors, 1 errors found, 2 usage error, 3 unreadable input
    (3 beats 1: the other files are still checked).

    \b
    Examples:
      gongkai check report-2021.json
      gongkai check --format json --lang en 2020.json 2021.json
    """
    if list_codes:
        import gongkai.reader.findings  # noqa: F401 - registers the reader's codes

        click.echo(catalogue_markdown())
        return
    if not files:
        raise click.UsageError("请给出至少一个文件 / give at least one FILE")
    results = check_files(files, lang=lang, series=series)
    for r in results:
        if r.error is not None:
            click.echo(f"错误 / error: {r.file}: {r.error}", err=True)
    if fmt == "json":
        click.echo(json.dumps(as_json(results), ensure_ascii=False, indent=1))
    else:
        print_text(results, lang, Console())
    raise SystemExit(exit_code(results))

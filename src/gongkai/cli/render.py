"""``gongkai render``: a report in the official layout as JSON, CSV, XLSX, HTML, DOCX or Markdown.

Argument shaping and output only; the work is :mod:`gongkai.render`. Problem
cells are highlighted with the findings of :mod:`gongkai.checks` (when it is
installed) plus the report's own. Exit codes: 0 written, 2 usage error,
3 unreadable input.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from ..errors import GongkaiError, UsageError
from ..model import Finding, Report
from ..render import BINARY_FORMATS, FORMATS
from ..render import render as render_report
from .inputs import load_report

SUFFIXES = {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".html": "html", ".htm": "html"}
SUFFIXES |= {".docx": "docx", ".md": "md"}


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("file", metavar="FILE")
@click.option(
    "--to",
    "fmt",
    type=click.Choice(FORMATS),
    help="输出格式；省略时按 -o 的扩展名判断 / output format (default: from the suffix of -o)",
)
@click.option(
    "-o",
    "--output",
    metavar="OUT",
    help="输出文件；文本格式可用 - 或省略表示标准输出 / output file; - or none for stdout (text formats)",
)
@click.pass_context
def render(ctx: click.Context, file: str, fmt: str | None, output: str | None) -> None:
    """按官方格式输出报告（JSON、CSV、XLSX、HTML、DOCX、Markdown），标出问题单元格。

    Render a report (gongkai JSON, or any document the reader reads) in the
    official layout, highlighting the cells that checks find problems in.

    \b
    Examples:
      gongkai render report.json --to html -o report.html
      gongkai render report.json --to csv > reports.csv
      gongkai render report.json -o report.xlsx
    """
    fmt = fmt or _format_from_suffix(output)
    if output in (None, "-") and fmt in BINARY_FORMATS:
        raise click.UsageError(
            f"{fmt} 是二进制格式，请用 -o 指定输出文件 / {fmt} is binary: give -o OUT", ctx
        )
    try:
        report = load_report(file)
    except GongkaiError as exc:
        click.echo(f"错误 / error: {exc}", err=True)
        ctx.exit(exc.exit_code)
    try:
        data = render_report(report, fmt, findings=findings_for(report))
    except UsageError as exc:
        raise click.UsageError(str(exc), ctx) from exc
    if output is None or output == "-":
        click.echo(data, nl=False)
        return
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise click.FileError(output, hint=str(exc)) from exc
    click.echo(f"已写入 / wrote {output} ({len(data)} bytes)", err=True)


def findings_for(report: Report) -> list[Finding]:
    """The checks' findings (once :mod:`gongkai.checks` exists) followed by the report's own, once each."""
    try:
        checks = importlib.import_module("gongkai.checks")
    except ModuleNotFoundError as exc:
        if exc.name != "gongkai.checks":  # a broken import inside the checks is a real error
            raise
        checks = None
    run_checks: Callable[[Report], Iterable[Finding]] | None = getattr(checks, "run_checks", None)
    if run_checks is None:
        return list(report.findings)
    found: list[Finding] = list(run_checks(report))
    return found + [f for f in report.findings if f not in found]


def _format_from_suffix(output: str | None) -> str:
    fmt = SUFFIXES.get(Path(output).suffix.lower()) if output and output != "-" else None
    if fmt is None:
        raise click.UsageError(
            f"请用 --to 指定格式（{'/'.join(FORMATS)}）/ give --to {'|'.join(FORMATS)}",
        )
    return fmt

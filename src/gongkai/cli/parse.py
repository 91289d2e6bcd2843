"""``gongkai parse``: documents → report JSON / JSON Lines / CSV.

Argument shaping and output only; the work is :mod:`gongkai.reader`. One bad
file never stops a batch: it is reported on stderr (and as an
``{"source", "error"}`` record in JSON Lines) and the exit status is 3 at the
end. Exit codes: 0 all read, 2 usage error, 3 some input unreadable.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, cast

import click

from ..errors import GongkaiError
from ..model import Report

READABLE = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf", ".json"}
)
_GLOB_CHARS = frozenset("*?[")


def expand(inputs: tuple[str, ...]) -> list[str]:
    """Files named by FILE, DIR (recursively, readable extensions) or GLOB arguments, in order."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if item == "-" or path.is_file():
            out.append(item)
        elif path.is_dir():
            out.extend(
                str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in READABLE
            )
        elif _GLOB_CHARS & set(item):
            out.extend(sorted(p for p in glob.glob(item, recursive=True) if Path(p).is_file()))
        else:
            out.append(item)  # missing: reported as unreadable, in its turn
    return out


def _read_one(item: str, encoding: str | None, explain: bool) -> Report:
    from ..reader import explain as explain_document
    from ..reader import read

    source: str | bytes = sys.stdin.buffer.read() if item == "-" else item
    name = "stdin" if item == "-" else None
    if not explain:
        return read(source, name=name, encoding=encoding)
    report, trace = explain_document(source, name=name, encoding=encoding)
    click.echo(f"### {item}\n{trace.render()}", err=True)
    return report


def _progress(total: int) -> Any:
    """A Rich progress bar on stderr for batches on a terminal; nothing otherwise."""
    if total < 2 or not sys.stderr.isatty():
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import Progress

    return Progress(console=Console(stderr=True), transient=True)


@dataclass
class Outcome:
    """One input: its report, or why it could not be read."""

    item: str
    report: Report | None = None
    error: str | None = None


def _outcomes(files: list[str], encoding: str | None, explain: bool) -> Iterator[Outcome]:
    with _progress(len(files)) as progress:
        task = progress.add_task("读取 / reading", total=len(files)) if progress else None
        for item in files:
            try:
                yield Outcome(item, _read_one(item, encoding, explain))
            except (GongkaiError, OSError) as exc:
                click.echo(f"{item}: 错误 / error: {exc}", err=True)
                yield Outcome(item, error=str(exc))
            except Exception as exc:  # a reader bug on one file must not stop the batch
                message = f"内部错误 / internal error: {type(exc).__name__}: {exc}"
                click.echo(f"{item}: {message}", err=True)
                yield Outcome(item, error=message)
            if progress is not None and task is not None:
                progress.advance(task)


def _write(out: TextIO, fmt: str, outcomes: Iterator[Outcome], provenance: bool, single: bool) -> None:
    if fmt == "jsonl":
        for o in outcomes:
            record = (
                o.report.to_dict(provenance=provenance) if o.report else {"source": o.item, "error": o.error}
            )
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
    elif fmt == "csv":
        from ..render.csv import write_csv

        write_csv((o.report for o in outcomes if o.report is not None), out)
    else:
        dicts = [o.report.to_dict(provenance=provenance) for o in outcomes if o.report is not None]
        if not single:
            out.write(json.dumps(dicts, ensure_ascii=False, indent=1) + "\n")
        elif dicts:
            out.write(json.dumps(dicts[0], ensure_ascii=False, indent=1) + "\n")


@click.command(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|DIR|GLOB...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "csv"]),
    default="json",
    show_default=True,
    help="输出格式 / output format",
)
@click.option("-o", "--output", metavar="OUT", help="输出文件（默认标准输出）/ output file (default: stdout)")
@click.option(
    "--explain", is_flag=True, help="在标准错误输出各阶段结果 / print every stage's output to stderr"
)
@click.option("--encoding", metavar="ENC", help="文本编码（如 gb18030、big5）/ text encoding, e.g. gb18030")
@click.option(
    "--no-provenance", is_flag=True, help="不输出单元格来源 / leave out each cell's raw text and location"
)
def parse(
    inputs: tuple[str, ...],
    fmt: str,
    output: str | None,
    explain: bool,
    encoding: str | None,
    no_provenance: bool,
) -> None:
    """读取年度报告（文本、Markdown、HTML、DOCX、PDF），输出单元格、元数据与发现项。

    Read annual reports (text, Markdown, HTML, DOCX, PDF) into cells, meta and findings.
    One file gives one JSON object; several give a JSON array (or one line each with
    --format jsonl). A file that cannot be read is reported and the batch goes on
    (exit status 3 at the end).

    \b
    Examples:
      gongkai parse report.txt
      gongkai parse reports/ --format jsonl -o reports.jsonl
      gongkai parse 'reports/**/*.html' --format csv > cells.csv
      gongkai parse --explain report.txt > /dev/null
    """
    files = expand(inputs)
    if not files:
        raise click.UsageError("没有可读取的文件 / no readable files match the arguments")
    single = len(inputs) == 1 and len(files) == 1 and not Path(inputs[0]).is_dir()
    failed: list[str] = []

    def counted() -> Iterator[Outcome]:
        for o in _outcomes(files, encoding, explain):
            if o.report is None:
                failed.append(o.item)
            yield o

    with click.open_file(output or "-", "w", encoding="utf-8") as out:
        _write(cast(TextIO, out), fmt, counted(), not no_provenance, single)
    if failed:
        click.echo(f"{len(failed)}/{len(files)} 个文件无法读取 / files could not be read", err=True)
        sys.exit(3)


if __name__ == "__main__":  # python -m gongkai.cli.parse FILE
    parse.main(prog_name="gongkai parse")

"""``gongkai parse``: documents → report JSON / JSON Lines / CSV.

Argument shaping and output only; the work is :mod:`gongkai.reader`. One bad
file never stops a batch: it is reported on stderr (and as an
``{"source", "error"}`` record in JSON Lines) and the exit status is 3 at the
end. Batches of files are read in parallel by :mod:`gongkai.reader.batch`.
Exit codes: 0 all read, 2 usage error (no such file), 3 some input unreadable.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, cast

import click

from ..errors import GongkaiError
from ..model import Report


def expand(inputs: tuple[str, ...]) -> list[str]:
    """Files named by FILE, DIR (recursively) or GLOB arguments, in order; ``-`` is stdin."""
    from ..reader.batch import iter_paths

    out: list[str] = []
    for item in inputs:
        out.extend(["-"] if item == "-" else [str(p) for p in iter_paths([item])])
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


@dataclass
class Outcome:
    """One input: its report, or why it could not be read."""

    item: str
    report: Report | None = None
    error: str | None = None


def _outcomes(files: list[str], encoding: str | None, explain: bool) -> Iterator[Outcome]:
    """Read every file: in parallel (``reader.batch``) unless stdin, an encoding or --explain asks for
    one process."""
    progress = len(files) > 1 and sys.stderr.isatty()
    if "-" in files or encoding or explain or len(files) == 1:
        for item in files:
            try:
                yield Outcome(item, _read_one(item, encoding, explain))
            except GongkaiError as exc:
                yield _failed(item, str(exc))
            except Exception as exc:  # a reader bug on one file must not stop the batch
                yield _failed(item, f"内部错误 / internal error: {type(exc).__name__}: {exc}")
        return
    from ..reader.batch import read_many

    for path, result in read_many(files, progress=progress):
        yield Outcome(str(path), result) if isinstance(result, Report) else _failed(str(path), str(result))


def _failed(item: str, message: str) -> Outcome:
    click.echo(f"{item}: 错误 / error: {message}", err=True)
    return Outcome(item, error=message)


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
    """读取年度报告（文本、HTML、MHT、DOCX、Word 2003 XML、PDF），输出单元格、元数据与发现项。

    Read annual reports (text, Markdown, HTML, MHT web archives, DOCX, Word 2003 XML,
    PDF) into cells, meta and findings.
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
    try:
        files = expand(inputs)
    except GongkaiError as exc:
        raise click.UsageError(str(exc)) from exc
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

"""``gongkai corpus``: import documents into the corpus, reparse them, export it, parse on Dask."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .server import setup_django

EXIT_FAILED = 3


@click.group()
def corpus() -> None:
    """年报库：导入、重新解析、导出 / the corpus of annual reports.

    \b
    Examples:
      gongkai corpus import ../shared/seeds
      gongkai corpus export --format csv -o reports.csv --year 2020
    """


class _Progress:
    """A progress line on stderr while documents are imported."""

    def __init__(self, label: str) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn(label),
            BarColumn(),
            TextColumn("{task.completed} 份"),
            TextColumn("{task.fields[last]}", style="dim"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task(label, total=None, last="")

    def __enter__(self) -> _Progress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.__exit__(*exc)

    def __call__(self, outcome: str, name: str) -> None:
        if outcome == "series":  # after the documents: the cross-year checks, body by body
            self.progress.update(self.task, last=f"跨年度检查 / cross-year checks {name}")
            return
        self.progress.update(self.task, advance=1, last=Path(name.split("!")[-1]).name[-40:])


def _report_batch(batch: Any, fmt: str) -> None:
    data = {
        "batch": batch.pk,
        "imported": batch.imported,
        "versions": batch.versions,
        "unchanged": batch.unchanged,
        "failed": batch.failed,
        "failures": batch.failures,
    }
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        click.echo(
            f"新导入 {batch.imported}，新版本 {batch.versions}，未变化 {batch.unchanged}，失败 {batch.failed}"
            f" / imported {batch.imported}, new versions {batch.versions}, "
            f"unchanged {batch.unchanged}, failed {batch.failed}"
        )
        for f in batch.failures:
            click.echo(f"  失败 / failed: {f['name']}: {f['error']}")
    if batch.failed:
        sys.exit(EXIT_FAILED)


def _database_ready() -> None:
    from django.db import DatabaseError

    from .server import pending_migrations

    try:
        pending = pending_migrations()
    except DatabaseError as exc:
        raise click.ClickException(f"数据库无法连接 / cannot reach the database: {exc}") from exc
    if pending:
        raise click.UsageError("数据库尚未初始化，请先运行 gongkai migrate / run gongkai migrate first")


FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="结果格式 / summary format",
)
WORKERS = click.option(
    "--workers", type=int, default=None, help="并行进程数 / parallel readers (default: CPUs)"
)


@corpus.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@FORMAT
@WORKERS
def import_(paths: tuple[str, ...], fmt: str, workers: int | None) -> None:
    """导入文件、文件夹、zip 压缩包或 corpus parse 的 parquet / import documents.

    Same content twice is imported once; a changed document for the same body
    and year becomes a new version. Exit code 3 when some file failed.

    \b
    Example:
      gongkai corpus import ../shared/seeds reports.zip parsed.parquet
    """
    setup_django()
    _database_ready()
    from ..web.corpus.services import import_paths

    with _Progress("导入 / importing") as progress:
        batch = import_paths(paths, workers=workers, progress=progress)
    _report_batch(batch, fmt)


@corpus.command()
@FORMAT
@WORKERS
def reparse(fmt: str, workers: int | None) -> None:
    """用当前解析器重新读取所有源文件 / re-read every stored source with the current reader.

    \b
    Example:
      gongkai corpus reparse --format json
    """
    setup_django()
    _database_ready()
    from ..web.corpus.services import reparse_all

    with _Progress("重新解析 / reparsing") as progress:
        batch = reparse_all(workers=workers, progress=progress)
    _report_batch(batch, fmt)


@corpus.command()
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx", "parquet"]), default="csv", show_default=True
)
@click.option(
    "-o", "--output", required=True, help="输出文件，csv 可用 - 表示标准输出 / output file (- for stdout)"
)
@click.option("--year", type=int, help="年度 / year reported on")
@click.option("--level", help="层级：省/市/县/乡镇/部门 / level")
@click.option("--body", help="机关名称包含 / body name contains")
@click.option("--template", type=click.Choice(["2019", "2021", "legacy"]), help="模板 / template")
def export(
    fmt: str, output: str, year: int | None, level: str | None, body: str | None, template: str | None
) -> None:
    """导出：每份年报一行，每个单元格一列 / one row per report, one column per cell key.

    Columns: body, level, year, template, then every cell key as in cells.md.

    \b
    Example:
      gongkai corpus export --format xlsx -o 2020.xlsx --year 2020 --level 乡镇
    """
    setup_django()
    _database_ready()
    from ..web.corpus.exporting import write_export
    from ..web.corpus.queries import Filters, level_value

    if level:
        try:
            level_value(level)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--level") from exc
    filters = Filters(year=year, level=level, body=body, template=template)
    if output == "-":
        if fmt != "csv":
            raise click.BadParameter("只有 csv 可写到标准输出 / only csv can go to stdout", param_hint="-o")
        n = write_export(fmt, sys.stdout.buffer, filters)
    else:
        with open(output, "wb") as out:
            n = write_export(fmt, out, filters)
    click.echo(
        f"已导出 {n} 份年报 / exported {n} reports" + ("" if output == "-" else f": {output}"), err=True
    )


@corpus.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出 parquet / output")
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="在本机进程池或 Dask 集群上解析 / where to read",
)
@click.option("--scheduler", help="Dask 调度器地址，如 tcp://10.0.0.5:8786 / Dask scheduler address")
@WORKERS
def parse(
    paths: tuple[str, ...], output: str, engine: str, scheduler: str | None, workers: int | None
) -> None:
    """只解析、不入库，结果写入 parquet（可在 Dask 集群上运行）/ read documents into a parquet file.

    The documents are read here and sent to the workers, so the workers need
    gongkai installed but no shared file system. Load the result with
    ``gongkai corpus import OUT.parquet``.

    \b
    Example:
      gongkai corpus parse --engine dask --scheduler tcp://10.0.0.5:8786 reports/ -o parsed.parquet
    """
    from ..web.corpus.importing import iter_sources, parse_many, parse_on_dask, write_parquet

    docs = iter_sources(paths)
    if engine == "dask":
        if not scheduler:
            raise click.UsageError("--engine dask 需要 --scheduler ADDRESS / --engine dask needs --scheduler")
        read: Iterator[Any] = parse_on_dask(docs, scheduler)
    else:
        read = parse_many(docs, workers=workers)
    ok, failed = write_parquet(read, Path(output))
    click.echo(f"已解析 {ok}，失败 {failed} / read {ok}, failed {failed}: {output}", err=True)

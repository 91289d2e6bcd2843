"""Finding and reading source documents for the corpus: files, folders, zip archives, parquet.

Pure Python over the core (no Django): the CLI's ``corpus parse`` runs it on
a Dask cluster, and the import service runs it in a local process pool.
A document that cannot be read becomes a :class:`SourceDoc` with ``error``
set — reported and skipped, never an exception that stops the batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from ... import __version__
from ...errors import GongkaiError
from ...model import Report
from ...reader.batch import DOCUMENT_SUFFIXES as READER_SUFFIXES

# What the reader takes from a folder, named by its type; Markdown left out: in a folder or archive
# of reports a .md is a readme far more often than a report.
DOCUMENT_SUFFIXES = READER_SUFFIXES - {"", ".md", ".markdown"}
PARQUET_COLUMNS = ("name", "sha256", "content", "report", "error", "parser")


@dataclass(frozen=True)
class SourceDoc:
    """A document to import: its bytes and, once read, its report or why it failed."""

    name: str
    content: bytes
    sha256: str
    report: Report | None = None
    error: str | None = None
    parser: str | None = None

    @classmethod
    def of(cls, name: str, content: bytes) -> SourceDoc:
        return cls(name, content, hashlib.sha256(content).hexdigest())

    @classmethod
    def failed(cls, name: str, error: str) -> SourceDoc:
        return cls(name, b"", "", error=error)


def parser_version() -> str:
    """The version of the reader that makes reports; a change means stored sources can be re-read."""
    from ... import reader

    return str(getattr(reader, "PARSER_VERSION", None) or f"gongkai {__version__}")


def iter_sources(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[SourceDoc]:
    """Every document under ``inputs`` (files, folders recursively, zip archives, parquet)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _is_document(child) or child.suffix.lower() in {".zip", ".parquet"}:
                    yield from _from_file(child, str(child))
        elif path.is_file():
            yield from _from_file(path, str(path))
        else:
            yield SourceDoc.failed(str(path), "找不到文件或文件夹 / no such file or folder")


def _is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES and not path.name.startswith((".", "~$"))


def _from_file(path: Path, name: str) -> Iterator[SourceDoc]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            yield from _from_zip(path, name)
        elif suffix == ".parquet":
            yield from read_parquet(path)
        else:
            yield SourceDoc.of(name, path.read_bytes())
    except (OSError, zipfile.BadZipFile, ValueError) as exc:
        yield SourceDoc.failed(name, f"无法读取 / cannot read: {exc}")


def _from_zip(path: Path, name: str) -> Iterator[SourceDoc]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            member = Path(info.filename)
            if info.is_dir() or not _is_document(member):
                continue
            label = f"{name}!{info.filename}"
            try:
                yield SourceDoc.of(label, archive.read(info))
            except (OSError, zipfile.BadZipFile, ValueError) as exc:
                yield SourceDoc.failed(label, f"压缩包成员无法读取 / cannot read zip member: {exc}")


def read_source(name: str, content: bytes) -> Report:
    """A checked report from one document's bytes (gongkai JSON or anything the reader reads)."""
    from ...checks import run_checks

    if name.lower().endswith(".json"):
        report = Report.from_json(content)
    else:
        from ...reader import read

        report = read(content, name=Path(name.split("!")[-1]).name)
    seen = {(f.code, f.cells) for f in report.findings}
    report.findings.extend(f for f in run_checks(report) if (f.code, f.cells) not in seen)
    return report


def parse_doc(doc: SourceDoc) -> SourceDoc:
    """``doc`` with its report, or with the reason it could not be read."""
    if doc.error is not None or doc.report is not None:
        return doc
    try:
        report = read_source(doc.name, doc.content)
    except GongkaiError as exc:
        return replace(doc, error=str(exc))
    except Exception as exc:
        return replace(doc, error=f"解析失败 / reader failed: {type(exc).__name__}: {exc}")
    return replace(doc, report=report, parser=parser_version())


def _parse_list(docs: list[SourceDoc]) -> list[SourceDoc]:
    return [parse_doc(d) for d in docs]


def parse_many(docs: Iterable[SourceDoc], workers: int | None = None, chunk: int = 32) -> Iterator[SourceDoc]:
    """Read documents in a process pool, in order, a few chunks ahead of the consumer.

    ``docs`` is consumed lazily (at most ``3 * workers`` chunks in flight), so a
    folder of any size streams through; ``workers=1`` reads in this process.
    """
    workers = workers or os.cpu_count() or 1
    it = iter(docs)
    if workers <= 1:
        yield from map(parse_doc, it)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[SourceDoc]]] = deque()

        def submit() -> None:
            if batch := list(islice(it, chunk)):
                pending.append(pool.submit(_parse_list, batch))

        for _ in range(3 * workers):
            submit()
        while pending:
            done = pending.popleft().result()
            submit()
            yield from done


def to_row(doc: SourceDoc) -> dict[str, object]:
    """One parquet row of a read document (see ``corpus parse``)."""
    return {
        "name": doc.name,
        "sha256": doc.sha256,
        "content": doc.content,
        "report": doc.report.to_json(indent=None) if doc.report is not None else None,
        "error": doc.error,
        "parser": doc.parser,
    }


def from_row(row: dict[str, object]) -> SourceDoc:
    """A document back from a parquet row; a malformed row becomes a failure."""
    name = str(row.get("name") or "?")
    content = row.get("content")
    text = row.get("report")
    error = row.get("error")
    if not isinstance(content, bytes):
        return SourceDoc.failed(name, "parquet 行缺少 content / parquet row has no content")
    doc = SourceDoc.of(name, content)
    if error:
        return replace(doc, error=str(error))
    try:
        report = Report.from_json(str(text)) if text else None
    except GongkaiError as exc:
        return replace(doc, error=str(exc))
    if report is None:
        return replace(doc, error="parquet 行缺少 report / parquet row has no report")
    return replace(doc, report=report, parser=str(row.get("parser") or parser_version()))


def read_parquet(path: Path) -> Iterator[SourceDoc]:
    """The documents a ``corpus parse`` run wrote, already read."""
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path)
    missing = set(PARQUET_COLUMNS) - set(table.schema_arrow.names)
    if missing:
        raise ValueError(f"不是 corpus parse 的输出，缺少列 {sorted(missing)} / not a corpus parse output")
    for batch in table.iter_batches(batch_size=256):
        for row in batch.to_pylist():
            yield from_row(row)


def write_parquet(docs: Iterable[SourceDoc], out: Path, batch_size: int = 256) -> tuple[int, int]:
    """Write read documents to ``out``; returns (read, failed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("name", pa.string()),
            ("sha256", pa.string()),
            ("content", pa.binary()),
            ("report", pa.string()),
            ("error", pa.string()),
            ("parser", pa.string()),
        ]
    )
    ok = failed = 0
    it = iter(docs)
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        while batch := list(islice(it, batch_size)):
            for d in batch:
                ok, failed = (ok, failed + 1) if d.error else (ok + 1, failed)
            writer.write_batch(pa.RecordBatch.from_pylist([to_row(d) for d in batch], schema=schema))
    return ok, failed


def dumps_report(report: Report) -> str:
    """Compact JSON of a report, for comparing two parses."""
    return json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True)


def parse_on_dask(docs: Iterable[SourceDoc], scheduler: str, batch: int = 256) -> Iterator[SourceDoc]:
    """Read documents on a Dask cluster, ``batch`` at a time, in order (one batch in flight ahead)."""
    from distributed import Client

    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        it = iter(docs)
        ahead = client.map(parse_doc, list(islice(it, batch)), pure=False)
        while ahead:
            following = client.map(parse_doc, list(islice(it, batch)), pure=False)
            yield from client.gather(ahead)
            ahead = following

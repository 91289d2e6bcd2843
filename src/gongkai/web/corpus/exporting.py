"""The corpus as one table — a row per report, a column per cell key — in CSV, XLSX or Parquet."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from itertools import islice
from typing import IO, Any

from ...errors import UsageError
from .queries import EVERYTHING, EXPORT_META, Filters, export_header, export_rows, money_keys

FORMATS = ("csv", "xlsx", "parquet")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}


def write_export(fmt: str, out: IO[bytes], filters: Filters = EVERYTHING) -> int:
    """Write the reports matching ``filters`` to ``out``; returns the number of rows."""
    if fmt == "csv":
        return _csv(out, filters)
    if fmt == "xlsx":
        return _xlsx(out, filters)
    if fmt == "parquet":
        return _parquet(out, filters)
    raise UsageError(f"未知导出格式 {fmt!r}，可选 csv/xlsx/parquet / unknown export format {fmt!r}")


def _text(value: Any) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _csv(out: IO[bytes], filters: Filters) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(export_header())
    n = 0
    for row in export_rows(filters):
        writer.writerow([_text(v) for v in row])
        n += 1
    text.flush()
    text.detach()
    return n


def _xlsx(out: IO[bytes], filters: Filters) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("年报")
    sheet.append(export_header())
    n = 0
    for row in export_rows(filters):
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        n += 1
    book.save(out)
    return n


def _batches(filters: Filters, size: int = 5000) -> Iterator[list[list[Any]]]:
    rows = export_rows(filters)
    while batch := list(islice(rows, size)):
        yield batch


def _parquet(out: IO[bytes], filters: Filters) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    money = money_keys()
    header = export_header()
    fields = [
        pa.field("body", pa.string()),
        pa.field("level", pa.string()),
        pa.field("year", pa.int16()),
        pa.field("template", pa.string()),
    ] + [pa.field(k, pa.float64() if k in money else pa.int64()) for k in header[len(EXPORT_META) :]]
    schema = pa.schema(fields)
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in _batches(filters):
            columns = list(zip(*batch, strict=True))
            arrays = [
                pa.array([float(v) if isinstance(v, Decimal) else v for v in col], type=f.type)
                for col, f in zip(columns, fields, strict=True)
            ]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            n += len(batch)
    return n

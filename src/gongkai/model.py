"""The report model: meta, cells with provenance, section texts, findings; lossless JSON.

A cell value is an ``int`` for counts, a ``Decimal`` for money in 万元, or
``None`` for a blank. A blank is never zero. Provenance and raw text ride
along but are left out of equality, so two reports with the same numbers
compare equal whatever document they came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, NamedTuple

from .errors import ReportFormatError
from .templates import LEGACY, Kind, Template, get_template

Value = int | Decimal | None

FORMAT_VERSION = 1


class Severity(StrEnum):
    """How bad a finding is; the order matters for sorting and exit codes."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return ("error", "warning", "info").index(self.value)


class Provenance(NamedTuple):
    """Where a value came from in its source document.

    Text: ``line`` (1-based) and ``span`` (character offsets in the decoded
    text). HTML/DOCX: ``table``/``row``/``col`` (0-based). PDF: ``page``
    (1-based) and ``bbox`` (x0, top, x1, bottom in points). ``how`` says how
    an unclear value was settled (e.g. "split run-together digits by T3.2").

    A named tuple: the reader makes one per table cell, and a tuple is built
    in one C call (``gongkai.reader.blocks.cell_provenance``) where a frozen
    dataclass took a Python call and a dict.
    """

    kind: str  # text | html | docx | pdf | record | manual
    line: int | None = None
    span: tuple[int, int] | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    how: str | None = None

    def with_span(self, start: int, end: int) -> Provenance:
        """The same provenance with another ``span`` (a part of the text it points at)."""
        return self._replace(span=(start, end))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for name in ("line", "span", "table", "row", "col", "page", "bbox", "how"):
            v = getattr(self, name)
            if v is not None:
                out[name] = list(v) if isinstance(v, tuple) else v
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Provenance:
        span = d.get("span")
        bbox = d.get("bbox")
        return cls(
            kind=str(d.get("kind", "text")),
            line=d.get("line"),
            span=(int(span[0]), int(span[1])) if span else None,
            table=d.get("table"),
            row=d.get("row"),
            col=d.get("col"),
            page=d.get("page"),
            bbox=(float(bbox[0]), float(bbox[1]), float(bbox[2]), float(bbox[3])) if bbox else None,
            how=d.get("how"),
        )


@dataclass
class Cell:
    """One number of the statutory tables, with where it came from."""

    key: str
    value: Value = None
    raw: str | None = field(default=None, compare=False)
    provenance: Provenance | None = field(default=None, compare=False)
    unit: str | None = field(default=None, compare=False)  # unit as written (元, 万元)

    @property
    def blank(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Finding:
    """Something a check or the reader has to say about a report."""

    code: str
    severity: Severity
    message: str  # Chinese
    cells: tuple[str, ...] = ()
    message_en: str = ""
    detail: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "message_en": self.message_en,
            "cells": list(self.cells),
        }
        if self.detail:
            out["detail"] = _jsonable(self.detail)
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        try:
            return cls(
                code=str(d["code"]),
                severity=Severity(d.get("severity", "info")),
                message=str(d.get("message", "")),
                cells=tuple(d.get("cells", ())),
                message_en=str(d.get("message_en", "")),
                detail=dict(d.get("detail", {})),
            )
        except (KeyError, ValueError) as exc:
            raise ReportFormatError(f"发现项格式错误 / malformed finding {d!r}: {exc}") from exc


@dataclass(frozen=True)
class Fact:
    """A number stated in the prose (e.g. 共受理政府信息公开申请7件) and what it claims."""

    name: str  # the cell key it speaks about, or a free name (active.items_published)
    value: int | Decimal
    raw: str
    provenance: Provenance | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "value": _num_out(self.value), "raw": self.raw}
        if self.provenance:
            out["provenance"] = self.provenance.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Fact:
        v = d["value"]
        value: int | Decimal = v if isinstance(v, int) else Decimal(str(v))
        prov = d.get("provenance")
        return cls(d["name"], value, d.get("raw", ""), Provenance.from_dict(prov) if prov else None)


@dataclass
class Meta:
    """Who reported on which year, in which template, published when, read from where."""

    body: str | None = None
    year: int | None = None
    template: str | None = None  # "2019" | "2021" | "legacy" | None (unknown)
    published: date | None = None
    title: str | None = None
    source: str | None = field(default=None, compare=False)
    source_sha256: str | None = field(default=None, compare=False)
    parser: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "year": self.year,
            "template": self.template,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "source": self.source,
            "source_sha256": self.source_sha256,
            "parser": self.parser,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Meta:
        published = d.get("published")
        try:
            pub = date.fromisoformat(published) if published else None
        except (TypeError, ValueError) as exc:
            raise ReportFormatError(
                f"发布日期应为 YYYY-MM-DD / meta.published must be YYYY-MM-DD, got {published!r}"
            ) from exc
        year = d.get("year")
        template = d.get("template")
        return cls(
            body=d.get("body"),
            year=int(year) if year is not None else None,
            template=str(template) if template is not None else None,
            published=pub,
            title=d.get("title"),
            source=d.get("source"),
            source_sha256=d.get("source_sha256"),
            parser=d.get("parser"),
        )


SECTION_KEYS = ("s1", "s2", "s3", "s4", "s5", "s6")


@dataclass
class Report:
    """One annual report: meta, every cell of its template, the six texts, findings."""

    meta: Meta = field(default_factory=Meta)
    cells: dict[str, Cell] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

    # -- construction -------------------------------------------------------
    @classmethod
    def blank(cls, template: str | Template, **meta: Any) -> Report:
        """A report of ``template`` with every cell present and blank."""
        t = template if isinstance(template, Template) else get_template(template)
        return cls(meta=Meta(template=t.id, **meta), cells={k: Cell(k) for k in t.keys})

    @classmethod
    def from_values(cls, template: str | Template, values: Mapping[str, Value], **meta: Any) -> Report:
        """A report of ``template`` whose cells take ``values`` (others blank)."""
        report = cls.blank(template, **meta)
        for key, value in values.items():
            report.set(key, value)
        return report

    # -- access -------------------------------------------------------------
    @property
    def template(self) -> Template | None:
        """The statutory template, or None for legacy/unknown reports."""
        if self.meta.template is None or self.meta.template == LEGACY:
            return None
        return get_template(self.meta.template)

    def value(self, key: str) -> Value:
        cell = self.cells.get(key)
        return cell.value if cell else None

    def values(self) -> dict[str, Value]:
        return {k: c.value for k, c in self.cells.items()}

    def set(self, key: str, value: Value, **cell_fields: Any) -> Cell:
        """Set a cell, coercing the value to its template kind (money → Decimal)."""
        cell = Cell(key, _coerce(self.template, key, value), **cell_fields)
        self.cells[key] = cell
        return cell

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells.values())

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    # -- JSON ---------------------------------------------------------------
    def to_dict(self, *, provenance: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "meta": self.meta.to_dict(),
            "cells": {k: _num_out(c.value) for k, c in self.cells.items()},
            "sections": dict(self.sections),
            "findings": [f.to_dict() for f in self.findings],
            "facts": [f.to_dict() for f in self.facts],
        }
        if provenance:
            out["provenance"] = {k: _cell_source(c) for k, c in self.cells.items() if _cell_source(c)}
        return out

    def to_json(self, *, indent: int | None = 1, provenance: bool = True) -> str:
        return json.dumps(self.to_dict(provenance=provenance), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Report:
        if not isinstance(d, Mapping) or "meta" not in d or "cells" not in d:
            raise ReportFormatError(
                "不是 gongkai 报告 JSON（缺少 meta 或 cells）/ "
                "not a gongkai report JSON: it needs 'meta' and 'cells'"
            )
        meta = Meta.from_dict(d["meta"])
        report = cls(meta=meta)
        template = report.template
        sources: Mapping[str, Any] = d.get("provenance") or {}
        for key, raw_value in d["cells"].items():
            if template is not None and key not in template.cells:
                raise ReportFormatError(
                    f"模板 {template.id} 没有单元格 {key} / template {template.id} has no cell {key}"
                )
            src = sources.get(key) or {}
            prov = src.get("provenance")
            report.cells[key] = Cell(
                key,
                _coerce(template, key, raw_value),
                raw=src.get("raw"),
                provenance=Provenance.from_dict(prov) if prov else None,
                unit=src.get("unit"),
            )
        report.sections = {str(k): str(v) for k, v in (d.get("sections") or {}).items()}
        report.findings = [Finding.from_dict(f) for f in d.get("findings") or ()]
        report.facts = [Fact.from_dict(f) for f in d.get("facts") or ()]
        return report

    @classmethod
    def from_json(cls, text: str | bytes) -> Report:
        try:
            data = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise ReportFormatError(f"JSON 无法解析 / invalid JSON: {exc}") from exc
        return cls.from_dict(data)


def _cell_source(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if cell.raw is not None:
        out["raw"] = cell.raw
    if cell.unit is not None:
        out["unit"] = cell.unit
    if cell.provenance is not None:
        out["provenance"] = cell.provenance.to_dict()
    return out


def _coerce(template: Template | None, key: str, value: Any) -> Value:
    """Bring a value to its cell's kind: Decimal for money, int otherwise, None stays None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ReportFormatError(f"{key}: 数值不能是布尔值 / a cell value cannot be a boolean")
    spec = template.cells.get(key) if template else None
    try:
        if spec is not None and spec.kind is Kind.MONEY:
            return value if isinstance(value, Decimal) else Decimal(str(value))
        if isinstance(value, int):
            return value
        d = value if isinstance(value, Decimal) else Decimal(str(value))
        if d != d.to_integral_value():
            if spec is None:
                return d
            raise ReportFormatError(
                f"{key}: 计数必须是整数，得到 {value!r} / a count must be an integer, got {value!r}"
            )
        return int(d)
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ReportFormatError(f"{key}: 不是数字 / not a number: {value!r}") from exc


def _num_out(value: Value) -> int | float | None:
    """JSON-ready number; money leaves as float, whose repr round-trips through parse_float."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, Mapping):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, Decimal):
        return _num_out(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


def iter_reports(items: Iterable[Report | Mapping[str, Any]]) -> Iterator[Report]:
    """Reports from a mix of Report objects and their dicts."""
    for item in items:
        yield item if isinstance(item, Report) else Report.from_dict(item)

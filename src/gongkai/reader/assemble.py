"""The shared back half: blocks → report (locate, cells, resolve, meta, prose).

Every front end (text, HTML, DOCX, PDF) ends here. Values are parsed from the
tokens the cell stage placed, run-together digits are settled by
``resolve``, and whatever the document does not settle is left blank with a
finding that names the cells. A ``Trace`` collects each stage's output for
``gongkai parse --explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from ..model import Cell, Finding, Meta, Provenance, Report, Value
from ..templates import LEGACY, CellSpec, Kind, Template, core, get_template
from ..templates.common import SECTIONS
from .blocks import Block, Grid
from .findings import finding
from .locate import Layout, locate
from .meta import detect_template, read_meta
from .numbers import Number, parse_number
from .prose import compare_facts, prose_facts
from .resolve import RunReading, resolve_runs
from .tables import RowPlacement, TablesRead, read_tables
from .tokens import Line, Token, block_lines

_PROSE_SECTIONS = ("s1", "s5", "s6")
TOTAL_KEY = "total"


@dataclass
class Trace:
    """Each stage's output, as text lines, for debugging (``--explain``)."""

    stages: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, stage: str, lines: list[str]) -> None:
        self.stages.append((stage, lines))

    def render(self) -> str:
        out: list[str] = []
        for stage, lines in self.stages:
            out.append(f"== {stage}")
            out.extend(f"   {line}" for line in lines)
        return "\n".join(out)


def _where(prov: Provenance) -> str:
    if prov.line is not None and prov.span is not None:
        return f"L{prov.line}[{prov.span[0]}:{prov.span[1]}]"
    if prov.page is not None:
        return f"p{prov.page}"
    parts = [
        f"{k}{getattr(prov, n)}"
        for k, n in (("t", "table"), ("r", "row"), ("c", "col"))
        if getattr(prov, n) is not None
    ]
    return "".join(parts) or (f"L{prov.line}" if prov.line is not None else "?")


def _trace_blocks(blocks: list[Block]) -> list[str]:
    out = []
    for b in blocks:
        if isinstance(b, Grid):
            out.append(
                f"grid {_where(b.provenance) if b.provenance else '?'}: {len(b.rows)} rows × {b.width}"
            )
            out.extend("  | " + " | ".join(c.text for c in row if not c.is_copy) for row in b.rows[:200])
        else:
            out.append(f"{_where(b.provenance)}: {b.text[:70]}")
    return out


def assemble(blocks: list[Block], trace: Trace | None = None) -> Report:
    """A report from normalized blocks (meta.source etc. are the caller's to set)."""
    lines = block_lines(blocks)
    if trace:
        trace.add("blocks", _trace_blocks(blocks))
    layout = locate(lines)
    meta = read_meta(lines)
    joined = "".join(
        [
            t.text if t.text.isascii() and t.text.isdigit() else core(t.text)
            for line in lines
            for t in line.tokens
            if len(t.text) <= 80
        ]
    )
    template_id, template_from = detect_template(joined, meta.year)
    if trace:
        trace.add(
            "locate",
            [f"heading {k}: line {i}" for k, i in layout.headings.items()]
            + [f"table {r.table}: lines {r.start}–{r.end}" for r in layout.tables.values()],
        )
        trace.add(
            "meta",
            [
                f"template {template_id} ({template_from})",
                f"year {meta.year} ({meta.year_from})",
                f"body {meta.body} ({meta.body_from})",
                f"published {meta.published} ({meta.published_from})",
                f"title {meta.title}",
            ],
        )
    report = Report(meta=Meta(meta.body, meta.year, template_id, meta.published, meta.title))
    findings: list[Finding] = []
    table_lines: set[int] = set()
    if template_id in ("2019", "2021"):
        template = get_template(template_id)
        tables = read_tables(lines, layout, template)
        if trace:
            trace.add("rows", _trace_rows(tables))
        findings += _fill(report, tables, template)
        for key, region in layout.tables.items():
            if key in tables.found:
                table_lines.update(range(region.start, region.end))
    elif template_id == LEGACY:
        findings.append(finding("legacy-report", year=meta.year))
    report.sections = _sections(lines, layout, meta.signature_lines)
    report.facts = prose_facts(lines, table_lines)
    findings += compare_facts(report)
    if meta.year is None:
        findings.append(finding("year-missing"))
    if meta.body is None:
        findings.append(finding("body-missing"))
    report.findings = findings
    if trace:
        trace.add("findings", [f"{f.severity.value} {f.code}: {f.message}" for f in findings])
    return report


def _trace_rows(tables: TablesRead) -> list[str]:
    out = []
    for rp in tables.rows:
        r = rp.read
        label = r.label.text if r and r.label else ("(按位置)" if r and r.by_position else "")
        values = " | ".join(t.text for t in (r.values if r else []))
        p = rp.placement
        placed = ", ".join(f"{c}={t.text!r}" for c, t in p.cells.items())
        extra = f" run={[t.text for t in p.run]}" if p.run else ""
        extra += f" ambiguous={list(p.ambiguous)}" if p.ambiguous else ""
        out.append(f"{rp.prefix} ← {label!r} [{values}] → {placed}{extra}")
    return out


def _sections(lines: list[Line], layout: Layout, skip: frozenset[int]) -> dict[str, str]:
    """The prose of sections 一, 五, 六 (the signature at the end left out)."""
    out: dict[str, str] = {}
    for section in SECTIONS:
        if section.key not in _PROSE_SECTIONS:
            continue
        span = layout.section_lines(section.key, len(lines))
        if span is None:
            continue
        texts = [
            lines[i].tokens[0].text
            for i in span
            if not lines[i].grid and lines[i].tokens[0].text and i not in skip
        ]
        if texts:
            out[section.key] = "\n".join(texts)
    return out


@dataclass
class _Filler:
    """Parses placed tokens into the report's cells and collects the findings."""

    report: Report
    template: Template
    units: dict[str, str]
    findings: list[Finding] = field(default_factory=list)
    dashes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.specs = self.template.cells
        self.money = _money_keys(self.template.id)

    def put(self, key: str, tok: Token, how: str | None = None) -> None:
        spec = self.specs.get(key)
        if spec is None:
            return
        raw = tok.text
        prov = tok.provenance if how is None else _with_how(tok.provenance, how)
        if key not in self.money:
            count = int(raw) if raw.isascii() and raw.isdigit() else _count(raw)
            if count is not None:  # the common case: a plain whole number
                self.report.cells[key] = Cell(key, count, raw, prov)
                return
        value, unit = self._value(spec, parse_number(raw), raw)
        self.report.cells[key] = Cell(key, value, raw, prov, unit)

    def _value(self, spec: CellSpec, num: Number, raw: str) -> tuple[Value, str | None]:
        key = spec.key
        if num.dash:
            self.dashes.append(key)
            return None, None
        if num.problem or num.value is None:
            if num.problem:
                self.findings.append(finding("bad-number", (key,), cell=key, raw=raw))
            return None, None
        value = num.value
        if spec.kind is Kind.MONEY:
            unit = num.unit or self.units.get(spec.column.key) or spec.column.unit
            if unit == "元":
                self.findings.append(finding("unit-converted", (key,), cell=key, raw=raw, unit="元"))
                return value / Decimal(10000), "元"
            if unit is None and value != 0:
                self.findings.append(finding("unit-assumed", (key,), cell=key, raw=raw))
            return value, unit
        if num.unit is not None or value != value.to_integral_value():
            self.findings.append(finding("bad-number", (key,), cell=key, raw=raw))
            return None, None
        return int(value), None


@lru_cache(maxsize=8)
def _money_keys(template_id: str) -> frozenset[str]:
    cells = get_template(template_id).cells
    return frozenset(k for k, spec in cells.items() if spec.kind is Kind.MONEY)


@lru_cache(maxsize=4096)
def _count(raw: str) -> int | None:
    """A count cell's whole number, or None when the text is anything else (blank, dash, unit, problem)."""
    num = parse_number(raw)
    if num.value is None or num.unit is not None or num.value != num.value.to_integral_value():
        return None
    return int(num.value)


def _with_how(prov: Provenance, how: str) -> Provenance:
    return prov._replace(how=how)


def _fill(report: Report, tables: TablesRead, template: Template) -> list[Finding]:
    filler = _Filler(report, template, tables.units)
    out = filler.findings
    for table in template.tables:
        if table.key not in tables.found:
            out.append(finding("table-missing", table=table.number, title=table.title))
    for number, label in tables.missing_rows:
        out.append(finding("row-missing", table=number, row=label))
    for number, label in tables.by_position:
        out.append(finding("row-label-missing", table=number, row=label))
    for number, raw in tables.unplaced:
        out.append(finding("unplaced-values", table=number, raw=raw[:60]))
    for label in tables.extra_columns:
        out.append(finding("extra-column", label=label))
    _fill_rows(filler, tables.rows, template)
    filled = report.cells  # the blanks are made once, after the values, in the template's order
    report.cells = {k: filled[k] if k in filled else Cell(k) for k in template.keys}
    known = report.values()
    readings = resolve_runs(tables.rows, known, template)
    _report_gaps(filler, [(_fill_run(filler, tables.rows, r), r) for r in readings])
    if filler.dashes:
        out.append(finding("dash-as-blank", filler.dashes, count=len(filler.dashes)))
    return out


def _fill_rows(filler: _Filler, rows: list[RowPlacement], template: Template) -> None:
    """Parse every placed row; one finding per table for short rows and for unplaceable rows."""
    short: dict[str, list[RowPlacement]] = {}
    unsettled: dict[str, list[RowPlacement]] = {}
    for rp in rows:
        p = rp.placement
        for col, tok in p.cells.items():
            filler.put(f"{rp.prefix}.{col}", tok, p.how)
        if p.how and TOTAL_KEY in p.cells:
            short.setdefault(rp.table, []).append(rp)
        if p.ambiguous:
            unsettled.setdefault(rp.table, []).append(rp)
    for table, rps in short.items():
        cells = [f"{rp.prefix}.{TOTAL_KEY}" for rp in rps]
        filler.findings.append(
            finding(
                "short-row-total", cells, table=template.table(table).number, count=len(rps), row=rps[0].label
            )
        )
    for table, rps in unsettled.items():
        cells = [f"{rp.prefix}.{c}" for rp in rps for c in rp.placement.ambiguous]
        raws = {rp.prefix: " | ".join(t.text for t in (rp.read.values if rp.read else [])) for rp in rps}
        first = rps[0]
        filler.findings.append(
            finding(
                "ambiguous-columns",
                cells,
                {"rows": raws},
                table=template.table(table).number,
                count=len(rps),
                row=first.label,
                what=f"{first.placement.detail}：{raws[first.prefix]}",
            )
        )


def _fill_run(filler: _Filler, rows: list[RowPlacement], reading: RunReading) -> RowPlacement:
    """Write what a reading settles; say what stays open unless the row lost its empty cells (the
    caller reports those per table)."""
    rp = next(
        r for r in rows if r.placement.run is not None and f"{r.prefix}.{r.columns[0]}" == reading.keys[0]
    )
    first = rp.placement.run[0] if rp.placement.run else None
    prov = first.provenance if first else Provenance("text")
    if reading.open and not reading.gaps:
        count = reading.candidates if reading.candidates >= 0 else "过多 / too many"
        filler.findings.append(
            finding("run-together-unresolved", reading.open, row=rp.label, raw=reading.raw, count=count)
        )
    if reading.values is None:
        return rp
    kind = "列位置 / columns" if reading.gaps else "连写数字拆分 / split run-together digits"
    how = f"{kind} {reading.raw}: {reading.how}"
    settled = [(k, v) for k, v in zip(reading.keys, reading.values, strict=True) if k not in reading.open]
    for key, value in settled:
        if isinstance(value, Token):
            filler.put(key, value, how)
        elif value is not None:
            filler.report.cells[key] = Cell(key, value, raw=reading.raw, provenance=_with_how(prov, how))
    if not reading.gaps:
        split = "/".join(_shown(v) for _, v in settled)
        cells = [k for k, _ in settled]
        row, raw = rp.label, reading.raw
        filler.findings.append(
            finding("run-together-resolved", cells, row=row, raw=raw, how=reading.how, split=split)
        )
    return rp


def _report_gaps(filler: _Filler, readings: list[tuple[RowPlacement, RunReading]]) -> None:
    """One finding per table for the rows that lost their empty cells: what was settled, what was not."""
    by_table: dict[str, list[tuple[RowPlacement, RunReading]]] = {}
    for rp, reading in readings:
        if reading.gaps:
            by_table.setdefault(rp.table, []).append((rp, reading))
    for table, rows in by_table.items():
        number = filler.template.table(table).number
        settled = [(rp, r) for rp, r in rows if r.values is not None]
        if settled:
            rp, r = settled[0]
            cells = [k for _, r in settled for k in r.keys if k not in r.open]
            split = "/".join(_shown(v, k in r.open) for k, v in zip(r.keys, r.values or (), strict=True))
            count, row = len(settled), rp.label
            found = finding(
                "columns-resolved",
                cells,
                table=number,
                count=count,
                row=row,
                raw=r.raw,
                how=r.how,
                split=split,
            )
            filler.findings.append(found)
        unsettled = [(rp, r) for rp, r in rows if r.open]
        if unsettled:
            raws = {rp.prefix: r.raw for rp, r in unsettled}
            rp, r = unsettled[0]
            what = f"{len(rp.placement.run or ())} 个数值对应 {len(r.keys)} 列（空白单元格被省略）：{r.raw}"
            cells = [k for _, r in unsettled for k in r.open]
            fields = {"table": number, "count": len(unsettled), "row": rp.label}
            filler.findings.append(finding("ambiguous-columns", cells, {"rows": raws}, what=what, **fields))


def _shown(value: int | Token | None, unsettled: bool = False) -> str:
    """A settled cell as the findings show it (an empty or unsettled cell as nothing)."""
    if unsettled or value is None:
        return ""
    return value.text if isinstance(value, Token) else str(value)

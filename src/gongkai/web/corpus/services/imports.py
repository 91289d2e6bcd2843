"""Import and reparse: documents read in a process pool, stored in chunks, deduplicated.

One transaction per chunk with bulk inserts and, should a chunk fail, one
transaction per report, so a crash midway never leaves half a report and one
bad row never loses the others. After an import the cross-year checks run over
the series of every body it touched.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import DatabaseError, connection, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from ....model import Report as CoreReport
from ....templates import LEGACY
from ..importing import SourceDoc, iter_sources, parse_many, parser_version
from ..models import (
    Body,
    Correction,
    Finding,
    ImportBatch,
    Reason,
    Report,
    ReportVersion,
    Source,
)
from .bodies import match_bodies
from .common import (
    Progress,
    User,
    chunks,
    count_problems,
    finding_row,
    insert_new,
    rechecked,
    report_json,
    saved_user,
    write_values,
)
from .series import run_series_checks

CHUNK = 200
ANALYZE_AFTER = 1000  # reports stored in one import before PostgreSQL's statistics are refreshed

Outcome = tuple[SourceDoc, str, str | None, int | None]


@dataclass
class _Plan:
    """What storing one read document will do."""

    doc: SourceDoc
    report: CoreReport
    body: Body
    row: Report | None  # the existing report of (body, year), if any
    reason: Reason = Reason.IMPORT
    number: int = 1


@dataclass
class _Tally:
    batch: ImportBatch
    progress: Progress | None
    bodies: set[int] = field(default_factory=set)

    def count(self, outcome: str, name: str, error: str | None = None) -> None:
        attr = {"imported": "imported", "version": "versions", "unchanged": "unchanged", "failed": "failed"}
        setattr(self.batch, attr[outcome], getattr(self.batch, attr[outcome]) + 1)
        if error is not None:
            self.batch.failures.append({"name": name, "error": error})
        if self.progress is not None:
            self.progress(outcome, name)


def import_paths(
    inputs: Iterable[str],
    *,
    workers: int | None = None,
    user: User | None = None,
    progress: Progress | None = None,
) -> ImportBatch:
    """Import every document under ``inputs`` (files, folders, zip, ``corpus parse`` parquet)."""
    return import_documents(iter_sources(inputs), workers=workers, user=user, progress=progress)


def import_documents(
    docs: Iterable[SourceDoc],
    *,
    workers: int | None = None,
    user: User | None = None,
    progress: Progress | None = None,
    kind: Reason = Reason.IMPORT,
) -> ImportBatch:
    """Read (unless already read) and store documents; returns the finished batch with its counts."""
    batch = ImportBatch.objects.create(kind=kind, user=saved_user(user))
    tally = _Tally(batch, progress)
    current = parser_version()
    seen: set[str] = set()
    force = kind is Reason.REPARSE
    fresh = (d for chunk in chunks(docs, CHUNK) for d in _fresh(chunk, current, seen, tally, force=force))
    for piece in chunks(parse_many(fresh, workers=workers), CHUNK):
        _store(piece, tally)
    run_series_checks(sorted(tally.bodies), progress=progress)
    if connection.vendor == "postgresql" and batch.imported + batch.versions >= ANALYZE_AFTER:
        _refresh_statistics()
    batch.finished = timezone.now()
    batch.save()
    return batch


def _fresh(
    chunk: list[SourceDoc], current: str, seen: set[str], tally: _Tally, *, force: bool = False
) -> list[SourceDoc]:
    """The documents not yet read by this parser; the rest count as unchanged, failures as failed."""
    known = dict(
        Source.objects.filter(sha256__in=[d.sha256 for d in chunk if d.sha256]).values_list(
            "sha256", "parser_version"
        )
    )
    out = []
    for doc in chunk:
        if doc.error is not None:
            tally.count("failed", doc.name, doc.error)
        elif doc.sha256 in seen or (not force and known.get(doc.sha256) == (doc.parser or current)):
            tally.count("unchanged", doc.name)
        else:
            seen.add(doc.sha256)
            out.append(doc)
    return out


def _store(docs: list[SourceDoc], tally: _Tally) -> None:
    """Store a chunk in one transaction; if that fails, each document in its own."""
    ready = []
    for doc in docs:
        if doc.report is None:
            tally.count("failed", doc.name, doc.error or "未知错误 / unknown error")
        elif (problem := _unfileable(doc.report)) is not None:
            tally.count("failed", doc.name, problem)
        else:
            ready.append(doc)
    try:
        with transaction.atomic():
            outcomes = _store_many(ready, tally.batch)
    except DatabaseError:
        outcomes = []
        for doc in ready:
            try:
                with transaction.atomic():
                    outcomes.extend(_store_many([doc], tally.batch))
            except DatabaseError as exc:
                outcomes.append((doc, "failed", f"保存失败 / could not store: {exc}", None))
    for doc, outcome, error, body_id in outcomes:
        tally.count(outcome, doc.name, error)
        if body_id is not None and outcome != "failed":
            tally.bodies.add(body_id)


def _unfileable(report: CoreReport) -> str | None:
    if not report.meta.body:
        return "无法识别发布机关 / the reporting body could not be read"
    if report.meta.year is None:
        return "无法识别报告年度 / the year reported on could not be read"
    return None


def _store_many(docs: list[SourceDoc], batch: ImportBatch) -> list[Outcome]:
    """Store read documents (inside the caller's transaction); same (body, year) twice goes in turns."""
    outcomes: list[Outcome] = []
    pending = docs
    while pending:
        plans, later, done = _plan(pending)
        outcomes.extend(done)
        _write(plans, batch)
        outcomes.extend((p.doc, "imported" if p.number == 1 else "version", None, p.body.pk) for p in plans)
        pending = later
    return outcomes


def _plan(docs: list[SourceDoc]) -> tuple[list[_Plan], list[SourceDoc], list[Outcome]]:
    years: dict[str, set[int]] = defaultdict(set)
    for d in docs:
        assert d.report is not None and d.report.meta.body and d.report.meta.year is not None
        years[d.report.meta.body].add(d.report.meta.year)
    bodies = match_bodies(years)
    plans: list[_Plan] = []
    later: list[SourceDoc] = []
    taken: set[tuple[int, int]] = set()
    for doc in docs:
        assert doc.report is not None and doc.report.meta.body and doc.report.meta.year is not None
        body = bodies[doc.report.meta.body]
        slot = (body.pk, doc.report.meta.year)
        if slot in taken:
            later.append(doc)
            continue
        taken.add(slot)
        plans.append(_Plan(doc, doc.report, body, None))
    existing = _existing_reports(taken)
    if not existing:
        return plans, later, []
    done: list[Outcome] = []
    keep: list[_Plan] = []
    current_data = dict(
        ReportVersion.objects.filter(
            pk__in=[r.current_version_id for r in existing.values() if r.current_version_id]
        ).values_list("pk", "data")
    )
    numbers = dict(
        ReportVersion.objects.filter(report__in=list(existing.values()))
        .values("report")
        .annotate(n=Max("number"))
        .values_list("report", "n")
    )
    corrections = _corrections_by_report(list(existing.values()))
    for plan in plans:
        row = existing.get((plan.body.pk, plan.report.meta.year or 0))
        if row is not None:
            plan.row = row
            plan.report = _reapply(plan.report, corrections.get(row.pk, []))
            plan.reason = Reason.REPARSE if row.source_sha256 == plan.doc.sha256 else Reason.IMPORT
            plan.number = numbers.get(row.pk, 0) + 1
            if _same(current_data.get(row.current_version_id or 0), plan.report):
                _touch_source(plan.doc)
                done.append((plan.doc, "unchanged", None, plan.body.pk))
                continue
        keep.append(plan)
    return keep, later, done


def _existing_reports(slots: set[tuple[int, int]]) -> dict[tuple[int, int], Report]:
    """The stored reports of these (body, year) slots, in one query."""
    if not slots:
        return {}
    rows = Report.objects.filter(body_id__in={b for b, _ in slots}, year__in={y for _, y in slots})
    return {(r.body_id, r.year): r for r in rows if (r.body_id, r.year) in slots}


def _same(stored: Any, report: CoreReport) -> bool:
    if stored is None:
        return False
    return json.dumps(stored, sort_keys=True) == json.dumps(report_json(report), sort_keys=True)


def _touch_source(doc: SourceDoc) -> Source:
    source, created = Source.objects.get_or_create(
        sha256=doc.sha256,
        defaults={
            "name": doc.name[-500:],
            "size": len(doc.content),
            "content": Source.pack(doc.content),
            "parser_version": doc.parser or parser_version(),
        },
    )
    if not created and source.parser_version != (doc.parser or parser_version()):
        source.parser_version = doc.parser or parser_version()
        source.save(update_fields=["parser_version"])
    return source


def _write(plans: list[_Plan], batch: ImportBatch) -> None:
    """Bulk-insert sources, reports, versions, cell values and findings for ``plans``."""
    if not plans:
        return
    sources = _sources(plans)
    fresh = [p for p in plans if p.row is None]
    created = Report.objects.bulk_create([_report_row(p, Report(body=p.body), batch) for p in fresh])
    for p, row in zip(fresh, created, strict=True):
        p.row = row
    again = [_report_row(p, p.row, batch) for p in plans if p.row is not None and p.number > 1]
    Report.objects.bulk_update(
        again,
        ["template", "source_name", "source_sha256", "parser_version", "batch", "errors", "warnings"],
    )
    versions = _insert_versions(plans, sources, batch)
    rows: list[Report] = []
    for p, version in zip(plans, versions, strict=True):
        assert p.row is not None
        p.row.current_version = version
        rows.append(p.row)
    _point_to_latest([r.pk for r in rows])
    write_values([(p.row, p.report) for p in plans if p.row is not None], replace_old=bool(again))
    if again:  # findings describe the current version only; older ones live on in each version's JSON
        Finding.objects.filter(report__in=again).delete()
    insert_new(
        [
            finding_row(row.pk, version.pk, f)
            for p, row, version in zip(plans, rows, versions, strict=True)
            for f in p.report.findings
        ]
    )


def _sources(plans: list[_Plan]) -> dict[str, int]:
    """The stored source of each plan's document (sha256 → id), new ones inserted, versions updated."""
    known = {
        sha: (pk, version)
        for sha, pk, version in Source.objects.filter(sha256__in=[p.doc.sha256 for p in plans]).values_list(
            "sha256", "pk", "parser_version"
        )
    }
    new_sources = {
        p.doc.sha256: Source(
            sha256=p.doc.sha256,
            name=p.doc.name[-500:],
            size=len(p.doc.content),
            content=Source.pack(p.doc.content),
            parser_version=p.doc.parser or parser_version(),
        )
        for p in plans
        if p.doc.sha256 not in known
    }
    for s in insert_new(list(new_sources.values())):
        known[s.sha256] = (s.pk, s.parser_version)
    stale = {
        known[p.doc.sha256][0] for p in plans if known[p.doc.sha256][1] != (p.doc.parser or parser_version())
    }
    if stale:
        Source.objects.filter(pk__in=stale).update(parser_version=parser_version())
    return {sha: pk for sha, (pk, _) in known.items()}


def _insert_versions(plans: list[_Plan], sources: dict[str, int], batch: ImportBatch) -> list[ReportVersion]:
    """One new version per plan, in order."""
    return insert_new(
        [
            ReportVersion(
                report=p.row,
                number=p.number,
                data=report_json(p.report),
                reason=p.reason,
                source_id=sources[p.doc.sha256],
                parser_version=p.doc.parser or parser_version(),
                batch=batch,
            )
            for p in plans
        ]
    )


def _report_row(plan: _Plan, row: Report, batch: ImportBatch) -> Report:
    """``row`` filled from a read document (everything but its current version)."""
    row.year = plan.report.meta.year or 0
    row.template = plan.report.meta.template or LEGACY
    row.source_name = plan.doc.name[-500:]
    row.source_sha256 = plan.doc.sha256
    row.parser_version = plan.doc.parser or parser_version()
    row.batch = batch
    row.errors, row.warnings = count_problems(plan.report.findings)
    return row


def _point_to_latest(report_ids: list[int]) -> None:
    """Make each report's current version its newest one, in one statement."""
    latest = ReportVersion.objects.filter(report=OuterRef("pk")).order_by("-number").values("pk")[:1]
    Report.objects.filter(pk__in=report_ids).update(current_version=Subquery(latest))


def _corrections_by_report(rows: list[Report]) -> dict[int, list[Correction]]:
    out: dict[int, list[Correction]] = defaultdict(list)
    for c in Correction.objects.filter(report__in=rows).order_by("created", "pk"):
        out[c.report_id].append(c)
    return out


def _reapply(report: CoreReport, corrections: list[Correction]) -> CoreReport:
    """Carry a reviewer's corrections over to a fresh parse that still reads the old value."""
    changed = False
    for c in corrections:
        if c.key in report.cells and _num(report.value(c.key)) == _num(c.old):
            report.set(c.key, c.new, raw=report.cells[c.key].raw, provenance=report.cells[c.key].provenance)
            changed = True
    return rechecked(report) if changed else report


def _num(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).normalize()


def reparse_all(
    *, workers: int | None = None, user: User | None = None, progress: Progress | None = None
) -> ImportBatch:
    """Re-read the source of every report with the current reader; changed results become versions."""
    ids = ReportVersion.objects.filter(
        pk__in=Report.objects.exclude(current_version=None).values("current_version")
    ).values("source")
    sources = Source.objects.filter(pk__in=ids).order_by("pk")
    docs = (SourceDoc.of(s.name, s.data()) for s in sources.iterator(chunk_size=200))
    return import_documents(docs, workers=workers, user=user, progress=progress, kind=Reason.REPARSE)


def _refresh_statistics() -> None:
    """After a large import: planner statistics, and (outside a transaction) the visibility map.

    Without them rankings read every heap page their index scan touches.
    """
    tables = "corpus_cellvalue, corpus_report, corpus_finding, corpus_body"
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}" if connection.in_atomic_block else f"VACUUM (ANALYZE) {tables}")

"""Every change to the corpus, each in a transaction: import, reparse, correct, bodies.

Import reads documents in a process pool (``importing``), then stores them in
chunks: one transaction per chunk with bulk inserts, and, should a chunk fail,
one transaction per report, so a crash midway never leaves half a report and
one bad row never loses the others. After an import the cross-year checks run
over the series of every body it touched.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.auth.models import User as AuthUser
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils import timezone

from ...errors import CorpusConflictError, UnknownCellError
from ...model import Finding as CoreFinding
from ...model import Report as CoreReport
from ...templates import LEGACY
from . import names
from .importing import SourceDoc, iter_sources, parse_many, parser_version
from .metrics import derived_rows
from .models import (
    Body,
    BodyAlias,
    CellValue,
    Correction,
    Finding,
    ImportBatch,
    Level,
    Reason,
    Report,
    ReportVersion,
    Severity,
    Source,
)

REVIEWER_GROUP = "年报审核员"
REVIEWER_PERMISSIONS = ("correct_report", "change_body")
CHUNK = 200
ANALYZE_AFTER = 1000  # reports stored in one import before PostgreSQL's statistics are refreshed

Progress = Callable[[str, str], None]  # (outcome, document name)
User = AuthUser | AnonymousUser


# -- bodies -------------------------------------------------------------------


def find_body(name: str) -> Body | None:
    """The body known by ``name`` (any spelling that normalizes the same), if any."""
    alias = BodyAlias.objects.select_related("body").filter(normalized=names.normalize(name)).first()
    return alias.body if alias else None


@transaction.atomic
def match_body(name: str) -> Body:
    """The body known by ``name``, created (level guessed from the name) when new."""
    found = find_body(name)
    if found is not None:
        return found
    shown = names.clean(name)
    key = names.normalize(shown)
    body = Body.objects.create(name=shown, normalized=key, level=names.guess_level(shown))
    BodyAlias.objects.create(body=body, name=shown, normalized=key)
    return body


def add_alias(body: Body, name: str) -> None:
    """Let ``name`` match ``body`` from now on."""
    key = names.normalize(name)
    owner = find_body(name)
    if owner is not None and owner.pk != body.pk:
        raise CorpusConflictError(
            f"名称“{name}”已属于 {owner.name} / the name already belongs to {owner.name}"
        )
    BodyAlias.objects.get_or_create(normalized=key, defaults={"body": body, "name": names.clean(name)})


def _require(user: User | None, perm: str) -> None:
    if user is None or not user.has_perm(f"corpus.{perm}"):
        raise PermissionDenied(f"需要“{REVIEWER_GROUP}”角色 / needs the corpus.{perm} permission")


@transaction.atomic
def set_level(body: Body, level: Level | str, user: User | None) -> Body:
    """Correct the level guessed from the name."""
    _require(user, "change_body")
    body.level = Level(level)
    body.level_confirmed = True
    body.save(update_fields=["level", "level_confirmed"])
    return body


@transaction.atomic
def reparent(body: Body, parent: Body | None, user: User | None) -> Body:
    """Put ``body`` under ``parent`` (or at the top); refuses a cycle."""
    _require(user, "change_body")
    node = parent
    while node is not None:
        if node.pk == body.pk:
            raise CorpusConflictError(f"{parent} 是 {body} 的下级，不能作为其上级 / that would make a cycle")
        node = node.parent
    body.parent = parent
    body.save(update_fields=["parent"])
    return body


@transaction.atomic
def merge_bodies(keep: Body, other: Body, user: User | None) -> Body:
    """Fold ``other`` into ``keep``: its names, reports and children move; ``other`` goes."""
    _require(user, "change_body")
    if keep.pk == other.pk:
        raise CorpusConflictError("不能与自身合并 / cannot merge a body with itself")
    clash = sorted(
        set(keep.reports.values_list("year", flat=True)) & set(other.reports.values_list("year", flat=True))
    )
    if clash:
        years = "、".join(map(str, clash))
        raise CorpusConflictError(
            f"{keep.name} 与 {other.name} 在 {years} 年度都有年报，无法合并 / both have reports for {clash}"
        )
    BodyAlias.objects.filter(body=other).update(body=keep)
    other.reports.update(body=keep)
    other.children.exclude(pk=keep.pk).update(parent=keep)
    if keep.parent_id == other.pk:
        keep.parent = other.parent
        keep.save(update_fields=["parent"])
    other.delete()
    run_series_checks([keep.pk])
    return keep


def ensure_reviewer_group() -> Group:
    """The 年报审核员 group, allowed to correct values and edit bodies (made on migrate)."""
    group, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    perms = Permission.objects.filter(content_type__app_label="corpus", codename__in=REVIEWER_PERMISSIONS)
    group.permissions.add(*perms)
    return group


# -- import -------------------------------------------------------------------


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
    batch = ImportBatch.objects.create(kind=kind, user=_saved(user))
    tally = _Tally(batch, progress)
    current = parser_version()
    seen: set[str] = set()
    force = kind is Reason.REPARSE
    fresh = (d for chunk in _chunks(docs, CHUNK) for d in _fresh(chunk, current, seen, tally, force=force))
    for piece in _chunks(parse_many(fresh, workers=workers), CHUNK):
        _store(piece, tally)
    run_series_checks(sorted(tally.bodies))
    if connection.vendor == "postgresql" and batch.imported + batch.versions >= ANALYZE_AFTER:
        with connection.cursor() as cursor:  # fresh planner statistics, or rankings may crawl
            cursor.execute("ANALYZE corpus_cellvalue, corpus_report, corpus_finding, corpus_body")
    batch.finished = timezone.now()
    batch.save()
    return batch


def _saved(user: User | None) -> AuthUser | None:
    return user if isinstance(user, AuthUser) and user.pk is not None else None


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


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


Outcome = tuple[SourceDoc, str, str | None, int | None]


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
    bodies: dict[str, Body] = {}
    plans: list[_Plan] = []
    later: list[SourceDoc] = []
    taken: set[tuple[int, int]] = set()
    for doc in docs:
        assert doc.report is not None and doc.report.meta.body and doc.report.meta.year is not None
        name = doc.report.meta.body
        body = bodies.get(name) or match_body(name)
        bodies[name] = body
        slot = (body.pk, doc.report.meta.year)
        if slot in taken:
            later.append(doc)
            continue
        taken.add(slot)
        plans.append(_Plan(doc, doc.report, body, None))
    existing = _existing_reports(plans)
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


def _existing_reports(plans: list[_Plan]) -> dict[tuple[int, int], Report]:
    if not plans:
        return {}
    q = Q()
    for p in plans:
        q |= Q(body_id=p.body.pk, year=p.report.meta.year)
    return {(r.body_id, r.year): r for r in Report.objects.filter(q)}


def _same(stored: Any, report: CoreReport) -> bool:
    if stored is None:
        return False
    return json.dumps(stored, sort_keys=True) == json.dumps(_report_json(report), sort_keys=True)


def _report_json(report: CoreReport) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(report.to_json(indent=None))
    return data


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
    known = {s.sha256: s for s in Source.objects.filter(sha256__in=[p.doc.sha256 for p in plans])}
    new_sources = [
        Source(
            sha256=p.doc.sha256,
            name=p.doc.name[-500:],
            size=len(p.doc.content),
            content=Source.pack(p.doc.content),
            parser_version=p.doc.parser or parser_version(),
        )
        for p in plans
        if p.doc.sha256 not in known
    ]
    for s in Source.objects.bulk_create(new_sources):
        known[s.sha256] = s
    stale = [
        s for p in plans if (s := known[p.doc.sha256]).parser_version != (p.doc.parser or parser_version())
    ]
    for s in stale:
        s.parser_version = parser_version()
    Source.objects.bulk_update(stale, ["parser_version"])

    fresh = [p for p in plans if p.row is None]
    created = Report.objects.bulk_create([_report_row(p, Report(body=p.body), batch) for p in fresh])
    for p, row in zip(fresh, created, strict=True):
        p.row = row
    again = [_report_row(p, p.row, batch) for p in plans if p.row is not None and p.number > 1]
    Report.objects.bulk_update(
        again,
        ["template", "source_name", "source_sha256", "parser_version", "batch", "errors", "warnings"],
    )
    versions = ReportVersion.objects.bulk_create(
        [
            ReportVersion(
                report=p.row,
                number=p.number,
                data=_report_json(p.report),
                reason=p.reason,
                source=known[p.doc.sha256],
                parser_version=p.doc.parser or parser_version(),
                batch=batch,
            )
            for p in plans
        ]
    )
    rows: list[Report] = []
    for p, version in zip(plans, versions, strict=True):
        assert p.row is not None
        p.row.current_version = version
        rows.append(p.row)
    _point_to_latest([r.pk for r in rows])
    _write_values([(p.row, p.report) for p in plans if p.row is not None], replace_old=bool(again))
    if again:  # findings describe the current version only; older ones live on in each version's JSON
        Finding.objects.filter(report__in=again).delete()
    Finding.objects.bulk_create(
        [
            _finding_row(row, version, f)
            for p, row, version in zip(plans, rows, versions, strict=True)
            for f in p.report.findings
        ],
        batch_size=2000,
    )


def _report_row(plan: _Plan, row: Report, batch: ImportBatch) -> Report:
    """``row`` filled from a read document (everything but its current version)."""
    row.year = plan.report.meta.year or 0
    row.template = plan.report.meta.template or LEGACY
    row.source_name = plan.doc.name[-500:]
    row.source_sha256 = plan.doc.sha256
    row.parser_version = plan.doc.parser or parser_version()
    row.batch = batch
    row.errors, row.warnings = _tally(plan.report.findings)
    return row


def _point_to_latest(report_ids: list[int]) -> None:
    """Make each report's current version its newest one, in one statement."""
    latest = ReportVersion.objects.filter(report=OuterRef("pk")).order_by("-number").values("pk")[:1]
    Report.objects.filter(pk__in=report_ids).update(current_version=Subquery(latest))


def _write_values(pairs: Sequence[tuple[Report, CoreReport]], *, replace_old: bool) -> None:
    """Replace the fact rows of these reports: COPY on PostgreSQL, one executemany elsewhere."""
    if replace_old:
        CellValue.objects.filter(report__in=[row for row, _ in pairs]).delete()
    rows = [
        (row.pk, row.year, cell.key, cell.value)
        for row, report in pairs
        for cell in report.cells.values()
        if cell.value is not None
    ]
    rows.extend(
        (row.pk, row.year, key, value)
        for row, report in pairs
        for key, value in derived_rows(report.values())
    )
    table = CellValue._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            text = "".join(f"{pk}\t{year}\t{key}\t{value}\n" for pk, year, key, value in rows)
            with cursor.cursor.copy(f"COPY {table} (report_id, year, key, value) FROM STDIN") as copy:
                copy.write(text)
        else:
            cursor.executemany(
                f"INSERT INTO {table} (report_id, year, key, value) VALUES (%s, %s, %s, %s)",
                [(pk, year, key, Decimal(value)) for pk, year, key, value in rows],
            )


def _finding_row(row: Report, version: ReportVersion, f: CoreFinding, series: bool = False) -> Finding:
    return Finding(
        report=row,
        version=version,
        code=f.code,
        severity=Severity(f.severity.value),
        message=f.message,
        message_en=f.message_en,
        cells=list(f.cells),
        series=series,
    )


def _tally(findings: Iterable[CoreFinding]) -> tuple[int, int]:
    levels = [f.severity.value for f in findings]
    return levels.count("error"), levels.count("warning")


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
    return _rechecked(report) if changed else report


def _num(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value).normalize()


def _rechecked(report: CoreReport) -> CoreReport:
    """The report with the checks run again; the reader's own findings stay."""
    from ...checks import run_checks
    from ...checks.catalogue import CATALOGUE

    kept = [f for f in report.findings if (t := CATALOGUE.get(f.code)) is None or t.family == "reader"]
    report.findings = kept + list(run_checks(report))
    return report


# -- cross-year checks --------------------------------------------------------


def run_series_checks(body_ids: Sequence[int]) -> None:
    """Re-run the cross-year checks over the series of each body (结转, 现行有效 rollover)."""
    from ...checks import check_series

    for chunk in _chunks(body_ids, 500):
        with transaction.atomic():
            rows = list(
                Report.objects.filter(body_id__in=chunk, current_version__isnull=False)
                .select_related("current_version")
                .order_by("body_id", "year")
            )
            Finding.objects.filter(version_id__in=[r.current_version_id for r in rows], series=True).delete()
            series: dict[int, list[Report]] = defaultdict(list)
            for row in rows:
                series[row.body_id].append(row)
            found: list[Finding] = []
            for body_rows in series.values():
                if len(body_rows) < 2:
                    continue
                cores = [CoreReport.from_dict(r.current_version.data) for r in body_rows if r.current_version]
                by_id = {id(c): r for c, r in zip(cores, body_rows, strict=True)}
                by_year = {r.year: r for r in body_rows}
                for core, f in check_series(cores):
                    row = by_id.get(id(core)) or by_year[core.meta.year or 0]
                    assert row.current_version is not None
                    found.append(_finding_row(row, row.current_version, f, series=True))
            Finding.objects.bulk_create(found, batch_size=2000)
            _recount(rows)


def _recount(rows: list[Report]) -> None:
    """Set each report's error and warning counts from the findings of its current version."""
    counts = {
        r["report"]: (r["e"], r["w"])
        for r in Finding.objects.filter(version_id__in=[r.current_version_id for r in rows])
        .values("report")
        .annotate(
            e=Count("pk", filter=Q(severity=Severity.ERROR)),
            w=Count("pk", filter=Q(severity=Severity.WARNING)),
        )
    }
    changed = []
    for row in rows:
        e, w = counts.get(row.pk, (0, 0))
        if (row.errors, row.warnings) != (e, w):
            row.errors, row.warnings = e, w
            changed.append(row)
    Report.objects.bulk_update(changed, ["errors", "warnings"], batch_size=1000)


# -- reparse and corrections ----------------------------------------------------


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


def _cell_value(value: int | Decimal | str | None) -> int | Decimal | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, int | Decimal) else Decimal(str(value))


@transaction.atomic
def correct_value(
    report: Report, key: str, value: int | Decimal | str | None, reason: str, user: User | None
) -> ReportVersion:
    """Change one value as a reviewer: a new version, the correction kept, the report re-checked."""
    _require(user, "correct_report")
    if not reason.strip():
        raise CorpusConflictError("请填写更正理由 / a correction needs a reason")
    row = Report.objects.select_for_update(of=("self",)).select_related("current_version").get(pk=report.pk)
    assert row.current_version is not None
    core = CoreReport.from_dict(row.current_version.data)
    template = core.template
    if template is not None and key not in template.cells:
        raise UnknownCellError(
            f"模板 {template.id} 没有单元格 {key} / template {template.id} has no cell {key}"
        )
    old = core.value(key)
    cell = core.cells.get(key)
    core.set(
        key, _cell_value(value), raw=cell.raw if cell else None, provenance=cell.provenance if cell else None
    )
    new = core.value(key)
    _rechecked(core)
    number = (row.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ReportVersion.objects.create(
        report=row,
        number=number,
        data=_report_json(core),
        reason=Reason.CORRECTION,
        source=row.current_version.source,
        parser_version=row.current_version.parser_version,
        created_by=_saved(user),
    )
    assert isinstance(user, AuthUser)
    Correction.objects.create(
        report=row,
        version=version,
        key=key,
        old=None if old is None else Decimal(old),
        new=None if new is None else Decimal(new),
        reason=reason.strip(),
        user=user,
    )
    row.current_version = version
    row.errors, row.warnings = _tally(core.findings)
    row.save(update_fields=["current_version", "errors", "warnings", "updated"])
    _write_values([(row, core)], replace_old=True)
    Finding.objects.filter(report=row).delete()
    Finding.objects.bulk_create([_finding_row(row, version, f) for f in core.findings])
    run_series_checks([row.body_id])
    return version


def core_report(row: Report) -> CoreReport:
    """The stored report (current version) as a core :class:`gongkai.model.Report`."""
    assert row.current_version is not None
    return CoreReport.from_dict(row.current_version.data)

"""Import: dedupe by content hash, versions, failures reported and skipped, zip, atomicity."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from gongkai.web.corpus import services
from gongkai.web.corpus.models import Body, CellValue, Finding, Report, ReportVersion

from .conftest import make_report

pytestmark = pytest.mark.django_db


def test_importing_a_folder_twice_changes_nothing(write_reports: Any) -> None:
    folder = write_reports(
        make_report(1, "青山镇人民政府", 2020),
        make_report(2, "青山镇人民政府", 2021),
        make_report(3, "白沙县自然资源局", 2021),
    )
    first = services.import_paths([str(folder)], workers=1)
    assert (first.imported, first.versions, first.unchanged, first.failed) == (3, 0, 0, 0)
    values = CellValue.objects.count()
    second = services.import_paths([str(folder)], workers=1)
    assert (second.imported, second.versions, second.unchanged, second.failed) == (0, 0, 3, 0)
    assert Report.objects.count() == 3
    assert ReportVersion.objects.count() == 3
    assert CellValue.objects.count() == values
    assert Body.objects.count() == 2


def test_same_body_spelled_differently_is_one_body(write_reports: Any) -> None:
    folder = write_reports(make_report(1, "慈城镇人民政府", 2020), make_report(2, "慈城镇", 2021))
    services.import_paths([str(folder)], workers=1)
    body = Body.objects.get()
    assert body.name == "慈城镇人民政府"
    assert sorted(body.reports.values_list("year", flat=True)) == [2020, 2021]
    assert body.get_level_display() == "乡镇"


def test_a_different_document_for_the_same_body_and_year_is_a_new_version(write_reports: Any) -> None:
    services.import_paths([str(write_reports(make_report(1, "青山镇", 2021), folder="a"))], workers=1)
    changed = make_report(1, "青山镇", 2021, active__licensing__decisions=999)
    batch = services.import_paths([str(write_reports(changed, folder="b"))], workers=1)
    assert (batch.imported, batch.versions) == (0, 1)
    report = Report.objects.get()
    assert list(report.versions.values_list("number", flat=True)) == [2, 1]
    assert report.current_version is not None and report.current_version.number == 2
    assert CellValue.objects.get(report=report, key="active.licensing.decisions").value == 999


def test_a_corrupt_file_is_reported_and_skipped_and_nothing_is_lost(write_reports: Any) -> None:
    folder = write_reports(make_report(1, "青山镇", 2020))
    services.import_paths([str(folder)], workers=1)
    (folder / "broken.json").write_text('{"meta": {"body": "x"', encoding="utf-8")
    (folder / "no_year.json").write_text(
        make_report(2, "临江镇", 2021).to_json().replace('"year": 2021', '"year": null')
    )
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 definitely not a docx")
    batch = services.import_paths([str(folder)], workers=1)
    assert (batch.imported, batch.unchanged, batch.failed) == (0, 1, 3)
    reasons = {Path(f["name"]).name: f["error"] for f in batch.failures}
    assert set(reasons) == {"broken.json", "no_year.json", "broken.docx"}
    assert "年度" in reasons["no_year.json"]
    assert Report.objects.count() == 1


def test_zip_archives_are_imported_member_by_member(tmp_path: Path) -> None:
    archive = tmp_path / "reports.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a/青山镇.json", make_report(1, "青山镇", 2020).to_json())
        z.writestr("a/临江镇.json", make_report(2, "临江镇", 2020).to_json())
        z.writestr("readme.md", "not a report")
    batch = services.import_paths([str(archive)], workers=1)
    assert (batch.imported, batch.failed) == (2, 0)
    assert Report.objects.filter(source_name__contains="reports.zip!a/").count() == 2


def test_a_crash_while_storing_leaves_no_half_report(write_reports: Any, monkeypatch: Any) -> None:
    from django.db import DatabaseError

    folder = write_reports(make_report(1, "青山镇", 2020), make_report(2, "临江镇", 2020))

    def crash(*_: Any, **__: Any) -> None:
        raise DatabaseError("disk full")

    # After the reports and versions of the chunk are written, before their cell values.
    monkeypatch.setattr("gongkai.web.corpus.services.imports.write_values", crash)
    batch = services.import_paths([str(folder)], workers=1)
    assert batch.failed == 2 and "disk full" in batch.failures[0]["error"]
    assert (Report.objects.count(), ReportVersion.objects.count(), CellValue.objects.count()) == (0, 0, 0)
    monkeypatch.undo()
    again = services.import_paths([str(folder)], workers=1)
    assert again.imported == 2


def test_findings_are_stored_and_errors_counted(write_reports: Any) -> None:
    broken = make_report(1, "青山镇", 2021, requests__total__natural=10_000)
    services.import_paths([str(write_reports(broken))], workers=1)
    report = Report.objects.get()
    assert report.errors > 0
    cells = {c for f in Finding.objects.filter(report=report, severity="error") for c in f.cells}
    assert "requests.total.natural" in cells


def test_cross_year_checks_run_over_each_series(write_reports: Any) -> None:
    before = make_report(1, "青山镇", 2021)
    after = make_report(2, "青山镇", 2022)
    carried = before.value("requests.carried_over.natural") or 0
    after.set("requests.carried_in.natural", carried + 7)
    services.import_paths([str(write_reports(before, after))], workers=1)
    series = Finding.objects.filter(series=True)
    assert series.exists()
    assert all(f.report.year == 2022 for f in series)
    later = Report.objects.get(year=2022)
    own = Finding.objects.filter(report=later, series=False, severity="warning").count()
    assert later.warnings == own + series.filter(severity="warning").count() > own


def test_a_parser_upgrade_makes_a_new_version_and_keeps_the_old(write_reports: Any) -> None:
    from gongkai.web.corpus.models import Source

    folder = write_reports(make_report(1, "青山镇", 2020))
    services.import_paths([str(folder)], workers=1)
    report = Report.objects.get()
    old = report.current_version
    assert old is not None
    # What an older reader left behind: a wrong value, and its version on the source.
    old.data["cells"]["active.licensing.decisions"] = 12345
    old.save()
    Source.objects.update(parser_version="gongkai 0.0.1")
    batch = services.import_paths([str(folder)], workers=1)
    assert (batch.versions, batch.unchanged) == (1, 0)
    report.refresh_from_db()
    assert report.current_version is not None and report.current_version.reason == "reparse"
    assert report.current_version.data["cells"]["active.licensing.decisions"] != 12345
    assert ReportVersion.objects.filter(pk=old.pk).exists()
    assert services.import_paths([str(folder)], workers=1).unchanged == 1


def test_parallel_readers_give_the_same_result(write_reports: Any) -> None:
    folder = write_reports(*(make_report(i, f"第{i}镇", 2021) for i in range(6)))
    batch = services.import_paths([str(folder)], workers=2)
    assert batch.imported == 6 and Report.objects.count() == 6


def test_progress_hears_each_document_then_the_cross_year_checks(write_reports: Any) -> None:
    heard: list[tuple[str, str]] = []
    folder = write_reports(make_report(1, "青山镇", 2021), make_report(2, "青山镇", 2022))
    services.import_paths(
        [str(folder)], workers=1, progress=lambda outcome, name: heard.append((outcome, name))
    )
    assert [outcome for outcome, _ in heard] == ["imported", "imported", "series"]
    assert heard[-1] == ("series", "1/1")


def test_a_folder_scan_takes_every_type_the_reader_reads(tmp_path: Path) -> None:
    from gongkai.web.corpus.importing import iter_sources

    for name in ("a.mht", "b.doc", "d.docx", "README.md", "photo.png", "~$d.docx"):
        (tmp_path / name).write_bytes(b"x")
    assert sorted(Path(s.name).name for s in iter_sources([tmp_path])) == ["a.mht", "b.doc", "d.docx"]

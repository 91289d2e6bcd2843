"""The ``corpus``, ``migrate`` and ``serve`` click objects, driven through CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from gongkai.cli.corpus import corpus
from gongkai.cli.server import migrate
from gongkai.templates import all_keys
from gongkai.web.corpus.models import Report

from .conftest import make_report

pytestmark = pytest.mark.django_db


def _csv(runner: CliRunner, *args: str) -> list[dict[str, str]]:
    result = runner.invoke(corpus, ["export", "--format", "csv", "-o", "-", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_import_the_seeds_twice_then_export_one_row_per_report(shared_dir: Path) -> None:
    seeds = shared_dir / "seeds"
    runner = CliRunner()
    first = runner.invoke(corpus, ["import", str(seeds), "--format", "json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["imported"] == 5
    second = runner.invoke(corpus, ["import", str(seeds)])
    assert second.exit_code == 0
    assert "新导入 0，新版本 0，未变化 5，失败 0" in second.stdout
    assert Report.objects.count() == 5
    rows = _csv(runner)
    assert len(rows) == 5
    assert list(rows[0]) == ["body", "level", "year", "template", *all_keys()]
    cicheng = next(r for r in rows if r["body"].startswith("慈城镇"))
    assert cicheng["requests.new.total"] == "7"
    assert cicheng["active.procurement.amount"] == "5945"
    assert (cicheng["level"], cicheng["year"], cicheng["template"]) == ("乡镇", "2020", "2019")


def test_export_filters_and_formats(write_reports: Any, tmp_path: Path) -> None:
    folder = write_reports(
        make_report(1, "青山镇人民政府", 2020),
        make_report(2, "青山县教育局", 2021),
        make_report(3, "白沙镇", 2021),
    )
    runner = CliRunner()
    assert runner.invoke(corpus, ["import", str(folder), "--workers", "1"]).exit_code == 0
    assert [r["body"] for r in _csv(runner, "--year", "2021", "--level", "乡镇")] == ["白沙镇"]
    assert [r["body"] for r in _csv(runner, "--body", "教育")] == ["青山县教育局"]
    assert len(_csv(runner, "--template", "2019")) == 1
    bad = runner.invoke(corpus, ["export", "-o", "-", "--level", "村"])
    assert bad.exit_code == 2 and "未知层级" in bad.output

    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    assert (
        runner.invoke(corpus, ["export", "--format", "parquet", "-o", str(tmp_path / "x.parquet")]).exit_code
        == 0
    )
    table = pq.read_table(tmp_path / "x.parquet")
    assert table.num_rows == 3 and table.column_names[:4] == ["body", "level", "year", "template"]
    assert (
        runner.invoke(corpus, ["export", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx")]).exit_code == 0
    )
    sheet = load_workbook(tmp_path / "x.xlsx").active
    assert sheet is not None and sheet.max_row == 4


def test_failed_files_give_exit_code_3_and_their_reasons(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    result = CliRunner().invoke(corpus, ["import", str(tmp_path), "--workers", "1"])
    assert result.exit_code == 3
    assert "失败 1" in result.stdout and "bad.json" in result.stdout


def test_parse_to_parquet_then_import_it(write_reports: Any, tmp_path: Path) -> None:
    folder = write_reports(make_report(1, "青山镇", 2020), make_report(2, "临江镇", 2020))
    (folder / "bad.json").write_text("{", encoding="utf-8")
    out = tmp_path / "parsed.parquet"
    runner = CliRunner()
    parsed = runner.invoke(corpus, ["parse", str(folder), "-o", str(out), "--workers", "1"])
    assert parsed.exit_code == 0, parsed.output
    assert "已解析 2，失败 1" in parsed.stderr
    loaded = runner.invoke(corpus, ["import", str(out), "--format", "json"])
    assert loaded.exit_code == 3
    summary = json.loads(loaded.stdout)
    assert (summary["imported"], summary["failed"]) == (2, 1)
    assert Report.objects.count() == 2


def test_reparse_keeps_unchanged_reports_unchanged(write_reports: Any) -> None:
    runner = CliRunner()
    runner.invoke(corpus, ["import", str(write_reports(make_report(1, "青山镇", 2020))), "--workers", "1"])
    result = runner.invoke(corpus, ["reparse", "--format", "json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unchanged"] == 1


def test_migrate_says_where_the_database_is() -> None:
    result = CliRunner().invoke(migrate, ["-q"])
    assert result.exit_code == 0, result.output
    assert "数据库已是最新" in result.stdout
    assert "SQLite" in result.stdout or "PostgreSQL" in result.stdout


@pytest.mark.slow
def test_parse_on_a_local_dask_cluster(write_reports: Any, tmp_path: Path) -> None:
    from distributed import LocalCluster

    folder = write_reports(*(make_report(i, f"{n}镇", 2020) for i, n in enumerate(["青山", "临江", "白沙"])))
    out = tmp_path / "dask.parquet"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        result = CliRunner().invoke(
            corpus,
            [
                "parse",
                "--engine",
                "dask",
                "--scheduler",
                cluster.scheduler_address,
                str(folder),
                "-o",
                str(out),
            ],
        )
    assert result.exit_code == 0, result.output
    assert "已解析 3，失败 0" in result.stderr
    assert CliRunner().invoke(corpus, ["import", str(out)]).exit_code == 0
    assert sorted(Report.objects.values_list("body__name", flat=True)) == ["临江镇", "白沙镇", "青山镇"]

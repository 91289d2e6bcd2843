"""The five seed documents against their gold files (what seed_eval.py scores), and their ambiguities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.reader import read

SEEDS = ("000_84dcd0d58a478fb0", "001_b46b09af154a8c88", "002_661fba88e4ede7f1", "003_4c5228e4ff9a47e1",
         "004_af50056a84a15ae0")  # fmt: skip


@pytest.mark.parametrize("name", SEEDS)
def test_seed_matches_gold(shared_dir: Path, name: str) -> None:
    gold = json.loads((shared_dir / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    report = read(shared_dir / "seeds" / f"{name}.txt")
    assert report.meta.year == gold["meta"]["year"]
    assert report.meta.template == gold["meta"]["template"]
    assert report.meta.body in (gold["meta"]["body"], *gold["meta"].get("body_aliases", ()))
    published = report.meta.published.isoformat() if report.meta.published else None
    assert published == gold["meta"]["published"]
    wrong = {k: (v, got) for k, v in gold["cells"].items() if (got := report.value(k)) != v and not (
        v is not None and got is not None and abs(float(got) - v) < 1e-9)}  # fmt: skip
    assert not wrong


def test_seed_002_reports_table_three_as_unsettled(shared_dir: Path) -> None:
    report = read(shared_dir / "seeds" / "002_661fba88e4ede7f1.txt")
    assert all(report.value(k) is None for k in report.cells if k.startswith("requests."))
    (ambiguity,) = [f for f in report.findings if f.code == "ambiguous-columns"]
    assert "requests.new.natural" in ambiguity.cells and "requests.total.total" in ambiguity.cells
    assert ambiguity.message.startswith("表三有 23 行")


def test_seed_004_reads_only_the_settled_total_of_short_rows(shared_dir: Path) -> None:
    report = read(shared_dir / "seeds" / "004_af50056a84a15ae0.txt")
    assert report.value("requests.denied.query.total") == 1
    assert report.value("requests.denied.query.natural") is None
    assert report.cells["requests.denied.query.total"].provenance.how  # says how it was settled
    codes = {f.code for f in report.findings}
    assert {"row-label-missing", "short-row-total"} <= codes


def test_seed_003_bookmark_artifact_is_ignored(shared_dir: Path) -> None:
    report = read(shared_dir / "seeds" / "003_4c5228e4ff9a47e1.txt")
    assert report.cells["appeals.review.upheld"].raw == "0"

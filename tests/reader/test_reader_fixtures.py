"""The hand-made messy documents in tests/fixtures/text/, each against the JSON beside it.

Each fixture is named after the problem it reproduces; its JSON lists the meta
fields and cells that must come out (a null means the document does not
settle the cell), the finding codes that must be reported and those that must
not (no false alarms), and notes on what the fixture shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.reader import read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"
CASES = sorted(FIXTURES.glob("*.json"))


def _document(expected: Path) -> Path:
    return next(p for p in FIXTURES.glob(expected.stem + ".*") if p.suffix != ".json")


def test_there_is_a_fixture_for_every_problem_named_in_the_brief() -> None:
    names = {p.stem for p in CASES}
    for problem in ("broken-and-merged-rows", "blanks-zeros-and-dashes", "traditional-characters",
                    "run-together-digits", "page-break-header-repeated", "missing-row-label",
                    "pipe-rows", "tab-indented-cells", "one-cell-per-line-nbsp-blanks",
                    "heji-instead-of-zongji", "money-in-yuan", "legacy-2018"):  # fmt: skip
        assert problem in names


@pytest.mark.parametrize("expected_path", CASES, ids=[p.stem for p in CASES])
def test_fixture(expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    report = read(_document(expected_path))
    meta = report.meta.to_dict()
    assert {k: meta[k] for k in expected["meta"]} == expected["meta"]
    got = {k: report.value(k) for k in expected["cells"]}
    want = {k: v for k, v in expected["cells"].items()}
    wrong = {k: (want[k], got[k]) for k in want if (got[k] is None) != (want[k] is None)
             or (got[k] is not None and abs(float(got[k]) - float(want[k])) > 1e-9)}  # fmt: skip
    assert not wrong, f"cells (want, got): {wrong}"
    codes = {f.code for f in report.findings}
    assert set(expected["findings"]) <= codes
    assert not set(expected.get("absent_findings", ())) & codes
    if expected["meta"].get("template") == "legacy":
        assert report.cells == {}


def test_unsettled_cells_are_named_by_a_finding() -> None:
    """Every cell the fixtures expect blank while the document has a number there is named by a finding."""
    report = read(FIXTURES / "single-value-rows-ambiguous.txt")
    named = {c for f in report.findings if f.code == "ambiguous-columns" for c in f.cells}
    assert {k for k in report.cells if k.startswith("requests.")} == named


def test_yuan_is_converted_and_the_unit_kept() -> None:
    cell = read(FIXTURES / "money-in-yuan.txt").cells["active.procurement.amount"]
    assert cell.unit == "元" and cell.raw == "75394432.52元"
    assert str(cell.value) == "7539.443252"

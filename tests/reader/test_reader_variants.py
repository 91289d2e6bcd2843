"""Hand-made HTML and DOCX variants of real reports, each against the JSON beside it.

The values of these fixtures are also compared by the HTML/DOCX fixture tests;
here the JSON's ``findings`` (codes that must be reported) and
``absent_findings`` (false alarms) are checked as well, as for the text
fixtures in ``test_reader_fixtures``. Only fixtures whose JSON lists findings
take part (the ones made by ``docmaker`` list none).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.reader import read

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = sorted(
    p
    for kind in ("html", "docx")
    for p in (FIXTURES / kind).glob("*.json")
    if "findings" in json.loads(p.read_text(encoding="utf-8"))
)


def _document(expected: Path) -> Path:
    return next(p for p in expected.parent.glob(expected.stem + ".*") if p.suffix != ".json")


def _same(want: object, got: object) -> bool:
    if want is None or got is None:
        return want is got
    return abs(float(str(got)) - float(str(want))) < 1e-9


def test_there_are_variants_of_both_formats() -> None:
    assert {p.parent.name for p in CASES} == {"html", "docx"}


@pytest.mark.parametrize("expected_path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_variant(expected_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    report = read(_document(expected_path))
    meta = report.meta.to_dict()
    assert {k: meta[k] for k in expected["meta"]} == expected["meta"]
    cells = expected["cells"].items()
    wrong = {k: (want, report.value(k)) for k, want in cells if not _same(want, report.value(k))}
    assert not wrong, f"cells (want, got): {wrong}"
    codes = {f.code for f in report.findings}
    assert set(expected["findings"]) <= codes
    assert not set(expected.get("absent_findings", ())) & codes

"""The text renderers reproduce the golden files in tests/render/golden/ byte for byte.

After an intended change, regenerate with
``GONGKAI_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_render_golden.py``
and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gongkai.model import Report
from gongkai.render import render
from gongkai.render.html import tables_fragment

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("GONGKAI_UPDATE_GOLDEN") == "1"

OUTPUTS = {
    "json": lambda r: render(r, "json"),
    "csv": lambda r: render(r, "csv"),
    "md": lambda r: render(r, "md"),
    "html": lambda r: render(r, "html"),
    "fragment.html": lambda r: tables_fragment(r).encode(),
}


@pytest.mark.parametrize("suffix", sorted(OUTPUTS))
def test_matches_golden(case: tuple[str, Report], suffix: str) -> None:
    name, report = case
    path = GOLDEN / f"{name}.{suffix}"
    data = OUTPUTS[suffix](report)
    if UPDATE:
        path.write_bytes(data)
    assert path.is_file(), f"missing {path}; run with GONGKAI_UPDATE_GOLDEN=1 to create it"
    assert data.decode() == path.read_text(encoding="utf-8")


def test_json_golden_reads_back_as_the_report(case: tuple[str, Report]) -> None:
    name, report = case
    back = Report.from_json((GOLDEN / f"{name}.json").read_bytes())
    assert back == report
    assert back.findings == report.findings

"""Render → read: the reader gets every value and the meta back from the HTML, DOCX and Markdown outputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gongkai.model import Report
from gongkai.reader import read

Rendered = Callable[[str, str], bytes]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["html", "docx", "md"])
def test_values_and_meta_read_back(
    case: tuple[str, Report], fmt: str, rendered: Rendered, tmp_path: Path
) -> None:
    name, report = case
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(rendered(name, fmt))
    back = read(path)
    assert back.meta.template == report.meta.template
    assert (back.meta.body, back.meta.year, back.meta.published) == (
        report.meta.body,
        report.meta.year,
        report.meta.published,
    )
    assert back.values() == report.values()

"""Turning command-line inputs into reports: gongkai JSON or any document the reader reads."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableDocumentError
from ..model import Report


def load_report(path: str | Path) -> Report:
    """A report from gongkai's own JSON, or from any document the reader understands."""
    p = Path(path)
    if not p.is_file():
        raise UnreadableDocumentError(f"找不到文件 / no such file: {p}")
    if p.suffix.lower() == ".json":
        return Report.from_json(p.read_bytes())
    from ..reader import read  # the reader is heavier; import it only when needed

    return read(p)

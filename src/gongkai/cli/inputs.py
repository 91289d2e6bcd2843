"""Turning command-line inputs into reports: gongkai JSON or any document the reader reads."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableDocumentError
from ..model import Report


def load_report(path: str | Path) -> Report:
    """A report from any document the reader understands, gongkai's own JSON included."""
    p = Path(path)
    if not p.is_file():
        raise UnreadableDocumentError(f"找不到文件 / no such file: {p}")
    from ..reader import read  # the reader is heavier; import it only when needed

    return read(p)

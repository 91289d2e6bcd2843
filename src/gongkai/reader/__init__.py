"""The reader: any published annual report → ``Report``, as named, inspectable stages.

decode (bytes → text) → normalize (widths, traditional → simplified,
artifacts) → blocks (one front end per format: ``text``, ``html``, ``docx``,
``pdf``) → locate (sections, tables) → cells (rows and columns) → resolve
(run-together digits) → meta (body, year, template, date) → prose facts.

>>> from gongkai.reader import read_text
>>> read_text("2020年政府信息公开工作年度报告").meta.year
2020
"""

from __future__ import annotations

from .findings import READER_FINDINGS
from .pipeline import explain, read, read_text, report_from_blocks, sniff

__all__ = ["READER_FINDINGS", "explain", "read", "read_text", "report_from_blocks", "sniff"]

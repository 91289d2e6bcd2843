"""How findings name cells and lists of cells, in Chinese (template labels) and English (keys)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from ..templates import CellSpec, Table
from .catalogue import Text

_NOTE = re.compile(r"（[^（）]{6,}）$")  # a trailing explanatory note, e.g. （区分处理的，…）


def cell_label(spec: CellSpec) -> str:
    """``（三）不予公开·1.属于国家秘密·自然人``: the row's group when the row label needs it."""
    return f"{row_label(spec)}·{spec.column.label}"


def row_label(spec: CellSpec) -> str:
    """The row's label, preceded by its group unless the group is a numbered part (三、…)."""
    label = _NOTE.sub("", spec.row.label)
    path = spec.row.path
    if path and "、" not in path[-1]:
        return f"{path[-1]}·{label}"
    return label


def cell_text(spec: CellSpec) -> Text:
    return Text(cell_label(spec), spec.key)


def row_text(spec: CellSpec) -> Text:
    return Text(row_label(spec), f"{spec.table.key}.{spec.row.key}")


def table_number(table: Table) -> Text:
    """表三 is "table 3" in English."""
    return Text(table.number, str("一二三四五六".index(table.number) + 1))


def listing(items: Sequence[Text], limit: int = 5) -> Text:
    """``a、b、c 等 9 项`` / ``a, b, c and 6 more``: a list short enough to read."""
    shown = items[:limit]
    zh = "、".join(t.zh for t in shown)
    en = ", ".join(t.en for t in shown)
    rest = len(items) - len(shown)
    if rest:
        zh += f" 等 {len(items)} 项"
        en += f" and {rest} more"
    return Text(zh, en)


def number(value: int | Decimal) -> str:
    """A value as a report would print it (no exponent, no trailing zeros for money)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return str(value)

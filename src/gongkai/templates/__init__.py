"""The two statutory templates as data — the only place in gongkai that knows them.

>>> from gongkai.templates import get_template
>>> t = get_template("2021")
>>> t.cells["requests.other.no_fee.total"].row.label[:6]
'2.申请人逾'
"""

from __future__ import annotations

from ..errors import UnknownTemplateError
from .labels import core, enumerator
from .spec import (
    Block,
    CellSpec,
    Column,
    Identity,
    IdentityKind,
    Kind,
    Row,
    Section,
    Table,
    Template,
)
from .t2019 import TEMPLATE_2019
from .t2021 import TEMPLATE_2021

TEMPLATES: dict[str, Template] = {"2019": TEMPLATE_2019, "2021": TEMPLATE_2021}
LEGACY = "legacy"  # pre-2019 free-form reports: no statutory tables


def get_template(template_id: str | int) -> Template:
    """The template with this id ("2019" or "2021")."""
    try:
        return TEMPLATES[str(template_id)]
    except KeyError:
        raise UnknownTemplateError(
            f"未知模板 {template_id!r}，可选 2019 或 2021 / "
            f"unknown template {template_id!r}: choose 2019 or 2021"
        ) from None


def template_for_year(year: int) -> Template | None:
    """The template meant for reports on ``year``; None before 2019 (legacy reports)."""
    for template in TEMPLATES.values():
        if template.covers(year):
            return template
    return None


def all_keys() -> tuple[str, ...]:
    """Every cell key of either template, 2019's first, each once (the CSV column order)."""
    seen: dict[str, None] = {}
    for template in TEMPLATES.values():
        seen.update(dict.fromkeys(template.keys))
    return tuple(seen)


__all__ = [
    "LEGACY",
    "TEMPLATES",
    "TEMPLATE_2019",
    "TEMPLATE_2021",
    "Block",
    "CellSpec",
    "Column",
    "Identity",
    "IdentityKind",
    "Kind",
    "Row",
    "Section",
    "Table",
    "Template",
    "all_keys",
    "core",
    "enumerator",
    "get_template",
    "template_for_year",
]

"""``gongkai template show 2019|2021``: a statutory template as a readable tree or as JSON."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.tree import Tree

from ..templates import TEMPLATES, Block, Template, get_template
from .options import output_format


def template_dict(t: Template) -> dict[str, Any]:
    """The template as plain data; ``keys`` lists every cell key in the official reading order."""
    return {
        "id": t.id,
        "name": t.name,
        "document": t.document,
        "first_year": t.first_year,
        "last_year": t.last_year,
        "sections": [{"key": s.key, "number": s.number, "title": s.title} for s in t.sections],
        "tables": [
            {
                "key": table.key,
                "number": table.number,
                "title": table.title,
                "blocks": [_block_dict(table.key, b) for b in table.blocks],
            }
            for table in t.tables
        ],
        "identities": [
            {
                "code": i.code,
                "kind": i.kind.value,
                "scope": i.scope,
                "description": i.description,
                "lhs": list(i.lhs),
                "rhs": list(i.rhs),
            }
            for i in t.identities
        ],
        "keys": list(t.keys),
    }


def _block_dict(table: str, block: Block) -> dict[str, Any]:
    return {
        "key": block.key,
        "title": block.title,
        "header": block.header,
        "columns": [
            {
                "key": c.key,
                "label": c.label,
                "kind": c.kind.value,
                "unit": c.unit,
                "group": c.group,
                "variants": list(c.variants),
            }
            for c in block.columns
        ],
        "rows": [
            {
                "key": r.key,
                "label": r.label,
                "path": list(r.path),
                "variants": list(r.variants),
                "cells": [f"{table}.{r.key}.{c.key}" for c in block.columns],
            }
            for r in block.rows
        ],
    }


def template_tree(t: Template) -> Tree:
    """Tables → blocks (with their columns) → row groups → rows (with their cells' key prefix)."""
    tree = Tree(f"[bold]{t.name}[/bold]（{t.document}，{t.first_year}–{t.last_year or ''} 年度）")
    for table in t.tables:
        branch = tree.add(f"[bold]{table.title}[/bold]  [dim]{table.key}.*[/dim]")
        for block in table.blocks:
            columns = "、".join(_column_text(c.label, c.key, c.kind.value, c.unit) for c in block.columns)
            groups: dict[tuple[str, ...], Tree] = {(): branch.add(f"{block.title}：{columns}")}
            for row in block.rows:
                for depth in range(1, len(row.path) + 1):  # row-span group labels become nodes
                    path = row.path[:depth]
                    if path not in groups:
                        groups[path] = groups[path[:-1]].add(path[-1])
                groups[row.path].add(f"{row.label}  [cyan]{table.key}.{row.key}.*[/cyan]")
    tree.add(f"共 {len(t.keys)} 个单元格，{len(t.identities)} 条勾稽关系")
    return tree


def _column_text(label: str, key: str, kind: str, unit: str | None) -> str:
    extra = f"，{unit}" if unit else ""
    return f"{label} [cyan]{key}[/cyan] [dim]({kind}{extra})[/dim]"


@click.group("template")
def template() -> None:
    """统计表模板：2019 年和 2021 年格式的表格、行、列、单位和单元格键。

    The statutory templates as data: tables, rows, columns, units and cell keys.

    \b
    Example:
      gongkai template show 2021
    """


@template.command("show")
@click.argument("template_id", metavar="2019|2021", type=click.Choice(sorted(TEMPLATES)))
@output_format(
    "text: 可读的树形结构 / a readable tree; json: 数据，含全部单元格键 / data with every cell key."
)
def show(template_id: str, fmt: str) -> None:
    """显示一个模板 / Show a template: its tables, blocks, rows, columns, units and cell keys.

    \b
    Examples:
      gongkai template show 2019
      gongkai template show 2021 --format json | jq '.keys | length'
    """
    t = get_template(template_id)
    if fmt == "json":
        click.echo(json.dumps(template_dict(t), ensure_ascii=False, indent=1))
    else:
        Console().print(template_tree(t))

"""Option bundles the commands share, so each option reads and behaves the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def output_format(
    help_text: str = "text: 可读的表格 / readable; json: 机器可读 / machine-readable.",
    choices: tuple[str, ...] = ("text", "json"),
) -> Callable[[F], F]:
    """``--format`` (bound to ``fmt``): human-readable text by default, JSON on request."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help_text,
    )

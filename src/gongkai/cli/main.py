"""The ``gongkai`` command: one entry point for the report tools, the corpus and the office.

Exit codes: 0 clean, 1 findings (errors in a report), 2 usage error,
3 unreadable input. Data goes to stdout, progress and messages to stderr.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import GongkaiError
from .check import check
from .clock import clock
from .corpus import corpus
from .demo import demo
from .office import office
from .parse import parse
from .render import render
from .server import migrate, serve
from .template import template

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, prog_name="gongkai")
def cli() -> None:
    """gongkai — 政府信息公开工作年度报告：读取、检查、汇总与生成。

    Read, check, keep and produce government information disclosure annual reports.

    \b
    Examples:
      gongkai template show 2021 --format json
      gongkai clock due --received 2024-09-27
    """


for command in (parse, check, template, render, corpus, office, clock, migrate, serve, demo):
    cli.add_command(command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI, turning gongkai's own errors into a message and an exit code."""
    try:
        code = cli.main(args=argv, prog_name="gongkai", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("已中止 / aborted", err=True)
        sys.exit(130)
    except GongkaiError as exc:
        click.echo(f"错误 / error: {exc}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)

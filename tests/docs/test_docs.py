"""Docs as tests: every finding code is documented, every command has help, the README is true."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import gongkai.reader.findings  # noqa: F401 - registers the reader's codes
from gongkai.checks.catalogue import CATALOGUE, catalogue_markdown
from gongkai.cli.main import cli

REPO = Path(__file__).resolve().parents[2]


def test_findings_doc_equals_the_catalogue() -> None:
    doc = (REPO / "docs" / "findings.md").read_text(encoding="utf-8")
    assert doc.strip() == catalogue_markdown().strip(), "run: gongkai check --list-codes > docs/findings.md"
    for code in CATALOGUE:
        assert f"`{code}`" in doc


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in group.commands.items():
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out += _commands(command, (*prefix, name))
    return out


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="gongkai")
    assert result.exit_code == 0
    description = result.output.split("Options")[0].split("\n", 1)[1]
    assert "gongkai " in description, f"{' '.join(path)} help shows no example"


def test_readme_quick_start_is_two_make_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start")[1].split("##")[0]
    block = quick.split("```sh")[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci

"""The ``gongkai`` entry point: exit codes survive click's non-standalone mode."""

from __future__ import annotations

import subprocess
import sys

import pytest

from gongkai.cli.main import main


def run(*args: str) -> int:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    return int(exc.value.code or 0)


def test_clean_run_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("clock", "due", "--received", "2024-09-27") == 0
    assert capsys.readouterr().out.strip() == "2024-10-30"


def test_ctx_exit_code_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("clock", "due", "--received", "2027-03-01") == 3
    assert "2027" in capsys.readouterr().err


def test_usage_error_exits_2() -> None:
    assert run("no-such-command") == 2


def test_python_dash_m_and_help_list_every_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gongkai", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("parse", "check", "render", "template", "corpus", "office", "clock", "serve", "demo"):
        assert command in out


def test_core_commands_do_not_load_django() -> None:
    code = (
        "import sys; from gongkai.cli.main import cli; "
        "import gongkai.reader, gongkai.checks, gongkai.render, gongkai.clock; "
        "assert 'django' not in sys.modules, 'core imported django'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

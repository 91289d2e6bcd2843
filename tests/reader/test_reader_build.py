"""The build under test: ``make test-compiled`` must run on the mypyc-compiled reader.

``GONGKAI_EXPECT_COMPILED=1`` (set by that target) makes a pure-Python import
a failure, so a broken wheel build cannot pass as a compiled test run.
"""

from __future__ import annotations

import importlib
import os

import pytest

HOT = ("pipeline", "html", "text", "tables", "cells", "assemble", "normalize", "meta", "docx", "pdf")


@pytest.mark.parametrize("name", HOT)
def test_reader_module_is_the_expected_build(name: str) -> None:
    module = importlib.import_module(f"gongkai.reader.{name}")
    compiled = not str(module.__file__).endswith(".py")
    assert compiled == (os.environ.get("GONGKAI_EXPECT_COMPILED") == "1"), module.__file__

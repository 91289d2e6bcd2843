"""Optional compiled build of the reader: ``GONGKAI_MYPYC=1`` compiles its modules with mypyc.

The reader is typed Python; mypyc turns it into C extensions that read a report
about 1.5x faster (``bench/reader.py`` prints both figures). A plain
``pip install`` or an editable development install stays pure Python, so an
edited source file always takes effect; release wheels and ``scripts/build-compiled``
set the variable. Everything else of the package is configured in pyproject.toml.
"""

import os
from pathlib import Path

from setuptools import setup

# Modules that only glue the front ends together or call into C libraries gain
# nothing and keep Python semantics (tests may patch them).
_PURE = {"__init__.py", "batch.py"}


def _compiled_modules() -> list:
    if os.environ.get("GONGKAI_MYPYC") != "1":
        return []
    from mypyc.build import mypycify

    reader = Path("src/gongkai/reader")
    sources = [str(p) for p in sorted(reader.glob("*.py")) if p.name not in _PURE]
    # Not pyproject's [tool.mypy]: its Django plugin is not in the build environment.
    return mypycify(["--config-file", os.devnull, "--ignore-missing-imports", *sources], opt_level="3")


setup(ext_modules=_compiled_modules())

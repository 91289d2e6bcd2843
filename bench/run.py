"""Run every benchmark in bench/ and print their figures (``make bench``).

Each benchmark prints its own figure beside a baseline measured in the same
run. The corpus benchmark needs PostgreSQL (DATABASE_URL) and defaults to a
smaller N here; run ``bench/corpus.py --n 100000`` for the full-size figure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES: list[list[str]] = [
    ["checks.py"],
    ["reader.py"],
    ["corpus.py", "--n", os.environ.get("GONGKAI_BENCH_CORPUS_N", "10000")],
]


def main() -> int:
    failed = 0
    for script, *args in BENCHES:
        path = HERE / script
        print(f"== {script} {' '.join(args)}", flush=True)
        run = subprocess.run([sys.executable, str(path), *args], check=False)
        failed += run.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

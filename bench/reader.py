"""How fast the reader is, per format on one core, and whether memory stays flat over a long batch.

Run: ``.venv/bin/python bench/reader.py [--n 20000] [--seconds 3]``.

Per format, ``read()`` runs over distinct documents in this one process, and
the figure is reports per second of CPU time: first in a plain process, then
after ``tune_gc()``, the set-up every batch worker runs (the garbage collector
tuned for a process that only reads); the second is the per-core figure of
``gongkai parse`` on many files. Beside it, a baseline measured in the same
run on the same files does only the reading and decoding every reader must do:

* text, HTML: bytes → str with the project's encoding detection (``decode_bytes``);
* DOCX: unzip the package and parse its main XML part (python-docx's
  ``Document()`` is timed too, for reference: it parses every part);
* PDF (5 pages, text layer): PDFium's text of every page (pdfplumber's
  ``extract_text`` timed too, for reference).

The documents: text = the five seeds in ``../shared/seeds``; HTML, DOCX, PDF =
random reports laid out by ``tests/reader/docmaker.py`` (official layout,
merged cells; the PDF has ruling lines and prose padding it to five pages).

Both builds of the reader are measured (``--build``): the pure-Python one of
the development install, then the mypyc-compiled one that release wheels ship
(``scripts/build-compiled`` builds it into ``build/compiled``; it is measured
in a child process with that directory first on ``PYTHONPATH``).

Memory: ``--n`` documents (text, HTML and DOCX files, cycled) stream through
``read_many`` on every core; the resident size of this process and of its
workers is sampled as it goes and printed at each tenth of the batch.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import psutil
from lxml import etree

import gongkai.reader.tables
from gongkai.reader import read
from gongkai.reader.batch import read_many, tune_gc
from gongkai.reader.decode import decode_bytes
from gongkai.samples import random_report

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "reader"))
import docmaker  # noqa: E402 - the fixture maker lives with the tests

ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "seeds"
COMPILED = ROOT / "build" / "compiled"
GOALS = {"text": 500, "html": 500, "docx": 100, "pdf": 10}


def rate(fn: Callable[[bytes], object], docs: list[bytes], seconds: float) -> float:
    """Documents per CPU second, cycling through ``docs`` for at least ``seconds``."""
    for data in docs[:3]:
        fn(data)  # warm caches and imports
    done = 0
    start = time.process_time()
    while True:
        for data in docs:
            fn(data)
        done += len(docs)
        spent = time.process_time() - start
        if spent >= seconds:
            return done / spent


def docx_main_part(data: bytes) -> object:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def python_docx_open(data: bytes) -> object:
    import docx

    return docx.Document(io.BytesIO(data))


def pdfium_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        out = []
        for i in range(len(document)):
            page = document[i]
            textpage = page.get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "".join(out)
    finally:
        document.close()


def pdfplumber_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(page.extract_text() or "" for page in pdf.pages)


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def documents(count: int) -> dict[str, list[bytes]]:
    reports = [random_report(seed, ("2019", "2021")[seed % 2]) for seed in range(count)]
    filler = 0
    while page_count(docmaker.pdf(reports[0], filler=filler)) < 5:
        filler += 4
    return {
        "text": [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))],
        "html": [docmaker.html(r) for r in reports],
        "docx": [docmaker.docx(r) for r in reports],
        "pdf": [docmaker.pdf(r, filler=filler) for r in reports[: max(4, count // 5)]],
    }


def build_name() -> str:
    """Which reader this process imported: the mypyc-compiled one or pure Python."""
    return "pure Python" if gongkai.reader.tables.__file__.endswith(".py") else "compiled"


def speed(docs: dict[str, list[bytes]], seconds: float) -> None:
    names = {"text": "x.txt", "html": "x.html", "docx": "x.docx", "pdf": "x.pdf"}
    baselines: dict[str, list[tuple[str, Callable[[bytes], object], float]]] = {
        "text": [("decode only", lambda d: decode_bytes(d).text, seconds)],
        "html": [("decode only", lambda d: decode_bytes(d).text, seconds)],
        "docx": [
            ("unzip + parse document.xml only", docx_main_part, seconds),
            ("python-docx Document() only", python_docx_open, seconds),
        ],
        "pdf": [
            ("PDFium text of every page only", pdfium_text, seconds),
            ("pdfplumber extract_text only", pdfplumber_text, min(seconds, 5.0)),
        ],
    }
    pages = page_count(docs["pdf"][0])
    plain = {
        fmt: rate(lambda d, name=names[fmt]: read(d, name=name), items, seconds)
        for fmt, items in docs.items()
    }
    tune_gc()  # from here on, this process is set up as every batch worker is
    for fmt, items in docs.items():
        got = rate(lambda d, name=names[fmt]: read(d, name=name), items, seconds)
        base = "; ".join(f"baseline {label}: {rate(fn, items, s):,.0f}/s" for label, fn, s in baselines[fmt])
        label = f"pdf ({pages} pages)" if fmt == "pdf" else fmt
        verdict = "meets" if got >= GOALS[fmt] else "MISSES"
        print(
            f"{label} [{build_name()}]: {got:,.0f} reports/s in a batch worker"
            f" ({plain[fmt]:,.0f}/s before tune_gc; {base}) — goal ≥ {GOALS[fmt]}/s per core: {verdict}",
            flush=True,
        )


class RssSampler(threading.Thread):
    """Resident size of this process and of its children, sampled every 0.2 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.me = psutil.Process()
        self.main_mb = self.workers_mb = 0.0
        self.running = True

    def run(self) -> None:
        while self.running:
            self.main_mb = max(self.main_mb, self.me.memory_info().rss / 2**20)
            total = 0.0
            for child in self.me.children(recursive=True):
                try:
                    total += child.memory_info().rss / 2**20
                except psutil.Error:
                    continue
            self.workers_mb = max(self.workers_mb, total)
            time.sleep(0.2)

    def take(self) -> tuple[float, float]:
        """Peaks since the last call."""
        peaks = (self.main_mb, self.workers_mb)
        self.main_mb = self.workers_mb = 0.0
        return peaks


def memory(docs: dict[str, list[bytes]], n: int) -> None:
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for fmt in ("text", "html", "docx"):
            for i, data in enumerate(docs[fmt]):
                path = Path(tmp, f"{fmt}-{i}.{'txt' if fmt == 'text' else fmt}")
                path.write_bytes(data)
                files.append(path)
        paths = [files[i % len(files)] for i in range(n)]
        sampler = RssSampler()
        sampler.start()
        start = time.perf_counter()
        failed = 0
        step = max(1, n // 10)
        print(f"memory: {n:,} documents through read_many on {workers} workers", flush=True)
        for done, (_, result) in enumerate(read_many(paths, workers=workers, progress=False), start=1):
            failed += not hasattr(result, "cells")
            if done % step == 0:
                main_mb, workers_mb = sampler.take()
                print(
                    f"  {done:>7,} read: peak RSS main {main_mb:6.1f} MB, "
                    f"workers together {workers_mb:6.1f} MB",
                    flush=True,
                )
        sampler.running = False
        spent = time.perf_counter() - start
        print(
            f"  {n:,} documents in {spent:.1f} s ({n / spent:,.0f}/s wall), {failed} unreadable", flush=True
        )


def speed_compiled(args: argparse.Namespace) -> None:
    """The same speed figures with the compiled reader, in a child process."""
    subprocess.run(
        [str(ROOT / "scripts" / "build-compiled")], check=True, env={**os.environ, "PYTHON": sys.executable}
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(COMPILED), os.environ.get("PYTHONPATH")])),
    }
    argv = [sys.executable, __file__, "--build", "compiled", "--n", "0", "--seconds", str(args.seconds)]
    subprocess.run([*argv, "--docs", str(args.docs)], check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="documents streamed for the memory check")
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU seconds per speed figure")
    parser.add_argument("--docs", type=int, default=40, help="distinct generated documents per format")
    parser.add_argument(
        "--build",
        choices=("both", "pure", "compiled"),
        default="both",
        help="the reader build to measure (compiled: this process must import it from build/compiled)",
    )
    args = parser.parse_args()
    if args.build == "compiled" and build_name() != "compiled":
        sys.exit(f"the reader imported from {gongkai.reader.tables.__file__} is not compiled")
    docs = documents(args.docs)
    speed(docs, args.seconds)
    if args.build == "both" and build_name() == "pure Python":
        speed_compiled(args)
    if args.n:
        memory(docs, args.n)


if __name__ == "__main__":
    main()

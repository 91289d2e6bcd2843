"""Many documents at once: paths from files, folders and globs, read in parallel, in input order.

``read_many`` runs ``read`` over worker processes (one per core), handing
them chunks of paths and keeping only a few chunks in flight, so memory stays
flat however long the batch; results come back in input order. One bad file
never stops the batch: its typed error is yielded in its place. A file that
hangs is cut off after ``timeout`` seconds (``ReadTimeoutError``); a file
that crashes a worker outright (a native library's fault) is isolated by
re-reading its chunk one file at a time, and reported as ``ReaderCrashError``.
"""

from __future__ import annotations

import gc
import glob
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from pathlib import Path
from types import FrameType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from ..errors import GongkaiError, ReaderCrashError, ReadTimeoutError, UsageError
from ..model import Report
from .pipeline import read

Result = Report | GongkaiError

_WEB_SUFFIXES = (".htm", ".html", ".xhtml", ".shtml", ".mht", ".mhtml")  # .mht: a web archive
# .doc: Word 2003 XML is read; a binary .doc is reported with its reason (save it as .docx), not skipped
DOCUMENT_SUFFIXES = frozenset(
    (".txt", ".text", ".md", ".markdown", *_WEB_SUFFIXES, ".docx", ".doc", ".pdf", ".json", "")
)
DEFAULT_TIMEOUT = 120.0  # seconds per document: a 300-page PDF read the slow way fits
_CHUNK_MAX = 64
_TASKS_PER_WORKER = 100  # chunks a worker reads before it is replaced (bounds slow leaks in native code)
GC_THRESHOLD = 20_000  # allocations between two gen-0 collections in a reading process


def iter_paths(inputs: Sequence[str]) -> list[Path]:
    """The documents named by files, folders (recursively) and glob patterns, each once, in order.

    Hidden files and folders (``.name``) are skipped, and inside folders only
    files with a document suffix (or none: crawled pages often have none). A
    file named outright is always taken.
    """
    out: dict[Path, None] = {}
    for item in inputs:
        path = Path(item)
        if path.is_file():
            out[path] = None
        elif path.is_dir():
            out.update(dict.fromkeys(_walk(path)))
        elif glob.has_magic(item):
            for match in sorted(glob.glob(item, recursive=True)):
                found = Path(match)
                if found.is_dir():
                    out.update(dict.fromkeys(_walk(found)))
                elif found.is_file() and not _hidden(found):
                    out[found] = None
        else:
            raise UsageError(f"找不到文件或文件夹 {item} / no such file, folder or pattern: {item}")
    return list(out)


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if not _hidden(path) and path.suffix.lower() in DOCUMENT_SUFFIXES:
                yield path


def read_many(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = None,
    progress: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Iterator[tuple[Path, Result]]:
    """Read every path; yield ``(path, report or error)`` in input order.

    ``workers``: processes to use (default: one per core); 1 reads in this
    process, without the timeout. ``progress``: a progress bar on stderr.
    """
    todo = [Path(p) for p in paths]
    n_workers = max(1, workers or os.cpu_count() or 1)
    bar = _progress() if progress else None
    with bar or nullcontext():
        task = bar.add_task("read", total=len(todo)) if bar else None
        if n_workers == 1 or len(todo) <= 1:
            results: Iterator[tuple[Path, Result]] = ((p, _read_one(p)) for p in todo)
        else:
            results = _parallel(todo, n_workers, timeout)
        for item in results:
            yield item
            if bar is not None and task is not None:
                bar.advance(task)


def _progress() -> Progress:
    return Progress(
        TextColumn("读取 / reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )


def _read_one(path: Path) -> Result:
    try:
        return read(path)
    except GongkaiError as exc:
        return exc
    except Exception as exc:  # a bug must not stop the batch: report it with the file
        return ReaderCrashError(
            f"读取时出现内部错误 / gongkai failed on this file: {type(exc).__name__}: {exc}"
        )


def _alarm(timeout: float) -> Callable[[int, FrameType | None], None]:
    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise ReadTimeoutError(f"读取超过 {timeout:g} 秒，已放弃 / reading took over {timeout:g} s: gave up")

    return on_alarm


def _read_chunk(paths: list[Path], timeout: float | None) -> list[Result]:
    """Worker side: read a chunk, each file under its own time limit."""
    if not timeout:
        return [_read_one(path) for path in paths]
    signal.signal(signal.SIGALRM, _alarm(timeout))
    out: list[Result] = []
    for path in paths:
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            result = _read_one(path)
        except ReadTimeoutError as exc:  # raised between two steps that are not the reader's
            result = exc
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        out.append(result)
    return out


def tune_gc() -> None:
    """Set up a process that does little but read documents (a batch worker, the benchmark).

    Reading one report makes thousands of short-lived objects and no reference
    cycles, so the collector's default (a pass every 700 allocations, walking
    every module loaded at start) costs ~8% of the time. The start-up heap is
    frozen out of the passes and they come every ``GC_THRESHOLD`` allocations;
    cycles (an exception's traceback) are still collected.
    """
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)


def _executor(workers: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(["gongkai.reader", "gongkai.reader.html", "gongkai.reader.pdf"])
    return ProcessPoolExecutor(
        workers, mp_context=context, max_tasks_per_child=_TASKS_PER_WORKER, initializer=tune_gc
    )


def _parallel(paths: list[Path], workers: int, timeout: float | None) -> Iterator[tuple[Path, Result]]:
    size = max(1, min(_CHUNK_MAX, len(paths) // (workers * 4)))
    pending: deque[range] = deque(range(i, min(i + size, len(paths))) for i in range(0, len(paths), size))
    suspects: set[int] = set()  # files in flight when a worker died: re-read alone, one at a time
    inflight: deque[tuple[range, Future[list[Result]]]] = deque()
    executor = _executor(workers)
    try:
        while pending or inflight:
            while pending and len(inflight) < 2 * workers:
                if pending[0][0] in suspects and inflight:
                    break
                chunk = pending.popleft()
                try:
                    future = executor.submit(_read_chunk, [paths[i] for i in chunk], timeout)
                except BrokenProcessPool:  # a worker died since the last result: its future says which
                    pending.appendleft(chunk)
                    if inflight:
                        break
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = _executor(workers)
                    continue
                inflight.append((chunk, future))
                if chunk[0] in suspects:
                    break
            chunk, future = inflight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                executor.shutdown(wait=False, cancel_futures=True)
                executor = _executor(workers)
                if chunk[0] in suspects:  # it was alone in flight: this file killed the worker
                    yield (
                        paths[chunk[0]],
                        ReaderCrashError("读取此文件时进程崩溃 / the reader process crashed on this file"),
                    )
                    continue
                again = [i for c in (chunk, *(c for c, _ in inflight)) for i in c]
                inflight.clear()
                suspects.update(again)
                pending.extendleft(reversed([range(i, i + 1) for i in again]))
                continue
            yield from zip((paths[i] for i in chunk), results, strict=True)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)

"""Batch reading: which paths, input order, bad files reported in place, hangs and crashes contained."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from docmaker import FIXTURES

from gongkai.errors import GongkaiError, OcrNeededError, ReaderCrashError, ReadTimeoutError, UsageError
from gongkai.model import Report
from gongkai.reader import batch
from gongkai.reader.batch import iter_paths, read_many


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub" / ".git").mkdir(parents=True)
    documents = ("a.html", "b.pdf", "sub/c.docx", "sub/d", "sub/f.mht", "sub/g.doc")
    for name in (*documents, ".hidden.html", "sub/.git/e.html", "photo.png"):
        (tmp_path / name).write_bytes(b"x")
    return tmp_path


def test_folders_recursively_without_hidden_files_or_non_documents(folder: Path) -> None:
    assert [p.relative_to(folder).as_posix() for p in iter_paths([str(folder)])] == [
        "a.html",
        "b.pdf",
        "sub/c.docx",
        "sub/d",
        "sub/f.mht",
        "sub/g.doc",  # Word 2003 XML is read; a binary .doc is reported with its reason
    ]


def test_files_globs_and_duplicates(folder: Path) -> None:
    named = folder / "photo.png"
    found = iter_paths([str(named), str(folder / "**" / "*.html"), str(folder / "a.html")])
    assert [p.relative_to(folder).as_posix() for p in found] == ["photo.png", "a.html"]


def test_a_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        iter_paths([str(tmp_path / "nope.pdf")])


def mixed_batch(tmp_path: Path) -> list[Path]:
    good = sorted(p for p in (FIXTURES / "html").glob("*.html"))[:3]
    bad = tmp_path / "junk.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    return [good[0], bad, good[1], FIXTURES / "pdf" / "scanned-no-text-layer.pdf", empty, good[2]]


@pytest.mark.parametrize("workers", [1, 2])
def test_input_order_and_bad_files_reported_in_place(tmp_path: Path, workers: int) -> None:
    paths = mixed_batch(tmp_path)
    out = list(read_many(paths, workers=workers, progress=False))
    assert [p for p, _ in out] == paths
    kinds = [type(r).__name__ for _, r in out]
    assert kinds == [
        "Report",
        "UnreadableDocumentError",
        "Report",
        "OcrNeededError",
        "UnreadableDocumentError",
        "Report",
    ]
    assert isinstance(out[3][1], OcrNeededError) and "OCR" in str(out[3][1])
    assert all(isinstance(r, Report | GongkaiError) for _, r in out)


@pytest.mark.slow
def test_many_small_chunks_keep_order(tmp_path: Path) -> None:
    source = FIXTURES / "html" / "official-2019-utf8.html"
    paths = []
    for i in range(40):
        path = tmp_path / f"{i:02d}.html"
        shutil.copy(source, path)
        paths.append(path)
    out = list(read_many(paths, workers=2, progress=True))
    assert [p for p, _ in out] == paths
    want = json.loads(source.with_suffix(".json").read_text(encoding="utf-8"))["cells"]
    assert all(isinstance(r, Report) and r.to_dict()["cells"] == want for _, r in out)


def test_a_document_that_hangs_is_cut_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def slow(path: Path) -> Report:
        time.sleep(5)
        raise AssertionError("not cut off")

    monkeypatch.setattr(batch, "read", slow)
    started = time.monotonic()
    (result,) = batch._read_chunk([tmp_path / "slow.txt"], 0.2)
    assert isinstance(result, ReadTimeoutError) and "0.2" in str(result)
    assert time.monotonic() - started < 2


def test_a_bug_is_reported_with_its_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(path: Path) -> Report:
        raise KeyError("oops")

    monkeypatch.setattr(batch, "read", broken)
    (result,) = batch._read_chunk([tmp_path / "x.txt"], None)
    assert isinstance(result, ReaderCrashError) and "KeyError" in str(result)


def test_a_file_that_kills_its_worker_is_isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real_read = batch.read

    def deadly(path: Path) -> Report:
        if path.name == "crash.txt":
            os._exit(1)  # what a segfault in a native library looks like from outside
        return real_read(path)

    def forked(workers: int) -> ProcessPoolExecutor:  # fork, so the workers inherit the patch
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))

    monkeypatch.setattr(batch, "read", deadly)
    monkeypatch.setattr(batch, "_executor", forked)
    good = FIXTURES / "html" / "official-2019-utf8.html"
    crash = tmp_path / "crash.txt"
    crash.write_text("x")
    paths = [good] * 5 + [crash] + [good] * 5
    out = list(read_many(paths, workers=2, progress=False))
    assert [p for p, _ in out] == paths
    assert [type(r).__name__ for _, r in out] == ["Report"] * 5 + ["ReaderCrashError"] + ["Report"] * 5


def test_batch_workers_are_set_up_for_reading() -> None:
    """Every worker runs ``tune_gc``: its collector passes come every GC_THRESHOLD allocations."""
    executor = batch._executor(1)
    try:
        assert executor.submit(gc.get_threshold).result()[0] == batch.GC_THRESHOLD
    finally:
        executor.shutdown()

"""``gongkai parse`` through click's runner: outputs, batches, errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gongkai.cli.parse import parse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"
ONE = str(FIXTURES / "pipe-rows.txt")
TWO = str(FIXTURES / "heji-instead-of-zongji.txt")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(parse, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_one_file_is_one_json_object() -> None:
    code, out, _ = run("--format", "json", ONE)
    assert code == 0
    data = json.loads(out)
    assert data["meta"]["body"] == "临江镇人民政府" and data["cells"]["requests.new.total"] is not None
    assert data["provenance"]["requests.new.total"]["provenance"]["kind"] == "text"
    assert [f["code"] for f in data["findings"]] == ["unit-assumed"]


def test_no_provenance() -> None:
    _, out, _ = run("--no-provenance", ONE)
    assert "provenance" not in json.loads(out)


def test_several_files_are_an_array() -> None:
    code, out, _ = run(ONE, TWO)
    assert code == 0 and [d["meta"]["source"] for d in json.loads(out)] == [
        "pipe-rows.txt",
        "heji-instead-of-zongji.txt",
    ]


def test_a_bad_file_never_stops_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(Path(ONE).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "c.txt").write_text(Path(TWO).read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run("--format", "jsonl", str(tmp_path))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 3
    assert [r.get("meta", {}).get("source") for r in records] == ["a.txt", None, "c.txt"]
    assert records[1]["source"].endswith("b.docx") and "ZIP" in records[1]["error"]
    assert "b.docx" in err and "1/3" in err


def test_glob_and_csv(tmp_path: Path) -> None:
    out_file = tmp_path / "cells.csv"
    code, _, _ = run("--format", "csv", "-o", str(out_file), str(FIXTURES / "pipe*.txt"), TWO)
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert code == 0 and len(lines) == 3 and "requests.new.total" in lines[0]


def test_explain_goes_to_stderr() -> None:
    code, out, err = run("--explain", ONE)
    assert code == 0 and json.loads(out)["meta"]["year"] == 2020
    assert "== rows" in err and "requests.new ←" in err


def test_missing_file_is_a_usage_error() -> None:
    code, out, err = run("/nonexistent/report.txt")
    assert code == 2 and out == "" and "no such file" in err


def test_unreadable_single_file_exits_3(tmp_path: Path) -> None:
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64))
    code, out, err = run(str(tmp_path / "old.doc"))
    assert code == 3 and out == "" and ".docx" in err


def test_help_has_an_example() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "gongkai parse report.txt" in out

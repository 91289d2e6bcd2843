"""Any input gives a report or gongkai's own error, never a crash or a hang."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.errors import GongkaiError
from gongkai.model import Report
from gongkai.reader import read, read_text

SEEDS = Path(__file__).resolve().parent.parent.parent.parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"
_ALPHABET = st.sampled_from(
    list("0123456789 |\t\n\u00a0-—/无元万一二三四五六七()（）、.:")
    + list("规章总计合计自然人行政复议结果维持第二十条项")
)


def _ok(data: bytes | str) -> None:
    try:
        report = read_text(data) if isinstance(data, str) else read(data, name="x.txt")
    except GongkaiError:
        return
    assert isinstance(report, Report)
    Report.from_json(report.to_json())  # whatever it read serializes


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_text(text: str) -> None:
    _ok(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=600).map("".join))
def test_table_like_noise(text: str) -> None:
    _ok(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    _ok(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10**9), st.sampled_from(["truncate", "drop", "shuffle", "duplicate", "digits"]))
def test_mutated_documents(seed: int, how: str) -> None:
    docs = sorted(SEEDS.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    rng = random.Random(seed)
    text = rng.choice(docs).read_bytes().decode("utf-8", errors="replace")
    lines = text.split("\n")
    if how == "truncate":
        text = text[: rng.randrange(len(text) + 1)]
    elif how == "drop":
        text = "\n".join(ln for ln in lines if rng.random() > 0.2)
    elif how == "shuffle":
        k = rng.randrange(len(lines))
        window = lines[k : k + 30]
        rng.shuffle(window)
        text = "\n".join(lines[:k] + window + lines[k + 30 :])
    elif how == "duplicate":
        k = rng.randrange(len(lines))
        text = "\n".join(lines[:k] + lines[k : k + 40] * 3 + lines[k:])
    else:
        text = "".join(
            c if not c.isdigit() or rng.random() > 0.3 else str(rng.randrange(10 ** rng.randrange(1, 12)))
            for c in text
        )
    _ok(text)


def test_huge_table_and_long_digit_runs_finish() -> None:
    row = "一、本年新收政府信息公开申请数量 | " + "1" * 60 + " |\n"
    _ok(
        "三、收到和处理政府信息公开申请情况\n"
        + row * 50
        + "四、政府信息公开行政复议、行政诉讼情况\n"
        + "9" * 200
    )
    _ok("规章 | 0 |\n" * 20000)

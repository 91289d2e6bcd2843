"""Cell text → number: the decisions documented in gongkai.reader.numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.reader.numbers import is_value_text, parse_number


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("7", Decimal(7), None),
        ("¥251,000.00元", Decimal("251000.00"), "元"),  # the currency sign (￥ after NFKC) dropped
        ("人民币 5945 万元", Decimal(5945), "万元"),
        ("1,234", Decimal(1234), None),
        ("+1036", Decimal(1036), None),
        ("-185", Decimal(-185), None),
        ("- 18", Decimal(-18), None),
        ("\u221218", Decimal(-18), None),
        ("0.00", Decimal("0.00"), None),
        ("7件", Decimal(7), None),
        ("5945万元", Decimal(5945), "万元"),
        ("6247.84 万元", Decimal("6247.84"), "万元"),
        ("75394432.52元", Decimal("75394432.52"), "元"),
        ("无", Decimal(0), None),
    ],
)
def test_numbers(text: str, value: Decimal, unit: str | None) -> None:
    n = parse_number(text)
    assert (n.value, n.unit, n.problem) == (value, unit, None)


@pytest.mark.parametrize("text", ["", "  ", "—", "-", "/", "——"])
def test_blanks_and_dashes_are_blank_not_zero(text: str) -> None:
    n = parse_number(text)
    assert n.value is None and n.problem is None
    assert n.dash == bool(text.strip())


@pytest.mark.parametrize("text", ["100%", "见附件", "3,5,6", "1 0"])
def test_garbage_is_a_problem(text: str) -> None:
    assert parse_number(text).problem == "not-a-number"


def test_value_text_tells_cells_from_labels() -> None:
    assert is_value_text("0") and is_value_text("") and is_value_text("—") and is_value_text("12万元")
    assert not is_value_text("规章") and not is_value_text("1.属于国家秘密") and not is_value_text("0 0 0")

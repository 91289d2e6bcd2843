"""信息处理费 under 国办函〔2020〕109号: the worked examples of regulation-notes.md §8."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.clock.fees import FeeBasis, fee_by_pages, fee_per_piece, month_fee_per_piece
from gongkai.errors import UsageError


@pytest.mark.parametrize(
    ("nth", "fee"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (45, 300), (51, 400)],
)
def test_per_piece_rate_of_the_nth_application(nth: int, fee: int) -> None:
    quote = fee_per_piece(nth)
    assert quote.basis is FeeBasis.PER_PIECE
    assert quote.total == Decimal(fee)


def test_45th_application_explained() -> None:
    assert fee_per_piece(45).explain() == (
        "按件计收（第四条），国办函〔2020〕109号\n第45件 300元/件 × 1件 = 300元\n合计 300元"
    )


def test_month_of_45_applications_costs_5500() -> None:
    quote = month_fee_per_piece(45)
    assert quote.total == Decimal(5500)
    assert [(line.first, line.last, line.amount) for line in quote.lines] == [
        (1, 10, 0),
        (11, 30, 2000),
        (31, 40, 2000),
        (41, 45, 1500),
    ]


def test_250_pages_cost_4700_with_breakdown() -> None:
    quote = fee_by_pages(250)
    assert quote.total == Decimal(4700)
    assert quote.explain() == "\n".join(
        [
            "按量计收（第五条），国办函〔2020〕109号",
            "第1–30页 0元/页 × 30页 = 0元",
            "第31–100页 10元/页 × 70页 = 700元",
            "第101–200页 20元/页 × 100页 = 2000元",
            "第201–250页 40元/页 × 50页 = 2000元",
            "合计 4700元",
        ]
    )


@pytest.mark.parametrize(("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (200, 2700)])
def test_page_band_edges(pages: int, fee: int) -> None:
    assert fee_by_pages(pages).total == Decimal(fee)


def test_negative_or_zero_counts_are_refused() -> None:
    with pytest.raises(UsageError):
        fee_by_pages(-1)
    with pytest.raises(UsageError):
        fee_per_piece(0)
    with pytest.raises(UsageError):
        month_fee_per_piece(-1)


def _reference_piece(nth: int) -> int:
    """The notes' own formula (regulation-notes.md §8)."""
    if nth <= 10:
        return 0
    if nth <= 30:
        return 100
    return 100 + 100 * ((nth - 31) // 10 + 1)


@given(st.integers(min_value=1, max_value=500))
def test_month_total_is_the_sum_of_each_applications_fee(n: int) -> None:
    assert fee_per_piece(n).total == _reference_piece(n)
    assert month_fee_per_piece(n).total == sum(_reference_piece(k) for k in range(1, n + 1))


@given(st.integers(min_value=0, max_value=5000))
def test_each_further_page_costs_its_band_rate(pages: int) -> None:
    step = fee_by_pages(pages + 1).total - fee_by_pages(pages).total
    rate = 0 if pages < 30 else 10 if pages < 100 else 20 if pages < 200 else 40
    assert step == rate

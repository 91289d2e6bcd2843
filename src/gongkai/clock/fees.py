"""信息处理费 under 国办函〔2020〕109号《政府信息公开信息处理费管理办法》.

Both bases are 超额累进 (progressive by excess, like tax brackets), so one function walks a
table of bands and every quote carries its per-band lines. An organ charges one application by
one basis only (Art. 3). Amounts are :class:`~decimal.Decimal` yuan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from itertools import count

from ..errors import UsageError


class FeeBasis(StrEnum):
    """The two charging bases of Art. 3."""

    PER_PIECE = "per_piece"  # 按件计收, Art. 4
    BY_PAGES = "by_pages"  # 按量计收, Art. 5

    @property
    def label(self) -> str:
        """Chinese name with its article, for explanations."""
        return "按件计收（第四条）" if self is FeeBasis.PER_PIECE else "按量计收（第五条）"

    @property
    def unit(self) -> str:
        """件 or 页."""
        return "件" if self is FeeBasis.PER_PIECE else "页"


@dataclass(frozen=True)
class FeeBand:
    """Items ``first``..``last`` (inclusive; ``last`` None = no upper end) cost ``rate`` each."""

    first: int
    last: int | None
    rate: Decimal


# Art. 5: 1–30 pages free, 31–100 10元/页, 101–200 20元/页, 201 and above 40元/页.
PAGE_BANDS = (
    FeeBand(1, 30, Decimal(0)),
    FeeBand(31, 100, Decimal(10)),
    FeeBand(101, 200, Decimal(20)),
    FeeBand(201, None, Decimal(40)),
)


def piece_bands() -> Iterator[FeeBand]:
    """Art. 4, per applicant and natural month: 1–10 free, 11–30 100元/件, then +100元 per 10."""
    yield FeeBand(1, 10, Decimal(0))
    yield FeeBand(11, 30, Decimal(100))
    for k in count():
        yield FeeBand(31 + 10 * k, 40 + 10 * k, Decimal(200 + 100 * k))


@dataclass(frozen=True)
class FeeLine:
    """The part of a quantity that falls in one band."""

    band: FeeBand
    first: int
    last: int

    @property
    def quantity(self) -> int:
        return self.last - self.first + 1

    @property
    def amount(self) -> Decimal:
        return self.band.rate * self.quantity

    def describe(self, unit: str) -> str:
        """``第31–100页 10元/页 × 70页 = 700元``."""
        span = f"第{self.first}{unit}" if self.first == self.last else (f"第{self.first}–{self.last}{unit}")
        return f"{span} {self.band.rate}元/{unit} × {self.quantity}{unit} = {self.amount}元"


@dataclass(frozen=True)
class FeeQuote:
    """A fee with the band lines that make it up."""

    basis: FeeBasis
    lines: tuple[FeeLine, ...]

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    def explain(self) -> str:
        """The computation in Chinese, one band per line, the total last."""
        unit = self.basis.unit
        return "\n".join(
            (
                f"{self.basis.label}，国办函〔2020〕109号",
                *(line.describe(unit) for line in self.lines),
                f"合计 {self.total}元",
            )
        )


def _progressive(first: int, last: int, bands: Iterable[FeeBand]) -> tuple[FeeLine, ...]:
    """The lines covering items ``first``..``last`` across ``bands`` (in ascending order)."""
    lines = []
    for band in bands:
        if band.first > last:
            break
        lo, hi = max(first, band.first), last if band.last is None else min(last, band.last)
        if lo <= hi:
            lines.append(FeeLine(band, lo, hi))
    return tuple(lines)


def fee_by_pages(pages: int) -> FeeQuote:
    """按量计收 for one application of ``pages`` pages (250 pages → 4,700元)."""
    if pages < 0:
        raise UsageError(f"页数不能为负：{pages} / pages cannot be negative: {pages}")
    return FeeQuote(FeeBasis.BY_PAGES, _progressive(1, pages, PAGE_BANDS))


def fee_per_piece(nth_in_month: int) -> FeeQuote:
    """按件计收 for the applicant's ``nth_in_month`` application this natural month (45th → 300元).

    The caller counts the applicant's applications in the month, free ones included.
    """
    if nth_in_month < 1:
        raise UsageError(f"件次须从 1 起：{nth_in_month} / nth_in_month starts at 1")
    return FeeQuote(FeeBasis.PER_PIECE, _progressive(nth_in_month, nth_in_month, piece_bands()))


def month_fee_per_piece(applications: int) -> FeeQuote:
    """按件计收 for an applicant's first ``applications`` applications of a month, all charged."""
    if applications < 0:
        raise UsageError(f"件数不能为负：{applications} / applications cannot be negative")
    return FeeQuote(FeeBasis.PER_PIECE, _progressive(1, applications, piece_bands()))

"""Cell text → number: counts, signed changes, money with its unit, blanks and dashes.

Decisions (documented because real reports disagree):
- an empty cell, or one holding only a dash or slash (``-`` ``—`` ``/``), is
  *blank* (null), never zero; the raw text is kept so a check can tell;
- ``无`` ("none") is zero — it states that there were none — and so are
  ``〇`` and the letter ``O`` typed for 0;
- thousands separators (``1,234``) and count words (``7件``) are dropped;
- a change written in words is signed: ``增加3`` is +3, ``减少2`` is -2, ``持平`` is 0;
- money is returned with the unit written beside it (``元`` / ``万元``; a
  currency sign or 人民币 before it is dropped, ``¥251,000.00元``), and
  converted to 万元 by the caller; a percentage or any other text is not a
  number and becomes a ``bad-number`` finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_NUMBER = re.compile(
    r"^(?P<sign>[+\-]?)\s*(?:¥|人民币)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*"
    r"(?P<unit>万元|万|元|件|条|个|项|次|宗|份|起|人次|家)?$"
)
_DASHES = frozenset({"-", "--", "—", "——", "–", "/", "\\", "…", "……", "*", "空", "空白"})
_ZERO_WORDS = frozenset({"无", "没有", "零", "〇", "○", "O", "o"})  # 〇 and the letter O typed for 0
_MONEY_UNITS = {"万元": "万元", "万": "万元", "元": "元"}
DIGIT_RUN = re.compile(r"^\d{2,}$")


@dataclass(frozen=True)
class Number:
    """What a cell's text says: a value, a blank, or a problem."""

    value: Decimal | None
    unit: str | None = None  # 元 | 万元 when written
    dash: bool = False  # written as a dash or slash (read as blank)
    problem: str | None = None  # why it is not a number

    @property
    def blank(self) -> bool:
        return self.value is None and self.problem is None


BLANK = Number(None)


_SPACE_BY_NON_DIGIT = re.compile(r"(?<=\D)\s+|\s+(?=\D)")


@lru_cache(maxsize=8192)
def clean(text: str) -> str:
    """Cell text without the spaces around signs and units (``- 18``, ``5945 万元``), minus look-alikes
    made ASCII; spaces between digits stay, so ``0 0 0`` is three cells, not one number."""
    s = _SPACE_BY_NON_DIGIT.sub("", text.strip())
    return s.replace("\u2212", "-").replace("\ufe63", "-")


_CHANGE_WORDS = re.compile(r"^(增加|新增|增|上升|减少|减|下降)(?=\d)")
_NO_CHANGE = frozenset({"持平", "不变", "无变化", "无增减"})


def _signed(s: str) -> str:
    """A change written in words as a sign: 增加3 → +3, 减少2 → -2, 持平 → 0."""
    if s in _NO_CHANGE:
        return "0"
    m = _CHANGE_WORDS.match(s)
    if m is None:
        return s
    return ("-" if m.group(1) in ("减少", "减", "下降") else "+") + s[m.end() :]


@lru_cache(maxsize=8192)
def parse_number(text: str) -> Number:
    """Read one cell's text (already normalized: NFKC, simplified)."""
    s = _signed(clean(text))
    if not s:
        return BLANK
    if s in _DASHES:
        return Number(None, dash=True)
    if s in _ZERO_WORDS:
        return Number(Decimal(0))
    m = _NUMBER.match(s)
    if not m:
        return Number(None, problem="not-a-number")
    try:
        value = Decimal(m.group("num").replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return Number(None, problem="not-a-number")
    if m.group("sign") == "-":
        value = -value
    return Number(value, unit=_MONEY_UNITS.get(m.group("unit") or ""))


def is_value_text(text: str) -> bool:
    """Whether a piece of table text is a cell value (number, blank, dash, 无) rather than a label."""
    if not text or (text.isascii() and text.isdigit()):  # most cells: no cache lookup
        return True
    return _is_value_text(text)


@lru_cache(maxsize=8192)
def _is_value_text(text: str) -> bool:
    s = _signed(clean(text))
    return not s or s in _DASHES or s in _ZERO_WORDS or _NUMBER.match(s) is not None


def is_blank_text(text: str) -> bool:
    """An empty cell or a dash/slash (both read as blank)."""
    if not text:
        return True
    if text.isascii() and text.isdigit():
        return False
    return _is_blank_text(text)


@lru_cache(maxsize=8192)
def _is_blank_text(text: str) -> bool:
    s = clean(text)
    return not s or s in _DASHES

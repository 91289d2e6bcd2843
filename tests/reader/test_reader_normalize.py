"""Normalization: widths, traditional characters, artifacts; idempotent."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.reader.normalize import normalize_pieces, normalize_text


def test_widths_spaces_and_brackets() -> None:
    assert normalize_text("（一）１２３，４\u00a0\u3000x") == "(一)123,4  x"


def test_traditional_to_simplified() -> None:
    assert normalize_text("政府信息公開申請數量 總計 行政復議") == "政府信息公开申请数量 总计 行政复议"


def test_editor_artifacts_and_invisible_characters() -> None:
    assert normalize_text("[bookmark: _GoBack]0\u200b\ufeff") == "0"
    assert normalize_text("a\r\nb\rc\fd") == "a\nb\nc\nd"


def test_pieces_are_normalized_one_by_one() -> None:
    assert normalize_pieces(["總計", "", "１"]) == ["总计", "", "1"]


@given(st.text(max_size=200))
def test_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once

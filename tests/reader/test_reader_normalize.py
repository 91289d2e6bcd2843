"""Normalization: widths, traditional characters, artifacts; idempotent."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gongkai.reader.normalize import _nfkc, normalize_document, normalize_text, normalized_changes


def test_widths_spaces_and_brackets() -> None:
    assert normalize_text("（一）１２３，４\u00a0\u3000x") == "(一)123,4  x"


def test_traditional_to_simplified() -> None:
    assert normalize_text("政府信息公開申請數量 總計 行政復議") == "政府信息公开申请数量 总计 行政复议"


def test_editor_artifacts_and_invisible_characters() -> None:
    assert normalize_text("[bookmark: _GoBack]0\u200b\ufeff") == "0"
    assert normalize_text("a\r\nb\rc\fd") == "a\nb\nc\nd"


def test_pieces_are_normalized_one_by_one() -> None:
    assert normalized_changes(["總計", "", "１", "0"]) == {0: "总计", 2: "1"}


@given(st.text(max_size=200))
def test_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


_WIDE_AND_COMBINING = st.text(
    alphabet=st.sampled_from("Ａａ１（），：\u3000\u00a0e\u0301\u0301a\uff9e\uff76①㈠﨑가\u1100\u1161 公開0"),
    max_size=60,
)


@given(st.one_of(st.text(max_size=200), _WIDE_AND_COMBINING))
def test_fast_nfkc_equals_nfkc(text: str) -> None:
    """The full-width shortcut never changes the result of NFKC (combining marks, kana, Hangul)."""
    assert _nfkc(text) == unicodedata.normalize("NFKC", text)


@given(
    st.lists(
        st.one_of(st.text(max_size=20), _WIDE_AND_COMBINING, st.sampled_from(["0", "12", "a\rb", "[x]"]))
    )
)
def test_pieces_equal_one_by_one(pieces: list[str]) -> None:
    """Skipping the pieces no step can change, and batching the rest, is the same as one by one."""
    changes = normalized_changes(pieces)
    assert [changes.get(i, p) for i, p in enumerate(pieces)] == [
        normalize_text(p.replace("\ue010", "")) for p in pieces
    ]


@given(
    st.lists(
        st.one_of(
            st.text(max_size=80),
            _WIDE_AND_COMBINING,
            st.sampled_from(["\r\n", "\r", "\n", "[bookmark: _GoBack]", "公開\u200b", "x" * 70]),
        )
    )
)
def test_document_line_by_line_equals_whole(parts: list[str]) -> None:
    """A document normalized line by line (short lines remembered) equals it normalized whole."""
    text = "".join(parts).replace("\ue010", "")
    assert normalize_document(text) == normalize_document(text) == normalize_text(text)

"""Rows by label, columns by settled position only (gongkai.reader.cells)."""

from __future__ import annotations

from gongkai.model import Provenance
from gongkai.reader.cells import LabelIndex, label_key, place, place_unlabeled, segment
from gongkai.reader.tokens import Token
from gongkai.templates import get_template

COLS = ["natural", "commercial", "research", "social", "legal", "org_other", "total"]


def toks(*texts: str, line: int | None = None) -> list[Token]:
    return [Token(t, Provenance("text"), i if line is None else line) for i, t in enumerate(texts)]


def test_label_key_ignores_numerals_and_notes() -> None:
    assert label_key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "部分公开"
    assert label_key("(二)部分公开(区分处理的,只计这一") == "部分公开"
    assert label_key("、本年新收政府信息公开申请数量") == "本年新收政府信息公开申请数量"


def test_full_row_is_positional() -> None:
    p = place(toks("1", "", "", "", "", "", "1"), COLS)
    assert {c: t.text for c, t in p.cells.items()}["natural"] == "1" and not p.ambiguous


def test_padding_on_the_rows_own_line_is_dropped() -> None:
    p = place(toks("7", "0", "0", "0", "0", "0", "7", "", "", line=3), COLS)
    assert p.cells["total"].text == "7" and not p.ambiguous


def test_single_value_then_padding_line_is_ambiguous() -> None:
    values = [Token("7", Provenance("text"), 1), *toks("", "", "", "", "", "", "", "", line=2)]
    p = place(values, COLS)
    assert p.cells == {} and p.ambiguous == tuple(COLS)


def test_short_row_ending_with_a_value_reads_only_the_total() -> None:
    p = place(toks("", "", "", "", "3"), COLS)
    assert list(p.cells) == ["total"] and p.how and not p.ambiguous
    p = place(toks("2", "", "", "", "3"), COLS)
    assert list(p.cells) == ["total"] and "natural" in p.ambiguous


def test_run_together_digits_are_left_to_resolve() -> None:
    p = place(toks("7000007"), COLS)
    assert p.run is not None and p.cells == {}


def test_leading_blank_label_placeholders_are_dropped_when_too_many() -> None:
    p = place(toks("", "", "1", "2", "3", line=0), ["a", "b", "c"])
    assert [t.text for t in p.cells.values()] == ["1", "2", "3"]


def test_segment_and_place_unlabeled_row_by_position() -> None:
    table = get_template("2021").table("active")
    index = LabelIndex(table)
    header = ("第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
    tokens = toks(*header, "", "0", "0", "0", "行政规范性文件", "3", "0", "3")
    placed, unplaced = place_unlabeled(segment(tokens, index), table)
    assert [(r.row.key if r.row else None, r.by_position) for r in placed] == [
        ("rules", True),
        ("normative", False),
    ]
    assert not unplaced


def test_total_and_other_are_headers_before_the_first_row() -> None:
    table = get_template("2021").table("requests")
    index = LabelIndex(table)
    reads = segment(
        toks("自然人", "法人或其他组织", "总计", "商业企业", "其他", "一、本年新收政府信息公开申请数量", "1"),
        index,
    )
    assert [r.row.key for r in reads if r.row] == ["new"]


def test_a_short_row_whose_values_exceed_its_last_cell_has_no_total() -> None:
    """T3.2: the last cell of a row holding more than it cannot be its total (a row cut short)."""
    html = [Token(t, Provenance("html", row=1, col=i), 1) for i, t in enumerate(("5", "", "3"))]
    p = place(html, COLS, summed=True)
    assert p.cells == {} and p.ambiguous == tuple(COLS)
    assert list(place(html, COLS).cells) == ["total"]  # a table whose total is not the row's sum
    p = place(toks("2", "", "1", "3"), COLS, summed=True)  # in text: the identities settle it
    assert p.run is not None and p.gaps
    p = place(toks("0", "", "4"), COLS, summed=True)  # zeros only before it: the total alone
    assert list(p.cells) == ["total"]

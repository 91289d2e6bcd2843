"""Run-together digits split by width and identities (gongkai.reader.resolve)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.model import Provenance
from gongkai.reader.cells import Placement
from gongkai.reader.resolve import _inside, _splits, _Splitter, _TooMany, resolve_runs
from gongkai.reader.tables import RowPlacement
from gongkai.reader.tokens import Token
from gongkai.templates import get_template

COLS = ("natural", "commercial", "research", "social", "legal", "org_other", "total")


def run_row(prefix: str, digits: str, columns: tuple[str, ...] = COLS) -> RowPlacement:
    return RowPlacement(
        "requests", prefix, prefix, columns, Placement(run=[Token(digits, Provenance("text"), 0)])
    )


def test_splits_respect_width_and_leading_zeros() -> None:
    assert _splits(["000"], 3, []) == [[0, 0, 0]]
    assert sorted(_splits(["5950"], 3, [])) == [[5, 9, 50], [5, 95, 0], [59, 5, 0]]
    assert _splits(["1200"], 3, []) == [[1, 20, 0], [12, 0, 0]]


def test_row_identity_settles_a_run() -> None:
    (reading,) = resolve_runs([run_row("requests.new", "120000012")], {}, get_template("2019"))
    assert reading.values == (12, 0, 0, 0, 0, 0, 12)


def test_several_readings_stay_open_but_what_they_agree_on_is_settled() -> None:
    (reading,) = resolve_runs([run_row("requests.new", "103221018")], {}, get_template("2019"))
    assert reading.candidates == 2  # 1/0/3/2/2/10/18 and 10/3/2/2/1/0/18: 社会公益组织 and 总计 alike
    assert reading.open == tuple(f"requests.new.{c}" for c in COLS if c not in ("social", "total"))
    assert reading.values is not None and (reading.values[3], reading.values[-1]) == (2, 18)


def test_one_digit_per_cell_needs_the_row_to_write_its_zeros() -> None:
    columns = ("prev", "change", "decisions")
    (reading,) = resolve_runs([run_row("active.coercion", "419", columns)], {}, get_template("2019"))
    assert reading.values is None and reading.candidates > 1
    (reading,) = resolve_runs([run_row("active.penalty", "052", columns)], {}, get_template("2019"))
    assert reading.values == (0, 5, 2) and "zeros" in reading.how


def test_blanks_moved_to_the_end_are_placed_by_the_row_identity() -> None:
    tokens = [Token("5", Provenance("text"), 0), Token("5", Provenance("text"), 0)]
    row = RowPlacement("requests", "requests.new", "", COLS, Placement(run=tokens, gaps=True))
    (reading,) = resolve_runs([row], {}, get_template("2019"))
    assert reading.gaps and reading.open == tuple(f"requests.new.{c}" for c in COLS[:-1])
    assert reading.values is not None and reading.values[-1] is tokens[1]


def test_identities_across_rows_settle_what_one_row_cannot() -> None:
    t = get_template("2019")
    known = {f"requests.carried_in.{c}": 0 for c in COLS} | {f"requests.carried_over.{c}": 0 for c in COLS}
    known |= {f"requests.total.{c}": v for c, v in zip(COLS, (10, 3, 2, 2, 1, 0, 18), strict=True)}
    (reading,) = resolve_runs([run_row("requests.new", "103221018")], known, t)
    assert reading.values == (10, 3, 2, 2, 1, 0, 18)


def test_appeals_row_of_fifteen_cells_settled_by_t41() -> None:
    columns = tuple(f"{g}.{c}" for g in ("review", "suit_direct", "suit_after_review")
                    for c in ("upheld", "corrected", "other", "pending", "total"))  # fmt: skip
    token = Token("10012100010001212", Provenance("text"), 0)
    (reading,) = resolve_runs([RowPlacement("appeals", "appeals", "", columns, Placement(run=[token]))], {},
                              get_template("2021"))  # fmt: skip
    assert reading.values == (1, 0, 0, 1, 2, 1, 0, 0, 0, 1, 0, 0, 0, 12, 12)


@settings(max_examples=150, deadline=None)
@given(digits=st.text("0000123456789", min_size=1, max_size=12), blanks=st.booleans())
def test_a_run_summed_by_its_last_cell_has_the_readings_of_the_search_cell_by_cell(
    digits: str, blanks: bool
) -> None:
    """The search bounded by the total (T3.2) finds what the search cell by cell finds, when that ends."""
    keys = tuple(f"requests.new.{c}" for c in COLS)
    inside = _inside("2019", keys)
    try:
        by_cell = _Splitter([digits], len(COLS), inside, [20_000], blanks).run()
    except _TooMany:
        return
    bounded = _splits([digits], len(COLS), inside, [20_000], blanks)
    assert sorted(map(str, bounded)) == sorted(map(str, by_cell))


def test_a_run_in_a_table_without_zeros_may_have_lost_its_empty_cells() -> None:
    """16262435101 read without empty cells is 1/62/6/24/3/5/101; with them, only the total is sure."""
    rows = [run_row("requests.new", "16262435101"), run_row("requests.granted", "1620243090")]
    readings = resolve_runs(rows, {}, get_template("2019"))
    assert [r.values[-1] if r.values else None for r in readings] == [101, 90]
    assert all(r.open == r.keys[:-1] for r in readings)
    rows.append(RowPlacement("requests", "requests.partial", "", COLS, Placement(cells={"natural": _zero()})))
    readings = resolve_runs(rows, {}, get_template("2019"))  # a 0 written elsewhere: no empty cells
    assert readings[0].values == (1, 62, 6, 24, 3, 5, 101)


def _zero() -> Token:
    return Token("0", Provenance("text"), 1)


def test_rows_too_many_to_try_together_are_narrowed_by_the_identities_across_rows() -> None:
    """Six rows that lost their empty cells, six readings each (6⁶ together: too many to try); the
    carried-in, total and carried-over rows settle 本年新收 by T3.1, the result rows stay open."""
    t = get_template("2019")
    known = {f"requests.{r}.{c}": 0 for r in ("carried_in", "carried_over") for c in COLS}
    known |= {f"requests.total.{c}": v for c, v in zip(COLS, (5, 0, 0, 0, 0, 0, 5), strict=True)}

    def shown(prefix: str) -> RowPlacement:
        tokens = [Token("5", Provenance("text"), 0), Token("5", Provenance("text"), 0)]
        return RowPlacement("requests", prefix, "", COLS, Placement(run=tokens, gaps=True))

    results = ("granted", "partial", "denied.state_secret", "denied.third_party", "denied.query")
    readings = resolve_runs([shown("requests.new"), *(shown(f"requests.{r}") for r in results)], known, t)
    new = readings[0]
    assert new.open == () and new.values is not None and "跨行" in new.how
    values = [int(v.text) if isinstance(v, Token) else v for v in new.values]
    assert values == [5, None, None, None, None, None, 5]
    assert all(r.open == r.keys[:-1] for r in readings[1:])


def test_a_lone_number_may_have_lost_its_empty_neighbour_where_another_row_did() -> None:
    """行政事业性收费 109 reads 10/9 alone; beside a row whose cells lost their empty ones, it may be 109."""
    t = get_template("2019")
    fees = RowPlacement("active", "active.fees", "", ("prev", "change"), Placement(run=[_token("109")]))
    (reading,) = resolve_runs([fees], {}, t)
    assert reading.values == (10, 9)
    apart = Placement(run=[_token("0"), _token("102")], gaps=True)
    normative = RowPlacement("active", "active.normative", "", ("made", "published", "total"), apart)
    readings = resolve_runs([normative, fees], {}, t)
    assert readings[1].values is None and readings[1].candidates == 3


def _token(text: str) -> Token:
    return Token(text, Provenance("text"), 0)

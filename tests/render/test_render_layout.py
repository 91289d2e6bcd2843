"""The shared grid: every cell key placed once, slots tile the grid exactly, labels from the template."""

from __future__ import annotations

import pytest

from gongkai.render.layout import Role, column_label, full_label, layouts
from gongkai.templates import get_template


@pytest.mark.parametrize("tid", ["2019", "2021"])
def test_every_key_has_one_value_slot(tid: str) -> None:
    placed = [s.key for lay in layouts(tid) for s in lay.slots if s.role is Role.VALUE]
    assert sorted(placed) == sorted(get_template(tid).keys)
    assert len(placed) == len(set(placed))


@pytest.mark.parametrize("tid", ["2019", "2021"])
def test_slots_tile_the_grid(tid: str) -> None:
    for lay in layouts(tid):
        covered: dict[tuple[int, int], int] = {}
        for slot in lay.slots:
            for r in range(slot.row, slot.row + slot.rowspan):
                for c in range(slot.col, slot.col + slot.colspan):
                    covered[(r, c)] = covered.get((r, c), 0) + 1
        assert set(covered) == {(r, c) for r in range(lay.height) for c in range(lay.width)}, lay.table.number
        assert set(covered.values()) == {1}, f"table {lay.table.number}: overlapping slots"


@pytest.mark.parametrize("tid", ["2019", "2021"])
def test_label_texts_come_from_the_template(tid: str) -> None:
    template = get_template(tid)
    texts = {s.text for lay in layouts(tid) for s in lay.slots if s.role is not Role.VALUE}
    expected: set[str] = set()
    for table in template.tables:
        for block in table.blocks:
            if not block.transposed:
                expected |= {block.title, block.header}
            for row in block.rows:
                expected |= {row.label, *row.path}
            for col in block.columns:
                expected |= {col.label} | ({col.group} if col.group else set())
    assert texts == expected


def test_shapes_of_the_three_tables() -> None:
    active, requests, appeals = layouts("2021")
    assert (active.width, active.label_width) == (4, 1)
    assert (requests.width, requests.height, requests.label_width) == (10, 3 + 25, 3)
    assert (appeals.width, appeals.height, appeals.label_width) == (15, 4, 0)
    assert layouts("2019")[1].height == 3 + 23


def test_flattened_labels() -> None:
    spec = get_template("2021").cells["requests.denied.third_party.commercial"]
    assert (
        full_label(spec) == "三、本年度办理结果·（三）不予公开·4.保护第三方合法权益·法人或其他组织·商业企业"
    )
    assert column_label(spec.column) == "法人或其他组织·商业企业"

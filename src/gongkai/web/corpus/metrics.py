"""What can be ranked: any cell key, or a derived metric (a ratio of sums of cell keys).

A ratio over few cases says little (1 corrected of 1 review is 100 %), so each
derived metric names the denominator below which a value is flagged as a
small count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ...errors import UnknownCellError
from ...model import Value
from ...templates import all_keys, get_template


@dataclass(frozen=True)
class Metric:
    """``sum(numerator) / sum(denominator)``, or just ``sum(numerator)`` without a denominator."""

    id: str
    label: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...] = ()
    small: int = 0  # a denominator below this is flagged 样本小
    percent: bool = False
    note: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.numerator + self.denominator))

    @property
    def stored(self) -> bool:
        """Whether import stores this metric's value as ``derived.<id>`` rows (not a plain cell)."""
        return bool(self.denominator) or len(self.numerator) > 1

    @property
    def value_key(self) -> str:
        """The fact-table key a ranking orders by: the cell itself, or ``derived.<id>``."""
        return f"derived.{self.id}" if self.stored else self.numerator[0]

    def compute(self, values: Mapping[str, Value]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        """(value, numerator, denominator) from a report's cell values; blanks count as absent."""
        num = _sum(values, self.numerator)
        if not self.denominator:
            return num, num, None
        den = _sum(values, self.denominator)
        if num is None or den is None or den <= 0:
            return None, num, den
        scale = Decimal(100) if self.percent else Decimal(1)
        return (num * scale / den).quantize(Decimal("0.0001")), num, den


def _sum(values: Mapping[str, Value], keys: tuple[str, ...]) -> Decimal | None:
    present = [Decimal(v) for k in keys if (v := values.get(k)) is not None]
    return sum(present, Decimal(0)) if present else None


def _rows(prefix: str, column: str = "total") -> tuple[str, ...]:
    keys = dict.fromkeys(k for t in ("2019", "2021") for k in get_template(t).keys)
    return tuple(k for k in keys if k.startswith(prefix) and k.endswith(f".{column}"))


_CONCLUDED = ("upheld", "corrected", "other")

DERIVED: tuple[Metric, ...] = (
    Metric("applications", "本年新收申请数", ("requests.new.total",)),
    Metric("handled", "办理总数（（七）总计）", ("requests.total.total",)),
    Metric(
        "granted_share",
        "予以公开占比",
        ("requests.granted.total",),
        ("requests.total.total",),
        small=10,
        percent=True,
        note="予以公开 ÷ 办理总数",
    ),
    Metric(
        "denied_share",
        "不予公开占比",
        _rows("requests.denied."),
        ("requests.total.total",),
        small=10,
        percent=True,
        note="不予公开各项之和 ÷ 办理总数",
    ),
    Metric(
        "review_correction_rate",
        "行政复议纠正率",
        ("appeals.review.corrected",),
        tuple(f"appeals.review.{c}" for c in _CONCLUDED),
        small=5,
        percent=True,
        note="结果纠正 ÷ 已审结（维持 + 纠正 + 其他）",
    ),
    Metric(
        "suit_correction_rate",
        "行政诉讼纠正率",
        ("appeals.suit_direct.corrected", "appeals.suit_after_review.corrected"),
        tuple(f"appeals.{g}.{c}" for g in ("suit_direct", "suit_after_review") for c in _CONCLUDED),
        small=5,
        percent=True,
        note="结果纠正 ÷ 已审结，含直接起诉与复议后起诉",
    ),
    Metric("reviews", "行政复议数", ("appeals.review.total",)),
    Metric("procurement", "政府集中采购金额（万元）", ("active.procurement.amount",)),
)
DERIVED_BY_ID = {m.id: m for m in DERIVED}


def cell_label(key: str) -> str:
    """A human label for a cell key, e.g. 行政许可·处理决定数量 (either template)."""
    for t in ("2021", "2019"):
        spec = get_template(t).cells.get(key)
        if spec is not None:
            table = {"active": "表二", "requests": "表三", "appeals": "表四"}[spec.table.key]
            path = "".join(p for p in spec.row.path if p)
            return f"{table} {path}{spec.row.label}·{spec.column.label}"
    return key


def metric(metric_id: str) -> Metric:
    """A derived metric by id, or the single cell key ``metric_id``."""
    if metric_id in DERIVED_BY_ID:
        return DERIVED_BY_ID[metric_id]
    if metric_id in set(all_keys()):
        return Metric(metric_id, cell_label(metric_id), (metric_id,))
    raise UnknownCellError(f"未知指标或单元格 {metric_id!r} / unknown metric or cell key {metric_id!r}")


def choices() -> list[tuple[str, str]]:
    """(id, label) of every rankable metric: derived ones first, then every cell key."""
    return [(m.id, m.label) for m in DERIVED] + [(k, f"{k} — {cell_label(k)}") for k in all_keys()]


def derived_rows(values: Mapping[str, Value]) -> list[tuple[str, Decimal]]:
    """The ``derived.<id>`` (value), ``.num`` and ``.den`` fact rows of a report, for fast rankings."""
    out = []
    for m in DERIVED:
        if not m.stored:
            continue
        value, num, den = m.compute(values)
        for suffix, v in (("", value), (".num", num), (".den", den)):
            if v is not None:
                out.append((f"{m.value_key}{suffix}", v))
    return out


def grouped_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The rankable metrics grouped for a select: derived ones, then the cells of tables 二, 三, 四."""
    groups: dict[str, list[tuple[str, str]]] = {"派生指标": [(m.id, m.label) for m in DERIVED]}
    for key in all_keys():
        label = cell_label(key)
        table, _, rest = label.partition(" ")
        groups.setdefault(table, []).append((key, f"{rest}（{key}）"))
    return list(groups.items())

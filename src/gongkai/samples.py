"""Random but statutorily consistent reports, for tests, benchmarks and the demo.

Every identity of the template holds by construction: table 三 is built from
per-column outcome counts, and 新收 is derived so that 第一项加第二项之和等于
第三项加第四项之和. Same seed, same report.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from .model import Report
from .templates import Template, get_template

_PLACES = ("青山", "临江", "白沙", "松溪", "石门", "河西", "东湖", "南岭", "永宁", "清水")
_KINDS = (
    ("镇人民政府", "township"),
    ("县人民政府办公室", "county"),
    ("市人民政府", "city"),
    ("县自然资源局", "department"),
    ("区市场监督管理局", "department"),
)


def body_name(rng: random.Random) -> str:
    """A plausible body name such as 青山镇人民政府 (not a real body)."""
    return rng.choice(_PLACES) + rng.choice(_KINDS)[0]


def random_report(
    rng: random.Random | int,
    template: str | Template = "2019",
    *,
    scale: int = 20,
    year: int | None = None,
    body: str | None = None,
) -> Report:
    """A report whose every cell is filled and every identity holds.

    ``scale`` bounds the typical count per cell; money gets two decimals.
    """
    rng = random.Random(rng) if isinstance(rng, int) else rng
    t = template if isinstance(template, Template) else get_template(template)
    if year is None:
        year = rng.randint(t.first_year, t.last_year or t.first_year + 4)
    report = Report.blank(
        t,
        body=body or body_name(rng),
        year=year,
        published=date(year + 1, 1, rng.randint(10, 31)),
    )
    values: dict[str, int | Decimal] = {}
    _fill_active(rng, t, values, scale)
    _fill_requests(rng, t, values, scale)
    _fill_appeals(rng, values, scale)
    if not body_may_make_rules(report.meta.body or ""):
        values.update({k: 0 for k in values if k.startswith("active.rules.")})
    for key, value in values.items():
        report.set(key, value)
    if "active.procurement.amount" in report.cells:
        report.cells["active.procurement.amount"].unit = "万元"
    report.sections = {s.key: f"{s.title[2:]}的说明文字。" for s in t.sections if s.key in {"s1", "s5", "s6"}}
    return report


def body_may_make_rules(body: str) -> bool:
    """Only people's governments of cities and above (and some departments) make 规章."""
    return body.endswith("市人民政府")


def _small(rng: random.Random, scale: int, zero_share: float = 0.5) -> int:
    """Mostly zeros and small numbers, like real reports."""
    if rng.random() < zero_share:
        return 0
    return rng.randint(1, max(1, scale))


def _fill_active(rng: random.Random, t: Template, out: dict[str, int | Decimal], scale: int) -> None:
    for spec in t.table("active").blocks:
        for row in spec.rows:
            base = f"active.{row.key}"
            cols = [c.key for c in spec.columns]
            if "made" in cols:  # 2019 (一): published <= total
                total = _small(rng, scale * 10, 0.3)
                out[f"{base}.total"] = total
                out[f"{base}.published"] = rng.randint(0, total)
                out[f"{base}.made"] = rng.randint(0, scale)
            elif "issued" in cols:  # 2021 (一)
                out[f"{base}.issued"] = _small(rng, scale)
                out[f"{base}.repealed"] = _small(rng, scale // 2 or 1)
                out[f"{base}.in_force"] = _small(rng, scale * 10, 0.2)
            else:
                if "prev" in cols:
                    prev = _small(rng, scale * 10, 0.3)
                    out[f"{base}.prev"] = prev
                    out[f"{base}.change"] = rng.randint(-prev, scale)
                if "decisions" in cols:
                    out[f"{base}.decisions"] = _small(rng, scale * 100, 0.3)
                if "count" in cols:
                    out[f"{base}.count"] = _small(rng, scale, 0.3)
                if "amount" in cols:
                    out[f"{base}.amount"] = Decimal(rng.randint(0, scale * 100000)) / 100


def _fill_requests(rng: random.Random, t: Template, out: dict[str, int | Decimal], scale: int) -> None:
    block = t.table("requests").blocks[0]
    parts = [c.key for c in block.columns if c.key != "total"]
    leaves = [r.key for r in block.rows if r.key not in {"new", "carried_in", "total", "carried_over"}]
    rows: dict[str, dict[str, int]] = {r.key: {} for r in block.rows}
    for col in parts:
        weight = scale if col == "natural" else max(1, scale // 5)
        share = 0.6 if col == "natural" else 0.85
        for leaf in leaves:
            # 其他处理 is meant to be rare (2019 notice): keep it mostly zero
            rare = 0.95 if leaf.startswith("other") else share
            rows[leaf][col] = _small(rng, weight // 2 or 1, rare)
        done = sum(rows[leaf][col] for leaf in leaves)
        carried_over = _small(rng, weight // 4 or 1, 0.7)
        carried_in = rng.randint(0, done + carried_over) if rng.random() < 0.4 else 0
        rows["total"][col] = done
        rows["carried_over"][col] = carried_over
        rows["carried_in"][col] = carried_in
        rows["new"][col] = done + carried_over - carried_in
    for row, by_col in rows.items():
        for col, v in by_col.items():
            out[f"requests.{row}.{col}"] = v
        out[f"requests.{row}.total"] = sum(by_col.values())


def _fill_appeals(rng: random.Random, out: dict[str, int | Decimal], scale: int) -> None:
    for group in ("review", "suit_direct", "suit_after_review"):
        parts = {
            c: _small(rng, max(1, scale // 5), 0.75) for c in ("upheld", "corrected", "other", "pending")
        }
        for c, v in parts.items():
            out[f"appeals.{group}.{c}"] = v
        out[f"appeals.{group}.total"] = sum(parts.values())

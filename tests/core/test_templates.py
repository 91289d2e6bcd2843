"""The templates expose exactly the keys of shared/spec/cells.md, and their identities are well formed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.errors import UnknownTemplateError
from gongkai.templates import all_keys, core, get_template

COLS = ("natural", "commercial", "research", "social", "legal", "org_other", "total")


def keys_from_cells_md(text: str) -> dict[str, set[str]]:
    """Expand the key tables of cells.md into the full key set of each template."""
    out: dict[str, set[str]] = {"2019": set(), "2021": set()}
    parts = {
        "2019": text.split("Template 2019:")[1].split("Template 2021:")[0],
        "2021": text.split("Template 2021:")[1].split("## Table 三")[0],
    }
    for tid, part in parts.items():
        for line in part.splitlines():
            if not line.startswith("| `"):
                continue
            items = re.findall(r"`([^`]+)`", line.split("|")[1])
            prefix = items[0].rsplit(".", 1)[0]
            out[tid].add(items[0])
            out[tid].update(prefix + suffix for suffix in items[1:])
    rows = re.findall(r"^\| `([a-z_.]+)` \|", text.split("Rows:")[1].split("Example")[0], re.M)
    for row in rows:
        for col in COLS:
            key = f"requests.{row}.{col}"
            if row == "other":
                out["2019"].add(key)
            elif row.startswith("other."):
                out["2021"].add(key)
            else:
                out["2019"].add(key)
                out["2021"].add(key)
    for group in ("review", "suit_direct", "suit_after_review"):
        for col in ("upheld", "corrected", "other", "pending", "total"):
            for keys in out.values():
                keys.add(f"appeals.{group}.{col}")
    return out


@pytest.mark.parametrize("tid", ["2019", "2021"])
def test_keys_match_cells_md(shared_dir: Path, tid: str) -> None:
    expected = keys_from_cells_md((shared_dir / "spec" / "cells.md").read_text(encoding="utf-8"))
    assert set(get_template(tid).keys) == expected[tid]


def test_key_counts() -> None:
    assert len(get_template("2019").keys) == 22 + 161 + 15
    assert len(get_template("2021").keys) == 10 + 175 + 15
    assert len(all_keys()) == len(set(all_keys()))


def test_unknown_template_says_what_to_choose() -> None:
    with pytest.raises(UnknownTemplateError, match="2019 或 2021"):
        get_template("2018")


@pytest.mark.parametrize("tid", ["2019", "2021"])
def test_identities_name_only_template_cells(tid: str) -> None:
    t = get_template(tid)
    codes = {i.code for i in t.identities}
    assert codes == {"T3.1", "T3.2", "T3.3", "T4.1"}
    for identity in t.identities:
        assert set(identity.lhs) | set(identity.rhs) <= set(t.keys)


def test_t33_leaves_differ_between_templates() -> None:
    t19 = next(i for i in get_template("2019").identities if i.code == "T3.3" and i.scope == "total")
    t21 = next(i for i in get_template("2021").identities if i.code == "T3.3" and i.scope == "total")
    assert "requests.other.total" in t19.rhs and len(t19.rhs) == 19
    assert "requests.other.misc.total" in t21.rhs and len(t21.rhs) == 21


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
        ("3.危及“三安全一稳定”", "危及三安全一稳定"),
        ("、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"),
        ("(七)总计", "总计"),
        ("本年增/减", "本年增减"),
        (" 四、结转下年度继续办理 ", "结转下年度继续办理"),
    ],
)
def test_label_core(label: str, expected: str) -> None:
    assert core(label) == expected

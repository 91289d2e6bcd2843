"""One body over consecutive years: T3.6 carry-over, T2.2 in-force rollover, T2.3 previous items."""

from __future__ import annotations

from checks_support import clean_report

from gongkai.checks import check_series
from gongkai.model import Report


def chain_requests(before: Report, after: Report) -> None:
    """Make ``after`` carry in exactly what ``before`` carried over (keeping its identities)."""
    for col in ("natural", "commercial", "research", "social", "legal", "org_other", "total"):
        old_in = after.value(f"requests.carried_in.{col}")
        new_in = before.value(f"requests.carried_over.{col}")
        after.set(f"requests.carried_in.{col}", new_in)
        after.set(f"requests.new.{col}", after.value(f"requests.new.{col}") + old_in - new_in)


def test_carry_over_mismatch_is_attached_to_the_later_report() -> None:
    before = clean_report("2019", seed=1, year=2019)
    after = clean_report("2019", seed=3, year=2020)
    chain_requests(before, after)
    for spec in after.template.cells.values():  # T2.3 holds
        if spec.column.key == "prev":
            change = spec.key.replace(".prev", ".change")
            after.set(spec.key, before.value(spec.key) + before.value(change))
    assert check_series([after, before]) == []

    after.set("requests.carried_in.natural", after.value("requests.carried_in.natural") + 2)
    after.set("requests.new.natural", after.value("requests.new.natural") - 2)  # T3.1 still holds
    found = check_series([after, before])
    assert [(r.meta.year, f.code, f.cells) for r, f in found] == [
        (2020, "carry-over-mismatch", ("requests.carried_in.natural",))
    ]
    finding = found[0][1]
    n = after.value("requests.carried_in.natural")
    assert finding.message == (
        f"「自然人」列：上年结转 = {n}，但 2019 年度报告的结转下年度继续办理 = {n - 2}，相差 2"
    )
    assert finding.detail["before_cell"] == "requests.carried_over.natural"


def test_t2_3_previous_items_roll_over_in_the_2019_template() -> None:
    before = clean_report("2019", seed=1, year=2019)
    after = clean_report("2019", seed=3, year=2020)
    chain_requests(before, after)
    before.set("active.licensing.prev", 396)
    before.set("active.licensing.change", 0)
    after.set("active.licensing.prev", 396)  # Pingtan 2019 → 2020
    found = [f for _, f in check_series([before, after]) if f.cells == ("active.licensing.prev",)]
    assert found == []
    after.set("active.licensing.prev", 400)
    found = [f for _, f in check_series([before, after]) if f.cells == ("active.licensing.prev",)]
    (finding,) = found
    assert finding.code == "prev-rollover"
    assert finding.message == "行政许可：上一年项目数量 = 400，但 2019 年度报告的 396 加增/减 0 = 396，相差 4"


def test_t2_2_documents_in_force_roll_over_in_the_2021_template() -> None:
    before = clean_report("2021", seed=1, year=2022)
    after = clean_report("2021", seed=3, year=2023)
    chain_requests(before, after)
    for row in ("rules", "normative"):
        before.set(f"active.{row}.in_force", 10)
        after.set(f"active.{row}.issued", 3)
        after.set(f"active.{row}.repealed", 1)
        after.set(f"active.{row}.in_force", 12)
    assert check_series([before, after]) == []
    after.set("active.normative.in_force", 15)
    ((report, finding),) = check_series([before, after])
    assert report is after
    assert finding.code == "in-force-rollover"
    assert finding.cells == (
        "active.normative.in_force",
        "active.normative.issued",
        "active.normative.repealed",
    )
    assert finding.message == (
        "行政规范性文件：现行有效件数 = 15，但 2022 年度的 10 加本年制发 3 减本年废止 1 = 12，相差 3"
    )


def test_template_change_keeps_only_the_carry_over_rule() -> None:
    before = clean_report("2019", seed=1, year=2020)
    after = clean_report("2021", seed=3, year=2021)
    found = check_series([before, after])
    assert {f.code for _, f in found} <= {"carry-over-mismatch"}
    chain_requests(before, after)
    assert check_series([before, after]) == []


def test_blanks_gaps_and_legacy_reports_are_skipped() -> None:
    before = clean_report("2021", seed=1, year=2021)
    after = clean_report("2021", seed=3, year=2023)  # 2022 missing: no pair
    assert check_series([before, after]) == []
    after.meta.year = 2022
    for key in after.template.keys:
        if key.startswith(("requests.carried_in.", "active.")):
            after.set(key, None)
    assert check_series([before, after]) == []
    legacy = clean_report("2021", seed=1, year=2020)
    legacy.meta.template = "legacy"
    assert check_series([legacy, before]) == []

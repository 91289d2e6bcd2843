"""Numbers in the prose, and warnings only where the wording clearly names a table quantity."""

from __future__ import annotations

from gongkai.reader import read_text


def facts(text: str) -> dict[str, int]:
    return {f.name: int(f.value) for f in read_text(text).facts}


def test_statements_read() -> None:
    assert facts("2020年度,共受理政府信息公开申请7件,答复7件。") == {"requests.new.total": 7}
    assert facts("我办接收到1件政府信息公开申请,未发生行政复议案件。") == {
        "requests.new.total": 1,
        "appeals.review.total": 0,
    }
    assert facts("全年主动公开政府信息2351条。") == {"active.items_published": 2351}
    assert facts("2020年,全未收到依申请公开事项。")["requests.new.total"] == 0
    got = facts("无因政府信息公开申请行政复议、提起行政诉讼的情况。")
    assert got == {"appeals.review.total": 0, "appeals.suits.total": 0}


def test_reviews_outside_disclosure_are_not_facts() -> None:
    assert facts("全县办理各类行政复议案件35件。") == {}


def test_fact_provenance_spans_the_statement() -> None:
    text = "一、总体情况\n共受理政府信息公开申请7件。"
    (fact,) = read_text(text).facts
    a, b = fact.provenance.span  # type: ignore[union-attr, misc]
    assert text[a:b] == fact.raw == "共受理政府信息公开申请7件"

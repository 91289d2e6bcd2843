"""The catalogue: stable codes, both languages with the same fields, registration by other producers."""

from __future__ import annotations

import re
from string import Formatter

import pytest

from gongkai.checks import CATALOGUE, FindingType, by_family, identity_code, register
from gongkai.model import Severity
from gongkai.templates import TEMPLATES


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def test_codes_are_stable_kebab_case_and_keyed_by_themselves() -> None:
    for code, t in CATALOGUE.items():
        assert code == t.code
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", code), code
        assert t.title and t.title_en and t.message and t.message_en


def test_messages_use_the_same_fields_in_both_languages() -> None:
    for t in CATALOGUE.values():
        assert fields(t.message) == fields(t.message_en), t.code


def test_every_template_identity_has_a_finding_type() -> None:
    for template in TEMPLATES.values():
        for identity in template.identities:
            t = CATALOGUE[identity_code(identity.code)]
            assert t.family == "identity" and t.severity is Severity.ERROR
    assert identity_code("T3.1") == "identity-t3-1"


def test_the_codes_the_brief_names_exist() -> None:
    for code in (
        "identity-t3-1",
        "identity-t3-2",
        "identity-t3-3",
        "identity-t4-1",
        "identity-not-assessable",
        "blank-cell",
        "blank-table",
        "negative-count",
        "template-year-mismatch",
        "money-unit-missing",
        "implausible-rules",
        "high-other-share",
        "carry-over-mismatch",
        "in-force-rollover",
        "prev-rollover",
    ):
        assert code in CATALOGUE


def test_other_producers_register_their_codes() -> None:
    mine = FindingType("test-only-code", Severity.INFO, "test", "测试", "test", "值 {value}", "value {value}")
    try:
        register(mine)
        register(mine)  # identical: harmless (a module imported twice)
        assert list(by_family("test")) == [mine]
        finding = mine.make(("a.b.c",), value=3)
        assert (finding.message, finding.message_en, finding.cells) == ("值 3", "value 3", ("a.b.c",))
        with pytest.raises(ValueError, match="already registered"):
            register(FindingType("test-only-code", Severity.ERROR, "test", "x", "x", "x", "x"))
    finally:
        del CATALOGUE["test-only-code"]

"""``gongkai template show``: the JSON lists exactly the template's keys; the text is a readable tree."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gongkai.cli.template import template
from gongkai.templates import get_template


@pytest.mark.parametrize("tid", ["2019", "2021"])
def test_json_lists_exactly_the_template_keys_in_order(tid: str) -> None:
    result = CliRunner().invoke(template, ["show", tid, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    t = get_template(tid)
    assert data["keys"] == list(t.keys)
    assert (data["id"], data["document"]) == (t.id, t.document)
    from_rows = [
        k for table in data["tables"] for b in table["blocks"] for r in b["rows"] for k in r["cells"]
    ]
    assert from_rows == list(t.keys)
    assert len(data["identities"]) == len(t.identities)


def test_json_carries_units_kinds_and_row_groups() -> None:
    data = json.loads(CliRunner().invoke(template, ["show", "2021", "--format", "json"]).stdout)
    active = data["tables"][0]
    fees = next(b for b in active["blocks"] if b["key"] == "art20_8")
    assert fees["columns"][0] == {
        "key": "amount",
        "label": "本年收费金额（单位：万元）",
        "kind": "money",
        "unit": "万元",
        "group": None,
        "variants": ["本年收费金额"],
    }
    rows = data["tables"][1]["blocks"][0]["rows"]
    misc = next(r for r in rows if r["key"] == "other.misc")
    assert misc["path"] == ["三、本年度办理结果", "（六）其他处理"]


def test_text_is_a_tree_of_tables_groups_and_rows() -> None:
    result = CliRunner().invoke(template, ["show", "2019"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("中华人民共和国政府信息公开工作年度报告格式（试行）（国办公开办函〔2019〕60号")
    for text in (
        "二、主动公开政府信息情况",
        "（三）不予公开",
        "1.属于国家秘密",
        "requests.denied.state_secret.*",
    ):
        assert text in out
    assert out.rstrip().endswith("共 198 个单元格，40 条勾稽关系")


def test_unknown_template_is_a_usage_error() -> None:
    result = CliRunner().invoke(template, ["show", "2020"])
    assert result.exit_code == 2
    assert "'2020' is not one of '2019', '2021'" in result.stderr


def test_help_has_an_example() -> None:
    for args in (["--help"], ["show", "--help"]):
        result = CliRunner().invoke(template, args)
        assert result.exit_code == 0 and "gongkai template show 20" in result.stdout

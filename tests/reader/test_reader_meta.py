"""Body, year, template and date (gongkai.reader.meta)."""

from __future__ import annotations

from datetime import date

from gongkai.reader.meta import detect_template, parse_date, read_meta
from gongkai.reader.normalize import normalize_text
from gongkai.reader.text import text_blocks
from gongkai.reader.tokens import block_lines


def meta_of(text: str):  # type: ignore[no-untyped-def]
    return read_meta(block_lines(text_blocks(normalize_text(text))))


def test_dates() -> None:
    assert parse_date("发布日期: 2022-01-30 17:07") == date(2022, 1, 30)
    assert parse_date("2021年1月25日") == date(2021, 1, 25)
    assert parse_date("二〇二一年一月二十五日") == date(2021, 1, 25)
    assert parse_date("2021年13月1日") is None


def test_fields_title_and_signature() -> None:
    m = meta_of("发布机构: | 慈城镇 | 成文日期: | 2021-01-25 |\n正文\n慈城镇人民政府\n2021年1月25日")
    assert (m.body, m.published) == ("慈城镇人民政府", date(2021, 1, 25))
    m = meta_of(
        "標題: 廣靈縣人民政府辦公室2021年政府信息公開工作年度報告\n"
        "發布時間:2022-01-30 17:07 來源:廣靈縣政府辦公室"
    )
    assert (m.body, m.year, m.published) == ("广灵县人民政府办公室", 2021, date(2022, 1, 30))


def test_year_prefers_the_statistics_period() -> None:
    m = meta_of(
        "某局2021年政府信息公开工作年度报告\n本报告中所列数据的统计期限为2020年1月1日至2020年12月31日。"
    )
    assert (m.year, m.year_from) == (2020, "统计期限")


def test_body_from_the_name_the_text_uses_for_itself() -> None:
    text = "我乡高度重视。调整了十街彝族乡领导小组。《十街彝族乡公开目录》。十街彝族乡人民政府门户网站。"
    assert meta_of(text).body == "十街彝族乡人民政府"


def test_template_from_shape_then_year() -> None:
    assert detect_template("信息内容本年制发件数本年废止件数现行有效件数", 2020) == ("2021", "表格形状")
    assert detect_template("上一年项目数量本年增减政府集中采购", 2022) == ("2019", "表格形状")
    assert detect_template("", 2021) == ("2021", "年度")
    assert detect_template("", 2018) == ("legacy", "年度")
    assert detect_template("本年新收政府信息公开申请数量", 2018) == (None, "")
    assert detect_template("", None) == (None, "")

"""Meta as real reports write it: the statistics period in its many wordings, years in Chinese numerals."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.reader import read_text
from gongkai.reader.meta import arabic_years, find_year

# The overview names next year's plans more often than the year reported on, and there is
# no publication date: only the statistics period can settle the year.
PLANS = "2024年，我局将继续做好政务公开工作。2024年重点推进标准目录建设。"


@pytest.mark.parametrize(
    "period",
    [
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "本报告中所列数据统计时限为2023年1月1日至12月31日。",
        "本报告所列数据统计时间从2023年1月1日起至12月31日止。",
        "本报告所列数据的统计期为2023年1月1日至2023年12月31日。",
        "本报告所列数据统计时间段为2023年1月1日至2023年12月31日。",
        "本报告数据统计截止时间为2023年12月31日。",
        "统计时间为2023年度。",
        "报告中数据统计期限为2023年度。",
    ],
)
def test_the_statistics_period_settles_the_year(period: str) -> None:
    assert find_year([PLANS, period, PLANS], None, None) == (2023, "统计期限")


@pytest.mark.parametrize(
    "title",
    [
        "南岭县教育局二〇二三年政府信息公开工作年度报告",
        "南岭县教育局二〇二三年度政府信息公开工作年度报告",
        "二〇二三年南岭县教育局政府信息公开工作年度报告",
        "南岭县教育局2023年度政府信息公开工作年度报告",
    ],
)
def test_a_title_with_the_year_in_chinese_numerals(title: str) -> None:
    report = read_text(f"{title}\n一、总体情况\n{PLANS}\n")
    assert (report.meta.year, report.meta.body, report.meta.title) == (2023, "南岭县教育局", title)


def test_arabic_years_leaves_other_numerals_alone() -> None:
    assert arabic_years("二〇二三年一月二十日") == "2023年一月二十日"
    assert arabic_years("一九九九年度") == "1999年度"
    assert arabic_years("第二十条第（一）项") == "第二十条第（一）项"


def test_published_time_field_with_clock_time() -> None:
    report = read_text(
        "发布时间：2024-01-20 09:30  来源：江北区政府办\n"
        "宁波市江北区人民政府办公室2023年政府信息公开工作年度报告\n一、总体情况\n无。\n"
    )
    assert (report.meta.published, report.meta.year) == (date(2024, 1, 20), 2023)
    assert report.meta.body == "宁波市江北区人民政府办公室"


@pytest.mark.parametrize(
    ("head", "body"),
    [
        # an abbreviated field
        ("发布机构：江北区政府办\n宁波市江北区人民政府办公室2023年", "宁波市江北区人民政府办公室"),
        ("发布机构：青山区人民政府\n青山区卫生健康局2023年", "青山区卫生健康局"),  # the portal's office
        ("关于青山区卫生健康局2023年", "青山区卫生健康局"),
        ("青山区卫生健康局关于2023年", "青山区卫生健康局"),
        ("发布机构：青山区人民政府办公室\n青山区2023年", "青山区人民政府办公室"),  # the field is fuller
    ],
)
def test_the_title_names_whose_report_it_is(head: str, body: str) -> None:
    report = read_text(f"{head}政府信息公开工作年度报告\n一、总体情况\n无。\n")
    assert report.meta.body == body


@pytest.mark.parametrize(
    "head",
    [
        "南岭市 自然资源和规划局 2023年政府信息公开工作年度报告",  # letter-spaced name
        "南岭市自然资源和规划局\n2023年政府信息公开工作年度报告",  # a title in two lines
        "2023年政府信息公开工作年度报告\n南岭市自然资源和规划局",  # the name below the title
        "【南岭市自然资源和规划局】2023年政府信息公开工作年度报告",
        "南岭市自然资源和规划局（南岭市林业局）2023年政府信息公开工作年度报告",  # a second name
    ],
)
def test_the_name_in_a_title_as_offices_set_it(head: str) -> None:
    report = read_text(f"{head}\n一、总体情况\n无。\n")
    assert (report.meta.body, report.meta.year) == ("南岭市自然资源和规划局", 2023)


def test_a_title_without_a_name_takes_no_other_line() -> None:
    report = read_text("2023年度\n政府信息公开工作年度报告\n一、总体情况\n无。\n")
    assert report.meta.body is None


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("2023年政府信息公开工作年度报告_南岭市自然资源和规划局", "南岭市自然资源和规划局"),
        ("2023年政府信息公开工作年度报告 - 南岭市自然资源和规划局 - 门户网站", "南岭市自然资源和规划局"),
        ("2023年政府信息公开工作年度报告_政府信息公开", None),  # a column name, not a body
    ],
)
def test_a_page_title_naming_the_body_after_the_report(head: str, body: str | None) -> None:
    assert read_text(f"{head}\n一、总体情况\n无。\n").meta.body == body

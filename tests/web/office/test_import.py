"""CSV import: validation by line, --skip-bad, labels in Chinese, idempotence."""

from __future__ import annotations

import pytest

from gongkai.errors import UsageError
from gongkai.web.accounts.models import Unit
from gongkai.web.office.importing import import_applications
from gongkai.web.office.models import Application

HEAD = "serial,received_on,channel,applicant_type,applicant_name,content,closed_on,outcome\n"
GOOD = (
    "A1,2024-01-05,当面,自然人,张三,某文件,2024-01-20,granted\n"
    "A2,2024-02-05,网络,商业企业,某公司,某文件,2024-03-01,4.保护第三方合法权益\n"
    "A3,2024-03-05,信函,法律服务机构,某所,某文件,2024-03-09,其他处理·逾期不补正\n"
    "A4,2024-12-25,电子邮件,其他,某村委会,某文件,,\n"
)
BAD = (
    "B1,2024-13-01,当面,自然人,张三,x,,\n"
    "B2,2024-01-05,飞鸽,自然人,张三,x,,\n"
    "B3,2024-01-05,当面,外星人,张三,x,,\n"
    "B4,2024-01-05,当面,自然人,张三,x,2024-01-20,\n"
    "B5,2024-01-05,当面,自然人,张三,x,2024-01-01,granted\n"
    "A1,2024-01-05,当面,自然人,张三,x,,\n"
)


def test_good_file_imports_with_chinese_labels(office_db: None) -> None:
    result = import_applications(HEAD + GOOD, "新建单位")
    assert (result.created, result.existing, result.errors) == (4, 0, [])
    unit = Unit.objects.get(name="新建单位")
    cases = {c.serial: c for c in Application.objects.filter(unit=unit)}
    assert cases["A2"].outcome == "denied.third_party" and cases["A2"].applicant_type == "commercial"
    assert cases["A3"].outcome == "other.no_correction" and cases["A3"].state == "replied"
    assert cases["A4"].state == "in_progress" and cases["A4"].due_on is not None
    assert [e.name for e in cases["A1"].events.order_by("seq")] == ["imported", "reply"]
    again = import_applications(HEAD + GOOD, "新建单位")
    assert (again.created, again.existing) == (0, 4)
    assert Application.objects.count() == 4


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(office_db: None) -> None:
    result = import_applications(HEAD + GOOD + BAD, "坏文件单位")
    assert [line for line, _ in result.errors] == [6, 7, 8, 9, 10, 11]
    assert "A1" in result.errors[-1][1] and "第 2 行" in result.errors[-1][1]
    assert Application.objects.count() == 0


def test_skip_bad_imports_the_good_rows(office_db: None) -> None:
    result = import_applications(HEAD + GOOD + BAD, "跳过单位", skip_bad=True)
    assert result.created == 4 and len(result.errors) == 6


def test_a_wrong_header_is_a_usage_error(office_db: None) -> None:
    with pytest.raises(UsageError, match="closed_on"):
        import_applications("serial,received_on\nA,2024-01-01\n", "x")

"""The corpus pages in a real Chromium: Chinese text, drawn charts, highlighted cells, a correction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import gongkai.web

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ECHARTS = Path(gongkai.web.__file__).parent / "static" / "vendor" / "echarts.min.js"


@pytest.fixture(autouse=True)
def _charts_built() -> None:
    assert ECHARTS.is_file(), "ECharts is missing: run scripts/build-frontend"


def _canvases(page: Any) -> int:
    page.wait_for_selector(".chart canvas")
    return int(page.locator(".chart canvas").count())


def test_overview_in_chinese_with_charts(page: Any, live_server: Any, county: dict[str, Any]) -> None:
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "政府信息公开工作年度报告库"
    assert _canvases(page) >= 2
    first = page.locator("table.reports tbody tr").first
    assert "白沙县青山镇人民政府" in first.inner_text()


def test_report_page_highlights_cells_and_shows_their_source(
    page: Any, live_server: Any, county: dict[str, Any]
) -> None:
    page.goto(f"{live_server.url}/reports/{county['wrong'].pk}/")
    assert page.locator("td.gk-error").count() >= 1
    page.locator("li.finding.error").first.click()
    assert page.locator("#cell-panel").is_visible()
    page.locator('td[data-key="requests.new.natural"]').click()
    assert page.locator("#cell-key").inner_text() == "requests.new.natural"
    assert "自然人" in page.locator("#cell-label").inner_text()


def test_timeline_ranking_and_summary_draw(page: Any, live_server: Any, county: dict[str, Any]) -> None:
    top = county["county"]
    page.goto(f"{live_server.url}/bodies/{top.pk}/")
    assert _canvases(page) == 3
    page.goto(f"{live_server.url}/compare/?metric=applications&year=2022")
    assert _canvases(page) == 1
    assert page.locator("table.ranking tbody tr").count() == 3
    page.goto(f"{live_server.url}/summary/?parent={top.pk}&year=2022")
    assert "年度汇总" in page.locator("h2").first.inner_text()
    assert page.locator('td[data-key="requests.total.total"]').inner_text().strip() != ""


def test_reviewer_logs_in_and_corrects_a_value(
    page: Any, live_server: Any, county: dict[str, Any], reviewer: Any
) -> None:
    from gongkai.web.corpus.models import CellValue

    wrong = county["wrong"]
    good = CellValue.objects.get(report=wrong, key="requests.total.natural").value - 4
    page.goto(f"{live_server.url}/accounts/login/?next=/reports/{wrong.pk}/")
    page.fill("#id_username", "shenhe")
    page.fill("#id_password", "pw-123456")
    page.click("form button[type=submit]")
    page.locator('td[data-key="requests.total.natural"]').click()
    assert page.locator("#id_key").input_value() == "requests.total.natural"
    page.fill("#id_value", str(int(good)))
    page.fill("#id_reason", "与原文核对")
    page.click("form.correction button[type=submit]")
    page.wait_for_selector(".messages li.success")
    assert page.locator("td.gk-error").count() == 0
    assert "与原文核对" in page.locator("body").inner_text()

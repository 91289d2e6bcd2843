"""The corpus pages and the JSON API through Django's test client."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from gongkai.templates import all_keys
from gongkai.web.corpus.models import CellValue, Correction, Report

pytestmark = pytest.mark.django_db


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return str(body.decode("utf-8"))


def test_overview_lists_reports_with_errors_first(client: Client, county: dict[str, Any]) -> None:
    page = _text(client.get("/"))
    assert "政府信息公开工作年度报告库" in page
    assert page.index("白沙县青山镇人民政府") < page.index("白沙县教育局")
    assert 'data-option="chart-years"' in page


def test_overview_of_an_empty_corpus_says_how_to_import(client: Client) -> None:
    assert "gongkai corpus import" in _text(client.get("/"))


def test_report_page_shows_findings_then_highlighted_tables(client: Client, county: dict[str, Any]) -> None:
    page = _text(client.get(f"/reports/{county['wrong'].pk}/"))
    assert page.index("发现的问题") < page.index('class="gk-table"')
    assert 'data-key="requests.total.natural" class="gk-problem gk-error"' in page
    assert 'id="cell-sources"' in page
    assert "更正数值" not in page  # only for reviewers


def test_reviewer_corrects_from_the_report_page(
    client: Client, county: dict[str, Any], reviewer: Any
) -> None:
    wrong = county["wrong"]
    value = CellValue.objects.get(report=wrong, key="requests.total.natural").value - 4
    client.force_login(reviewer)
    assert "更正数值" in _text(client.get(f"/reports/{wrong.pk}/"))
    response = client.post(
        f"/reports/{wrong.pk}/correct/",
        {"key": "requests.total.natural", "value": str(value), "reason": "核对原文"},
    )
    assert response.status_code == 302
    wrong.refresh_from_db()
    assert wrong.errors == 0 and Correction.objects.get().user == reviewer


def test_a_plain_user_cannot_post_a_correction(
    client: Client, county: dict[str, Any], plain_user: Any
) -> None:
    client.force_login(plain_user)
    url = f"/reports/{county['wrong'].pk}/correct/"
    response = client.post(url, {"key": "requests.total.natural", "value": "1", "reason": "x"})
    assert response.status_code == 403
    assert not Correction.objects.exists()


def test_body_timeline_ranking_and_summary(client: Client, county: dict[str, Any]) -> None:
    top = county["county"]
    listing = _text(client.get("/bodies/?q=青山&level=township"))
    assert "白沙县青山镇人民政府" in listing and "白沙县教育局" not in listing
    body = _text(client.get(f"/bodies/{top.pk}/"))
    assert "申请数量" in body and "白沙县青山镇人民政府" in body
    ranking = _text(client.get("/compare/?metric=denied_share&year=2022&order=desc"))
    assert "不予公开占比" in ranking and ranking.count('href="/reports/') >= 3
    summary = _text(client.get(f"/summary/?parent={top.pk}&year=2022"))
    assert "白沙县人民政府 2022 年度汇总" in summary and 'data-key="requests.new.total"' in summary
    xlsx = client.get(f"/summary/?parent={top.pk}&year=2022&download=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_summary_sums_cells_and_keeps_all_blank_cells_blank(client: Client, county: dict[str, Any]) -> None:
    from gongkai.web.corpus.queries import summary

    top = county["county"]
    rows = Report.objects.filter(year=2022)
    CellValue.objects.filter(report__in=rows, key="appeals.review.pending").delete()
    s = summary(top, 2022)
    expected = sum(
        CellValue.objects.filter(report__in=rows, key="requests.new.total").values_list("value", flat=True)
    )
    assert s.report.value("requests.new.total") == expected
    assert s.report.value("appeals.review.pending") is None
    fees = sum(
        CellValue.objects.filter(report__in=rows, key="active.fees.amount").values_list("value", flat=True)
    )
    assert s.report.value("active.fees.amount") == fees
    assert (
        len(str(s.report.value("active.fees.amount")).partition(".")[2]) <= 2
    )  # as written, not 72440.2600000000
    assert len(s.included) == 3 and not s.missing


def test_export_from_the_ui_matches_the_filters(client: Client, county: dict[str, Any]) -> None:
    response = client.get("/export/?format=csv&year=2022&level=township")
    rows = list(csv.DictReader(io.StringIO(_text(response))))
    assert [r["body"] for r in rows] == ["白沙县青山镇人民政府"]
    assert list(rows[0])[4:] == list(all_keys())


def test_body_edits_need_the_role(
    client: Client, county: dict[str, Any], plain_user: Any, reviewer: Any
) -> None:
    top = county["county"]
    client.force_login(plain_user)
    assert client.post(f"/bodies/{top.pk}/edit/", {"action": "level", "level": "city"}).status_code == 403
    client.force_login(reviewer)
    assert client.post(f"/bodies/{top.pk}/edit/", {"action": "level", "level": "city"}).status_code == 302
    top.refresh_from_db()
    assert top.level == "city"


def test_api_reports_bodies_summaries_and_ranking(client: Client, county: dict[str, Any]) -> None:
    top = county["county"]
    listing = client.get("/api/corpus/reports?year=2022").json()
    assert listing["count"] == 3 and listing["items"][0]["errors"] > 0
    detail = client.get(f"/api/corpus/reports/{county['wrong'].pk}").json()
    assert detail["report"]["meta"]["body"] == "白沙县青山镇人民政府"
    assert any("requests.total.natural" in f["cells"] for f in detail["findings"])
    body = client.get(f"/api/corpus/bodies/{top.pk}").json()
    assert len(body["children"]) == 2 and [r["year"] for r in body["series"]] == [2021, 2022]
    summary = client.get(f"/api/corpus/summaries?parent={top.pk}&year=2022").json()
    assert summary["template"] == "2021" and isinstance(summary["cells"]["requests.new.total"], int)
    ranking = client.get("/api/corpus/ranking?metric=review_correction_rate&year=2022").json()
    assert all(r["small"] == (r["denominator"] < 5) for r in ranking)
    assert client.get("/api/corpus/ranking?metric=nonsense&year=2022").status_code == 422
    assert "/api/corpus/summaries" in client.get("/api/openapi.json").json()["paths"]

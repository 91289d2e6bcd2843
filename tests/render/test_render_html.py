"""HTML: problem cells highlighted with their findings; the page standalone and print-ready."""

from __future__ import annotations

from lxml import html as lxml_html

from gongkai.checks import run_checks
from gongkai.model import Finding, Meta, Report
from gongkai.render import render
from gongkai.render.html import tables_fragment
from gongkai.samples import random_report


def _worst(findings: list[Finding], key: str) -> Finding:
    return min((f for f in findings if key in f.cells), key=lambda f: f.severity.rank)


def assert_highlighted(doc: lxml_html.HtmlElement, findings: list[Finding]) -> None:
    named = {k for f in findings for k in f.cells}
    assert named
    for key in named:
        (td,) = doc.xpath(f'//td[@data-key="{key}"]')
        classes = td.get("class", "").split()
        assert "gk-problem" in classes and f"gk-{_worst(findings, key).severity.value}" in classes, key
        title = td.get("title", "")
        for finding in findings:
            if key in finding.cells:
                assert finding.message in title
    for td in doc.xpath("//td[@data-key]"):
        if td.get("data-key") not in named:
            assert td.get("class") is None and td.get("title") is None


def test_page_and_fragment_highlight_the_cells_named_by_findings(case: tuple[str, Report]) -> None:
    _, report = case
    for markup in (render(report, "html").decode(), tables_fragment(report)):
        assert_highlighted(lxml_html.fromstring(markup), report.findings)


def test_highlights_follow_the_checks(case: tuple[str, Report]) -> None:
    _, report = case
    findings = run_checks(report)
    assert any(f.cells for f in findings)
    assert_highlighted(lxml_html.fromstring(render(report, "html", findings=findings)), findings)


def test_page_is_a_standalone_report(case: tuple[str, Report]) -> None:
    _, report = case
    template = report.template
    assert template is not None
    doc = lxml_html.fromstring(render(report, "html"))
    assert doc.get("lang") == "zh-CN"
    style = doc.findtext(".//style") or ""
    assert "size: A4" in style and "仿宋" in style
    assert doc.findtext(".//h1") == f"{report.meta.body}{report.meta.year}年政府信息公开工作年度报告"
    headings = [h.text for h in doc.xpath("//article//h2")]
    assert headings == [s.title for s in template.sections]
    s1 = doc.xpath('//section[@data-section="s1"]/p/text()')
    assert s1 == [report.sections["s1"]]
    assert len(doc.xpath("//article//table")) == 3
    assert len(doc.xpath('//aside[@class="gk-findings"]//li')) == len(report.findings)


def test_fragment_holds_just_the_three_tables(case: tuple[str, Report]) -> None:
    _, report = case
    fragment = lxml_html.fragments_fromstring(tables_fragment(report))
    assert [t.tag for t in fragment] == ["table", "table", "table"]
    assert report.template is not None
    assert [t.findtext("caption") for t in fragment] == [t.title for t in report.template.tables]


def test_blank_is_empty_and_zero_is_zero() -> None:
    report = random_report(3, "2021")
    report.set("requests.new.natural", None)
    report.set("requests.new.research", 0)
    doc = lxml_html.fromstring(tables_fragment(report, findings=[]))
    assert doc.xpath('//td[@data-key="requests.new.natural"]')[0].text is None
    assert doc.xpath('//td[@data-key="requests.new.research"]')[0].text == "0"


def test_legacy_report_has_sections_but_no_tables() -> None:
    report = Report(meta=Meta(body="某县人民政府", year=2015, template="legacy"), sections={"s1": "概述。"})
    assert tables_fragment(report) == ""
    doc = lxml_html.fromstring(render(report, "html"))
    assert not doc.xpath("//table")
    assert doc.xpath('//section[@data-section="s1"]/p/text()') == ["概述。"]

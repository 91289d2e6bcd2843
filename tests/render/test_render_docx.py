"""DOCX: the document as offices fill in the template — title, headings, texts, Chinese fonts, comments."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from gongkai.model import Report

Rendered = Callable[[str, str], bytes]


def _doc(rendered: Rendered, name: str) -> DocxDocument:
    return Document(io.BytesIO(rendered(name, "docx")))


def test_title_headings_texts_and_signature(case: tuple[str, Report], rendered: Rendered) -> None:
    name, report = case
    template = report.template
    assert template is not None
    paragraphs = _doc(rendered, name).paragraphs
    assert paragraphs[0].style is not None and paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == f"{report.meta.body}{report.meta.year}年政府信息公开工作年度报告"
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == [s.title for s in template.sections]
    texts = [p.text for p in paragraphs]
    for section_text in report.sections.values():
        for line in filter(None, section_text.splitlines()):
            assert line in texts
    published = report.meta.published
    assert published is not None
    assert texts[-2:] == [report.meta.body, f"{published.year}年{published.month}月{published.day}日"]


def test_a4_and_chinese_fonts(case: tuple[str, Report], rendered: Rendered) -> None:
    name, _ = case
    doc = _doc(rendered, name)
    section = doc.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    runs = [r for t in doc.tables for r in t._tbl.iter(qn("w:r")) if r.find(qn("w:t")) is not None]
    assert runs
    for run in runs:
        assert run.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) == "宋体"


def test_problem_cells_carry_comments(case: tuple[str, Report], rendered: Rendered) -> None:
    name, report = case
    doc = _doc(rendered, name)
    named = {k for f in report.findings for k in f.cells}
    comments = list(doc.comments)
    assert len(comments) == len(named)
    messages = "\n".join(c.text for c in comments)
    for finding in report.findings:
        if finding.cells:
            assert finding.message in messages

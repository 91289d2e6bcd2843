"""The reply letter (答复书): the active template rendered to text, then to DOCX or PDF."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from django.template import Context, Template
from django.utils import timezone

from gongkai.errors import WorkflowError

from .models import Application, LetterTemplate

DEFAULT_BODY = Path(__file__).resolve().parent / "templates" / "office" / "letters" / "reply_default.txt"
PDF_FONT = "STSong-Light"  # reportlab's built-in CID font: Chinese without shipping a font file


def active_template() -> LetterTemplate:
    """The template in use; recreated from the packaged default if the admin removed them all."""
    found = LetterTemplate.objects.filter(active=True).order_by("pk").first()
    if found is not None:
        return found
    tpl, _ = LetterTemplate.objects.get_or_create(
        name="默认答复书", defaults={"body": DEFAULT_BODY.read_text(encoding="utf-8")}
    )
    return tpl


def letter_text(case: Application, today: date | None = None) -> tuple[str, str]:
    """(title, body) of the case's reply letter."""
    if not case.outcome:
        raise WorkflowError(
            f"申请 {case.serial} 尚未答复，不能生成答复书 / case {case.serial} has no reply yet"
        )
    tpl = active_template()
    context = Context(
        {
            "case": case,
            "unit": case.unit,
            "outcome": case.get_outcome_display(),
            "today": case.closed_on or today or timezone.localdate(),
        },
        autoescape=False,
    )
    body = Template(tpl.body).render(context)
    return tpl.title, body.strip() + "\n"


def letter_docx(case: Application) -> bytes:
    """The reply letter as a Word document."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    title, body = letter_text(case)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    number = doc.add_paragraph(f"编号：{case.serial}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in body.splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def letter_pdf(case: Application) -> bytes:
    """The reply letter as PDF, set in reportlab's built-in STSong-Light."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    title, body = letter_text(case)
    text = ParagraphStyle("body", fontName=PDF_FONT, fontSize=12, leading=20, wordWrap="CJK")
    head = ParagraphStyle("title", parent=text, fontSize=18, leading=28, alignment=1, spaceAfter=6)
    right = ParagraphStyle("number", parent=text, alignment=2)
    story = [
        Paragraph(escape(title), head),
        Paragraph(escape(f"编号：{case.serial}"), right),
        Spacer(1, 4 * mm),
    ]
    for line in body.splitlines():
        story.append(Paragraph(escape(line) or "&nbsp;", text))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, title=title).build(story)
    return out.getvalue()

"""The reply letter: DOCX and PDF from the editable template, Chinese text intact."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from docx import Document

from gongkai.errors import WorkflowError
from gongkai.web.office import services
from gongkai.web.office.letters import active_template, letter_docx, letter_pdf, letter_text

from .conftest import World


def test_docx_and_pdf_carry_the_reply(world: World, client) -> None:  # type: ignore[no-untyped-def]
    case = world.case("in_progress")
    case = services.reply(
        case.pk, world.staff["handler"], outcome="unavailable.not_held", on=date(2024, 3, 20)
    )
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(letter_docx(case))).paragraphs)
    assert "政府信息公开申请答复书" in docx_text and "张三" in docx_text
    assert "本机关不掌握相关政府信息" in docx_text and case.serial in docx_text
    with pdfplumber.open(io.BytesIO(letter_pdf(case))) as pdf:
        pdf_text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "答复书" in pdf_text and "2024年3月20日" in pdf_text
    client.force_login(world.staff["handler"])
    response = client.get(f"/office/cases/{case.pk}/letter.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_the_admin_edits_the_template(world: World) -> None:
    tpl = active_template()
    tpl.body = "{{ case.applicant_name }}：结果为{{ outcome }}。{{ unit.name }}"
    tpl.save()
    case = services.reply(
        world.case("in_progress").pk, world.staff["handler"], outcome="granted", on=date(2024, 3, 5)
    )
    assert letter_text(case)[1] == f"张三：结果为予以公开。{world.own.name}\n"


def test_no_letter_before_the_reply(world: World) -> None:
    with pytest.raises(WorkflowError):
        letter_text(world.case("in_progress"))

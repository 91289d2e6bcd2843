"""Rules on the report's meta: is the template known, and is it the one meant for the year."""

from __future__ import annotations

from ..model import Finding, Report
from ..templates import LEGACY, TEMPLATES, Template, template_for_year
from .catalogue import CATALOGUE, Text

_FIRST = min(TEMPLATES.values(), key=lambda t: t.first_year)


def _name(template: Template | None) -> Text:
    if template is None:
        return Text("2019 年以前的自由格式（无统一表格）", "the pre-2019 free form (no uniform tables)")
    return Text(
        f"{template.id} 年格式（{template.document}）", f"the {template.id} template ({template.document})"
    )


def check_template(report: Report, lang: str) -> list[Finding]:
    """``template-unknown``, or ``template-year-mismatch`` when the template does not fit the year.

    A legacy (free-form) report is accepted for the first template's years:
    the 2019 notice let bodies with real difficulty only 参照 the format.
    """
    meta = report.meta
    if meta.template is None:
        return [CATALOGUE["template-unknown"].make(lang=lang)]
    if meta.year is None:
        return []
    expected = template_for_year(meta.year)
    if meta.template == LEGACY:
        if expected is None or expected is _FIRST:
            return []
        actual = None
    else:
        actual = report.template
        if actual is expected:
            return []
    return [
        CATALOGUE["template-year-mismatch"].make(
            lang=lang,
            detail={
                "year": meta.year,
                "template": meta.template,
                "expected": expected.id if expected else LEGACY,
            },
            year=meta.year,
            expected=_name(expected),
            actual=_name(actual),
        )
    ]

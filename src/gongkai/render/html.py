"""HTML in the official layout: merged headers as rowspan/colspan, problem cells highlighted.

``tables_fragment`` gives the three tables alone (for embedding in a page of
the web app); ``page`` gives a standalone, print-ready A4 document with the
title, the six sections, the tables, the signature and the finding list.
Every value cell carries ``data-key``; a cell named by a finding also gets
the classes ``gk-problem gk-<severity>`` and a ``title`` with the messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from ..model import Finding, Report
from .document import (
    cell_note,
    cell_text,
    chosen_findings,
    finding_line,
    parts,
    problems_by_cell,
    report_title,
    signature,
)
from .layout import Slot, TableLayout, layouts

FINDINGS_HEADING = "附：检查发现"

CSS = """\
@page { size: A4; margin: 25mm 26mm 25mm 28mm; }
body { margin: 0; color: #000; background: #fff;
  font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", serif;
  font-size: 12pt; line-height: 1.8; }
.gk-report { max-width: 170mm; margin: 0 auto; padding: 10mm 0; }
h1 { font-family: "方正小标宋简体", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif;
  font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 1em; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", sans-serif;
  font-size: 13pt; font-weight: normal; margin: 1em 0 .4em; }
p { text-indent: 2em; margin: 0; }
p.gk-signature { text-align: right; text-indent: 0; }
table.gk-table { border-collapse: collapse; width: 100%; margin: .5em 0 1em;
  font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif; font-size: 9pt; line-height: 1.4; }
table.gk-table caption { font-family: "SimHei", "黑体", "Heiti SC", sans-serif; font-size: 11pt;
  text-align: left; padding-bottom: .3em; }
table.gk-table th, table.gk-table td { border: 1px solid #000; padding: 2px 4px; text-align: center;
  vertical-align: middle; font-weight: normal; }
table.gk-table th.gk-label { text-align: left; }
table.gk-table td { min-width: 2.5em; }
table.gk-table tr { page-break-inside: avoid; break-inside: avoid; }
.gk-problem { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
td.gk-error { background: #f8c9c4; outline: 2px solid #c0392b; outline-offset: -2px; }
td.gk-warning { background: #fbe7a1; }
td.gk-info { background: #d6e6f7; }
.gk-findings { max-width: 170mm; margin: 0 auto 10mm; font-size: 10.5pt; line-height: 1.6; }
.gk-findings li.gk-error { color: #a31f12; }
.gk-findings li.gk-warning { color: #7a5a00; }
@media print { .gk-findings { page-break-before: always; break-before: page; } }
"""


def tables_fragment(report: Report, findings: Sequence[Finding] | None = None) -> str:
    """Tables 二, 三 and 四 in the official layout, each with its title as caption."""
    template = report.template
    if template is None:
        return ""
    problems = problems_by_cell(chosen_findings(report, findings))
    return "".join(table_html(report, lay, problems) for lay in layouts(template.id))


def page(report: Report, findings: Sequence[Finding] | None = None) -> str:
    """The whole report as a standalone print-ready HTML document."""
    chosen = chosen_findings(report, findings)
    problems = problems_by_cell(chosen)
    title = escape(report_title(report))
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        '<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{CSS}</style>\n</head>",
        "<body>",
        f'<article class="gk-report" data-template="{escape(report.meta.template or "")}">',
        f"<h1>{title}</h1>",
    ]
    for part in parts(report):
        out.append(f'<section data-section="{part.section.key}">')
        out.append(f"<h2>{escape(part.section.title)}</h2>")
        out.extend(f"<p>{escape(text)}</p>" for text in part.paragraphs)
        if part.table is not None:
            out.append(table_html(report, part.table, problems, caption=False).rstrip("\n"))
        out.append("</section>")
    out.extend(f'<p class="gk-signature">{escape(line)}</p>' for line in signature(report))
    out.append("</article>")
    if chosen:
        out.append(_findings_html(chosen))
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def table_html(
    report: Report, layout: TableLayout, problems: Mapping[str, list[Finding]], *, caption: bool = True
) -> str:
    """One table: a ``<tr>`` per grid row, header and label slots as ``<th>``, numbers as ``<td>``."""
    lines = [f'<table class="gk-table" data-table="{layout.table.key}">']
    if caption:
        lines.append(f"<caption>{escape(layout.table.title)}</caption>")
    for row in layout.rows():
        lines.append("<tr>" + "".join(_slot_html(report, slot, problems) for slot in row) + "</tr>")
    lines.append("</table>\n")
    return "\n".join(lines)


def _slot_html(report: Report, slot: Slot, problems: Mapping[str, list[Finding]]) -> str:
    span = (f' rowspan="{slot.rowspan}"' if slot.rowspan > 1 else "") + (
        f' colspan="{slot.colspan}"' if slot.colspan > 1 else ""
    )
    if slot.key is None:
        return f'<th class="gk-{slot.role.value}"{span}>{escape(slot.text)}</th>'
    found = problems.get(slot.key)
    extra = ""
    if found:
        title = cell_note(found)
        extra = f' class="gk-problem gk-{found[0].severity.value}" title="{escape(title)}"'
    text = escape(cell_text(report, slot.key))
    return f'<td data-key="{slot.key}"{span}{extra}>{text}</td>'


def _findings_html(findings: Sequence[Finding]) -> str:
    items = "\n".join(
        f'<li class="gk-{f.severity.value}" data-code="{escape(f.code)}">{escape(finding_line(f))}</li>'
        for f in sorted(findings, key=lambda f: f.severity.rank)
    )
    return f'<aside class="gk-findings">\n<h2>{FINDINGS_HEADING}</h2>\n<ol>\n{items}\n</ol>\n</aside>'

"""The reader's finding codes: what it says when a document does not settle something.

Each code is stable kebab-case, with a severity, a title and Chinese / English
message templates (``str.format`` fields), registered in the checks catalogue
(family ``reader``) so that one catalogue lists every code gongkai emits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..checks.catalogue import CATALOGUE, FindingType, register
from ..model import Finding, Severity

_W, _I = Severity.WARNING, Severity.INFO
_FAMILY = "reader"

READER_FINDINGS: dict[str, FindingType] = {
    t.code: t
    for t in (
        FindingType(
            "ambiguous-columns",
            _W,
            _FAMILY,
            "列位置不确定",
            "Values cannot be placed in columns",
            "表{table}有 {count} 行的数值无法确定所在列（如“{row}”：{what}），相关单元格留空",
            "table {table}: the values of {count} rows cannot be placed in columns "
            "(e.g. {row!r}: {what}); those cells are left blank",
        ),
        FindingType(
            "short-row-total",
            _I,
            _FAMILY,
            "短行末格按总计列读取",
            "Short row read as total only",
            "表{table}有 {count} 行单元格少于模板列数（如“{row}”），仅将各行末格读作总计列",
            "table {table}: {count} rows have fewer cells than the template (e.g. {row!r}); "
            "only their last cell is read, as the total",
        ),
        FindingType(
            "run-together-resolved",
            _I,
            _FAMILY,
            "连写数字已拆分",
            "Run-together digits split",
            "{row}：连写数字 {raw} 依据 {how} 拆分为 {split}",
            "{row}: run-together digits {raw} split as {split} using {how}",
        ),
        FindingType(
            "run-together-unresolved",
            _W,
            _FAMILY,
            "连写数字无法拆分",
            "Run-together digits not settled",
            "{row}：连写数字 {raw} 有 {count} 种拆分方式符合表内关系，无法确定，相关单元格留空",
            "{row}: run-together digits {raw} allow {count} splits consistent with the identities; "
            "the cells are left blank",
        ),
        FindingType(
            "columns-resolved",
            _I,
            _FAMILY,
            "列位置依据勾稽关系确定",
            "Columns settled by the identities",
            "表{table}有 {count} 行单元格少于列数（空白单元格被省略，如“{row}”：{raw}），"
            "依据 {how} 确定其所在列（{split}），其余单元格留空",
            "table {table}: {count} rows show fewer cells than columns, their empty cells dropped "
            "(e.g. {row!r}: {raw}); {how} places them ({split}); the other cells are left blank",
        ),
        FindingType(
            "bad-number",
            _W,
            _FAMILY,
            "无法识别的数值",
            "Unreadable number",
            "{cell}：“{raw}”不是有效数值，单元格留空",
            "{cell}: {raw!r} is not a valid number; the cell is left blank",
        ),
        FindingType(
            "dash-as-blank",
            _I,
            _FAMILY,
            "以符号表示的空格",
            "Dash read as blank",
            "{count} 个单元格以“—”“/”等符号填写，按空白读取",
            "{count} cells hold only a dash or slash; they are read as blank",
        ),
        FindingType(
            "unit-converted",
            _I,
            _FAMILY,
            "金额单位换算",
            "Amount converted to 万元",
            "{cell}：原文 {raw}，由{unit}换算为万元",
            "{cell}: written {raw}; converted from {unit} to 万元",
        ),
        FindingType(
            "unit-assumed",
            _W,
            _FAMILY,
            "金额未写单位",
            "Amount without a unit read as 万元",
            "{cell}：金额 {raw} 未写单位，按万元读取（推定）",
            "{cell}: the amount {raw} has no unit; read as 万元 (a guess)",
        ),
        FindingType(
            "row-missing",
            _W,
            _FAMILY,
            "表格缺少行",
            "Row not found",
            "表{table}中找不到“{row}”一行",
            "table {table}: the row {row!r} was not found",
        ),
        FindingType(
            "row-label-missing",
            _I,
            _FAMILY,
            "行标签缺失",
            "Row label missing",
            "表{table}中一行数值没有行标签，按位置读作“{row}”",
            "table {table}: a row without a label is read by position as {row!r}",
        ),
        FindingType(
            "unplaced-values",
            _W,
            _FAMILY,
            "数值无法归行",
            "Values matching no row",
            "表{table}中有数值无法对应到模板行（{raw}），已忽略",
            "table {table}: values that match no template row ({raw}) were ignored",
        ),
        FindingType(
            "extra-column",
            _I,
            _FAMILY,
            "多出的列",
            "Column not in the template",
            "表三含有模板之外的“{label}”列，已跳过",
            "table 三 has a column {label!r} that the template lacks; it was skipped",
        ),
        FindingType(
            "table-missing",
            _W,
            _FAMILY,
            "找不到表格",
            "Table not found",
            "找不到表{table}（{title}），其单元格全部留空",
            "table {table} ({title}) was not found; its cells are blank",
        ),
        FindingType(
            "legacy-report",
            _I,
            _FAMILY,
            "2019年以前的报告",
            "Report before the statutory tables",
            "本报告针对{year}年，早于法定表格格式（国办公开办函〔2019〕60号），不读取单元格",
            "the report covers {year}, before the statutory tables (国办公开办函〔2019〕60号); "
            "no cells are read",
        ),
        FindingType(
            "year-missing",
            _W,
            _FAMILY,
            "无法确定年度",
            "Year not found",
            "无法确定报告所针对的年度",
            "the year the report covers could not be found",
        ),
        FindingType(
            "body-missing",
            _W,
            _FAMILY,
            "无法确定发布机关",
            "Body not found",
            "无法确定报告的发布机关",
            "the reporting body could not be found",
        ),
        FindingType(
            "pages-need-ocr",
            _W,
            _FAMILY,
            "部分页面需要 OCR",
            "Pages that need OCR",
            "{why}，这些页未读取，需先做 OCR{tables}",
            "{why}: these pages were not read and need OCR first{tables}",
        ),
        FindingType(
            "prose-mismatch",
            _W,
            _FAMILY,
            "正文与表格不一致",
            "Text and table disagree",
            "正文称“{raw}”（{value}），但表格 {cell} 为 {table_value}",
            "the text says {raw!r} ({value}) but the table has {cell} = {table_value}",
        ),
    )
}
register(*READER_FINDINGS.values())


def finding(
    code: str, cells: Iterable[str] = (), extra: Mapping[str, Any] | None = None, **fields: Any
) -> Finding:
    """A reader finding of ``code`` with its message filled from ``fields``."""
    return CATALOGUE[code].make(cells, detail=extra, **fields)

"""Stage 8: numbers stated in the prose, and where they disagree with the tables.

Real prose is loose, so only a few unmistakable statements are read, one
sentence at a time:

- 共受理/收到/接收到 政府信息公开申请 N 件, N 件政府信息公开申请, and
  未收到/无 … 申请 (→ 0): the applications of the year, compared with
  ``requests.new.total`` (also accepted: new + carried_in, or the 总计 of
  results, which reports also call 受理);
- 主动公开(各类)政府信息 N 条: kept as a fact (no cell holds it);
- 行政复议 N 件 / 未发生(…)行政复议 and the same for 行政诉讼, only in a
  sentence about 政府信息公开 (a body's other reviews are not this table's),
  compared with ``appeals.review.total`` and the two suit totals.

A mismatch is a ``prose-mismatch`` warning that quotes the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Fact, Finding, Provenance, Report
from .findings import finding
from .tokens import Line

_SENTENCE = re.compile(r"[^。;!?\n]+")
_APPLY = r"(?:政府信息公开|依申请公开|信息公开)(?:的)?申请"
_NEW_N = (
    re.compile(
        rf"(?:共|累计|全年|总共)?(?:受理|收到|接收到?|接到|办理)(?:各类|了)?{_APPLY}(?:共计?|总数)?(\d+)\s*(?:件|个|条|份)"
    ),
    re.compile(rf"(?:共|累计|全年)?(?:受理|收到|接收到?|接到)(?:了)?(\d+)\s*(?:件|个|条|份){_APPLY}"),
)
_NEW_ZERO = re.compile(
    r"(?:未|没有|无)(?:收到|受理|接到|接收到?|发生)[^,，。]{0,10}?(?:依申请公开|信息公开申请|公开申请|申请公开)"
    r"|(?:全年|本年度?)?无(?:政府信息公开申请|依申请公开(?:申请|事项)?)"
)
_ACTIVE_N = re.compile(r"主动公开(?:各类|了)?(?:政府|政务)?信息(?:共计?|总数)?(\d+)\s*条")
_REVIEW_N = re.compile(r"行政复议(?:案件|申请)?(?:共计?)?(\d+)\s*(?:件|起|宗)")
_SUIT_N = re.compile(r"行政诉讼(?:案件)?(?:共计?)?(\d+)\s*(?:件|起|宗)")
_NONE_BEFORE = r"(?:未|没有|无|不存在)(?:发生|收到|接到|出现|产生|引发)?[^,，。]{0,16}?"
_REVIEW_ZERO = re.compile(_NONE_BEFORE + r"行政复议")
_SUIT_ZERO = re.compile(_NONE_BEFORE + r"行政诉讼")
_ABOUT_DISCLOSURE = ("政府信息公开", "信息公开", "依申请公开")


def _sentences(lines: list[Line], skip: set[int]) -> Iterator[tuple[str, int, Provenance]]:
    for line in lines:
        if line.grid or line.pos in skip:
            continue
        tok = line.tokens[0]
        for m in _SENTENCE.finditer(tok.text):
            yield m.group(0), m.start(), tok.provenance


def _fact(name: str, value: int, sentence: str, m: re.Match[str], offset: int, prov: Provenance) -> Fact:
    span = None
    if prov.span is not None:
        start = prov.span[0] + offset + m.start()
        span = (start, start + len(m.group(0)))
    where = Provenance(prov.kind, line=prov.line, span=span, page=prov.page)
    return Fact(name, value, m.group(0), where)


def prose_facts(lines: list[Line], table_lines: set[int]) -> list[Fact]:
    """Numbers the prose states about the tables' quantities."""
    facts: list[Fact] = []
    for sentence, offset, prov in _sentences(lines, table_lines):
        if len(sentence) > 400:
            continue
        if "申请" in sentence:
            facts += _applications(sentence, offset, prov)
        if "主动公开" in sentence:
            m = _ACTIVE_N.search(sentence)
            if m:
                facts.append(_fact("active.items_published", int(m.group(1)), sentence, m, offset, prov))
        if ("复议" in sentence or "诉讼" in sentence) and any(w in sentence for w in _ABOUT_DISCLOSURE):
            facts += _appeals(sentence, offset, prov)
    return facts


def _applications(sentence: str, offset: int, prov: Provenance) -> list[Fact]:
    for pattern in _NEW_N:
        m = pattern.search(sentence)
        if m:
            return [_fact("requests.new.total", int(m.group(1)), sentence, m, offset, prov)]
    m = _NEW_ZERO.search(sentence)
    return [_fact("requests.new.total", 0, sentence, m, offset, prov)] if m else []


def _appeals(sentence: str, offset: int, prov: Provenance) -> list[Fact]:
    out = []
    for name, count, zero in (
        ("appeals.review.total", _REVIEW_N, _REVIEW_ZERO),
        ("appeals.suits.total", _SUIT_N, _SUIT_ZERO),
    ):
        m = count.search(sentence)
        if m:
            out.append(_fact(name, int(m.group(1)), sentence, m, offset, prov))
            continue
        m = zero.search(sentence)
        if m:
            out.append(_fact(name, 0, sentence, m, offset, prov))
    return out


def _table_values(report: Report, name: str) -> list[int] | None:
    """The table values a fact may name (any one matching is agreement); None if not comparable."""
    v = report.value
    if name == "requests.new.total":
        new, carried, total = (
            v("requests.new.total"),
            v("requests.carried_in.total"),
            v("requests.total.total"),
        )
        if new is None:
            return None
        out = [int(new)]
        if carried is not None:
            out.append(int(new) + int(carried))
        if total is not None:
            out.append(int(total))
        return out
    if name == "appeals.review.total":
        review = v("appeals.review.total")
        return None if review is None else [int(review)]
    if name == "appeals.suits.total":
        direct, after = v("appeals.suit_direct.total"), v("appeals.suit_after_review.total")
        if direct is None or after is None:
            return None
        return [int(direct) + int(after)]
    return None


def compare_facts(report: Report) -> list[Finding]:
    """A warning for each fact that clearly disagrees with the table cell(s) it names."""
    out: list[Finding] = []
    seen: set[str] = set()
    for fact in report.facts:
        allowed = _table_values(report, fact.name)
        if allowed is None or fact.value in allowed or fact.name in seen:
            continue
        seen.add(fact.name)
        cells = (
            ("appeals.suit_direct.total", "appeals.suit_after_review.total")
            if fact.name == "appeals.suits.total"
            else (fact.name,)
        )
        out.append(
            finding(
                "prose-mismatch",
                cells,
                {"fact": fact.to_dict()},
                raw=fact.raw,
                value=fact.value,
                cell=" + ".join(cells),
                table_value=allowed[0],
            )
        )
    return out

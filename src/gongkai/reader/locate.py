"""Stage 4: lines → where the six sections and the three tables are.

Sections are found by the core words of their headings (总体情况, 主动公开政府
信息, 行政复议…), tolerant of missing or wrong numerals, in order: a heading
for section k is only taken after the headings before it. A subsection such
as （一）主动公开情况 is never a section heading; （二）主动公开政府信息情况 is
one when its numeral names the section and no 二、 heading does. Each table is the stretch
of lines from its section heading (or, when the heading is missing, from its
first unmistakable header such as 第二十条第（一）项 / 勾稽关系 / 结果维持) to
the next section heading or the next table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..templates import core
from ..templates.common import SECTIONS
from .numbers import is_value_text
from .tokens import Line, single

_NUMERAL = re.compile(r"^\s*([一二三四五六七八九十]+)\s*[、.,]\s*")
# numerals that also number subsections: (二)…, 2.…, 第二部分…
_WEAK_NUMERAL = re.compile(
    r"^\s*(?:\(\s*([一二三四五六七八九十]+|\d)\s*\)|(\d)\s*[、.,)]|第([一二三四五六七八九十])部分)\s*"
)
_ARABIC = "一二三四五六七八九"
_HEADING_MAX = 40
_SENTENCE_ENDS = ("。", ";", "；")

_ANCHORS = {
    "active": ("第二十条第", "信息内容"),
    "requests": ("勾稽关系", "申请人情况", "本年新收政府信息公开申请"),
    "appeals": ("结果维持", "结果维护", "结果纠正", "尚未审结"),
}
_SECTION_OF_TABLE = {"active": "s2", "requests": "s3", "appeals": "s4"}


@dataclass(frozen=True)
class Region:
    """A table's lines: ``lines[start:end]``."""

    table: str
    start: int
    end: int


@dataclass
class Layout:
    """Section headings and table regions found in a document."""

    headings: dict[str, int] = field(default_factory=dict)  # section key → line index
    tables: dict[str, Region] = field(default_factory=dict)

    def section_lines(self, key: str, n_lines: int) -> range | None:
        """The lines under a section heading, up to the next heading."""
        if key not in self.headings:
            return None
        start = self.headings[key] + 1
        after = [i for i in self.headings.values() if i >= start]
        return range(start, min(after) if after else n_lines)


@lru_cache(maxsize=8192)
def heading_section(text: str, after: int) -> int | None:
    """The index (0–5) of the section this line heads, considering sections after ``after``.

    Memoized: reports repeat the same short lines (labels, headings) over and over.
    """
    t = text.strip()
    if not t or len(t) > _HEADING_MAX:
        return None
    m = _NUMERAL.match(t) or _WEAK_NUMERAL.match(t)
    if m is None and t[0] in "([【":
        return None
    number = _numeral(m)
    body = core(t[m.end() :] if m else t.lstrip("、.,"))
    if not body:
        return None
    for index in range(after + 1, len(SECTIONS)):
        section = SECTIONS[index]
        if number is not None and number != section.number:
            continue
        if any(word in body for word in section.core):
            return index
    return None


def _numeral(m: re.Match[str] | None) -> str | None:
    """The section numeral a heading's number names, in Chinese: (2) and 2. → 二."""
    if m is None:
        return None
    n = next(g for g in m.groups() if g)
    return _ARABIC[int(n) - 1] if n.isdigit() and n != "0" else n


def find_headings(lines: list[Line]) -> dict[str, int]:
    """Section key → line index of its heading.

    Numbered headings (二、主动公开政府信息情况) are taken first, in order; a
    heading without its numeral is then taken only where it fits between them,
    so a short line of the overview such as 无行政复议、行政诉讼情况 cannot claim
    section 四 ahead of the real headings. Numerals that also number subsections
    ((二)…, 2.…) count only in that second pass, and only for the section after
    the ones found above (or the one after that). A sentence (ending in 。) heads nothing.
    """
    candidates: list[tuple[int, str, bool]] = []
    for line in lines:
        tok = single(line)
        if tok is None or len(tok.text) > _HEADING_MAX or is_value_text(tok.text):
            continue
        text = tok.text.strip()
        numbered = _NUMERAL.match(text) is not None
        if numbered or not text.endswith(_SENTENCE_ENDS):
            candidates.append((line.pos, text, numbered))
    found: dict[int, int] = {}  # section index → line
    last = -1
    for pos, text, numbered in candidates:
        index = heading_section(text, last) if numbered else None
        if index is not None:
            found[index] = pos
            last = index
    by_line = sorted((p, i) for i, p in found.items())
    k = 0
    last = -1  # the latest section whose heading is above this line
    for pos, text, numbered in candidates:
        while k < len(by_line) and by_line[k][0] <= pos:
            last = max(last, by_line[k][1])
            k += 1
        if numbered:
            continue
        index = heading_section(text, last)
        if index is None or index in found:
            continue
        if any(p <= pos for i, p in found.items() if i > index):
            continue
        if index - last > 2 and _WEAK_NUMERAL.match(text):
            continue  # (四)… far ahead of the sections found: a subsection of the overview
        found[index] = pos
        last = index
    return {SECTIONS[i].key: pos for i, pos in sorted(found.items())}


def _first_anchor(lines: list[Line], start: int, end: int, words: tuple[str, ...]) -> int | None:
    for line in lines[start:end]:
        for tok in line.tokens:
            c = core(tok.text) if len(tok.text) < 80 else ""
            if c and any(w in c for w in words):
                return line.pos
    return None


def locate(lines: list[Line]) -> Layout:
    """Find the section headings and the regions of tables 二, 三, 四."""
    layout = Layout(headings=find_headings(lines))
    n = len(lines)
    heading_lines = sorted(layout.headings.values())

    def next_heading(i: int) -> int:
        return next((h for h in heading_lines if h >= i), n)

    cursor = 0
    for table in ("active", "requests", "appeals"):
        heading = layout.headings.get(_SECTION_OF_TABLE[table])
        start = heading + 1 if heading is not None and heading >= cursor else None
        if start is None:
            start = _first_anchor(lines, cursor, n, _ANCHORS[table])
        if start is None:
            continue
        end = next_heading(start)
        # a table without its own heading must not swallow the next table
        for later in ("requests", "appeals")[("active", "requests", "appeals").index(table) :]:
            if later == table:
                continue
            if _SECTION_OF_TABLE[later] in layout.headings:
                continue
            anchor = _first_anchor(lines, start + 1, end, _ANCHORS[later])
            if anchor is not None:
                end = min(end, anchor)
        layout.tables[table] = Region(table, start, end)
        cursor = end
    return layout

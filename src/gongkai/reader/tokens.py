"""Blocks → lines of tokens: the one shape the later stages walk.

A ``Line`` is a paragraph (one token) or a grid row (its cells, merged-cell
copies left out so a spanning value is read once). A ``Token`` is one piece of
cell text with its provenance. ``explode`` splits tokens that hold several
cells: numbers separated by spaces (PDF text, ``0 0 0``), a label followed by
its numbers (``规章 0 0 0``), and labels and digits run together
(``规章000规范性文件000``) when the pieces are labels the caller knows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from ..model import Provenance
from .blocks import Block, Grid
from .numbers import is_value_text


class Token(NamedTuple):
    """One cell's (or paragraph's) text, where it came from, and the line it sits on."""

    text: str
    provenance: Provenance
    line: int

    def part(self, start: int, end: int) -> Token:
        """The token for ``text[start:end]`` (stripped), its span narrowed when it has one."""
        seg = self.text[start:end]
        lead = len(seg) - len(seg.lstrip())
        text = seg.strip()
        prov = self.provenance
        if prov.span is not None:
            a = prov.span[0] + start + lead
            prov = prov.with_span(a, a + len(text))
        return Token(text, prov, self.line)


class Line(NamedTuple):
    """A paragraph or a grid row, as tokens."""

    pos: int  # the line's position in the document
    tokens: tuple[Token, ...]
    grid: bool


def single(line: Line) -> Token | None:
    """The only non-blank token of a line, if it has exactly one (a module function, as the stages
    below call it per line: a compiled caller reaches it directly, a property through a lookup)."""
    if not line.grid:
        first = line.tokens[0]
        return first if first.text else None
    found = None
    for t in line.tokens:
        if t.text:
            if found is not None:
                return None
            found = t
    return found


def block_lines(blocks: Iterable[Block]) -> list[Line]:
    """Every paragraph and grid row as a line of tokens, in document order."""
    lines: list[Line] = []
    make = tuple.__new__  # Token's own __new__ adds a Python call per token
    for block in blocks:
        n = len(lines)
        if isinstance(block, Grid):
            for row in block.rows:
                toks = [make(Token, (c.text.strip(), c.provenance, n)) for c in row if c.origin is None]
                lines.append(make(Line, (n, tuple(toks), True)))
                n += 1
        else:
            lines.append(make(Line, (n, (make(Token, (block.text.strip(), block.provenance, n)),), False)))
    return lines


_SPACED = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_NUMERIC_RUN = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?(?:万元|元)?")
_ENUM_AFTER = re.compile(r"^[.、)]")


def explode(token: Token, known: Callable[[str], bool]) -> list[Token]:
    """Split a token holding several cells; ``known(text)`` says whether a text piece is a label."""
    text = token.text
    if " " not in text:  # one word: a value, a label, or labels and digits run together
        if is_value_text(text) or not _DIGIT.search(text):
            return [token]
        return _split_run_together(token, known)
    words = [(m.start(), m.end()) for m in _SPACED.finditer(text)]
    if len(words) >= 2 and all(is_value_text(text[a:b]) for a, b in words):
        return [token.part(a, b) for a, b in words]  # 0 0 0
    if is_value_text(text):
        return [token]
    k = len(words)
    while k > 0 and is_value_text(text[words[k - 1][0] : words[k - 1][1]]):
        k -= 1
    labels = _label_words(token, words[:k], known)
    if labels is not None:  # 三、本年度办理结果 (一)予以公开 2 0 0 …
        return labels + [token.part(a, b) for a, b in words[k:]]
    return _split_run_together(token, known)


def _label_words(
    token: Token, words: list[tuple[int, int]], known: Callable[[str], bool]
) -> list[Token] | None:
    """The label part of a token: one label per word when every word is one, else all of it as one."""
    if not words:
        return None
    text = token.text
    if len(words) > 1 and all(known(text[a:b]) for a, b in words):
        return [token.part(a, b) for a, b in words]
    if len(words) < len(_SPACED.findall(text)) and known(text[: words[-1][1]]):
        return [token.part(0, words[-1][1])]
    return None


def _split_run_together(token: Token, known: Callable[[str], bool]) -> list[Token]:
    """Labels and digits without separators: 规章000规范性文件000, 1.属于国家秘密0000000."""
    text = token.text
    cuts: list[tuple[int, int]] = []
    for m in _NUMERIC_RUN.finditer(text):
        a, b = m.start(), m.end()
        if _ENUM_AFTER.match(text[b:]) and b - a >= 1:  # "…00000002.其他": the last digit numbers the label
            b -= 1
            if b <= a:
                continue
        cuts.append((a, b))
    if not cuts:
        return [token]
    pieces: list[Token] = []
    pos = 0
    labels = 0
    for a, b in cuts:
        if text[pos:a].strip():
            label = token.part(pos, a)
            if not known(label.text):
                return [token]
            labels += 1
            pieces.append(label)
        pieces.append(token.part(a, b))
        pos = b
    if text[pos:].strip():
        label = token.part(pos, len(text))
        if not known(label.text):
            return [token]
        labels += 1
        pieces.append(label)
    return pieces if labels else [token]

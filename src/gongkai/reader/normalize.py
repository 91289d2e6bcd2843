"""Stage 2: decoded text → comparable text.

Given text, return it with one line-ending convention, without editor
artifacts (``[bookmark: _GoBack]``) and zero-width characters, in Unicode
NFKC (full-width digits, letters and punctuation become ASCII; NBSP and the
ideographic space become spaces; （一） becomes (一), so brackets compare
equal whatever width they were typed in) and in simplified characters
(OpenCC ``t2s``). Every later stage, and every provenance span of a text
document, refers to this normalized text. Normalizing twice changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

_NEWLINE_CHARS = "\r\f\v\x85\u2028\u2029"
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e"
_NEWLINES = re.compile(f"\r\n?|[{_NEWLINE_CHARS}]")  # \r\n first: one line break
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_ARTIFACTS = re.compile(r"\[(?:bookmark|anchor|image|footnote|comment)\s*:[^\]\n\ue010]{0,300}\]", re.I)
_WIDE = re.compile("[\uff01-\uff5e\u3000\u00a0]")
_NARROW = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000, 0xA0)}
_SEP = "\ue010"  # joins the pieces of a batch; OpenCC and NFKC leave it alone


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _has_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds one of ``chars``: a few ``in`` scans are many times faster than
    a regex character class over a text that is not Latin-1."""
    return any(c in text for c in chars)


def _newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text) if _has_any(text, _NEWLINE_CHARS) else text


def _clean(text: str) -> str:
    text = _newlines(text)
    if _has_any(text, _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    return _ARTIFACTS.sub("", text) if "[" in text else text


def _narrow(m: re.Match[str]) -> str:
    return _NARROW[m.group()]


def _nfkc(text: str) -> str:
    """NFKC, but full-width ASCII and wide spaces — the usual reasons a text is not NFKC —
    mapped directly first: CPython's full ``normalize`` costs ~85 ns a character."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _WIDE.sub(_narrow, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def normalize_text(text: str) -> str:
    """The normalized form of a whole document's text."""
    text = _nfkc(_clean(text)).replace("\u2212", "-")
    return str(_t2s().convert(text))


_SHORT = 64  # pieces up to this length (labels, headings) are remembered
_MEMO_SIZE = 50_000
_memo: dict[str, str] = {}


def normalize_document(text: str) -> str:
    """``normalize_text`` of a whole document, line by line so that the memo of short
    pieces applies to its table lines (no normalization step crosses a line break)."""
    lines = _newlines(text).split("\n")
    for i, line in normalized_changes(lines).items():
        lines[i] = line
    return "\n".join(lines)


def normalized_changes(pieces: list[str]) -> dict[int, str]:
    """Normalize many short texts (cells, paragraphs) in one pass of each step.

    Returns only the pieces normalization changes, by index: most cells are
    digits or already-simplified labels, and the caller keeps those as they are.
    A piece no step can change (ASCII without \r, \f, \v or ``[``) is not even joined.
    Short pieces are remembered (a bounded memo): every report of a batch
    repeats the template's row and column labels.
    """
    todo: list[int] = []
    changes: dict[int, str] = {}
    for i, p in enumerate(pieces):
        if p.isascii() and "\r" not in p and "[" not in p and "\f" not in p and "\v" not in p:
            continue
        known = _memo.get(p)
        if known is None:
            todo.append(i)
        elif known != p:
            changes[i] = known
    if not todo:
        return changes
    joined = _SEP.join([pieces[i] for i in todo])
    if joined.count(_SEP) != len(todo) - 1:  # a piece holds the separator itself
        joined = _SEP.join(pieces[i].replace(_SEP, "") for i in todo)
    done = normalize_text(joined).split(_SEP)
    if len(done) != len(todo):  # pragma: no cover - no step touches the separator
        done = [normalize_text(pieces[i]) for i in todo]
    if len(_memo) > _MEMO_SIZE:
        _memo.clear()
    for i, text in zip(todo, done, strict=True):
        piece = pieces[i]
        if len(piece) <= _SHORT and _SEP not in piece:
            _memo[piece] = text
        if text != piece:
            changes[i] = text
    return changes

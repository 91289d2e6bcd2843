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

_NEWLINES = re.compile(r"\r\n?|[\f\v\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\u2061-\u2064\ufeff\u00ad\u180e]")
_ARTIFACTS = re.compile(r"\[(?:bookmark|anchor|image|footnote|comment)\s*:[^\]\n\ue010]{0,300}\]", re.I)
_WIDE = re.compile("[\uff01-\uff5e\u3000\u00a0]")
_NARROW = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000, 0xA0)}
_SEP = "\ue010"  # joins the pieces of a batch; OpenCC and NFKC leave it alone


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _clean(text: str) -> str:
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    return _ARTIFACTS.sub("", text)


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


def normalized_changes(pieces: list[str]) -> dict[int, str]:
    """Normalize many short texts (cells, paragraphs) in one pass of each step.

    Returns only the pieces normalization changes, by index: most cells are
    digits or already-simplified labels, and the caller keeps those as they are.
    A piece no step can change (ASCII without \r, \f, \v or ``[``) is not even joined.
    """
    todo = [
        i for i, p in enumerate(pieces) if not p.isascii() or "\r" in p or "[" in p or "\f" in p or "\v" in p
    ]
    if not todo:
        return {}
    joined = _SEP.join([pieces[i] for i in todo])
    if joined.count(_SEP) != len(todo) - 1:  # a piece holds the separator itself
        joined = _SEP.join(pieces[i].replace(_SEP, "") for i in todo)
    done = normalize_text(joined).split(_SEP)
    if len(done) != len(todo):  # pragma: no cover - no step touches the separator
        done = [normalize_text(pieces[i]) for i in todo]
    return {i: text for i, text in zip(todo, done, strict=True) if text != pieces[i]}

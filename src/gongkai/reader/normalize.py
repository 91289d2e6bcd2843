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
_SEP = "\ue010"  # joins the pieces of a batch; OpenCC and NFKC leave it alone


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _clean(text: str) -> str:
    text = _NEWLINES.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    return _ARTIFACTS.sub("", text)


def normalize_text(text: str) -> str:
    """The normalized form of a whole document's text."""
    text = unicodedata.normalize("NFKC", _clean(text)).replace("\u2212", "-")
    return str(_t2s().convert(text))


def normalize_pieces(pieces: list[str]) -> list[str]:
    """Normalize many short texts (cells, paragraphs) in one pass of each step."""
    if not pieces:
        return []
    joined = _SEP.join(pieces)
    if joined.count(_SEP) != len(pieces) - 1:  # a piece holds the separator itself
        joined = _SEP.join(p.replace(_SEP, "") for p in pieces)
    out = normalize_text(joined).split(_SEP)
    if len(out) != len(pieces):  # pragma: no cover - no step touches the separator
        return [normalize_text(p) for p in pieces]
    return out

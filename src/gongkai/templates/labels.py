"""Label normalisation: how a label written in a real report is compared with the template's.

Real reports drop numerals (一、 （三） 1.), change brackets and quotes, add
spaces, write 合计 for 总计 and cut headers short. Comparison therefore runs on
a *core* form: NFKC, no whitespace, no enumerators, no parentheticals, no
punctuation. Traditional characters are turned into simplified by the reader
before labels get here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_PAREN = re.compile(r"\([^()]{4,}\)")  # a long parenthetical note, e.g. (区分处理的,…)
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|\(?[一二三四五六七八九十]+\)|\(?\d+\)|\d+[.、．)]|[①-⑳])+"
)
_PUNCT = re.compile(r"[/／\"'“”‘’「」『』《》〈〉()\[\]【】,，。.、:：;；!！?？·•\-—_~…]+")


@lru_cache(maxsize=8192)
def core(label: str) -> str:
    """The comparable core of a label: ``（二）部分公开（区分…）`` → ``部分公开``."""
    s = unicodedata.normalize("NFKC", label)
    s = _SPACE.sub("", s)
    s = _PAREN.sub("", s)
    s = _ENUM.sub("", s)
    s = _PUNCT.sub("", s)
    return s


def enumerator(label: str) -> str | None:
    """The leading enumerator of a label (``一``, ``(三)`` → ``三``, ``4``), if any."""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", label))
    m = _ENUM.match(s)
    if not m:
        return None
    return re.sub(r"[()、.．]", "", m.group(0)) or None

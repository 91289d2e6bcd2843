"""The elements a page's own ``<style>`` sheets hide (``display:none``, ``visibility:hidden``).

CMS pages keep a stale copy of a table or extra digits in an element hidden by
a class (``<div class="hide">``), an id or a tag rule. Only simple selectors
are honoured — a tag, classes, an id, or these together (``div.hide``), in
comma lists — and only outside at-rules (``@media`` shows a mobile copy on a
phone, not on the page as printed). An element some simple rule or its own
``style`` shows again (``.tab.active{display:block}``) stays, and the sheet
hides nothing when it would hide most of the page's text or all of its tables
(a page hidden until a script shows it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from lxml import etree

_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SHOWING = re.compile(r"display\s*:\s*(?!none)[a-z]|visibility\s*:\s*visible", re.I)
_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.S)
_STRUCTURE = re.compile(r"[{};]")
_SIMPLE = re.compile(r"([a-z][a-z0-9]*)?((?:[.#][\w-]+)+)?", re.I)
_PART = re.compile(r"([.#])([\w-]+)")
_MARKED = etree.XPath("//*[@class or @id]")
_NEVER = frozenset(("html", "body", "head"))
_MOST = 0.5  # share of the page's text a sheet may hide before it is taken for a script's doing

_Selector = tuple[str | None, frozenset[str], str | None]  # tag, classes, id


def hides(declarations: str) -> bool:
    """Whether style declarations hide their element (``display:none``, ``visibility:hidden``)."""
    return _HIDING.search(declarations) is not None


def stylesheet_hidden(root: etree._Element) -> list[etree._Element]:
    """The outermost elements the page's style sheets hide."""
    sheets = [el.text for el in root.iter("style") if el.text and hides(el.text)]
    if not sheets:
        return []
    hide: list[_Selector] = []
    show: list[_Selector] = []
    for sheet in sheets:
        for selectors, declarations in _rules(_COMMENT.sub("", sheet)):
            target = hide if hides(declarations) else show if _SHOWING.search(declarations) else None
            if target is not None:
                target.extend(p for s in selectors.split(",") if (p := _selector(s.strip())))
    if not hide:
        return []
    shown = set(_select(root, show)) if show else set()
    hidden = [
        el
        for el in _select(root, hide)
        if el not in shown and el.tag not in _NEVER and not _SHOWING.search(el.get("style") or "")
    ]
    inside = set(hidden)
    outer = [el for el in hidden if not any(a in inside for a in el.iterancestors())]
    if not outer or _holds_every_table(outer, root):
        return []
    page = _text_size(root) - sum(len(el.text or "") for el in root.iter("style", "script"))
    return [] if sum(map(_text_size, outer)) > _MOST * page else outer


def _holds_every_table(elements: list[etree._Element], root: etree._Element) -> bool:
    """Whether the elements hold all of the page's tables (and it has some)."""
    hidden = sum(1 for el in elements for _ in el.iter("table"))
    return hidden > 0 and hidden == sum(1 for _ in root.iter("table"))


def _rules(sheet: str) -> Iterator[tuple[str, str]]:
    """The sheet's top-level rules as (selectors, declarations), at-rules and what they hold left
    out; one pass over the braces, whatever the nesting (an unclosed brace ends the sheet)."""
    depth = 0
    start = body = 0
    prelude = ""
    for m in _STRUCTURE.finditer(sheet):
        ch, pos = m.group(), m.start()
        if ch == "{":
            if depth == 0:
                prelude, body = sheet[start:pos], pos + 1
            depth += 1
        elif ch == "}":
            if depth == 0:  # a stray closing brace
                start = pos + 1
                continue
            depth -= 1
            if depth == 0:
                if not prelude.lstrip().startswith("@"):
                    yield prelude, sheet[body:pos]
                start = pos + 1
        elif depth == 0:  # the end of @import, @charset
            start = pos + 1


def _selector(text: str) -> _Selector | None:
    """A simple selector (``div.a.b``, ``#id``, ``td``) as its parts, None for any other."""
    m = _SIMPLE.fullmatch(text)
    if not text or m is None:
        return None
    parts = _PART.findall(m.group(2) or "")
    ids = {name for kind, name in parts if kind == "#"}
    if len(ids) > 1:
        return None
    tag = m.group(1)
    return tag.lower() if tag else None, frozenset(n for k, n in parts if k == "."), next(iter(ids), None)


def _select(root: etree._Element, selectors: list[_Selector]) -> list[etree._Element]:
    """The elements any of the selectors match, each once (one pass over the elements with a tag
    named or a class or id; an XPath test per selector and element costs ten times more)."""
    tags = {tag for tag, classes, id_ in selectors if tag and not classes and not id_}
    rest = [s for s in selectors if s[1] or s[2]]
    out = dict.fromkeys(root.iter(*tags)) if tags else {}
    for el in cast(list[etree._Element], _MARKED(root)) if rest else ():
        classes = set((el.get("class") or "").split())
        id_ = el.get("id")
        if any((t is None or t == el.tag) and c <= classes and i in (None, id_) for t, c, i in rest):
            out[el] = None
    return list(out)


def _text_size(el: etree._Element) -> int:
    return len(etree.tostring(el, method="text", encoding="unicode", with_tail=False))

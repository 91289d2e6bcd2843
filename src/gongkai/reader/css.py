"""The elements a page's own ``<style>`` sheets hide (``display:none``, ``visibility:hidden``).

CMS pages keep a stale copy of a table or extra digits in an element hidden by
a class (``<div class="hide">``), an id or a tag rule. Only simple selectors
are honoured — a tag, classes, an id, or these together (``div.hide``), in
comma lists — and only outside at-rules (``@media`` shows a mobile copy on a
phone, not on the page as printed). An element some simple rule or its own
``style`` shows again (``.tab.active{display:block}``) stays, and so does the
whole sheet's effect when it would hide most of the page's text (a page
hidden until a script shows it).
"""

from __future__ import annotations

import re
from typing import cast

from lxml import etree

_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SHOWING = re.compile(r"display\s*:\s*(?!none)[a-z]|visibility\s*:\s*visible", re.I)
_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.S)
_AT_RULE = re.compile(r"@[^{};]*(?:;|\{(?:[^{}]*\{[^{}]*\})*[^{}]*\})")  # one level of nesting
_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_SIMPLE = re.compile(r"([a-z][a-z0-9]*)?((?:[.#][\w-]+)+)?", re.I)
_PART = re.compile(r"([.#])([\w-]+)")
_NEVER = frozenset(("html", "body", "head"))
_TEXT = etree.XPath(".//text()[not(ancestor::style or ancestor::script)]")
_MOST = 0.5  # share of the page's text a sheet may hide before it is taken for a script's doing


def stylesheet_hidden(root: etree._Element) -> list[etree._Element]:
    """The outermost elements the page's style sheets hide."""
    sheets = [el.text for el in root.iter("style") if el.text and _HIDING.search(el.text)]
    if not sheets:
        return []
    hide: list[str] = []
    show: list[str] = []
    for sheet in sheets:
        for selectors, declarations in _RULE.findall(_AT_RULE.sub("", _COMMENT.sub("", sheet))):
            target = hide if _HIDING.search(declarations) else show if _SHOWING.search(declarations) else None
            if target is not None:
                target.extend(p for s in selectors.split(",") if (p := _xpath(s.strip())))
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
    if outer and _text_size(outer) > _MOST * _text_size([root]):
        return []
    return outer


def _xpath(selector: str) -> str | None:
    """An XPath for a simple selector (``div.a.b``, ``#id``, ``td``), None for any other."""
    m = _SIMPLE.fullmatch(selector)
    if not selector or m is None:
        return None
    tag, rest = m.group(1), m.group(2) or ""
    tests = [
        f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" if kind == "." else f"@id='{name}'"
        for kind, name in _PART.findall(rest)
    ]
    step = f"//{tag.lower() if tag else '*'}"
    return step + "".join(f"[{t}]" for t in tests)


def _select(root: etree._Element, paths: list[str]) -> list[etree._Element]:
    return cast(list[etree._Element], root.xpath(" | ".join(paths)))


def _text_size(elements: list[etree._Element]) -> int:
    return sum(len(t) for el in elements for t in cast(list[str], _TEXT(el)))

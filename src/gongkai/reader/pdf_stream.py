"""The glyphs PDFium's text layer leaves out, read from the page's content stream.

PDFium keeps a text object in its text layer only if the object has a width,
and it measures glyphs by their outlines. A font that is neither embedded nor
installed (STSong-Light and the other Adobe CJK fonts, on a server without
CJK fonts) has no outlines, so a text object of one such glyph — or a line of
them turned sideways, whose glyphs all start at one x — is dropped.

This module interprets the text operators of the page's content stream and
of the form XObjects it draws (``Do``: the form's stream, in its own resources
and matrix; text state, text and graphics matrices; path operators are
skipped unread) and returns, for the text objects named by their position
among the text objects of the page and its forms in drawing order, every
glyph with a box from the font's width table and descent — what pdfminer.six
would give, for a fraction of its time, because only the few text-state
operators are interpreted. Fonts are decoded by pdfminer.six (ToUnicode maps,
predefined CJK CMaps).

Anything this reader does not follow (a text object that starts elsewhere
than PDFium's of the same number) raises ``StreamMismatch``; the caller then
reads the page with pdfminer.six instead.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import LITERAL_FORM, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

Matrix = tuple[float, float, float, float, float, float]
Glyph = tuple[float, float, float, float, str, int]  # x0, y0, x1, y1 (user space), text, quarter turns

_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 6  # forms inside forms followed this deep (as the caller's count of PDFium's objects)
_TOKEN = re.compile(
    rb"(?P<space>\s+)|(?P<comment>%[^\r\n]*)|(?P<open>\()|<(?P<hex>[0-9A-Fa-f\s]*)>|(?P<dict><<|>>)"
    rb"|(?P<array>[\[\]])|/(?P<name>[^\s/\[\]()<>{}%]*)|(?P<number>[+-]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<op>[^\s/\[\]()<>{}%]+)"
)
_OPERAND = (
    rb"\s+|%[^\r\n]*|<<|>>|\[|\]|<[0-9A-Fa-f\s]*>|/[^\s/\[\]()<>{}%]*|[+-]?(?:\d+\.?\d*|\.\d+)"
    rb"|(?:true|false|null)(?![A-Za-z0-9*'\"])"
    rb"|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\))*\)"  # strings, nested 3 deep
)
_OPERANDS = re.compile(rb"(?:" + _OPERAND + rb")*+", re.S)
_OPERATION = re.compile(rb"(?P<args>(?:" + _OPERAND + rb")*+)(?P<op>[A-Za-z'\"*][A-Za-z0-9'\"*]*)", re.S)
_COMPOUND = re.compile(rb"[()<>\[\]%]")
_ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
_END_IMAGE = re.compile(rb"\sEI(?=\s|$)")
_SHOW = {b"Tj", b"TJ", b"'", b'"'}
_TEXT_OPS = frozenset(
    {
        b"Tf",
        b"Td",
        b"TD",
        b"Tm",
        b"cm",
        b"q",
        b"Q",
        b"BT",
        b"T*",
        b"Tc",
        b"Tw",
        b"Tz",
        b"TL",
        b"Ts",
        b"Do",
    }
    | _SHOW
)
_STATE = {b"Tc": "char_space", b"Tw": "word_space", b"Tz": "scale", b"TL": "leading", b"Ts": "rise"}


class StreamMismatch(Exception):
    """The content stream holds something this reader does not follow."""


def mult(m: Matrix, n: Matrix) -> Matrix:
    """The matrix product m × n (m applied first)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _literal(data: bytes, start: int) -> tuple[bytes, int]:
    """A literal string starting after its ``(`` → its bytes and the index after its ``)``."""
    out = bytearray()
    depth, i, n = 1, start, len(data)
    while i < n:
        ch = data[i]
        if ch == 0x5C and i + 1 < n:  # backslash
            nxt = data[i + 1]
            if 0x30 <= nxt <= 0x37:
                j = i + 1
                while j < n and j < i + 4 and 0x30 <= data[j] <= 0x37:
                    j += 1
                out.append(int(data[i + 1 : j], 8) & 0xFF)
                i = j
                continue
            if nxt in (10, 13):  # a line continuation
                i += 3 if nxt == 13 and i + 2 < n and data[i + 2] == 10 else 2
                continue
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        if ch == 0x28:
            depth += 1
        elif ch == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i + 1
        out.append(ch)
        i += 1
    return bytes(out), n


Operand = float | bytes | str | list["Operand"] | None


def _value(m: re.Match[bytes], data: bytes) -> tuple[Operand, int]:
    """The operand a token match stands for, and where the next token starts."""
    kind = m.lastgroup
    if kind == "open":
        return _literal(data, m.end())
    if kind == "hex":
        digits = re.sub(rb"\s", b"", m.group("hex"))
        return bytes.fromhex((digits + b"0" if len(digits) % 2 else digits).decode()), m.end()
    return m.group("name").decode("latin-1"), m.end()


def _operands(data: bytes) -> list[Operand]:
    """The operands before one operator: numbers, strings, names and arrays (dictionaries skipped)."""
    if not _COMPOUND.search(data):  # numbers and names only (Td, Tf, cm …): split on white space
        try:
            return [p[1:].decode("latin-1") if p[:1] == b"/" else float(p) for p in data.split()]
        except ValueError:
            pass
    stack: list[Operand] = []
    arrays: list[list[Operand]] = []
    pos, n = 0, len(data)
    match = _TOKEN.match
    while pos < n:
        m = match(data, pos)
        if m is None:
            pos += 1
            continue
        kind = m.lastgroup
        if kind == "number":
            pos = m.end()
            (arrays[-1] if arrays else stack).append(float(m.group(kind)))
        elif kind in ("space", "comment", "dict"):
            pos = m.end()
        elif kind == "array":
            pos = m.end()
            if m.group("array") == b"[":
                arrays.append([])
            elif arrays:
                done = arrays.pop()
                (arrays[-1] if arrays else stack).append(done)
        elif kind != "op":
            value, pos = _value(m, data)
            (arrays[-1] if arrays else stack).append(value)
        else:  # true / false / null
            pos = m.end()
            (arrays[-1] if arrays else stack).append(None)
    return stack


def operations(data: bytes, only: frozenset[bytes] | None = None) -> Iterator[tuple[bytes, list[Operand]]]:
    """(operator, operands) of a content stream, or of the operators in ``only``; inline images jumped over.

    The regular expression steps over whole operations, so the operands of the
    operators left out (paths: most of a table's page) are never parsed.
    """
    pos, n = 0, len(data)
    while pos < n:
        m = _OPERATION.match(data, pos)
        if m is None:  # a byte no operation holds: step over it and the operands before it
            pos = _OPERANDS.match(data, pos).end()  # type: ignore[union-attr]
            if data[pos : pos + 1] == b"(":  # a string left open (or nested deeper): to its end at once
                pos = _literal(data, pos + 1)[1]
            else:
                pos += 1
            continue
        pos = m.end()
        op = m.group("op")
        if op == b"ID":  # inline image data: binary up to EI
            end = _END_IMAGE.search(data, pos)
            pos = end.end() if end else n
        elif only is None or op in only:
            yield op, _operands(m.group("args"))


_TextState = tuple[PDFFont | None, float, float, float, float, float, float]


class PageStreams:
    """The pages of one PDF as pdfminer.six sees them, opened once when the first lost glyph asks."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pages: list[PDFPage] | None = None
        self.manager = PDFResourceManager(caching=True)

    def glyphs(self, index: int, wanted: dict[int, tuple[float, float]]) -> list[Glyph]:
        """Glyphs of the text objects numbered ``wanted`` (0-based, among those of the page and its forms).

        ``wanted`` maps each to its origin in user space as PDFium places it: a
        text object of the stream that starts elsewhere means the two count
        differently, and raises ``StreamMismatch``. Reading stops after the last.
        """
        if self.pages is None:
            self.pages = list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(self.data)))))
        page = self.pages[index]
        contents = page.contents if isinstance(page.contents, list) else [page.contents]
        data = b"\n".join(resolve1(s).get_data() for s in contents)
        reader = _TextReader(self.manager, wanted)
        if reader.run(data, resolve1(page.resources) or {}, 0):
            return reader.out
        raise StreamMismatch(f"{reader.count} text objects in the stream, PDFium has more")


class _TextReader:
    """The text state machine of a content stream (ISO 32000 §9.3, §9.4)."""

    def __init__(self, manager: PDFResourceManager, wanted: dict[int, tuple[float, float]]) -> None:
        self.manager, self.wanted, self.last = manager, wanted, max(wanted)
        self.resources: dict[str, object] = {}
        self.fonts: dict[str, object] = {}  # the resources' fonts
        self.loaded: dict[tuple[int, str], PDFFont | None] = {}  # by font dictionary and name
        self.ctm: Matrix = _IDENTITY
        self.stack: list[tuple[Matrix, _TextState]] = []
        self.tm: Matrix = _IDENTITY
        self.tlm: Matrix = _IDENTITY
        self.font: PDFFont | None = None
        self.size = self.char_space = self.word_space = self.leading = self.rise = 0.0
        self.scale = 1.0
        self.count = 0
        self.out: list[Glyph] = []

    def run(self, data: bytes, resources: dict[str, object], depth: int) -> bool:
        """Interpret a content stream in its resources; True once the last wanted text object is read."""
        outer = self.resources, self.fonts
        self.resources, self.fonts = resources, resolve1(resources.get("Font")) or {}
        try:
            for op, args in operations(data, _TEXT_OPS):
                if op != b"Do":
                    self.do(op, args)
                elif args and isinstance(args[-1], str) and self._form(args[-1], depth):
                    return True
                if self.count > self.last:
                    return True
            return False
        finally:
            self.resources, self.fonts = outer

    def _form(self, name: str, depth: int) -> bool:
        """A form XObject drawn by ``Do``: its stream in its own matrix and resources (ISO 32000 §8.10)."""
        xobject = resolve1((resolve1(self.resources.get("XObject")) or {}).get(name))
        if depth >= MAX_FORM_DEPTH or not isinstance(xobject, PDFStream):
            return False
        if xobject.get("Subtype") is not LITERAL_FORM:
            return False  # an image
        matrix = [resolve1(v) for v in resolve1(xobject.get("Matrix")) or _IDENTITY]
        self._simple(b"q")
        if len(matrix) == 6 and all(isinstance(v, int | float) for v in matrix):
            self.ctm = mult((matrix[0], matrix[1], matrix[2], matrix[3], matrix[4], matrix[5]), self.ctm)
        resources = resolve1(xobject.get("Resources")) or self.resources  # none: the page's (PDF 1.1)
        found = self.run(xobject.get_data(), resources, depth + 1)
        self._simple(b"Q")
        return found

    def _state(self) -> _TextState:
        return (self.font, self.size, self.char_space, self.word_space, self.leading, self.rise, self.scale)

    def do(self, op: bytes, args: list[Operand]) -> None:
        if op not in _TEXT_OPS:
            return
        if op in _SHOW:
            self._show(op, args)
            return
        nums = [a for a in args if isinstance(a, float)]
        if op == b"Tf" and len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], float):
            self.font, self.size = self._font(args[0]), args[1]
        elif op in (b"Td", b"TD") and len(nums) == 2:
            if op == b"TD":
                self.leading = -nums[1]
            self.tm = self.tlm = mult((1.0, 0.0, 0.0, 1.0, nums[0], nums[1]), self.tlm)
        elif op in (b"Tm", b"cm") and len(nums) == 6:
            if op == b"Tm":
                self.tm = self.tlm = (nums[0], nums[1], nums[2], nums[3], nums[4], nums[5])
            else:
                self.ctm = mult((nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]), self.ctm)
        elif op in _STATE and nums:
            setattr(self, _STATE[op], nums[0] / 100 if op == b"Tz" else nums[0])
        else:
            self._simple(op)

    def _simple(self, op: bytes) -> None:
        """The operators without operands: q, Q, BT, T*."""
        if op == b"q":
            self.stack.append((self.ctm, self._state()))
        elif op == b"Q" and self.stack:
            self.ctm, state = self.stack.pop()
            self.font, self.size, self.char_space, self.word_space, self.leading, self.rise, self.scale = (
                state
            )
        elif op == b"BT":
            self.tm = self.tlm = _IDENTITY
        elif op == b"T*":
            self._next_line()

    def _next_line(self) -> None:
        self.tm = self.tlm = mult((1.0, 0.0, 0.0, 1.0, 0.0, -self.leading), self.tlm)

    def _font(self, name: str) -> PDFFont | None:
        key = (id(self.fonts), name)
        if key not in self.loaded:
            spec = self.fonts.get(name)
            objid = spec.objid if isinstance(spec, PDFObjRef) else None
            self.loaded[key] = None if spec is None else self.manager.get_font(objid, resolve1(spec))
        return self.loaded[key]

    def _show(self, op: bytes, args: list[Operand]) -> None:
        if op == b"'":
            self._next_line()
        elif op == b'"' and len(args) == 3 and isinstance(args[0], float) and isinstance(args[1], float):
            self.word_space, self.char_space = args[0], args[1]
            self._next_line()
        items = args[-1] if op == b"TJ" and args and isinstance(args[-1], list) else args[-1:]
        if not any(isinstance(s, bytes) and s for s in items):
            return  # PDFium makes no text object of empty strings
        origin = self.wanted.get(self.count)
        keep = origin is not None
        self.count += 1
        font = self.font
        if font is None:
            raise StreamMismatch("text shown without a font")
        for item in items:
            if isinstance(item, float):
                self._advance(-item / 1000 * self.size * self.scale)
            elif isinstance(item, bytes):
                if origin is not None:
                    self._check(origin)
                    origin = None
                for cid in font.decode(item):
                    width = font.char_width(cid)
                    if keep:
                        self._glyph(font, cid, width)
                    space = self.word_space if cid == 32 and not font.is_multibyte() else 0.0
                    self._advance((width * self.size + self.char_space + space) * self.scale)

    def _check(self, origin: tuple[float, float]) -> None:
        """The text object about to be shown starts where PDFium's of this number does."""
        _, _, _, _, e, f = mult(mult((1.0, 0.0, 0.0, 1.0, 0.0, self.rise), self.tm), self.ctm)
        if abs(e - origin[0]) > 0.5 or abs(f - origin[1]) > 0.5:
            raise StreamMismatch(f"text object {self.count - 1} starts at {(e, f)}, in PDFium at {origin}")

    def _advance(self, tx: float) -> None:
        a, b, c, d, e, f = self.tm
        self.tm = (a, b, c, d, e + tx * a, f + tx * b)

    def _glyph(self, font: PDFFont, cid: int, width: float) -> None:
        """A glyph's box in user space: its advance across, one em up from the font's descent."""
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            return
        if len(text) != 1 or text.isspace() or not text.isprintable():
            return
        descent = font.get_descent()
        trm = mult(mult((self.size * self.scale, 0.0, 0.0, self.size, 0.0, self.rise), self.tm), self.ctm)
        a, b, c, d, e, f = trm
        corners = [
            (u * a + v * c + e, u * b + v * d + f) for u in (0.0, width) for v in (descent, descent + 1.0)
        ]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        quarter = round(math.atan2(b, a) / (math.pi / 2)) % 4
        self.out.append((min(xs), min(ys), max(xs), max(ys), text, quarter))

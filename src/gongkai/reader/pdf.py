"""PDF front end: a text-layer PDF → paragraphs and grids, page by page.

Given PDF bytes, return blocks. Characters (with their boxes and font sizes)
and ruling edges come from PDFium through pypdfium2 — the engine pdfplumber
itself ships for rendering — because pdfminer.six, which pdfplumber reads
with, needs about 200 ms for a page of CID-font Chinese, twenty times this
reader's budget. Glyphs PDFium leaves out (fonts neither embedded nor
installed) are read from the content stream by ``pdf_stream``. The geometry
lives in ``pdf_layout``: ruled tables from the page's edges (merges where a
border is missing), unruled tables from runs of lines laid out in columns, and
every other line a ``Paragraph``.

A page is read in the frame where most of its text runs left to right, so a
page with /Rotate and a wide table printed sideways read like upright pages;
lines running another way are kept as paragraphs. Provenance boxes are given
on the page as a viewer shows it (top-down points, /Rotate applied).

A table that runs off the bottom of a page and goes on at the top of the next
(the same columns, a repeated header or not) becomes ONE ``Grid``: repeated
header rows are dropped, a merged cell cut by the page break is continued, and
a row the break cuts (the rest of its label at the top of the next page) is
mended. Each cell keeps its own page and bbox. Page numbers in the margins are
dropped, and so are those stamped a little higher, over a table's last rows
(one stamped over a value in a size of its own leaves the value).

No text layer at all raises ``OcrNeededError``; a page that is a scanned
image, or whose text cannot be decoded, among pages that can be read is left
out and named by a ``pages-need-ocr`` finding. A scanned page may carry a line
of real text (a header, a stamp's caption, a page number); text that cannot be
decoded may print as real Han characters (a font's Unicode map that is wrong),
which tells itself by how few of them are common ones.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import dataclasses
import functools
import io
import math
import re
import statistics
from dataclasses import dataclass
from typing import NamedTuple

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..checks.catalogue import Text
from ..errors import OcrNeededError, UnreadableDocumentError
from ..model import Finding, Provenance
from .blocks import Block, Grid, GridCell, Paragraph
from .findings import finding
from .pdf_layout import (
    FINE_GAP,
    WIDE_GAP,
    Box,
    Char,
    Column,
    Edge,
    Line,
    RuledTable,
    box_of,
    cell_text,
    column_of,
    is_number,
    is_row_label,
    lines_of,
    ruled_tables,
    run_columns,
    run_rows,
    table_runs,
    text_of,
)
from .pdf_stream import MAX_FORM_DEPTH, Matrix, PageStreams, mult

MAX_PAGES = 300  # an annual report runs to a few dozen pages
_BAD_CODEPOINTS = frozenset((0, 0xFFFD, 0xFFFE, 0xFFFF))
_FURNITURE = re.compile(r"^[-—–－\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*[/／共]\s*\d+\s*页?)?[-—–－\s]*$")
_MARGIN_SHARE = 0.08  # top and bottom 8% of a page: where page numbers live
# a page number no table cell or line of prose reads like, wherever it stands in the top or bottom
# 15% of a page: stamped on by a publishing system, it may fall inside a table's last rows
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]+\s*\d+\s*[-—–－]+|第\s*\d+\s*页(?:\s*[,，/／]?\s*共\s*\d+\s*页)?"
    r"|共\s*\d+\s*页\s*[,，/／]?\s*第\s*\d+\s*页|\d+\s*[/／]\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$",
    re.IGNORECASE,
)
_STAMP_SHARE = 0.15
_SCAN_SHARE = 0.5  # images covering half a page with next to no text: a scanned page
_SCAN_CHARS = 20
_SCAN_TEXT_SHARE = 0.02  # a page of text covers a quarter of it with character boxes; a header line 1%
_QUARTER = math.pi / 2
# Latin-1 letters and signs a Chinese report never holds but GBK bytes read as Latin-1 do (乱码);
# ° · × ÷ are left out: reports use them
_MOJIBAKE = frozenset(chr(c) for c in range(0xA1, 0x100)) - frozenset("°·×÷")
# The 500 most frequent characters of modern Chinese, and the traditional forms of those that have one.
# Three in four Han characters of a report are among them; when a font's Unicode map is wrong (a
# consistent substitution, code points shifted) about one in ten is.
_COMMON_HAN = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所"
    "民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想"
    "已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权"
    "收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集"
    "温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支"
    "般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严"
    "並來們備傳價兒內兩別則劃動務勞區卻參員問單嚴國圓圖團報場壓學實寫將專對導層屬帶幹幾廠廣張強後從復應戰採據數斷於時書會東條"
    "業極構標樣機權歷氣決沒況準溫滿濟為無熱爭狀現產當發眾確礦種稱積箇節約紅級細組結給統經維線縣總織義習聯聲聽與華萬著處號術裝"
    "裡見規親觀計記設許話該認說調論證識議變資質車軍較轉辦農這連進運過達適選還邊鐵長門開間關隊階際離難電響須領頭題類風養馬驗體"
    "鬥麼點黨齣"
)
_JUDGED_HAN = 30  # Han characters enough to judge a text by its share of common ones
_COMMON_SHARE = 0.3
_LINE_HAN = 4  # enough to judge a line
_ASTRAY_SHARE = 1 / 3  # of a page's Han characters on lines that make no Chinese (in reports: under 1%)


@dataclass
class _Page:
    number: int  # 1-based
    width: float
    height: float
    chars: list[Char]
    h_edges: list[Edge]
    v_edges: list[Edge]
    unmapped: int  # glyphs without a Unicode value (or private-use and control characters)
    image_share: float  # share of the page covered by images
    # lines running another way: text, box, and whether they stand before the page's main text
    aside: list[tuple[str, Box, bool]] = dataclasses.field(default_factory=list)
    to_display: int = 0  # quarter turns clockwise from the reading frame to the page as shown

    @functools.cached_property
    def letters(self) -> _Letters:
        kinds = [_kind(c[4]) for c in self.chars]
        counts = collections.Counter(kinds)
        lines: dict[int, list[int]] = {}  # by baseline: Han characters, common ones
        for c, kind in zip(self.chars, kinds, strict=True):
            if kind in (_COMMON, _RARE):
                line = lines.setdefault(int(c[3]), [0, 0])
                line[0] += 1
                line[1] += kind == _COMMON
        astray = sum(han for han, common in lines.values() if _not_chinese(han, common, _LINE_HAN))
        garbage, common = counts[_GARBAGE], counts[_COMMON]
        return _Letters(
            self.unmapped + garbage, len(self.chars) - garbage, common + counts[_RARE], common, astray
        )

    @property
    def scanned(self) -> bool:
        """Mostly image, and next to no text: a few characters, or a line or two (a header, a stamp)."""
        if self.image_share < _SCAN_SHARE:
            return False
        inked = sum((c[2] - c[0]) * (c[3] - c[1]) for c in self.chars)
        return len(self.chars) < _SCAN_CHARS or inked < _SCAN_TEXT_SHARE * self.width * self.height


class _Letters(NamedTuple):
    """What a page's characters are made of, to tell text that cannot be decoded."""

    garbage: int  # glyphs without Unicode, and characters of scripts a Chinese report does not use
    other: int  # every other character
    han: int
    common: int  # Han characters among the common ones
    astray: int  # Han characters on lines whose own Han characters make no Chinese (a table in a bad font)


_OTHER, _COMMON, _RARE, _GARBAGE = range(4)
# scripts of China's minority languages: a bilingual page is not garbage
_MINORITY = ((0x0600, 0x0700), (0x0F00, 0x1000), (0x1100, 0x1200), (0x1800, 0x18B0))


@functools.cache
def _kind(ch: str) -> int:
    """A common Han character, another Han character, garbage, or another character.

    Garbage: GBK bytes shown as Latin-1 letters, and the scripts character ids
    land in when a font's codes are shown as Unicode (Latin extensions, Greek,
    Cyrillic, Armenian, Hebrew, Indic, kana …); the punctuation and symbols
    from U+2000 on are Chinese typesetting's own.
    """
    if ch in _COMMON_HAN:
        return _COMMON
    code = ord(ch)
    if 0x3400 <= code < 0xA000 or 0xF900 <= code < 0xFB00 or code >= 0x20000:
        return _RARE
    if ch in _MOJIBAKE:
        return _GARBAGE
    foreign = 0x100 <= code < 0x2000 or 0x3041 <= code < 0x30FB  # up to Greek Extended; kana
    if foreign and not any(a <= code < b for a, b in _MINORITY):
        return _GARBAGE
    return _OTHER


def _not_chinese(han: int, common: int, enough: int = _JUDGED_HAN) -> bool:
    """Enough Han characters, few of them common: a font's wrong Unicode map, not Chinese text."""
    return han >= enough and common < _COMMON_SHARE * han


def _garbled(pages: list[_Page]) -> list[int]:
    """Pages whose text cannot be decoded: mostly garbage, or Han characters that make no Chinese.

    A page with too few Han characters to judge by themselves goes with the
    document's text as a whole, if its own few are as uncommon. A page whose
    text is Chinese in part (prose in one font, a table in another that does
    not decode) counts too: what cannot be read on it needs OCR.
    """
    whole = _not_chinese(sum(p.letters.han for p in pages), sum(p.letters.common for p in pages))
    out = []
    for page in pages:
        garbage, other, han, common, astray = page.letters
        like_whole = whole and common < _COMMON_SHARE * han
        in_part = han >= _JUDGED_HAN and astray >= _ASTRAY_SHARE * han
        if garbage > other or _not_chinese(han, common) or like_whole or in_part:
            out.append(page.number)
    return out


class PdfRead(NamedTuple):
    """What the PDF front end hands on: the blocks, and what it has to say about the pages."""

    blocks: list[Block]
    findings: list[Finding]


def pdf_blocks(data: bytes) -> list[Block]:
    """Blocks of a text-layer PDF."""
    return pdf_read(data).blocks


def pdf_read(data: bytes) -> PdfRead:
    """Blocks of a text-layer PDF, and a finding naming the pages that need OCR first."""
    pages = _extract(data)
    garbled = _garbled(pages)
    scanned = [p.number for p in pages if p.scanned and p.number not in garbled]
    readable = [p for p in pages if p.chars and not p.scanned and p.number not in garbled]
    if not readable:
        raise OcrNeededError(
            "该 PDF 的文字无法解码（字体缺少正确的 Unicode 映射，提取出的不是有意义的中文），需要先做 OCR / "
            "this PDF's text cannot be decoded (fonts without a correct Unicode map): run OCR first"
            if garbled
            else "该 PDF 没有可读的文字层（扫描件），需要先做 OCR / "
            "this PDF has no text layer to read (a scan): run OCR first"
        )
    placed: list[_Placed] = []
    for page in readable:
        placed.extend(_page_items(page))
    blocks = _as_shown(_assemble(_join_across_pages(placed)), readable)
    findings = []
    if scanned or garbled:
        findings.append(_ocr_finding(scanned, garbled, any(isinstance(b, Grid) for b in blocks)))
    return PdfRead(blocks, findings)


def _ocr_finding(scanned: list[int], garbled: list[int], tables_read: bool) -> Finding:
    why_zh, why_en = [], []
    if scanned:
        why_zh.append(f"第 {_page_list(scanned)} 页是扫描图像（几乎没有文字层）")
        why_en.append(f"page(s) {', '.join(map(str, scanned))} are scanned images (next to no text layer)")
    if garbled:
        why_zh.append(f"第 {_page_list(garbled)} 页的文字无法解码（字体缺少正确的 Unicode 映射）")
        why_en.append(f"the text of page(s) {', '.join(map(str, garbled))} cannot be decoded")
    tables = (
        Text("", "")
        if tables_read
        else Text(
            "；其余页中没有表格，统计表很可能就在这些页上",
            "; the other pages hold no table, so the statistics tables are most likely on these pages",
        )
    )
    return finding(
        "pages-need-ocr",
        extra={"pages": sorted(scanned + garbled)},
        why=Text("，".join(why_zh), "; ".join(why_en)),
        tables=tables,
    )


def _page_list(numbers: list[int]) -> str:
    return "、".join(map(str, numbers))


# -- extraction (PDFium) ---------------------------------------------------------------------


def _extract(data: bytes) -> list[_Page]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocumentError(
            f"PDF 无法打开（损坏或加密）/ cannot open this PDF (damaged or encrypted): {exc}"
        ) from exc
    sources = _Sources(data)
    try:
        n = len(document)
        if n > MAX_PAGES:
            raise UnreadableDocumentError(
                f"PDF 有 {n} 页，不像一份年度报告 / this PDF has {n} pages: too many for an annual report"
            )
        pages = []
        previous: pdfium.PdfPage | None = None
        try:
            for i in range(n):
                page = document[i]
                pages.append(_read_page(page, i + 1, sources))
                if previous is not None:  # closing a page only after the next one is loaded keeps
                    previous.close()  # the fonts they share loaded (a third off for CJK fonts)
                previous = page
        finally:
            if previous is not None:
                previous.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise UnreadableDocumentError(f"PDF 页面无法读取 / cannot read a page of this PDF: {exc}") from exc
    finally:
        sources.pdfminer.close()
        document.close()


def _read_page(page: pdfium.PdfPage, number: int, sources: _Sources) -> _Page:
    left, bottom, right, top = page.get_mediabox()
    width, height = right - left, top - bottom
    objects = _Objects((left, top))
    objects.scan(page.raw, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
    textpage = page.get_textpage()
    try:
        chars, quarters, unmapped = _chars(textpage.raw, left, top, objects.turned)
    finally:
        textpage.close()
    rotation = pdfium_c.FPDFPage_GetRotation(page.raw) % 4
    if objects.lost:
        try:
            glyphs = sources.streams.glyphs(number - 1, objects.lost)
        except Exception as exc:  # StreamMismatch, and the many types pdfminer raises on damaged files
            shown, turns = sources.pdfminer.chars(number - 1, exc)  # pdfminer turns the page as shown
            chars = _turn_chars(shown, -rotation % 4, *_turned_size(rotation, width, height))
            quarters, unmapped = [(q + rotation) % 4 for q in turns], 0
        else:
            for x0, y0, x1, y1, text, quarter in glyphs:
                chars.append((x0 - left, top - y1, x1 - left, top - y0, text, y1 - y0))
                quarters.append(quarter)
    share = min(1.0, objects.image_area / max(width * height, 1.0))
    return _oriented(number, (width, height), rotation, chars, quarters, objects.segments, unmapped, share)


# -- turning a page ----------------------------------------------------------------------------
#
# Coordinates are top-down points of a w × h frame. Turning the frame clockwise by a quarter
# takes (x, t) to (h - t, x): text that runs up the page (turned a quarter anticlockwise, as a
# wide table printed sideways) then runs left to right. A page is read in the frame where most
# of its characters run left to right; provenance is given in the frame a viewer shows (the
# page's /Rotate applied).


def _turn_point(x: float, t: float, quarters: int, w: float, h: float) -> tuple[float, float]:
    if quarters == 1:
        return h - t, x
    if quarters == 2:
        return w - x, h - t
    if quarters == 3:
        return t, w - x
    return x, t


def _turn_box(box: Box, quarters: int, w: float, h: float) -> Box:
    (a, b), (c, d) = _turn_point(box[0], box[1], quarters, w, h), _turn_point(box[2], box[3], quarters, w, h)
    return (min(a, c), min(b, d), max(a, c), max(b, d))


def _turned_size(quarters: int, w: float, h: float) -> tuple[float, float]:
    return (w, h) if quarters % 2 == 0 else (h, w)


def _turn_chars(chars: list[Char], quarters: int, w: float, h: float) -> list[Char]:
    if quarters == 0:
        return chars
    out: list[Char] = []
    for ch in chars:
        x0, t0, x1, t1 = _turn_box((ch[0], ch[1], ch[2], ch[3]), quarters, w, h)
        out.append((x0, t0, x1, t1, ch[4], t1 - t0))
    return out


def _oriented(
    number: int,
    size: tuple[float, float],
    rotation: int,
    chars: list[Char],
    quarters: list[int] | None,
    segments: list[tuple[float, float, float, float]],
    unmapped: int,
    image_share: float,
) -> _Page:
    """The page in its reading frame: characters, edges, and lines of other directions set aside."""
    w, h = size
    main = collections.Counter(quarters).most_common(1)[0][0] if quarters else 0
    aside: list[tuple[str, Box, bool]] = []
    if quarters and any(q != main for q in quarters):
        groups: dict[int, list[Char]] = {}
        for ch, q in zip(chars, quarters, strict=True):
            groups.setdefault(q, []).append(ch)
        chars = groups.pop(main)
        level = _shown_middle(chars, rotation, w, h)
        for q, group in groups.items():
            own = _turned_size(q, w, h)
            before = _shown_middle(group, rotation, w, h) < level  # above the page's main text, as shown
            for line in lines_of(_turn_chars(group, q, w, h)):
                aside.append((line.text(), _turn_box(line.box, (main - q) % 4, *own), before))
    fw, fh = _turned_size(main, w, h)
    h_edges: list[Edge] = []
    v_edges: list[Edge] = []
    for x0, t0, x1, t1 in segments:
        (x0, t0), (x1, t1) = _turn_point(x0, t0, main, w, h), _turn_point(x1, t1, main, w, h)
        if abs(t0 - t1) < 0.5 and abs(x1 - x0) >= 1.0:
            h_edges.append(((t0 + t1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) < 0.5 and abs(t1 - t0) >= 1.0:
            v_edges.append(((x0 + x1) / 2, min(t0, t1), max(t0, t1)))
    page = _Page(number, fw, fh, _turn_chars(chars, main, w, h), h_edges, v_edges, unmapped, image_share)
    page.aside = aside
    page.to_display = (rotation - main) % 4
    return page


def _shown_middle(chars: list[Char], rotation: int, w: float, h: float) -> float:
    """How far down the page as shown characters stand, on average."""
    return statistics.fmean((c[1] + c[3]) / 2 for c in _turn_chars(chars, rotation, w, h))


class _Sources:
    """Where a page's missing glyphs are read from: the content stream, else pdfminer.six."""

    def __init__(self, data: bytes) -> None:
        self.streams = PageStreams(data)
        self.pdfminer = _PdfminerPages(data)


class _PdfminerPages:
    """pdfplumber (pdfminer.six) characters, for a page whose missing glyphs ``pdf_stream`` cannot place.

    pdfminer sizes glyphs from the PDF's own width tables, as ``pdf_stream``
    does, but interprets the whole page (paths too): about 0.3 s a page.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pdf: pdfplumber.pdf.PDF | None = None

    def chars(self, index: int, why: Exception) -> tuple[list[Char], list[int]]:
        try:
            if self.pdf is None:
                self.pdf = pdfplumber.open(io.BytesIO(self.data))
            raw = self.pdf.pages[index].chars
        except Exception as exc:  # pdfminer raises many unrelated types on damaged files
            raise UnreadableDocumentError(
                f"PDF 第 {index + 1} 页无法读取 / cannot read page {index + 1}: {exc} ({why})"
            ) from exc
        out: list[Char] = []
        quarters: list[int] = []
        seen: set[tuple[str, int, int]] = set()
        for c in raw:
            text = str(c["text"])
            if len(text) != 1 or text.isspace() or not text.isprintable():
                continue
            key = (text, round(c["x0"]), round(c["top"]))
            if key not in seen:
                seen.add(key)
                out.append((c["x0"], c["top"], c["x1"], c["bottom"], text, c["bottom"] - c["top"]))
                a, b = c["matrix"][:2]
                quarters.append(round(math.atan2(b, a) / _QUARTER) % 4)
        return out, quarters

    def close(self) -> None:
        if self.pdf is not None:
            # pdfplumber's close() walks the pages again, and a damaged page raises again;
            # the file is an in-memory buffer, so there is nothing left to release
            with contextlib.suppress(Exception):
                self.pdf.close()


def _chars(
    textpage: ctypes.c_void_p, left: float, top: float, turned: bool
) -> tuple[list[Char], list[int], int]:
    """Visible characters with loose boxes (top-down), their directions, and the count of unmapped glyphs.

    The "font size" of a character is its loose box's height (ascent to descent):
    every threshold downstream is a multiple of it, and it costs no extra call.
    A character's direction (quarter turns anticlockwise) is asked only on a
    page with turned text objects.
    """
    rect = pdfium_c.FS_RECTF()
    get_unicode, get_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    get_angle = pdfium_c.FPDFText_GetCharAngle
    chars: list[Char] = []
    quarters: list[int] = []
    seen: set[tuple[str, int, int]] = set()
    unmapped = 0
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = get_unicode(textpage, i)
        if code in _BAD_CODEPOINTS or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            unmapped += 1
            continue
        ch = chr(code)
        if ch.isspace():
            continue  # spaces, and the line breaks PDFium generates itself
        if not ch.isprintable():  # private-use and control characters: a font without a Unicode map
            unmapped += 1
            continue
        if not get_box(textpage, i, rect):
            continue
        x0, y0, y1 = rect.left - left, top - rect.top, top - rect.bottom
        key = (ch, int(x0), int(y0))
        if key in seen:  # fake bold: the same glyph painted twice, slightly offset
            continue
        seen.add(key)
        chars.append((x0, y0, rect.right - left, y1, ch, y1 - y0))
        if turned:  # PDFium's angle runs clockwise
            quarters.append(-round(get_angle(textpage, i) / _QUARTER) % 4)
    return chars, (quarters if turned else [0] * len(chars)), unmapped


class _Objects:
    """One pass over a page's objects (and form XObjects).

    It collects ruling segments (top-down, unturned), the area images cover,
    whether any text is turned, and the text objects PDFium leaves out of its
    text layer (by their number among the text objects of the page and its
    forms, in drawing order: forms are entered where they are drawn).
    """

    def __init__(self, origin: tuple[float, float]) -> None:
        self.left, self.top = origin
        self.segments: list[tuple[float, float, float, float]] = []
        self.texts = 0  # text objects so far
        self.lost: dict[int, tuple[float, float]] = {}  # number → origin (user space)
        self.turned = False
        self.image_area = 0.0

    def scan(self, container: ctypes.c_void_p, matrix: Matrix, depth: int) -> None:
        if depth == 0:
            count, get = pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
        else:
            count, get = pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject
        m = pdfium_c.FS_MATRIX()
        for i in range(count(container)):
            obj = get(container, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                lost = _left_out(obj)
                if (lost or not self.turned) and pdfium_c.FPDFPageObj_GetMatrix(obj, m):
                    own = mult((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
                    self.turned = self.turned or abs(own[1]) > abs(own[0]) or own[0] < 0
                    if lost:
                        self.lost[self.texts] = (own[4], own[5])
                self.texts += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                self.image_area += _area(obj, matrix)
            elif kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
                if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
                    continue
                own = mult((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
                if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                    self._path(obj, own)
                elif depth < MAX_FORM_DEPTH:
                    self.scan(obj, own, depth + 1)

    def _path(self, obj: ctypes.c_void_p, matrix: Matrix) -> None:
        a, b, c, d, e, f = matrix
        x, y = ctypes.c_float(), ctypes.c_float()
        last: tuple[float, float] | None = None
        start: tuple[float, float] | None = None
        segments = self.segments
        for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
                continue
            px, py = x.value * a + y.value * c + e, x.value * b + y.value * d + f
            point = (px - self.left, self.top - py)
            if pdfium_c.FPDFPathSegment_GetType(seg) == pdfium_c.FPDF_SEGMENT_LINETO and last is not None:
                segments.append((*last, *point))
            elif pdfium_c.FPDFPathSegment_GetType(seg) == pdfium_c.FPDF_SEGMENT_MOVETO or last is None:
                start = point
            last = point  # a curve's end point: curves are never borders
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                segments.append((*point, *start))
                last = start


def _area(obj: ctypes.c_void_p, matrix: Matrix) -> float:
    """The area an object covers on the page (its bounds are in its container's space)."""
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return 0.0
    a, b, c, d, _, _ = matrix
    return abs((right.value - left.value) * (top.value - bottom.value) * (a * d - b * c))


def _left_out(obj: ctypes.c_void_p) -> bool:
    """A text object PDFium drops from its text layer: no width, in a font that is not embedded.

    One glyph without an outline has no width; nor has a line of them turned
    sideways, all its glyphs starting at one x.
    """
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return False
    if right.value - left.value > 0.01:
        return False
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    return bool(font) and not pdfium_c.FPDFFont_GetIsEmbedded(font)


# -- one page ----------------------------------------------------------------------------------


@dataclass
class _Placed:
    """A page item before assembly: a prose line, a ruled table or an unruled run."""

    page: int
    top: float
    bottom: float
    line: Line | None = None
    ruled: RuledTable | None = None
    run: list[list[Line]] | None = None  # one list of lines per page the run spans
    pages: tuple[int, ...] = ()  # the page of each part of ``run``
    grid: Grid | None = None
    aside: tuple[str, Box] | None = None  # a line running another way than the page (text, box)


def _page_items(page: _Page) -> list[_Placed]:
    tables = ruled_tables(page.h_edges, page.v_edges)
    loose: list[Char] = []
    for ch in _without_page_numbers(page):
        if not any(t.take(ch) for t in tables):
            loose.append(ch)
    items = [_Placed(page.number, t.ys[0], t.ys[-1], ruled=t) for t in tables]
    lines = [line for line in lines_of(loose) if not _is_furniture(line, page)]
    for piece in table_runs(lines):
        if isinstance(piece, Line):
            box = piece.box
            items.append(_Placed(page.number, box[1], box[3], line=piece))
        else:
            items.append(
                _Placed(page.number, piece[0].box[1], piece[-1].box[3], run=[piece], pages=(page.number,))
            )
    for text, box, before in page.aside:  # the sort keeps their order
        if not _FURNITURE.match(text):
            at = -math.inf if before else math.inf
            items.append(_Placed(page.number, at, at, aside=(text, box)))
    items.sort(key=lambda item: item.top)
    for item in items:
        if item.ruled is not None:
            item.grid = _ruled_grid(item.ruled, page.number)
    return items


def _without_page_numbers(page: _Page) -> list[Char]:
    """The page's characters without a page number near its top or bottom, even one over a table."""
    low, high = page.height * _STAMP_SHARE, page.height * (1 - _STAMP_SHARE)
    near_edge = [c for c in page.chars if c[3] < low or c[1] > high]
    if not any(c[4].isdigit() for c in near_edge):
        return page.chars
    # By value, not id(): the compiled reader unboxes a Char tuple, so its identity does not last.
    stamped: set[Char] = set()
    for line in lines_of(near_edge):
        for seg in line.segments(WIDE_GAP):
            stamped.update(_stamp_of(seg))
    return [c for c in page.chars if c not in stamped] if stamped else page.chars


def _stamp_of(seg: list[Char]) -> list[Char]:
    """The characters of a page number in a run of characters: all of them, or — a number stamped
    over a table's value in a size of its own — the characters of that size, which alone read as one."""
    sizes = {round(c[5], 1) for c in seg}
    if len(sizes) > 1:
        for size in sizes:
            layer = [c for c in seg if round(c[5], 1) == size]
            rest = [c for c in seg if round(c[5], 1) != size]
            if _PAGE_NUMBER.match(text_of(layer)) and _overlap(layer, rest):
                return layer
    return seg if _PAGE_NUMBER.match(text_of(seg)) else []


def _overlap(a: list[Char], b: list[Char]) -> bool:
    """Whether two runs of characters share some of their width (one printed over the other)."""
    return min(c[0] for c in a) < max(c[2] for c in b) and min(c[0] for c in b) < max(c[2] for c in a)


def _is_furniture(line: Line, page: _Page) -> bool:
    box = line.box
    in_margin = box[3] < page.height * _MARGIN_SHARE or box[1] > page.height * (1 - _MARGIN_SHARE)
    return in_margin and bool(_FURNITURE.match(line.text()))


def _ruled_grid(table: RuledTable, page: int) -> Grid:
    """A ruled table → a Grid; a merged area's text sits on its top-left position."""
    areas: dict[tuple[int, int], list[int]] = {}
    for r, row in enumerate(table.anchor):
        for c, a in enumerate(row):
            box = areas.setdefault(a, [c, r, c, r])
            box[2], box[3] = max(box[2], c), max(box[3], r)
    cells: dict[tuple[int, int], GridCell] = {}
    for (r, c), (c0, r0, c1, r1) in areas.items():
        bbox = (table.xs[c0], table.ys[r0], table.xs[c1 + 1], table.ys[r1 + 1])
        text = cell_text(table.chars.get((r, c), []))
        cells[(r, c)] = GridCell(text, _prov(page, bbox), rowspan=r1 - r0 + 1, colspan=c1 - c0 + 1)
    rows = []
    for r, row in enumerate(table.anchor):
        out = []
        for c, a in enumerate(row):
            anchor = cells[a]
            out.append(anchor if a == (r, c) else GridCell(anchor.text, anchor.provenance, origin=a))
        rows.append(out)
    return Grid(rows, Provenance("pdf", page=page, bbox=table.box))


def _prov(page: int, bbox: Box) -> Provenance:
    x0, top, x1, bottom = bbox
    return Provenance("pdf", page=page, bbox=(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))


def _run_grid(run: list[list[Line]], pages: tuple[int, ...]) -> Grid:
    """An unruled table run (possibly over several pages) → a Grid without merges."""
    columns = run_columns([line for part in run for line in part])
    rows: list[list[GridCell]] = []
    for part, page in zip(run, pages, strict=True):
        for row_lines in run_rows(part):
            rows.append(_run_row(row_lines, columns, page))
    first = run[0][0].box
    return Grid(rows, Provenance("pdf", page=pages[0], bbox=first))


def _run_row(lines: list[Line], columns: list[Column], page: int) -> list[GridCell]:
    texts: dict[int, list[str]] = {}
    boxes: dict[int, list[Char]] = {}
    for line in lines:
        per_line: dict[int, list[str]] = {}
        for seg in line.segments(FINE_GAP):
            col = column_of(columns, seg)
            per_line.setdefault(col, []).append(text_of(seg))
            boxes.setdefault(col, []).extend(seg)
        for col, parts in per_line.items():
            texts.setdefault(col, []).append(" ".join(parts))
    top = min(line.box[1] for line in lines)
    bottom = max(line.box[3] for line in lines)
    out = []
    for c, column in enumerate(columns):
        bbox = box_of(boxes[c]) if c in boxes else (column.x0, top, column.x1, bottom)
        out.append(GridCell("\n".join(texts.get(c, [])), _prov(page, bbox)))
    return out


# -- across pages ------------------------------------------------------------------------------


def _join_across_pages(items: list[_Placed]) -> list[_Placed]:
    """Merge a table at the end of a page with one of the same columns at the top of the next."""
    out: list[_Placed] = []
    for item in items:
        prev = out[-1] if out else None
        if prev is not None and item.page == prev.page + 1 and _first_on_page(item, items):
            if prev.run is not None and item.run is not None:
                prev.run = prev.run + item.run
                prev.pages = prev.pages + item.pages
                continue
            if prev.grid is not None and item.grid is not None and _same_columns(prev, item):
                prev.grid = _continue_grid(prev.grid, item.grid)
                continue
        out.append(item)
    for item in out:
        if item.run is not None:
            item.grid = _drop_repeated_header(_run_grid(item.run, item.pages), item.pages)
    return out


def _first_on_page(item: _Placed, items: list[_Placed]) -> bool:
    return next(i for i in items if i.page == item.page) is item


def _same_columns(a: _Placed, b: _Placed) -> bool:
    assert a.ruled is not None and b.ruled is not None
    xa, xb = a.ruled.xs, b.ruled.xs
    return len(xa) == len(xb) and all(abs(p - q) <= 2.0 for p, q in zip(xa, xb, strict=True))


def _row_texts(row: list[GridCell]) -> list[str]:
    return [cell.text for cell in row]


def _header_rows(first: Grid, second: Grid) -> int:
    """How many leading rows of ``second`` repeat the leading rows of ``first``."""
    n = 0
    while n < min(len(first.rows), len(second.rows) - 1) and _row_texts(first.rows[n]) == _row_texts(
        second.rows[n]
    ):
        n += 1
    return n


def _continue_grid(first: Grid, second: Grid) -> Grid:
    """``first`` with the rows of ``second`` below it; merged cells cut by the page break go on."""
    skip = _header_rows(first, second)
    offset = len(first.rows) - skip
    last = first.rows[-1] if first.rows else []
    rows = [list(row) for row in first.rows]
    continued: dict[tuple[int, int], tuple[int, int]] = {}  # second's anchor -> first's anchor
    if len(second.rows) > skip:
        for c, cell in enumerate(second.rows[skip]):
            above = last[c] if c < len(last) else None
            own = cell.origin or (skip, c)
            if above is None or cell.text or own[0] != skip:
                continue
            root = above.origin or (len(first.rows) - 1, c)
            if first.rows[root[0]][root[1]].rowspan > 1 or above.origin is not None:
                continued[own] = root
    for r, row in enumerate(second.rows[skip:], start=skip):
        out = []
        for c, cell in enumerate(row):
            own = cell.origin or (r, c)
            if own in continued:
                anchor = first.rows[continued[own][0]][continued[own][1]]
                out.append(GridCell(anchor.text, cell.provenance, origin=continued[own]))
            elif cell.origin is not None:
                out.append(cell._replace(origin=(cell.origin[0] + offset, cell.origin[1])))
            else:
                out.append(cell)
        rows.append(out)
    if len(rows) > len(first.rows) and _broken_row(rows[len(first.rows) - 1], rows[len(first.rows)]):
        rows[len(first.rows) - 1 : len(first.rows) + 1] = [
            _mended(*rows[len(first.rows) - 1 : len(first.rows) + 1])
        ]
    return Grid(rows, first.provenance)


def _broken_row(last: list[GridCell], first: list[GridCell]) -> bool:
    """``first``, at the top of a page, holds only the rest of the labels of ``last``: a row the page broke.

    The label before the break and the rest after it make a template row label
    that the rest alone is not (a row of blank cells, whose label stands alone,
    is not one).
    """
    rest = [(a.text, b.text) for a, b in zip(last, first, strict=False) if b.text and b.origin is None]
    return (
        len(last) == len(first)
        and bool(rest)
        and not any(is_number(b.text) for b in first)
        and all(is_row_label(a + b) and not is_row_label(b) for a, b in rest)
    )


def _mended(last: list[GridCell], first: list[GridCell]) -> list[GridCell]:
    """A row the page broke, its labels joined; each cell keeps the page and box of its first part."""
    return [
        a._replace(text=a.text + "\n" + b.text) if b.text and b.origin is None else a
        for a, b in zip(last, first, strict=True)
    ]


def _drop_repeated_header(grid: Grid, pages: tuple[int, ...]) -> Grid:
    """An unruled run over pages: drop rows at a page start that repeat the table's first rows."""
    if len(pages) < 2:
        return grid
    rows: list[list[GridCell]] = []
    texts = [_row_texts(row) for row in grid.rows]
    i = 0
    while i < len(grid.rows):
        page = grid.rows[i][0].provenance.page
        starts_page = i > 0 and grid.rows[i - 1][0].provenance.page != page
        if starts_page:
            n = 0
            while i + n < len(texts) and n < i and texts[i + n] == texts[n]:
                n += 1
            i += n
            if i >= len(grid.rows):
                break
            if rows and _broken_row(rows[-1], grid.rows[i]):
                rows[-1] = _mended(rows[-1], grid.rows[i])
                i += 1
                continue
        rows.append(grid.rows[i])
        i += 1
    return Grid(rows, grid.provenance)


def _assemble(items: list[_Placed]) -> list[Block]:
    out: list[Block] = []
    for item in items:
        if item.grid is not None:
            out.append(item.grid)
        elif item.line is not None:
            out.append(Paragraph(item.line.text(), Provenance("pdf", page=item.page, bbox=item.line.box)))
        elif item.aside is not None:
            out.append(Paragraph(item.aside[0], Provenance("pdf", page=item.page, bbox=item.aside[1])))
    return out


def _as_shown(blocks: list[Block], pages: list[_Page]) -> list[Block]:
    """Provenance boxes of turned pages moved from the reading frame to the page as a viewer shows it."""
    turns = {p.number: (p.to_display, p.width, p.height) for p in pages if p.to_display}
    if not turns:
        return blocks

    def shown(prov: Provenance) -> Provenance:
        turn = turns.get(prov.page or 0)
        if turn is None or prov.bbox is None:
            return prov
        return _prov(prov.page or 0, _turn_box(prov.bbox, *turn))

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Paragraph(block.text, shown(block.provenance)))
            continue
        rows = [[c._replace(provenance=shown(c.provenance)) for c in row] for row in block.rows]
        out.append(Grid(rows, shown(block.provenance) if block.provenance else None))
    return out

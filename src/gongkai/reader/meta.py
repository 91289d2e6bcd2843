"""Stage 7: who reported on which year, in which template, published when.

- template: from the tables' shape first (2021 has 本年制发件数/现行有效件数,
  three 其他处理 sub-rows and no 政府集中采购; 2019 has 本年新制作数量,
  上一年项目数量, 政府集中采购…), from the year second; a report on a year
  before 2019 without statutory tables is ``legacy``;
- year: the statistics period (统计期限…2020年1月1日至…), the title, a
  "2020年度政府信息公开工作年度报告" phrase, the publication date, and last
  the year the overview names most;
- body: the 发布机构 field, the title before its year, the signature above
  the date at the end, the 来源 field, and last the name the text uses for
  itself; then the fullest official form (慈城镇 → 慈城镇人民政府 when the
  document writes it);
- published: the 成文日期/发布日期/发布时间 field, else the signature date.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..templates import LEGACY
from .tokens import Line

_FIELD = re.compile(
    r"(发布机构|发文机关|发布单位|发文单位|发布部门|公开主体|信息来源|来源|成文日期|发布日期|发布时间|"
    r"公开日期|印发日期|生成日期|日期|时间|标题|文件名称|名称|索引号|主题分类|文号|公开方式|体裁分类|"
    r"信息分类|浏览量|有效性|时效|主题|公开目录|关键词|分类)[:]"
)
_BODY_FIELDS = ("发布机构", "发文机关", "发布单位", "发文单位", "发布部门", "公开主体")
_SOURCE_FIELDS = ("信息来源", "来源")
_DATE_FIELDS = ("成文日期", "发布日期", "发布时间", "公开日期", "印发日期", "生成日期", "日期", "时间")
_BARE_DATE_FIELDS = ("日期", "时间")  # a field only where no word runs into them (统计时间 is not one)
_PERIOD_WORDS = re.compile(r"至|到|起|止|日\s*[-—~]\s*\d")  # a period (统计期限), not the day of publication
_TITLE_FIELDS = ("标题", "文件名称", "名称")
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_CN_DATE = re.compile(
    r"([〇零○oO一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "o": 0, "O": 0}
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间段|时间|区间|周期|时段|期间|期|范围)[^。\n]{0,16}?((?:19|20)\d\d)\s*"
    r"(?:年\s*0?1\s*月\s*0?1\s*日|年度)"
)
_SPAN = re.compile(
    r"((?:19|20)\d\d)\s*年\s*0?1\s*月\s*0?1\s*日\s*起?\s*(?:至|到|-|—|~)\s*(?:((?:19|20)\d\d)\s*年)?\s*12\s*月\s*31\s*日"
)
_CUTOFF = re.compile(r"统计[^。\n]{0,8}?截[止至][^。\n]{0,6}?((?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日")
_YEAR_REPORT = re.compile(
    r"((?:19|20)\d\d)\s*年\s*度?\s*(?:的)?(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)"
)
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_TITLE = re.compile(r"(?:政府信息公开|政务公开|信息公开).{0,8}(?:年度报告|年报|工作报告)")
_ORG_END = re.compile(
    r"(人民政府|政府|办公室|办公厅|局|委员会|委|厅|办|中心|院|所|站|队|署|镇|乡|街道办事处|街道|管委会|"
    r"管理委员会|公司|部|处|馆|社|会)$"
)
_SELF = re.compile(r"我(乡|镇|县|市|区|局|委|办|厅|街道|中心|院|署|站)")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_NOT_NAME_START = tuple("我本全该各此其县市区乡镇")

MARKERS_2021 = (
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "逾期不补正",
    "逾期未按收费通知",
)
MARKERS_2019 = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增减",
    "政府集中采购",
    "采购总金额",
    "采购项目数量",
    "其他对外管理服务事项",
)
MARKERS_TABLES = ("本年新收政府信息公开申请数量", "结转下年度继续办理", "第二十条第", "未经复议直接起诉")


@dataclass
class MetaRead:
    """What the document says about itself, each with where it was found."""

    body: str | None = None
    body_from: str = ""
    year: int | None = None
    year_from: str = ""
    published: date | None = None
    published_from: str = ""
    title: str | None = None
    signature_lines: frozenset[int] = frozenset()


def _texts(lines: list[Line]) -> list[str]:
    return [
        line.tokens[0].text if len(line.tokens) == 1 else " ".join([t.text for t in line.tokens if t.text])
        for line in lines
    ]


def parse_date(text: str) -> date | None:
    """The first date written in ``text`` (2021-01-25, 2021年1月25日, 二〇二一年一月二十五日)."""
    m = _DATE.search(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = _CN_DATE.search(text)
    if m:
        try:
            year = int("".join(str(_CN_DIGITS[c]) for c in m.group(1)))
            return date(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
        except (ValueError, KeyError):
            return None
    return None


_CN_YEAR = re.compile(r"([〇零○一二三四五六七八九]{4})(?=\s*年)")


def arabic_years(text: str) -> str:
    """Years written in Chinese numerals in Arabic digits: 二〇二三年度 → 2023年度."""
    if "年" not in text or not _CN_YEAR.search(text):  # the scan for 年 is many times faster
        return text
    return _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGITS[c]) for c in m.group(1)), text)


def _cn_number(s: str) -> int:
    """一 … 三十一."""
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[s]


def fields(lines: list[Line]) -> dict[str, str]:
    """``name: value`` fields of a web page's header (first value of each name wins)."""
    out: dict[str, str] = {}
    for line in lines[:60]:
        toks = [t.text for t in line.tokens]
        for i, t in enumerate(toks):
            if not t or len(t) > 160 or t.isdigit():  # a count is neither a field name nor holds one
                continue
            flat = _HAN_GAP.sub("", t) if " " in t else t
            if line.grid and i + 1 < len(toks) and len(flat) <= 12:
                name = flat.rstrip(": ")
                value = toks[i + 1]
                if name in _FIELD_NAMES and not _FIELD.match(_HAN_GAP.sub("", value) + ":"):
                    out.setdefault(name, value.strip())
            if ":" not in flat:
                continue
            found = [m for m in _FIELD.finditer(flat) if not _run_into(flat, m)]
            for k, m in enumerate(found):
                end = found[k + 1].start() if k + 1 < len(found) else len(flat)
                value = flat[m.end() : end].strip()
                if value:
                    out.setdefault(m.group(1), value)
    return out


def _run_into(text: str, m: re.Match[str]) -> bool:
    """A bare 日期/时间 that ends a longer word (统计时间:, 办理时间:) rather than naming a field."""
    return m.group(1) in _BARE_DATE_FIELDS and m.start() > 0 and _HAN.match(text[m.start() - 1]) is not None


_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff:])")
_FIELD_NAMES = frozenset(re.findall(r"[\u4e00-\u9fff]+", _FIELD.pattern))


def find_title(lines: list[Line], found_fields: dict[str, str]) -> str | None:
    """The report's title: the 标题 field, else an early line naming a disclosure annual report."""
    for name in _TITLE_FIELDS:
        if found_fields.get(name) and _TITLE.search(found_fields[name]):
            return found_fields[name]
    texts = [t.strip() for t in _texts(lines[:40])]
    for i, t in enumerate(texts):
        if 6 <= len(t) <= 60 and _TITLE.search(t) and not t.startswith(("根据", "本报告", "按照", "依据")):
            title = re.sub(r"^(?:标题|名称)\s*:\s*", "", t)
            return title if _from_title(title) else _with_name_line(title, texts, i)
    return None


def _with_name_line(title: str, texts: list[str], i: int) -> str:
    """A title without a name, joined to the body's name on the line above or below it
    (a title set in two lines: 青山县自然资源局 / 2023年政府信息公开工作年度报告)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(texts) and texts[j] and _org_line(texts[j]):
            name = texts[j].replace(" ", "")
            return name + title if j < i else name + title.lstrip()
    return title


def find_year(texts: list[str], title: str | None, published: date | None) -> tuple[int | None, str]:
    """The year reported on, and where it was read."""
    head = "\n".join(texts[:80])
    m = _PERIOD.search(head)
    if m:
        return int(m.group(1)), "统计期限"
    for m in _SPAN.finditer(head):
        if m.group(2) is None or m.group(1) == m.group(2):
            return int(m.group(1)), "统计期限"
    m = _CUTOFF.search(head)
    if m:
        return int(m.group(1)), "统计期限"
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1)), "标题"
    m = _YEAR_REPORT.search(head)
    if m:
        return int(m.group(1)), "正文"
    if published is not None and published.month <= 6:
        return published.year - 1, "发布日期"
    years = Counter(int(y) for y in _YEAR.findall("\n".join(texts[:40])) if 2000 <= int(y) <= 2100)
    if years:
        return years.most_common(1)[0][0], "正文年份"
    return None, ""


_ALIAS = re.compile(r"^([\u4e00-\u9fff]{2,})\([\u4e00-\u9fff、]+\)$")  # 自然资源局(林业局)


def _clean_name(name: str) -> str | None:
    name = re.sub(r"\s+", "", name).strip("《》“”\"'【】[]")
    name = re.sub(r"(关于)$", "", name)
    alias = _ALIAS.match(name)
    if alias:
        name = alias.group(1)
    return name if 2 <= len(name) <= 40 and _HAN.match(name) else None


_SITE_SUFFIX = re.compile(r"(?:年度报告|年报)\s*[_\-—|｜]+\s*([^_\-—|｜]+?)\s*(?:[_\-—|｜].*)?$")


def _from_title(title: str) -> str | None:
    m = _YEAR.search(title)
    if m and m.start() > 0:
        before, _, after = title[: m.start()].partition("关于")  # 关于… / …关于印发…
        return _clean_name(before or after)
    rest = title[m.end() :] if m else title
    rest = re.sub(r"^度", "", rest)
    cut = re.search(r"政府信息公开|政务公开|信息公开", rest)
    name = _clean_name(rest[: cut.start()]) if cut else None
    if name is None:  # a page title naming the site's body after the report: …年度报告_青山县人民政府
        site = _SITE_SUFFIX.search(title)
        name = _clean_name(site.group(1)) if site and _ORG_END.search(site.group(1)) else None
    return name


@dataclass(frozen=True)
class Signature:
    """The name and date signed at the end of a report, and the lines they occupy."""

    name: str | None = None
    date: date | None = None
    lines: frozenset[int] = frozenset()


def _org_line(text: str) -> str | None:
    name = text.replace(" ", "")
    return name if len(name) <= 30 and _ORG_END.search(name) and _clean_name(name) else None


_SIGNED_DATE = re.compile(
    f"(?:{_DATE.pattern})\\s*[日号]?|(?:{_CN_DATE.pattern})|\\([^()]*\\)|^(?:日期|时间|落款日期|发布日期)\\s*:|\\s+"
)


def _without_date(text: str) -> str:
    """A signature line's text besides its date, a 日期: label and parentheticals (此件公开发布)."""
    return _SIGNED_DATE.sub("", text) if len(text) <= 60 else text


def signature(lines: list[Line]) -> Signature:
    """The signature: a date alone on a line near the end, with the body's name just above it."""
    tail = [(ln.pos, text) for ln, text in zip(lines[-15:], _texts(lines[-15:]), strict=True) if text.strip()]
    for i in range(len(tail) - 1, -1, -1):
        index, text = tail[i]
        signed = parse_date(text)
        if signed is None:
            continue
        rest = _without_date(text)
        if rest:  # the name and the date on one line: 临江镇人民政府 2021年1月20日
            name = _org_line(rest)
            if name:
                return Signature(name, signed, frozenset({index}))
            continue
        for j in range(i - 1, max(i - 3, -1), -1):
            name = _org_line(tail[j][1])
            if name:
                return Signature(name, signed, frozenset({tail[j][0], index}))
        return Signature(None, signed, frozenset({index}))
    for index, text in reversed(tail[-5:]):
        name = _org_line(text)
        if name and "政府" in name:
            return Signature(name, None, frozenset({index}))
    return Signature()


def _self_name(text: str) -> str | None:
    """The name the report uses for its body, from 我乡/我局… and the names that end alike."""
    kinds = Counter(_SELF.findall(text))
    if not kinds:
        return None
    kind = kinds.most_common(1)[0][0]
    counts: Counter[str] = Counter()
    for m in re.finditer(kind, text):
        end = m.end()
        for k in range(2, 9):
            start = m.start() - k
            if start < 0:
                break
            cand = text[start:end]
            if not _HAN.match(cand) or cand.startswith(_NOT_NAME_START):
                continue
            counts[cand] += 1
    good = [(len(c), c) for c, n in counts.items() if n >= 2]
    if not good:
        return None
    best_count = max(counts[c] for _, c in good)
    fit = [(ln, c) for ln, c in good if counts[c] * 10 >= best_count * 6]
    return max(fit)[1] if fit else None


def _body_candidates(
    found_fields: dict[str, str], title: str | None, signed: str | None
) -> list[tuple[str, str]]:
    """Names the document gives its body, most trusted first, each with where it was found."""
    cands: list[tuple[str, str]] = []
    from_title = _from_title(title) if title else None
    if from_title:  # whose report it is; a 发布机构 field may name the portal's office, or abbreviate
        cands.append((from_title, "标题"))
    cands += [(v, "发布机构") for v in map(_clean_name, (found_fields.get(n, "") for n in _BODY_FIELDS)) if v]
    if signed:
        cands.append((signed, "落款"))
    sources = map(_clean_name, (found_fields.get(n, "") for n in _SOURCE_FIELDS))
    cands += [(v, "来源") for v in sources if v and _ORG_END.search(v)]
    return cands


def find_body(
    text: str, found_fields: dict[str, str], title: str | None, signed: str | None
) -> tuple[str | None, str]:
    """The reporting body, in its fullest official form found in the document (``text``: all of it)."""
    cands = _body_candidates(found_fields, title, signed)
    if not cands:
        own = _self_name(text)
        cands = [(own, "正文")] if own else []
    if not cands:
        return None, ""
    best, source = cands[0]
    for other, _ in cands[1:]:
        if best in other and len(other) > len(best):
            best = other
    if best.endswith(("镇", "乡", "县", "市", "区", "旗", "州")) and best + "人民政府" in text:
        best += "人民政府"
    elif best.endswith("街道") and best + "办事处" in text:
        best += "办事处"
    return best, source


def find_published(found_fields: dict[str, str], signed: date | None) -> tuple[date | None, str]:
    """The 成文日期/发布日期/发布时间 field, else the date of the signature."""
    for name in _DATE_FIELDS:
        value = found_fields.get(name)
        if value and not _PERIOD_WORDS.search(value):
            d = parse_date(value)
            if d is not None:
                return d, name
    return (signed, "落款") if signed else (None, "")


def detect_template(joined_core: str, year: int | None) -> tuple[str | None, str]:
    """Template id from the tables' shape, else from the year; ``legacy`` before 2019."""
    s2021 = sum(m in joined_core for m in MARKERS_2021)
    s2019 = sum(m in joined_core for m in MARKERS_2019)
    if s2021 > s2019:
        return "2021", "表格形状"
    if s2019 > s2021:
        return "2019", "表格形状"
    has_tables = any(m in joined_core for m in MARKERS_TABLES)
    if year is None:
        return None, ""
    if year < 2019:
        return (None, "") if has_tables else (LEGACY, "年度")
    return ("2021" if year >= 2021 else "2019"), "年度"


def read_meta(lines: list[Line]) -> MetaRead:
    """Body, year, title and publication date (the template is settled with the tables)."""
    found = fields(lines)
    texts = _texts(lines)
    signed = signature(lines)
    title = find_title(lines, found)
    published, published_from = find_published(found, signed.date)
    plain_title = arabic_years(title) if title else None
    year, year_from = find_year([arabic_years(t) for t in texts[:80]], plain_title, published)
    body, body_from = find_body("\n".join(texts), found, plain_title, signed.name)
    return MetaRead(body, body_from, year, year_from, published, published_from, title, signed.lines)

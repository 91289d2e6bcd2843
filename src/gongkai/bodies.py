"""What a reporting body's name says: its places, the tier of its government, and what it is there.

宁波市江北区慈城镇人民政府 is the government of 慈城镇, a township under 江北区
under 宁波市; 广灵县人民政府办公室 is the general office of a county government;
省教育厅 is a department of a province. Both the plausibility check (who may make
规章) and the corpus (层级, matching names) read names through :func:`read_name`.
Pure functions, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class Tier(StrEnum):
    """The tier of the government a body belongs to."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"


class Role(StrEnum):
    """What the body is within its government."""

    GOVERNMENT = "government"  # the people's government itself (or a 街道办事处)
    OFFICE = "office"  # its general office: 办公厅, 办公室
    DEPARTMENT = "department"  # 局, 委员会, 厅, 中心, ...
    UNKNOWN = "unknown"


# A place word: a name of 1–12 characters, then what kind of place it is. The name
# part holds no department word and no 府, so 市场监督管理局 or 国家税务总局宁波市
# never read as places; matching the shortest name first splits 宁波市江北区.
_PLACE = re.compile(
    r"[^局厅委办院会处署所站队府]{1,12}?"
    r"(特别行政区|自治区|自治州|自治县|自治旗|地区|街道|苏木|省|市|盟|县|区|旗|镇|乡)"
)
_TIER_OF_ENDING = {
    "特别行政区": Tier.PROVINCE,
    "自治区": Tier.PROVINCE,
    "省": Tier.PROVINCE,
    "市": Tier.CITY,
    "自治州": Tier.CITY,
    "盟": Tier.CITY,
    "地区": Tier.CITY,
    "县": Tier.COUNTY,
    "自治县": Tier.COUNTY,
    "区": Tier.COUNTY,
    "旗": Tier.COUNTY,
    "自治旗": Tier.COUNTY,
    "镇": Tier.TOWNSHIP,
    "乡": Tier.TOWNSHIP,
    "街道": Tier.TOWNSHIP,
    "苏木": Tier.TOWNSHIP,
}
# 省教育厅, 市公安局, 区卫生健康委员会: a body named after its tier alone (市场监督管理局 is not).
_BARE_TIER = re.compile(r"^(省|市|县|区|乡|镇)(?!场|容|政管理|政工程|政公用)")
_NATIONAL = re.compile(r"^(?:国务院|国家|中华人民共和国|中国|中央)")
_GOVERNMENT = re.compile(r"^(?:(?:人民)?政府|办事处)?$")
_OFFICE = re.compile(r"^(?:(?:人民)?政府)?(?:办公厅|办公室|办)$")
_DEPARTMENT = re.compile(r"(?:局|委员会|委|办公室|办|厅|署|中心)$")
_SPACE = re.compile(r"[\s\u3000·•]+")


@dataclass(frozen=True)
class BodyName:
    """A body's name read: the places it starts with (outermost first) and what follows them."""

    places: tuple[str, ...]
    rest: str
    tier: Tier | None  # the tier of its government; None when the name names no place
    role: Role

    @property
    def region(self) -> tuple[str, ...]:
        """The places above the body's own one (宁波市, 江北区 for 宁波市江北区慈城镇)."""
        return self.places[:-1]

    @property
    def local(self) -> str:
        """The name without its region: the body's own place and what follows (慈城镇人民政府)."""
        return (self.places[-1] if self.places else "") + self.rest


@lru_cache(maxsize=65536)
def read_name(name: str) -> BodyName:
    """Read a body's name (widths and spaces ignored); never fails, unknown parts stay in ``rest``."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    places: list[str] = []
    tier: Tier | None = None
    pos = 0
    while (m := _PLACE.match(text, pos)) is not None:
        places.append(m.group(0))
        tier = _TIER_OF_ENDING[m.group(1)]
        pos = m.end()
    rest = text[pos:]
    if places:
        return BodyName(tuple(places), rest, tier, _role(rest))
    if _NATIONAL.match(rest):
        role = Role.GOVERNMENT if rest.endswith("国务院") else Role.DEPARTMENT
        return BodyName((), rest, Tier.NATIONAL, role)
    if (bare := _BARE_TIER.match(rest)) is not None:
        return BodyName((), rest, _TIER_OF_ENDING[bare.group(1)], _role(rest[1:]))
    return BodyName((), rest, None, _role(rest) if rest else Role.UNKNOWN)


def _role(rest: str) -> Role:
    if _GOVERNMENT.match(rest):
        return Role.GOVERNMENT
    if _OFFICE.match(rest):
        return Role.OFFICE
    if _DEPARTMENT.search(rest):
        return Role.DEPARTMENT
    return Role.UNKNOWN

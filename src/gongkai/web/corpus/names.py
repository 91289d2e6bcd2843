"""Body names: the matching key, the key without its region, and the level a name suggests.

慈城镇, 慈城镇人民政府 and 慈城镇政府 are one body. 某县人民政府办公室 is a
different body from 某县人民政府 (the general office reports on its own), so
an office suffix is kept in the key, spelled one way. 宁波市江北区慈城镇 and
江北区慈城镇 share the local key 慈城镇, on which import falls back when the
regions agree. Places and levels are read by :mod:`gongkai.bodies`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ...bodies import Role, Tier, read_name
from ...reader.normalize import normalize_text
from .models.body import Level

# Longest first: the first suffix that matches decides.
_OFFICE_SUFFIXES = (
    ("人民政府办公厅", "政府办公厅"),
    ("人民政府办公室", "政府办公室"),
    ("政府办公厅", "政府办公厅"),
    ("政府办公室", "政府办公室"),
    ("政府办", "政府办公室"),
)
_GOVERNMENT_SUFFIXES = ("人民政府", "政府")
_SPACE = re.compile(r"[\s\u3000·•]+")

_LEVEL_OF_TIER = {
    Tier.PROVINCE: Level.PROVINCE,
    Tier.CITY: Level.CITY,
    Tier.COUNTY: Level.COUNTY,
    Tier.TOWNSHIP: Level.TOWNSHIP,
}


@lru_cache(maxsize=65536)
def clean(name: str) -> str:
    """The name as it should be shown: NFKC widths, simplified characters, no spaces."""
    return normalize_text(_SPACE.sub("", unicodedata.normalize("NFKC", name))).strip("：:，,。")


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The key two spellings of the same body share (慈城镇人民政府 → 慈城镇)."""
    text = clean(name)
    for suffix, canonical in _OFFICE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)] + canonical
    for suffix in _GOVERNMENT_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def local(key: str) -> str:
    """A normalized key without its region: 宁波市江北区慈城镇 → 慈城镇, 宁波市江北区教育局 → 江北区教育局."""
    return read_name(key).local


def region(key: str) -> tuple[str, ...]:
    """The places above a normalized key's own one (宁波市, 江北区 for 宁波市江北区慈城镇)."""
    return read_name(key).region


def same_region(a: str, b: str) -> bool:
    """Whether two normalized keys may name one body: the shorter region ends the longer.

    江北区慈城镇 and 宁波市江北区慈城镇 may; 宁波市江北区 and 重庆市江北区 may not.
    """
    short, long = sorted((region(a), region(b)), key=len)
    return long[len(long) - len(short) :] == short


def guess_level(name: str) -> Level:
    """The level a body's name suggests: a government's tier, else a department (offices too)."""
    body = read_name(clean(name))
    if body.role is Role.GOVERNMENT and body.tier in _LEVEL_OF_TIER:
        return _LEVEL_OF_TIER[body.tier]
    return Level.DEPARTMENT

"""Reading body names: places, tier, role — the one reader behind both level guessers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.bodies import Role, Tier, read_name
from gongkai.checks.plausibility import Level as RuleLevel
from gongkai.checks.plausibility import guess_level as rule_level
from gongkai.web.corpus.models.body import Level
from gongkai.web.corpus.names import guess_level as corpus_level


@pytest.mark.parametrize(
    ("name", "tier", "role"),
    [
        ("浙江省人民政府", Tier.PROVINCE, Role.GOVERNMENT),
        ("广西壮族自治区人民政府", Tier.PROVINCE, Role.GOVERNMENT),
        ("浙江省人民政府办公厅", Tier.PROVINCE, Role.OFFICE),
        ("省教育厅", Tier.PROVINCE, Role.DEPARTMENT),
        ("浙江省教育厅", Tier.PROVINCE, Role.DEPARTMENT),
        ("宁波市人民政府", Tier.CITY, Role.GOVERNMENT),
        ("镇江市人民政府", Tier.CITY, Role.GOVERNMENT),
        ("广州市人民政府", Tier.CITY, Role.GOVERNMENT),
        ("恩施土家族苗族自治州人民政府", Tier.CITY, Role.GOVERNMENT),
        ("市人民政府办公室", Tier.CITY, Role.OFFICE),
        ("市公安局", Tier.CITY, Role.DEPARTMENT),
        ("宁波市市场监督管理局", Tier.CITY, Role.DEPARTMENT),
        ("县人民政府", Tier.COUNTY, Role.GOVERNMENT),
        ("广灵县人民政府", Tier.COUNTY, Role.GOVERNMENT),
        ("浦东新区人民政府", Tier.COUNTY, Role.GOVERNMENT),
        ("济南市市中区人民政府", Tier.COUNTY, Role.GOVERNMENT),
        ("广灵县政府办", Tier.COUNTY, Role.OFFICE),
        ("区卫生健康委员会", Tier.COUNTY, Role.DEPARTMENT),
        ("青山县自然资源局", Tier.COUNTY, Role.DEPARTMENT),
        ("慈城镇人民政府", Tier.TOWNSHIP, Role.GOVERNMENT),
        ("宁波市江北区慈城镇人民政府", Tier.TOWNSHIP, Role.GOVERNMENT),
        ("十街彝族乡人民政府", Tier.TOWNSHIP, Role.GOVERNMENT),
        ("南京路街道办事处", Tier.TOWNSHIP, Role.GOVERNMENT),
        ("合心镇", Tier.TOWNSHIP, Role.GOVERNMENT),
        ("国家税务总局", Tier.NATIONAL, Role.DEPARTMENT),
        ("国家税务总局宁波市税务局", Tier.NATIONAL, Role.DEPARTMENT),
        ("国务院", Tier.NATIONAL, Role.GOVERNMENT),
        ("市场监督管理局", None, Role.DEPARTMENT),
        ("青山", None, Role.UNKNOWN),
    ],
)
def test_tier_and_role(name: str, tier: Tier | None, role: Role) -> None:
    body = read_name(name)
    assert (body.tier, body.role) == (tier, role)


@pytest.mark.parametrize(
    ("name", "region", "local"),
    [
        ("宁波市江北区慈城镇人民政府", ("宁波市", "江北区"), "慈城镇人民政府"),
        ("江北区慈城镇", ("江北区",), "慈城镇"),
        ("慈城镇人民政府", (), "慈城镇人民政府"),
        ("宁波市江北区教育局", ("宁波市",), "江北区教育局"),
        ("宁波市人民政府办公室", (), "宁波市人民政府办公室"),
        ("宁波市市场监督管理局", (), "宁波市市场监督管理局"),
        ("国家税务总局宁波市税务局", (), "国家税务总局宁波市税务局"),
    ],
)
def test_region_and_local_name(name: str, region: tuple[str, ...], local: str) -> None:
    body = read_name(name)
    assert (body.region, body.local) == (region, local)


@given(st.text(alphabet="宁波市江北区慈城镇乡街道县省人民政府办公室局厅国家 ", max_size=16))
def test_reading_never_fails_and_keeps_every_character(name: str) -> None:
    body = read_name(name)
    assert "".join(body.places) + body.rest == name.replace(" ", "")


@pytest.mark.parametrize(
    ("name", "corpus", "rules"),
    [
        ("浙江省人民政府", Level.PROVINCE, None),
        ("宁波市人民政府办公室", Level.DEPARTMENT, None),
        ("县人民政府", Level.COUNTY, RuleLevel.COUNTY),
        ("广灵县人民政府办公室", Level.DEPARTMENT, RuleLevel.COUNTY),
        ("南京路街道办事处", Level.TOWNSHIP, RuleLevel.TOWNSHIP),
        ("宁波市江北区慈城镇人民政府", Level.TOWNSHIP, RuleLevel.TOWNSHIP),
        ("省教育厅", Level.DEPARTMENT, RuleLevel.DEPARTMENT),
        ("市公安局", Level.DEPARTMENT, RuleLevel.DEPARTMENT),
        ("国家税务总局", Level.DEPARTMENT, None),
        ("镇江市人民政府", Level.CITY, None),
    ],
)
def test_both_guessers_read_the_same_name_their_own_way(
    name: str, corpus: Level, rules: RuleLevel | None
) -> None:
    assert corpus_level(name) == corpus
    assert rule_level(name) is rules

"""Body names: matching, levels, merge, re-parent, aliases; each edit needs the reviewer role."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from gongkai.errors import CorpusConflictError
from gongkai.web.corpus import names, services
from gongkai.web.corpus.models import Body, Level, Report

from .conftest import make_report


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("慈城镇", "慈城镇人民政府"),
        ("慈城镇政府", "慈城镇人民政府"),
        ("广灵县人民政府办公室", "广灵县政府办公室"),
        ("广灵县政府办", "广灵县人民政府办公室"),
        ("慈城鎮人民政府", "慈城镇人民政府"),
        (" 慈城镇　人民政府 ", "慈城镇人民政府"),
    ],
)
def test_spellings_of_one_body_share_a_key(a: str, b: str) -> None:
    assert names.normalize(a) == names.normalize(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("广灵县人民政府办公室", "广灵县人民政府"),
        ("青山县教育局", "青山县"),
        ("青山镇人民政府", "青山县人民政府"),
    ],
)
def test_different_bodies_keep_different_keys(a: str, b: str) -> None:
    assert names.normalize(a) != names.normalize(b)


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("慈城镇人民政府", Level.TOWNSHIP),
        ("十街彝族乡人民政府", Level.TOWNSHIP),
        ("江北区人民政府", Level.COUNTY),
        ("广灵县人民政府", Level.COUNTY),
        ("伊宁市人民政府", Level.CITY),
        ("浙江省人民政府", Level.PROVINCE),
        ("广灵县人民政府办公室", Level.DEPARTMENT),
        ("青山县自然资源局", Level.DEPARTMENT),
        ("某某街道办事处", Level.TOWNSHIP),
    ],
)
def test_level_is_guessed_from_the_name(name: str, level: Level) -> None:
    assert names.guess_level(name) == level


@given(st.text(alphabet="青山白沙县镇乡人民政府办公室局 ", min_size=1, max_size=12))
def test_normalizing_is_idempotent(name: str) -> None:
    once = names.normalize(name)
    assert names.normalize(once) == once or names.normalize(once + "人民政府") == once


pytestmark = pytest.mark.django_db


def _import(write_reports: Any, *reports: Any, folder: str = "in") -> None:
    services.import_paths([str(write_reports(*reports, folder=folder))], workers=1)


def test_edits_need_the_reviewer_role(plain_user: Any) -> None:
    body = services.match_body("青山镇")
    with pytest.raises(PermissionDenied):
        services.set_level(body, Level.COUNTY, plain_user)
    with pytest.raises(PermissionDenied):
        services.reparent(body, None, None)


def test_level_correction_sticks(reviewer: Any) -> None:
    body = services.set_level(services.match_body("青山市人民政府"), Level.COUNTY, reviewer)
    body.refresh_from_db()
    assert (body.level, body.level_confirmed) == (Level.COUNTY, True)


def test_reparent_refuses_a_cycle(reviewer: Any) -> None:
    county, town = services.match_body("青山县"), services.match_body("青山镇")
    services.reparent(town, county, reviewer)
    with pytest.raises(CorpusConflictError):
        services.reparent(county, town, reviewer)


def test_merge_moves_reports_names_and_children(write_reports: Any, reviewer: Any) -> None:
    _import(write_reports, make_report(1, "青山镇人民政府", 2020), make_report(2, "青山乡", 2021))
    keep, other = Body.objects.get(name="青山镇人民政府"), Body.objects.get(name="青山乡")
    child = services.match_body("青山乡某村委会")
    services.reparent(child, other, reviewer)
    services.merge_bodies(keep, other, reviewer)
    assert not Body.objects.filter(pk=other.pk).exists()
    assert sorted(Report.objects.filter(body=keep).values_list("year", flat=True)) == [2020, 2021]
    assert services.find_body("青山乡人民政府") == keep
    child.refresh_from_db()
    assert child.parent == keep


def test_merge_refuses_two_reports_for_one_year(write_reports: Any, reviewer: Any) -> None:
    _import(write_reports, make_report(1, "青山镇", 2020), make_report(2, "青山乡", 2020))
    with pytest.raises(CorpusConflictError, match="2020"):
        services.merge_bodies(Body.objects.get(name="青山镇"), Body.objects.get(name="青山乡"), reviewer)
    assert Report.objects.count() == 2


def test_an_alias_makes_later_imports_match(write_reports: Any, reviewer: Any) -> None:
    body = services.match_body("宁波市江北区慈城镇人民政府")
    services.add_alias(body, "慈城")  # a nickname: no rule of names would match it
    _import(write_reports, make_report(1, "慈城", 2020))
    assert Report.objects.get().body == body
    with pytest.raises(CorpusConflictError):
        services.add_alias(services.match_body("青山镇"), "慈城")


@pytest.mark.parametrize(
    "order",
    [
        ("慈城镇人民政府", "宁波市江北区慈城镇人民政府", "江北区慈城镇"),
        ("宁波市江北区慈城镇人民政府", "江北区慈城镇", "慈城镇人民政府"),
        ("江北区慈城镇", "慈城镇人民政府", "宁波市江北区慈城镇人民政府"),
    ],
)
def test_a_region_prefix_is_matched_when_the_years_line_up(
    write_reports: Any, order: tuple[str, ...]
) -> None:
    for i, name in enumerate(order):  # one import per year
        _import(write_reports, make_report(i, name, 2020 + i))
    body = Body.objects.get()
    assert body.name == "宁波市江北区慈城镇人民政府"  # the fullest name is kept
    assert body.level == Level.TOWNSHIP
    assert sorted(body.reports.values_list("year", flat=True)) == [2020, 2021, 2022]
    assert body.aliases.count() == 3


def test_region_prefixes_are_matched_within_one_import(write_reports: Any) -> None:
    _import(
        write_reports,
        make_report(1, "慈城镇人民政府", 2020),
        make_report(2, "宁波市江北区慈城镇人民政府", 2021),
        make_report(3, "江北区慈城镇", 2022),
    )
    assert Body.objects.get().reports.count() == 3


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("宁波市人民政府办公室", "杭州市人民政府办公室"),  # two cities' offices
        ("宁波市江北区人民政府办公室", "重庆市江北区人民政府办公室"),  # same district name, other city
        ("宁波市江北区慈城镇人民政府", "重庆市江北区慈城镇人民政府"),
        ("江北区人民政府", "江北区慈城镇人民政府"),  # a county and a township under it
        ("宁波市教育局", "教育局"),  # a department named without its place
        ("慈城镇人民政府", "慈城镇人民政府办公室"),
    ],
)
def test_near_misses_stay_apart(write_reports: Any, first: str, second: str) -> None:
    _import(write_reports, make_report(1, first, 2020))
    _import(write_reports, make_report(2, second, 2021), folder="b")
    assert Body.objects.count() == 2


def test_a_region_prefix_is_not_matched_when_the_years_clash(write_reports: Any) -> None:
    _import(write_reports, make_report(1, "慈城镇人民政府", 2021))
    _import(write_reports, make_report(2, "宁波市江北区慈城镇人民政府", 2021), folder="b")
    assert Body.objects.count() == 2


def test_a_short_name_that_fits_two_bodies_matches_neither(write_reports: Any) -> None:
    _import(write_reports, make_report(1, "宁波市江北区慈城镇人民政府", 2020))
    _import(write_reports, make_report(2, "重庆市江北区慈城镇人民政府", 2020), folder="b")
    _import(write_reports, make_report(3, "慈城镇人民政府", 2021), folder="c")
    assert Body.objects.count() == 3


def test_a_body_known_in_one_region_does_not_take_another(write_reports: Any) -> None:
    _import(write_reports, make_report(1, "宁波市江北区慈城镇人民政府", 2020))
    _import(write_reports, make_report(2, "慈城镇", 2021), folder="b")  # joins it: one body, two names
    _import(write_reports, make_report(3, "重庆市江北区慈城镇", 2022), folder="c")
    assert Body.objects.count() == 2


def test_a_local_name_shared_by_many_places_matches_the_one_in_the_same_region(write_reports: Any) -> None:
    _import(
        write_reports, *(make_report(i, f"{county}县城关镇", 2020) for i, county in enumerate("甲乙丙丁"))
    )
    _import(write_reports, make_report(9, "某市丙县城关镇人民政府", 2021), folder="b")
    assert Body.objects.count() == 4
    body = Body.objects.get(name="某市丙县城关镇人民政府")
    assert sorted(body.reports.values_list("year", flat=True)) == [2020, 2021]

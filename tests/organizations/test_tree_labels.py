"""The tree as an officer reads it (issue 10 §5): the short label names the unit's real administrative type
(a thị xã is not "Huyện", a phường not "Xã"), abbreviations are spelled out on hover, and the tree can be
sorted by code (numbers in codes compared as numbers)."""

import re

import pytest
from django.urls import reverse

from dangvu.accounts.system import SYSTEM
from dangvu.organizations import services
from dangvu.organizations.kinds import Kind, UnitType, kind_short
from dangvu.organizations.selectors import code_key
from tests.conftest import FOUNDED


@pytest.mark.parametrize("kind, name, short", [
    (Kind.DISTRICT_COMMITTEE, "Đảng bộ thị xã Sơn Hà", "Thị xã"),
    (Kind.DISTRICT_COMMITTEE, "Đảng bộ huyện An Lạc", "Huyện"),
    (Kind.DISTRICT_COMMITTEE, "Đảng bộ quận Ba Đình", "Quận"),
    (Kind.DISTRICT_COMMITTEE, "Đảng bộ thành phố Sầm Sơn", "Thành phố"),
    (Kind.COMMUNE_COMMITTEE, "Đảng bộ phường Sơn Hà Bắc", "Phường"),
    (Kind.COMMUNE_COMMITTEE, "Đảng bộ xã Trung Sơn", "Xã"),
    (Kind.COMMUNE_COMMITTEE, "Đảng bộ đặc khu Phú Quốc", "Đặc khu"),
    (Kind.COMMUNE_COMMITTEE, "Đảng bộ Xã Trung Sơn", "Xã"),
    (Kind.DISTRICT_COMMITTEE, "Đảng bộ Khu kinh tế", "Huyện"),  # a name that names no unit keeps the kind's label
    (Kind.GRASSROOTS_COMMITTEE, "Đảng bộ phường Sơn Hà Bắc", "ĐBCS"),  # only the two levels that lead a unit
])
def test_short_label_names_the_unit(kind, name, short):
    assert kind_short(kind, name) == short


def test_codes_sort_as_numbers():
    codes = ["38.168.10", "38.168.9", "38.168.053.000.001", "38.2", "38.168.053"]
    assert sorted(codes, key=code_key) == ["38.2", "38.168.9", "38.168.10", "38.168.053", "38.168.053.000.001"]


@pytest.mark.django_db
def test_tree_page_labels_and_sort_by_code(client, cast):
    t = cast.tree
    # under the commune of district A: a cell whose code sorts first but whose name sorts last
    services.establish(by=SYSTEM, parent=t.grassroots_a, code="99.001.001.000.000", name="Chi bộ xóm Ải",
                       kind=Kind.CELL, effective_date=FOUNDED, unit_type=UnitType.RESIDENTIAL)
    client.force_login(cast.officer_a)
    url = reverse("organizations:tree_children", args=[t.grassroots_a.pk])
    by_name = re.findall(r'class="org-link">([^<]+)<', client.get(url).content.decode())
    by_code = re.findall(r'class="org-link">([^<]+)<', client.get(url, {"sort": "code"}).content.decode())
    assert by_name == ["Chi bộ thôn Đông", "Chi bộ thôn Tây", "Chi bộ xóm Ải"]  # the Vietnamese order of names
    assert by_code == ["Chi bộ xóm Ải", "Chi bộ thôn Đông", "Chi bộ thôn Tây"]  # .000 < .001 < .002
    page = client.get(reverse("organizations:tree"), {"sort": "code"}).content.decode()
    assert 'value="code" selected' in page and "sort=code" in page  # the children are fetched in the same order
    # the district's badge says what it is, and spells the abbreviation out on hover
    html = client.get(reverse("organizations:tree")).content.decode()
    assert re.search(r'title="Đảng bộ huyện, quận, thị xã, thành phố thuộc tỉnh">Huyện<', html)


@pytest.mark.django_db
def test_organization_list_kind_filter_is_a_checkbox_list(client, cast):
    client.force_login(cast.officer_a)
    html = client.get(reverse("organizations:list"), {"kind": ["cell", "grassroots_committee"]}).content.decode()
    block = html.split('data-testid="kind-filter"')[1].split("</details>")[0]
    assert "Đã chọn 2 loại" in block and block.count('type="checkbox"') == len(Kind.choices)
    assert re.search(r'value="cell"[^>]*checked', block) and "<select" not in block
    labels = "|".join(re.escape(str(label)) for _, label in Kind.choices)
    kinds = re.findall(rf'<td class="small">({labels})</td>', html)
    assert sorted(kinds) == ["Chi bộ trực thuộc", "Chi bộ trực thuộc", "Đảng bộ cơ sở"]  # the filter applies

"""The grouped menu (issue 10 §8): the officer's ~20 entries in six dropdowns, each role sees only what it may use."""

import re

import pytest
from django.urls import reverse

from dangvu.navigation import GROUPS, MenuGroup, MenuItem, grouped_menu

pytestmark = pytest.mark.django_db


def _menu(client, user) -> str:
    client.force_login(user)
    body = client.get(reverse("todo") if user.username != "member_a1" else reverse("my_record")).content.decode()
    return body.split('aria-label="Chức năng"')[1].split("</nav>")[0]


def _groups(menu: str) -> dict[str, list[str]]:
    """group key → the hrefs inside it."""
    found = {}
    for key, inner in re.findall(r'data-testid="menu-group-(\w+)">(.*?)</ul>', menu, re.S):
        found[key] = re.findall(r'href="([^"]+)"', inner)
    return found


def test_the_officers_menu_is_grouped_and_keeps_every_entry(client, cast):
    menu = _menu(client, cast.officer_a)
    groups = _groups(menu)
    assert list(groups) == ["organization", "cell_life", "review", "learning", "reports", "system"]
    assert groups["organization"][:3] == [reverse("organizations:tree"), reverse("organizations:list"),
                                          reverse("members:list")]
    assert reverse("admissions:list") in groups["organization"] and reverse("dues:index") in groups["cell_life"]
    assert reverse("access:list") in groups["system"] and reverse("statistics:page") in groups["reports"]
    # Outside the groups, on the bar itself: the officer's home and the to-do.
    bar = menu.split('data-testid="menu-group-')[0]
    assert reverse("dashboard:index") in bar and reverse("todo") in bar
    # Accessible dropdowns: a button that says whether it is open, and names its list.
    assert menu.count('data-bs-toggle="dropdown"') == 6 and menu.count('aria-expanded="false"') >= 6
    assert "<script" not in menu  # Bootstrap's bundle opens them (CSP: no inline script)
    # Nothing lost, nothing added: the same links as the flat menu, each once.
    flat = re.findall(r'href="([^"]+)"', menu)
    assert len(flat) == len(set(flat)) >= 20


def test_each_role_sees_only_its_entries_and_no_group_of_one(client, cast):
    member = _menu(client, cast.member_a1)
    # A member: their record, the tree and the reviews on the bar; one group ("Hệ thống": the rules, their jobs).
    assert _groups(member) == {"system": [reverse("rules:overview"), reverse("jobs:index")]}
    for officer_screen in (reverse("members:list"), reverse("access:list"), reverse("dues:index")):
        assert f'href="{officer_screen}"' not in member
    viewer = _groups(_menu(client, cast.viewer_a))
    assert reverse("access:list") not in sum(viewer.values(), [])  # a leader (read-only) manages no account
    assert reverse("imports:index") not in sum(viewer.values(), [])
    officer = _groups(_menu(client, cast.officer_a))
    assert reverse("audit:log") not in officer["system"]  # the change log is the system administrator's
    assert reverse("audit:log") in _groups(_menu(client, cast.admin))["system"]


def test_grouped_menu_places_groups_in_order_and_marks_the_active_one():
    def item(name, active=False):
        return MenuItem(name, reverse(name), "x", active)

    bar = grouped_menu([item("todo"), item("reports:index", True), item("organizations:tree"), item("statistics:page"),
                        item("meetings:index")])
    assert [e.key if isinstance(e, MenuGroup) else e.url for e in bar] == [reverse("todo"), reverse("organizations:tree"),
                                                       reverse("meetings:index"), "reports"]
    reports = bar[-1]
    assert isinstance(reports, MenuGroup) and reports.active
    assert [i.url for i in reports.items] == [reverse("reports:index"), reverse("statistics:page")]
    assert len({key for key, *_ in GROUPS}) == len(GROUPS)

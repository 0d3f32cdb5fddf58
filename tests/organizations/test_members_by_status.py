"""An organization's page shows its members by status (itself and below), each count a link to the member
list filtered the same way, so that the count and the list agree (issue 10 §5); as of a date too."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.members import register


def _lines(html):
    block = html.split('data-testid="members-by-status"')[1].split("</ul>")[0]
    return {code: (href.replace("&amp;", "&"), int(n.replace(".", "")))
            for href, code, n in re.findall(r'href="([^"]+)" data-status="([a-z_]+)">[^<]*<strong>([\d.]+)</strong>', block)}


@pytest.mark.django_db
def test_counts_link_to_the_same_list(client, cast):
    t = cast.tree
    register("Nguyễn Văn Một", t.cell_a1, admitted=dt.date(2012, 6, 1))
    register("Trần Thị Hai", t.cell_a2, sex="female", admitted=dt.date(2018, 6, 1))
    register("Lê Văn Ba", t.cell_a2, admitted=dt.date(2026, 3, 2), full=False)
    register("Hoàng Văn Sáu", t.cell_b1, admitted=dt.date(2020, 8, 1))  # another district
    client.force_login(cast.officer_a)
    lines = _lines(client.get(reverse("organizations:detail", args=[t.grassroots_a.pk])).content.decode())
    assert {k: n for k, (_, n) in lines.items()} == {"in_party": 3, "full": 2, "probationary": 1, "exempted": 0,
                                                     "suspended": 0}
    for code, (href, n) in lines.items():
        listed = client.get(href).content.decode()
        shown = re.search(r'data-testid="member-count">([\d.]+) đảng viên', listed)
        assert shown and int(shown.group(1).replace(".", "")) == n, code
    # a cell counts its own members; on a date before the newest admission, that member is not counted
    cell = _lines(client.get(reverse("organizations:detail", args=[t.cell_a2.pk]), {"as_of": "31/12/2025"}).content.decode())
    assert cell["in_party"][1] == 1 and "as_of=31%2F12%2F2025" in cell["in_party"][0]
    # a member-role user has no register to count: no panel
    client.force_login(cast.member_a1)
    assert "members-by-status" not in client.get(reverse("organizations:detail", args=[t.cell_a1.pk])).content.decode()

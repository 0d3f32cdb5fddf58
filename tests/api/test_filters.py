"""OrganizationFilterSet used directly, as the HTML list uses it (no API in between)."""

import datetime as dt

import pytest
from django.test import RequestFactory

from dangvu.organizations.filters import OrganizationFilterSet, OrganizationVersionFilterSet
from dangvu.organizations.models import Organization, OrganizationVersion

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _codes(filterset) -> set[str]:
    assert filterset.is_valid(), filterset.errors
    return {o.code for o in filterset.qs}


def test_filterset_for_the_html_list(cast):
    request = _request(cast.officer_a)
    visible = Organization.objects.visible_to(cast.officer_a)
    assert _codes(OrganizationFilterSet({"q": "  Thôn   TÂY "}, visible, request=request)) == {"99.001.001.000.002"}
    assert _codes(OrganizationFilterSet({"within": cast.tree.grassroots_a.pk, "kind": ["cell"]}, visible,
                                        request=request)) == {"99.001.001.000.001", "99.001.001.000.002"}
    # Without a request (no user) "within" reaches nothing rather than everything.
    assert _codes(OrganizationFilterSet({"within": cast.tree.grassroots_a.pk}, Organization.objects.all())) == set()
    form = OrganizationFilterSet({}, visible, request=request).form
    html = form.as_p()
    for label in ("Tìm kiếm", "Loại hình tổ chức", "Loại hình đơn vị", "Tình trạng", "Thuộc tổ chức", "Trực thuộc trực tiếp"):
        assert label in html
    assert not OrganizationFilterSet({"within": "abc"}, visible, request=request).is_valid()


def test_version_filterset_reads_the_dated_tree(cast):
    request = _request(cast.admin)
    versions = OrganizationVersion.objects.valid_on(dt.date(2015, 1, 1))
    fs = OrganizationVersionFilterSet({"kind": ["district_committee"]}, versions, on=dt.date(2015, 1, 1), request=request)
    assert {v.code for v in fs.qs} == {"99.001", "99.002"}
    fs = OrganizationVersionFilterSet({"within": cast.tree.district_b.pk}, versions, on=dt.date(2015, 1, 1), request=request)
    assert {v.code for v in fs.qs} == {"99.002", "99.002.001", "99.002.001.000.001"}
    fs = OrganizationVersionFilterSet({"within": cast.tree.district_b.pk}, versions, on=dt.date(2009, 1, 1), request=request)
    assert list(fs.qs) == []

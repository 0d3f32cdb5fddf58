"""Every restricted viewset of the API derives from the one base (dangvu.api.viewsets): ids are <int:pk>, lists
are paginated with the site's Pagination, rows come from the restricted queryset; and what the base offers the
apps beyond that."""

from types import SimpleNamespace

import pytest
from django.urls import get_resolver
from rest_framework.viewsets import GenericViewSet

from dangvu.api.pagination import Pagination
from dangvu.api.viewsets import RestrictedGenericViewSet
from dangvu.core.errors import PermissionDeniedInScope


def _viewsets(patterns):
    for p in patterns:
        if hasattr(p, "url_patterns"):
            yield from _viewsets(p.url_patterns)
        else:
            cls = getattr(p.callback, "cls", None)
            if cls is not None and issubclass(cls, GenericViewSet):
                yield cls


def test_every_api_viewset_derives_from_the_restricted_base():
    found = set(_viewsets(get_resolver().url_patterns))
    assert len(found) >= 25
    off = sorted(f"{c.__module__}.{c.__name__}" for c in found if not issubclass(c, RestrictedGenericViewSet))
    assert off == []
    for cls in found:
        assert cls.lookup_value_converter == "int", cls
        assert issubclass(cls.pagination_class, Pagination), cls
        assert cls.queryset is not None and cls.queryset.model is cls.model, cls


NO_DISCIPLINE = "Bạn không có quyền xử lý kỷ luật."


def _refusal(user, permission) -> str | None:
    """What `_require_scope` answers `user` (a fresh copy: the scope cache lives one request), None when it lets
    them through."""
    view = RestrictedGenericViewSet()
    view.request = SimpleNamespace(user=type(user).objects.get(pk=user.pk))
    try:
        view._require_scope(permission, NO_DISCIPLINE)
    except PermissionDeniedInScope as e:
        return str(e)
    return None


@pytest.mark.django_db
def test_require_scope_takes_one_permission_or_any_of_several(cast):
    """Opening a discipline case needs the officers' "discipline.decide" or the cell secretary's "discipline.cell"
    (K2); recording a notification needs "discipline.decide" alone."""
    either = ("discipline.decide", "discipline.cell")
    assert _refusal(cast.officer_a, "discipline.decide") is None
    assert _refusal(cast.secretary_a1, "discipline.decide") == NO_DISCIPLINE
    assert _refusal(cast.secretary_a1, either) is None
    assert _refusal(cast.officer_a, either) is None
    assert _refusal(cast.viewer_a, either) == NO_DISCIPLINE
    assert _refusal(cast.member_a1, either) == NO_DISCIPLINE

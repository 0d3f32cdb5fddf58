"""Every restricted viewset of the API derives from the one base (dangvu.api.viewsets): ids are <int:pk>, lists
are paginated with the site's Pagination, rows come from the restricted queryset. The apps still on their own
boilerplate (being changed on other branches) are listed here until they move."""

from django.urls import get_resolver
from rest_framework.viewsets import GenericViewSet

from dangvu.api.pagination import Pagination
from dangvu.api.viewsets import RestrictedGenericViewSet

NOT_YET = {"dangvu.meetings.api", "dangvu.dues.api", "dangvu.discipline.api"}


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
    off = sorted(f"{c.__module__}.{c.__name__}" for c in found
                 if c.__module__ not in NOT_YET and not issubclass(c, RestrictedGenericViewSet))
    assert off == []
    for cls in found - {c for c in found if c.__module__ in NOT_YET}:
        assert cls.lookup_value_converter == "int", cls
        assert issubclass(cls.pagination_class, Pagination), cls
        assert cls.queryset is not None and cls.queryset.model is cls.model, cls
